"""Read the output of passim (text reuse on Apache Spark) as Documents and an Alignment.

passim writes its clusters of reused passages as JSON lines (one file, or a Spark output
directory of `part-*` files, optionally gzipped). Each line is one passage: `cluster` (the
cluster id), `size` (passages in the cluster), the document's `id`, `series` (the outlet or
publication), `date`, `begin`/`end` (character offsets of the passage in the document passim
read), `text` (the passage), and `uid` (passim's integer id of the document); other fields
(`title`, `url`, ...) are kept when present.

passim's output holds the reused passages, not whole documents, so each Document here is made
of its passages in `begin` order, separated by a blank line ("[...]" between passages that were
not adjacent). Each passim cluster becomes one Family: its earliest passage (by date, then
`begin`) is matched to every other member, the score being `fuzz.ratio` of the two texts, so
the story map shows who carried the passage first and who copied it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from app.core.align.tokens import normalise
from app.core.errors import InputError
from app.core.model import Alignment, Document, Family, Match, Span, document_id
from app.core.segment import sentences
from app.core.worddiff import word_diff

GAP = "\n\n[...]\n\n"  # between passages that were not adjacent in the source document
_REQUIRED = ("cluster", "id", "begin", "end", "text")


@dataclass(frozen=True)
class PassimRecord:
    """One passage line of passim's output."""

    cluster: int
    doc: str
    series: str
    date: str
    begin: int
    end: int
    text: str
    title: str
    url: str


def read_passim(path: str | Path) -> list[PassimRecord]:
    """Every passage record in a passim output file or Spark output directory.

    Raises:
        InputError: the path is missing or unreadable, a line is not JSON, or a record lacks
            one of cluster, id, begin, end, text (the message names the file and line).
    """
    records: list[PassimRecord] = []
    for name, number, line in _lines(Path(path)):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise InputError(name, f"line {number} is not JSON ({exc})") from exc
        records.append(_record(data, name, number))
    if not records:
        raise InputError(str(path), "no passim records found")
    return records


def _lines(path: Path) -> Iterator[tuple[str, int, str]]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.startswith("part-"))
    elif path.is_file():
        files = [path]
    else:
        raise InputError(str(path), "no such file or directory")
    for file in files:
        try:
            raw = file.read_bytes()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError) as exc:
            raise InputError(str(file), f"cannot be read ({exc})") from exc
        for number, line in enumerate(text.splitlines(), start=1):
            yield str(file), number, line


def _record(data: Any, name: str, number: int) -> PassimRecord:
    if not isinstance(data, dict):
        raise InputError(name, f"line {number} is not a JSON object")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise InputError(name, f"line {number} lacks {', '.join(missing)}")
    try:
        return PassimRecord(
            int(data["cluster"]),
            str(data["id"]),
            str(data.get("series", "")),
            str(data.get("date", "")),
            int(data["begin"]),
            int(data["end"]),
            str(data["text"]),
            str(data.get("title", "")),
            str(data.get("url", "")),
        )
    except (TypeError, ValueError) as exc:
        raise InputError(name, f"line {number} has a malformed field ({exc})") from exc


def load_passim(path: str | Path) -> Alignment:
    """passim's clusters as an Alignment: one Document per passim document, one Family per
    cluster (see the module docstring). Documents come in (date, id) order.

    Raises:
        InputError: as `read_passim`.
    """
    records = read_passim(path)
    by_doc: dict[str, list[PassimRecord]] = {}
    for r in records:
        by_doc.setdefault(r.doc, []).append(r)
    order = sorted(by_doc, key=lambda d: (by_doc[d][0].date, d))
    docs: list[Document] = []
    where: dict[tuple[str, int, int], Span] = {}
    for name in order:
        doc, placed = _document(name, by_doc[name], str(path))
        docs.append(doc)
        where.update(placed)
    rank = {d.id: k for k, d in enumerate(docs)}
    texts = {d.id: d.text for d in docs}
    matches: list[Match] = []
    families: list[Family] = []
    clusters: dict[int, list[PassimRecord]] = {}
    for r in records:
        clusters.setdefault(r.cluster, []).append(r)
    for members in clusters.values():
        spans = sorted(
            {where[m.doc, m.begin, m.end] for m in members},
            key=lambda s: (rank[s.doc_id], s.start, s.end),
        )
        first = len(matches)
        for other in spans[1:]:
            matches.append(_match(spans[0], other, texts))
        if len(spans) > 1:
            families.append(Family(list(range(first, len(matches))), spans))
    families.sort(key=lambda f: (rank[f.spans[0].doc_id], f.spans[0].start))
    passages = {d.id: sentences(d) for d in docs}
    return Alignment(docs, passages, matches, families)


def _document(
    name: str, records: list[PassimRecord], source: str
) -> tuple[Document, dict[tuple[str, int, int], Span]]:
    """One document from its passages: the text and where each passage landed in it."""
    parts: list[str] = []
    placed: list[tuple[PassimRecord, int, int]] = []
    pos, last_end = 0, None
    seen: set[tuple[int, int]] = set()
    for r in sorted(records, key=lambda r: (r.begin, r.end)):
        if (r.begin, r.end) in seen:
            continue
        seen.add((r.begin, r.end))
        if parts:
            sep = "\n\n" if last_end is not None and r.begin <= last_end else GAP
            parts.append(sep)
            pos += len(sep)
        text = r.text.strip() or r.text
        placed.append((r, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        last_end = r.end
    full = "".join(parts)
    doc_id = document_id(full)
    head = records[0]
    doc = Document(
        doc_id, head.title or name, head.series, head.date, head.url, "", f"{source}#{name}", full
    )
    return doc, {(name, r.begin, r.end): Span(doc_id, s, e) for r, s, e in placed}


def _match(a: Span, b: Span, texts: dict[str, str]) -> Match:
    from app.core.align import match_kind

    ta, tb = texts[a.doc_id][a.start : a.end], texts[b.doc_id][b.start : b.end]
    score = round(float(fuzz.ratio(normalise(ta), normalise(tb))), 1)
    return Match(a, b, score, match_kind(score), "lexical", word_diff(ta, tb, a.start, b.start))

"""Export and import annotations as W3C Web Annotation JSON; export them as CSV.

Each highlight becomes an Annotation (motivation "highlighting") whose target carries a
TextQuoteSelector and a TextPositionSelector (half-open character offsets into the clean text);
its kind is a "tagging" body, its note a "commenting" body. Each contradiction is an Annotation
with motivation "linking" whose two targets are its highlights. Fields W3C has no place for
(colour, orphan flag, document title, highlight ids of a link, origin) sit under the key
"parallax", so export → import into an empty store → export gives identical JSON.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import dataclass
from typing import Any

from app.core.annotations import Contradiction, Highlight, colour_for
from app.core.errors import InputError
from app.core.model import Document
from app.core.store.repository import Repository

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_DOC_URN = "urn:parallax:document:"
_UUID_URN = "urn:uuid:"
CSV_COLUMNS = [
    "record", "id", "doc", "start", "end", "quote", "kind", "colour", "note",
    "a", "b", "origin", "orphan", "created", "modified",
]  # fmt: skip


@dataclass(frozen=True)
class ImportResult:
    """How many annotations an import stored (new or updated)."""

    highlights: int
    contradictions: int


def _bodies(kind: str, note: str) -> list[dict[str, str]]:
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": kind}]
    if note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    return bodies


def _target(h: Highlight) -> dict[str, Any]:
    return {
        "id": _UUID_URN + h.id,
        "source": _DOC_URN + h.doc_id,
        "selector": [
            {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
            {"type": "TextPositionSelector", "start": h.start, "end": h.end},
        ],
    }


def _annotation_head(row: Highlight | Contradiction, motivation: str) -> dict[str, Any]:
    """The keys every Annotation starts with (id, dates, kind/note bodies), in export order.

    Highlights and contradictions carry the same id, timestamp, kind and note fields; only
    the motivation, target and "parallax" extras differ.
    """
    return {
        "id": _UUID_URN + row.id,
        "type": "Annotation",
        "motivation": motivation,
        "created": row.created,
        "modified": row.modified,
        "body": _bodies(row.kind, row.note),
    }


def highlight_annotation(h: Highlight, doc: Document | None) -> dict[str, Any]:
    """One highlight as a W3C Annotation dict; `doc` is its stored document (or None)."""
    return {
        **_annotation_head(h, "highlighting"),
        "target": {k: v for k, v in _target(h).items() if k != "id"},
        "parallax": {
            "colour": h.colour,
            "orphan": h.orphan,
            "document": {
                "title": doc.title if doc else "",
                "outlet": doc.outlet if doc else "",
                "url": doc.url if doc else "",
            },
        },
    }


def contradiction_annotation(c: Contradiction, highlights: dict[str, Highlight]) -> dict[str, Any]:
    """One contradiction as a W3C Annotation dict linking its two highlights (id -> Highlight)."""
    targets = [_target(highlights[end]) for end in (c.a, c.b) if end in highlights]
    return {
        **_annotation_head(c, "linking"),
        "target": targets,
        "parallax": {"a": c.a, "b": c.b, "origin": c.origin},
    }


def export_w3c(repo: Repository) -> dict[str, Any]:
    """Every highlight then every contradiction, as one W3C AnnotationCollection."""
    docs = {d.id: d for d in repo.list_documents()}
    highlights = repo.list_highlights()
    by_id = {h.id: h for h in highlights}
    items = [highlight_annotation(h, docs.get(h.doc_id)) for h in highlights]
    items += [contradiction_annotation(c, by_id) for c in repo.list_contradictions()]
    return annotation_collection(items)


def annotation_collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    """`items` (W3C Annotation dicts) wrapped as one AnnotationCollection with a single page.

    Shared by `export_w3c` (the whole store) and the case export (the exported articles only),
    so both files have the same envelope.
    """
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Parallax highlights and contradictions",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_w3c_json(repo: Repository) -> str:
    """`export_w3c` as indented JSON text (UTF-8 safe, stable key order)."""
    return json.dumps(export_w3c(repo), indent=2, ensure_ascii=False) + "\n"


def export_csv(repo: Repository) -> str:
    """Highlights and contradictions as one CSV table, one row each (`record` tells which)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for h in repo.list_highlights():
        writer.writerow(
            {"record": "highlight", "id": h.id, "doc": h.doc_id, "start": h.start, "end": h.end}
            | {"quote": h.exact, "kind": h.kind, "colour": h.colour, "note": h.note}
            | {"orphan": int(h.orphan), "created": h.created, "modified": h.modified}
        )
    for c in repo.list_contradictions():
        writer.writerow(
            {"record": "contradiction", "id": c.id, "kind": c.kind, "note": c.note, "a": c.a}
            | {"b": c.b, "origin": c.origin, "created": c.created, "modified": c.modified}
        )
    return out.getvalue()


def _items(data: Any) -> list[dict[str, Any]]:
    """The annotations inside a collection, a page, a list or a single annotation."""
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object or list")
    if data.get("type") == "AnnotationCollection":
        return _items(data.get("first", {}))
    if data.get("type") == "AnnotationPage":
        return _items(data.get("items", []))
    return [data]


def _strip(value: str, prefix: str) -> str:
    return value[len(prefix) :] if value.startswith(prefix) else value


def _body_value(ann: dict[str, Any], purpose: str) -> str | None:
    bodies = ann.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and body.get("purpose") == purpose:
            return str(body.get("value", ""))
    return None


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    if "TextQuoteSelector" not in by_type:
        raise ValueError("a highlight target has no TextQuoteSelector")
    return by_type["TextQuoteSelector"], by_type.get("TextPositionSelector")


def _read_highlight(repo: Repository, ann: dict[str, Any]) -> Highlight:
    """A Highlight from an annotation (ours or another tool's); stores a document stub."""
    target = ann["target"]
    quote, position = _selectors(target)
    extra = ann.get("parallax", {})
    doc_id = _strip(str(target["source"]), _DOC_URN)
    meta = extra.get("document", {})
    repo.ensure_document_stub(
        doc_id, meta.get("title", ""), meta.get("outlet", ""), meta.get("url", "")
    )
    exact = str(quote["exact"])
    start = int(position["start"]) if position else 0
    kind = _body_value(ann, "tagging") or "claim"
    return Highlight(
        id=_strip(str(ann.get("id") or uuid.uuid4()), _UUID_URN),
        doc_id=doc_id,
        exact=exact,
        prefix=str(quote.get("prefix", "")),
        suffix=str(quote.get("suffix", "")),
        start=start,
        end=int(position["end"]) if position else start + len(exact),
        kind=kind,
        colour=str(extra.get("colour") or colour_for(kind)),
        note=_body_value(ann, "commenting") or "",
        created=str(ann.get("created", "")),
        modified=str(ann.get("modified", ann.get("created", ""))),
        orphan=bool(extra.get("orphan", False)),
    )


def _read_contradiction(ann: dict[str, Any]) -> Contradiction:
    """A Contradiction from a linking annotation: ends from "parallax" or the two targets."""
    extra = ann.get("parallax", {})
    targets = ann.get("target", [])
    ends = [extra.get("a"), extra.get("b")]
    if not all(ends):
        ends = [_strip(str(t.get("id", "")), _UUID_URN) for t in targets[:2]]
    if len(ends) != 2 or not all(ends):
        raise ValueError("a linking annotation does not name two highlights")
    return Contradiction(
        id=_strip(str(ann.get("id") or uuid.uuid4()), _UUID_URN),
        a=str(ends[0]),
        b=str(ends[1]),
        note=_body_value(ann, "commenting") or "",
        kind=_body_value(ann, "tagging") or "contradiction",
        origin="flag" if extra.get("origin") == "flag" else "user",
        created=str(ann.get("created", "")),
        modified=str(ann.get("modified", ann.get("created", ""))),
    )


def _store_highlight(repo: Repository, h: Highlight) -> None:
    if repo.get_highlight(h.id) is None:
        repo.insert_highlight(h)
    else:
        repo.update_highlight(h)


def _store_contradiction(repo: Repository, c: Contradiction, source: str) -> None:
    for end in (c.a, c.b):
        if repo.get_highlight(end) is None:
            raise InputError(source, f"contradiction {c.id} links unknown highlight {end}")
    if repo.get_contradiction(c.id) is None:
        repo.insert_contradiction(c)
    else:
        repo.update_contradiction(c)


def import_w3c(repo: Repository, data: Any, source: str = "<input>") -> ImportResult:
    """Store the annotations in parsed W3C JSON `data` (one transaction; same ids update).

    Args:
        data: a collection, page, list or single annotation, as produced by `export_w3c`.
        source: the file name, for error messages.

    Raises:
        InputError: the data is not a W3C annotation export (nothing is stored then).
        StoreError: the store cannot be written.
    """
    try:
        items = _items(data)
        links = [a for a in items if a.get("motivation") == "linking"]
        marks = [a for a in items if a.get("motivation") != "linking"]
        with repo.transaction():
            for ann in marks:
                _store_highlight(repo, _read_highlight(repo, ann))
            for ann in links:
                _store_contradiction(repo, _read_contradiction(ann), source)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(source, f"not a W3C annotation export ({exc})") from exc
    return ImportResult(len(marks), len(links))


def import_w3c_file(repo: Repository, path: str) -> ImportResult:
    """Read and import a W3C JSON file. Raises InputError (unreadable / not JSON), StoreError."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read W3C annotation JSON ({exc})") from exc
    return import_w3c(repo, data, path)

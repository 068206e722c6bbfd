"""Contradiction flags against a gold set read from the seeds (tests/data/seed_contradictions.json).

The real pipeline runs (load_document, align_documents, find_flags). A flag finds a gold item
when its two value spans fall inside the two gold quotes, in either orientation. Gold items
whose quotes lie in no common match cannot be flagged (flags live inside matches); the
detectors are also measured on their own, on the two sentences that hold each gold pair.

Run as a script (`.venv/bin/python -m tests.core.test_flags_gold`) for the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core.align import align_documents
from app.core.flags import find_flags, flags_for_pair
from app.core.model import Alignment, Document, Flag, Span
from tests.core.seed_docs import load_seed_docs

GOLD = Path(__file__).resolve().parents[1] / "data" / "seed_contradictions.json"
MAX_FLAGS = 40  # issue 9: few enough that a user reads them all
MIN_RECALL = 0.7


@dataclass(frozen=True)
class Item:
    """One gold pair: the two quotes located in the clean texts."""

    id: str
    kind: str
    a: Span
    b: Span


@cache
def _pipeline() -> tuple[Alignment, tuple[Flag, ...]]:
    alignment = align_documents(load_seed_docs())
    return alignment, tuple(find_flags(alignment))


def _docs(alignment: Alignment) -> dict[str, Document]:
    return {Path(d.source_path).name: d for d in alignment.documents}


def _locate(docs: dict[str, Document], side: dict[str, str]) -> Span:
    doc = docs[side["file"]]
    at = doc.text.find(side["quote"])
    assert at >= 0, f"{side['file']}: quote not in the clean text: {side['quote']!r}"
    return Span(doc.id, at, at + len(side["quote"]))


def load_items(alignment: Alignment, section: str) -> list[Item]:
    """The gold items of one section ("contradictions" or "agreements"), located."""
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = _docs(alignment)
    return [
        Item(e["id"], e.get("kind", ""), _locate(docs, e["a"]), _locate(docs, e["b"]))
        for e in data[section]
    ]


def _inside(span: Span, where: Span) -> bool:
    return span.doc_id == where.doc_id and where.start <= span.start and span.end <= where.end


def _overlaps(span: Span, where: Span) -> bool:
    return span.doc_id == where.doc_id and span.start < where.end and where.start < span.end


def hits(flag: Flag, item: Item) -> bool:
    """True when the flag's two values stand inside the item's two quotes (either way)."""
    straight = _inside(flag.a, item.a) and _inside(flag.b, item.b)
    return straight or (_inside(flag.a, item.b) and _inside(flag.b, item.a))


def reachable(alignment: Alignment, item: Item) -> bool:
    """True when some match holds both quotes, or one family holds both (flags/family.py),
    so a flag can exist for the item."""
    for m in alignment.matches:
        if (_overlaps(m.a, item.a) and _overlaps(m.b, item.b)) or (
            _overlaps(m.a, item.b) and _overlaps(m.b, item.a)
        ):
            return True
    return any(
        any(_overlaps(s, item.a) for s in f.spans) and any(_overlaps(s, item.b) for s in f.spans)
        for f in alignment.families
    )


def _sentence(alignment: Alignment, quote: Span) -> Span:
    """The sentences of the quote's document that the quote overlaps, as one span."""
    cover = [
        p
        for p in alignment.passages[quote.doc_id]
        if _overlaps(Span(p.doc_id, p.start, p.end), quote)
    ]
    return Span(quote.doc_id, min(p.start for p in cover), max(p.end for p in cover))


def detector_hit(alignment: Alignment, item: Item) -> bool:
    """Run the detectors on the two sentences holding the quotes: is the item flagged?"""
    docs = {d.id: d for d in alignment.documents}
    sa, sb = _sentence(alignment, item.a), _sentence(alignment, item.b)
    da, db = docs[sa.doc_id], docs[sb.doc_id]
    raws = flags_for_pair(da.text[sa.start : sa.end], db.text[sb.start : sb.end], da.date, db.date)
    flags = [
        Flag("number", 0, Span(sa.doc_id, sa.start + r.a_start, sa.start + r.a_end),
             Span(sb.doc_id, sb.start + r.b_start, sb.start + r.b_end), "", "", "")
        for r in raws
    ]  # fmt: skip
    return any(hits(f, item) for f in flags)


def figures() -> dict[str, Any]:
    """Every measured figure: recall (all, reachable), gold precision, false flags, detectors."""
    alignment, flags = _pipeline()
    gold = load_items(alignment, "contradictions")
    agree = load_items(alignment, "agreements")
    found = [g for g in gold if any(hits(f, g) for f in flags)]
    reach = [g for g in gold if reachable(alignment, g)]
    useful = [f for f in flags if any(hits(f, g) for g in gold)]
    return {
        "flags": len(flags),
        "gold": len(gold),
        "found": [g.id for g in found],
        "reachable": [g.id for g in reach],
        "recall": len(found) / len(gold),
        "reachable_recall": len([g for g in found if g in reach]) / max(1, len(reach)),
        "gold_precision": len(useful) / max(1, len(flags)),
        "false_flags": sorted({a.id for a in agree for f in flags if hits(f, a)}),
        "detector_found": [g.id for g in gold if detector_hit(alignment, g)],
        "detector_false": [a.id for a in agree if detector_hit(alignment, a)],
    }


def test_gold_quotes_are_in_the_clean_texts() -> None:
    alignment, _ = _pipeline()
    assert len(load_items(alignment, "contradictions")) >= 10
    assert len(load_items(alignment, "agreements")) >= 10


def test_few_enough_flags_to_read_them_all() -> None:
    _, flags = _pipeline()
    assert 0 < len(flags) <= MAX_FLAGS


def test_agreements_are_never_flagged() -> None:
    got = figures()
    assert got["false_flags"] == []
    assert got["detector_false"] == []


def test_detectors_find_the_gold_contradictions() -> None:
    got = figures()
    assert len(got["detector_found"]) / got["gold"] >= MIN_RECALL, got["detector_found"]


def test_pipeline_finds_the_gold_contradictions_it_can_reach() -> None:
    got = figures()
    assert got["reachable"], "no gold contradiction lies inside a match"
    assert got["reachable_recall"] >= MIN_RECALL, got


def test_pipeline_finds_most_gold_contradictions() -> None:
    """The whole pipeline (alignment, families, flags), not the detectors alone."""
    got = figures()
    assert got["recall"] >= MIN_RECALL, got["found"]


def test_every_seed_flag_gives_its_values_and_a_reason() -> None:
    alignment, flags = _pipeline()
    docs = {d.id: d for d in alignment.documents}
    for f in flags:
        assert docs[f.a.doc_id].text[f.a.start : f.a.end] == f.a_value
        assert docs[f.b.doc_id].text[f.b.start : f.b.end] == f.b_value
        # The reason names the evidence (a converted amount names at least the other value).
        reason = f.reason.lower()
        assert f.a_value.lower() in reason or f.b_value.lower() in reason, f.reason


if __name__ == "__main__":
    for key, value in figures().items():
        print(f"{key}: {value}")
    for f in _pipeline()[1]:
        print(f"[{f.kind}] {f.a_value!r} vs {f.b_value!r}: {f.reason}")

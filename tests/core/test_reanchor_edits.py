"""Re-anchoring against edited copies of the seed articles (issue 7).

Each highlight of a seed's clean text is re-found after one edit near it: text inserted
before, inside and after it, words changed inside it, its paragraph moved, its paragraph
deleted. The figures per edit are printed by benchmarks/reanchor_report.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.anchors import make_anchor, resolve_anchor
from app.core.importers import load_document
from app.core.model import Document, document_id
from app.core.store import open_store, reanchor

from .store_fixtures import add_quote
from .text_edits import EDITS, SEEDS, change_words, delete_paragraph, insert_before, pick_spans

SPANS_PER_SEED = 8


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    return [load_document(p) for p in sorted(SEEDS.glob("*.txt"))]


def _cases(
    docs: list[Document], edit_name: str
) -> list[tuple[str, str, int, int, tuple[int, int] | None]]:
    edit = EDITS[edit_name]
    out = []
    for k, doc in enumerate(docs):
        for start, end in pick_spans(doc.text, SPANS_PER_SEED, seed=k):
            new, where = edit(doc.text, start, end)
            out.append((doc.text, new, start, end, where))
    return out


@pytest.mark.parametrize("edit_name", ["insert before", "insert after", "paragraphs reordered"])
def test_untouched_quotes_are_found_verbatim_where_they_went(
    seed_docs: list[Document], edit_name: str
) -> None:
    for old, new, start, end, where in _cases(seed_docs, edit_name):
        found = resolve_anchor(make_anchor(old, start, end), new)
        assert found is not None and found.how in ("exact", "moved")
        assert (found.start, found.end) == where
        assert new[found.start : found.end] == old[start:end]


@pytest.mark.parametrize("edit_name", ["insert inside", "words changed inside"])
def test_edited_quotes_are_placed_fuzzily_on_the_edited_passage(
    seed_docs: list[Document], edit_name: str
) -> None:
    cases = _cases(seed_docs, edit_name)
    placed = 0
    for old, new, start, end, where in cases:
        found = resolve_anchor(make_anchor(old, start, end), new)
        if found is None:
            continue
        placed += 1
        assert found.how == "fuzzy"  # the quote as stored is no longer in the text
        assert where is not None
        # Placed on the edited passage itself, give or take a word at either end.
        assert abs(found.start - where[0]) <= 12 and abs(found.end - where[1]) <= 12
    assert placed >= 0.9 * len(cases)


def test_quotes_of_a_deleted_paragraph_become_orphans(seed_docs: list[Document]) -> None:
    for old, new, start, end, _ in _cases(seed_docs, "paragraph deleted"):
        assert resolve_anchor(make_anchor(old, start, end), new) is None


def test_store_reanchor_counts_each_outcome_and_keeps_orphans(
    seed_docs: list[Document], tmp_path: Path
) -> None:
    doc = seed_docs[3]
    spans = pick_spans(doc.text, 40, seed=11)
    # Three highlights in three different paragraphs, far apart.
    first, middle, last = spans[0], spans[len(spans) // 2], spans[-1]
    text, _ = delete_paragraph(doc.text, *last)
    text, _ = change_words(text, *middle)
    text, _ = insert_before(text, *first)
    new = Document(**{**doc.__dict__, "id": document_id(text), "text": text})
    with open_store(tmp_path / "parallax.db") as repo:
        ids = [add_quote(repo, doc, doc.text[s:e]).id for s, e in (first, middle, last)]
        report = reanchor(repo, doc.id, new)
        assert (report.exact + report.moved, report.fuzzy, report.orphaned) == (1, 1, 1)
        after = [repo.get_highlight(i) for i in ids]
        assert all(h is not None for h in after)
        assert [h.doc_id for h in after if h] == [new.id, new.id, doc.id]
        assert [h.orphan for h in after if h] == [False, False, True]
        assert repo.list_orphans()[0].id == ids[2]

"""Derivation hints and the story grid: origin by date, unattributed near-verbatim copies."""

from __future__ import annotations

from app.core.align import align_documents
from app.core.derivation import chronological, derive, story_grid
from app.core.model import Document, document_id

FACT = (
    "The ministry confirmed on Tuesday that the new bridge over the river will open to traffic "
    "in the first week of October after two years of delays."
)
OTHER = "Farmers in the valley expect a record harvest of apples and pears this autumn season."


def _doc(text: str, outlet: str, date: str) -> Document:
    return Document(document_id(text), outlet, outlet, date, "", "en", f"{outlet}.txt", text)


def _case() -> list[Document]:
    # Given out of date order on purpose: the Courier (1 May) is the earliest.
    herald = _doc(f"{FACT} Nothing else was said.", "Herald", "2024-05-03")
    courier = _doc(f"{FACT} {OTHER}", "Courier", "2024-05-01")
    credited = _doc(f"As the Courier reported, {FACT[0].lower()}{FACT[1:]}", "Post", "2024-05-02")
    rewrite = _doc(
        "Officials said the long delayed bridge across the river should finally carry traffic "
        "from early October, the ministry confirmed on Tuesday.",
        "Gazette",
        "2024-05-04",
    )
    undated = _doc(OTHER, "Weekly", "")
    return [herald, courier, credited, rewrite, undated]


def test_chronological_puts_undated_last_and_keeps_ties_in_order() -> None:
    docs = _case()
    assert [docs[k].outlet for k in chronological(docs)] == [
        "Courier",
        "Post",
        "Herald",
        "Gazette",
        "Weekly",
    ]
    month = _doc("Some text.", "Monthly", "2024-05")  # any day of May: after the full dates
    assert [([*docs, month])[k].outlet for k in chronological([*docs, month])][-2:] == [
        "Monthly",
        "Weekly",
    ]


def test_origin_is_the_earliest_and_unnamed_verbatim_copies_are_flagged() -> None:
    docs = _case()
    al = align_documents(docs, semantic=False)
    outlet = {d.id: d.outlet for d in docs}
    fact = next(
        d for d in derive(al) if outlet[d.origin.doc_id] == "Courier" and len(d.versions) >= 2
    )
    by_outlet = {outlet[v.span.doc_id]: v for v in fact.versions}
    assert by_outlet["Herald"].kind == "verbatim" and by_outlet["Herald"].unattributed_copy
    assert by_outlet["Post"].names_source and not by_outlet["Post"].unattributed_copy
    if "Gazette" in by_outlet:  # a loose rewrite, if the aligner links it, is no copy
        assert not by_outlet["Gazette"].unattributed_copy


def test_story_grid_rows_by_date_and_cells_by_kind() -> None:
    docs = _case()
    al = align_documents(docs, semantic=False)
    grid = story_grid(al)
    assert [docs[k].outlet for k in grid.rows] == ["Courier", "Post", "Herald", "Gazette", "Weekly"]
    assert len(grid.cells[0]) == len(al.families)
    fact_col = next(
        f
        for f, d in enumerate(grid.derivations)
        if docs[grid.rows[0]].id == d.origin.doc_id and len(d.versions) >= 2
    )
    column = [row[fact_col] for row in grid.cells]
    assert column[0] == "origin"
    assert column[2] == "verbatim"  # the Herald
    assert column[4] == "absent"  # the Weekly never carries the bridge
    assert grid.scores[0][fact_col] is None and grid.scores[2][fact_col] is not None

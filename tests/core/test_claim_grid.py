"""The claim grid (app/core/claim_grid.py): rows, reference choice, per-cell diffs and flags,
divergence, sorting, and the seeds end to end."""

from __future__ import annotations

import pytest

from app.core.align import align_documents
from app.core.claim_grid import (
    ClaimGrid,
    build_claim_grid,
    cell_flags,
    cell_segments,
    clip_segments,
    row_gist,
    sort_rows,
)
from app.core.derivation import chronological
from app.core.flags import find_flags
from app.core.model import Alignment, Document, Family, Flag, Match, Span, document_id
from app.core.thresholds import CLAIM_GRID_FLAG_WEIGHT, CLAIM_GRID_OMISSION_WEIGHT
from app.core.worddiff import word_diff

from .seed_docs import load_seed_docs

BASES = (
    "Russia offered the United States the use of its bases in Central Asia in July.",
    "Russia offered the US the use of its military bases in Central Asia in June.",
    "Moscow offered Washington the use of its military bases in Central Asia in June.",
)
OTHER = "A passage about drones that only two of the articles carry."


def _doc(outlet: str, date: str, body: str) -> Document:
    text = f"Headline of {outlet}.\n\n{body}\n\nThe end of {outlet}."
    return Document(document_id(text), outlet, outlet, date, "", "en", f"/x/{outlet}.txt", text)


def _span(doc: Document, sentence: str) -> Span:
    start = doc.text.index(sentence)
    return Span(doc.id, start, start + len(sentence))


def _match(docs: dict[str, Document], a: Span, b: Span, score: float) -> Match:
    ops = word_diff(docs[a.doc_id].text[a.start : a.end], docs[b.doc_id].text[b.start : b.end],
                    a.start, b.start)  # fmt: skip
    return Match(a, b, score, "close", "lexical", ops)


def _case() -> Alignment:
    """Alpha (undated, first given), Beta (2021-07-20), Gamma (2021-07-18, the earliest), Delta.

    Family 0: the bases sentence in Alpha, Beta, Gamma; Gamma-Alpha and Gamma-Beta matched,
    Alpha-Beta not. Family 1: OTHER in Alpha and Delta only (two matches of the same pair).
    """
    alpha = _doc("Alpha", "", f"{BASES[0]} {OTHER}")
    beta = _doc("Beta", "2021-07-20", BASES[1])
    gamma = _doc("Gamma", "2021-07-18", BASES[2])
    delta = _doc("Delta", "2021-08-01", OTHER)
    docs = {d.id: d for d in (alpha, beta, gamma, delta)}
    a, b, g = _span(alpha, BASES[0]), _span(beta, BASES[1]), _span(gamma, BASES[2])
    matches = [_match(docs, a, g, 70.0), _match(docs, b, g, 90.0)]
    o1, o2 = _span(alpha, OTHER), _span(delta, OTHER)
    matches += [_match(docs, o1, o2, 100.0), _match(docs, o1, o2, 99.0)]
    families = [Family([0, 1], [a, b, g]), Family([2, 3], [o1, o2])]
    return Alignment([alpha, beta, gamma, delta], {}, matches, families)


def _flag(alignment: Alignment, match: int, a_value: str, b_value: str) -> Flag:
    m = alignment.matches[match]
    texts = {d.id: d.text for d in alignment.documents}
    a_at = texts[m.a.doc_id].index(a_value, m.a.start)
    b_at = texts[m.b.doc_id].index(b_value, m.b.start)
    return Flag("date", match, Span(m.a.doc_id, a_at, a_at + len(a_value)),
                Span(m.b.doc_id, b_at, b_at + len(b_value)), a_value, b_value,
                f"dates differ: {a_value} vs {b_value}")  # fmt: skip


def _joined(grid: ClaimGrid, row: int, col: int) -> str:
    r = grid.rows[row]
    cell = r.cells[col]
    assert cell is not None
    return "".join(s.text for s in cell_segments(grid, r, cell) if s.tag != "delete")


def test_one_row_per_family_one_cell_per_document_and_absences():
    grid = build_claim_grid(_case(), [])
    assert [r.family for r in grid.rows] == [0, 1]
    assert [c is not None for c in grid.rows[0].cells] == [True, True, True, False]
    assert [c is not None for c in grid.rows[1].cells] == [True, False, False, True]
    assert grid.rows[0].present == 3 and grid.rows[0].missing_share == pytest.approx(0.25)


def test_reference_is_the_earliest_dated_article_not_the_first_given():
    alignment = _case()
    grid = build_claim_grid(alignment, [])
    assert grid.rows[0].reference == 2  # Gamma, 2021-07-18; Alpha is undated so counts last
    assert grid.rows[1].reference == 3  # Delta is dated, Alpha is not
    ref = grid.rows[0].cells[2]
    assert ref is not None and ref.is_reference and ref.similarity == 100.0
    assert chronological(alignment.documents)[0] == 2


def test_direct_cell_uses_the_match_ops_turned_to_face_the_reference():
    alignment = _case()
    grid = build_claim_grid(alignment, [])
    gamma_span = alignment.families[0].spans[2]
    beta = grid.rows[0].cells[1]
    assert beta is not None and beta.direct and beta.similarity == 90.0
    # the Beta-Gamma match has Beta on its a side: the cell's ops must have Gamma there
    assert min(op.a_start for op in beta.ops) == gamma_span.start
    assert max(op.a_end for op in beta.ops) == gamma_span.end
    assert max(op.b_end for op in beta.ops) == beta.span.end
    pieces = {(s.text, s.tag) for s in cell_segments(grid, grid.rows[0], beta)}
    assert {("Russia", "replace"), ("the US", "replace")} <= pieces
    assert _joined(grid, 0, 1) == BASES[1]
    # Alpha is the a side of its match with Gamma: Gamma's "military", an insert there, is a
    # reference word Alpha left out here
    alpha = grid.rows[0].cells[0]
    assert alpha is not None
    alpha_pieces = cell_segments(grid, grid.rows[0], alpha)
    assert ("military", "delete") in {(s.text, s.tag) for s in alpha_pieces}
    assert _joined(grid, 0, 0) == BASES[0]


def test_cell_without_a_match_to_the_reference_gets_a_computed_diff():
    # Alpha is linked to the reference (Gamma) directly; drop that match so only Beta links it
    alignment = _case()
    docs = {d.id: d for d in alignment.documents}
    a, b = alignment.families[0].spans[0], alignment.families[0].spans[1]
    alignment.matches[0] = _match(docs, a, b, 60.0)
    grid = build_claim_grid(alignment, [])
    alpha = grid.rows[0].cells[0]
    assert alpha is not None and not alpha.direct
    assert _joined(grid, 0, 0) == BASES[0]
    # Dice of shared words: Gamma has 15 tokens, Alpha 16 ("." included); at most 11 shared
    # ("offered the use of its bases in Central Asia in ."), as a longest common subsequence
    assert 50 < alpha.similarity <= 100 * 2 * 11 / (15 + 16) + 1e-9


def test_flags_attach_to_both_cells_mark_the_values_and_count_once():
    alignment = _case()
    flags = [_flag(alignment, 0, "July", "June"), _flag(alignment, 0, "July", "June")]
    grid = build_claim_grid(alignment, flags)
    row = grid.rows[0]
    assert len(row.flags) == 1  # the same kind and values twice count once
    alpha, beta, gamma = row.cells[0], row.cells[1], row.cells[2]
    assert alpha is not None and gamma is not None and beta is not None
    assert alpha.flags and gamma.flags and not beta.flags
    seen = cell_flags(alpha)
    assert len(seen) == 1 and seen[0][1:] == ("July", "June", alignment.documents[2].id)
    flagged = [s.text for s in cell_segments(grid, row, alpha) if s.flagged]
    assert flagged == ["July"]
    assert [s.text for s in cell_segments(grid, row, gamma) if s.flagged] == ["June"]


def test_divergence_is_the_documented_formula():
    alignment = _case()
    grid = build_claim_grid(alignment, [_flag(alignment, 0, "July", "June")])
    row = grid.rows[0]
    mean = (70.0 + 90.0) / 2
    assert row.mean_similarity == pytest.approx(mean)
    expected = (100 - mean) + CLAIM_GRID_FLAG_WEIGHT * 1 + CLAIM_GRID_OMISSION_WEIGHT * 0.25
    assert row.divergence == pytest.approx(expected)


def test_sorting_by_divergence_coverage_and_family():
    alignment = _case()
    grid = build_claim_grid(alignment, [])
    # family 1 is verbatim in its best match (100) but half the articles left it out
    div = [grid.rows[k].divergence for k in sort_rows(grid)]
    assert div == sorted(div, reverse=True)
    assert sort_rows(grid, "divergence", descending=False) == sort_rows(grid)[::-1]
    assert sort_rows(grid, "coverage") == [0, 1]
    assert sort_rows(grid, "family", descending=False) == [0, 1]


def test_a_second_span_of_one_article_is_kept_as_other():
    alignment = _case()
    alpha = alignment.documents[0]
    extra = _span(alpha, "Headline of Alpha.")
    alignment.families[0].spans.insert(0, extra)
    grid = build_claim_grid(alignment, [])
    cell = grid.rows[0].cells[0]
    assert cell is not None and cell.span != extra and cell.others == (extra,)


def test_unknown_document_is_refused():
    alignment = _case()
    alignment.families[0].spans.append(Span("nope", 0, 3))
    with pytest.raises(ValueError, match="family 0"):
        build_claim_grid(alignment, [])


def test_clip_segments_cuts_at_a_word_and_says_so():
    alignment = _case()
    grid = build_claim_grid(alignment, [])
    row = grid.rows[0]
    cell = row.cells[1]
    assert cell is not None
    pieces = cell_segments(grid, row, cell)
    short, cut = clip_segments(pieces, 20)
    text = "".join(s.text for s in short)
    assert cut and 0 < len(text) <= 20
    own = "".join(s.text for s in short if s.tag != "delete")
    assert BASES[1].startswith(own.strip())  # cut between words, not inside one
    assert BASES[1][len(own.strip())] in " ."
    whole, cut_whole = clip_segments(pieces, 10_000)
    assert not cut_whole and len(whole) == len(pieces)
    assert row_gist(grid, row, 20).endswith("…")


def test_seed_grid_covers_every_family_and_rebuilds_each_version():
    docs = load_seed_docs()
    alignment = align_documents(docs, workers=1, semantic=False)
    flags = find_flags(alignment)
    grid = build_claim_grid(alignment, flags)
    order = chronological(alignment.documents)
    assert len(grid.rows) == len(alignment.families)
    assert sum(len(r.flags) for r in grid.rows) >= 1
    for k, row in enumerate(grid.rows):
        carriers = {grid.documents[c].id for c, cell in enumerate(row.cells) if cell is not None}
        assert carriers == {s.doc_id for s in alignment.families[row.family].spans}
        first = next(i for i in order if alignment.documents[i].id in carriers)
        assert row.reference == first
        for col, cell in enumerate(row.cells):
            if cell is not None:
                assert _joined(grid, k, col) == grid.text(cell.span)
                assert 0.0 <= cell.similarity <= 100.0

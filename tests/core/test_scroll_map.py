"""The linked-scrolling map: anchors from families, LIS against crossings, interpolation."""

from __future__ import annotations

import itertools

import pytest

from app.core.model import Alignment, Document, Family, Span
from app.core.scroll_map import build_anchor_pairs, longest_increasing_pairs, map_offset


def _doc(doc_id: str, length: int) -> Document:
    return Document(doc_id, "", "", "", "", "en", "", "x" * length)


def _alignment(families: list[list[Span]]) -> Alignment:
    docs = [_doc("a", 1000), _doc("b", 2000), _doc("c", 500)]
    return Alignment(docs, {}, [], [Family([], spans) for spans in families])


def test_empty_anchors_map_proportionally() -> None:
    assert map_offset([], 250, 1000, 2000) == pytest.approx(500)
    assert map_offset([], 0, 1000, 2000) == 0
    assert map_offset([], 1000, 1000, 2000) == 2000


def test_exact_hit_on_anchors_and_linear_between() -> None:
    anchors = [(100, 700), (200, 900)]
    assert map_offset(anchors, 100, 1000, 2000) == pytest.approx(700)
    assert map_offset(anchors, 200, 1000, 2000) == pytest.approx(900)
    assert map_offset(anchors, 150, 1000, 2000) == pytest.approx(800)
    assert map_offset(anchors, 50, 1000, 2000) == pytest.approx(350)  # between (0,0) and first


def test_offsets_outside_the_text_are_clamped() -> None:
    assert map_offset([(100, 700)], -5, 1000, 2000) == 0
    assert map_offset([(100, 700)], 5000, 1000, 2000) == 2000
    assert map_offset([], 10, 0, 2000) == 0


def test_mapping_is_monotonic() -> None:
    anchors = [(10, 400), (300, 450), (301, 1200), (900, 1300)]
    values = [map_offset(anchors, x / 2, 1000, 2000) for x in range(0, 2001)]
    assert all(b >= a for a, b in itertools.pairwise(values))


def test_build_anchor_pairs_takes_family_starts_and_ends() -> None:
    fam = [Span("a", 100, 150), Span("b", 600, 680), Span("c", 10, 40)]
    alignment = _alignment([fam])
    assert build_anchor_pairs(alignment, "a", "b") == [(100, 600), (150, 680)]
    assert build_anchor_pairs(alignment, "b", "a") == [(600, 100), (680, 150)]


def test_families_missing_from_one_document_give_no_anchor() -> None:
    alignment = _alignment([[Span("a", 100, 150), Span("c", 10, 40)]])
    assert build_anchor_pairs(alignment, "a", "b") == []


def test_crossing_pairs_are_dropped_keeping_the_most() -> None:
    # Three families in order in A; the middle one is moved to the end of B.
    families = [
        [Span("a", 100, 150), Span("b", 100, 150)],
        [Span("a", 200, 250), Span("b", 900, 950)],
        [Span("a", 300, 350), Span("b", 300, 350)],
        [Span("a", 400, 450), Span("b", 400, 450)],
    ]
    pairs = build_anchor_pairs(_alignment(families), "a", "b")
    assert (200, 900) not in pairs and (250, 950) not in pairs
    assert pairs == [(100, 100), (150, 150), (300, 300), (350, 350), (400, 400), (450, 450)]


def test_lis_output_strictly_increasing_in_both() -> None:
    pairs = [(1, 5), (2, 3), (2, 4), (3, 1), (4, 6), (5, 6), (6, 7)]
    kept = longest_increasing_pairs(pairs)
    assert all(a1 < a2 and b1 < b2 for (a1, b1), (a2, b2) in itertools.pairwise(kept))
    assert len(kept) == 3  # e.g. (2,3) (4,6) (6,7): ties in A or B cannot both be kept
    assert longest_increasing_pairs([]) == []

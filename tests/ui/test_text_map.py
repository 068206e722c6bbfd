"""Clean offsets <-> display positions with junk inserted and characters beyond the BMP."""

from __future__ import annotations

from app.ui.panes.text_map import TextMap


def test_insertions_shift_later_offsets() -> None:
    m = TextMap("abcdef", [(2, "XY"), (4, "Z")])
    assert m.display == "abXYcdZef"
    assert [m.to_display(i) for i in range(7)] == [0, 1, 4, 5, 7, 8, 9]
    assert m.to_display_end(2) == 2 and m.to_display_end(4) == 6
    assert m.inserted_ranges() == [(2, 4), (6, 7)]


def test_positions_inside_insertions_map_to_where_they_stood() -> None:
    m = TextMap("abcdef", [(2, "XY")])
    assert [m.to_clean(p) for p in range(9)] == [0, 1, 2, 2, 2, 3, 4, 5, 6]


def test_astral_characters_count_twice_in_utf16() -> None:
    m = TextMap("a😀b", [])
    assert [m.to_display(i) for i in range(4)] == [0, 1, 3, 4]
    assert m.to_clean(3) == 2 and m.to_clean(4) == 3

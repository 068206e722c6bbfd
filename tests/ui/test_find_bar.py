"""Find in articles: Ctrl+F opens the bar, Enter / Shift+Enter walk the hits across panes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from app.core.model import Alignment
from app.ui.find_bar import Hit, count_text, pick_hit
from app.ui.main_window import MainWindow
from app.ui.panes.document_pane import DocumentPane

from .annotation_helpers import (
    no_blocking_store_dialogs,  # noqa: F401  (autouse)
    shown_window,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NEEDLE = "DRONES"  # any case: the articles say "drones"


@pytest.fixture
def window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    w = shown_window(qtbot, alignment)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    return w


def _expected_hits(window: MainWindow, needle: str) -> list[tuple[str, int]]:
    """(doc id, clean offset) of every occurrence, panes left to right, computed from the text."""
    hits = []
    for pane in window.case_view.panes:
        text, at = pane.doc.text.lower(), -1
        while (at := text.find(needle.lower(), at + 1)) >= 0:
            hits.append((pane.doc.id, at))
    return hits


def _selection(pane: DocumentPane) -> tuple[int, int]:
    cursor = pane.view.textCursor()
    start = pane.text_map.to_clean(cursor.selectionStart())
    return start, pane.text_map.to_clean(cursor.selectionEnd()) - start


def _open_with_ctrl_f(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.case_view.panes[0]
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible()
    assert bar.field.hasFocus()


def test_ctrl_f_is_edit_find(window: MainWindow) -> None:
    find = window.actions_.find
    assert find is not None
    assert find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.actions_.edit_menu is not None
    assert find in window.actions_.edit_menu.actions()
    assert not window.find_bar.isVisible()


def test_typing_selects_the_first_hit_and_enter_walks_across_panes(
    qtbot: QtBot, window: MainWindow
) -> None:
    expected = _expected_hits(window, NEEDLE)
    docs = {doc_id for doc_id, _ in expected}
    assert len(expected) >= 3 and len(docs) >= 3  # one hit in every article
    _open_with_ctrl_f(qtbot, window)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, NEEDLE)
    for step, (doc_id, offset) in enumerate(expected):
        if step:
            qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        pane = window.case_view.pane_for(doc_id)
        assert pane is not None
        assert _selection(pane) == (offset, len(NEEDLE))
        assert bar.count_label.text() == f"{step + 1} of {len(expected)}"
        # Scrolled so the hit is in sight.
        rect = pane.view.cursorRect(pane.view.textCursor())
        assert rect.top() >= 0 and rect.bottom() <= pane.view.viewport().height()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # past the last: round to the first
    assert bar.count_label.text() == f"1 of {len(expected)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # and back to the last
    assert bar.count_label.text() == f"{len(expected)} of {len(expected)}"
    last_doc, last_offset = expected[-1]
    last_pane = window.case_view.pane_for(last_doc)
    assert last_pane is not None
    assert _selection(last_pane) == (last_offset, len(NEEDLE))


def test_a_hit_far_down_a_pane_is_scrolled_into_view(qtbot: QtBot, window: MainWindow) -> None:
    needle = "paragraph 6."  # a filler paragraph of the first article, below the first screen
    expected = _expected_hits(window, needle)
    assert expected
    pane = window.case_view.pane_for(expected[0][0])
    assert pane is not None
    pane.scroll_bar().setValue(0)
    _open_with_ctrl_f(qtbot, window)
    qtbot.keyClicks(window.find_bar.field, needle)
    assert _selection(pane) == (expected[0][1], len(needle))
    rect = pane.view.cursorRect(pane.view.textCursor())
    assert rect.top() >= 0 and rect.bottom() <= pane.view.viewport().height()


def test_no_matches_leaves_the_panes_alone(qtbot: QtBot, window: MainWindow) -> None:
    _open_with_ctrl_f(qtbot, window)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "zebra crossing")
    assert bar.count_label.text() == "No matches"
    assert all(not p.view.textCursor().hasSelection() for p in window.case_view.panes)


def test_escape_closes_the_bar_not_the_family_selection(qtbot: QtBot, window: MainWindow) -> None:
    window.case_view.select_family(0)
    _open_with_ctrl_f(qtbot, window)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, NEEDLE)
    first_doc = _expected_hits(window, NEEDLE)[0][0]
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.case_view.selected_family == 0  # Go → Clear Selection (Escape) did not run
    pane = window.case_view.pane_for(first_doc)
    assert pane is not None and pane.view.hasFocus()
    assert pane.view.textCursor().selectedText().lower() == NEEDLE.lower()


def test_selected_text_becomes_the_search_and_f3_goes_on(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.case_view.panes[1]
    start = pane.doc.text.index("Central Asia")
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.text_map.to_display(start))
    cursor.setPosition(
        pane.text_map.to_display_end(start + len("Central Asia")), cursor.MoveMode.KeepAnchor
    )
    pane.view.setTextCursor(cursor)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.field.text() == "Central Asia"
    expected = _expected_hits(window, "Central Asia")
    at = expected.index((pane.doc.id, start))
    assert bar.count_label.text() == f"{at + 1} of {len(expected)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    nxt_doc, nxt_offset = expected[(at + 1) % len(expected)]
    nxt = window.case_view.pane_for(nxt_doc)
    assert nxt is not None and _selection(nxt) == (nxt_offset, len("Central Asia"))


def test_the_bar_follows_shown_junk(qtbot: QtBot, window: MainWindow) -> None:
    """Shown junk is searchable (it is on screen); hidden again, it is not."""
    _open_with_ctrl_f(qtbot, window)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "newsletter")
    assert bar.count_label.text() == "No matches"
    window.set_show_junk(True)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text().startswith("1 of ")
    assert bar.current is not None
    pane = window.case_view.pane_for(bar.current.doc_id)
    assert pane is not None and pane.view.textCursor().selectedText() == "newsletter"


# --- the rules, without widgets -----------------------------------------------------------------
HITS = [Hit(0, "a", 5, 8), Hit(0, "a", 40, 43), Hit(1, "b", 2, 5), Hit(2, "c", 9, 12)]


def test_pick_hit_moves_in_reading_order_and_wraps() -> None:
    assert pick_hit(HITS, None, True, stay=False) == 0
    assert pick_hit(HITS, None, False, stay=False) == 3
    assert pick_hit(HITS, HITS[1], True, stay=False) == 2
    assert pick_hit(HITS, HITS[3], True, stay=False) == 0
    assert pick_hit(HITS, HITS[0], False, stay=False) == 3
    assert pick_hit(HITS, HITS[2], False, stay=False) == 1
    assert pick_hit(HITS, HITS[2], True, stay=True) == 2  # the search text grew: stay put


def test_pick_hit_follows_the_article_when_panes_move() -> None:
    # Article "b" now stands first: from its hit, the next is the one after it in the new order.
    moved = [Hit(0, "b", 2, 5), Hit(1, "a", 5, 8), Hit(2, "c", 9, 12)]
    assert pick_hit(moved, Hit(1, "b", 2, 5), True, stay=False) == 1
    assert pick_hit(moved, Hit(0, "gone", 1, 2), True, stay=False) == 0


def test_count_text() -> None:
    assert count_text(3, 17) == "3 of 17"
    assert count_text(None, 0) == "No matches"
    assert count_text(None, 1) == "1 match"
    assert count_text(None, 4) == "4 matches"

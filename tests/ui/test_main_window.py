"""The reader's window on the hand-built fixture: selection, linked scrolling, junk, status."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from pytestqt.qtbot import QtBot

from app.core.model import Alignment, Span
from app.ui.main_window import MainWindow
from app.ui.panes.document_pane import DocumentPane

from .fixtures import JUNK_TEXT, SHARED, span_of


@pytest.fixture
def window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.settings.sync_scroll = True
    win.settings.show_junk = False
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.alignment_shown):
        win.show_alignment(alignment)
    return win


def _line_top(pane: DocumentPane, clean_offset: int) -> int:
    """Viewport y of the line holding a clean offset, read from Qt's own cursor geometry."""
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.text_map.to_display(clean_offset))
    return pane.view.cursorRect(cursor).top()


def test_status_bar_counts_articles_passages_and_families(window: MainWindow) -> None:
    assert len(window.case_view.panes) == 3
    assert window.status_label.text().startswith("3 articles · 3 shared passages (8 versions)")


def test_clicking_a_passage_selects_its_family_in_every_pane(
    qtbot: QtBot, window: MainWindow, alignment: Alignment
) -> None:
    pane = window.case_view.panes[1]
    target = span_of(pane.doc, SHARED["drones"][1])
    pane.center_on(target.start, target.end)
    rect_top = _line_top(pane, target.start + 5)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, rect_top + 5))
    family = alignment.families[1]
    for p in window.case_view.panes:
        expected = [(s.start, s.end) for s in family.spans if s.doc_id == p.doc.id]
        assert p.selected_spans() == expected
        assert expected  # the drones family is in all three articles
    html_text = window.comparison.toPlainText()
    assert "Alpha Times" in html_text and "Beta News" in html_text and "Gamma Daily" in html_text
    assert "(clicked)" in html_text


def test_selected_family_is_scrolled_into_view_in_every_pane(window: MainWindow) -> None:
    window.case_view.select_family(2)
    for p in window.case_view.panes:
        spans = [s for s in window.case_view.alignment.families[2].spans if s.doc_id == p.doc.id]
        for span in spans:
            assert 0 <= _line_top(p, span.start) < p.view.viewport().height()


def test_linked_scrolling_keeps_matched_passages_level(window: MainWindow) -> None:
    a, b = window.case_view.panes[0], window.case_view.panes[1]
    span_a = span_of(a.doc, SHARED["summit"][0])
    span_b = span_of(b.doc, SHARED["summit"][1])
    a.scroll_bar().setValue(a.scroll_bar().value() + _line_top(a, span_a.start))
    assert abs(_line_top(a, span_a.start)) <= 1
    assert abs(_line_top(b, span_b.start)) <= 4


def test_linked_scrolling_can_be_turned_off(window: MainWindow) -> None:
    a, b = window.case_view.panes[0], window.case_view.panes[1]
    window.actions_.sync_scroll.trigger()
    assert not window.settings.sync_scroll
    before = b.scroll_bar().value()
    a.scroll_bar().setValue(a.scroll_bar().maximum() // 2)
    assert b.scroll_bar().value() == before


def test_junk_toggle_reveals_and_hides_junk(window: MainWindow) -> None:
    pane = window.case_view.panes[0]
    assert JUNK_TEXT not in pane.view.toPlainText()
    window.actions_.show_junk.trigger()
    assert JUNK_TEXT in pane.view.toPlainText()
    # Clean offsets still point at the same words with junk shown.
    span = span_of(pane.doc, SHARED["bases"][0])
    shown = pane.view.toPlainText()
    start = pane.text_map.to_display(span.start)
    assert shown[start : start + 20] == SHARED["bases"][0][:20]
    window.actions_.show_junk.trigger()
    assert JUNK_TEXT not in pane.view.toPlainText()


def test_next_and_previous_shared_passage(window: MainWindow) -> None:
    window.actions_.next_family.trigger()
    assert window.case_view.selected_family == 0
    window.actions_.next_family.trigger()
    assert window.case_view.selected_family == 1
    window.actions_.previous_family.trigger()
    window.actions_.previous_family.trigger()
    assert window.case_view.selected_family == 2  # wraps round
    window.actions_.clear_selection.trigger()
    assert all(p.selected_spans() == [] for p in window.case_view.panes)


def test_every_menu_command_has_a_shortcut(window: MainWindow) -> None:
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            assert not action.shortcut().isEmpty(), action.text()


def test_no_two_window_commands_share_a_shortcut(window: MainWindow) -> None:
    """Qt fires neither action of an ambiguous shortcut, so a clash silently kills both."""
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen or seen[text] == action.text(), (text, seen.get(text))
            seen[text] = action.text()
    assert "Ctrl+Shift+M" in seen and "Ctrl+M" in seen


def test_pane_reports_user_text_selection_as_clean_span(window: MainWindow) -> None:
    pane = window.case_view.panes[0]
    window.actions_.show_junk.trigger()  # offsets must survive the inserted junk
    span = span_of(pane.doc, SHARED["bases"][0])
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.text_map.to_display(span.start))
    cursor.setPosition(pane.text_map.to_display_end(span.end), QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    assert pane.selected_span() == Span(pane.doc.id, span.start, span.end)


def test_side_panel_hook_docks_on_the_right(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    dock = window.add_side_panel(QLabel("Highlights"), "Highlights")
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_articles_shown_menu_hides_and_restores_a_pane(qtbot: QtBot, window: MainWindow) -> None:
    entries = window.actions_.articles_menu.actions()
    assert [a.text() for a in entries] == ["Alpha Times", "Beta News", "Gamma Daily"]
    entries[1].trigger()  # hide Beta News
    assert [p.doc.outlet for p in window.case_view.panes] == ["Alpha Times", "Gamma Daily"]
    assert len(window.case_view.bands) == 1
    menu = window.actions_.articles_menu
    qtbot.waitUntil(lambda: not menu.actions()[1].isChecked())  # menu rebuilt
    menu.actions()[1].trigger()  # show it again
    assert [p.doc.outlet for p in window.case_view.panes] == [
        "Alpha Times",
        "Beta News",
        "Gamma Daily",
    ]


def test_a_pane_without_an_outlet_is_headed_by_its_file_name(
    qtbot: QtBot, alignment: Alignment
) -> None:
    from dataclasses import replace

    docs = [replace(d, outlet="") if k == 0 else d for k, d in enumerate(alignment.documents)]
    nameless = replace(alignment, documents=docs)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.alignment_shown):
        win.show_alignment(nameless)
    pane = win.case_view.pane_for(docs[0].id)
    assert pane is not None
    file_name = docs[0].source_path.rsplit("/", 1)[-1]
    assert f"<b>{file_name}</b>" in pane.header.text()
    other = win.case_view.pane_for(docs[1].id)
    assert other is not None and f"<b>{docs[1].outlet}</b>" in other.header.text()

"""Annotate → Find Closest Passages on the seeds: rows for every other article, jump to one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.core import nearest
from app.core.align import align_documents
from app.core.model import Alignment, Document, Span
from app.core.semantic.cache import EmbeddingCache
from app.ui.main_window import MainWindow
from app.ui.panels import nearest_panel
from app.ui.panels.nearest_panel import NO_CASE_HINT, NearestTool

from ..core.seed_docs import load_seed_docs
from .annotation_helpers import no_blocking_store_dialogs  # noqa: F401  (autouse)

# A weak gold pair (tests/data/seed_alignment.json) that no match joins: Kommersant's sentence
# and its paraphrase in the first seed article.
QUERY_FILE, QUERY = "003_75d49b24c4eb6244.txt", "the Americans left both countries involuntarily"
PARTNER_FILE = "000_6246108eef07b8e8.txt"
PARTNER = "the US was forced to leave later under Russian pressure"


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    return load_seed_docs()


@pytest.fixture(scope="module")
def seed_alignment(seeds: list[Document]) -> Alignment:
    return align_documents(seeds, semantic=False)  # the panel does its own meaning ranking


@pytest.fixture(scope="module")
def vectors() -> EmbeddingCache:
    """One in-memory vector cache for the module: the seeds are embedded once, not per test."""
    return EmbeddingCache(disk=False)


@pytest.fixture
def window(
    qtbot: QtBot,
    seed_alignment: Alignment,
    vectors: EmbeddingCache,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    monkeypatch.setattr(nearest, "shared_cache", lambda: vectors)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.annotations.flags.flags_found, timeout=60000):
        win.show_alignment(seed_alignment)
    return win


def _doc(alignment: Alignment, name: str) -> Document:
    return next(d for d in alignment.documents if Path(d.source_path).name == name)


def _click_into(qtbot: QtBot, win: MainWindow, doc: Document, offset: int) -> None:
    """A user's click in `doc`'s pane at clean `offset` (the caret lands there)."""
    pane = win.case_view.pane_for(doc.id)
    assert pane is not None
    pane.center_on(offset, offset + 1)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.text_map.to_display(offset))
    rect = pane.view.cursorRect(cursor)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _find(qtbot: QtBot, win: MainWindow) -> NearestTool:
    tool = win.nearest
    with qtbot.waitSignal(tool.results_shown, timeout=60000):
        tool.action.trigger()
    return tool


def test_the_action_lists_the_closest_sentences_of_every_other_article(
    qtbot: QtBot, window: MainWindow, seed_alignment: Alignment
) -> None:
    source = _doc(seed_alignment, QUERY_FILE)
    start = source.text.index(QUERY)
    _click_into(qtbot, window, source, start + 5)
    tool = _find(qtbot, window)
    panel = tool.panel
    assert tool.dock.isVisible()
    others = [d.id for d in seed_alignment.documents if d.id != source.id]
    assert sorted({r.doc_id for r in panel.rows}) == sorted(others)
    assert all(sum(r.doc_id == d for r in panel.rows) == 3 for d in others)
    assert panel.header.text().startswith("Closest in meaning to: “")
    assert "left both countries involuntarily" in panel.header.text()
    texts = [item.text(0) for item in panel.row_items()]
    assert len(texts) == len(panel.rows)
    assert all("meaning " in t and " · words " in t for t in texts)
    partner_doc = _doc(seed_alignment, PARTNER_FILE)
    p0 = partner_doc.text.index(PARTNER)
    top = next(r for r in panel.rows if r.doc_id == partner_doc.id)
    assert top.span.start <= p0 < top.span.end  # the gold partner comes first


def test_activating_a_row_selects_that_sentence_in_its_pane(
    qtbot: QtBot, window: MainWindow, seed_alignment: Alignment
) -> None:
    source = _doc(seed_alignment, QUERY_FILE)
    _click_into(qtbot, window, source, source.text.index(QUERY) + 5)
    panel = _find(qtbot, window).panel
    partner_doc = _doc(seed_alignment, PARTNER_FILE)
    index = next(k for k, r in enumerate(panel.rows) if r.doc_id == partner_doc.id)
    row = panel.rows[index]
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.row_items()[index])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    pane = window.case_view.pane_for(partner_doc.id)
    assert pane is not None
    selected = pane.selected_span()
    assert selected is not None
    assert (selected.start, selected.end) == (row.span.start, row.span.end)
    top, bottom = pane.span_y_range(row.span.start, row.span.end)
    assert top >= 0 and bottom <= pane.view.viewport().height()  # scrolled into view


def test_without_two_articles_the_panel_says_what_to_do(
    qtbot: QtBot, seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.nearest.action.trigger()
    assert win.nearest.dock.isVisible()
    assert win.nearest.panel.header.text() == NO_CASE_HINT
    assert win.nearest.panel.rows == []
    one = align_documents(seeds[:1], semantic=False)
    win.show_alignment(one)
    win.nearest.action.trigger()
    assert win.nearest.panel.header.text() == NO_CASE_HINT


def test_rows_show_both_scores_and_the_matched_mark() -> None:
    row = nearest.ClosePassage("d", Span("d", 0, 9), 0.7149, 41.6, True)
    assert nearest_panel.score_text(row) == "meaning 0.71 · words 42 · already matched"
    words_only = nearest.ClosePassage("d", Span("d", 0, 9), None, 41.6, False)
    assert nearest_panel.score_text(words_only) == "words 42"
    assert nearest_panel.trim("one two three four", 12) == "one two…"
    assert nearest_panel.quoted("“If they leave, we stay.") == "“If they leave, we stay.”"


def test_a_panes_context_menu_finds_the_closest_passages(
    qtbot: QtBot, window: MainWindow, seed_alignment: Alignment
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    source = _doc(seed_alignment, QUERY_FILE)
    offset = source.text.index(QUERY) + 5
    pane = window.case_view.pane_for(source.id)
    assert pane is not None
    pane.center_on(offset, offset + 1)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.text_map.to_display(offset))
    pos = pane.view.cursorRect(cursor).center()
    chosen: list[str] = []

    def choose() -> None:  # runs while the menu is open, as a user's click would
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text().startswith("Find Closest"))
        chosen.append(action.text())
        menu.close()
        action.trigger()

    QTimer.singleShot(100, choose)
    with qtbot.waitSignal(window.nearest.results_shown, timeout=60000):
        pane.view.customContextMenuRequested.emit(pos)
    assert chosen == ["Find Closest Passages in Other Articles"]
    assert "left both countries involuntarily" in window.nearest.panel.header.text()


def test_a_row_of_an_article_without_a_pane_says_how_to_show_it(
    window: MainWindow, seed_alignment: Alignment
) -> None:
    docs = seed_alignment.documents
    window.set_shown_documents([docs[0].id, docs[1].id])
    hidden = docs[2]
    assert window.case_view.pane_for(hidden.id) is None
    window.nearest.show_span(Span(hidden.id, 0, 10))
    outlet = hidden.outlet or hidden.title
    assert window.status_label.text() == (
        f"{outlet} is not shown; choose it in View → Articles Shown"
    )

"""Jumps show what they jump to (both flagged values, an article scrolled off to the right), a
claim grid never outlives its comparison, and Escape lets go of a half-made contradiction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from app.core.align import align_documents
from app.core.model import Alignment, Document, Span
from app.ui.annotation_session import PENDING_CANCELLED, PENDING_HINT
from app.ui.claim_grid_view import ClaimGridWindow, _select_family, open_claim_grid
from app.ui.main_window import MainWindow
from app.ui.panes.document_pane import DocumentPane

from ..core.seed_docs import load_seed_docs
from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    no_blocking_store_dialogs,  # noqa: F401
    select,
)


@pytest.fixture(scope="module")
def seed_alignment() -> Alignment:
    return align_documents(load_seed_docs(), semantic=False)


def _open(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    """The reader at 1600 x 1000, where the five seeds do not all fit side by side."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    with qtbot.waitSignal(window.annotations.flags.flags_found, timeout=30_000):
        window.show_alignment(alignment)
    return window


def _in_view_sideways(window: MainWindow, pane: DocumentPane) -> bool:
    """Whether the whole width of `pane` lies inside the sideways-scrolling row of articles."""
    area = window.case_view.scroll_area.viewport()
    where = QRect(pane.mapTo(area, pane.rect().topLeft()), pane.size())
    return area.rect().contains(QRect(where.left(), 0, where.width(), 1))


def _in_view_vertically(pane: DocumentPane, span: Span) -> bool:
    top, height = pane.scroll_bar().value(), pane.view.viewport().height()
    return top <= pane.y_of_offset(span.start) and pane.y_of_offset(span.end) <= top + height


def _family_in(alignment: Alignment, doc: Document) -> tuple[int, Span]:
    return next(
        (i, s) for i, fam in enumerate(alignment.families) for s in fam.spans if s.doc_id == doc.id
    )


def test_a_flag_jump_shows_both_values_with_linked_scrolling_on(
    qtbot: QtBot, seed_alignment: Alignment
) -> None:
    window = _open(qtbot, seed_alignment)
    window.set_sync_scroll(True)
    flags = window.annotations.flags
    assert len(flags.flags) >= 5
    for index, flag in enumerate(flags.flags):
        flags._on_panel_jump_requested(index)
        qtbot.wait(10)
        for span in (flag.a, flag.b):
            pane = window.case_view.pane_for(span.doc_id)
            assert pane is not None and _in_view_vertically(pane, span), (index, span)
        first = window.case_view.pane_for(flag.a.doc_id)
        assert first is not None and _in_view_sideways(window, first), index


def test_selecting_a_passage_of_the_fifth_article_scrolls_it_into_view(
    qtbot: QtBot, seed_alignment: Alignment
) -> None:
    window = _open(qtbot, seed_alignment)
    last = window.case_view.panes[-1]
    assert not _in_view_sideways(window, last)  # five articles do not fit at 1600 px
    family, span = _family_in(seed_alignment, last.doc)
    window.case_view.select_family(family, span)
    assert _in_view_sideways(window, last)


def test_the_claim_grid_follows_the_comparison_shown(
    qtbot: QtBot, seed_alignment: Alignment
) -> None:
    window = _open(qtbot, seed_alignment)
    grid = open_claim_grid(window)
    qtbot.waitUntil(lambda: grid.model is not None, timeout=20_000)
    assert grid.model is not None and grid.model.rowCount() == len(seed_alignment.families)
    window.close_all()
    assert grid.model is None and "No articles are open" in grid.status.text()
    _select_family(window, grid, len(seed_alignment.families) - 1, None)  # a stale row: no-op
    assert window.case_view.selected_family is None

    smaller = align_documents(list(seed_alignment.documents[:3]), semantic=False)
    with qtbot.waitSignal(window.alignment_shown, timeout=20_000):
        window.show_alignment(smaller)
    qtbot.waitUntil(
        lambda: grid.model is not None and grid.model.rowCount() == len(smaller.families),
        timeout=20_000,
    )
    assert [d.id for d in grid.model.grid.documents] == [d.id for d in smaller.documents]
    assert window.findChildren(ClaimGridWindow) == [grid]


def test_a_family_the_comparison_does_not_have_selects_nothing(
    qtbot: QtBot, seed_alignment: Alignment
) -> None:
    window = _open(qtbot, seed_alignment)
    window.case_view.select_family(len(seed_alignment.families) + 3)
    assert window.case_view.selected_family is None


def test_escape_lets_go_of_a_half_made_contradiction_and_says_so(
    qtbot: QtBot, seed_alignment: Alignment
) -> None:
    window = _open(qtbot, seed_alignment)
    session = window.annotations
    pane = window.case_view.panes[0]
    select(pane, 0, 40)
    session.mark_contradiction()
    assert session.pending_side is not None
    assert window.status_label.text() == PENDING_HINT
    escape = window.actions_.clear_selection
    escape.trigger()
    assert session.pending_side is None
    assert window.status_label.text() == PENDING_CANCELLED

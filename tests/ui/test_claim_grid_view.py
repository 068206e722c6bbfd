"""The claim grid window on the hand-built fixture: order, sorting, rich cells, double-click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.core.claim_grid import build_claim_grid
from app.core.model import Alignment, Flag, Span
from app.core.thresholds import CLAIM_GRID_FLAG_COLOUR
from app.ui.claim_grid_view import HTML_ROLE, ClaimGridModel, ClaimGridWindow, open_claim_grid
from app.ui.main_window import MainWindow

from .fixtures import SHARED, span_of


def _name_flag(alignment: Alignment) -> Flag:
    """A flag inside match 0 (the bases passage, Alpha vs Beta): "United States" vs "US"."""
    alpha, beta = alignment.documents[0], alignment.documents[1]
    a = span_of(alpha, "United States")
    b_at = beta.text.index("the US ") + len("the ")
    return Flag("name", 0, a, Span(beta.id, b_at, b_at + 2), "United States", "US",
                "names differ: United States vs US")  # fmt: skip


@pytest.fixture
def grid_window(qtbot: QtBot, alignment: Alignment) -> ClaimGridWindow:
    win = ClaimGridWindow()
    qtbot.addWidget(win)
    win.set_grid(build_claim_grid(alignment, [_name_flag(alignment)]))
    win.show()
    qtbot.waitExposed(win)
    return win


def _model(win: ClaimGridWindow) -> ClaimGridModel:
    assert win.model is not None
    return win.model


def _divergences(model: ClaimGridModel) -> list[float]:
    return [model.row(r).divergence for r in range(model.rowCount())]


def test_rows_are_families_most_divergent_first_and_columns_outlets(
    grid_window: ClaimGridWindow, alignment: Alignment
) -> None:
    model = _model(grid_window)
    assert model.rowCount() == len(alignment.families) and model.columnCount() == 4
    div = _divergences(model)
    assert div == sorted(div, reverse=True) and div[0] > div[-1]
    assert model.row(0).family == 0  # the flagged bases passage
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert heads[0] == "Passage"
    assert [h.split("\n")[0] for h in heads[1:]] == ["1. Alpha Times", "2. Beta News",
                                                     "3. Gamma Daily"]  # fmt: skip


def test_clicking_headers_sorts_by_divergence_or_by_one_outlets_similarity(
    qtbot: QtBot, grid_window: ClaimGridWindow
) -> None:
    model = _model(grid_window)
    header = grid_window.table.horizontalHeader()
    descending = _divergences(model)
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _divergences(model) == descending[::-1]  # a click on "Passage" reverses the order
    grid_window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Gamma: one passage absent
    cells = [model.row(r).cells[2] for r in range(model.rowCount())]
    assert cells[-1] is None  # the summit passage, which Gamma left out, sinks to the bottom
    present = [c.similarity for c in cells if c is not None]
    assert present == sorted(present)


def test_cells_mark_changes_and_flags_and_explain_them(
    grid_window: ClaimGridWindow, alignment: Alignment
) -> None:
    model = _model(grid_window)
    row = next(r for r in range(model.rowCount()) if model.row(r).family == 0)
    beta = model.index(row, 2)
    html = model.data(beta, HTML_ROLE)
    assert f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>US</b>" in html
    assert "⚠ name: “US” here, “United States” in 1. Alpha Times" in html
    assert "line-through" in html and "military" in html  # Alpha's word Beta left out
    assert "names differ: United States vs US" in model.data(beta, Qt.ItemDataRole.ToolTipRole)
    assert "reference version" in model.data(model.index(row, 1), HTML_ROLE)
    assert model.data(beta, Qt.ItemDataRole.DisplayRole) == SHARED["bases"][1]
    summit = next(r for r in range(model.rowCount()) if model.row(r).family == 2)
    assert "not in this article" in model.data(model.index(summit, 3), HTML_ROLE)


def test_the_flag_is_painted_red(grid_window: ClaimGridWindow) -> None:
    image = grid_window.table.viewport().grab().toImage()
    red = QColor(CLAIM_GRID_FLAG_COLOUR)

    def near(c: QColor) -> bool:
        return (
            abs(c.red() - red.red()) + abs(c.green() - red.green()) + abs(c.blue() - red.blue())
            < 60
        )

    hits = sum(
        near(image.pixelColor(x, y))
        for x in range(0, image.width(), 2)
        for y in range(0, min(image.height(), 400), 2)
    )
    assert hits > 20


def test_double_click_reports_the_family_and_the_cells_span(
    qtbot: QtBot, grid_window: ClaimGridWindow, alignment: Alignment
) -> None:
    model = _model(grid_window)
    row = next(r for r in range(model.rowCount()) if model.row(r).family == 1)
    index = model.index(row, 3)
    grid_window.table.scrollTo(index)
    rect = grid_window.table.visualRect(index)
    assert grid_window.table.viewport().rect().contains(rect.center())
    viewport = grid_window.table.viewport()
    # an item view takes a double-click only after a press on the same item, as a real one has
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(grid_window.family_activated) as blocker:
        qtbot.mouseDClick(grid_window.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())  # fmt: skip
    gamma = alignment.documents[2]
    assert blocker.args == [1, span_of(gamma, SHARED["drones"][2])]
    assert model.target(model.index(row, 0))[1] == model.row(row).cells[0].span  # reference


@pytest.fixture
def main_window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    with qtbot.waitSignal(win.alignment_shown):
        win.show_alignment(alignment)
    return win


def test_menu_opens_the_grid_and_double_click_selects_in_the_main_window(
    qtbot: QtBot, main_window: MainWindow, alignment: Alignment
) -> None:
    action = next(
        a
        for m in main_window.menuBar().actions()
        if m.menu()
        for a in m.menu().actions()
        if a.text().replace("&", "").startswith("Claim Grid")
    )
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    action.trigger()
    win = main_window.findChild(ClaimGridWindow)
    assert win is not None and win.isVisible()
    qtbot.waitUntil(lambda: win.model is not None, timeout=10_000)
    model = _model(win)
    assert model.rowCount() == len(alignment.families)
    row = next(r for r in range(model.rowCount()) if model.row(r).family == 2)
    win.table.doubleClicked.emit(model.index(row, 2))
    assert main_window.case_view.selected_family == 2
    assert open_claim_grid(main_window) is win  # a second open raises the same window


def test_a_cell_lists_a_few_flags_and_counts_the_rest(
    grid_window: ClaimGridWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import claim_grid_html

    monkeypatch.setattr(claim_grid_html, "CLAIM_GRID_CELL_FLAGS", 0)
    model = _model(grid_window)
    row = next(r for r in range(model.rowCount()) if model.row(r).family == 0)
    html = model.data(model.index(row, 2), HTML_ROLE)
    assert "+1 more (see tooltip)" in html and "⚠ name" not in html
    tip = model.data(model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    assert "names differ" in tip  # the tooltip still lists every flag's reason

"""The story map: model cells by kind, rows by date, open side by side, passim, the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from app.core import thresholds
from app.core.model import Alignment
from app.ui.main_window import MainWindow
from app.ui.story_map import StoryMapModel, StoryMapWindow, open_story_map

PASSIM = Path(__file__).resolve().parents[1] / "data" / "passim" / "out.json"


@pytest.fixture
def window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show_alignment(alignment)
    return win


def test_model_has_a_row_per_document_and_a_column_per_family(alignment: Alignment) -> None:
    model = StoryMapModel(alignment)
    assert model.rowCount() == len(alignment.documents)
    assert model.columnCount() == len(alignment.families)
    for col in range(model.columnCount()):
        kinds = [model.kind(r, col) for r in range(model.rowCount())]
        assert kinds.count("origin") == 1
        carried = {s.doc_id for s in alignment.families[col].spans}
        for r, kind in enumerate(kinds):
            assert (kind == "absent") == (model.document_id(r) not in carried)


def test_cells_are_coloured_by_kind_with_a_tooltip(alignment: Alignment) -> None:
    model = StoryMapModel(alignment)
    index = model.index(0, 0)
    kind = model.kind(0, 0)
    brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == thresholds.STORY_MAP_COLOURS[kind]
    assert model.data(index, Qt.ItemDataRole.ToolTipRole)
    header = model.headerData(0, Qt.Orientation.Vertical)
    assert "·" in header


def test_passim_clusters_open_in_the_map_by_date(window: MainWindow) -> None:
    dialog = open_story_map(window)
    dialog.open_passim(str(PASSIM))
    model = dialog.model
    assert model.rowCount() == 3 and model.columnCount() == 2
    headers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert headers[0].startswith("1851-03-02") and "tribune" in headers[0]
    assert model.kind(0, 0) == "origin" and model.kind(1, 0) == "verbatim"
    assert model.is_unattributed_copy(1, 0)  # the herald copies without naming the tribune
    assert not model.is_unattributed_copy(2, 0)  # the gazette's "The Tribune reports..."
    assert model.kind(0, 1) == "absent"


def test_open_side_by_side_gives_panes_to_the_selected_rows(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = open_story_map(window)
    dialog.open_passim(str(PASSIM))
    sel = dialog.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sel.select(dialog.model.index(0, 0), flags)
    sel.select(dialog.model.index(2, 0), flags)
    wanted = dialog.selected_document_ids()
    assert len(wanted) == 2
    dialog.open_selected()
    assert window.case_view.alignment is dialog.model.alignment
    assert sorted(p.doc.id for p in window.case_view.panes) == sorted(wanted)


def test_view_menu_opens_the_story_map(window: MainWindow) -> None:
    action = next(
        a
        for m in window.menuBar().actions()
        if m.menu()
        for a in m.menu().actions()
        if a.text().replace("&", "").startswith("Story Map")
    )
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    action.trigger()
    dialog = window.findChild(StoryMapWindow)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.columnCount() == len(window.case_view.alignment.families)

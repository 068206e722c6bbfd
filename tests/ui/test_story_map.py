"""The story map: model cells by kind, rows by date, open side by side, passim, the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from app.core import thresholds
from app.core.align import align_documents
from app.core.model import Alignment, Document, document_id
from app.ui.main_window import MainWindow
from app.ui.story_map import StoryMapModel, StoryMapWindow, open_story_map

from ..core.seed_docs import load_seed_docs

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


# --- Issue 9: the map says which articles were matched across languages, and how surely ---------

RU_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "kommersant_ru_sample.txt"


@pytest.fixture(scope="module")
def translated() -> Alignment:
    """TRT World and Kommersant's English report beside the Russian original, aligned by the
    multilingual model: one true translation (confidence high), one retelling (low)."""
    text = RU_SAMPLE.read_text("utf-8")
    russian = Document(
        document_id(text), "", "Коммерсантъ", "2021-07-16", "", "ru", "/x/ru.txt", text
    )
    seeds = load_seed_docs()
    return align_documents([seeds[0], seeds[3], russian], semantic=True)


def _headers(model: StoryMapModel) -> dict[str, str]:
    return {
        model.document_id(r): model.headerData(r, Qt.Orientation.Vertical)
        for r in range(model.rowCount())
    }


def test_rows_name_the_language_and_confidence_of_translated_pairs(
    window: MainWindow, translated: Alignment
) -> None:
    trt, kommersant, russian = translated.documents
    model = StoryMapWindow(window, translated).model
    headers = _headers(model)
    assert headers[russian.id] == "2021-07-16 · Коммерсантъ · Russian ↔ English, confidence high"
    assert headers[kommersant.id] == "2021-07-17 · Kommersant · English ↔ Russian, confidence high"
    assert headers[trt.id] == "2021-09 · TRT World · English ↔ Russian, confidence low"
    row = next(r for r in range(3) if model.document_id(r) == russian.id)
    tip = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "Коммерсантъ (Russian) ↔ Kommersant (English): aligned by a multilingual meaning model, "
        "5 sentence pairs — confidence high",
        "Коммерсантъ (Russian) ↔ TRT World (English): aligned by a multilingual meaning model, "
        "1 sentence pair — confidence low: check each match",
    ]


def test_translated_cells_say_how_they_were_matched(
    window: MainWindow, translated: Alignment
) -> None:
    trt, kommersant, _ = translated.documents
    model = StoryMapWindow(window, translated).model
    tips: dict[str, list[str]] = {trt.id: [], kommersant.id: []}
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            tip = model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
            if model.document_id(r) in tips and "Across languages" in tip:
                tips[model.document_id(r)].append(tip.splitlines()[-1])
    # Every sentence the model paired with the Russian original says so, with its score.
    assert len(tips[kommersant.id]) == 5
    for line in tips[kommersant.id]:
        assert line.startswith("Across languages, with Коммерсантъ (Russian): translation, ")
        assert line.endswith("of 100, a strong match — pair confidence high")
    (trt_line,) = tips[trt.id]
    assert trt_line.endswith("a weak match: check it — pair confidence low")


def test_a_note_under_the_map_lists_the_pairs_across_languages(
    window: MainWindow, translated: Alignment
) -> None:
    dialog = StoryMapWindow(window, translated)
    note = dialog.translation_note
    assert note.text() == (
        "Article pairs across languages: Kommersant ↔ Коммерсантъ, confidence high · "
        "TRT World ↔ Коммерсантъ, confidence low"
    )
    assert not note.isHidden()
    assert "5 sentence pairs — confidence high" in note.toolTip()
    dialog.open_passim(str(PASSIM))  # one language: the note goes away
    assert note.isHidden() and note.text() == ""


def test_without_translations_the_map_adds_nothing(
    window: MainWindow, alignment: Alignment
) -> None:
    dialog = StoryMapWindow(window, alignment)
    model = dialog.model
    assert dialog.translation_note.isHidden() and dialog.translation_note.text() == ""
    for r in range(model.rowCount()):
        header = model.headerData(r, Qt.Orientation.Vertical)
        assert header.count("·") == 1 and "↔" not in header
        assert model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) is None
        for c in range(model.columnCount()):
            assert "Across languages" not in model.data(
                model.index(r, c), Qt.ItemDataRole.ToolTipRole
            )

"""File → Export…: the dialog exports in the background and offers to open the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.model import Alignment
from app.ui.dialogs import export_dialog
from app.ui.dialogs.export_dialog import ExportDialog
from app.ui.main_window import MainWindow

from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    no_blocking_store_dialogs,  # noqa: F401
    select_text,
)
from .fixtures import SHARED


def test_export_writes_report_and_offers_the_folder(
    qtbot: QtBot, alignment: Alignment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_alignment(alignment)
    select_text(window.case_view.panes[0], SHARED["bases"][0])
    window.annotations.actions.kinds["claim"].trigger()
    repo = window.annotations.controller.repo
    assert repo is not None
    out = tmp_path / "export"
    dialog = ExportDialog(alignment, str(out), str(repo.path), window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=120000) as blocker:
        dialog.start_export()
    summary = blocker.args[0]
    assert (out / "report.pdf").stat().st_size > 0
    assert (out / "annotations.json").exists()
    assert len(summary.articles) == 3 and all(p.exists() for p in summary.articles)
    assert summary.highlights == 1
    assert "report.pdf" in dialog.status.text()
    assert dialog.open_button.isVisibleTo(dialog)
    opened: list[str] = []
    monkeypatch.setattr(
        export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    dialog.open_button.click()
    assert opened == [str(out)]


def test_export_into_an_unwritable_place_says_so(
    qtbot: QtBot, alignment: Alignment, tmp_path: Path
) -> None:
    blocker_file = tmp_path / "a file"
    blocker_file.write_text("not a folder")
    dialog = ExportDialog(alignment, str(blocker_file / "out"), None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.export_failed, timeout=60000) as blocker:
        dialog.start_export()
    assert "Export failed" in blocker.args[0]
    assert not dialog.open_button.isVisibleTo(dialog)


def test_file_menu_has_export(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    export = window.actions_.export
    assert export is not None and export.shortcut().toString() == "Ctrl+E"

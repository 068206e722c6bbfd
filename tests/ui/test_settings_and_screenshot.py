"""Settings survive a restart; `--screenshot` writes a picture of the aligned seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.core.settings import UiSettings
from app.ui import settings_store
from app.ui.main_window import MainWindow


def test_settings_round_trip_and_recent_list() -> None:
    s = UiSettings(show_junk=True, sync_scroll=False, last_case=["/x/a.txt", "/x/b.txt"])
    settings_store.add_recent(s, ["/x/c.txt", "/x/a.txt"])
    settings_store.save_settings(s)
    loaded = settings_store.load_settings()
    assert loaded.show_junk is True and loaded.sync_scroll is False
    assert loaded.last_case == ["/x/a.txt", "/x/b.txt"]
    assert loaded.recent_files == ["/x/c.txt", "/x/a.txt"]


def test_closing_the_window_remembers_the_case(qtbot: QtBot, alignment: object) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show_alignment(alignment)  # type: ignore[arg-type]
    win.close()
    assert settings_store.load_settings().last_case == win.paths
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.settings.last_case == win.paths


def test_screenshot_of_the_seeds(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARALLAX_HOME": str(tmp_path)}
    code = f"from app.ui.launch import run; raise SystemExit(run([], screenshot={str(png)!r}))"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1000)

"""Settings survive a restart; `--screenshot` writes a picture of the aligned seeds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.core.settings import UiSettings
from app.ui import flags_controller, screenshot, settings_store
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


def test_the_screenshot_waits_for_the_flags(
    qtbot: QtBot, alignment: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The picture is taken once the flags search that starts with the panes has finished."""
    monkeypatch.setattr(screenshot.QApplication, "quit", staticmethod(lambda: None))
    real_find = flags_controller._find

    def slow_find(*args: Any) -> Any:  # a search as slow as on a large case
        time.sleep(1.0)
        return real_find(*args)

    monkeypatch.setattr(flags_controller, "_find", slow_find)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    png = tmp_path / "shot.png"
    taker = screenshot.ScreenshotTaker(win, str(png), 60_000)
    searching_at_save: list[bool] = []
    real_save = taker._save

    def save() -> None:
        op = win.annotations.flags.op
        searching_at_save.append(op is not None and op.running)
        real_save()

    monkeypatch.setattr(taker, "_save", save)
    win.show_alignment(alignment)  # type: ignore[arg-type]
    qtbot.waitUntil(png.exists, timeout=30_000)
    assert searching_at_save == [False] and taker.error == ""
    assert win.annotations.flags.op is not None  # a search did run

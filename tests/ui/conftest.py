"""pytest-qt setup: offscreen Qt and a throw-away PARALLAX_HOME, set before Qt is imported."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PARALLAX_HOME"] = tempfile.mkdtemp(prefix="parallax-ui-tests-")

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.model import Alignment

from .fixtures import fixture_alignment


@pytest.fixture
def alignment() -> Alignment:
    return fixture_alignment()


@pytest.fixture(autouse=True)
def fresh_home(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """Each test starts with no saved settings (window geometry, recent files)."""
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path))


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record QMessageBox.warning calls instead of blocking on a modal dialog."""
    shown: list[tuple[str, str]] = []

    def fake_warning(_parent: object, title: str, text: str, *_a: object) -> int:
        shown.append((title, text))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return shown

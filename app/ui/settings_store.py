"""The only module that touches QSettings: load and save UiSettings, geometry and the case.

With PARALLAX_HOME set (tests, portable use) settings live in an ini file under it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.core.settings import UiSettings


def _qsettings() -> QSettings:
    home = os.environ.get("PARALLAX_HOME")
    if home:
        return QSettings(str(Path(home) / "parallax-ui.ini"), QSettings.Format.IniFormat)
    return QSettings("Parallax", "Parallax")


def _as_bool(value: object) -> bool:
    return value is True or str(value).lower() in {"true", "1"}


def _as_list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def load_settings() -> UiSettings:
    """The saved settings, each missing or unreadable value falling back to its default."""
    store = _qsettings()
    defaults = UiSettings()
    values: dict[str, object] = {}
    for f in fields(UiSettings):
        default = getattr(defaults, f.name)
        raw = store.value(f.name)
        if raw is None:
            continue
        try:
            if isinstance(default, bool):
                values[f.name] = _as_bool(raw)
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, list):
                values[f.name] = _as_list(raw)
        except (TypeError, ValueError):
            continue
    return UiSettings(**values)  # type: ignore[arg-type]


def save_settings(settings: UiSettings) -> None:
    store = _qsettings()
    for f in fields(UiSettings):
        store.setValue(f.name, getattr(settings, f.name))
    store.sync()


def add_recent(settings: UiSettings, paths: list[str]) -> None:
    """Put `paths` first in the recent list (no duplicates, at most max_recent)."""
    merged = [*paths, *[p for p in settings.recent_files if p not in paths]]
    settings.recent_files = merged[: settings.max_recent]


def save_window_state(geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
    store = _qsettings()
    store.setValue("window/geometry", geometry)
    store.setValue("window/state", state)
    store.setValue("window/splitter", splitter)
    store.sync()


def load_window_state() -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
    store = _qsettings()

    def get(key: str) -> QByteArray | None:
        value = store.value(key)
        return value if isinstance(value, QByteArray) else None

    return get("window/geometry"), get("window/state"), get("window/splitter")


def _case_key(paths: list[str]) -> str:
    digest = hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:16]
    return f"cases/{digest}/splitter"


def save_case_layout(paths: list[str], splitter: QByteArray) -> None:
    """Remember the pane widths of this set of documents (a "case")."""
    if not paths:
        return
    store = _qsettings()
    store.setValue(_case_key(paths), splitter)
    store.sync()


def load_case_layout(paths: list[str]) -> QByteArray | None:
    """The pane widths saved for exactly this set of documents, if any."""
    value = _qsettings().value(_case_key(paths))
    return value if isinstance(value, QByteArray) else None

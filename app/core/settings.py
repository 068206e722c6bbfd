"""Typed defaults for the desktop reader; only app/ui/settings_store.py reads or writes them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class UiSettings:
    """What the reader remembers between sessions, with the defaults used the first time."""

    show_junk: bool = False
    sync_scroll: bool = True
    show_bands: bool = True
    recent_files: list[str] = field(default_factory=list)
    last_case: list[str] = field(default_factory=list)
    window_width: int = 1600
    window_height: int = 1000
    max_recent: int = 10

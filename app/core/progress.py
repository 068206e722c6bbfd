"""Progress reporting and cancellation for long work, in plain Python.

Core functions that may take longer than a blink take `progress` (a callable receiving a
fraction 0..1 and a short label) and `cancel` (a CancelToken). The UI adapts them to signals;
the CLI passes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled

ProgressFn = Callable[[float, str], None]


def no_progress(fraction: float, label: str) -> None:
    """Default progress sink: ignore."""


class CancelToken:
    """A thread-safe flag that long work checks between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel() was called."""
        if self._event.is_set():
            raise Cancelled("cancelled")

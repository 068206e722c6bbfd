"""Where unexpected errors are written, so a user can send details without seeing a traceback."""

from __future__ import annotations

import datetime as _dt
import os
import traceback
from pathlib import Path

import platformdirs


def log_dir() -> Path:
    """The user log dir (under PARALLAX_HOME when set, for tests and portable use)."""
    home = os.environ.get("PARALLAX_HOME")
    return Path(home) / "logs" if home else Path(platformdirs.user_log_dir("Parallax"))


def log_exception(exc: BaseException) -> Path:
    """Append the full traceback of `exc` to parallax.log and return the log's path.

    Never raises: if the log cannot be written the path is still returned for the message.
    """
    path = log_dir() / "parallax.log"
    stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {stamp}\n{details}\n")
    except OSError:
        pass
    return path

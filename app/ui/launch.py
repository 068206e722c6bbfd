"""Start the desktop reader: `run(files, screenshot)` is what `parallax open` calls.

Default files are the bundled seeds (repo-root/seeds from source, `sys._MEIPASS/seeds` in a
PyInstaller bundle). With `screenshot`, the window is rendered to a PNG once the documents are
aligned and shown, and the app exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY = (
    "parallax: no display found; run under xvfb-run, or set QT_QPA_PLATFORM=offscreen "
    "for a headless screenshot"
)
SCREENSHOT_TIMEOUT_MS = 120_000  # a generous ceiling: the seeds align in well under a second


def seed_files() -> list[str]:
    """The bundled corpus: every `seeds/0*_*.txt`, sorted; [] when none can be found."""
    roots = [Path(__file__).resolve().parents[2] / "seeds"]
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        roots.insert(0, Path(meipass) / "seeds")
    for root in roots:
        found = sorted(str(p) for p in root.glob("0*_*.txt"))
        if found:
            return found
    return []


def resources_dir() -> Path:
    """Where the style sheet and icon live (source tree or PyInstaller bundle)."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass and (Path(meipass) / "resources").is_dir():
        return Path(meipass) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(files: list[str], screenshot: str | None = None) -> int:
    """Run the reader on `files` (default: the seeds). Returns the process exit status.

    With `screenshot`, saves the whole window to that PNG once aligned and returns 0, or
    prints one line and returns 1 if it cannot. Without a display and without `screenshot`,
    prints how to get one and returns 2.
    """
    if not _has_display():
        if screenshot is None:
            print(NO_DISPLAY, file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app.ui.app_setup import create_application

    app = create_application()
    from app.ui.main_window import MainWindow

    window = MainWindow()
    if screenshot is not None:
        window.quiet_errors = True
        window.resize(1600, 1000)
    window.show()
    paths = list(files) or seed_files()
    if screenshot is not None:
        from app.ui.screenshot import ScreenshotTaker

        taker = ScreenshotTaker(window, screenshot, SCREENSHOT_TIMEOUT_MS)
        window.open_files(paths)
        app.exec()
        if taker.error:
            if window.last_errors:  # already printed, one line per file
                return max(err.exit_code for err in window.last_errors)
            print(f"parallax: screenshot failed: {taker.error}", file=sys.stderr)
            return 1
        return 0
    if paths:
        window.open_files(paths)
    return int(app.exec())

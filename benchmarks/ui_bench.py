"""Desktop reader benchmarks, each against a baseline measured in the same run.

1. Start-up: process start -> aligned seeds on screen (`run([], screenshot=...)`) against a bare
   QApplication + empty window grabbed the same way.
2. One synchronised scroll event (ms) with N panes, against the same scroll with sync off.
3. Longest event-loop stall while a worker aligns 100 generated articles, against the longest
   gap of the same 10 ms timer with the GUI idle.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.ui_bench
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: benchmarks.corpus_gen must import

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PARALLAX_HOME", tempfile.mkdtemp(prefix="parallax-bench-"))

BASELINE_CODE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1600, 1000); w.show(); app.processEvents()
w.grab().save(sys.argv[1])
"""
PARALLAX_CODE = (
    "import sys\nfrom app.ui.launch import run\nraise SystemExit(run([], screenshot=sys.argv[1]))"
)


def _time_process(code: str, runs: int) -> float:
    """Median wall time (s) of `python -c code out.png`, from process start to exit."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code, str(Path(tmp) / f"{i}.png")],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_startup(runs: int = 3) -> None:
    base = _time_process(BASELINE_CODE, runs)
    full = _time_process(PARALLAX_CODE, runs)
    print(
        f"start-up to aligned seeds on screen: {full * 1000:.0f} ms "
        f"(bare window baseline {base * 1000:.0f} ms, x{full / base:.1f}, median of {runs})"
    )


def _window_with(docs_paths: list[str]):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    win = MainWindow()
    win.quiet_errors = True
    win.resize(1600, 1000)
    win.show()
    return win


def _load(win, paths: list[str], app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    win.alignment_shown.connect(loop.quit)
    win.open_files(paths)
    loop.exec()
    app.processEvents()


def _scroll_cost(win, app, steps: int = 200) -> float:  # type: ignore[no-untyped-def]
    """Mean ms per scroll event of the first pane, painting included."""
    pane = win.case_view.panes[0]
    bar = pane.scroll_bar()
    start = time.perf_counter()
    for i in range(steps):
        bar.setValue((i * 37) % max(bar.maximum(), 1))
        app.processEvents()
    return (time.perf_counter() - start) * 1000 / steps


def _sync_logic_cost(win, steps: int = 500) -> float:  # type: ignore[no-untyped-def]
    """Mean ms per scroll event without painting: offset at top, mapping, other panes moved."""
    bar = win.case_view.panes[0].scroll_bar()
    start = time.perf_counter()
    for i in range(steps):
        bar.setValue((i * 37) % max(bar.maximum(), 1))
    return (time.perf_counter() - start) * 1000 / steps


def bench_scroll() -> None:
    from app.ui.app_setup import create_application
    from app.ui.launch import seed_files

    app = create_application()
    seeds = seed_files()
    for n in (2, 5):
        win = _window_with(seeds[:n])
        _load(win, seeds[:n], app)
        win.set_sync_scroll(False)
        off = _scroll_cost(win, app)
        logic_off = _sync_logic_cost(win)
        win.set_sync_scroll(True)
        on = _scroll_cost(win, app)
        logic_on = _sync_logic_cost(win)
        print(
            f"scroll event with {n} panes, painted: {on:.2f} ms synchronised "
            f"(unsynchronised baseline {off:.2f} ms); without painting: {logic_on:.3f} ms "
            f"(baseline {logic_off:.3f} ms)"
        )
        win.close()


def bench_stall() -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from app.core.align import align_documents
    from app.ui.app_setup import create_application
    from app.ui.workers import BackgroundOp
    from benchmarks.corpus_gen import generate

    app = create_application()
    docs = generate(100).documents
    gaps: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    timer.timeout.connect(tick)
    loop = QEventLoop()
    clock.start()
    timer.start()
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    idle = max(gaps)
    gaps.clear()
    op = BackgroundOp(
        lambda progress, cancel: align_documents(docs, progress=progress, cancel=cancel)
    )
    op.finished.connect(loop.quit)
    op.failed.connect(loop.quit)
    start = time.perf_counter()
    clock.restart()
    op.start()
    loop.exec()
    took = time.perf_counter() - start
    timer.stop()
    print(
        f"longest event-loop stall while aligning 100 articles ({took:.1f} s): "
        f"{max(gaps):.0f} ms (idle baseline {idle:.0f} ms, timer every 10 ms)"
    )
    del app


def main() -> int:
    bench_startup()
    bench_scroll()
    bench_stall()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

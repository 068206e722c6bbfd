"""Nasty-input report (issue 7): per file of the nasty corpus, the outcome of `parallax show`,
its wall time and its peak memory, each measured in a fresh child process.

The baseline, measured in the same run, is `parallax show` on a small seed article (interpreter
start-up plus imports), so the cost a nasty file adds is visible on a noisy machine. A file
taking over 5 s or 1 GB is marked BUG.
Run: .venv/bin/python benchmarks/nasty_report.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.core.nasty_corpus import OK, NastyCase, build_corpus, unprivileged  # noqa: E402

MAX_SECONDS = 5.0
MAX_MB = 1024.0


def measure(command: list[str]) -> tuple[int, str, float, float]:
    """Run `command`; return (exit status, stderr, seconds, peak RSS in MB) of that child only.

    os.wait4 gives the child's own rusage, so one big file does not colour the next figure.
    """
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, err, seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB


def _show(path: Path) -> list[str]:
    return [sys.executable, "-m", "app", "show", str(path)]


def _outcome(case: NastyCase, code: int, err: str) -> str:
    if code == 0:
        return "imported"
    lines = err.splitlines()
    line = lines[0] if lines else ""
    problem = line.rsplit(": ", 1)[-1] if len(lines) == 1 else f"{len(lines)} stderr lines!"
    return f"exit {code}: {problem}"


def main() -> None:
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    base = min(measure(_show(seed))[2] for _ in range(3))
    base_mb = measure(_show(seed))[3]
    print(f"baseline: `parallax show` on {seed.name}: {base:.2f} s, {base_mb:.0f} MB peak\n")
    print(f"{'file':<36} {'size':>9}  {'outcome':<46} {'time':>7} {'+base':>7} {'peak':>8}")
    bugs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in build_corpus(Path(tmp) / "nasty"):
            command = unprivileged(_show(case.path)) if case.unreadable else _show(case.path)
            code, err, seconds, peak = measure(command)
            outcome = _outcome(case, code, err)
            expected = (code == 0) if case.expect == OK else (code == 3 and case.expect in err)
            slow = seconds > MAX_SECONDS or peak > MAX_MB
            bugs += slow or not expected
            size = case.path.stat().st_size if case.path.is_file() else 0
            mark = " BUG" if slow else ("" if expected else " UNEXPECTED")
            print(
                f"{ascii(case.name)[1:-1][:36]:<36} {size / 1024 / 1024:7.2f}MB  {outcome[:46]:<46}"
                f" {seconds:6.2f}s {seconds - base:+6.2f}s {peak:6.0f}MB{mark}"
            )
    print(f"\n{bugs} file(s) over {MAX_SECONDS:g} s / {MAX_MB:g} MB or with an unexpected outcome")


if __name__ == "__main__":
    main()

"""Bundle benchmark: the PyInstaller app against the virtual environment it was built from.

Workload: `parallax open --screenshot PNG` on the bundled seeds, offscreen -- start, import,
align the five articles, draw the window, save it, exit. Measured for the one-folder bundle
(dist/Parallax/parallax, run with an empty environment: no venv, no PYTHONPATH) and, as the
baseline in the same run, for `.venv/bin/parallax`. Runs alternate bundle/venv so machine noise
hits both alike; the first run of each is reported apart (coldest caches; the page cache is not
dropped, which needs root), then the median of the rest.

Also printed: the bundle's size (like `du -sh`) and file count. With --build the bundle is
rebuilt first and the build timed; with --untrimmed an untrimmed bundle
(PARALLAX_BUNDLE_UNTRIMMED=1) is built into a temp dir too, to show what the trimming saves.

Run: .venv/bin/python benchmarks/bundle_bench.py [--repeat 5] [--build] [--untrimmed]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "Parallax"
VENV_EXE = ROOT / ".venv" / "bin" / "parallax"
SPEC = ROOT / "packaging" / "parallax.spec"


def build(dist: Path, work: Path, untrimmed: bool = False) -> float:
    """Build the bundle into dist/Parallax with PyInstaller; return the wall time in seconds."""
    env = dict(os.environ, PARALLAX_BUNDLE_UNTRIMMED="1" if untrimmed else "0")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"]
    cmd += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def size_and_count(folder: Path) -> tuple[int, int]:
    """Disk usage in bytes (allocated blocks, as du counts them) and number of files."""
    used, count = 0, 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            used += path.stat().st_blocks * 512
            count += 1
    return used, count


def start_once(exe: Path, work: Path, bare_env: bool) -> float:
    """Seconds from launch to exit of `exe open --screenshot`; fails loudly on a bad exit."""
    png = work / "shot.png"
    png.unlink(missing_ok=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(work / "home"), "LANG": "C.UTF-8"}
    env["PARALLAX_HOME"] = str(work / "store")
    env["PATH"] = "/usr/bin:/bin" if bare_env else f"{exe.parent}:/usr/bin:/bin"
    start = time.perf_counter()
    subprocess.run([str(exe), "open", "--screenshot", str(png)], env=env, cwd=work, check=True)
    elapsed = time.perf_counter() - start
    if not png.is_file() or png.stat().st_size < 10_000:
        raise SystemExit(f"{exe}: no screenshot written")
    return elapsed


def compare_starts(repeat: int) -> dict[str, list[float]]:
    """Alternating start times for the bundle and the venv, `repeat` runs each."""
    times: dict[str, list[float]] = {"bundle": [], "venv": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for _ in range(repeat):
            times["bundle"].append(start_once(BUNDLE / "parallax", work, bare_env=True))
            times["venv"].append(start_once(VENV_EXE, work, bare_env=False))
    return times


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="start-up runs of each (default 5)")
    parser.add_argument("--build", action="store_true", help="rebuild dist/Parallax and time it")
    parser.add_argument("--untrimmed", action="store_true", help="also build an untrimmed one")
    args = parser.parse_args()
    if args.build:
        seconds = build(ROOT / "dist", ROOT / "build" / "pyinstaller")
        print(f"build time      {seconds:6.1f} s  (PyInstaller, {os.cpu_count()} cores)")
    if not (BUNDLE / "parallax").is_file():
        raise SystemExit("no dist/Parallax/parallax: run packaging/build.sh or pass --build")
    used, count = size_and_count(BUNDLE)
    print(f"bundle          {mib(used):>9}  {count} files  (trimmed, dist/Parallax)")
    if args.untrimmed:
        with tempfile.TemporaryDirectory() as tmp:
            seconds = build(Path(tmp) / "dist", Path(tmp) / "work", untrimmed=True)
            raw, raw_count = size_and_count(Path(tmp) / "dist" / "Parallax")
        print(f"untrimmed       {mib(raw):>9}  {raw_count} files  (built in {seconds:.1f} s)")
        print(f"trimming saves  {mib(raw - used):>9}  ({100 * (raw - used) / raw:.0f} %)")
    times = compare_starts(args.repeat)
    for name in ("venv", "bundle"):
        rest = times[name][1:] or times[name]
        print(
            f"start {name:<7}   first {times[name][0]:5.2f} s   median of rest "
            f"{statistics.median(rest):5.2f} s   (open --screenshot, seeds aligned)"
        )
    ratio = statistics.median(times["bundle"]) / statistics.median(times["venv"])
    print(f"bundle / venv   {ratio:5.2f}x  (median of all runs; baseline: .venv/bin/parallax)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import benchmark: the five seeds, a 10 MB article, a 5 MB line without spaces, an HTML page.

Each figure is printed beside a baseline measured in the same run: reading and decoding the same
bytes without cleaning (so the cost of cleaning is visible on a noisy machine).
Run: .venv/bin/python benchmarks/import_bench.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.importers import load_document  # noqa: E402
from app.core.importers.decode import decode_bytes  # noqa: E402


def _best_ms(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _report(label: str, paths: list[Path], repeat: int) -> None:
    def full() -> None:
        for path in paths:
            load_document(path, manifest={})

    def baseline() -> None:
        for path in paths:
            decode_bytes(path.read_bytes(), str(path))

    size = sum(p.stat().st_size for p in paths) / 1024 / 1024
    print(
        f"{label:<28} {size:7.2f} MB  import {_best_ms(full, repeat):9.1f} ms"
        f"   baseline read+decode {_best_ms(baseline, repeat):8.1f} ms"
    )


def main() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    html = ROOT / "tests" / "data" / "importers" / "article_page.html"
    start = time.perf_counter()
    load_document(seeds[0], manifest={})
    load_document(seeds[1], manifest={})
    print(f"warm-up (first imports)      {1000 * (time.perf_counter() - start):9.1f} ms")
    _report("5 seeds", seeds, repeat=20)
    with tempfile.TemporaryDirectory() as tmp:
        article = seeds[0].read_text(encoding="utf-8")
        big = Path(tmp) / "big.txt"
        big.write_text(article * (10 * 1024 * 1024 // len(article.encode()) + 1), encoding="utf-8")
        _report("10 MB text", [big], repeat=3)
        line = Path(tmp) / "line.txt"
        line.write_text("x" * 5_000_000, encoding="utf-8")
        _report("5 MB line, no spaces", [line], repeat=3)
        _report("HTML page (trafilatura)", [html], repeat=5)


if __name__ == "__main__":
    main()

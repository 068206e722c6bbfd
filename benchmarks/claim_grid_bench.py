"""Time the claim grid (issue 9 item 4) on the seeds and on generated articles.

Figures, each against a baseline measured in the same run on the same alignment:
- `build_claim_grid` (reference choice, per-cell diffs, flags, divergence);
- `cell_segments` for every cell (what the window and the report render);
- the report section alone (`claim_grid_section`, flowables built, not laid out);
Baseline: `app.core.derivation.story_grid`, the story map's per-family pass over the same
families (it also picks the earliest version and relates every other to it).
Alignment and flags are computed once beforehand and not timed.

Run: .venv/bin/python benchmarks/claim_grid_bench.py [--articles 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.align import align_documents  # noqa: E402
from app.core.claim_grid import build_claim_grid, cell_segments  # noqa: E402
from app.core.derivation import story_grid  # noqa: E402
from app.core.export import fonts  # noqa: E402
from app.core.export.report_grid import claim_grid_section  # noqa: E402
from app.core.export.report_sections import ReportContext, make_styles  # noqa: E402
from app.core.flags import find_flags  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Alignment, Document, Flag  # noqa: E402
from benchmarks.corpus_gen import generate  # noqa: E402


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of `repeat` runs, in milliseconds (the machine is noisy)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def all_segments(alignment: Alignment, flags: list[Flag]) -> int:
    grid = build_claim_grid(alignment, flags)
    return sum(
        len(cell_segments(grid, row, cell)) for row in grid.rows for cell in row.cells if cell
    )


def section(alignment: Alignment, flags: list[Flag]) -> int:
    ctx = ReportContext(alignment, flags, [], [], {}, make_styles(), "bench")
    return len(claim_grid_section(ctx))


def measure(name: str, docs: list[Document], repeat: int) -> None:
    alignment = align_documents(docs, semantic=False)
    flags = find_flags(alignment)
    cells = sum(len({s.doc_id for s in f.spans}) for f in alignment.families)
    print(f"\n{name}: {len(docs)} articles, {len(alignment.families)} families, {cells} cells,"
          f" {len(flags)} flags")  # fmt: skip
    base = best_of(repeat, lambda: story_grid(alignment))
    rows = [
        ("baseline story_grid", base),
        ("build_claim_grid", best_of(repeat, lambda: build_claim_grid(alignment, flags))),
        ("grid + every cell's segments", best_of(repeat, lambda: all_segments(alignment, flags))),
        ("report section (flowables)", best_of(repeat, lambda: section(alignment, flags))),
    ]
    for label, ms in rows:
        print(f"  {label:32s} {ms:9.1f} ms   x{ms / base if base else 0:6.1f} baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fonts.register_fonts()
    seeds = [load_document(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    measure("seeds", seeds, args.repeat)
    measure("generated", generate(n_articles=args.articles).documents, args.repeat)


if __name__ == "__main__":
    main()

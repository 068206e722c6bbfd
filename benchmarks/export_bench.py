"""Export benchmark: annotated article PDFs against plain typesetting of the same text.

Workload: the five seed articles with 100 highlights spread over them (20 each, word-aligned,
lengths 3-40 words, some crossing line breaks, all with notes), written with
`export_article_pdf` (layout, margin markers, notes pages, pypdf annotations with appearance
streams). Baseline, measured in the same run: `export_plain_pdf`, which lays out and typesets
the same text with no highlights. The ratio is the cost of annotating. For scale, the
comparison report (`export_report_pdf`) of the same five articles is timed too.

Figures: best-of-N wall time (time.perf_counter), single process, files written to a temp dir.
Run: .venv/bin/python benchmarks/export_bench.py [--repeat 5] [--highlights 100]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.align import align_documents  # noqa: E402
from app.core.export.annotate import PdfHighlight, export_article_pdf, export_plain_pdf  # noqa: E402
from app.core.export.report import export_report_pdf  # noqa: E402
from app.core.flags import find_flags  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Document  # noqa: E402
from app.core.thresholds import HIGHLIGHT_COLOURS  # noqa: E402


def _best(work: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def make_highlights(
    docs: list[Document], total: int, seed: int = 7
) -> dict[str, list[PdfHighlight]]:
    """`total` highlights spread evenly over `docs`, each a run of whole words."""
    rng = random.Random(seed)
    kinds = list(HIGHLIGHT_COLOURS)
    out: dict[str, list[PdfHighlight]] = {d.id: [] for d in docs}
    for k in range(total):
        doc = docs[k % len(docs)]
        words = [m.span() for m in re.finditer(r"\S+", doc.text)]
        first = rng.randrange(0, len(words) - 41)
        last = first + rng.randrange(2, 40)
        kind = kinds[k % len(kinds)]
        out[doc.id].append(
            PdfHighlight(words[first][0], words[last][1], HIGHLIGHT_COLOURS[kind],
                         f"Note {k}: check against the other outlets.", "Bench",
                         "2021-07-20T10:00:00+00:00", kind, f"h{k}")
        )  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--highlights", type=int, default=100)
    args = parser.parse_args()
    docs = [load_document(str(p)) for p in sorted((ROOT / "seeds").glob("0*_*.txt"))]
    highlights = make_highlights(docs, args.highlights)
    chars = sum(len(d.text) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def plain() -> None:
            for k, d in enumerate(docs):
                export_plain_pdf(d, out / f"plain{k}.pdf")

        def annotated() -> None:
            for k, d in enumerate(docs):
                export_article_pdf(d, highlights[d.id], out / f"annotated{k}.pdf")

        base = _best(plain, args.repeat)
        ours = _best(annotated, args.repeat)
        alignment = align_documents(docs)
        flags = find_flags(alignment)
        report = _best(
            lambda: export_report_pdf(alignment, flags, [], highlights, out / "report.pdf"),
            max(1, args.repeat // 2),
        )
        pages = sum(export_article_pdf(d, highlights[d.id], out / "x.pdf").pages for d in docs)
    print(f"corpus: {len(docs)} seed articles, {chars:,} characters, {args.highlights} highlights")
    print(f"baseline  typeset only (no annotations):   {base * 1000:8.1f} ms")
    print(f"parallax  annotated PDFs ({pages} pages):     {ours * 1000:8.1f} ms")
    print(f"ratio annotated / baseline:                {ours / base:8.2f}x")
    extra = (ours - base) / args.highlights * 1000
    print(f"per highlight (extra over baseline):       {extra:8.2f} ms")
    print(f"report.pdf of the same five (for scale):   {report * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

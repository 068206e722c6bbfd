"""Pane rendering benchmark: an article that is one long line against the same text in
paragraphs, measured in the same run.

An article saved without paragraph breaks (a scraped page, a PDF text dump) is one text block in
the pane. Each tint used to re-lay the whole block out, so rendering grew with (tints x length):
a 2 MB one-line file froze the window for over ten minutes. The pane now formats inside one
edit block (app/ui/panes/rendering.py). Target: the one-line article renders within a small
factor of the same text in paragraphs, at every size.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.render_bench [--sizes 2 10 40]
(size = copies of the first seed article; tints every 600 characters, 200 long, as an aligned
article has).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from app.core.importers import load_document  # noqa: E402
from app.core.model import Document  # noqa: E402
from app.ui.panes.rendering import render  # noqa: E402
from app.ui.panes.text_map import TextMap  # noqa: E402

SEED = ROOT / "seeds" / "000_6246108eef07b8e8.txt"


def _time_render(text: str) -> float:
    """Seconds to render `text` with tints into a shown text view, layout included."""
    tints = [(s, s + 200, "#ffd8a8") for s in range(0, len(text) - 200, 600)]
    doc = Document("bench", "", "", "", "", "en", "", text)
    view = QTextBrowser()
    view.resize(300, 800)
    view.show()
    start = time.perf_counter()
    render(view.document(), doc, TextMap(text, []), tints)
    view.document().documentLayout().documentSize()  # finish the layout
    seconds = time.perf_counter() - start
    view.deleteLater()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 10, 40])
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    base = load_document(str(SEED)).text
    line = " ".join(base.split())
    print("render bench: one-line article vs the same text in paragraphs (same run)")
    for size in args.sizes:
        paragraphs = _time_render("\n\n".join([base] * size))
        one_line = _time_render(" ".join([line] * size))
        print(
            f"  {size * len(line) / 1000:7.0f} KB: paragraphs {paragraphs:6.2f} s, "
            f"one line {one_line:6.2f} s, ratio {one_line / max(paragraphs, 1e-6):5.1f}x"
        )
    app.processEvents()


if __name__ == "__main__":
    main()

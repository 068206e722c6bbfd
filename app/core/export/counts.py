"""Counts in words ("1 contradiction", "42 aligned passages in 14 families").

The report and the app must give a reader the same numbers in the same words: a fact-checker
comparing the PDF with the screen would otherwise suspect one of them is wrong. Qt-free, so the
status bar, the export dialog and report.pdf can all call it.
"""

from __future__ import annotations

from app.core.model import Alignment


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 flag', '3 flags', '0 flags'; `many` for irregular words ('families')."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def aligned_passages(alignment: Alignment) -> int:
    """Passages that belong to a family (a passage shared by three articles counts three times:
    it is what a reader sees marked in each article), not pairwise matches."""
    return sum(len(f.spans) for f in alignment.families)


def alignment_counts(alignment: Alignment) -> str:
    """'42 aligned passages in 14 families', as the app's status bar words it."""
    passages = plural(aligned_passages(alignment), "aligned passage")
    return f"{passages} in {plural(len(alignment.families), 'family', 'families')}"

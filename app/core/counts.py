"""Counts in words ("1 contradiction", "14 shared passages (42 versions)").

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
    """'14 shared passages (42 versions)': families are what a reader calls shared passages
    (the claim grid's rows), their members the versions each article tells; the word "family"
    means nothing to a reader on the first screen."""
    shared = plural(len(alignment.families), "shared passage")
    return f"{shared} ({plural(aligned_passages(alignment), 'version')})"

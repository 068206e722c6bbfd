"""Programmatic edits of a text around one highlighted span, for re-anchoring tests (issue 7).

Each edit takes the clean text and a half-open span [start, end) and returns the edited text
plus where the highlighted passage now stands (None when it was deleted). Used by
tests/core/test_reanchor_edits.py and benchmarks/reanchor_report.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

Edited = tuple[str, tuple[int, int] | None]
Edit = Callable[[str, int, int], Edited]

INSERTED = "An editor's note added after publication says more was learned later. "


def _para_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line separated) holding [start, end)."""
    head = text.rfind("\n\n", 0, start)
    tail = text.find("\n\n", end)
    return (0 if head < 0 else head + 2), (len(text) if tail < 0 else tail)


def _word_gap(text: str, start: int, end: int) -> int:
    """A space near the middle of [start, end) (the middle itself if there is none)."""
    middle = (start + end) // 2
    gap = text.rfind(" ", start + 1, middle + 1)
    return middle if gap < 0 else gap


def insert_before(text: str, start: int, end: int) -> Edited:
    """A sentence added at the start of the highlight's paragraph."""
    p0, _ = _para_bounds(text, start, end)
    return text[:p0] + INSERTED + text[p0:], (start + len(INSERTED), end + len(INSERTED))


def insert_after(text: str, start: int, end: int) -> Edited:
    """A sentence added at the end of the highlight's paragraph."""
    _, p1 = _para_bounds(text, start, end)
    return text[:p1] + " " + INSERTED.strip() + text[p1:], (start, end)


def insert_inside(text: str, start: int, end: int) -> Edited:
    """A few words inserted at a space in the middle of the highlight."""
    gap = _word_gap(text, start, end)
    words = " reportedly, and officials said"
    return text[:gap] + words + text[gap:], (start, end + len(words))


def change_words(text: str, start: int, end: int) -> Edited:
    """One word in the middle of the highlight replaced by another of a different length."""
    gap = _word_gap(text, start, end)
    nxt = text.find(" ", gap + 1, end)
    nxt = end if nxt < 0 else nxt
    new = " changed"
    return text[:gap] + new + text[nxt:], (start, end - (nxt - gap) + len(new))


def reorder_paragraphs(text: str, start: int, end: int) -> Edited:
    """The highlight's paragraph moved to the end of the text."""
    p0, p1 = _para_bounds(text, start, end)
    para = text[p0:p1]
    rest = (text[:p0] + text[p1:]).replace("\n\n\n\n", "\n\n").strip("\n")
    new = rest + "\n\n" + para
    at = len(rest) + 2
    return new, (at + start - p0, at + end - p0)


def delete_paragraph(text: str, start: int, end: int) -> Edited:
    """The highlight's paragraph deleted."""
    p0, p1 = _para_bounds(text, start, end)
    return (text[:p0] + text[p1:]).replace("\n\n\n\n", "\n\n"), None


EDITS: dict[str, Edit] = {
    "insert before": insert_before,
    "insert inside": insert_inside,
    "insert after": insert_after,
    "words changed inside": change_words,
    "paragraphs reordered": reorder_paragraphs,
    "paragraph deleted": delete_paragraph,
}


def pick_spans(text: str, count: int, seed: int) -> list[tuple[int, int]]:
    """`count` word-aligned spans of 40-160 characters inside single paragraphs of `text`.

    Spans are distinct and each lies in a paragraph long enough to hold it.
    """
    rng = random.Random(seed)
    paras: list[tuple[int, int]] = []
    at = 0
    for para in text.split("\n\n"):
        if len(para) >= 120:
            paras.append((at, at + len(para)))
        at += len(para) + 2
    spans: set[tuple[int, int]] = set()
    while len(spans) < count:
        p0, p1 = rng.choice(paras)
        length = rng.randint(40, min(160, p1 - p0))
        start = rng.randint(p0, p1 - length)
        if start > p0:
            start = text.find(" ", start, p1) + 1 or start
        end = start + length
        cut = text.rfind(" ", start + 20, min(end, p1))
        end = cut if cut > start else min(end, p1)
        if text[start:end].strip() == text[start:end] and end - start >= 20:
            spans.add((start, end))
    return sorted(spans)

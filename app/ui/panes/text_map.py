"""Offsets between a document's clean text and what a pane displays (plain Python, no Qt).

A pane may show junk in place (inserted at `JunkSpan.at`), and QTextDocument counts positions
in UTF-16 code units, so a character above U+FFFF takes two. This map converts both ways.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class TextMap:
    """Clean-text offsets <-> display positions (UTF-16) for one rendering of one document.

    Args:
        clean: the clean text.
        insertions: (clean offset, text) pairs shown before the clean character at that offset.
    """

    def __init__(self, clean: str, insertions: list[tuple[int, str]]) -> None:
        ordered = sorted(insertions, key=lambda p: p[0])
        self._ats = [at for at, _ in ordered]
        self._lens = [len(text) for _, text in ordered]
        self._cum = [0]
        for n in self._lens:
            self._cum.append(self._cum[-1] + n)
        self._starts = [at + self._cum[i] for i, at in enumerate(self._ats)]
        pieces: list[str] = []
        prev = 0
        for at, text in ordered:
            pieces += [clean[prev:at], text]
            prev = at
        pieces.append(clean[prev:])
        self.display = "".join(pieces)
        astral = [i for i, ch in enumerate(self.display) if ord(ch) > 0xFFFF]
        self._astral = astral
        self._astral16 = [i + k for k, i in enumerate(astral)]
        self.clean_length = len(clean)

    def _to16(self, index: int) -> int:
        return index + bisect_left(self._astral, index)

    def _from16(self, pos: int) -> int:
        return pos - bisect_left(self._astral16, pos)

    def to_display(self, clean_offset: int) -> int:
        """Display position (UTF-16) of a clean-text offset; insertions at it come before it."""
        k = bisect_right(self._ats, clean_offset)
        return self._to16(clean_offset + self._cum[k])

    def to_display_end(self, clean_end: int) -> int:
        """Display position of a range end: insertions standing at `clean_end` come after it."""
        k = bisect_left(self._ats, clean_end)
        return self._to16(clean_end + self._cum[k])

    def to_clean(self, pos: int) -> int:
        """Clean offset of a display position; a position inside inserted text maps to its `at`."""
        d = self._from16(pos)
        k = bisect_right(self._starts, d) - 1
        if k >= 0 and d < self._starts[k] + self._lens[k]:
            return self._ats[k]
        return min(d - self._cum[k + 1], self.clean_length)

    def inserted_ranges(self) -> list[tuple[int, int]]:
        """Display ranges [start, end) (UTF-16) of the inserted texts."""
        return [
            (self._to16(s), self._to16(s + n))
            for s, n in zip(self._starts, self._lens, strict=True)
        ]

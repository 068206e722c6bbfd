"""Anchors that point into a document's clean text and survive edits to it.

An anchor is the pair of W3C Web Annotation selectors: a TextQuote (`exact` plus up to
`ANCHOR_CONTEXT_CHARS` of `prefix`/`suffix`) and a TextPosition (`start`, `end`). Offsets are
character offsets into `Document.text` (the clean text), half-open [start, end).

Resolving an anchor against a (possibly changed) text tries, in order:
1. "exact": the quote still stands at the stored position (with its context, or at least
   no other occurrence has better context);
2. "moved": the quote occurs elsewhere; among several occurrences the one whose surrounding
   text best matches the stored prefix/suffix wins, ties broken by closeness to the old start;
3. "fuzzy": prefix + quote + suffix aligned approximately (rapidfuzz), the quote's ends mapped
   through the edit script; accepted only above the thresholds in `thresholds.py`;
4. None: the passage is gone; the caller marks the annotation an orphan (never deletes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein, Opcodes

from app.core.thresholds import (
    ANCHOR_CONTEXT_CHARS,
    ANCHOR_FUZZY_MIN_CONTEXT,
    ANCHOR_FUZZY_MIN_LOCATE,
    ANCHOR_FUZZY_MIN_QUOTE,
)

HowFound = Literal["exact", "moved", "fuzzy"]


@dataclass(frozen=True)
class TextAnchor:
    """A W3C TextQuote + TextPosition anchor into one text."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolution:
    """Where an anchor was found in a text, and how (see the module docstring)."""

    start: int
    end: int
    how: HowFound


def make_anchor(text: str, start: int, end: int) -> TextAnchor:
    """Build the anchor for `text[start:end]`.

    Args:
        text: the clean text.
        start, end: half-open character range, 0 <= start < end <= len(text).

    Raises:
        ValueError: if the range is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad anchor range [{start}, {end}) for a text of {len(text)} chars")
    prefix = text[max(0, start - ANCHOR_CONTEXT_CHARS) : start]
    suffix = text[end : end + ANCHOR_CONTEXT_CHARS]
    return TextAnchor(text[start:end], prefix, suffix, start, end)


def resolve_anchor(anchor: TextAnchor, text: str) -> Resolution | None:
    """Find `anchor` in `text`; None means it cannot be placed (an orphan).

    Returns a Resolution with half-open character offsets into `text`.
    """
    if not anchor.exact:
        return None
    full_context = len(anchor.prefix) + len(anchor.suffix)
    in_place = text[anchor.start : anchor.end] == anchor.exact
    if in_place and _context_score(anchor, text, anchor.start) == full_context:
        return Resolution(anchor.start, anchor.end, "exact")
    # The quote may stand at the old offset by chance (another copy of a repeated phrase
    # slid there), so the position only wins if no occurrence has better context.
    moved = _find_moved(anchor, text)
    if moved is not None:
        how: HowFound = "exact" if moved == anchor.start else "moved"
        return Resolution(moved, moved + len(anchor.exact), how)
    found = _find_fuzzy(anchor, text)
    if found is not None:
        return Resolution(found[0], found[1], "fuzzy")
    return None


def _occurrences(needle: str, text: str) -> list[int]:
    """Every start offset of `needle` in `text`, overlapping ones included."""
    found: list[int] = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _context_score(anchor: TextAnchor, text: str, at: int) -> int:
    """How many characters of the stored prefix/suffix agree with the text around `at`."""
    before = text[max(0, at - len(anchor.prefix)) : at]
    after_start = at + len(anchor.exact)
    after = text[after_start : after_start + len(anchor.suffix)]
    return _common_suffix_len(before, anchor.prefix) + _common_prefix_len(after, anchor.suffix)


def _find_moved(anchor: TextAnchor, text: str) -> int | None:
    """The start of the best exact occurrence of the quote, or None if there is none."""
    starts = _occurrences(anchor.exact, text)
    if not starts:
        return None
    # Context first (a repeated quote is told apart by its neighbours), then distance.
    return min(starts, key=lambda at: (-_context_score(anchor, text, at), abs(at - anchor.start)))


def _map_offset(ops: Opcodes, pos: int, *, is_end: bool) -> int:
    """Map a boundary `pos` in the source string to the destination through `ops`.

    Insertions sitting exactly on the boundary are left outside the quote: for a start we take
    the op that begins at `pos`, for an end the op that finishes at `pos`.
    """
    for op in ops:
        if op.tag == "insert":
            continue
        inside = op.src_start < pos <= op.src_end if is_end else op.src_start <= pos < op.src_end
        if not inside:
            continue
        if op.tag == "delete":
            return int(op.dest_start)
        span_src = op.src_end - op.src_start
        span_dest = op.dest_end - op.dest_start
        return int(op.dest_start) + round((pos - op.src_start) * span_dest / span_src)
    # pos lies at the very end (or start) of the source with no op covering it.
    return ops[-1].dest_end if ops and is_end else 0


def _find_fuzzy(anchor: TextAnchor, text: str) -> tuple[int, int] | None:
    """Approximate place of the quote using its context, or None below the thresholds."""
    needle = anchor.prefix + anchor.exact + anchor.suffix
    if not text:
        return None
    aligned = fuzz.partial_ratio_alignment(needle, text)
    # partial_ratio scores a window of the needle's own length, so words inserted into a
    # short quote sink it below the gate although the passage is there: it only finds the
    # place here, and the gate is applied to the aligned stretch below.
    if aligned is None or aligned.score < ANCHOR_FUZZY_MIN_LOCATE:
        return None
    # partial_ratio compares windows of the needle's length; edits change lengths, so widen
    # the window before the global alignment that maps the quote's ends.
    slack = len(anchor.exact) // 4 + 8
    win_start = max(0, aligned.dest_start - slack)
    win_end = min(len(text), aligned.dest_end + slack)
    window = text[win_start:win_end]
    ops = Levenshtein.opcodes(needle, window)
    q_start = len(anchor.prefix)
    q_end = q_start + len(anchor.exact)
    start = win_start + _map_offset(ops, q_start, is_end=False)
    end = win_start + _map_offset(ops, q_end, is_end=True)
    if end <= start:
        return None
    ctx_start = win_start + _map_offset(ops, 0, is_end=False)
    ctx_end = win_start + _map_offset(ops, len(needle), is_end=True)
    if fuzz.ratio(needle, text[ctx_start:ctx_end]) < ANCHOR_FUZZY_MIN_CONTEXT:
        return None
    if fuzz.ratio(anchor.exact, text[start:end]) < ANCHOR_FUZZY_MIN_QUOTE:
        return None
    return start, end


# Curly and typographic quotes a user may type straight (or the reverse) when quoting a text.
_QUOTE_FOLD = str.maketrans(dict.fromkeys("‘’‚‛′", "'") | dict.fromkeys("“”„‟«»″", '"'))


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """`text` with quotes folded and whitespace runs collapsed to one space, plus, for each
    character of the result, its offset in `text`."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text.translate(_QUOTE_FOLD)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        origin.append(i)
    return "".join(out), origin


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` first stands in `text`: exactly, else ignoring whitespace and quote style.

    Returns half-open character offsets into `text`, or None if it is not there (or empty).
    """
    if not quote.strip():
        return None
    at = text.find(quote)
    if at != -1:
        return at, at + len(quote)
    norm_text, origin = _normalise_with_map(text)
    norm_quote = _normalise_with_map(quote.strip())[0]
    at = norm_text.find(norm_quote)
    if at == -1:
        return None
    return origin[at], origin[at + len(norm_quote) - 1] + 1

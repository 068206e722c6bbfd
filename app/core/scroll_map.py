"""Linked scrolling as plain numbers: keep matching passages level across N panes.

Meld's idea (linked scrolling by interpolating between matched chunks), generalised: for each
pair of documents we collect anchor pairs -- offsets in A and B that should stand level -- from
every family that has a span in both documents (a family links them even when no pairwise match
does, which is the "fall back through families" rule). Reordered passages produce crossing
pairs; those cannot all stay level, so a longest-increasing-subsequence pass keeps the largest
consistent set. Between anchors the mapping is linear.

Conventions: offsets are character offsets into `Document.text`; anchors are (offset_a,
offset_b) pairs, strictly increasing in both coordinates.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from app.core.model import Alignment, Span

Anchor = tuple[int, int]


def _extent(spans: list[Span], doc_id: str) -> tuple[int, int] | None:
    """The [start, end) hull of the spans that lie in `doc_id`, or None when there are none."""
    mine = [s for s in spans if s.doc_id == doc_id]
    if not mine:
        return None
    return min(s.start for s in mine), max(s.end for s in mine)


def raw_anchor_pairs(alignment: Alignment, doc_a: str, doc_b: str) -> list[Anchor]:
    """Every (start, start) and (end, end) pair of families present in both documents.

    Args:
        alignment: the aligned documents.
        doc_a, doc_b: document ids.
    Returns: pairs sorted by offset in A, then B; may cross (not yet monotonic).
    """
    pairs: set[Anchor] = set()
    for family in alignment.families:
        ext_a = _extent(family.spans, doc_a)
        ext_b = _extent(family.spans, doc_b)
        if ext_a is None or ext_b is None:
            continue
        pairs.add((ext_a[0], ext_b[0]))
        pairs.add((ext_a[1], ext_b[1]))
    return sorted(pairs)


def longest_increasing_pairs(pairs: list[Anchor]) -> list[Anchor]:
    """Keep the longest subsequence strictly increasing in both coordinates.

    Args:
        pairs: anchor pairs sorted by the first coordinate (ties allowed).
    Returns: the kept pairs in order. O(n log n) patience sort.
    """
    # Sort ties in A by descending B so that two pairs with the same A can never both be kept.
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # tails[k] = index into `ordered` of the smallest tail of length k+1
    tail_values: list[int] = []
    parent: list[int] = [-1] * len(ordered)
    for i, (_, b) in enumerate(ordered):
        k = bisect_left(tail_values, b)
        if k > 0:
            parent[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            tail_values.append(b)
        else:
            tails[k] = i
            tail_values[k] = b
    kept: list[Anchor] = []
    i = tails[-1] if tails else -1
    while i >= 0:
        kept.append(ordered[i])
        i = parent[i]
    kept.reverse()
    return kept


def build_anchor_pairs(alignment: Alignment, doc_a: str, doc_b: str) -> list[Anchor]:
    """Monotonic anchor pairs between two documents, ready for `map_offset`.

    Args:
        alignment: the aligned documents.
        doc_a, doc_b: document ids (the pane scrolled by the user, and the one to follow).
    Returns: pairs strictly increasing in both offsets; empty when the documents share nothing.
    """
    return longest_increasing_pairs(raw_anchor_pairs(alignment, doc_a, doc_b))


def map_offset(anchors: list[Anchor], offset_a: float, len_a: int, len_b: int) -> float:
    """Map an offset in A to the offset in B that should stand level with it.

    Piecewise-linear between anchors, with the document starts (0, 0) and ends (len_a, len_b)
    as implicit outer anchors; with no anchors the mapping is proportional.

    Args:
        anchors: monotonic pairs from `build_anchor_pairs`.
        offset_a: position in A (may be fractional); clamped to [0, len_a].
        len_a, len_b: lengths of the two texts in characters.
    Returns: the position in B, in [0, len_b].
    """
    if len_a <= 0:
        return 0.0
    x = min(max(offset_a, 0.0), float(len_a))
    points = _with_ends(anchors, len_a, len_b)
    xs = [p[0] for p in points]
    i = bisect_right(xs, x)
    if i >= len(points):
        return float(points[-1][1])
    lo, hi = points[i - 1], points[i]
    if hi[0] == lo[0]:
        return float(lo[1])
    t = (x - lo[0]) / (hi[0] - lo[0])
    return lo[1] + t * (hi[1] - lo[1])


def _with_ends(anchors: list[Anchor], len_a: int, len_b: int) -> list[Anchor]:
    """Anchors inside the texts, framed by (0, 0) and (len_a, len_b), still monotonic."""
    inner = [(a, b) for a, b in anchors if 0 < a < len_a and 0 < b < len_b]
    return [(0, 0), *inner, (len_a, len_b)]

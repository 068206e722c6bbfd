"""Which passages of one family are compared for flags although no match pairs them.

A family is one piece of content carried across outlets. When outlet A's version matches B's
and B's matches C's, A and C tell the same thing, yet nothing pairs them directly: their wording
drifted too far apart for the aligner (TRT's "first floated by Putin" and The Moscow Times'
"reportedly aired at the Biden-Putin summit" are both matched to Kommersant's account, not to
each other). Those are exactly the versions where one fact tends to have changed on the way,
so the flags compare them too (measured on the seed gold of contradictions: docs/flags.md).

Conventions: spans are character offsets into `Document.text`, half-open; a pair is ordered
as the family's spans are (document order, then start), so `a` is in the earlier document.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import NamedTuple

from app.core import thresholds
from app.core.model import Alignment, Family, Span


class IndirectPair(NamedTuple):
    """Two versions of one family, in different documents, that no match pairs."""

    match: int  # a match of the family holding `a` (where the UI takes the reader)
    a: Span
    b: Span


def indirect_pairs(alignment: Alignment) -> list[IndirectPair]:
    """Every pair of family versions in different documents that no match pairs directly.

    Families with more than FLAG_FAMILY_MAX_PAIRS such pairs are left out: a version that many
    others reach only through chains of loose matches is a topic, not one fact, and comparing
    it with everything would flood the list (and take quadratic time on hundreds of articles).
    """
    out: list[IndirectPair] = []
    for family in alignment.families:
        out.extend(_family_pairs(alignment, family))
    return out


def _family_pairs(alignment: Alignment, family: Family) -> list[IndirectPair]:
    """The family's indirect pairs, or none when there are more than the cap."""
    versions = _versions(family.spans)
    where = _locator(versions)
    direct: set[tuple[int, int]] = set()
    holder: dict[int, int] = {}  # version -> first match of the family with a side in it
    for k in family.matches:
        m = alignment.matches[k]
        va, vb = where(m.a), where(m.b)
        direct.add((min(va, vb), max(va, vb)))
        holder.setdefault(va, k)
        holder.setdefault(vb, k)
    out: list[IndirectPair] = []
    for x, y in combinations(range(len(versions)), 2):
        a, b = versions[x], versions[y]
        if a.doc_id == b.doc_id or (x, y) in direct:
            continue
        if len(out) == thresholds.FLAG_FAMILY_MAX_PAIRS:
            return []
        out.append(IndirectPair(holder.get(x, family.matches[0]), a, b))
    return out


def _versions(spans: list[Span]) -> list[Span]:
    """The family's spans with overlapping ones of one document merged (a sentence matched
    alone in one pair and with its neighbour in another is one version), in the order of the
    family's spans (document order, then start)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.doc_id, s.start)):
        last = merged[-1] if merged else None
        if last is not None and last.doc_id == span.doc_id and span.start < last.end:
            merged[-1] = Span(last.doc_id, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    first: dict[str, int] = {}
    for k, s in enumerate(spans):
        first.setdefault(s.doc_id, k)
    return sorted(merged, key=lambda s: (first[s.doc_id], s.start))


def _locator(versions: list[Span]) -> Callable[[Span], int]:
    """A function giving the index of the version a span lies in (every family span lies in
    exactly one: versions are the family spans merged)."""
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for k, v in enumerate(versions):
        by_doc.setdefault(v.doc_id, []).append((v.start, v.end, k))

    def where(span: Span) -> int:
        for start, end, k in by_doc.get(span.doc_id, ()):
            if start < span.end and span.start < end:
                return k
        return -1

    return where

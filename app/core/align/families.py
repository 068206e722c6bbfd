"""Families: connected components of matches across all documents (union-find).

Two matches belong to one family when they share a sentence (directly or through a chain of
matches), so a Kommersant sentence, its Moscow Times rewrite and a TRT World echo form one family.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.model import Family, Span

SentenceKey = tuple[int, int]  # (document order, sentence index)


class _UnionFind:
    """Disjoint sets over hashable keys, with path halving."""

    def __init__(self) -> None:
        self._parent: dict[SentenceKey, SentenceKey] = {}

    def find(self, key: SentenceKey) -> SentenceKey:
        parent = self._parent.setdefault(key, key)
        while parent != key:
            grand = self._parent[parent]
            self._parent[key] = grand
            key, parent = parent, grand
        return key

    def union(self, a: SentenceKey, b: SentenceKey) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def build_families(
    members: Sequence[Sequence[SentenceKey]],
    spans: Sequence[tuple[tuple[int, Span], tuple[int, Span]]],
) -> list[Family]:
    """Group matches into families.

    Args:
        members: per match, every sentence it covers on both sides, as (document order, index).
        spans: per match, its two spans each with its document order.
    Returns:
        Families ordered by first appearance (document order, then offset); each lists its
        match indexes ascending and its distinct spans by (document order, start, end).
    """
    uf = _UnionFind()
    for keys in members:
        for key in keys[1:]:
            uf.union(keys[0], key)
    groups: dict[SentenceKey, list[int]] = {}
    for m, keys in enumerate(members):
        groups.setdefault(uf.find(keys[0]), []).append(m)
    families: list[tuple[tuple[int, int], Family]] = []
    for match_ids in groups.values():
        ordered = sorted(
            {(order, sp.start, sp.end, sp) for m in match_ids for order, sp in spans[m]},
            key=lambda t: (t[0], t[1], t[2]),
        )
        first = (ordered[0][0], ordered[0][1])
        families.append((first, Family(sorted(match_ids), [t[3] for t in ordered])))
    families.sort(key=lambda t: t[0])
    return [f for _, f in families]

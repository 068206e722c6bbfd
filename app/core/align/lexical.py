"""The lexical pass over N documents: every document pair aligned (cached pairs reused, the
others spread over all cores), gathered in a fixed order whatever order pairs finished in."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.align.cache import AlignmentCache, PairKey, hits_from_rows, text_key
from app.core.align.candidates import DocIndex
from app.core.align.families import SentenceKey
from app.core.align.pairs import Pair, PairHit, align_pairs, paused_gc
from app.core.model import Document, Match, Passage, Span
from app.core.progress import CancelToken, ProgressFn

SpanPair = tuple[tuple[int, Span], tuple[int, Span]]


def lexical_matches(
    docs: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    min_score: float,
    *,
    progress: ProgressFn,
    cancel: CancelToken | None = None,
    cache: AlignmentCache | None = None,
    workers: int | None = None,
) -> tuple[list[Match], list[list[SentenceKey]], list[SpanPair]]:
    """Matches of every pair of `docs`, ordered by document pair (i < j), then a's sentence.

    With a cache, pairs already aligned (same two texts, aligner version and min_score) are
    read back and only the others are computed, then stored; the result is the same either way.

    Returns:
        (matches, per match the sentences it covers as (document order, index), per match its
        two spans with their document order) - what `build_families` takes.
    Raises:
        Cancelled: when `cancel` is triggered (pairs finished so far are still cached).
    """
    with paused_gc():
        pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
        keys = [text_key(d) for d in docs]
        results: dict[Pair, list[PairHit]] = {}
        if cache is not None:
            stored = cache.get_pairs([(keys[i], keys[j]) for i, j in pairs], min_score)
            for i, j in pairs:
                rows = stored.get((keys[i], keys[j]))
                if rows is not None:
                    results[i, j] = hits_from_rows(rows, docs[i].id, docs[j].id)
        todo = [p for p in pairs if p not in results]
        if todo:
            _compute(
                docs, passages, todo, keys, min_score, results, progress, cancel, cache, workers
            )
        progress(1.0, f"aligned {len(pairs)} document pairs")
        return _gather(pairs, results)


def _compute(
    docs: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    todo: list[Pair],
    keys: list[str],
    min_score: float,
    results: dict[Pair, list[PairHit]],
    progress: ProgressFn,
    cancel: CancelToken | None,
    cache: AlignmentCache | None,
    workers: int | None,
) -> None:
    """Align the `todo` pairs into `results`, reading and filling the cache when given."""
    involved = sorted({k for p in todo for k in p})
    indexes: dict[int, DocIndex] = {}
    if cache is not None:
        by_key = cache.get_indexes(keys[k] for k in involved)
        indexes = {k: by_key[keys[k]] for k in involved if keys[k] in by_key}
    known = set(indexes)
    new: dict[PairKey, list[PairHit]] = {}
    try:
        for (i, j), hits in align_pairs(
            docs,
            passages,
            todo,
            min_score,
            indexes=indexes,
            workers=workers,
            progress=progress,
            cancel=cancel,
        ):
            results[i, j] = hits
            new[keys[i], keys[j]] = hits
    finally:
        if cache is not None:
            cache.put_pairs(new, min_score)
            cache.put_indexes({keys[k]: ix for k, ix in indexes.items() if k not in known})


def _gather(
    pairs: list[Pair], results: dict[Pair, list[PairHit]]
) -> tuple[list[Match], list[list[SentenceKey]], list[SpanPair]]:
    matches: list[Match] = []
    members: list[list[SentenceKey]] = []
    spans: list[SpanPair] = []
    for i, j in pairs:
        for h in results[i, j]:
            matches.append(h.match)
            members.append(
                [(i, k) for k in range(h.a_first, h.a_last + 1)]
                + [(j, k) for k in range(h.b_first, h.b_last + 1)]
            )
            spans.append(((i, h.match.a), (j, h.match.b)))
    return matches, members, spans

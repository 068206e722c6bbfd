"""Align one pair of documents, and many pairs in blocks (on all cores: parallel.py).

A pair's matches are a function of its two texts alone (see candidates.py), which is what lets
`align_pairs` spread pairs over worker processes and lets the cache keep them by document hash.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from app.core import thresholds
from app.core.align.blocks import CandidateIndex
from app.core.align.candidates import DocIndex, index_document, pair_candidates, pair_corpus
from app.core.align.merge import may_grow, pair_matches
from app.core.align.scoring import score_batch
from app.core.model import Document, Match, Passage, Span
from app.core.progress import CancelToken, ProgressFn
from app.core.worddiff import word_diff

Pair = tuple[int, int]  # (earlier document order, later document order)


@dataclass(frozen=True)
class PairHit:
    """One match of a document pair with the sentences it covers (inclusive indexes)."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    match: Match


def align_pair(
    docs: tuple[Document, Document],
    indexes: tuple[DocIndex, DocIndex],
    min_score: float,
    candidates: list[tuple[int, int]],
    scores: list[float],
    grows: list[bool],
) -> list[PairHit]:
    """Matches between two documents (a = docs[0]), ordered by a's first sentence.

    Args:
        docs: the two documents; indexes: their `index_document` results, same order.
        min_score: matches scoring below this (0-100) are dropped.
        candidates: the pair's candidate sentence pairs (`pair_candidates` or blocks.py);
            scores: their single-sentence scores (`scoring.score_batch`), same order;
            grows: whether each may grow over adjacent sentences (`merge.may_grow`).
    """
    from app.core.align import match_kind  # the package imports this module first

    if not any(g or s >= min_score for s, g in zip(scores, grows, strict=True)):
        return []  # nothing can become a match: skip the pair's statistics
    corpus = pair_corpus(*indexes)
    ua, ub = corpus.units
    hits: list[PairHit] = []
    for pm in pair_matches(corpus, candidates, scores, grows, min_score):
        a = Span(docs[0].id, ua[pm.a_first].start, ua[pm.a_last].end)
        b = Span(docs[1].id, ub[pm.b_first].start, ub[pm.b_last].end)
        ops = word_diff(
            docs[0].text[a.start : a.end], docs[1].text[b.start : b.end], a.start, b.start
        )
        match = Match(a, b, round(pm.score, 1), match_kind(pm.score), "lexical", ops)
        hits.append(PairHit(pm.a_first, pm.a_last, pm.b_first, pm.b_last, match))
    return hits


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused (restored after, even on error).

    Why: aligning hundreds of articles allocates hundreds of thousands of long-lived, acyclic
    objects (sentence units, matches, word diffs); every full collection walks all of them
    again, which measured 2 s of a 15 s alignment of 400 articles. Reference counting still
    frees everything; cycles, if any, are collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def worker_count(workers: int | None) -> int:
    """Processes to use, this one included: `workers` if given (1 = this process alone), else
    one per core."""
    if workers is not None:
        return max(1, workers)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def align_pairs(
    docs: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    pairs: Sequence[Pair],
    min_score: float,
    *,
    indexes: dict[int, DocIndex] | None = None,
    workers: int | None = None,
    progress: ProgressFn,
    cancel: CancelToken | None = None,
) -> Iterator[tuple[Pair, list[PairHit]]]:
    """Align every pair in `pairs`, yielding (pair, hits) as pairs finish (any order).

    Documents are indexed first: `indexes` may supply some (e.g. from the cache) and receives
    the ones computed here. Work runs in this process alone when one process is asked for or
    the job is small (`parallel.parallel_min_pairs`); otherwise this process shares it with
    `workers` - 1 worker processes (parallel.py).

    Args:
        docs, passages: every document and its sentences (same order); pairs index them.
        progress: receives (fraction 0..1 of `pairs` done, label).
        cancel: checked between blocks; pending blocks are dropped when it fires.
    Raises:
        Cancelled: when `cancel` is triggered.
    """
    if indexes is None:
        indexes = {}
    from app.core.align import parallel  # it imports this module

    needed = sorted({k for p in pairs for k in p} - indexes.keys())
    n_workers = worker_count(workers)
    method = parallel.start_method()  # decided once: the threshold and the pool must agree
    if n_workers == 1 or len(pairs) < parallel.parallel_min_pairs(method):
        for done, k in enumerate(needed):
            if cancel is not None:
                cancel.check()
            indexing_progress(progress, done, len(needed))
            indexes[k] = index_document(docs[k], passages[k])
        yield from _serial(docs, indexes, pairs, min_score, progress, cancel)
        return
    yield from parallel.align_in_pool(
        docs, passages, pairs, indexes, needed, min_score, n_workers, progress, cancel, method
    )


def indexing_progress(progress: ProgressFn, done: int, total: int) -> None:
    """Say how far indexing has gone, about twenty times in all (400 articles take over a
    second); the bar itself stays at 0 until the first pairs are aligned."""
    if done % max(1, total // 20) == 0:
        progress(0.0, f"Indexing articles: {done} of {total}")


def _serial(
    docs: Sequence[Document],
    indexes: dict[int, DocIndex],
    pairs: Sequence[Pair],
    min_score: float,
    progress: ProgressFn,
    cancel: CancelToken | None,
) -> Iterator[tuple[Pair, list[PairHit]]]:
    rows = RowAligner(docs, indexes)
    done = 0
    for block in _serial_blocks(pairs):
        if cancel is not None:
            cancel.check()
        for (i, j), hits in rows.align(block, min_score):
            yield (i, j), hits
            done += 1
            label = f"aligned {docs[i].title or i + 1} with {docs[j].title or j + 1}"
            progress(done / len(pairs), label)


def _serial_blocks(pairs: Sequence[Pair]) -> list[list[Pair]]:
    """Whole rows of `pairs` gathered into blocks of at least ALIGN_SERIAL_BLOCK_PAIRS pairs
    (the last may hold fewer)."""
    return _gathered(_rows(pairs), thresholds.ALIGN_SERIAL_BLOCK_PAIRS)


def row_blocks(pairs: Sequence[Pair], n_blocks: int) -> list[list[Pair]]:
    """About `n_blocks` blocks of `pairs` for the workers, cut along rows where a row is short
    and inside a row where it is long: candidates are joined a row at a time (RowAligner), so a
    row cut into many blocks is joined many times (arbitrary slices measured 50 % slower)."""
    size = max(1, -(-len(pairs) // n_blocks))
    pieces = [row[k : k + size] for row in _rows(pairs) for k in range(0, len(row), size)]
    return _gathered(pieces, size)


def _gathered(pieces: list[list[Pair]], size: int) -> list[list[Pair]]:
    """Consecutive `pieces` joined into blocks of at least `size` pairs (the last may hold
    fewer)."""
    blocks: list[list[Pair]] = [[]]
    for piece in pieces:
        if len(blocks[-1]) >= size:
            blocks.append([])
        blocks[-1].extend(piece)
    return [b for b in blocks if b]


def _rows(pairs: Sequence[Pair]) -> list[list[Pair]]:
    """`pairs` cut into runs that share their first document (one candidate row each)."""
    rows: list[list[Pair]] = []
    for p in pairs:
        if rows and rows[-1][0][0] == p[0]:
            rows[-1].append(p)
        else:
            rows.append([p])
    return rows


class RowAligner:
    """Aligns blocks of pairs among fixed documents: candidates row by row (vectorised, one
    CandidateIndex over every indexed document), every candidate of the block scored in one
    batch (scoring.score_batch), then each pair's matches chosen (merge.pair_matches)."""

    def __init__(self, docs: Sequence[Document], indexes: dict[int, DocIndex]) -> None:
        self._docs = docs
        self._indexes = indexes
        order = sorted(indexes)
        self._local = {k: n for n, k in enumerate(order)}
        self._index = CandidateIndex([indexes[k] for k in order])

    def align(self, block: list[Pair], min_score: float) -> Iterator[tuple[Pair, list[PairHit]]]:
        """(pair, hits) for every pair of `block`, in the block's order, as each is done."""
        docs, indexes = self._docs, self._indexes
        found = self._candidates(block)
        scores = self._scores(block, found, min_score - thresholds.ALIGN_MERGE_SLACK)
        for i, j in block:
            cands = found[i, j]
            pair = (docs[i], docs[j]), (indexes[i], indexes[j])
            hits = align_pair(*pair, min_score, cands, *scores[i, j]) if cands else []
            yield (i, j), hits

    def _candidates(self, block: list[Pair]) -> dict[Pair, list[tuple[int, int]]]:
        """The candidate sentence pairs of every pair of `block`."""
        indexes, local = self._indexes, self._local
        found: dict[Pair, list[tuple[int, int]]] = {}
        columns: dict[int, list[int]] = {}  # later document -> earlier ones, from short rows
        for row in _rows(sorted(block)):
            i = row[0][0]
            if len(row) < thresholds.ALIGN_VECTOR_MIN_ROW:
                for _, j in row:
                    columns.setdefault(j, []).append(i)
                continue
            by_j = self._index.row(local[i], [local[j] for _, j in row])
            for _, j in row:
                found[i, j] = by_j.get(local[j], [])
        for j, column in columns.items():
            if len(column) < thresholds.ALIGN_VECTOR_MIN_ROW:
                # A few pairs: the per-pair rule costs less than joining postings over every
                # document. Both give the same candidates.
                for i in column:
                    found[i, j] = pair_candidates(indexes[i], indexes[j])
                continue
            # An article added to a case makes rows of one pair each, all with the new
            # document: join from its side (the rule is symmetric) and swap the sentences.
            by_i = self._index.row(local[j], [local[i] for i in column])
            for i in column:
                found[i, j] = sorted((x, y) for y, x in by_i.get(local[i], []))
        return found

    def _scores(
        self, block: list[Pair], found: dict[Pair, list[tuple[int, int]]], floor: float
    ) -> dict[Pair, tuple[list[float], list[bool]]]:
        """Single-sentence scores of every candidate of `block`, in one batch (score_batch),
        and whether each may grow (merge.may_grow)."""
        local = self._local
        cols: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
        for i, j in block:
            cands = found[i, j]
            cols[0].extend([local[i]] * len(cands))
            cols[1].extend([x for x, _ in cands])
            cols[2].extend([local[j]] * len(cands))
            cols[3].extend([y for _, y in cands])
        ci, cx, cj, cy = (np.asarray(c, dtype=np.int64) for c in cols)
        tables = self._index.tables
        batch = score_batch(tables, ci, cx, cj, cy, floor)
        ga, gb = tables.offset[ci] + cx, tables.offset[cj] + cy
        flat = batch.score.tolist()
        grows = may_grow(tables, ga, gb, batch, floor).tolist()
        out: dict[Pair, tuple[list[float], list[bool]]] = {}
        at = 0
        for pair in block:
            size = len(found[pair])
            out[pair] = (flat[at : at + size], grows[at : at + size])
            at += size
        return out

"""Vectorised candidate generation: one document against many at once, with numpy.

The same rule as `candidates.pair_candidates` (pair statistics: rare stems, shared IDF, the
shared fraction or full-share tests), computed for a whole row of document pairs in a few array
operations instead of a Python loop per pair and stem: every occurrence (sentence, stem) of the
row's document is joined to the postings of that stem in the other documents, and the joined
entries are summed per sentence pair. `pair_candidates` stays the readable reference; a test
holds the two equal.

Sums are rounded (ROUND digits) before threshold tests so that the result for a pair does not
depend on which other documents share its row (float sums in another order could differ in the
last bit); headline pairs are added as in `pair_candidates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from app.core import thresholds
from app.core.align.candidates import DocIndex

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ROUND = 9


class CandidateIndex:
    """Postings of every stem over a set of documents (their order is the caller's)."""

    def __init__(self, indexes: Sequence[DocIndex]) -> None:
        self.indexes = list(indexes)
        vocab: dict[str, int] = {}
        occ: list[tuple[IntArray, IntArray, IntArray]] = []
        for ix in self.indexes:
            sent, stem, df = [], [], []
            for k, u in enumerate(ix.units):
                for s in sorted(u.stems):
                    sent.append(k)
                    stem.append(vocab.setdefault(s, len(vocab)))
                    df.append(ix.df[s])
            occ.append((_ints(sent), _ints(stem), _ints(df)))
        self.occ = occ
        self.n = _ints([len(ix.units) for ix in self.indexes])
        docs = np.concatenate(
            [np.full(len(o[0]), d, np.int64) for d, o in enumerate(occ)] or [_ints([])]
        )
        sents = np.concatenate([o[0] for o in occ] or [_ints([])])
        stems = np.concatenate([o[1] for o in occ] or [_ints([])])
        dfs = np.concatenate([o[2] for o in occ] or [_ints([])])
        order = np.lexsort((sents, docs, stems))
        self.p_doc, self.p_sent, self.p_df = docs[order], sents[order], dfs[order]
        self.ptr = np.searchsorted(stems[order], np.arange(len(vocab) + 1)).astype(np.int64)
        self._solo: dict[tuple[int, int], tuple[FloatArray, FloatArray]] = {}

    def row(self, i: int, others: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """Candidates between document i and each of `others` (as `pair_candidates(i, j)`).

        Returns:
            {j: sorted [(sentence in i, sentence in j)]} for the j that have any.
        """
        out: dict[int, set[tuple[int, int]]] = {}
        titles_i = self.indexes[i].titles
        for j in others:
            if titles_i and self.indexes[j].titles:
                out[j] = {(x, y) for x in titles_i for y in self.indexes[j].titles}
        allowed = np.zeros(len(self.indexes), bool)
        allowed[list(others)] = True
        entries = self._join(i, allowed)
        if entries is not None:
            for j, x, y in _qualified(self, i, *entries):
                out.setdefault(j, set()).add((x, y))
        return {j: sorted(v) for j, v in out.items()}

    def _join(
        self, i: int, allowed: npt.NDArray[np.bool_]
    ) -> tuple[IntArray, IntArray, IntArray, IntArray, IntArray] | None:
        """Every (other doc j, sentence x of i, sentence y of j, df in i, df in j) that share a
        stem, for j in `allowed`."""
        occ_x, occ_s, occ_df = self.occ[i]
        starts = self.ptr[occ_s]
        lens = self.ptr[occ_s + 1] - starts
        total = int(lens.sum())
        if total == 0:
            return None
        rep = np.repeat(np.arange(len(occ_s)), lens)
        pos = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
        j = self.p_doc[pos]
        keep = allowed[j]
        if not keep.any():
            return None
        pos, rep = pos[keep], rep[keep]
        return j[keep], occ_x[rep], self.p_sent[pos], occ_df[rep], self.p_df[pos]

    def solo(self, d: int, top: int) -> tuple[FloatArray, FloatArray]:
        """Per sentence of document d: count of stems held by at most `top` of its sentences,
        and the sum of their log document frequencies."""
        key = (d, top)
        found = self._solo.get(key)
        if found is None:
            sent, _, df = self.occ[d]
            rare = df <= top
            size = int(self.n[d])
            counts = np.bincount(sent, weights=rare.astype(np.float64), minlength=size)
            logs = np.bincount(sent, weights=np.where(rare, np.log(df), 0.0), minlength=size)
            found = (counts.astype(np.float64), logs.astype(np.float64))
            self._solo[key] = found
        return found


def _ints(values: list[int]) -> IntArray:
    return np.asarray(values, dtype=np.int64)


def _qualified(
    index: CandidateIndex,
    i: int,
    j: IntArray,
    x: IntArray,
    y: IntArray,
    da: IntArray,
    db: IntArray,
) -> list[tuple[int, int, int]]:
    """The joined entries' sentence pairs that pass the candidate rule (see pair_candidates)."""
    n = index.n[i] + index.n[j]
    log_n = np.log(n)
    top = np.maximum(thresholds.ALIGN_COMMON_MIN_DF, thresholds.ALIGN_COMMON_DF_FRACTION * n)
    top = top.astype(np.int64)
    c = da + db
    rare = c <= top
    log_c = np.log(c)
    entries = _Entries(j, top, log_n, rare, log_c)
    weight_a = _side_weights(index, entries, np.full(len(x), i, np.int64), x, da, db)
    weight_b = _side_weights(index, entries, j, y, db, da)
    if not rare.any():
        return []
    big = np.int64(1 << 20)
    keys = (j[rare] * big + x[rare]) * big + y[rare]
    uniq, inv = np.unique(keys, return_inverse=True)
    shared = np.round(np.bincount(inv, weights=(1.0 - log_c / log_n)[rare]), ROUND)
    first = np.zeros(len(uniq), np.int64)
    first[inv[::-1]] = np.arange(len(inv))[::-1]
    wa, wb = weight_a[rare][first], weight_b[rare][first]
    frac, full = thresholds.ALIGN_MIN_SHARED_FRACTION, thresholds.ALIGN_FULL_SHARE
    main = (shared >= thresholds.ALIGN_MIN_SHARED_IDF) & (
        (shared >= np.round(frac * wa, ROUND)) | (shared >= np.round(frac * wb, ROUND))
    )
    little = (shared < thresholds.ALIGN_MIN_SHARED_IDF) & (
        (shared >= np.round(full * wa, ROUND)) & (shared >= np.round(full * wb, ROUND))
    )
    chosen = uniq[main | little]
    return list(
        zip(
            (chosen // big // big).tolist(),
            (chosen // big % big).tolist(),
            (chosen % big).tolist(),
            strict=True,
        )
    )


class _Entries(NamedTuple):
    """Per joined entry of a row (one sentence of each side sharing one stem), what both
    sides' weights need. `pair` is the row's other document: it names the document pair."""

    pair: IntArray
    top: IntArray
    log_n: FloatArray
    rare: npt.NDArray[np.bool_]
    log_c: FloatArray


def _side_weights(
    index: CandidateIndex,
    e: _Entries,
    docs: IntArray,
    sents: IntArray,
    own_df: IntArray,
    other_df: IntArray,
) -> FloatArray:
    """Per entry, the pair rare weight of sentence `sents` of document `docs` (either side):
    its solo weight, corrected for the stems the pair shares.

    An entry stands for one (sentence of one side, stem, sentence of the other) triple, so a
    stem is seen once per sentence of the other side holding it: dividing by `other_df`
    counts it once per sentence of this side. Weights are summed per (pair, sentence).
    """
    base_count, base_log = _gather_solo(index, docs, sents, e.pair, e.top)
    solo_rare = own_df <= e.top
    log_solo = np.log(own_df)
    # One bin per (pair, sentence); bincount adds each bin's weights in entry order whatever
    # the bins are numbered, so dense keys need no sort (np.unique) and sum the same.
    inv: IntArray = e.pair * np.int64(int(sents.max()) + 1 if len(sents) else 1) + sents
    d_count = np.rint(np.bincount(inv, weights=(e.rare.astype(np.float64) - solo_rare) / other_df))
    d_log = np.bincount(
        inv,
        weights=(np.where(e.rare, e.log_c, 0.0) - np.where(solo_rare, log_solo, 0.0)) / other_df,
    )
    weight = base_count + d_count[inv] - (base_log + d_log[inv]) / e.log_n
    return np.round(weight, ROUND)


def _gather_solo(
    index: CandidateIndex, docs: IntArray, sents: IntArray, pair: IntArray, top: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Per entry, `index.solo(doc, top)` at its sentence.

    An entry's document (the row's or the pair's) and its `top` are both fixed by its document
    pair, so entries are grouped by `pair` (a lookup, no sort): the solo arrays of each pair
    are laid end to end and every entry reads its value at offset of its pair + sentence.
    """
    if len(sents) == 0:
        return np.empty(0), np.empty(0)
    first = np.zeros(len(index.indexes), np.int64)
    first[pair] = np.arange(len(pair))  # any entry of a pair: they agree on doc and top
    present = np.flatnonzero(np.bincount(pair, minlength=len(index.indexes)))
    offsets = np.zeros(len(index.indexes), np.int64)
    counts: list[FloatArray] = []
    logs: list[FloatArray] = []
    at = 0
    for d, t, p in zip(
        docs[first[present]].tolist(), top[first[present]].tolist(), present.tolist(), strict=True
    ):
        c, lg = index.solo(d, t)
        offsets[p] = at
        at += len(c)
        counts.append(c)
        logs.append(lg)
    where = offsets[pair] + sents
    return np.concatenate(counts)[where], np.concatenate(logs)[where]

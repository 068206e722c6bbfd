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
BoolArray = npt.NDArray[np.bool_]
ROUND = 9


class UnitTables(NamedTuple):
    """Every sentence of an index's documents as the batch scorer (scoring.score_batch) reads
    it. A sentence's global number is offset[document] + its index; its stems are entries
    start[g]..start[g+1], sorted by stem text, so sums over them run in an order fixed by the
    text alone. Entry and (document, stem) keys are `number * vocab + stem id`, sorted, for
    lookups with np.searchsorted."""

    offset: IntArray  # per document: global number of its first sentence
    n: IntArray  # per document: number of sentences
    start: IntArray  # per sentence: first entry (one more value at the end)
    stem: IntArray  # per entry: stem id
    df: IntArray  # per entry: sentences of its own document holding the stem
    share: FloatArray  # per entry: share of a name (tokens.name_stems), 0 when not a name
    first: npt.NDArray[np.bool_]  # per entry: the stem is its sentence's first word
    cap: IntArray  # per entry: DocIndex.cap of its stem in its own document
    low: IntArray  # per entry: DocIndex.low of its stem in its own document
    entry_keys: IntArray  # sorted global sentence * vocab + stem
    entry_at: IntArray  # the entry of each sorted key
    doc_keys: IntArray  # sorted document * vocab + stem
    doc_df: IntArray  # per doc_keys: sentences holding the stem
    doc_cap: IntArray  # per doc_keys: sentences writing it as a name (DocIndex.cap)
    doc_low: IntArray  # per doc_keys: sentences writing it lower-case (DocIndex.low)
    norms: list[str]  # per sentence: normalised text
    n_words: IntArray  # per sentence
    n_content: IntArray  # per sentence
    length: IntArray  # per sentence: characters of the normalised text
    paragraph: IntArray  # per sentence: index of its paragraph in its document
    vocab: int  # number of stem ids


class CandidateIndex:
    """Postings of every stem over a set of documents (their order is the caller's), and the
    sentence tables the batch scorer reads (`tables`)."""

    def __init__(self, indexes: Sequence[DocIndex]) -> None:
        self.indexes = list(indexes)
        vocab: dict[str, int] = {}
        occ: list[tuple[IntArray, IntArray, IntArray]] = []
        share: list[float] = []
        first: list[bool] = []
        for ix in self.indexes:
            sent: list[int] = []
            stem_ids: list[int] = []
            df: list[int] = []
            counts = ix.df
            for k, u in enumerate(ix.units):
                ordered = sorted(u.stems)
                size = len(ordered)
                sent.extend([k] * size)
                stem_ids.extend([vocab.setdefault(s, len(vocab)) for s in ordered])
                df.extend([counts[s] for s in ordered])
                names, f = u.names, u.first
                share.extend([names.get(s, 0.0) for s in ordered] if names else [0.0] * size)
                first.extend([s == f for s in ordered] if f is not None else [False] * size)
            occ.append((_ints(sent), _ints(stem_ids), _ints(df)))
        self.occ = occ
        self.tables = _tables(self.indexes, occ, vocab, share, first)
        self.n = self.tables.n
        docs = np.concatenate(
            [np.full(len(o[0]), d, np.int64) for d, o in enumerate(occ)] or [_ints([])]
        )
        sents = np.concatenate([o[0] for o in occ] or [_ints([])])
        stems, dfs = self.tables.stem, self.tables.df  # the occurrences laid end to end
        order = np.lexsort((sents, docs, stems))
        self.p_doc, self.p_sent, self.p_df = docs[order], sents[order], dfs[order]
        self.ptr = np.searchsorted(stems[order], np.arange(len(vocab) + 1)).astype(np.int64)
        self._solo: dict[int, tuple[FloatArray, FloatArray]] = {}
        self._unit_of = np.repeat(np.arange(len(self.tables.length)), np.diff(self.tables.start))

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
        if int(lens.sum()) == 0:
            return None
        rep, pos = expand_ranges(starts, lens)
        j = self.p_doc[pos]
        keep = allowed[j]
        if not keep.any():
            return None
        pos, rep = pos[keep], rep[keep]
        return j[keep], occ_x[rep], self.p_sent[pos], occ_df[rep], self.p_df[pos]

    def solo(self, top: int) -> tuple[FloatArray, FloatArray]:
        """Per sentence of every document (global numbers, `tables.offset`): count of its stems
        held by at most `top` sentences of its document, and the sum of their log document
        frequencies (memoised per `top`). Each sentence's sums run over its own entries in
        order, so they do not depend on the other documents."""
        found = self._solo.get(top)
        if found is None:
            t = self.tables
            rare = t.df <= top
            size = len(t.length)
            unit = self._unit_of
            counts = np.bincount(unit, weights=rare.astype(np.float64), minlength=size)
            logs = np.bincount(unit, weights=np.where(rare, np.log(t.df), 0.0), minlength=size)
            found = (counts.astype(np.float64), logs.astype(np.float64))
            self._solo[top] = found
        return found


def _ints(values: list[int]) -> IntArray:
    return np.asarray(values, dtype=np.int64)


def expand_ranges(starts: IntArray, lens: IntArray) -> tuple[IntArray, IntArray]:
    """Every index of the half-open ranges [starts[k], starts[k] + lens[k]), range by range
    and in order, as (k of each index, the index): a ragged gather without a Python loop."""
    rep = np.repeat(np.arange(len(starts)), lens)
    pos = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
    return rep, pos + np.repeat(starts, lens)


def _tables(
    indexes: list[DocIndex],
    occ: list[tuple[IntArray, IntArray, IntArray]],
    vocab: dict[str, int],
    share: list[float],
    first: list[bool],
) -> UnitTables:
    """The UnitTables of `indexes`, from their occurrences (one entry per sentence and stem)."""
    size = max(1, len(vocab))
    n = _ints([len(ix.units) for ix in indexes])
    offset = np.concatenate([_ints([0]), np.cumsum(n)])
    unit_of = np.concatenate([o[0] + offset[d] for d, o in enumerate(occ)] or [_ints([])]).astype(
        np.int64
    )
    counts = np.bincount(unit_of, minlength=int(offset[-1]))
    start = np.concatenate([_ints([0]), np.cumsum(counts)]).astype(np.int64)
    stem = np.concatenate([o[1] for o in occ] or [_ints([])])
    keys = unit_of * size + stem
    entry_at = np.argsort(keys, kind="stable")
    doc_rows: list[int] = []
    for d, ix in enumerate(indexes):
        cap, low, base = ix.cap, ix.low, d * size
        for s, c in ix.df.items():
            doc_rows += (base + vocab[s], c, cap.get(s, 0), low.get(s, 0))
    doc = np.asarray(doc_rows, dtype=np.int64).reshape(-1, 4)
    doc = doc[np.argsort(doc[:, 0], kind="stable")]
    units = [u for ix in indexes for u in ix.units]
    owner = np.repeat(np.arange(len(indexes), dtype=np.int64), [len(o[0]) for o in occ])
    own = np.searchsorted(doc[:, 0], owner * size + stem) if len(stem) else _ints([])
    return UnitTables(
        offset[:-1].astype(np.int64),
        n,
        start,
        stem,
        np.concatenate([o[2] for o in occ] or [_ints([])]),
        np.asarray(share, dtype=np.float64),
        np.asarray(first, dtype=np.bool_),
        doc[own, 2],
        doc[own, 3],
        keys[entry_at],
        entry_at.astype(np.int64),
        doc[:, 0].copy(),
        doc[:, 1].copy(),
        doc[:, 2].copy(),
        doc[:, 3].copy(),
        [u.norm for u in units],
        _ints([u.n_words for u in units]),
        _ints([u.n_content for u in units]),
        _ints([len(u.norm) for u in units]),
        _ints([u.paragraph for u in units]),
        size,
    )


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
    base_count, base_log = _gather_solo(index, docs, sents, e.top)
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
    index: CandidateIndex, docs: IntArray, sents: IntArray, top: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Per entry, `index.solo(top)` at its sentence (of document `docs`).

    `top` is fixed by the document pair and takes few values (the floor ALIGN_COMMON_MIN_DF
    for documents of ordinary length), so entries are read per distinct `top`.
    """
    if len(sents) == 0:
        return np.empty(0), np.empty(0)
    unit = index.tables.offset[docs] + sents
    low, high = int(top.min()), int(top.max())
    if low == high:
        counts, logs = index.solo(low)
        return counts[unit], logs[unit]
    out_counts, out_logs = np.empty(len(unit)), np.empty(len(unit))
    for value in np.unique(top).tolist():
        chosen = top == value
        counts, logs = index.solo(value)
        out_counts[chosen], out_logs[chosen] = counts[unit[chosen]], logs[unit[chosen]]
    return out_counts, out_logs

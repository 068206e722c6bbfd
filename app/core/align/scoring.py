"""Similarity of two candidate texts, 0-100, from rapidfuzz plus IDF-weighted content overlap.

Why a blend: `fuzz.ratio` alone rewards the same words in the same order (verbatim copies and
light rewrites) but scores two translations of one quote, or one fact told in other words, about
as low as unrelated prose (40-50). `token_set_ratio` forgives reordering and extra clauses, and the
IDF-weighted overlap of content stems says how much *rare* content two sentences share, which is
what tells a paraphrase from two sentences that merely both mention "Russia" and "Central Asia".
The weighted sum of the three (weights in thresholds) separated the hand-judged seed pairs best;
the score never falls below `fuzz.ratio`. `token_set_ratio` is slow in bulk, which is why it runs
only on candidates that survived the inverted index.

Names versus facts: two sentences about the same people and places ("Khalilzad visited Uzbekistan"
/ "Khalilzad refused Kommersant a comment") share rare words without sharing a fact. So the
overlap counts names (capitalised mid-sentence, a multi-word name as one) at ALIGN_NAME_WEIGHT,
and the blend is only allowed when the pair shares ALIGN_MIN_FACT_IDF of non-name content;
otherwise the pair scores by `fuzz.ratio` alone. partial_ratio (a clause of a longer sentence)
counts only when most of the shorter text's content is shared ("made it clear" is not a fact).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from app.core import thresholds
from app.core.align.blocks import FloatArray, IntArray, UnitTables, expand_ranges
from app.core.align.candidates import Corpus, shared_weight, weighted_idf


class View(NamedTuple):
    """A stretch of one document (one sentence or a few adjacent ones) as the scorer sees it.

    A NamedTuple rather than a frozen dataclass: one is built per sentence per document pair,
    and a tuple is several times cheaper to construct."""

    norm: str
    stems: frozenset[str]
    names: dict[str, float]  # stems written as names -> share of the name (tokens.name_stems)
    n_content: int
    n_words: int
    weight: float  # total IDF of `stems`


def view_of(corpus: Corpus, doc: int, first: int, last: int) -> View:
    """The View of sentences first..last (inclusive) of document `doc`."""
    if first == last:
        found = corpus.views.get((doc, first))
        if found is None:
            u = corpus.docs[doc].units[first]
            single = corpus.names(doc, first)
            found = View(
                u.norm,
                u.stems,
                single,
                u.n_content,
                u.n_words,
                corpus.total(doc, first, single),
            )
            corpus.views[doc, first] = found
        return cast(View, found)
    units = corpus.docs[doc].units
    chosen = units[first : last + 1]
    stems: frozenset[str] = frozenset().union(*(u.stems for u in chosen))
    names: dict[str, float] = {}
    for k in range(first, last + 1):
        for s, share in corpus.names(doc, k).items():
            names[s] = max(names.get(s, 0.0), share)
    return View(
        " ".join(u.norm for u in chosen),
        stems,
        names,
        sum(u.n_content for u in chosen),
        sum(u.n_words for u in chosen),
        weighted_idf(corpus.idf, stems, names),
    )


def ratio_decides() -> float:
    """The fuzz.ratio from which `score` returns fuzz.ratio whatever else holds: the blend is
    capped at ALIGN_BLEND_MAX, a discounted partial_ratio cannot exceed 100 x the discount, and
    a short pair keeps its ratio from ALIGN_SHORT_MIN up. Read at call time (tests may change
    thresholds)."""
    return max(
        thresholds.ALIGN_BLEND_MAX,
        100.0 * thresholds.ALIGN_PARTIAL_DISCOUNT,
        thresholds.ALIGN_SHORT_MIN,
    )


def score(
    corpus: Corpus, a: View, b: View, floor: float = 0.0, ratio: float | None = None
) -> float:
    """Similarity of two views, 0-100 (100 = same normalised text).

    A result below `floor` may be an underestimate: the costly token_set_ratio is skipped when
    even a perfect value could not lift the pair to `floor` (the caller discards it anyway).

    Short texts (fewer than ALIGN_SHORT_WORDS words, or ALIGN_SHORT_CONTENT content words, on
    either side) score by `fuzz.ratio` only and 0 below ALIGN_SHORT_MIN: a few shared words
    prove nothing. `ratio`, when given, is `fuzz.ratio(a.norm, b.norm)` already computed by
    the caller (the candidate loop computes it first to skip near-verbatim pairs).
    """
    if ratio is None:
        ratio = fuzz.ratio(a.norm, b.norm)
    if ratio >= ratio_decides():
        return ratio  # every other branch gives `ratio` here: skip the IDF work and token sets
    if (
        min(a.n_words, b.n_words) < thresholds.ALIGN_SHORT_WORDS
        or min(a.n_content, b.n_content) < thresholds.ALIGN_SHORT_CONTENT
    ):
        return ratio if ratio >= thresholds.ALIGN_SHORT_MIN else 0.0
    dice, facts = shared_weight(
        corpus.idf, (a.stems, b.stems), (a.names, b.names), a.weight + b.weight
    )
    if facts < thresholds.ALIGN_MIN_FACT_IDF:
        return ratio  # shared names and nothing that happened: only wording can match them
    longer, shorter = max(len(a.norm), len(b.norm)), max(1, min(len(a.norm), len(b.norm)))
    if longer >= thresholds.ALIGN_PARTIAL_LENGTH_RATIO * shorter:
        # A best window proves a clause of the longer text retells the shorter one only when
        # most of the shorter one's content is shared ("made it clear" is not the fact).
        cover = dice * (a.weight + b.weight) / 2.0 / max(1e-9, min(a.weight, b.weight))
        if cover >= thresholds.ALIGN_PARTIAL_MIN_COVER:
            partial = fuzz.partial_ratio(a.norm, b.norm) * thresholds.ALIGN_PARTIAL_DISCOUNT
            ratio = max(ratio, partial)
    overlap = 100.0 * dice
    base = (
        thresholds.ALIGN_W_RATIO * ratio
        + thresholds.ALIGN_W_OVERLAP * overlap
        + thresholds.ALIGN_BLEND_OFFSET
    )
    top = base + thresholds.ALIGN_W_TOKEN_SET * 100.0
    if top < floor:
        return max(ratio, base)
    if top <= ratio:
        return ratio  # even a perfect token_set_ratio could not beat the wording
    blend = base + thresholds.ALIGN_W_TOKEN_SET * fuzz.token_set_ratio(a.norm, b.norm)
    # The blend measures shared content, not identical wording: it may make a pair "close" but
    # only `fuzz.ratio` itself can make it "verbatim".
    return max(ratio, min(blend, thresholds.ALIGN_BLEND_MAX))


# --- Batch scoring: every single-sentence candidate of many document pairs at once ----------
#
# `score` on two single sentences, computed with numpy for a whole block of candidates: the
# same branches and formulas, with each sentence's pair IDF, the shared IDF and the name
# weights summed per candidate over its stems in stem-text order (np.bincount adds each
# candidate's entries in entry order, so a candidate's sums do not depend on what else is in
# the batch). The rapidfuzz scorers run in C over the batch (process.cpdist).

_LOG_TABLE = np.array([0.0] + [math.log(c) for c in range(1, 4096)])


def _logs(counts: IntArray) -> FloatArray:
    """math.log of each count (a table: the same bits whatever the array's length)."""
    top = int(counts.max()) if len(counts) else 0
    table = _LOG_TABLE
    if top >= len(table):
        table = np.array([0.0] + [math.log(c) for c in range(1, top + 1)])
    return cast(FloatArray, table[counts])


def _expand(t: UnitTables, units: IntArray) -> tuple[IntArray, IntArray]:
    """(candidate, entry) of every stem entry of `units` (one global sentence per candidate)."""
    starts = t.start[units]
    return expand_ranges(starts, t.start[units + 1] - starts)


def _lookup(keys: IntArray, wanted: IntArray) -> tuple[npt.NDArray[np.bool_], IntArray]:
    """Whether each wanted key is in the sorted `keys`, and where (clipped when absent)."""
    if len(keys) == 0:
        return np.zeros(len(wanted), np.bool_), np.zeros(len(wanted), np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return keys[at] == wanted, at


class _Side(NamedTuple):
    """One side's stem entries of every candidate, with their pair IDF and name shares."""

    rep: IntArray  # candidate of each entry
    pos: IntArray  # entry index in the tables
    idf: FloatArray
    share: FloatArray  # name share in this pair (0: not a name)
    named: npt.NDArray[np.bool_]  # per entry: the pair writes its stem mostly as a name
    weight: FloatArray  # per candidate: summed weighted pair IDF of the sentence


def _side(t: UnitTables, other: IntArray, units: IntArray, inv_log_n: FloatArray) -> _Side:
    """Pair IDF (1 - log df / log n over both documents) of every stem of each candidate's
    sentence on one side, the name shares (a first word counts as a whole name when the pair
    writes that stem capitalised mid-sentence more often than not: `Corpus.names`), and the
    sentence's weighted IDF (`weighted_idf`)."""
    rep, pos = _expand(t, units)
    stem = t.stem[pos]
    in_other, at_other = _lookup(t.doc_keys, other[rep] * t.vocab + stem)
    zero = np.zeros(len(pos), np.int64)
    counts = t.df[pos] + np.where(in_other, t.doc_df[at_other], zero)
    idf = 1.0 - _logs(counts) * inv_log_n[rep]
    cap = t.cap[pos] + np.where(in_other, t.doc_cap[at_other], zero)
    low = t.low[pos] + np.where(in_other, t.doc_low[at_other], zero)
    named = cap > low
    share = np.where(t.first[pos] & named, 1.0, t.share[pos])
    w = thresholds.ALIGN_NAME_WEIGHT
    mass = idf * np.where(share > 0.0, w * share, 1.0)
    weight = np.bincount(rep, weights=mass, minlength=len(units)).astype(np.float64)
    return _Side(rep, pos, idf, share, named, weight)


def _overlap(t: UnitTables, a: _Side, units_b: IntArray, k: int) -> tuple[FloatArray, FloatArray]:
    """Per candidate, the IDF-weighted shared content (`shared_weight` before the Dice
    division): (facts + names at ALIGN_NAME_WEIGHT x the lighter share, facts)."""
    stem = t.stem[a.pos]
    shared, at = _lookup(t.entry_keys, units_b[a.rep] * t.vocab + stem)
    entry_b = t.entry_at[at]
    share_b = np.where(t.first[entry_b] & a.named, 1.0, t.share[entry_b])
    name_a, name_b = a.share > 0.0, share_b > 0.0
    fact = shared & ~name_a & ~name_b
    name = shared & (name_a | name_b)
    facts = np.bincount(a.rep[fact], weights=a.idf[fact], minlength=k).astype(np.float64)
    lighter = np.minimum(np.where(name_a, a.share, 1.0), np.where(name_b, share_b, 1.0))
    named = a.idf * thresholds.ALIGN_NAME_WEIGHT * lighter
    names = np.bincount(a.rep[name], weights=named[name], minlength=k).astype(np.float64)
    return facts + names, facts


class Batch(NamedTuple):
    """Per candidate of a batch: its `score` and its plain fuzz.ratio."""

    score: FloatArray
    ratio: FloatArray


def score_batch(
    t: UnitTables, i: IntArray, x: IntArray, j: IntArray, y: IntArray, floor: float
) -> Batch:
    """`score` of single-sentence candidates: sentence x[k] of document i[k] against sentence
    y[k] of document j[k] (document numbers of the tables; each pair's statistics its own).
    Scores below `floor` may be underestimates, as with `score`."""
    k = len(x)
    if k == 0:
        return Batch(np.empty(0), np.empty(0))
    ga, gb = t.offset[i] + x, t.offset[j] + y
    a_norms = [t.norms[g] for g in ga.tolist()]
    b_norms = [t.norms[g] for g in gb.tolist()]
    ratio = cpdist(a_norms, b_norms, fuzz.ratio)
    n = np.maximum(2, t.n[i] + t.n[j])
    inv_log_n = 1.0 / _logs(n)
    side_a = _side(t, j, ga, inv_log_n)
    side_b = _side(t, i, gb, inv_log_n)
    overlap, facts = _overlap(t, side_a, gb, k)
    total = side_a.weight + side_b.weight
    positive = total > 0.0
    dice = np.where(positive, 2.0 * overlap / np.where(positive, total, 1.0), 0.0)
    facts = np.where(positive, facts, 0.0)
    scores = _combine(t, ga, gb, a_norms, b_norms, ratio, dice, facts, side_a, side_b, floor)
    return Batch(scores, ratio)


def cpdist(a: list[str], b: list[str], scorer: Any) -> FloatArray:
    """scorer(a[k], b[k]) for every k, in C (float64: the same values as calling it)."""
    if not a:
        return np.empty(0)
    return cast(FloatArray, process.cpdist(a, b, scorer=scorer, dtype=np.float64, workers=1))


def _combine(
    t: UnitTables,
    ga: IntArray,
    gb: IntArray,
    a_norms: list[str],
    b_norms: list[str],
    ratio: FloatArray,
    dice: FloatArray,
    facts: FloatArray,
    side_a: _Side,
    side_b: _Side,
    floor: float,
) -> FloatArray:
    """`score`'s branches, candidate by candidate, in arrays (see `score` for the why)."""
    out = ratio.copy()  # near-verbatim pairs and pairs without shared facts keep fuzz.ratio
    rest = ratio < ratio_decides()
    short = (np.minimum(t.n_words[ga], t.n_words[gb]) < thresholds.ALIGN_SHORT_WORDS) | (
        np.minimum(t.n_content[ga], t.n_content[gb]) < thresholds.ALIGN_SHORT_CONTENT
    )
    out[rest & short & (ratio < thresholds.ALIGN_SHORT_MIN)] = 0.0
    rest &= ~short & (facts >= thresholds.ALIGN_MIN_FACT_IDF)
    wa, wb = side_a.weight, side_b.weight
    la, lb = t.length[ga], t.length[gb]
    longer, shorter = np.maximum(la, lb), np.maximum(1, np.minimum(la, lb))
    cover = dice * (wa + wb) / 2.0 / np.maximum(1e-9, np.minimum(wa, wb))
    part = np.flatnonzero(
        rest
        & (longer >= thresholds.ALIGN_PARTIAL_LENGTH_RATIO * shorter)
        & (cover >= thresholds.ALIGN_PARTIAL_MIN_COVER)
    )
    ratio = ratio.copy()
    if len(part):
        partial = cpdist(
            [a_norms[p] for p in part.tolist()],
            [b_norms[p] for p in part.tolist()],
            fuzz.partial_ratio,
        )
        ratio[part] = np.maximum(ratio[part], partial * thresholds.ALIGN_PARTIAL_DISCOUNT)
    base = (
        thresholds.ALIGN_W_RATIO * ratio
        + thresholds.ALIGN_W_OVERLAP * (100.0 * dice)
        + thresholds.ALIGN_BLEND_OFFSET
    )
    top = base + thresholds.ALIGN_W_TOKEN_SET * 100.0
    low = rest & (top < floor)
    out[low] = np.maximum(ratio, base)[low]
    rest &= ~low
    out[rest] = ratio[rest]  # covers top <= ratio: a perfect token_set_ratio could not help
    full = np.flatnonzero(rest & (top > ratio))
    if len(full):
        token_set = cpdist(
            [a_norms[p] for p in full.tolist()],
            [b_norms[p] for p in full.tolist()],
            fuzz.token_set_ratio,
        )
        blend = base[full] + thresholds.ALIGN_W_TOKEN_SET * token_set
        out[full] = np.maximum(ratio[full], np.minimum(blend, thresholds.ALIGN_BLEND_MAX))
    return out

"""Pick the matches between two documents, growing one side over adjacent sentences.

Selection is greedy by score, one use per sentence per document pair (a sentence can still match
in every other document), except that a sentence may take a second partner whose match scores
nearly as well (ALIGN_REUSE_MARGIN): a lead and a later paragraph often retell one fact.
Reordered passages are fine: nothing forces matches to be monotonic.
One-to-many: a rewrite often splits or joins sentences (Kommersant's one-sentence "you cannot
believe this, it will be a screen, ..." is three sentences in the Moscow Times), so a match is
grown over up to ALIGN_MAX_MERGE adjacent sentences on one side while that raises the score.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from app.core import thresholds
from app.core.align.blocks import BoolArray, IntArray, UnitTables
from app.core.align.candidates import Corpus
from app.core.align.scoring import Batch, cpdist, score, view_of


@dataclass(frozen=True)
class PairMatch:
    """A match between sentences a_first..a_last of one document and b_first..b_last of another
    (inclusive sentence indexes)."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    score: float


def pair_matches(
    corpus: Corpus,
    candidates: list[tuple[int, int]],
    scores: list[float],
    grows: list[bool],
    min_score: float,
) -> list[PairMatch]:
    """Matches between the corpus's two documents chosen among `candidates` (sentence index
    pairs, a in document 0) given their single-sentence `scores` (scoring.score_batch) and
    whether each may grow at all (`may_grow`).

    Candidates within ALIGN_MERGE_SLACK below `min_score` are still grown, because a merged span
    may lift them over it; only matches scoring at least `min_score` are returned, by a_first.
    """
    i, j = 0, 1
    scored = [
        # Below min_score a candidate matters only if growing may lift it: one that cannot
        # grow could only be skipped later.
        (s, a, b, grow)
        for (a, b), s, grow in zip(candidates, scores, grows, strict=True)
        if s >= min_score or grow
    ]
    if not scored:
        return []
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: dict[int, float] = {}  # sentence -> score of the match that took it
    used_b: dict[int, float] = {}
    chosen: list[PairMatch] = []
    for s, a, b, grow in scored:
        if a in used_a or b in used_b:
            if s >= min_score and _may_share(s, used_a.get(a), used_b.get(b)):
                chosen.append(PairMatch(a, a, b, b, s))
                (used_b if a in used_a else used_a)[b if a in used_a else a] = s
            continue
        m = PairMatch(a, a, b, b, s)
        if grow:
            m = _grow(corpus, i, j, m, used_a.keys(), used_b.keys())
        if m.score < min_score:
            continue
        used_a.update(dict.fromkeys(range(m.a_first, m.a_last + 1), m.score))
        used_b.update(dict.fromkeys(range(m.b_first, m.b_last + 1), m.score))
        chosen.append(m)
    chosen.sort(key=lambda m: (m.a_first, m.b_first))
    return chosen


def _may_share(s: float, taken_a: float | None, taken_b: float | None) -> bool:
    """Whether a pair scoring `s` may reuse the one sentence an earlier match took.

    A sentence often tells two facts that another document tells in two sentences (the lead
    and a later paragraph both report the offer): it may then match both, but only when the
    second match is nearly as good as the first (ALIGN_REUSE_MARGIN), so a weaker pairing
    never rides on a sentence whose real partner is elsewhere. Both sides taken: never.
    """
    if taken_a is not None and taken_b is not None:
        return False
    taken = taken_a if taken_a is not None else taken_b
    return taken is not None and s >= taken - thresholds.ALIGN_REUSE_MARGIN


def _grow(
    corpus: Corpus,
    i: int,
    j: int,
    m: PairMatch,
    used_a: Collection[int],
    used_b: Collection[int],
) -> PairMatch:
    """Grow the shorter side of a pair match over adjacent sentences (one-to-many).

    Only a clearly shorter side grows: joining sentences cannot help a pair of similar lengths,
    and skipping those keeps growth off the hot path.
    """
    len_a = len(corpus.units[i][m.a_first].norm)
    len_b = len(corpus.units[j][m.b_first].norm)
    if not _grows(len_a, len_b):
        return m
    grow_b = len_b < len_a
    best_ratio = _ratio(corpus, i, j, m)
    while True:
        lo, hi = (m.b_first, m.b_last) if grow_b else (m.a_first, m.a_last)
        if hi - lo + 1 >= thresholds.ALIGN_MAX_MERGE:
            return m
        best, best_new_ratio = m, best_ratio
        for added in (lo - 1, hi + 1):
            if not _may_add(corpus, i, j, m, added, used_b if grow_b else used_a, grow_b):
                continue
            new_lo, new_hi = min(lo, added), max(hi, added)
            trial = (
                PairMatch(m.a_first, m.a_last, new_lo, new_hi, 0.0)
                if grow_b
                else PairMatch(new_lo, new_hi, m.b_first, m.b_last, 0.0)
            )
            r = fuzz.ratio(
                _norm(corpus, i, trial.a_first, trial.a_last),
                _norm(corpus, j, trial.b_first, trial.b_last),
            )
            # Both the score and plain fuzz.ratio must rise: token_set_ratio and partial_ratio
            # alone tend to reward any added text, which would swallow unrelated neighbours.
            # The cheap ratio is tested first (on the texts alone: the views' pair IDF is the
            # costly part); the score is exact whenever it reaches `need` (see score's
            # `floor`), which is all the test asks.
            if r <= best_new_ratio:
                continue
            view_a = view_of(corpus, i, trial.a_first, trial.a_last)
            view_b = view_of(corpus, j, trial.b_first, trial.b_last)
            need = best.score + thresholds.ALIGN_MERGE_GAIN
            s = score(corpus, view_a, view_b, need, r)
            if s >= need:
                best = PairMatch(trial.a_first, trial.a_last, trial.b_first, trial.b_last, s)
                best_new_ratio = r
        if best is m:
            return m
        m, best_ratio = best, best_new_ratio


def _grows(len_a: int, len_b: int) -> bool:
    """Whether a pair of sentences this long (characters) may grow: one clearly shorter."""
    return max(len_a, len_b) >= thresholds.ALIGN_MERGE_LENGTH_RATIO * min(len_a, len_b)


def _ratio(corpus: Corpus, i: int, j: int, m: PairMatch) -> float:
    """Plain fuzz.ratio of a pair match's two (possibly merged) texts."""
    a = _norm(corpus, i, m.a_first, m.a_last)
    return float(fuzz.ratio(a, _norm(corpus, j, m.b_first, m.b_last)))


def _norm(corpus: Corpus, doc: int, first: int, last: int) -> str:
    """The normalised text of sentences first..last of document `doc` (as `view_of` joins it)."""
    units = corpus.docs[doc].units
    if first == last:
        return units[first].norm
    return " ".join([u.norm for u in units[first : last + 1]])


def _stems(corpus: Corpus, doc: int, first: int, last: int) -> frozenset[str]:
    """The content stems of sentences first..last of document `doc` (as `view_of` unites)."""
    units = corpus.docs[doc].units
    if first == last:
        return units[first].stems
    return frozenset().union(*(u.stems for u in units[first : last + 1]))


def _may_add(
    corpus: Corpus, i: int, j: int, m: PairMatch, added: int, used: Collection[int], grow_b: bool
) -> bool:
    """Whether sentence `added` of the growing side may join the match: it exists, is unused,
    stands in the same paragraph, and shares a content stem with the other side."""
    side, other_doc = (j, i) if grow_b else (i, j)
    units = corpus.units[side]
    if added < 0 or added >= len(units) or added in used:
        return False
    anchor = m.b_first if grow_b else m.a_first
    if units[anchor].paragraph != units[added].paragraph:
        return False
    first, last = (m.a_first, m.a_last) if grow_b else (m.b_first, m.b_last)
    return not units[added].stems.isdisjoint(_stems(corpus, other_doc, first, last))


def may_grow(t: UnitTables, ga: IntArray, gb: IntArray, batch: Batch, floor: float) -> BoolArray:
    """Per single-sentence candidate (global sentences ga[k], gb[k] of the tables), whether
    `_grow` could change it: it scores at least `floor`, one side is clearly shorter
    (`_grows`), and joining that side's previous or next sentence of the same paragraph raises
    fuzz.ratio, which `_grow` requires of every step. The rest are left as they are, so
    testing them here first (in C, over the batch) changes no result."""
    la, lb = t.length[ga], t.length[gb]
    out = (batch.score >= floor) & (
        np.maximum(la, lb) >= thresholds.ALIGN_MERGE_LENGTH_RATIO * np.minimum(la, lb)
    )
    grow_b = lb < la
    side = np.where(grow_b, gb, ga)
    doc = np.searchsorted(t.offset, side, side="right") - 1  # the document of each sentence
    first = t.offset[doc]
    last = first + t.n[doc] - 1
    improves = np.zeros(len(ga), np.bool_)
    norms, a_of, b_of, b_side = t.norms, ga.tolist(), gb.tolist(), grow_b.tolist()
    for step in (-1, 1):
        added = side + step
        ok = out & (added >= first) & (added <= last)
        ok[ok] = t.paragraph[added[ok]] == t.paragraph[side[ok]]
        where = np.flatnonzero(ok)
        a_texts: list[str] = []
        b_texts: list[str] = []
        for k, g, h in zip(
            where.tolist(), side[where].tolist(), added[where].tolist(), strict=True
        ):
            grown = f"{norms[h]} {norms[g]}" if step < 0 else f"{norms[g]} {norms[h]}"
            a_texts.append(norms[a_of[k]] if b_side[k] else grown)
            b_texts.append(grown if b_side[k] else norms[b_of[k]])
        if a_texts:
            improves[where] |= cpdist(a_texts, b_texts, fuzz.ratio) > batch.ratio[where]
    return out & improves

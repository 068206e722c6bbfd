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
from typing import cast

from rapidfuzz import fuzz

from app.core import thresholds
from app.core.align.candidates import Corpus
from app.core.align.scoring import View, ratio_decides, score, view_of


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
    corpus: Corpus, i: int, j: int, candidates: list[tuple[int, int]], min_score: float
) -> list[PairMatch]:
    """Matches between documents i and j chosen among `candidates` (sentence index pairs).

    Candidates within ALIGN_MERGE_SLACK below `min_score` are still grown, because a merged span
    may lift them over it; only matches scoring at least `min_score` are returned, by a_first.
    """
    floor = min_score - thresholds.ALIGN_MERGE_SLACK
    decides = ratio_decides()
    units_a, units_b = corpus.docs[i].units, corpus.docs[j].units
    views = corpus.views  # single-sentence views, memoised by view_of: read them directly
    scored = []
    for a, b in candidates:
        # A near-verbatim pair scores its fuzz.ratio (see ratio_decides): no need to build the
        # views, whose pair IDF is the costly part.
        s = fuzz.ratio(units_a[a].norm, units_b[b].norm)
        if s < decides:
            view_a = views.get((i, a)) or view_of(corpus, i, a, a)
            view_b = views.get((j, b)) or view_of(corpus, j, b, b)
            s = score(corpus, cast(View, view_a), cast(View, view_b), floor, s)
        if s >= floor:
            scored.append((s, a, b))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: dict[int, float] = {}  # sentence -> score of the match that took it
    used_b: dict[int, float] = {}
    chosen: list[PairMatch] = []
    for s, a, b in scored:
        if a in used_a or b in used_b:
            if s >= min_score and _may_share(s, used_a.get(a), used_b.get(b)):
                chosen.append(PairMatch(a, a, b, b, s))
                (used_b if a in used_a else used_a)[b if a in used_a else a] = s
            continue
        m = _grow(corpus, i, j, PairMatch(a, a, b, b, s), used_a.keys(), used_b.keys())
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
    if max(len_a, len_b) < thresholds.ALIGN_MERGE_LENGTH_RATIO * min(len_a, len_b):
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
            view_a = view_of(corpus, i, trial.a_first, trial.a_last)
            view_b = view_of(corpus, j, trial.b_first, trial.b_last)
            r = fuzz.ratio(view_a.norm, view_b.norm)
            # Both the score and plain fuzz.ratio must rise: token_set_ratio and partial_ratio
            # alone tend to reward any added text, which would swallow unrelated neighbours.
            # The cheap ratio is tested first; the score is exact whenever it reaches `need`
            # (see score's `floor`), which is all the test asks.
            if r <= best_new_ratio:
                continue
            need = best.score + thresholds.ALIGN_MERGE_GAIN
            s = score(corpus, view_a, view_b, need, r)
            if s >= need:
                best = PairMatch(trial.a_first, trial.a_last, trial.b_first, trial.b_last, s)
                best_new_ratio = r
        if best is m:
            return m
        m, best_ratio = best, best_new_ratio


def _ratio(corpus: Corpus, i: int, j: int, m: PairMatch) -> float:
    """Plain fuzz.ratio of a pair match's two (possibly merged) texts."""
    a = view_of(corpus, i, m.a_first, m.a_last)
    b = view_of(corpus, j, m.b_first, m.b_last)
    return float(fuzz.ratio(a.norm, b.norm))


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
    other = view_of(corpus, other_doc, first, last)
    return bool(units[added].stems & other.stems)

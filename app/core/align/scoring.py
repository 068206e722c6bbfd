"""Similarity of two candidate texts, 0-100, from rapidfuzz plus IDF-weighted content overlap.

Why a blend: `fuzz.ratio` alone rewards the same words in the same order (verbatim copies and
light rewrites) but scores two translations of one quote, or one fact told in other words, about
as low as unrelated prose (40-50). `token_set_ratio` forgives reordering and extra clauses, and the
IDF-weighted overlap of content stems says how much *rare* content two sentences share, which is
what tells a paraphrase from two sentences that merely both mention "Russia" and "Central Asia".
The weighted sum of the three (weights in thresholds) separated the hand-judged seed pairs best;
the score never falls below `fuzz.ratio`. `token_set_ratio` is slow in bulk, which is why it runs
only on candidates that survived the inverted index.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from app.core import thresholds
from app.core.align.candidates import Corpus, shared_weight


@dataclass(frozen=True)
class View:
    """A stretch of one document (one sentence or a few adjacent ones) as the scorer sees it."""

    norm: str
    stems: frozenset[str]
    n_content: int
    n_words: int
    weight: float  # total IDF of `stems`


def view_of(corpus: Corpus, doc: int, first: int, last: int) -> View:
    """The View of sentences first..last (inclusive) of document `doc`."""
    units = corpus.units[doc]
    if first == last:
        u = units[first]
        return View(u.norm, u.stems, u.n_content, u.n_words, corpus.total[doc][first])
    chosen = units[first : last + 1]
    stems: frozenset[str] = frozenset().union(*(u.stems for u in chosen))
    return View(
        " ".join(u.norm for u in chosen),
        stems,
        sum(u.n_content for u in chosen),
        sum(u.n_words for u in chosen),
        sum(corpus.idf[s] for s in stems),
    )


def score(corpus: Corpus, a: View, b: View, floor: float = 0.0) -> float:
    """Similarity of two views, 0-100 (100 = same normalised text).

    A result below `floor` may be an underestimate: the costly token_set_ratio is skipped when
    even a perfect value could not lift the pair to `floor` (the caller discards it anyway).

    Short texts (fewer than ALIGN_SHORT_WORDS words, or ALIGN_SHORT_CONTENT content words, on
    either side) score by `fuzz.ratio` only and 0 below ALIGN_SHORT_MIN: a few shared words
    prove nothing.
    """
    ratio = fuzz.ratio(a.norm, b.norm)
    if (
        min(a.n_words, b.n_words) < thresholds.ALIGN_SHORT_WORDS
        or min(a.n_content, b.n_content) < thresholds.ALIGN_SHORT_CONTENT
    ):
        return ratio if ratio >= thresholds.ALIGN_SHORT_MIN else 0.0
    longer, shorter = max(len(a.norm), len(b.norm)), max(1, min(len(a.norm), len(b.norm)))
    if longer >= thresholds.ALIGN_PARTIAL_LENGTH_RATIO * shorter:
        partial = fuzz.partial_ratio(a.norm, b.norm) * thresholds.ALIGN_PARTIAL_DISCOUNT
        ratio = max(ratio, partial)
    overlap = 100.0 * shared_weight(corpus, a.stems, b.stems, a.weight + b.weight)
    base = (
        thresholds.ALIGN_W_RATIO * ratio
        + thresholds.ALIGN_W_OVERLAP * overlap
        + thresholds.ALIGN_BLEND_OFFSET
    )
    if base + thresholds.ALIGN_W_TOKEN_SET * 100.0 < floor:
        return max(ratio, base)
    blend = base + thresholds.ALIGN_W_TOKEN_SET * fuzz.token_set_ratio(a.norm, b.norm)
    # The blend measures shared content, not identical wording: it may make a pair "close" but
    # only `fuzz.ratio` itself can make it "verbatim".
    return max(ratio, min(blend, thresholds.ALIGN_BLEND_MAX))

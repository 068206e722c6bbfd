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

from typing import NamedTuple, cast

from rapidfuzz import fuzz

from app.core import thresholds
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

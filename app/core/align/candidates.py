"""Candidate generation: which sentence pairs are worth scoring at all.

An inverted index per document maps content stems to sentences; a pair becomes a candidate when
the two sentences share enough rare content (IDF-weighted over the whole corpus). Generic stems
that occur in a large share of sentences ("russia", "asia" in the seeds) are left out of the
index: they would make everything a candidate and prove nothing about shared content. Headlines
(title-case sentences) are always paired, since their shared words are exactly those generic ones.
Each unit also records which of its stems are names (tokens.name_stems), for the scorer.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.core import thresholds
from app.core.align.tokens import content_stems, fold, name_stems, words
from app.core.model import Document, Passage
from app.core.segment import paragraphs


@dataclass(frozen=True)
class Unit:
    """One sentence prepared for alignment: its normalised text and content stems."""

    start: int
    end: int
    norm: str
    stems: frozenset[str]
    names: dict[str, float]  # stems written as names here -> share of the name (name_stems)
    n_content: int  # number of content stems (short sentences need near-verbatim matches)
    n_words: int  # number of words
    paragraph: int  # index of the paragraph holding it (merges stay inside one paragraph)
    title: bool  # written in title case: a headline
    first: str | None  # stem of the first word, if a content word (its capital proves nothing)


@dataclass
class Corpus:
    """Every document's sentences plus the statistics candidate generation and scoring need."""

    units: list[list[Unit]]  # per document, in sentence order
    idf: dict[str, float]  # stem -> IDF normalised to 0..1 (1 = occurs in one sentence)
    index: dict[str, list[int]]  # rare stem -> postings, each doc << _SHIFT | sentence, sorted
    rare: list[list[list[tuple[str, float]]]]  # per document, per sentence: (rare stem, idf)
    weight: list[list[float]]  # per document, per sentence: total idf of its rare stems
    total: list[list[float]]  # per document, per sentence: total idf of all its stems


# Postings pack (document, sentence) into one int: fast to hash, sorted by document.
_SHIFT = 20
_MASK = (1 << _SHIFT) - 1


def build_corpus(docs: Sequence[Document], passages: Sequence[Sequence[Passage]]) -> Corpus:
    """Prepare `passages` (sentences of `docs`, same order) for candidate generation."""
    units = [_units(doc, doc_passages) for doc, doc_passages in zip(docs, passages, strict=True)]
    units = _resolve_first_words(units)
    df: dict[str, int] = {}
    for doc_units in units:
        for u in doc_units:
            for s in u.stems:
                df[s] = df.get(s, 0) + 1
    n = max(2, sum(len(d) for d in units))
    log_n = math.log(n)
    idf = {s: math.log(n / c) / log_n for s, c in df.items()}
    max_df = max(thresholds.ALIGN_COMMON_MIN_DF, thresholds.ALIGN_COMMON_DF_FRACTION * n)
    rare = [
        [sorted((s, idf[s]) for s in u.stems if df[s] <= max_df) for u in doc_units]
        for doc_units in units
    ]
    index: dict[str, list[int]] = {}
    for d, doc_rare in enumerate(rare):
        for k, stems in enumerate(doc_rare):
            for s, _ in stems:
                index.setdefault(s, []).append(d << _SHIFT | k)
    weight = [[sum(w for _, w in stems) for stems in doc_rare] for doc_rare in rare]
    total = [[weighted_idf(idf, u.stems, u.names) for u in doc_units] for doc_units in units]
    return Corpus(units, idf, index, rare, weight, total)


def _units(doc: Document, sentences: Sequence[Passage]) -> list[Unit]:
    """Units of one document's sentences, each tagged with its paragraph."""
    starts = [p.start for p in paragraphs(doc)]
    units: list[Unit] = []
    para = 0
    for p in sentences:
        while para + 1 < len(starts) and starts[para + 1] <= p.start:
            para += 1
        folded = fold(doc.text[p.start : p.end])
        norm = folded.casefold()
        stems = content_stems(norm)
        stem_set = frozenset(stems)
        names, first, title = name_stems(folded)
        units.append(
            Unit(
                p.start,
                p.end,
                norm,
                stem_set,
                {s: w for s, w in names.items() if s in stem_set},
                len(stems),
                len(words(norm)),
                para,
                title,
                first,
            )
        )
    return units


def _resolve_first_words(units: list[list[Unit]]) -> list[list[Unit]]:
    """Units whose first word also counts as a name when the corpus mostly writes it as one.

    A sentence-initial capital proves nothing, so the first word is judged by the other
    sentences: a name if it is capitalised mid-sentence more often than not ("Tajikistan, as a
    member..." yes; "Today, ..." no).
    """
    cap: dict[str, int] = {}
    low: dict[str, int] = {}
    for doc_units in units:
        for u in doc_units:
            for s in u.stems:
                if s in u.names:
                    cap[s] = cap.get(s, 0) + 1
                elif s != u.first:
                    low[s] = low.get(s, 0) + 1
    return [
        [
            replace(u, names={**u.names, u.first: 1.0})
            if u.first is not None
            and u.first in u.stems
            and cap.get(u.first, 0) > low.get(u.first, 0)
            else u
            for u in doc_units
        ]
        for doc_units in units
    ]


def weighted_idf(idf: dict[str, float], stems: frozenset[str], names: dict[str, float]) -> float:
    """Summed IDF of `stems`, a name stem counted at ALIGN_NAME_WEIGHT times its share of the
    name: sharing who is involved says less than sharing what happened."""
    w = thresholds.ALIGN_NAME_WEIGHT
    return sum(idf[s] * (w * names[s] if s in names else 1.0) for s in stems)


def candidates_after(corpus: Corpus, i: int) -> dict[int, list[tuple[int, int]]]:
    """Candidate sentence pairs between document i and every later document.

    A pair qualifies when the IDF of its shared rare stems reaches ALIGN_MIN_SHARED_IDF and
    ALIGN_MIN_SHARED_FRACTION of the lighter sentence's rare weight, or when nearly all the rare
    content of both is shared (ALIGN_FULL_SHARE: short sentences like "It will be a screen.",
    which the scorer then holds to near-verbatim). Walking the postings of
    each rare stem visits only sentences that share it, so the cost grows with shared rare
    content, not with the number of sentence pairs.

    Returns:
        {j: [(sentence index in i, sentence index in j), ...]} for j > i with candidates.
    """
    index, weight = corpus.index, corpus.weight
    weight_i = weight[i]
    floor = (i + 1) << _SHIFT
    min_shared = thresholds.ALIGN_MIN_SHARED_IDF
    min_frac = thresholds.ALIGN_MIN_SHARED_FRACTION
    full = thresholds.ALIGN_FULL_SHARE
    out = _title_pairs(corpus, i)
    for a, stems in enumerate(corpus.rare[i]):
        acc: dict[int, float] = {}
        for s, w in stems:
            postings = index[s]
            for key in postings[bisect_left(postings, floor) :]:
                acc[key] = acc.get(key, 0.0) + w
        need = min_frac * weight_i[a]
        need_full = full * weight_i[a]
        for key, shared in acc.items():
            if shared >= min_shared:
                j, b = key >> _SHIFT, key & _MASK
                if shared >= need or shared >= min_frac * weight[j][b]:
                    out.setdefault(j, []).append((a, b))
            elif shared >= need_full:  # little rare content, but nearly all of it shared...
                j, b = key >> _SHIFT, key & _MASK
                if shared >= full * weight[j][b]:  # ...on both sides
                    out.setdefault(j, []).append((a, b))
    return out


def _title_pairs(corpus: Corpus, i: int) -> dict[int, list[tuple[int, int]]]:
    """Headline pairs between document i and later documents: always candidates.

    Headlines of one story share its key words, but those words are the story's most common
    ones ("Russia", "Central Asia", "bases"), which the rare-stem index leaves out.
    """
    out: dict[int, list[tuple[int, int]]] = {}
    mine = [a for a, u in enumerate(corpus.units[i]) if u.title]
    if not mine:
        return out
    for j in range(i + 1, len(corpus.units)):
        theirs = [b for b, u in enumerate(corpus.units[j]) if u.title]
        if theirs:
            out[j] = [(a, b) for a in mine for b in theirs]
    return out


def shared_weight(
    corpus: Corpus,
    stems: tuple[frozenset[str], frozenset[str]],
    names: tuple[dict[str, float], dict[str, float]],
    total: float,
) -> tuple[float, float]:
    """IDF-weighted Dice overlap (0..1) of two stem sets, and the IDF of their shared facts.

    Every stem counts, common ones too; a stem written as a name on either side counts at
    ALIGN_NAME_WEIGHT. Shared facts are the shared stems that are a name on neither side: the
    verbs, nouns and numbers that say what happened.

    Args:
        stems: the two stem sets; names: the name stems of each, with their shares.
        total: the summed weighted IDF of both sets (precomputed by the caller).
    Returns:
        (overlap 0..1, summed IDF of the shared non-name stems).
    """
    if total <= 0.0:
        return 0.0, 0.0
    idf = corpus.idf
    shared = stems[0] & stems[1]
    na, nb = names
    named = [s for s in shared if s in na or s in nb]
    facts = sum(idf[s] for s in shared) - sum(idf[s] for s in named)
    w = thresholds.ALIGN_NAME_WEIGHT
    # A stem shared as a name counts as little as its lighter side (Dice stays within 0..1).
    overlap = facts + sum(idf[s] * w * min(na.get(s, 1.0), nb.get(s, 1.0)) for s in named)
    return 2.0 * overlap / total, facts

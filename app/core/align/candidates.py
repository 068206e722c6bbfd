"""Candidate generation: which sentence pairs are worth scoring at all.

An inverted index per document maps content stems to sentences; a pair becomes a candidate when
the two sentences share enough rare content (IDF-weighted over the whole corpus). Generic stems
that occur in a large share of sentences ("russia", "asia" in the seeds) are left out of the
index: they would make everything a candidate and prove nothing about shared content.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from app.core import thresholds
from app.core.align.tokens import content_stems, normalise, words
from app.core.model import Document, Passage
from app.core.segment import paragraphs


@dataclass(frozen=True)
class Unit:
    """One sentence prepared for alignment: its normalised text and content stems."""

    start: int
    end: int
    norm: str
    stems: frozenset[str]
    n_content: int  # number of content stems (short sentences need near-verbatim matches)
    n_words: int  # number of words
    paragraph: int  # index of the paragraph holding it (merges stay inside one paragraph)


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
    total = [[sum(idf[s] for s in u.stems) for u in doc_units] for doc_units in units]
    return Corpus(units, idf, index, rare, weight, total)


def _units(doc: Document, sentences: Sequence[Passage]) -> list[Unit]:
    """Units of one document's sentences, each tagged with its paragraph."""
    starts = [p.start for p in paragraphs(doc)]
    units: list[Unit] = []
    para = 0
    for p in sentences:
        while para + 1 < len(starts) and starts[para + 1] <= p.start:
            para += 1
        norm = normalise(doc.text[p.start : p.end])
        stems = content_stems(norm)
        units.append(
            Unit(p.start, p.end, norm, frozenset(stems), len(stems), len(words(norm)), para)
        )
    return units


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
    out: dict[int, list[tuple[int, int]]] = {}
    for a, stems in enumerate(corpus.rare[i]):
        acc: dict[int, float] = {}
        for s, w in stems:
            postings = index[s]
            for key in postings[bisect_left(postings, floor) :]:
                acc[key] = acc.get(key, 0.0) + w
        need = min_frac * weight_i[a]
        for key, shared in acc.items():
            if shared < min_shared:
                continue
            j, b = key >> _SHIFT, key & _MASK
            if shared >= need or shared >= min_frac * weight[j][b]:
                out.setdefault(j, []).append((a, b))
        for key, shared in acc.items():
            if shared < min_shared:  # little rare content, but all of it shared on both sides
                j, b = key >> _SHIFT, key & _MASK
                if shared >= full * max(weight_i[a], weight[j][b]):
                    out.setdefault(j, []).append((a, b))
    return out


def shared_weight(
    corpus: Corpus, stems_a: frozenset[str], stems_b: frozenset[str], total: float
) -> float:
    """IDF-weighted Dice overlap (0..1) of two stem sets, every stem counted, common ones too.

    `total` is the summed IDF of both sets (precomputed by the caller).
    """
    if total <= 0.0:
        return 0.0
    idf = corpus.idf
    return 2.0 * sum(idf[s] for s in stems_a & stems_b) / total

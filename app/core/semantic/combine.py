"""How the semantic score (cosine of sentence embeddings) and the lexical evidence combine.

Measured on the seed gold (docs/semantic.md): cosine alone does not separate loose paraphrases
from topical neighbours (gold weak pairs 0.43-0.86, pairs a reader rejected up to 0.68), because
five articles on one story all talk about bases, Russia and the US. So a pair that the lexical
aligner did not take becomes a semantic match only when it is one of the closest pairs left and
either the cosine is high (SEM_COS_HIGH) or it is fairly high (SEM_COS_LOW) and the two sentences
also share some rare content (a stem, a number or a name few sentences use). Lexical matches
that are only loose and whose meanings disagree (cosine below SEM_VETO_COS) are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from app.core import thresholds
from app.core.align.tokens import content_stems, normalise
from app.core.semantic.embedder import Vectors


def accepts(cos: float, margin: float, support: float, mutual: bool = False) -> bool:
    """Whether an otherwise unmatched pair is a semantic match.

    Args:
        cos: cosine of the two sentence embeddings (-1..1).
        margin: `margins()` of the pair: how much closer the two are than each is to its
            nearest neighbours in the other document.
        support: summed IDF (0..1 each) of the rare stems the two sentences share.
        mutual: each sentence is the other's nearest in the other article (neither a heading).
            Such a pair is a match from SEM_COS_MUTUAL at a margin of SEM_MARGIN_MUTUAL without
            shared rare words: one fact retold ("no foreign military base could be permitted
            on Uzbek soil" / "Uzbekistan has enshrined in the Constitution the principle of
            preventing the deployment of foreign military bases") shares only topic words.
    """
    if margin < thresholds.SEM_MIN_MARGIN:
        return False
    if cos >= thresholds.SEM_COS_HIGH:
        return True
    if mutual and cos >= thresholds.SEM_COS_MUTUAL and margin >= thresholds.SEM_MARGIN_MUTUAL:
        return True
    return cos >= thresholds.SEM_COS_LOW and support >= thresholds.SEM_MIN_SUPPORT


def margins(cos: Vectors) -> Vectors:
    """Margin-scaled similarity of every sentence pair of two documents (same shape as `cos`).

    A sentence about the story in general ("Russia opposes US bases") is close to half of the
    other article; one that retells a particular fact is close to its retelling only. Dividing
    the cosine by the mean similarity of both sentences to their SEM_MARGIN_K nearest
    neighbours (the ratio margin used in bitext mining) keeps the second kind and drops the
    first: 1.0 means "no closer than its usual neighbours".
    """
    if cos.size == 0:
        return cos
    k_a, k_b = (
        min(thresholds.SEM_MARGIN_K, cos.shape[1]),
        min(thresholds.SEM_MARGIN_K, cos.shape[0]),
    )
    near_a = np.sort(cos, axis=1)[:, -k_a:].mean(axis=1)
    near_b = np.sort(cos, axis=0)[-k_b:, :].mean(axis=0)
    denom = np.clip((near_a[:, None] + near_b[None, :]) / 2.0, 1e-6, None)
    out: Vectors = (cos / denom).astype(np.float32)
    return out


def vetoes(cos: float, lexical_score: float) -> bool:
    """Whether a lexical match should be dropped: only loose (below CLOSE_MIN) and the
    meanings far apart. A close or verbatim rewrite is never second-guessed."""
    return lexical_score < thresholds.CLOSE_MIN and cos < thresholds.SEM_VETO_COS


def semantic_score(cos: float, a_norm: str, b_norm: str) -> float:
    """The 0-100 score of a semantic match: cosine mapped linearly from SEM_COS_LOW..1 onto
    MIN_SCORE..CLOSE_MIN (never past it: only the wording can make a pair close or verbatim),
    or `fuzz.ratio` of the normalised texts when that is higher."""
    span = max(1e-9, 1.0 - thresholds.SEM_COS_LOW)
    share = min(1.0, max(0.0, (cos - thresholds.SEM_COS_LOW) / span))
    mapped = thresholds.MIN_SCORE + share * (thresholds.CLOSE_MIN - 0.1 - thresholds.MIN_SCORE)
    return round(max(mapped, float(fuzz.ratio(a_norm, b_norm))), 1)


class Support:
    """Rare content shared by two sentences, with IDF counted over all the sentences aligned.

    Stems used by more than SEM_SUPPORT_MAX_DF of the sentences ("russia", "bases" in the seeds)
    count for nothing: they are the story's topic, not a shared fact.
    """

    def __init__(self, texts: Sequence[Sequence[str]]) -> None:
        """Args: per document, its sentence texts (the order `stems` is indexed by)."""
        self.stems = [[frozenset(content_stems(normalise(t))) for t in doc] for doc in texts]
        df: dict[str, int] = {}
        for doc in self.stems:
            for stems in doc:
                for s in stems:
                    df[s] = df.get(s, 0) + 1
        n = max(2, sum(len(doc) for doc in self.stems))
        log_n = math.log(n)
        # A stem two sentences share is never too common to count, however few sentences.
        max_df = max(2.0, thresholds.SEM_SUPPORT_MAX_DF * n)
        self.idf = {s: math.log(n / c) / log_n for s, c in df.items() if c <= max_df}

    def shared(self, i: int, a: int, j: int, b: int) -> float:
        """Summed IDF of the rare stems sentence a of document i shares with b of document j."""
        common = self.stems[i][a] & self.stems[j][b]
        return sum(self.idf.get(s, 0.0) for s in common)

"""Align N documents: sentence matches across every pair of documents, grouped into families.

Pipeline: segment into sentences -> candidate pairs from an IDF-weighted inverted index of
content stems (candidates.py) -> rapidfuzz + overlap scoring of candidates only (scoring.py) ->
greedy selection with one-to-many growth (merge.py) -> word diff per match -> families
(families.py). Offsets are character offsets into each `Document.text`, half-open.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core import thresholds
from app.core.align.candidates import Corpus, build_corpus, candidates_after
from app.core.align.families import SentenceKey, build_families
from app.core.align.merge import PairMatch, pair_matches
from app.core.model import Alignment, Document, Match, MatchKind, Span
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.segment import sentences
from app.core.worddiff import word_diff

__all__ = ["align_documents", "match_kind"]


def align_documents(
    docs: Sequence[Document],
    *,
    min_score: float = thresholds.MIN_SCORE,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Alignment:
    """Find the passages that carry the same content across `docs`.

    Every pair of different documents is compared; a sentence may match in several documents,
    and one sentence may match two or three adjacent sentences of another document.

    Args:
        docs: the documents, in the order the user gave them (it orders families and spans).
        min_score: matches scoring below this (0-100) are dropped.
        progress: receives (fraction 0..1, label) after segmentation and each document pair.
        cancel: checked between document pairs.
    Returns:
        An Alignment whose matches have `a` in the earlier document, ops from `word_diff`, and
        method "lexical"; matches are ordered by document pair, then `a.start`.
    Raises:
        Cancelled: when `cancel` is triggered.
    """
    docs = list(docs)
    passages = [sentences(d) for d in docs]
    corpus = build_corpus(docs, passages)
    pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
    progress(0.0, "segmented")
    matches: list[Match] = []
    members: list[list[SentenceKey]] = []
    spans: list[tuple[tuple[int, Span], tuple[int, Span]]] = []
    candidates: dict[int, list[tuple[int, int]]] = {}
    for k, (i, j) in enumerate(pairs):
        if cancel is not None:
            cancel.check()
        if j == i + 1:
            candidates = candidates_after(corpus, i)
        for pm in pair_matches(corpus, i, j, candidates.get(j, []), min_score):
            match = _to_match(docs, corpus, i, j, pm)
            matches.append(match)
            members.append(_members(i, j, pm))
            spans.append(((i, match.a), (j, match.b)))
        progress(
            (k + 1) / len(pairs), f"aligned {docs[i].title or i + 1} with {docs[j].title or j + 1}"
        )
    families = build_families(members, spans)
    return Alignment(
        docs, {d.id: p for d, p in zip(docs, passages, strict=True)}, matches, families
    )


def match_kind(score: float) -> MatchKind:
    """verbatim (>= VERBATIM_MIN), close (>= CLOSE_MIN) or loose."""
    if score >= thresholds.VERBATIM_MIN:
        return "verbatim"
    if score >= thresholds.CLOSE_MIN:
        return "close"
    return "loose"


def _to_match(docs: list[Document], corpus: Corpus, i: int, j: int, pm: PairMatch) -> Match:
    """The Match (spans, kind, word diff) for a pair match between documents i and j."""
    ui, uj = corpus.units[i], corpus.units[j]
    a = Span(docs[i].id, ui[pm.a_first].start, ui[pm.a_last].end)
    b = Span(docs[j].id, uj[pm.b_first].start, uj[pm.b_last].end)
    ops = word_diff(docs[i].text[a.start : a.end], docs[j].text[b.start : b.end], a.start, b.start)
    return Match(a, b, round(pm.score, 1), match_kind(pm.score), "lexical", ops)


def _members(i: int, j: int, pm: PairMatch) -> list[SentenceKey]:
    """Every sentence a pair match covers, on both sides."""
    return [(i, k) for k in range(pm.a_first, pm.a_last + 1)] + [
        (j, k) for k in range(pm.b_first, pm.b_last + 1)
    ]

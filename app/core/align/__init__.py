"""Align N documents: sentence matches across every pair of documents, grouped into families.

Pipeline: segment into sentences -> candidate pairs from an IDF-weighted inverted index of
content stems (candidates.py) -> rapidfuzz + overlap scoring of candidates only (scoring.py) ->
greedy selection with one-to-many growth (merge.py) -> word diff per match -> families
(families.py). Offsets are character offsets into each `Document.text`, half-open.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core import thresholds
from app.core.align.cache import AlignmentCache
from app.core.align.families import build_families
from app.core.align.lexical import lexical_matches
from app.core.align.semantic_pass import refine
from app.core.model import Alignment, Document, MatchKind
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.segment import sentences

__all__ = ["AlignmentCache", "align_documents", "match_kind"]


def align_documents(
    docs: Sequence[Document],
    *,
    min_score: float = thresholds.MIN_SCORE,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    cache: AlignmentCache | None = None,
    workers: int | None = None,
    semantic: bool | None = None,
) -> Alignment:
    """Find the passages that carry the same content across `docs`.

    Every pair of different documents is compared; a sentence may match in several documents,
    and one sentence may match two or three adjacent sentences of another document.

    Args:
        docs: the documents, in the order the user gave them (it orders families and spans).
        min_score: matches scoring below this (0-100) are dropped.
        progress: receives (fraction 0..1, label) after segmentation and each document pair.
        cancel: checked between document pairs.
        cache: reuse and store pair alignments there (same result with or without it).
        workers: processes for the lexical pass (None: one per core; 1: this process only).
        semantic: refine with sentence embeddings (semantic_pass.py): None uses them when the
            semantic extra is installed, False never; matches it adds have method "semantic",
            lexical ones it confirms "both".
    Returns:
        An Alignment whose matches have `a` in the earlier document, ops from `word_diff`, and
        method "lexical"; matches are ordered by document pair, then `a.start`.
    Raises:
        Cancelled: when `cancel` is triggered.
    """
    docs = list(docs)
    passages = [sentences(d) for d in docs]
    progress(0.0, "segmented")
    matches, members, spans = lexical_matches(
        docs, passages, min_score, progress=progress, cancel=cancel, cache=cache, workers=workers
    )
    families = build_families(members, spans)
    result = Alignment(
        docs, {d.id: p for d, p in zip(docs, passages, strict=True)}, matches, families
    )
    if cancel is not None:
        cancel.check()
    return refine(result, min_score, semantic)


def match_kind(score: float) -> MatchKind:
    """verbatim (>= VERBATIM_MIN), close (>= CLOSE_MIN) or loose."""
    if score >= thresholds.VERBATIM_MIN:
        return "verbatim"
    if score >= thresholds.CLOSE_MIN:
        return "close"
    return "loose"

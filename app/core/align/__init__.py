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
from app.core.align.semantic_pass import refine, semantic_allowed, semantic_wanted
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
            semantic extra is installed and the case has at most SEM_MAX_DOCUMENTS articles,
            True whenever installed, False never; matches it adds have method "semantic",
            lexical ones it confirms "both".
    Returns:
        An Alignment whose matches have `a` in the earlier document and ops from `word_diff`;
        method "lexical", "semantic" or "both"; ordered by document pair, then `a.start`.
    Raises:
        Cancelled: when `cancel` is triggered.
    """
    docs = list(docs)
    semantic = semantic_allowed(semantic, len(docs))
    # When the semantic pass will run it gets the second half of the bar: reading thousands of
    # sentences for meaning takes as long as the lexical pass, and the bar must only go up.
    lexical_share = 0.5 if semantic_wanted(semantic) else 1.0

    def lexical_progress(fraction: float, label: str) -> None:
        progress(fraction * lexical_share, label)

    def semantic_progress(fraction: float, label: str) -> None:
        progress(lexical_share + (1 - lexical_share) * fraction, label)

    passages = [sentences(d) for d in docs]
    lexical_progress(0.0, "segmented")
    matches, members, spans = lexical_matches(
        docs,
        passages,
        min_score,
        progress=lexical_progress,
        cancel=cancel,
        cache=cache,
        workers=workers,
    )
    families = build_families(members, spans)
    result = Alignment(
        docs, {d.id: p for d, p in zip(docs, passages, strict=True)}, matches, families
    )
    if cancel is not None:
        cancel.check()
    return refine(result, min_score, semantic, progress=semantic_progress, cancel=cancel)


def match_kind(score: float) -> MatchKind:
    """verbatim (>= VERBATIM_MIN), close (>= CLOSE_MIN) or loose."""
    if score >= thresholds.VERBATIM_MIN:
        return "verbatim"
    if score >= thresholds.CLOSE_MIN:
        return "close"
    return "loose"

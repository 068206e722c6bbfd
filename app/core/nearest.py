"""Closest passages: for a sentence the user points at, the likeliest counterparts elsewhere.

Why this exists: the aligner pairs sentences only above a threshold, and loose paraphrases of
one story sit too close in meaning to their neighbours for any threshold to separate them
(about half of the seed's "weak" gold pairs stay unmatched). A ranked shortlist per article lets
the reader find the counterpart themselves, in two clicks.

Ranking: by meaning (cosine of sentence vectors, the `semantic` extra) when the packaged model
can embed, else by words (rapidfuzz token_set_ratio of normalised text). Vectors go through the
shared embedding cache, so after a meaning-aware alignment nothing is embedded again.
Offsets are character offsets into `Document.text` (the clean text); ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from app.core import thresholds
from app.core.align.tokens import normalise
from app.core.model import Alignment, Passage, Span
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.semantic import embedder
from app.core.semantic.cache import shared_cache
from app.core.semantic.embedder import Vectors


@dataclass(frozen=True)
class ClosePassage:
    """One candidate counterpart: a sentence of another article and how close it is.

    `meaning`: cosine of the sentence vectors (-1..1), None when ranked by words only;
    `words`: rapidfuzz token_set_ratio of the normalised texts, 0-100; `matched`: an existing
    match (directly or through its passage family) already joins it to the query.
    """

    doc_id: str
    span: Span
    meaning: float | None
    words: float
    matched: bool


def query_sentences(alignment: Alignment, doc_id: str, start: int, end: int) -> list[Passage]:
    """The sentences of `doc_id` that the range [start, end) touches.

    A caret (start == end) picks the sentence it stands in; a caret between two sentences
    (on the space after a full stop) picks the sentence before it, the one just read.
    Returns [] when the document is unknown or has no sentences.
    """
    passages = alignment.passages.get(doc_id, [])
    stop = max(end, start + 1)
    hit = [p for p in passages if p.start < stop and start < p.end]
    if hit or not passages:
        return hit
    before = [p for p in passages if p.start <= start]
    return [before[-1] if before else passages[0]]


def nearest_passages(
    alignment: Alignment,
    doc_id: str,
    start: int,
    end: int,
    per_document: int = thresholds.NEAREST_PER_DOCUMENT,
    semantic: bool | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> dict[str, list[ClosePassage]]:
    """For the sentences of `doc_id` under [start, end), the closest sentences of every other
    article.

    Args:
        alignment: the open comparison (its passages are the sentences ranked).
        doc_id: the article the query comes from; its own sentences are never returned.
        start, end: the caret (start == end) or selection, clean-text offsets, half-open.
        per_document: rows kept per other article.
        semantic: False ranks by words only; None or True rank by meaning when the packaged
            model is installed and loads (several query sentences: their vectors averaged and
            normalised), else by words with `meaning` None. None, in a case of more than
            SEM_MAX_DOCUMENTS articles, ranks by meaning only if every vector is cached.
        progress: follows the embedding of sentences not cached yet (the first call may load
            the model, about a second).
        cancel: checked between embedding batches.
    Returns:
        Document id -> rows, best first, for every other document in alignment order
        (an article with no sentences gets []); {} when the query touches no sentence.
    Raises:
        Cancelled: when `cancel` is triggered while embedding.

    Junk needs no filter: cleaning cuts it out of the clean text (`JunkSpan.at` only marks
    where it stood), so no sentence of `alignment.passages` lies in it.
    """
    query = query_sentences(alignment, doc_id, start, end)
    if not query:
        return {}
    docs = {d.id: d for d in alignment.documents}
    others = [d.id for d in alignment.documents if d.id != doc_id]
    candidates = [p for other in others for p in alignment.passages.get(other, [])]
    q_texts = [docs[doc_id].text[p.start : p.end] for p in query]
    c_texts = [docs[p.doc_id].text[p.start : p.end] for p in candidates]
    cosines = None
    if semantic is not False:
        # A large case is ranked by meaning only from vectors already cached (an alignment run
        # with meaning-aware matching): reading 3,400 sentences of 100 articles for meaning
        # took 26 s, the same rule that turns meaning off for aligning such a case.
        small = len(alignment.documents) <= thresholds.SEM_MAX_DOCUMENTS
        cosines = _cosines(q_texts, c_texts, progress, cancel, semantic is True or small)
    q_norm = normalise(" ".join(q_texts))
    joined = _joined(alignment, doc_id, query)
    rows = [
        ClosePassage(
            p.doc_id,
            Span(p.doc_id, p.start, p.end),
            None if cosines is None else round(float(cosines[k]), 4),
            round(float(fuzz.token_set_ratio(q_norm, normalise(c_texts[k]))), 1),
            _overlaps(joined, p),
        )
        for k, p in enumerate(candidates)
    ]
    progress(1.0, "")
    return {other: _best(rows, other, per_document) for other in others}


def _best(rows: list[ClosePassage], doc_id: str, count: int) -> list[ClosePassage]:
    """The `count` best rows of one document: by meaning when known, ties (and the words-only
    ranking) by words, then document order so the result is stable."""
    mine = [r for r in rows if r.doc_id == doc_id]
    mine.sort(
        key=lambda r: (-(r.meaning if r.meaning is not None else 0.0), -r.words, r.span.start)
    )
    return mine[: max(0, count)]


def _cosines(
    query: list[str],
    candidates: list[str],
    progress: ProgressFn,
    cancel: CancelToken | None,
    may_embed: bool,
) -> Vectors | None:
    """Cosine of the averaged query vector with each candidate's vector; None when no model
    can embed (not installed, switched off, or failing to load), or when some vector is not
    cached and `may_embed` is false."""
    vectors = _vectors([*query, *candidates], progress, cancel, may_embed)
    if vectors is None:
        return None
    q = vectors[: len(query)].mean(axis=0)
    q = q / max(float(np.linalg.norm(q)), 1e-12)
    out: Vectors = (vectors[len(query) :] @ q).astype(np.float32)
    return out


class _NoModel(Exception):
    """The packaged model cannot embed the sentences still missing from the cache."""


def _vectors(
    texts: Sequence[str], progress: ProgressFn, cancel: CancelToken | None, may_embed: bool
) -> Vectors | None:
    """Unit vectors of `texts` through the shared cache, or None without a usable model (or
    when some are not cached and `may_embed` is false).

    The model is only loaded when some text is not cached yet: after a meaning-aware alignment
    every sentence is, and the answer comes without the second it takes to load the model.
    """
    model = embedder.default_model()
    if model is None:
        return None

    def compute(todo: list[str]) -> Vectors:
        if not may_embed:
            raise _NoModel(f"{len(todo)} sentences not read for meaning yet")
        if not embedder.available(model):
            raise _NoModel(embedder.why_unavailable(model))
        return embedder.embed_in_slices(todo, model, progress, cancel)

    try:
        return shared_cache().embed(list(texts), embedder.cache_id(model), compute)
    except (_NoModel, RuntimeError):  # RuntimeError: the model failed while embedding
        return None


def _joined(alignment: Alignment, doc_id: str, query: list[Passage]) -> list[Span]:
    """Spans in other documents that a match, or the passage family, joins to the query."""
    touches = [(p.start, p.end) for p in query]

    def in_query(span: Span) -> bool:
        return span.doc_id == doc_id and any(span.start < e and s < span.end for s, e in touches)

    out: list[Span] = []
    for m in alignment.matches:
        if in_query(m.a):
            out.append(m.b)
        elif in_query(m.b):
            out.append(m.a)
    for fam in alignment.families:
        if any(in_query(s) for s in fam.spans):
            out.extend(s for s in fam.spans if s.doc_id != doc_id)
    return out


def _overlaps(spans: list[Span], passage: Passage) -> bool:
    """Whether any of `spans` overlaps the sentence `passage`."""
    return any(
        s.doc_id == passage.doc_id and s.start < passage.end and passage.start < s.end
        for s in spans
    )

"""The semantic pass: refine a lexical Alignment with sentence-embedding similarity.

Runs after the lexical aligner, on its finished Alignment, so it depends on nothing inside the
candidate index or the scorer. Per document pair it
1. drops loose lexical matches whose two sides mean different things (combine.vetoes),
2. marks the kept lexical matches that the embeddings also support as method "both",
3. adds semantic matches among the sentences still free, closest pair first, one partner each
   (two for a long sentence; a sentence already matched may take one more at SEM_COS_REUSE),
   by combine.accepts.
Families are then rebuilt over all matches. Offsets stay character offsets into `Document.text`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from app.core import thresholds
from app.core.align import crosslingual
from app.core.align.families import SentenceKey, build_families
from app.core.align.tokens import normalise
from app.core.model import (
    Alignment,
    CrossAlignment,
    Document,
    Family,
    Match,
    MatchKind,
    MatchMethod,
    Passage,
    Span,
)
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.semantic import combine
from app.core.semantic.cache import EmbeddingCache, shared_cache
from app.core.semantic.embedder import (
    E5,
    Vectors,
    available,
    cache_id,
    default_model,
    embed_in_slices,
)
from app.core.worddiff import word_diff


@dataclass
class _Pair:
    """Working state of one document pair."""

    i: int
    j: int
    cos: Vectors  # sentences of i x sentences of j
    margin: Vectors  # combine.margins(cos)
    used_a: set[int]
    used_b: set[int]


def refine(
    alignment: Alignment,
    min_score: float,
    semantic: bool | None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Alignment:
    """What align_documents returns: the lexical alignment, refined by the semantic pass when
    `semantic_wanted(semantic)`, and with pairs of documents in different scripts aligned by
    crosslingual.py whenever there are any (by anchors when no model may be used).
    `progress` follows the embedding of sentences not yet cached; `cancel` is checked between
    batches of them."""
    use_model = semantic_wanted(semantic)
    scripts = {crosslingual.script(d.text) for d in alignment.documents}
    if not use_model and len(scripts) < 2:
        progress(1.0, "aligned")
        return alignment
    try:
        refined = apply_semantic(
            alignment, min_score, use_model=use_model, progress=progress, cancel=cancel
        )
    except RuntimeError:  # the model is installed but would not load: stay lexical
        return refine(alignment, min_score, False) if use_model else alignment
    progress(1.0, "aligned")
    return refined


def semantic_allowed(semantic: bool | None, documents: int) -> bool | None:
    """`semantic`, except that "when available" (None) means off for cases over
    SEM_MAX_DOCUMENTS articles: reading every sentence of a large case for meaning takes
    minutes the first time, while its wording alone already finds copies and rewrites."""
    if semantic is None and documents > thresholds.SEM_MAX_DOCUMENTS:
        return False
    return semantic


def apply_semantic(
    alignment: Alignment,
    min_score: float,
    *,
    model_id: str | None = None,
    cache: EmbeddingCache | None = None,
    use_model: bool = True,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Alignment:
    """The alignment refined by the semantic pass (see the module docstring).

    Args:
        alignment: a lexical Alignment (matches ordered by document pair, then a.start).
        min_score: semantic matches scoring below it are not added.
        model_id: the embedding model (default: embedder.default_model()).
        cache: where vectors are kept between runs (default: the shared disk cache).
        use_model: False: only align pairs in different scripts, by anchors.
        progress: follows the embedding of uncached sentences (fraction, label).
        cancel: checked between embedding batches.
    Returns:
        A new Alignment with the same documents and passages; matches ordered as before.
    Raises:
        RuntimeError: use_model and no embedding model can load (see `embedder.available()`).
        Cancelled: when `cancel` is triggered while embedding.
    """
    docs = alignment.documents
    passages = [alignment.passages[d.id] for d in docs]
    texts = [[d.text[p.start : p.end] for p in ps] for d, ps in zip(docs, passages, strict=True)]
    scripts = [crosslingual.script(d.text) for d in docs]
    cache = cache or shared_cache()
    model_id = model_id or default_model()
    vectors = _embed_all(texts, model_id, cache, progress, cancel) if use_model else []
    support = combine.Support(texts)
    headings = [_headings(d, ps) for d, ps in zip(docs, passages, strict=True)]
    rooms = [[_room(t) for t in doc] for doc in texts]
    order = {d.id: k for k, d in enumerate(docs)}
    by_pair: dict[tuple[int, int], list[Match]] = {}
    for m in alignment.matches:
        by_pair.setdefault((order[m.a.doc_id], order[m.b.doc_id]), []).append(m)
    multi = _multilingual(texts, scripts, cache) if use_model and len(set(scripts)) > 1 else None
    matches: list[Match] = []
    crossed: list[CrossAlignment] = []  # one per pair of documents in different scripts
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            lexical = by_pair.get((i, j), [])
            if scripts[i] != scripts[j]:
                pairs = (multi[i], multi[j]) if multi is not None else None
                result = crosslingual.align_scripts(
                    docs[i], docs[j], passages[i], passages[j], pairs
                )
                method: MatchMethod = "semantic" if result.method == "model" else "lexical"
                added = [(p.a, p.b, p.score) for p in result.pairs if p.score >= min_score]
                new = [_to_match(docs, passages, i, j, a, b, s, method) for a, b, s in added]
                matches.extend(sorted(new, key=lambda m: (m.a.start, m.b.start)))
                pair_scripts = (scripts[i], scripts[j])
                crossed.append(
                    crosslingual.summary(docs[i], docs[j], pair_scripts, result, len(new))
                )
                continue
            if not use_model:
                matches.extend(lexical)
                continue
            cos = vectors[i] @ vectors[j].T
            pair = _Pair(i, j, cos, combine.margins(cos), set(), set())
            kept = _review_lexical(pair, lexical, passages, vectors, support)
            added = _add_semantic(pair, texts, support, min_score, headings, rooms)
            new = [_to_match(docs, passages, i, j, a, b, s, "semantic") for a, b, s in added]
            matches.extend(sorted(kept + new, key=lambda m: (m.a.start, m.b.start)))
    families = _families(matches, passages, order)
    return Alignment(docs, alignment.passages, matches, families, tuple(crossed))


def _multilingual(
    texts: list[list[str]], scripts: list[str], cache: EmbeddingCache
) -> list[Vectors] | None:
    """Every document's multilingual sentence vectors, or None when that model is absent."""
    if not available(E5):
        return None
    return _embed_all(texts, E5, cache)


def _embed_all(
    texts: list[list[str]],
    model_id: str | None,
    cache: EmbeddingCache,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> list[Vectors]:
    """Every document's sentence vectors, through the cache; misses are embedded in batches so
    progress moves and a cancel takes effect within a second."""
    if model_id is None:
        raise RuntimeError("no packaged sentence model is installed")
    flat = [t for doc in texts for t in doc]

    def compute(todo: list[str]) -> Vectors:
        return embed_in_slices(todo, model_id, progress, cancel)

    rows = cache.embed(flat, cache_id(model_id), compute)
    out, start = [], 0
    for doc in texts:
        out.append(rows[start : start + len(doc)])
        start += len(doc)
    return out


def _review_lexical(
    pair: _Pair,
    lexical: list[Match],
    passages: list[list[Passage]],
    vectors: list[Vectors],
    support: combine.Support,
) -> list[Match]:
    """The pair's lexical matches minus vetoed ones, "both" where the embeddings agree; marks
    the sentences they cover as used."""
    kept = []
    for m in lexical:
        a0, a1 = _sentences(passages[pair.i], m.a)
        b0, b1 = _sentences(passages[pair.j], m.b)
        cos = _block_cos(vectors[pair.i][a0 : a1 + 1], vectors[pair.j][b0 : b1 + 1])
        if combine.vetoes(cos, m.score):
            continue
        best = max(
            (float(pair.margin[a, b]), support.shared(pair.i, a, pair.j, b))
            for a in range(a0, a1 + 1)
            for b in range(b0, b1 + 1)
        )
        if combine.accepts(cos, *best):
            m = replace(m, method="both")
        pair.used_a.update(range(a0, a1 + 1))
        pair.used_b.update(range(b0, b1 + 1))
        kept.append(m)
    return kept


def _add_semantic(
    pair: _Pair,
    texts: list[list[str]],
    support: combine.Support,
    min_score: float,
    headings: list[set[int]],
    rooms: list[list[int]],
) -> list[tuple[int, int, float]]:
    """New (sentence a, sentence b, score) matches, widest margin first, one partner each, or
    two for a sentence of SEM_TWO_FACT_WORDS words or more: a long sentence often joins two
    facts ("Tajikistan needs its CSTO partners' consent, and Uzbekistan's constitution bans
    foreign bases") that another article tells in two sentences."""
    ok = (pair.cos >= thresholds.SEM_COS_LOW) & (pair.margin >= thresholds.SEM_MIN_MARGIN)
    rows, cols = np.nonzero(ok)
    found = sorted(
        (
            (float(pair.margin[a, b]), float(pair.cos[a, b]), int(a), int(b))
            for a, b in zip(rows, cols, strict=True)
        ),
        reverse=True,
    )
    best_b, best_a = pair.cos.argmax(axis=1), pair.cos.argmax(axis=0)
    room_a, room_b = list(rooms[pair.i]), list(rooms[pair.j])
    out = []
    for margin, cos, a, b in found:
        if not (room_a[a] and room_b[b]):
            continue
        if (a in pair.used_a or b in pair.used_b) and (
            cos < thresholds.SEM_COS_REUSE or (a in pair.used_a and b in pair.used_b)
        ):
            continue
        mutual = bool(best_b[a] == b and best_a[b] == a)
        mutual = mutual and a not in headings[pair.i] and b not in headings[pair.j]
        if not combine.accepts(cos, margin, support.shared(pair.i, a, pair.j, b), mutual):
            continue
        ta, tb = texts[pair.i][a], texts[pair.j][b]
        s = combine.semantic_score(cos, normalise(ta), normalise(tb))
        room_a[a] -= 1
        room_b[b] -= 1
        if s >= min_score and not _too_short(ta, tb):
            out.append((a, b, s))
    return out


def _headings(doc: Document, passages: Sequence[Passage]) -> set[int]:
    """Indexes of the sentences that are headings. A heading ("As an alternative to US bases
    Russia does not want") sums up a topic and sits nearest to many sentences, so being its
    nearest neighbour says little (see combine.accepts, `mutual`)."""
    return {k for k, p in enumerate(passages) if doc.is_heading(p.start, p.end)}


def _room(text: str) -> int:
    """How many semantic partners a sentence may take (see _add_semantic)."""
    return 2 if len(text.split()) >= thresholds.SEM_TWO_FACT_WORDS else 1


def _too_short(a: str, b: str) -> bool:
    """Sentences this short embed close to anything ("Source: TRT World."): never semantic."""
    return min(len(a.split()), len(b.split())) < thresholds.ALIGN_SHORT_WORDS


def _block_cos(va: Vectors, vb: Vectors) -> float:
    """Cosine of two runs of sentences, each as the normalised mean of its sentence vectors."""
    a, b = va.mean(axis=0), vb.mean(axis=0)
    return float(a @ b / max(1e-12, float(np.linalg.norm(a) * np.linalg.norm(b))))


def _sentences(passages: Sequence[Passage], span: Span) -> tuple[int, int]:
    """First and last sentence index a span covers."""
    starts = [p.start for p in passages]
    first = max(0, bisect_right(starts, span.start) - 1)
    last = max(first, bisect_right(starts, span.end - 1) - 1)
    return first, last


def _kind(score: float) -> MatchKind:
    if score >= thresholds.VERBATIM_MIN:
        return "verbatim"
    return "close" if score >= thresholds.CLOSE_MIN else "loose"


def _to_match(
    docs: Sequence[Document],
    passages: list[list[Passage]],
    i: int,
    j: int,
    a: int,
    b: int,
    s: float,
    method: MatchMethod,
) -> Match:
    """A Match between sentence a of document i and sentence b of document j."""
    pa, pb = passages[i][a], passages[j][b]
    text_a, text_b = docs[i].text, docs[j].text
    ops = word_diff(text_a[pa.start : pa.end], text_b[pb.start : pb.end], pa.start, pb.start)
    span_a = Span(pa.doc_id, pa.start, pa.end)
    span_b = Span(pb.doc_id, pb.start, pb.end)
    return Match(span_a, span_b, s, _kind(s), method, ops)


def _families(
    matches: list[Match], passages: list[list[Passage]], order: dict[str, int]
) -> list[Family]:
    """Families over every match (lexical and semantic)."""
    members: list[list[SentenceKey]] = []
    spans: list[tuple[tuple[int, Span], tuple[int, Span]]] = []
    for m in matches:
        i, j = order[m.a.doc_id], order[m.b.doc_id]
        a0, a1 = _sentences(passages[i], m.a)
        b0, b1 = _sentences(passages[j], m.b)
        members.append([(i, k) for k in range(a0, a1 + 1)] + [(j, k) for k in range(b0, b1 + 1)])
        spans.append(((i, m.a), (j, m.b)))
    return build_families(members, spans)


def semantic_wanted(semantic: bool | None) -> bool:
    """Whether align_documents runs the pass: never for False; for None (use when present) and
    True (asked for) whenever a packaged model is installed. Cheap: nothing is loaded, so a run
    whose vectors are all cached never loads the model. The caller announces a missing model."""
    return semantic is not False and default_model() is not None

"""Closest passages: ranks of the gold weak partners on the seeds, flags, words-only fallback."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import nearest
from app.core.align import align_documents
from app.core.model import Alignment, Document, Span
from app.core.semantic import embedder
from app.core.semantic.cache import shared_cache

from .seed_docs import load_seed_docs

GOLD = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "seed_alignment.json").read_text("utf-8")
)
WEAK = [p for p in GOLD["pairs"] if p["strength"] == "weak"]
# Measured on the seeds (19 weak pairs, asked from both sides: 38 queries), ranked by meaning
# (MiniLM int8): the gold partner is first 19 times, in the top 3 30 times, in the top 5 32
# times; by words only: 20, 30 and 31. The floor is what was measured for the top 3, so a
# ranking that got worse fails here.
TOP3_FLOOR_MEANING = 30
TOP3_FLOOR_WORDS = 30
EVERYTHING = 10_000  # per_document large enough to see the whole ranking


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Document]]:
    """The seeds, with an embedding cache of this module's own (shared by its tests)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARALLAX_HOME", str(tmp_path_factory.mktemp("nearest-home")))
        yield load_seed_docs()


@pytest.fixture(scope="module")
def aligned(seeds: list[Document]) -> Alignment:
    return align_documents(seeds)  # meaning-aware: the semantic extra is installed in .venv


def _by_name(seeds: list[Document]) -> dict[str, Document]:
    return {Path(d.source_path).name: d for d in seeds}


def _locate(doc: Document, quote: str) -> tuple[int, int]:
    m = re.search(r"\s+".join(re.escape(w) for w in quote.split()), doc.text)
    assert m is not None, quote
    return m.span()


def _ranks(seeds: list[Document], aligned: Alignment, semantic: bool | None) -> list[int]:
    """Rank (1 = first) of the gold partner for every weak pair, asked from a and from b."""
    names = _by_name(seeds)
    ranks = []
    for pair in WEAK:
        a, b = names[pair["a_file"]], names[pair["b_file"]]
        qa, qb = _locate(a, pair["a_quote"]), _locate(b, pair["b_quote"])
        for src, span, dst, want in ((a, qa, b, qb), (b, qb, a, qa)):
            found = nearest.nearest_passages(aligned, src.id, *span, EVERYTHING, semantic)
            rows = found[dst.id]
            hits = [
                k for k, r in enumerate(rows) if r.span.start < want[1] and want[0] < r.span.end
            ]
            assert hits, pair["a_quote"]
            ranks.append(hits[0] + 1)
    return ranks


def _summary(ranks: list[int]) -> str:
    counts = [sum(r <= k for r in ranks) for k in (1, 3, 5)]
    return f"{len(ranks)} queries: rank 1 {counts[0]}, top 3 {counts[1]}, top 5 {counts[2]}"


def test_weak_gold_partners_rank_high_by_meaning(seeds: list[Document], aligned: Alignment) -> None:
    ranks = _ranks(seeds, aligned, None)
    print("by meaning:", _summary(ranks))
    assert len(ranks) == 2 * len(WEAK)
    assert sum(r <= 3 for r in ranks) >= TOP3_FLOOR_MEANING


def test_weak_gold_partners_rank_high_by_words(seeds: list[Document], aligned: Alignment) -> None:
    ranks = _ranks(seeds, aligned, False)
    print("by words:", _summary(ranks))
    assert sum(r <= 3 for r in ranks) >= TOP3_FLOOR_WORDS


def test_rows_are_ranked_by_meaning_and_carry_both_scores(
    seeds: list[Document], aligned: Alignment
) -> None:
    doc = seeds[0]
    first = aligned.passages[doc.id][3]
    found = nearest.nearest_passages(aligned, doc.id, first.start, first.start)
    assert list(found) == [d.id for d in seeds if d.id != doc.id]
    for rows in found.values():
        assert len(rows) == 3
        meanings = [r.meaning for r in rows]
        assert all(m is not None for m in meanings)
        assert meanings == sorted(meanings, key=lambda m: -(m or 0.0))
        assert all(0.0 <= r.words <= 100.0 for r in rows)


def test_an_aligned_pair_is_flagged_matched(seeds: list[Document], aligned: Alignment) -> None:
    match = max(aligned.matches, key=lambda m: m.score)  # the clearest pair of the seeds
    found = nearest.nearest_passages(aligned, match.a.doc_id, match.a.start, match.a.start)
    rows = found[match.b.doc_id]
    top = rows[0]
    assert top.span.start < match.b.end and match.b.start < top.span.end
    assert top.matched
    # A sentence that no match joins to the query (nor a family holds with it) is not flagged.
    query = Span(match.a.doc_id, match.a.start, match.a.start + 1)
    partners = [m.b for m in aligned.matches if _overlap(m.a, query)]
    partners += [
        s for f in aligned.families if any(_overlap(s, query) for s in f.spans) for s in f.spans
    ]
    for row in (r for rs in found.values() for r in rs):
        assert row.matched == any(_overlap(s, row.span) for s in partners)
    assert any(not r.matched for rs in found.values() for r in rs)


def _overlap(x: Span, y: Span) -> bool:
    return x.doc_id == y.doc_id and x.start < y.end and y.start < x.end


def test_without_the_model_rows_are_ranked_by_words(
    seeds: list[Document], aligned: Alignment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedder, "default_model", lambda: None)
    doc = seeds[1]
    p = aligned.passages[doc.id][5]
    found = nearest.nearest_passages(aligned, doc.id, p.start, p.end)
    assert len(found) == len(seeds) - 1
    for rows in found.values():
        assert rows and all(r.meaning is None for r in rows)
        assert [r.words for r in rows] == sorted((r.words for r in rows), reverse=True)
    asked_off = nearest.nearest_passages(aligned, doc.id, p.start, p.end, semantic=False)
    assert asked_off == found


def test_a_query_never_returns_its_own_article(seeds: list[Document], aligned: Alignment) -> None:
    doc = seeds[2]
    whole = nearest.nearest_passages(aligned, doc.id, 0, len(doc.text), per_document=50)
    assert doc.id not in whole
    assert all(r.doc_id != doc.id and r.span.doc_id != doc.id for rs in whole.values() for r in rs)


def test_after_a_meaning_aware_alignment_nothing_is_embedded_again(
    seeds: list[Document], aligned: Alignment
) -> None:
    cache = shared_cache()
    before = cache.misses
    doc = seeds[3]
    p = aligned.passages[doc.id][2]
    found = nearest.nearest_passages(aligned, doc.id, p.start, p.end)
    assert all(r.meaning is not None for rs in found.values() for r in rs)
    assert cache.misses == before


def test_a_large_case_is_ranked_by_meaning_only_from_cached_vectors(
    seeds: list[Document], aligned: Alignment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core import thresholds
    from app.core.semantic.cache import EmbeddingCache

    monkeypatch.setattr(thresholds, "SEM_MAX_DOCUMENTS", 2)  # the five seeds count as large
    doc = seeds[3]
    p = aligned.passages[doc.id][2]
    empty = EmbeddingCache(disk=False)
    monkeypatch.setattr(nearest, "shared_cache", lambda: empty)
    found = nearest.nearest_passages(aligned, doc.id, p.start, p.end)
    assert all(r.meaning is None for rs in found.values() for r in rs)  # ranked by words
    assert empty.misses == 0  # nothing read for meaning
    asked = nearest.nearest_passages(aligned, doc.id, p.start, p.end, semantic=True)
    assert all(r.meaning is not None for rs in asked.values() for r in rs)
    assert empty.misses > 0
    # Now cached: meaning is used without being asked for.
    again = nearest.nearest_passages(aligned, doc.id, p.start, p.end)
    assert all(r.meaning is not None for rs in again.values() for r in rs)


def test_the_query_is_the_sentences_the_range_touches(
    seeds: list[Document], aligned: Alignment
) -> None:
    doc = seeds[0]
    ps = aligned.passages[doc.id]
    assert nearest.query_sentences(aligned, doc.id, ps[2].start + 1, ps[2].start + 1) == [ps[2]]
    two = nearest.query_sentences(aligned, doc.id, ps[2].end - 1, ps[3].start + 1)
    assert two == [ps[2], ps[3]]
    assert nearest.query_sentences(aligned, "no-such-document", 0, 5) == []
    assert nearest.nearest_passages(aligned, "no-such-document", 0, 5) == {}

"""Scale (issue 8): vectorised candidates, pair-local statistics, cache, incremental, parallel."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core import thresholds
from app.core.align import align_documents
from app.core.align import lexical as lexical_module
from app.core.align.blocks import CandidateIndex
from app.core.align.cache import AlignmentCache, aligner_version
from app.core.align.candidates import index_document, pair_candidates, pair_corpus
from app.core.align.scoring import score, score_batch, view_of
from app.core.errors import Cancelled
from app.core.model import Alignment, Document
from app.core.progress import CancelToken
from app.core.segment import sentences
from benchmarks.corpus_gen import generate

from .seed_docs import load_seed_docs


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    return load_seed_docs()


@pytest.fixture(scope="module")
def generated() -> list[Document]:
    return generate(n_articles=14, seed=3).documents


def _same(x: Alignment, y: Alignment) -> None:
    assert [d.id for d in x.documents] == [d.id for d in y.documents]
    assert x.matches == y.matches
    assert [f.matches for f in x.families] == [f.matches for f in y.families]
    assert [f.spans for f in x.families] == [f.spans for f in y.families]


def _lexical(docs: list[Document], **kw: object) -> Alignment:
    return align_documents(docs, semantic=False, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_vectorised_candidates_equal_the_reference_rule(
    which: str, request: pytest.FixtureRequest
) -> None:
    docs: list[Document] = request.getfixturevalue(which)
    indexes = [index_document(d, sentences(d)) for d in docs]
    index = CandidateIndex(indexes)
    total = 0
    for i in range(len(docs)):
        rows = index.row(i, list(range(i + 1, len(docs))))
        columns = index.row(i, list(range(i)))  # the rule is symmetric: joined from j's side
        for j in range(i + 1, len(docs)):
            want = pair_candidates(indexes[i], indexes[j])
            assert rows.get(j, []) == want, (i, j)
            total += len(want)
        for j in range(i):
            swapped = sorted((y, x) for x, y in columns.get(j, []))
            assert swapped == pair_candidates(indexes[j], indexes[i]), (j, i)
    assert total > 0


def test_a_pair_gives_the_same_matches_whatever_else_is_aligned(
    generated: list[Document],
) -> None:
    # Pair statistics: the matches of documents 0 and 1 do not depend on the others.
    alone = _lexical(generated[:2], workers=1).matches
    among = [
        m
        for m in _lexical(generated, workers=1).matches
        if {m.a.doc_id, m.b.doc_id} == {generated[0].id, generated[1].id}
    ]
    assert alone == among


def test_cache_hit_gives_the_identical_alignment(seeds: list[Document], tmp_path: Path) -> None:
    cache = AlignmentCache(tmp_path / "c.sqlite")
    fresh = _lexical(seeds, cache=cache)
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        stored = conn.execute("SELECT COUNT(*) FROM pair_matches").fetchone()[0]
    assert stored == len(seeds) * (len(seeds) - 1) // 2
    again = _lexical(seeds, cache=cache)
    _same(fresh, again)
    _same(fresh, _lexical(seeds))


def _record_aligned_pairs(monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[int, int]]]:
    """From now on, every call to the lexical pair aligner appends the pairs it was asked for."""
    asked: list[list[tuple[int, int]]] = []
    real = lexical_module.align_pairs

    def spy(docs, passages, pairs, *args, **kw):  # type: ignore[no-untyped-def]
        asked.append(list(pairs))
        return real(docs, passages, pairs, *args, **kw)

    monkeypatch.setattr(lexical_module, "align_pairs", spy)
    return asked


def test_cache_hits_skip_the_work(
    seeds: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AlignmentCache(tmp_path / "c.sqlite")
    _lexical(seeds, cache=cache)
    asked = _record_aligned_pairs(monkeypatch)
    _lexical(seeds, cache=cache)
    assert asked == []
    _lexical(seeds, cache=cache, min_score=70)  # another min_score is another entry
    assert len(asked) == 1 and len(asked[0]) == 10


def test_incremental_add_aligns_only_new_pairs_and_equals_full_realign(
    generated: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AlignmentCache(tmp_path / "c.sqlite")
    _lexical(generated[:-1], cache=cache)
    asked = _record_aligned_pairs(monkeypatch)
    incremental = _lexical(generated, cache=cache)
    last = len(generated) - 1
    assert asked == [[(i, last) for i in range(last)]]
    full = _lexical(generated, workers=1)
    _same(incremental, full)
    new_id = generated[last].id
    assert any(new_id in (m.a.doc_id, m.b.doc_id) for m in full.matches)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_workers_give_the_serial_result(
    generated: list[Document], monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setenv("PARALLAX_ALIGN_START", method)
    _always_share(monkeypatch)
    seen: list[float] = []
    parallel = _lexical(generated[:8], workers=2, progress=lambda f, _: seen.append(f))
    _same(parallel, _lexical(generated[:8], workers=1))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_workers_share_the_pairs_and_give_the_serial_result(
    generated: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.align import parallel
    from app.core.align.pairs import RowAligner

    _always_share(monkeypatch)
    own_blocks: list[int] = []
    align = RowAligner.align

    def slow_align(self: RowAligner, block: list[tuple[int, int]], min_score: float) -> Any:
        # This process is slowed down (the spawned workers import the real method), so the
        # workers, once up, must take blocks from the back.
        own_blocks.append(len(block))
        time.sleep(0.1)
        return align(self, block, min_score)

    monkeypatch.setattr(RowAligner, "align", slow_align)
    monkeypatch.setattr(parallel, "RowAligner", RowAligner)
    shared = _lexical(generated, workers=2)
    pairs = len(generated) * (len(generated) - 1) // 2
    assert 0 < sum(own_blocks) < pairs  # both this process and a worker aligned pairs
    monkeypatch.setattr(RowAligner, "align", align)
    _same(shared, _lexical(generated, workers=1))


def test_a_script_without_the_main_guard_still_aligns(tmp_path: Path) -> None:
    # Spawned workers re-import the main module; a script without the guard breaks the pool,
    # and the pairs are then aligned in the script's own process.
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
        "from app.core import thresholds\n"
        "thresholds.ALIGN_PARALLEL_MIN_PAIRS = 1\n"
        "from app.core.align import align_documents\n"
        "from benchmarks.corpus_gen import generate\n"
        "docs = generate(n_articles=10, seed=3).documents\n"
        "shared = align_documents(docs, semantic=False, workers=2)\n"
        "alone = align_documents(docs, semantic=False, workers=1)\n"
        "print(len(shared.matches), shared.matches == alone.matches)\n",
        encoding="utf-8",
    )
    # Forked workers do not import the main module, so this failure needs spawned ones.
    env = {**os.environ, "PARALLAX_ALIGN_START": "spawn"}
    out = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    count, same = out.stdout.split()
    assert int(count) > 0 and same == "True"


def test_workers_are_forked_only_from_a_single_threaded_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.align import parallel
    from app.core.align.parallel import start_method

    monkeypatch.delenv("PARALLAX_ALIGN_START", raising=False)
    seen: list[str] = []
    other = threading.Thread(target=lambda: seen.append(start_method()))
    other.start()
    other.join()
    # From a thread (as the desktop app aligns), or while another runs: never fork.
    assert seen == ["spawn"]
    busy = threading.Event()
    sleeper = threading.Thread(target=busy.wait)
    sleeper.start()
    try:
        assert start_method() == "spawn"
    finally:
        busy.set()
        sleeper.join()
    monkeypatch.setattr(parallel, "_fork_allowed", True)
    assert start_method() == "fork"  # the main thread alone (Linux has fork)
    parallel.forbid_fork()  # as the desktop app does
    assert start_method() == "spawn"
    monkeypatch.setenv("PARALLAX_ALIGN_START", "fork")
    assert start_method() == "fork"


def test_a_broken_cache_file_is_bypassed(seeds: list[Document], tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    _same(_lexical(seeds, cache=AlignmentCache(path)), _lexical(seeds))


def test_reordered_documents_are_not_served_mirrored_pairs(
    seeds: list[Document], tmp_path: Path
) -> None:
    cache = AlignmentCache(tmp_path / "c.sqlite")
    _lexical(seeds, cache=cache)
    flipped = list(reversed(seeds))
    _same(_lexical(flipped, cache=cache), _lexical(flipped))


def test_version_tracks_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    before = aligner_version()
    monkeypatch.setattr(thresholds, "ALIGN_MIN_SHARED_IDF", thresholds.ALIGN_MIN_SHARED_IDF + 1)
    assert aligner_version() != before


def test_cancel_stops_the_worker_pool(
    generated: list[Document], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _always_share(monkeypatch)
    token = CancelToken()
    cache = AlignmentCache(tmp_path / "c.sqlite")

    def progress(fraction: float, label: str) -> None:
        if "document pairs" in label:
            token.cancel()

    with pytest.raises(Cancelled):
        _lexical(generated, workers=2, progress=progress, cancel=token, cache=cache)
    # Pairs finished before the cancel are kept; the rest align on the next run, same result.
    _same(_lexical(generated, cache=cache, workers=1), _lexical(generated, workers=1))


def _always_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Share even a few pairs with workers, whichever way they start."""
    monkeypatch.setattr(thresholds, "ALIGN_PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(thresholds, "ALIGN_PARALLEL_MIN_PAIRS_FORKED", 1)


def _batch_and_reference(docs: list[Document]) -> tuple[list[float], list[float]]:
    """Every candidate of every pair scored by the batch scorer (one batch per row) and by the
    per-pair reference `score` on single-sentence views."""
    indexes = [index_document(d, sentences(d)) for d in docs]
    index = CandidateIndex(indexes)
    floor = thresholds.MIN_SCORE - thresholds.ALIGN_MERGE_SLACK
    batch: list[float] = []
    reference: list[float] = []
    for i in range(len(docs)):
        rows = index.row(i, list(range(i + 1, len(docs))))
        cols = [(i, x, j, y) for j, cands in sorted(rows.items()) for x, y in cands]
        if not cols:
            continue
        ci, cx, cj, cy = (np.asarray(c, dtype=np.int64) for c in zip(*cols, strict=True))
        batch += score_batch(index.tables, ci, cx, cj, cy, floor).score.tolist()
        for _, x, j, y in cols:
            corpus = pair_corpus(indexes[i], indexes[j])
            a, b = view_of(corpus, 0, x, x), view_of(corpus, 1, y, y)
            reference.append(score(corpus, a, b, floor))
    return batch, reference


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_batch_scores_equal_the_reference_scorer(
    which: str, request: pytest.FixtureRequest
) -> None:
    batch, reference = _batch_and_reference(request.getfixturevalue(which))
    assert len(batch) == len(reference) > 0
    # The same formulas; only the order of float sums differs.
    assert max(abs(x - y) for x, y in zip(batch, reference, strict=True)) < 1e-9
    assert any(thresholds.MIN_SCORE <= x < thresholds.VERBATIM_MIN for x in batch)


def test_a_candidate_scores_the_same_bits_in_any_batch(generated: list[Document]) -> None:
    # A pair's matches must be a function of its two texts: its candidates score identically
    # whether batched with every other pair or alone, in an index of the two documents only.
    indexes = [index_document(d, sentences(d)) for d in generated]
    whole = CandidateIndex(indexes)
    floor = thresholds.MIN_SCORE - thresholds.ALIGN_MERGE_SLACK
    rows = whole.row(0, list(range(1, len(generated))))
    cols = [(0, x, j, y) for j, cands in sorted(rows.items()) for x, y in cands]
    ci, cx, cj, cy = (np.asarray(c, dtype=np.int64) for c in zip(*cols, strict=True))
    together = score_batch(whole.tables, ci, cx, cj, cy, floor).score.tolist()
    checked = 0
    for j, cands in sorted(rows.items()):
        alone = CandidateIndex([indexes[0], indexes[j]])
        xs = np.asarray([x for x, _ in cands], dtype=np.int64)
        ys = np.asarray([y for _, y in cands], dtype=np.int64)
        zeros, ones = np.zeros(len(xs), np.int64), np.ones(len(xs), np.int64)
        mine = score_batch(alone.tables, zeros, xs, ones, ys, floor).score.tolist()
        assert mine == [s for (_, _, jj, _), s in zip(cols, together, strict=True) if jj == j]
        checked += len(mine)
    assert checked == len(cols) > 0


def test_worker_blocks_cover_every_pair_once_and_keep_short_rows_whole() -> None:
    from app.core.align.pairs import row_blocks

    pairs = [(i, j) for i in range(30) for j in range(i + 1, 30)]  # rows of 29 .. 1 pairs
    blocks = row_blocks(pairs, 20)
    assert [p for b in blocks for p in b] == pairs
    size = -(-len(pairs) // 20)
    assert all(len(b) >= size for b in blocks[:-1])
    # A row no longer than a block is never cut: all its pairs land in one block.
    for i in range(29):
        row = [p for p in pairs if p[0] == i]
        if len(row) <= size:
            assert sum(any(p in b for p in row) for b in blocks) == 1


def test_indexing_says_how_far_it_has_gone(generated: list[Document]) -> None:
    labels: list[str] = []
    _lexical(generated, workers=1, progress=lambda f, label: labels.append(label))
    indexing = [label for label in labels if label.startswith("Indexing articles")]
    assert indexing[0] == f"Indexing articles: 0 of {len(generated)}"
    assert 2 <= len(indexing) <= 21  # about twenty times in all, never once per sentence
    assert labels.index(indexing[-1]) < labels.index(next(x for x in labels if "aligned" in x))

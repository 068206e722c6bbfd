"""Meaning-aware matching: the packaged models, the embedding cache, the score combination,
cross-script alignment, and the CLI announcement. Needs the `semantic` extra installed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from app.core import semantic, thresholds
from app.core.align import align_documents, crosslingual, semantic_pass
from app.core.model import Document, document_id
from app.core.segment import sentences
from app.core.semantic import combine, embedder
from app.core.semantic.cache import EmbeddingCache, cache_path, sentence_key

from .seed_docs import load_seed_docs

RU_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "kommersant_ru_sample.txt"
# The English Kommersant sentences that the Russian sample translates, in its order (the sixth
# Russian sentence, about the weather, translates nothing).
TRANSLATED = [
    "Russian Foreign Minister Sergei Lavrov announced",
    "Not wanting to give the United States an opportunity",
    "according to informed sources of Kommersant, during the June 16 summit",
    "US special envoy for Afghanistan Zalmay Khalilzad",
    "Kommersant’s sources in the Russian government insist",
]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets an empty disk cache of its own."""
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path))


def _doc(text: str, name: str, language: str = "en") -> Document:
    return Document(document_id(text), name, name, "", "", language, f"{name}.txt", text)


def _kommersant_and_russian() -> tuple[Document, Document]:
    en = next(d for d in load_seed_docs() if d.source_path.endswith("003_75d49b24c4eb6244.txt"))
    ru_text = RU_SAMPLE.read_text("utf-8")
    return en, _doc(ru_text, "ru_sample", "ru")


def test_the_packaged_model_is_installed_and_loads() -> None:
    assert embedder.default_model() == embedder.MINILM
    assert embedder.available() and embedder.why_unavailable() == ""
    assert semantic.status_line() == "Meaning-aware matching: on (MiniLM int8)"


def test_embeddings_are_unit_rows_and_put_paraphrases_closest() -> None:
    texts = [
        "The Americans had to leave both countries against their will.",
        "The US was forced to withdraw from the two states under pressure.",
        "The central bank raised interest rates by half a point on Tuesday.",
    ]
    v = embedder.embed(texts)
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    cos = v @ v.T
    assert cos[0, 1] > 0.6 and cos[0, 2] < 0.3
    assert embedder.embed([]).shape == (0, 384)


def test_batched_vectors_equal_one_at_a_time_vectors() -> None:
    texts = ["Short one.", "A much longer sentence about bases in Central Asia and Afghanistan."]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_seed_sentences_get_the_same_vectors_in_parallel_batches_as_alone() -> None:
    doc = load_seed_docs()[0]
    texts = [doc.text[p.start : p.end] for p in sentences(doc)][:30]
    assert len(texts) > 2 * thresholds.SEM_MODEL_BATCH  # several batches, run side by side
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_length_batches_cover_every_index_once_longest_first() -> None:
    lengths = [5, 40, 12, 7, 33, 9, 21]
    batches = embedder.length_batches(lengths, 3)
    assert sorted(k for b in batches for k in b) == list(range(7))
    assert [len(b) for b in batches] == [3, 3, 1]
    flat = [lengths[k] for b in batches for k in b]
    assert flat == sorted(lengths, reverse=True)
    assert embedder.length_batches([], 8) == []


def test_words_past_the_model_window_are_ignored() -> None:
    head = " ".join(["Troops left the base near the border on Tuesday."] * 20)  # > 128 tokens
    a, b = embedder.embed([f"{head} Russia objected.", f"{head} Prices of bread rose sharply."])
    assert float(a @ b) > 0.9999  # the tails fall past the 128-token window
    short = embedder.embed(["Russia objected.", "Prices of bread rose sharply."])
    assert float(short[0] @ short[1]) < 0.9


def test_switched_off_model_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_SEMANTIC_MODEL", "off")
    assert not embedder.available()
    assert "switched off" in embedder.why_unavailable()
    assert semantic.status_line().startswith("Meaning-aware matching: off")
    with pytest.raises(RuntimeError):
        embedder.embed(["anything"])


def test_cache_embeds_each_sentence_once_and_persists(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.ones((len(texts), 384), np.float32) * len(texts[0])

    cache = EmbeddingCache(tmp_path / "e.db")
    first = cache.embed(["a b", "c", "a b"], "m", fake)
    assert calls == [["c", "a b"]] and first.shape == (3, 384)  # shortest first, once each
    assert cache.misses == 2 and cache.hits == 1
    again = EmbeddingCache(tmp_path / "e.db").embed(["c", "a  b"], "m", fake)  # new process
    assert len(calls) == 1 and np.array_equal(again, first[[1, 0]])
    EmbeddingCache(tmp_path / "e.db").embed(["c"], "other model", fake)
    assert calls[-1] == ["c"]  # keys include the model
    assert sentence_key("a  b", "m") == sentence_key("a b", "m") != sentence_key("a b", "n")


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    path.write_bytes(b"this is not a database" * 100)
    cache = EmbeddingCache(path)
    out = cache.embed(["x"], "m", lambda t: np.zeros((len(t), 384), np.float32))
    assert out.shape == (1, 384)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM embeddings").fetchall()


def test_cache_path_follows_parallax_home(tmp_path: Path) -> None:
    assert cache_path() == tmp_path / "cache" / "embeddings.db"


def test_second_alignment_embeds_nothing() -> None:
    from app.core.semantic.cache import shared_cache

    seeds = load_seed_docs()[:2]
    align_documents(seeds, semantic=True)
    cache = shared_cache()
    before = cache.misses
    align_documents(seeds, semantic=True)
    assert cache.misses == before and cache.hits > 0
    assert cache_path().is_file()


def test_combination_rules() -> None:
    t = thresholds
    assert combine.accepts(t.SEM_COS_HIGH, t.SEM_MIN_MARGIN, 0.0)
    assert not combine.accepts(t.SEM_COS_HIGH, t.SEM_MIN_MARGIN - 0.01, 10.0)
    assert combine.accepts(t.SEM_COS_LOW, t.SEM_MIN_MARGIN, t.SEM_MIN_SUPPORT)
    assert not combine.accepts(t.SEM_COS_LOW, t.SEM_MIN_MARGIN, t.SEM_MIN_SUPPORT - 0.1)
    assert not combine.accepts(t.SEM_COS_LOW - 0.01, 2.0, 10.0)
    low = combine.semantic_score(t.SEM_COS_LOW, "abc def", "xyz uvw")
    high = combine.semantic_score(1.0, "abc def", "xyz uvw")
    assert low == t.MIN_SCORE and t.MIN_SCORE < high < t.CLOSE_MIN
    assert combine.semantic_score(t.SEM_COS_LOW, "same words here", "same words here") == 100


def test_mutual_nearest_pairs_need_no_shared_rare_words() -> None:
    t = thresholds
    assert combine.accepts(t.SEM_COS_MUTUAL, t.SEM_MARGIN_MUTUAL, 0.0, mutual=True)
    assert not combine.accepts(t.SEM_COS_MUTUAL, t.SEM_MARGIN_MUTUAL, 0.0, mutual=False)
    assert not combine.accepts(t.SEM_COS_MUTUAL, t.SEM_MARGIN_MUTUAL - 0.01, 0.0, mutual=True)
    assert not combine.accepts(t.SEM_COS_MUTUAL - 0.01, t.SEM_MARGIN_MUTUAL, 0.0, mutual=True)


def _pair(cos: list[list[float]]) -> semantic_pass._Pair:
    c = np.array(cos, np.float32)
    return semantic_pass._Pair(0, 1, c, combine.margins(c), set(), set())


def _add(
    cos: list[list[float]],
    texts: list[list[str]],
    support: combine.Support,
    headings: list[set[int]],
) -> list[tuple[int, int, float]]:
    rooms = [[semantic_pass._room(t) for t in doc] for doc in texts]
    return semantic_pass._add_semantic(_pair(cos), texts, support, 0.0, headings, rooms)


LONG = " ".join(["Tajikistan needs the consent of its partners for foreign bases"] * 4) + "."
SHORT_A = "Uzbekistan's defence doctrine bans any foreign military base on its soil."
SHORT_B = "Analysts say Tajikistan could host US forces only with its partners' consent."
OTHER = "The weather in Moscow stays warm at the weekend, with plus twenty degrees."


def test_a_long_sentence_takes_two_partners_a_short_one_takes_one() -> None:
    """One sentence of 40+ words against two sentences that each retell part of it."""
    cos = [[0.85, 0.84, 0.10], [0.10, 0.10, 0.10], [0.10, 0.10, 0.10]]
    texts = [[LONG, OTHER, OTHER], [SHORT_A, SHORT_B, OTHER]]
    support = combine.Support(texts)
    with_long = _add(cos, texts, support, [set(), set()])
    assert [(a, b) for a, b, _s in with_long] == [(0, 0), (0, 1)]
    texts[0][0] = SHORT_A.replace("Uzbekistan's", "Its")  # under the length: one partner
    one = _add(cos, texts, combine.Support(texts), [set(), set()])
    assert len(one) == 1


def test_a_heading_is_never_paired_for_being_nearest() -> None:
    """Mutual nearest at a cosine below SEM_COS_HIGH: a match, unless one side is a heading."""
    cos = [[0.75, 0.10], [0.10, 0.10]]
    texts = [[SHORT_A, OTHER], [SHORT_B, OTHER]]
    support = combine.Support(texts)
    assert _add(cos, texts, support, [set(), set()])
    assert not _add(cos, texts, support, [{0}, set()])


def test_headings_are_found_from_the_document_marks() -> None:
    kommersant = next(
        d for d in load_seed_docs() if d.source_path.endswith("003_75d49b24c4eb6244.txt")
    )
    passages = sentences(kommersant)
    found = semantic_pass._headings(kommersant, passages)
    texts = {kommersant.text[passages[k].start : passages[k].end] for k in found}
    assert "As an alternative to US bases Russia does not want" in texts
    assert not any(t.startswith("The rapidly degrading situation") for t in texts)


def test_margins_favour_a_pair_closer_than_its_neighbours() -> None:
    cos = np.array([[0.9, 0.5, 0.5], [0.6, 0.6, 0.6], [0.5, 0.6, 0.5]], np.float32)
    m = combine.margins(cos)
    assert m.shape == cos.shape and m[0, 0] == m.max() and m[1, 1] < 1.05


def test_support_counts_rare_shared_stems_only() -> None:
    texts = [[f"Russia bases topic sentence number {k}." for k in range(30)]]
    texts.append(["Russia bases: the Manas airfield closed.", "Manas airfield reopened."])
    sup = combine.Support(texts)
    assert sup.shared(1, 0, 1, 1) > 1.0  # "manas", "airfi" are rare
    assert sup.shared(0, 0, 0, 1) < 0.5  # "russia", "bases" are everywhere


def test_semantic_matches_are_marked_and_well_formed() -> None:
    seeds = load_seed_docs()
    al = align_documents(seeds, semantic=True)
    methods = {m.method for m in al.matches}
    assert "semantic" in methods and "both" in methods
    texts = {d.id: d.text for d in seeds}
    for m in al.matches:
        assert thresholds.MIN_SCORE <= m.score <= 100
        if m.method == "semantic":
            assert m.kind == "loose" or m.score >= thresholds.CLOSE_MIN
            assert m.ops[0].a_start == m.a.start and m.ops[-1].b_end == m.b.end
            assert texts[m.a.doc_id][m.a.start : m.a.end].strip()
    assert sorted(i for f in al.families for i in f.matches) == list(range(len(al.matches)))


def test_lexical_only_when_asked() -> None:
    al = align_documents(load_seed_docs(), semantic=False)
    assert {m.method for m in al.matches} == {"lexical"}


def test_transliteration_and_anchors() -> None:
    assert crosslingual.transliterate("Лавров") == "lavrov"
    assert crosslingual.script("Министр заявил") == "cyrillic"
    assert crosslingual.script("The minister said") == "latin"
    numbers, names = crosslingual.anchors("Путин встретился с Байденом 16 июня в Женеве.")
    assert numbers == {"16"} and names[0].startswith("bid") and names[1].startswith("zhenev")


def test_russian_sentences_align_with_their_translation_by_anchors() -> None:
    en, ru = _kommersant_and_russian()
    al = align_documents([en, ru], semantic=False)
    _assert_translations(al, en, ru, "lexical")


def test_russian_sentences_align_with_their_translation_by_the_multilingual_model() -> None:
    en, ru = _kommersant_and_russian()
    assert embedder.available(embedder.E5)
    al = align_documents([en, ru], semantic=True)
    _assert_translations(al, en, ru, "semantic")


def _assert_translations(al: object, en: Document, ru: Document, method: str) -> None:
    from app.core.model import Alignment

    assert isinstance(al, Alignment)
    ru_sentences = sentences(ru)
    found = {}
    for m in al.matches:
        assert m.method == method and m.kind == "loose"
        k = next(i for i, p in enumerate(ru_sentences) if p.start == m.b.start)
        found[k] = en.text[m.a.start : m.a.end]
    assert sorted(found) == [0, 1, 2, 3, 4]  # the weather sentence stays alone
    for k, start in enumerate(TRANSLATED):
        assert start in found[k]


def test_cli_announces_a_missing_model_only_when_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    seeds = [d.source_path for d in load_seed_docs()[:2]]
    assert main(["align", *seeds, "--json", "--semantic"]) == 0
    assert "not installed" not in capsys.readouterr().err
    monkeypatch.setenv("PARALLAX_SEMANTIC_MODEL", "off")
    assert main(["align", *seeds, "--json", "--semantic"]) == 0
    assert "semantic scoring is not installed" in capsys.readouterr().err
    assert main(["align", *seeds, "--json"]) == 0
    assert "not installed" not in capsys.readouterr().err


def test_large_cases_stay_lexical_unless_semantic_is_asked_for() -> None:
    from app.core.align.semantic_pass import semantic_allowed

    limit = thresholds.SEM_MAX_DOCUMENTS
    assert semantic_allowed(None, limit) is None
    assert semantic_allowed(None, limit + 1) is False
    assert semantic_allowed(True, limit + 1) is True
    assert semantic_allowed(False, 2) is False


def test_progress_only_goes_up_and_reaches_one_with_the_semantic_pass() -> None:
    seen: list[float] = []
    align_documents(load_seed_docs()[:3], semantic=True, progress=lambda f, _label: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_embedding_reports_progress_in_batches_and_can_be_cancelled(tmp_path: Path) -> None:
    from app.core.align.semantic_pass import apply_semantic
    from app.core.errors import Cancelled
    from app.core.progress import CancelToken

    lexical = align_documents(load_seed_docs(), semantic=False)
    seen: list[tuple[float, str]] = []
    apply_semantic(
        lexical,
        thresholds.MIN_SCORE,
        cache=EmbeddingCache(tmp_path / "a.db"),
        progress=lambda f, label: seen.append((f, label)),
    )
    sentences_total = sum(len(p) for p in lexical.passages.values())
    assert len(seen) == -(-sentences_total // thresholds.SEM_EMBED_BATCH)
    assert all("for meaning" in label for _, label in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        apply_semantic(
            lexical, thresholds.MIN_SCORE, cache=EmbeddingCache(tmp_path / "b.db"), cancel=token
        )


def test_status_line_never_loads_the_model_and_reports_a_failed_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_loading(model_id: str) -> None:
        raise AssertionError("status_line must not load the model")

    monkeypatch.setattr(embedder, "_get", no_loading)
    assert semantic.status_line() == "Meaning-aware matching: on (MiniLM int8)"
    monkeypatch.setitem(embedder._failed, embedder.MINILM, "onnxruntime: bad file")
    monkeypatch.setattr(embedder, "available", lambda model_id=None: False)
    line = semantic.status_line()
    assert line.startswith("Meaning-aware matching: off") and "bad file" in line

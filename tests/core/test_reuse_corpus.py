"""The reuse benchmark's corpus and its measures: gold that points at the right text, and PAN
figures that reward a perfect answer and punish a wrong one."""

from __future__ import annotations

from benchmarks.reuse_bench import Det, Tally, evaluate_pair
from benchmarks.reuse_corpus import KINDS, generate


def test_gold_points_at_the_text_it_describes() -> None:
    corpus = generate(12, seed=3)
    pool = [s for p in corpus.pool for s in p]
    for doc, passages, sents in zip(
        corpus.documents, corpus.passages, corpus.sentences, strict=True
    ):
        for p in passages:
            assert 0 <= p.start < p.end <= len(doc.text)
            if p.kind == "verbatim":
                assert doc.text[p.start : p.end] == " ".join(corpus.pool[p.source])
        for s in sents:
            if len(s.carries) == 1 and doc.text[s.start : s.end] in pool:
                assert pool.index(doc.text[s.start : s.end]) in s.carries
    kinds = {p.kind for ps in corpus.passages for p in ps}
    assert kinds == set(KINDS)
    own = sum(not s.carries for ss in corpus.sentences for s in ss)
    assert own > 20  # distractor prose is there


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    a, b, c = generate(5, seed=1), generate(5, seed=1), generate(5, seed=2)
    assert [d.text for d in a.documents] == [d.text for d in b.documents]
    assert [d.text for d in a.documents] != [d.text for d in c.documents]


def _gold_dets(corpus, i: int, j: int) -> list[Det]:  # type: ignore[no-untyped-def]
    by_source = {p.source: p for p in corpus.passages[j]}
    return [
        (i, p.start, p.end, j, by_source[p.source].start, by_source[p.source].end)
        for p in corpus.passages[i]
        if p.source in by_source
    ]


def test_perfect_detections_score_one_and_wrong_ones_score_low() -> None:
    corpus = generate(4, seed=5)
    i, j = 0, 1
    gold = (corpus.sentences[i], corpus.sentences[j])
    passages = (corpus.passages[i], corpus.passages[j])
    perfect = Tally()
    evaluate_pair(perfect, gold, passages, _gold_dets(corpus, i, j))
    fig = perfect.summary()
    assert fig["pan_recall"] == 1.0
    # Neighbouring passages are merged into one detection, which then spans the blank line.
    assert fig["pan_precision"] > 0.99 and fig["plagdet"] > 0.99 and fig["granularity"] == 1.0
    assert fig["sentence_recall"] == 1.0
    own_a = [s for s in corpus.sentences[i] if not s.carries]
    own_b = [s for s in corpus.sentences[j] if not s.carries]
    wrong = [(i, a.start, a.end, j, b.start, b.end) for a in own_a[:3] for b in own_b[:3]]
    bad = Tally()
    evaluate_pair(bad, gold, passages, wrong)
    fig = bad.summary()
    assert fig["sentence_precision"] == 0.0 and fig["pan_recall"] == 0.0

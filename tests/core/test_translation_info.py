"""How confident a translation alignment is: the record the aligner keeps per pair of articles
in different scripts (Alignment.translations) and the plain words core makes of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core import thresholds, translation
from app.core.align import align_documents, crosslingual
from app.core.model import Alignment, CrossAlignment, CrossMethod, Document, document_id
from app.core.semantic import embedder

from .seed_docs import load_seed_docs

RU_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "kommersant_ru_sample.txt"
KOMMERSANT_EN = "003_75d49b24c4eb6244.txt"  # the English translation the sample comes from
TRT = "000_6246108eef07b8e8.txt"  # an analysis with expert quotes: tells the story, translates none


def _russian() -> Document:
    text = RU_SAMPLE.read_text("utf-8")
    return Document(document_id(text), "ru_sample", "", "", "", "ru", "ru_sample.txt", text)


def _seed(name: str) -> Document:
    return next(d for d in load_seed_docs() if d.source_path.endswith(name))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One embedding cache for the module's alignments, away from the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PARALLAX_HOME", str(tmp_path_factory.mktemp("home")))
        yield


@pytest.fixture(scope="module")
def by_model(home: None) -> Alignment:
    assert embedder.available(embedder.E5)  # the multilingual model ships in a package
    return align_documents([_seed(KOMMERSANT_EN), _russian()], semantic=True)


@pytest.fixture(scope="module")
def by_anchors(home: None) -> Alignment:
    return align_documents([_seed(KOMMERSANT_EN), _russian()], semantic=False)


def test_the_model_alignment_of_a_translation_is_recorded_with_high_confidence(
    by_model: Alignment,
) -> None:
    (record,) = by_model.translations
    en, ru = by_model.documents
    assert (record.doc_a, record.doc_b) == (en.id, ru.id)
    assert record.method == "model" and record.pairs == 5  # the weather sentence stays alone
    assert record.pairs == len(by_model.matches)
    assert (record.language_a, record.language_b) == ("en", "ru")
    assert record.confidence >= thresholds.XL_CONFIDENCE_HIGH
    assert translation.band(record) == "high"
    assert translation.describe(record) == (
        "English ↔ Russian: aligned by a multilingual meaning model, 5 sentence pairs — "
        "confidence high"
    )


def test_the_anchor_alignment_says_it_is_a_guess(by_anchors: Alignment) -> None:
    (record,) = by_anchors.translations
    assert record.method == "anchors" and record.pairs == 5
    assert translation.band(record) == "low"
    text = translation.describe(record)
    assert "shared numbers and names only" in text and "confidence low: check each match" in text


def test_match_notes_give_the_model_score_or_the_shared_anchors(
    by_model: Alignment, by_anchors: Alignment
) -> None:
    for m in by_model.matches:  # true translations: all strong
        assert translation.match_note(by_model, m) == (
            f"translation, matched by meaning: score {m.score:.0f} of 100, a strong match"
        )
    en = by_anchors.documents[0]
    notes = {
        en.text[m.a.start : m.a.end][:20]: translation.match_note(by_anchors, m)
        for m in by_anchors.matches
    }
    khalilzad = next(n for start, n in notes.items() if start.startswith("US special envoy"))
    assert khalilzad is not None and khalilzad.endswith(": check it")
    # The words are named as the English side writes them, so the reader can find them.
    assert "Khalilzad" in khalilzad and "Tashkent" in khalilzad


def test_an_article_that_is_not_a_translation_gets_low_confidence(home: None) -> None:
    alignment = align_documents([_seed(TRT), _russian()], semantic=True)
    (record,) = alignment.translations
    assert record.method == "model"
    assert record.confidence < thresholds.XL_CONFIDENCE_MEDIUM
    assert translation.band(record) == "low"
    assert translation.describe(record).endswith("confidence low: check each match")
    for m in alignment.matches:  # whatever it paired is called weak
        note = translation.match_note(alignment, m)
        assert note is not None and note.endswith("a weak match: check it")


def test_articles_in_one_script_have_no_translation_record() -> None:
    docs = load_seed_docs()[:3]
    assert align_documents(docs, semantic=False).translations == ()


def _record(method: CrossMethod, confidence: float, pairs: int = 4) -> CrossAlignment:
    return CrossAlignment("A", "B", method, confidence, pairs, "ru", "en")


def test_bands_follow_the_thresholds_and_anchors_never_rise_above_low() -> None:
    assert translation.band(_record("model", thresholds.XL_CONFIDENCE_HIGH)) == "high"
    assert translation.band(_record("model", thresholds.XL_CONFIDENCE_MEDIUM)) == "medium"
    assert translation.band(_record("model", thresholds.XL_CONFIDENCE_MEDIUM - 0.01)) == "low"
    assert translation.band(_record("anchors", 0.5)) == "low"
    assert translation.band(_record("model", 0.9, pairs=0)) == "low"
    nothing = translation.describe(_record("model", 0.0, pairs=0))
    assert nothing.endswith("— probably not a translation of each other")
    medium = translation.describe(_record("model", thresholds.XL_CONFIDENCE_MEDIUM))
    assert medium.endswith("confidence medium: spot-check the matches")


def test_status_note_covers_only_the_articles_shown() -> None:
    best, weak = _record("model", 0.8), CrossAlignment("A", "C", "model", 0.1, 1, "ru", "en")
    assert translation.status_note([best], None) == "Russian ↔ English translation: confidence high"
    assert translation.status_note([best], ["A", "C"]) == ""
    both = translation.status_note([weak, best], ["A", "B", "C"])
    assert both == (
        "Russian ↔ English translation: confidence high "
        "(+1 other article pair across languages, confidence low)"
    )
    assert translation.pair_label(best, ("Kommersant", "Antiwar")) == (
        "Kommersant (Russian) ↔ Antiwar (English)"
    )


def test_shared_anchor_words_are_named_as_written_in_the_first_text() -> None:
    en = "On 16 June in Geneva, Vladimir Putin offered Joe Biden an alternative."
    ru = "16 июня в Женеве Владимир Путин предложил Джо Байдену альтернативу."
    # Numbers first, then names; "Женеве" transliterates to "zheneve", not "Geneva".
    assert crosslingual.shared_anchor_words(en, ru) == ["16", "Vladimir", "Putin", "Biden"]
    assert crosslingual.shared_anchor_words(en, "Погода в Москве.") == []


# --- Story map words: per row, per passage, for the whole case ---------------------------------


def test_each_article_of_a_translated_pair_is_labelled_facing_itself(by_model: Alignment) -> None:
    en, ru = by_model.documents
    (facing_ru,) = translation.records_of(by_model, ru.id)
    assert (facing_ru.doc_a, facing_ru.doc_b) == (ru.id, en.id)
    assert (facing_ru.language_a, facing_ru.language_b) == ("ru", "en")
    assert translation.row_note(by_model, ru.id) == "Russian ↔ English, confidence high"
    assert translation.row_note(by_model, en.id) == "English ↔ Russian, confidence high"
    assert translation.pairs_note(by_model) == (
        "Article pairs across languages: Kommersant ↔ ru_sample, confidence high"
    )


def test_passage_notes_name_the_other_article_the_match_and_the_pair_confidence(
    by_model: Alignment,
) -> None:
    en, ru = by_model.documents
    for f, family in enumerate(by_model.families):
        (match,) = (by_model.matches[i] for i in family.matches)
        assert translation.passage_note(by_model, f, ru.id) == (
            f"Across languages, with Kommersant (English): translation, matched by meaning: "
            f"score {match.score:.0f} of 100, a strong match — pair confidence high"
        )
        en_note = translation.passage_note(by_model, f, en.id)
        assert en_note is not None and en_note.startswith(
            "Across languages, with ru_sample (Russian)"
        )
        assert translation.passage_note(by_model, f, "not-in-the-case") is None


def test_one_script_cases_get_no_notes_but_a_stray_language_is_named() -> None:
    docs = load_seed_docs()[:3]
    alignment = align_documents(docs, semantic=False)
    assert translation.pairs_note(alignment) == ""
    assert all(translation.row_note(alignment, d.id) == "" for d in docs)
    assert all(
        translation.passage_note(alignment, f, d.id) is None
        for f in range(len(alignment.families))
        for d in docs
    )
    # Same script, another language: the article is named by its language, with no pair.
    german = replace(docs[2], language="de")
    mixed = Alignment([docs[0], docs[1], german], {}, [], [])
    assert translation.row_note(mixed, german.id) == "German"
    assert translation.row_note(mixed, docs[0].id) == ""


def test_pairs_with_nothing_matched_are_counted_not_listed() -> None:
    def doc(text: str, outlet: str) -> Document:
        return Document(document_id(text), "", outlet, "", "", "", "", text)

    a, b, c = doc("one", "Alpha"), doc("two", "Beta"), doc("три", "Gamma")
    good = CrossAlignment(a.id, c.id, "model", 0.9, 3, "en", "ru")
    none = CrossAlignment(b.id, c.id, "model", 0.0, 0, "en", "ru")
    alignment = Alignment([a, b, c], {}, [], [], (none, good))
    assert translation.pairs_note(alignment) == (
        "Article pairs across languages: Alpha ↔ Gamma, confidence high "
        "(+1 pair with no sentence matched)"
    )
    assert translation.row_note(alignment, b.id) == "English ↔ Russian: no sentence matched"
    only_none = Alignment([a, b, c], {}, [], [], (none,))
    assert translation.pairs_note(only_none) == (
        "Article pairs across languages: 1 pair with no sentence matched"
    )

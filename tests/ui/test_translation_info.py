"""The reader says how well a translation was aligned: in the status bar, in the comparison
panel's hint, above a selected passage, and per translated version."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.core.model import (
    Alignment,
    CrossAlignment,
    CrossMethod,
    Document,
    Family,
    Match,
    Span,
    document_id,
)
from app.ui.comparison_panel import ComparisonPanel
from app.ui.main_window import MainWindow

EN = "Zalmay Khalilzad visited Tashkent in May. The weather was fine."
RU = "Залмай Халилзад посетил Ташкент в мае. Погода была хорошей."


def _doc(text: str, outlet: str, language: str) -> Document:
    return Document(document_id(text), "", outlet, "", "", language, f"/x/{outlet}.txt", text)


def _alignment(method: CrossMethod, confidence: float) -> Alignment:
    """An English article beside its Russian original, one translated sentence matched."""
    en, ru = _doc(EN, "Antiwar", "en"), _doc(RU, "Kommersant", "ru")
    a, b = Span(en.id, 0, 41), Span(ru.id, 0, 38)
    kind = "semantic" if method == "model" else "lexical"
    match = Match(a, b, 66.0 if method == "model" else 56.0, "loose", kind)
    record = CrossAlignment(en.id, ru.id, method, confidence, 1, "en", "ru")
    return Alignment([en, ru], {}, [match], [Family([0], [a, b])], (record,))


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _show(qtbot: QtBot, win: MainWindow, alignment: Alignment) -> None:
    with qtbot.waitSignal(win.alignment_shown):
        win.show_alignment(alignment)


def test_status_bar_and_hint_say_how_the_translation_was_aligned(
    qtbot: QtBot, window: MainWindow
) -> None:
    _show(qtbot, window, _alignment("model", 0.9))
    assert window.translation_label.text() == "English ↔ Russian translation: confidence high"
    assert window.translation_label.isVisible()
    assert "multilingual meaning model" in window.translation_label.toolTip()
    hint = window.comparison.toPlainText()
    assert "Click a tinted passage" in hint
    assert (
        "English ↔ Russian: aligned by a multilingual meaning model, 1 sentence pair — "
        "confidence high" in hint
    )


def test_a_selected_translated_passage_names_method_score_and_confidence(
    qtbot: QtBot, window: MainWindow
) -> None:
    alignment = _alignment("model", 0.9)
    _show(qtbot, window, alignment)
    with qtbot.waitSignal(window.case_view.family_selected):
        window.case_view.select_family(0, alignment.families[0].spans[0])
    text = window.comparison.toPlainText()
    assert "Translation — Antiwar (English) ↔ Kommersant (Russian)" in text
    assert "Kommersant (translation, matched by meaning: score 66 of 100, a strong match)" in text
    assert "% similar" not in text  # word similarity means nothing across languages


def test_an_anchor_match_asks_the_reader_to_check_it(qtbot: QtBot, window: MainWindow) -> None:
    alignment = _alignment("anchors", 0.5)
    _show(qtbot, window, alignment)
    assert window.translation_label.text().endswith("confidence low")
    with qtbot.waitSignal(window.case_view.family_selected):
        window.case_view.select_family(0, alignment.families[0].spans[1])
    text = window.comparison.toPlainText()
    assert "aligned by shared numbers and names only" in text
    assert "check each match" in text
    # Clicked on the Russian side: the English version names the shared names as it spells them.
    assert "(translation, matched only on Khalilzad, Tashkent: check it)" in text


def test_notes_follow_the_articles_shown(qtbot: QtBot, window: MainWindow) -> None:
    alignment = _alignment("model", 0.9)
    _show(qtbot, window, alignment)
    window.set_shown_documents([alignment.documents[0].id])
    assert window.translation_label.text() == ""
    assert "Translation" not in window.comparison.toPlainText()
    window.close_all()
    assert window.translation_label.text() == ""


def test_panel_without_translations_shows_the_plain_hint(qtbot: QtBot) -> None:
    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    panel.set_case(_alignment("model", 0.9), None)
    assert "confidence high" in panel.toPlainText()
    panel.set_case(None)
    assert panel.toPlainText().startswith("Click a tinted passage")
    assert "confidence" not in panel.toPlainText()

"""Sentence and paragraph segmentation: exact offsets and the hard cases of news prose."""

from __future__ import annotations

from app.core.model import Document, document_id
from app.core.segment import paragraphs, sentences


def _doc(text: str) -> Document:
    return Document(document_id(text), "t", "o", "", "", "en", "mem.txt", text)


def _sents(text: str) -> list[str]:
    doc = _doc(text)
    return [text[p.start : p.end] for p in sentences(doc)]


def test_offsets_are_exact_stripped_and_indexed_in_order() -> None:
    text = "  First one.  Second one!\n\n  Third?  "
    doc = _doc(text)
    got = sentences(doc)
    assert [text[p.start : p.end] for p in got] == ["First one.", "Second one!", "Third?"]
    assert [p.index for p in got] == [0, 1, 2]
    assert all(p.kind == "sentence" and p.doc_id == doc.id for p in got)


def test_paragraphs_split_on_blank_lines() -> None:
    text = "One. Two.\n\n\nThree\nstill three.\n \nFour."
    got = paragraphs(_doc(text))
    assert [text[p.start : p.end] for p in got] == ["One. Two.", "Three\nstill three.", "Four."]
    assert [p.kind for p in got] == ["paragraph"] * 3


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "The U.S. once had two bases. Gen. Valery Gerasimov met Mr. Milley in Sept. 2021. "
        "The attacks of Sept. 11, 2001 changed it."
    )
    assert _sents(text) == [
        "The U.S. once had two bases.",
        "Gen. Valery Gerasimov met Mr. Milley in Sept. 2021.",
        "The attacks of Sept. 11, 2001 changed it.",
    ]


def test_initials_and_decimals() -> None:
    text = "He teaches at M. Narikbayev KAZGUU University. Growth was 2.5 percent. It fell."
    assert _sents(text) == [
        "He teaches at M. Narikbayev KAZGUU University.",
        "Growth was 2.5 percent.",
        "It fell.",
    ]


def test_quotes_inside_and_closing_a_sentence() -> None:
    text = (
        "“This cannot be believed. It will be a screen. The Americans will start small and "
        "then expand,” an unnamed source said. They will “drop you just like they dropped "
        "Afghanistan”. He added: “My colleagues know the risks.” Then he left."
    )
    assert _sents(text) == [
        "“This cannot be believed.",
        "It will be a screen.",
        "The Americans will start small and then expand,” an unnamed source said.",
        "They will “drop you just like they dropped Afghanistan”.",
        "He added: “My colleagues know the risks.”",
        "Then he left.",
    ]


def test_dashes_and_ellipses() -> None:
    text = (
        "The arrangement — aired at the summit — would involve bases. He paused… and went on. "
        "It ended… Then silence. Wait... What?"
    )
    assert _sents(text) == [
        "The arrangement — aired at the summit — would involve bases.",
        "He paused… and went on.",
        "It ended…",
        "Then silence.",
        "Wait...",
        "What?",
    ]


def test_headings_without_final_punctuation_are_their_own_sentences() -> None:
    text = "Russian ‘hybrid warfare’\nThe idea was discussed. It went nowhere.\n\nTaliban magnet"
    assert _sents(text) == [
        "Russian ‘hybrid warfare’",
        "The idea was discussed.",
        "It went nowhere.",
        "Taliban magnet",
    ]


def test_list_lines_are_separate_sentences() -> None:
    text = "Steps:\n1. Raptar Driver says\n2. Steve Kastl says.\n- Fourth item\n- Fifth item."
    assert _sents(text) == [
        "Steps:",
        "1. Raptar Driver says",
        "2. Steve Kastl says.",
        "- Fourth item",
        "- Fifth item.",
    ]


def test_hard_wrapped_prose_continues_across_lines() -> None:
    text = "Russia has reportedly consented to allow the United States,\nin a limited way, to act."
    assert _sents(text) == [text]


def test_empty_and_whitespace_text_has_no_sentences() -> None:
    assert sentences(_doc("")) == []
    assert sentences(_doc(" \n\n \t")) == []
    assert paragraphs(_doc("\n\n")) == []

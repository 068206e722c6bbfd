"""Junk rules and clean-text assembly on small made-up texts (not the seeds)."""

from __future__ import annotations

import pytest

from app.core import clean
from app.core import thresholds as th
from app.core.importers.text import import_text

BODY_A = "The ministry confirmed the talks took place in Geneva last month."
BODY_B = "Officials in both capitals declined to give further details on Monday."
BODY_C = "Analysts expect a formal announcement before the end of the year."


def _slices(result: clean.Cleaned, raw: str) -> list[tuple[str, str]]:
    return [(j.why, raw[j.start : j.end]) for j in result.junk]


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Source: Example Wire", clean.WHY_SOURCE),
        ("Original url:", clean.WHY_SOURCE),
        ("Machine translated from Russian.", clean.WHY_SOURCE),
        ("By Jane Doe", clean.WHY_BYLINE),
        ("March 3, 2020", clean.WHY_DATE),
        ("3 March 2020", clean.WHY_DATE),
        ("Read more: Ten things about bases", clean.WHY_PROMO),
        ("Related: Ten things about bases", clean.WHY_PROMO),
        ("Please consider a donation to keep our reporting free.", clean.WHY_DONATION),
        ("Subscribe now to our weekly digest.", clean.WHY_NEWSLETTER),
        ("Newsletter", clean.WHY_NEWSLETTER),
        ("We use cookies to personalise content. Accept?", clean.WHY_COOKIE),
        ("Follow us on social", clean.WHY_NAV),
        ("World | Asia", clean.WHY_NAV),
        ("Leave a Reply", clean.WHY_COMMENTS),
        ("Photo: Jane Doe", clean.WHY_CAPTION),
        ("Troops at the base (John Smith/Shutterstock)", clean.WHY_CAPTION),
        ("Copyright 2024 Example Media", clean.WHY_FOOTER),
    ],
)
def test_classify_line_finds_furniture(line: str, why: str) -> None:
    assert clean.classify_line(line) == why


@pytest.mark.parametrize(
    "line",
    [
        BODY_A,
        "The charity said donations fell by half last year.",
        "By the end of the week, the troops had left the base.",
        "Source: officials said the offer was serious, according to two people.",
        "Readers were asked to subscribe, the outlet's editor said.",
        "Any rapprochement or more competition?",
    ],
)
def test_classify_line_keeps_sentences(line: str) -> None:
    assert clean.classify_line(line) is None


def test_caption_printed_twice_both_copies_out() -> None:
    caption = "Soldiers stand at the Kant air base near Bishkek on May 4, 2021."
    raw = f"{BODY_A}\n\n{caption}\n{caption} (Reuters)\n\n{BODY_B}\n"
    result = import_text(raw)
    assert result.text == f"{BODY_A}\n\n{BODY_B}"
    assert _slices(result, raw) == [("photo caption", f"{caption}\n{caption} (Reuters)")]
    assert result.junk[0].at == len(BODY_A)


def test_a_sentence_repeated_in_different_paragraphs_is_kept() -> None:
    raw = f"{BODY_A}\n\n{BODY_B}\n\n{BODY_A}\n"
    assert import_text(raw).text == raw.strip()


def test_teaser_runs_back_to_previous_junk_and_ends_at_keep_reading() -> None:
    raw = (
        f"{BODY_A}\n\n{BODY_B}\n\nPlease consider a donation to support our journalism.\n\n"
        "Top photo credit: Example/Agency\n\nAnother story headline\n\nWorld\n\n"
        f"{BODY_C}\n\nkeep readingShow less\n"
    )
    result = import_text(raw)
    assert result.text == f"{BODY_A}\n\n{BODY_B}"
    whys = [why for why, _ in _slices(result, raw)]
    assert whys == ["donation appeal", "teaser article"]
    assert _slices(result, raw)[1][1].startswith("Top photo credit")


def test_teaser_walk_back_is_bounded() -> None:
    body = [f"Paragraph number {i} of the article says something plain." for i in range(20)]
    raw = "\n\n".join([*body, "keep reading"]) + "\n"
    result = import_text(raw)
    kept = result.text.split("\n\n")
    assert len(kept) == 20 - (th.TEASER_MAX_UNITS - 1)
    assert kept[0] == body[0]


def test_comment_thread_with_indented_replies() -> None:
    raw = (
        f"{BODY_A}\n\n  1. Alice says\n\n    I disagree with all of this.\n\n"
        "    1. Bob says\n\n      So do I, frankly.\n\n  2. Carol says\n\n    Good piece.\n\n"
        "Leave A Reply\n"
    )
    result = import_text(raw)
    assert result.text == BODY_A
    assert len(result.junk) == 1 and result.junk[0].why == "reader comments"
    assert raw[result.junk[0].start : result.junk[0].end].endswith("Leave A Reply")


def test_unindented_text_after_a_comment_is_kept() -> None:
    raw = f"{BODY_A}\n\n  1. Alice says\n\n    Nice.\n\n{BODY_B}\n"
    assert import_text(raw).text == f"{BODY_A}\n\n{BODY_B}"


def test_stray_blank_line_inside_a_sentence_is_rejoined() -> None:
    raw = "The countries in question were not consulted about\n\nthe idea at all.\n\nNext one.\n"
    assert import_text(raw).text == (
        "The countries in question were not consulted about the idea at all.\n\nNext one."
    )


def test_paragraphs_are_not_rejoined_after_full_stop_or_before_capital() -> None:
    raw = "It ended here.\n\nand this starts lower.\n\nNo stop here\n\nBut a capital.\n"
    assert import_text(raw).text.split("\n\n") == [
        "It ended here.",
        "and this starts lower.",
        "No stop here",
        "But a capital.",
    ]


def test_wrapped_lines_join_and_hard_lines_stay() -> None:
    raw = (
        "This long line was wrapped by the source at a fixed width so\n"
        "it continues here.\nA new line after a full stop stays.\n"
    )
    assert import_text(raw).text == (
        "This long line was wrapped by the source at a fixed width so it continues here.\n"
        "A new line after a full stop stays."
    )


def test_spaces_collapse_and_no_break_spaces_go() -> None:
    raw = "Moscow\u00a0 offered   bases.\u00a0\n\n\n\n\nSecond\tparagraph here.  \n"
    assert import_text(raw).text == "Moscow offered bases.\n\nSecond paragraph here."


def test_leading_date_goes_to_metadata_and_title_stays() -> None:
    raw = " date 2020-01-02 ANALYSIS – Something happened\n\nA body sentence is here.\n"
    result = import_text(raw)
    assert result.meta["date"] == "2020-01-02"
    assert result.title == "ANALYSIS – Something happened"
    assert result.text.startswith("ANALYSIS – Something happened\n\n")
    assert _slices(result, raw) == [("date line", "date 2020-01-02")]


def test_source_and_url_lines_feed_metadata() -> None:
    raw = f"{BODY_A}\n\nSource: Example Wire\n\nOriginal url:\n\n<https://www.example.org/a/b>\n"
    result = import_text(raw)
    assert result.text == BODY_A
    assert result.meta["outlet"] == "Example Wire"
    assert result.meta["url"] == "https://www.example.org/a/b"


def test_tags_after_the_body_are_navigation() -> None:
    raw = f"{BODY_A}\n\n{BODY_B}\n\nTrump transition\n\nLatest\n"
    result = import_text(raw)
    assert result.text == f"{BODY_A}\n\n{BODY_B}"
    assert _slices(result, raw) == [("navigation", "Trump transition\n\nLatest")]


def test_headline_and_section_heads_are_marked() -> None:
    raw = f"A short headline\n\n{BODY_A}\n\nA section head\n\n{BODY_B}\n"
    result = import_text(raw)
    marks = [(m.kind, result.text[m.start : m.end]) for m in result.marks]
    assert marks == [("heading1", "A short headline"), ("heading2", "A section head")]
    assert result.title == "A short headline"


def test_long_line_without_spaces_is_kept_whole() -> None:
    line = "x" * 5_000_000
    result = import_text(line + "\n")
    assert result.text == line
    assert result.junk == []


def test_many_short_lines_stay_linear_in_output() -> None:
    raw = "\n\n".join(f"Sentence {i} is a short but complete line." for i in range(20_000))
    result = import_text(raw)
    assert result.text.count("\n\n") == 19_999

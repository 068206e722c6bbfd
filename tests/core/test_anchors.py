"""Anchors: creation, and resolution after the text changed (exact, moved, fuzzy, orphan)."""

from __future__ import annotations

import pytest

from app.core.anchors import TextAnchor, find_quote, make_anchor, resolve_anchor
from app.core.thresholds import ANCHOR_CONTEXT_CHARS

from .store_fixtures import seed_text

TEXT = seed_text()  # the Kommersant report as collected: ~12k characters of real prose


def _anchor_on(quote: str, text: str = TEXT, occurrence: int = 0) -> TextAnchor:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(quote, at + 1)
    return make_anchor(text, at, at + len(quote))


def test_make_anchor_keeps_quote_and_bounded_context() -> None:
    quote = "Tashkent"
    anchor = _anchor_on(quote)
    assert anchor.exact == quote == TEXT[anchor.start : anchor.end]
    assert len(anchor.prefix) == len(anchor.suffix) == ANCHOR_CONTEXT_CHARS
    assert TEXT[anchor.start - ANCHOR_CONTEXT_CHARS : anchor.start] == anchor.prefix
    at_start = make_anchor(TEXT, 0, 6)
    assert at_start.prefix == "" and at_start.exact == TEXT[:6]


@pytest.mark.parametrize("bad", [(5, 5), (-1, 4), (10, len(TEXT) + 1), (9, 3)])
def test_make_anchor_rejects_bad_ranges(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="bad anchor range"):
        make_anchor(TEXT, *bad)


def test_unchanged_text_resolves_exact() -> None:
    anchor = _anchor_on("Tashkent")
    found = resolve_anchor(anchor, TEXT)
    assert found is not None and (found.start, found.end, found.how) == (
        anchor.start,
        anchor.end,
        "exact",
    )


def test_text_inserted_before_resolves_moved() -> None:
    anchor = _anchor_on("Tashkent")
    inserted = "Editor's note: this story was updated on Tuesday.\n\n"
    found = resolve_anchor(anchor, inserted + TEXT)
    assert found is not None and found.how == "moved"
    assert found.start == anchor.start + len(inserted)


def _passage() -> tuple[int, int]:
    """A sentence-long stretch in the middle of the article."""
    start = TEXT.index("The rapidly degrading situation")
    return start, start + 120


def test_words_changed_inside_resolves_fuzzy_to_the_edited_passage() -> None:
    start, end = _passage()
    anchor = make_anchor(TEXT, start, end)
    old = TEXT[start:end]
    edited = old.replace("rapidly", "swiftly").replace("situation", "crisis")
    assert edited != old
    new_text = "A new first line.\n" + TEXT[:start] + edited + TEXT[end:]
    found = resolve_anchor(anchor, new_text)
    assert found is not None and found.how == "fuzzy"
    assert new_text[found.start : found.end] == edited


def test_deleted_passage_is_an_orphan() -> None:
    start, end = _passage()
    anchor = make_anchor(TEXT, start, end)
    # Remove the whole paragraph holding the passage, context included.
    para_start = TEXT.rfind("\n\n", 0, start)
    para_end = TEXT.find("\n\n", end)
    new_text = TEXT[:para_start] + TEXT[para_end:]
    assert resolve_anchor(anchor, new_text) is None


@pytest.mark.parametrize("nudge", [0, 3])
def test_repeated_quote_is_told_apart_by_context(nudge: int) -> None:
    first = "Officials in Moscow said the offer stands. Analysts in Washington doubt it."
    second = "Diplomats in Tashkent said the offer stands. Nobody in Kabul was asked."
    filler = " Filler sentence about something else entirely." * 3
    text = first + filler + second
    quote = "said the offer stands"
    anchor = _anchor_on(quote, text, occurrence=1)  # the Tashkent one
    # Insert text before both so the *first* occurrence lands next to the old position:
    # by distance alone the wrong one would win.
    shift = anchor.start - text.index(quote) + nudge
    new_text = "x" * shift + text
    found = resolve_anchor(anchor, new_text)
    assert found is not None and found.how == "moved"
    assert new_text[found.start - 9 : found.start] == "Tashkent "
    assert found.start == anchor.start + shift


def test_without_context_the_nearest_occurrence_wins() -> None:
    text = "one two three. one two three. one two three."
    anchor = TextAnchor("one two three", "", "", 16, 29)  # stored slightly off
    found = resolve_anchor(anchor, text)
    assert found is not None and found.start == 15


def test_find_quote_exact_then_whitespace_and_quote_normalised() -> None:
    text = "He said “no  deal”\n to the\tproposal. He said “no deal” again."
    assert find_quote(text, "He said") == (0, 7)  # ambiguous: the first one
    start, end = find_quote(text, 'said "no deal" to the') or (0, 0)
    assert text[start:end] == "said “no  deal”\n to the"
    assert find_quote(text, "not in there") is None
    assert find_quote(text, "   ") is None

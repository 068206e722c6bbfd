"""Flags between versions of one family that no match pairs directly (app/core/flags/family.py)."""

from __future__ import annotations

import pytest

from app.core import thresholds
from app.core.flags import find_flags
from app.core.model import Alignment, Family, Match, Span, flag_passages
from app.core.report_json import flags_json
from tests.core.test_flags import make_doc, span_of

# Three outlets: the wire report (B) is matched to both rewrites, the rewrites not to each other.
A_TEXT = "Putin offered the Americans the use of Russian bases in Tajikistan in June."
B_TEXT = "In June Putin offered Washington the use of Russia's bases in Tajikistan, sources said."
C_TEXT = "Moscow was said to let US forces use its bases in Uzbekistan, Kommersant wrote in June."


def _chain(direct_ac: bool = False) -> Alignment:
    docs = [make_doc(A_TEXT, "A"), make_doc(B_TEXT, "B"), make_doc(C_TEXT, "C")]
    a, b, c = (span_of(d, d.text) for d in docs)
    matches = [Match(a, b, 70.0, "loose"), Match(b, c, 58.0, "loose")]
    if direct_ac:
        matches.append(Match(a, c, 56.0, "loose"))
    family = Family(matches=list(range(len(matches))), spans=[a, b, c])
    return Alignment(documents=docs, passages={}, matches=matches, families=[family])


def _indirect(alignment: Alignment) -> list:
    return [f for f in find_flags(alignment) if f.passages is not None]


def test_versions_linked_through_a_third_outlet_are_compared() -> None:
    alignment = _chain()
    flags = _indirect(alignment)
    places = [f for f in flags if f.kind == "place"]
    assert [(f.a_value, f.b_value) for f in places] == [("Tajikistan", "Uzbekistan")]
    flag = places[0]
    a, c = alignment.documents[0], alignment.documents[2]
    assert flag_passages(alignment, flag) == (span_of(a, a.text), span_of(c, c.text))
    assert (flag.a.doc_id, flag.b.doc_id) == (a.id, c.id)
    assert a.text[flag.a.start : flag.a.end] == "Tajikistan"
    assert c.text[flag.b.start : flag.b.end] == "Uzbekistan"
    # The match the reader is taken to belongs to the family and holds the `a` version.
    assert flag.match in alignment.families[0].matches
    assert alignment.matches[flag.match].a.doc_id == a.id
    assert "other outlets" in flag.reason


def test_a_direct_match_is_not_compared_twice() -> None:
    alignment = _chain(direct_ac=True)
    flags = find_flags(alignment)
    assert not [f for f in flags if f.passages is not None]
    a, c = alignment.documents[0].id, alignment.documents[2].id
    a_to_c = [f for f in flags if (f.a.doc_id, f.b.doc_id) == (a, c) and f.kind == "place"]
    assert [f.match for f in a_to_c] == [2]


def test_a_family_of_too_many_loose_links_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thresholds, "FLAG_FAMILY_MAX_PAIRS", 0)
    assert _indirect(_chain()) == []


def test_json_names_the_compared_passages_of_an_indirect_flag() -> None:
    alignment = _chain()
    flag = next(f for f in _indirect(alignment) if f.kind == "place")
    out = flags_json(alignment, [flag], ["a.txt", "b.txt", "c.txt"])
    row = out["flags"][0]
    assert row["a"]["text"] == A_TEXT and row["b"]["text"] == C_TEXT
    assert (row["a_value"], row["b_value"]) == ("Tajikistan", "Uzbekistan")


def test_a_version_matched_in_two_pieces_counts_once() -> None:
    """Two overlapping spans of one document (a sentence matched alone and with its
    neighbour) are one version: no flag compares a document with itself."""
    alignment = _chain()
    b = alignment.documents[1]
    half = Span(b.id, 0, len(b.text) // 2)
    family = alignment.families[0]
    family.spans.insert(2, half)
    for flag in find_flags(alignment):
        assert flag.a.doc_id != flag.b.doc_id

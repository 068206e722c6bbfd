"""find_flags over hand-built alignments: spans into document texts, match indexes, seed pairs."""

from __future__ import annotations

import pytest

from app.core.errors import Cancelled
from app.core.flags import find_flags
from app.core.model import Alignment, Document, Flag, Match, Span, document_id
from app.core.progress import CancelToken


def make_doc(text: str, outlet: str) -> Document:
    return Document(
        id=document_id(text), title=outlet, outlet=outlet, date="", url="", language="en",
        source_path=f"{outlet}.txt", text=text,
    )  # fmt: skip


def span_of(doc: Document, passage: str) -> Span:
    start = doc.text.index(passage)
    return Span(doc.id, start, start + len(passage))


def align(docs: list[Document], pairs: list[tuple[int, str, int, str]]) -> Alignment:
    """An alignment whose matches are (doc index, passage, doc index, passage) quadruples."""
    matches = [
        Match(span_of(docs[i], pa), span_of(docs[j], pb), 80.0, "close") for i, pa, j, pb in pairs
    ]
    return Alignment(documents=docs, passages={}, matches=matches, families=[])


def check_spans(alignment: Alignment, flags: list[Flag]) -> None:
    """Every flag's spans point exactly at its values and lie inside its match."""
    texts = {d.id: d.text for d in alignment.documents}
    for flag in flags:
        match = alignment.matches[flag.match]
        assert texts[flag.a.doc_id][flag.a.start : flag.a.end] == flag.a_value
        assert texts[flag.b.doc_id][flag.b.start : flag.b.end] == flag.b_value
        assert (flag.a.doc_id, flag.b.doc_id) == (match.a.doc_id, match.b.doc_id)
        assert match.a.start <= flag.a.start < flag.a.end <= match.a.end
        assert match.b.start <= flag.b.start < flag.b.end <= match.b.end


KOMMERSANT = (
    "Machine translated from Russian.\n\n"
    "At the same time, Bloomberg and Reuters, citing sources, reported that Washington has made "
    "another request to the Central Asian guests: the United States would like Uzbekistan, "
    "Tajikistan and Kazakhstan with them to host up to 10 thousand Afghans who collaborated with "
    "NATO, and their families, who may now be in danger.\n\n"
    "Moscow, as Kommersant learned, offered Washington an alternative – to use Russian bases in "
    "Tajikistan and Kyrgyzstan to control the situation in Afghanistan.\n"
)
REWRITE = (
    "By Eurasianet\n\n"
    "Russia has reportedly consented to allow the United States to use its bases in Kyrgyzstan "
    "and Tajikistan for limited security operations in Afghanistan.\n\n"
    "Bloomberg and Reuters, citing sources, reported that Washington has made another request: "
    "the United States would like Uzbekistan, Tajikistan and Kazakhstan to host up to 100 "
    "thousand Afghans who collaborated with NATO, and their families.\n"
)
THIRD = (
    "Russian Foreign Minister Sergey Lavrov said on July 19 that Moscow offered Washington an "
    "alternative, to use Russian bases in Tajikistan and Uzbekistan.\n"
)


def test_flags_carry_their_match_index_and_exact_spans() -> None:
    docs = [make_doc(KOMMERSANT, "Kommersant"), make_doc(REWRITE, "Moscow Times"),
            make_doc(THIRD, "Anadolu")]  # fmt: skip
    kommersant_bases = "Moscow, as Kommersant learned, offered Washington an alternative – to use "
    kommersant_bases += "Russian bases in Tajikistan and Kyrgyzstan to control the situation"
    alignment = align(
        docs,
        [
            (0, kommersant_bases, 1, REWRITE.split("\n\n")[1].strip()),
            (0, "the United States would like Uzbekistan, Tajikistan and Kazakhstan with them to "
                "host up to 10 thousand Afghans", 1,
             "the United States would like Uzbekistan, Tajikistan and Kazakhstan to host up to 100 "
             "thousand Afghans"),
            (0, kommersant_bases, 2, THIRD.strip()),
        ],
    )  # fmt: skip
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    got = [(f.match, f.kind, f.a_value, f.b_value) for f in flags]
    # Match 0 is a faithful rewrite: "Moscow"/"Russia", "Washington"/"the United States" and the
    # reordered countries agree.
    assert got == [
        (1, "number", "10 thousand", "100 thousand"),
        (2, "place", "Kyrgyzstan", "Uzbekistan"),
    ]
    assert flags[0].reason == "numbers differ: 10 thousand vs 100 thousand"
    assert flags[1].a.doc_id == docs[0].id and flags[1].b.doc_id == docs[2].id


def test_a_cancelled_search_stops_and_an_uncancelled_one_finds_the_same() -> None:
    docs = [make_doc(KOMMERSANT, "Kommersant"), make_doc(THIRD, "Anadolu")]
    kommersant_bases = "Moscow, as Kommersant learned, offered Washington an alternative – to use "
    kommersant_bases += "Russian bases in Tajikistan and Kyrgyzstan to control the situation"
    alignment = align(docs, [(0, kommersant_bases, 1, THIRD.strip())])
    token = CancelToken()
    assert find_flags(alignment, token) == find_flags(alignment)
    token.cancel()
    with pytest.raises(Cancelled):
        find_flags(alignment, token)


def test_a_match_may_carry_several_flags() -> None:
    a = make_doc("Intro.\nOn July 17 Sergei Lavrov said Moscow did not object to two bases.\n", "A")
    b = make_doc("Lead.\nOn July 19 Sergei Ryabkov said Moscow objected to three bases.\n", "B")
    alignment = align(
        [a, b],
        [(0, "On July 17 Sergei Lavrov said Moscow did not object to two bases.",
          1, "On July 19 Sergei Ryabkov said Moscow objected to three bases.")],
    )  # fmt: skip
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    assert [(f.kind, f.a_value, f.b_value) for f in flags] == [
        ("date", "July 17", "July 19"),
        ("name", "Sergei Lavrov", "Sergei Ryabkov"),
        ("negation", "did not object", "objected"),
        ("number", "two", "three"),
    ]
    assert {f.match for f in flags} == {0}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # 000 (TRT World) and 003 (Kommersant): the same summit, dated in two ways.
        ("US President Joe Biden and Russian President Vladimir Putin discussed prominent world "
         "issues in their recent summit in Geneva on June 16, 2021.",
         "during the June 16 summit in Geneva, Vladimir Putin offered Joe Biden an alternative"),
        # 001 (Moscow Times) and 002 (Responsible Statecraft): the July 17 report, and the
        # June meeting against the article's July 17 date (different facts, not paired).
        ("Kommersant daily newspaper on July 17 cited unnamed sources as saying that a proposal "
         "on how to utilize those facilities was aired during the June meeting in Geneva between "
         "Russian President Vladimir Putin and U.S. President Joe Biden.",
         "A July 17 article reported that Putin had even offered to let the United States "
         "utilize Russian bases in Tajikistan and Kyrgyzstan, albeit for limited, "
         "intelligence-gathering purposes."),
        # 001 and 000: the September 11 attacks, abbreviated and not.
        ("The U.S. once had two important bases in Central Asia, both established in the wake of "
         "the terror attacks of Sept. 11, 2001",
         "back in 2001 after the September 11 attacks President Putin did not object to "
         "Uzbekistan and Kyrgyzstan basing US and other NATO allies in their territory"),
        # 001 and 004: one minister, two transliterations.
        ("Russian Foreign Minister Sergei Lavrov said in a speech at a conference in Tashkent",
         "Russian Foreign Minister Sergey Lavrov said war games aimed to prevent any spillover"),
    ],
)  # fmt: skip
def test_seed_pairs_that_agree_have_no_flags(a: str, b: str) -> None:
    docs = [make_doc(a, "A"), make_doc(b, "B")]
    flags = find_flags(align(docs, [(0, a, 1, b)]))
    assert flags == []


def test_seed_pair_with_a_real_discrepancy_is_flagged() -> None:
    # 000 (TRT World) dates the Geneva summit in July; 003 (Kommersant) says June 16. The date
    # moved within the sentence, so it pairs through its shared context ("summit", "Geneva").
    a = (
        "The extraordinary idea of hosting American soldiers in Russian bases was first floated "
        "by  President Vladimir Putin during his summit with US President Joe Biden back in July "
        "in Geneva."
    )
    b = (
        "At the same time, according to informed sources of Kommersant, during the June 16 "
        "summit in Geneva, Vladimir Putin offered Joe Biden an alternative: joint coordination "
        "of actions with Russia in the Afghan direction with the possibility of using Russian "
        "military bases in Tajikistan and Kyrgyzstan for practical purposes."
    )
    docs = [make_doc("TRT World\n\n" + a, "TRT"), make_doc(b, "Kommersant")]
    alignment = align(docs, [(0, a, 1, b)])
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    # TRT also states as fact ("floated") what Kommersant credits to its sources.
    assert [(f.kind, f.a_value, f.b_value) for f in flags] == [
        ("negation", "floated", "according to informed sources"),
        ("date", "July", "June 16"),
    ]
    assert flags[1].reason == "dates differ: July vs June 16"
    assert "hedges ('according to informed sources')" in flags[0].reason


def test_seed_pair_credited_to_different_outlets_is_flagged() -> None:
    # 001 (Moscow Times) credits the July 17 report to Kommersant, 002 (Responsible Statecraft)
    # to Reuters.
    a = (
        "Kommersant daily newspaper on July 17 cited unnamed sources as saying that a proposal "
        "on how to utilize those facilities was aired during the June meeting in Geneva."
    )
    b = (
        "A July 17 Reuters article reported that Putin had even offered to let the United "
        "States utilize Russian bases in Tajikistan and Kyrgyzstan."
    )
    docs = [make_doc(a, "A"), make_doc(b, "B")]
    alignment = align(docs, [(0, a, 1, b)])
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    assert [(f.kind, f.a_value, f.b_value) for f in flags] == [("name", "Kommersant", "Reuters")]
    assert flags[0].reason == "attributed to different outlets: Kommersant vs Reuters"


def test_seed_sentence_against_an_altered_copy() -> None:
    # 001 (Moscow Times): the sentence as published and with its negation dropped.
    a = "Neither Tajikistan nor Kyrgyzstan had as of July 19 commented on the Kommersant report."
    b = "Tajikistan and Kyrgyzstan had as of July 19 commented on the Kommersant report."
    docs = [make_doc(a, "A"), make_doc(b, "B")]
    alignment = align(docs, [(0, a, 1, b)])
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    assert [(f.kind, f.a_value, f.b_value) for f in flags] == [
        ("negation", "Neither Tajikistan", "Tajikistan")
    ]


def test_same_document_match_and_empty_alignment() -> None:
    text = "Putin offered two bases. Later, Putin offered three bases."
    doc = make_doc(text, "A")
    alignment = align([doc], [(0, "Putin offered two bases.", 0, "Putin offered three bases.")])
    flags = find_flags(alignment)
    check_spans(alignment, flags)
    assert [(f.a_value, f.b_value, f.a.start, f.b.start) for f in flags] == [
        ("two", "three", 14, 46)
    ]
    assert find_flags(Alignment(documents=[doc], passages={}, matches=[], families=[])) == []


def test_a_match_naming_a_missing_document_is_refused() -> None:
    doc = make_doc("Putin offered two bases.", "A")
    match = Match(Span(doc.id, 0, 5), Span("missing", 0, 5), 90.0, "close")
    with pytest.raises(ValueError, match="match 0"):
        find_flags(Alignment(documents=[doc], passages={}, matches=[match], families=[]))

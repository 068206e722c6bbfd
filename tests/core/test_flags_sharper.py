"""Issue 9 item 3: units converted, relative dates, place lists, attribution, hedging, terms."""

from __future__ import annotations

import pytest

from app.core.flags import find_flags, flags_for_pair
from app.core.model import Alignment, Document, Match, Span, document_id, flag_label
from app.core.report_json import flags_json


def flags(a: str, b: str, a_date: str = "", b_date: str = "") -> list[tuple[str, str, str, str]]:
    """(kind, a_value, b_value, reason) of every flag, checking the offsets point at the values."""
    found = flags_for_pair(a, b, a_date, b_date)
    for f in found:
        assert a[f.a_start : f.a_end] == f.a_value
        assert b[f.b_start : f.b_end] == f.b_value
    return [(f.kind, f.a_value, f.b_value, f.reason) for f in found]


# --- numbers with their scale and unit ---


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a base around 145 kilometers north of the border",
         "a base around 90 miles north of the border"),
        ("a convoy of 5 tonnes of aid", "a convoy of 5,000 kg of aid"),
        ("a loan of $2 billion was agreed", "a loan of $2,000 million was agreed"),
        ("turnout rose by 12% this year", "turnout rose by 12 percent this year"),
        ("a wall 1.5 km long", "a wall 1,500 metres long"),
    ],
)  # fmt: skip
def test_amounts_equal_after_conversion_are_not_flagged(a: str, b: str) -> None:
    assert flags(a, b) == []


def test_distances_that_differ_after_conversion_are_flagged() -> None:
    a = "a base around 145 kilometers north of the border"
    b = "a base around 45 miles north of the border"
    assert flags(a, b) == [
        ("quantity", "145 kilometers", "45 miles",
         "distances differ: 145 km vs 72 km (45 miles)"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "kind", "reason"),
    [
        ("Russia sent 2,000 troops to the border", "Russia sent 20,000 troops to the border",
         "number", "numbers differ: 2,000 vs 20,000"),
        ("a loan of $2 billion was agreed", "a loan of $20 billion was agreed",
         "quantity", "sums differ: $2 billion vs $20 billion"),
        ("turnout rose by 12% this year", "turnout rose by 21% this year",
         "quantity", "percentages differ: 12% vs 21%"),
        ("a convoy of 5 tonnes of aid", "a convoy of 500 kg of aid",
         "quantity", "weights differ: 5 tonnes vs 0.5 tonnes (500 kg)"),
    ],
)  # fmt: skip
def test_amounts_that_differ_are_flagged_with_their_measure(
    a: str, b: str, kind: str, reason: str
) -> None:
    assert [(f[0], f[3]) for f in flags(a, b)] == [(kind, reason)]


def test_sums_in_different_currencies_are_not_compared() -> None:
    assert flags("a loan of $2 billion was agreed", "a loan of €5 billion was agreed") == []


# --- relative dates against each article's own date ---


def test_relative_date_outside_the_other_date_is_flagged() -> None:
    a = "Lavrov said at a conference in Tashkent last week that the mission failed"
    b = "Lavrov said at a conference in Tashkent on July 2 that the mission failed"
    got = flags(a, b, "2021-07-19", "2021-07-17")
    assert got == [
        ("date", "last week", "July 2",
         "dates differ: last week (12 Jul 2021 – 18 Jul 2021, by the article's date) vs July 2"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "a_date", "b_date"),
    [
        # Monday 19 July: last week is 12-18 July, and holds Friday 16 July.
        ("Lavrov spoke in Tashkent last week about it",
         "Lavrov spoke in Tashkent on July 16 about it",
         "2021-07-19", "2021-07-17"),
        # Kommersant is dated Saturday 17 July: Friday is 16 July, "yesterday" for a 17 July text.
        ("the talks in Tashkent on Friday ended", "the talks in Tashkent yesterday ended",
         "2021-07-17", "2021-07-17"),
        # An article dated only "2021-09": last week may be any week of late August or September.
        ("Milley met Gerasimov last week in Helsinki",
         "Milley met Gerasimov on September 22 in Helsinki",
         "2021-09", "2021-09-24"),
        ("the report over the weekend said it", "the report on July 17 said it",
         "2021-07-19", "2021-07"),
        # Without the article's date a relative date is not compared.
        ("Lavrov spoke in Tashkent last week about it",
         "Lavrov spoke in Tashkent on July 2 about it", "", ""),
    ],
)  # fmt: skip
def test_relative_dates_that_may_agree_are_not_flagged(
    a: str, b: str, a_date: str, b_date: str
) -> None:
    assert flags(a, b, a_date, b_date) == []


def test_weekday_resolved_against_each_article() -> None:
    a = "the talks in Tashkent yesterday ended"  # 16 July
    b = "the talks in Tashkent on Thursday ended"  # 15 July for a 19 July article
    got = flags(a, b, "2021-07-17", "2021-07-19")
    assert [(k, av, bv) for k, av, bv, _ in got] == [("date", "yesterday", "Thursday")]


def test_find_flags_passes_each_documents_date() -> None:
    texts = ("Lavrov spoke in Tashkent last week about it.", "Lavrov spoke in Tashkent on July 2.")
    docs = [
        Document(id=document_id(t), title="", outlet="", date=d, url="", language="en",
                 source_path="", text=t)
        for t, d in zip(texts, ("2021-07-19", "2021-07-17"), strict=True)
    ]  # fmt: skip
    match = Match(
        Span(docs[0].id, 0, len(texts[0])), Span(docs[1].id, 0, len(texts[1])), 80, "close"
    )
    found = find_flags(Alignment(documents=docs, passages={}, matches=[match], families=[]))
    assert [(f.kind, f.a_value, f.b_value) for f in found] == [("date", "last week", "July 2")]


# --- places inside coordinated lists ---


@pytest.mark.parametrize(
    ("a", "b", "a_value", "b_value"),
    [
        ("at Russian air bases in Uzbekistan and Kyrgyzstan,” Erickson tells TRT World.",
         "using Russian military bases in Tajikistan and Kyrgyzstan for practical purposes.",
         "Uzbekistan", "Tajikistan"),
        ("strikes in Paris and Lyon were reported", "strikes in Lyon and Marseille were reported",
         "Paris", "Marseille"),
    ],
)  # fmt: skip
def test_lists_of_places_are_compared_as_sets(a: str, b: str, a_value: str, b_value: str) -> None:
    got = [f for f in flags(a, b) if f[0] == "place"]
    assert [(f[1], f[2]) for f in got] == [(a_value, b_value)]
    assert got[0][3].startswith("the places listed differ: ")


def test_lists_in_different_settings_are_not_compared() -> None:
    a = "Putin did not object to Uzbekistan and Kyrgyzstan basing US allies"
    b = "Moscow opposed a new U.S. military presence in Tajikistan and Uzbekistan, countries"
    assert [f for f in flags(a, b) if f[0] == "place"] == []


# --- attribution ---


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("A July 17 Reuters article reported that Putin had even offered to let the US use bases.",
         "Moscow, as Kommersant learned, offered Washington an alternative – to use bases.",
         ("Reuters", "Kommersant", "attributed to different outlets: Reuters vs Kommersant")),
        ("According to Reuters, Putin offered the bases.",
         "According to Bloomberg, Putin offered the bases.",
         ("Reuters", "Bloomberg", "attributed to different outlets: Reuters vs Bloomberg")),
        ("“We will not allow it,” Lavrov said.", "“We will not allow it,” Ryabkov said.",
         ("Lavrov", "Ryabkov", "attributed to different people: Lavrov vs Ryabkov")),
        ("The idea was first floated by Putin at the summit.",
         "The idea was first floated by Lukashenko at the summit.",
         ("Putin", "Lukashenko", "offered by different people: Putin vs Lukashenko")),
    ],
)  # fmt: skip
def test_different_attribution_is_flagged(a: str, b: str, expected: tuple[str, str, str]) -> None:
    assert [(f[1], f[2], f[3]) for f in flags(a, b) if f[0] == "name"] == [expected]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the source told the newspaper", "one of Kommersant’s interlocutors said"),
        ("an unnamed CSTO source told Kommersant",
         "A Kommersant source in the CSTO structures insists"),
        ("Sergei Lavrov announced that the mission failed",
         "Sergey Lavrov said the mission failed"),
        # Two quotations of a loose match: different speakers, different claims.
        ("“Russia and the US share an interest,” says Edward Erickson, a former officer.",
         "Russian Foreign Minister Sergey Lavrov said war games aimed to prevent a spillover."),
        ("But it’s notable that Putin did not object to it,” Bryza says.",
         "Kommersant’s sources in the Russian government insist that Putin sought to help."),
        ("Kommersant cited its sources as saying the bases have drones",
         "according to Kommersant’s sources, drones are at both bases"),
    ],
)  # fmt: skip
def test_same_or_incomparable_attribution_is_not_flagged(a: str, b: str) -> None:
    assert [f for f in flags(a, b) if f[0] == "name"] == []


# --- hedging (kind "negation") ---


def test_a_hedge_against_a_plain_statement_is_flagged() -> None:
    got = flags("Putin reportedly offered the bases to Biden.", "Putin offered the bases to Biden.")
    assert got == [
        ("negation", "reportedly", "offered",
         "one outlet hedges ('reportedly') what the other states as fact ('offered')"),
    ]  # fmt: skip


def test_unnamed_sources_against_a_plain_statement_is_flagged() -> None:
    a = "The idea was first floated by President Vladimir Putin during the summit in Geneva."
    b = "According to informed sources, Vladimir Putin offered an alternative at the Geneva summit."
    got = [(f[0], f[1], f[2]) for f in flags(a, b)]
    assert ("negation", "floated", "According to informed sources") in got


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Putin reportedly offered the bases.", "Putin allegedly offered the bases."),
        ("Putin reportedly offered the bases.", "Reuters said Putin offered the bases."),
        # A rewrite's "reportedly" is faithful to the outlet's own scoop.
        ("Russia reportedly offered the bases.",
         "Moscow, as Kommersant learned, offered the bases."),
        # Modal verbs are forecasts here, not hedges.
        ("mutual suspicions may scupper the offer", "mutual suspicions scupper the offer"),
    ],
)  # fmt: skip
def test_hedges_that_agree_are_not_flagged(a: str, b: str) -> None:
    assert [f for f in flags(a, b) if f[0] == "negation"] == []


def test_doubt_against_an_outlets_own_scoop_is_flagged() -> None:
    a = "Bryza calls the Biden-Putin discussions over using Russian bases ”rumours”."
    b = "Moscow, as Kommersant learned, offered Washington an alternative – to use Russian bases."
    got = [(f[0], f[1], f[2]) for f in flags(a, b)]
    assert got == [("negation", "rumours", "offered")]


# --- legal and institutional terms ---


@pytest.mark.parametrize(
    ("a", "b", "a_value", "b_value"),
    [
        ("Putin signed a decree banning the bases", "Putin signed a law banning the bases",
         "decree", "law"),
        ("the Duma approved the deal on Friday", "the ministry approved the deal on Friday",
         "Duma", "ministry"),
        ("Uzbekistan has cited the national defense doctrine to ban foreign bases",
         "Uzbekistan has enshrined in the Constitution the principle of banning foreign bases",
         "doctrine", "Constitution"),
    ],
)  # fmt: skip
def test_different_terms_of_one_class_are_flagged(
    a: str, b: str, a_value: str, b_value: str
) -> None:
    got = [f for f in flags(a, b) if f[0] == "name"]
    assert [(f[1], f[2]) for f in got] == [(a_value, b_value)]
    assert got[0][3].startswith("different legal or institutional terms: ")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("members of the Collective Security Treaty Organization agreed",
         "members of the CSTO agreed"),  # a name, not a term
        ("the ministry issued a decree", "the ministry issued a decree on Friday"),
        ("parliament passed the law", "the parliament passed the bill's law"),
    ],
)  # fmt: skip
def test_same_or_named_terms_are_not_flagged(a: str, b: str) -> None:
    assert [f for f in flags(a, b) if f[0] == "name"] == []


def test_a_hedge_on_another_claim_is_not_flagged() -> None:
    a = "The idea was first floated by President Vladimir Putin during his summit with Biden."
    b = "Sergei Ryabkov supposedly conveyed a message to Washington during Putin's summit."
    assert [f for f in flags(a, b) if f[0] == "negation"] == []


def test_lists_in_one_change_block_but_different_settings_are_not_flagged() -> None:
    a = "Putin had even offered Russian bases in Tajikistan and Kyrgyzstan, albeit for limited use."
    b = "they need military facilities on the territory of Tajikistan and Uzbekistan to be near."
    assert [f for f in flags(a, b) if f[0] == "place"] == []


def test_outlets_behind_different_claims_are_not_flagged() -> None:
    a = "Drones collected data, Kommersant cited its sources as saying."
    b = "A July 17 Reuters article reported that Putin had even offered the bases."
    assert [f for f in flags(a, b) if f[0] == "name"] == []


@pytest.mark.parametrize(
    ("a", "b", "a_date", "b_date", "expected"),
    [
        ("the ministry met the envoy on March 3 in Tashkent",
         "the ministry met the envoy on March 13 in Tashkent", "", "",
         ("March 3", "March 13")),
        ("the envoy visited Tashkent earlier this month", "the envoy visited Tashkent in June",
         "2021-07-19", "2021-07-17", ("this month", "June")),
        ("the envoy visited Tashkent yesterday", "the envoy visited Tashkent on July 8",
         "2021-07-17", "2021-07-17", ("yesterday", "July 8")),
    ],
)  # fmt: skip
def test_days_and_months_that_differ_are_flagged(
    a: str, b: str, a_date: str, b_date: str, expected: tuple[str, str]
) -> None:
    assert [(f[0], f[1], f[2]) for f in flags(a, b, a_date, b_date)] == [("date", *expected)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Moscow told its allies they are not in the mood to help the US",
         "Moscow told its allies they are in talks to help the US"),
        ("War games are not the only manifestation of hostility toward Russia.",
         "If the Americans are only interested in monitoring the situation toward Russia."),
    ],
)  # fmt: skip
def test_a_negated_function_word_is_not_a_negated_claim(a: str, b: str) -> None:
    assert [f for f in flags(a, b) if f[0] == "negation"] == []


def test_world_order_is_not_a_legal_act() -> None:
    a = "politics moves from the unipolar world order to a multipolar system"
    b = "Russia must comply with international law and its obligations"
    assert [f for f in flags(a, b) if f[0] == "name"] == []


# --- what a reader calls each disagreement (Flag.topic), beside the contract's kind ---


@pytest.mark.parametrize(
    ("a", "b", "kind", "topic"),
    [
        ("Putin reportedly offered the bases to Biden.", "Putin offered the bases to Biden.",
         "negation", "hedging"),
        ("Putin did not offer the bases to Biden.", "Putin offered the bases to Biden.",
         "negation", ""),
        ("“We will not allow it,” Lavrov said.", "“We will not allow it,” Ryabkov said.",
         "name", "attribution"),
        ("Putin signed a decree banning the bases", "Putin signed a law banning the bases",
         "name", "legal term"),
        ("Troops arrived in Kabul on March 3.", "Troops arrived in Kabul on March 13.",
         "date", ""),
    ],
)  # fmt: skip
def test_each_flag_says_what_kind_of_disagreement_it_is(
    a: str, b: str, kind: str, topic: str
) -> None:
    found = flags_for_pair(a, b)
    assert [(f.kind, f.topic) for f in found] == [(kind, topic)]


def test_the_label_shown_is_the_topic_and_the_json_kind_stays_the_contracts() -> None:
    a = "Putin reportedly offered the bases to Biden at the Geneva summit."
    b = "Putin offered the bases to Biden at the Geneva summit."
    docs = [
        Document(document_id(t), name, name, "", "", "en", f"{name}.txt", t)
        for name, t in (("a", a), ("b", b))
    ]
    match = Match(Span(docs[0].id, 0, len(a)), Span(docs[1].id, 0, len(b)), 80.0, "close")
    alignment = Alignment(docs, {}, [match], [])
    (flag,) = find_flags(alignment)
    assert (flag.kind, flag_label(flag)) == ("negation", "hedging")
    row = flags_json(alignment, [flag], ["a.txt", "b.txt"])["flags"][0]
    assert row["kind"] == "negation" and "topic" not in row

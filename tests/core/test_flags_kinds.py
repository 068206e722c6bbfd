"""flags_for_pair, kind by kind: what must be flagged and what must not."""

from __future__ import annotations

import pytest

from app.core.flags import RawFlag, flags_for_pair


def values(a: str, b: str) -> list[tuple[str, str, str]]:
    """(kind, a_value, b_value) of every flag, checking the offsets point at the values."""
    flags = flags_for_pair(a, b)
    for f in flags:
        assert a[f.a_start : f.a_end] == f.a_value
        assert b[f.b_start : f.b_end] == f.b_value
    return [(f.kind, f.a_value, f.b_value) for f in flags]


# --- numbers and quantities ---


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("host up to 10 thousand Afghans", "host up to 100 thousand Afghans",
         ("number", "10 thousand", "100 thousand")),
        ("signed a deal for two air bases", "signed a deal for three air bases",
         ("number", "two", "three")),
        ("a loan of 1,200 tonnes of grain", "a loan of 1,500 tonnes of grain",
         ("quantity", "1,200 tonnes", "1,500 tonnes")),
        ("the $50 billion loan agreed in Puglia", "the $20 billion loan agreed in Puglia",
         ("quantity", "$50 billion", "$20 billion")),
        ("page views rose by 133% this year", "page views rose by 33% this year",
         ("quantity", "133%", "33%")),
        ("twenty-five soldiers were killed", "twenty-two soldiers were killed",
         ("number", "twenty-five", "twenty-two")),
        ("around 145 kilometers north of the border", "around 154 kilometers north of the border",
         ("quantity", "145 kilometers", "154 kilometers")),
    ],
)  # fmt: skip
def test_numbers_that_differ_are_flagged(a: str, b: str, expected: tuple[str, str, str]) -> None:
    assert values(a, b) == [expected]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("signed a deal for two air bases", "signed a deal for 2 air bases"),
        ("host up to 10,000 Afghans", "host up to 10 thousand Afghans"),
        ("a $1.2 million grant", "a $1,200,000 grant"),
        ("a dozen drones were sent", "12 drones were sent"),
        ("1.23 million people fled", "1.2 million people fled"),  # rounding, not a contradiction
        ("the loan of $50 billion", "the loan of 50 billion dollars"),
        ("133% more views", "133 percent more views"),
        ("twenty-five soldiers", "25 soldiers"),
    ],
)
def test_equivalent_numbers_are_not_flagged(a: str, b: str) -> None:
    assert values(a, b) == []


def test_a_number_without_counterpart_is_not_flagged() -> None:
    a = "The United States asked to host 10 thousand Afghans in the region."
    b = "The United States asked to host Afghans in the region."
    assert values(a, b) == []


def test_numbers_in_different_units_are_not_paired() -> None:
    assert values("it lies 145 km away", "it lies 90 miles away") == []


def test_pronoun_one_is_not_a_number() -> None:
    assert values("one of the two key words", "only one of the key words") == []


def test_a_year_is_a_date_not_a_number() -> None:
    assert values("expelled in 2005", "expelled in 2009") == [("date", "2005", "2009")]


# --- dates ---


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kommersant on July 17 cited sources", "Kommersant on July 19 cited sources",
         ("July 17", "July 19")),
        ("the summit in Geneva on June 16, 2021", "the summit in Geneva on June 6, 2021",
         ("June 16, 2021", "June 6, 2021")),
        ("the attacks of 2001 changed it", "the attacks of 2005 changed it", ("2001", "2005")),
        ("the meeting on 2021-07-17 ended", "the meeting on 2021-07-19 ended",
         ("2021-07-17", "2021-07-19")),
        ("the talks on Friday ended", "the talks on Monday ended", ("Friday", "Monday")),
        ("the base closed in March 2014", "the base closed in June 2014",
         ("March 2014", "June 2014")),
        ("on 17 July Moscow offered", "on 19 July Moscow offered", ("17 July", "19 July")),
    ],
)  # fmt: skip
def test_dates_that_differ_are_flagged(a: str, b: str, expected: tuple[str, str]) -> None:
    assert values(a, b) == [("date", *expected)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the attacks of Sept. 11, 2001", "the attacks of September 11, 2001"),
        ("the attacks of Sep 11", "the attacks of September 11th"),
        ("the summit on June 16, 2021", "the summit on June 16"),
        ("on 17 July 2021", "on July 17, 2021"),
        ("the summit in June", "the summit on June 16"),
        ("you may see it", "you might see it"),  # "may" is a verb here
    ],
)
def test_equivalent_dates_are_not_flagged(a: str, b: str) -> None:
    assert values(a, b) == []


def test_a_moved_date_still_pairs_when_it_is_the_only_one() -> None:
    a = "On July 17 Kommersant cited unnamed sources."
    b = "Kommersant cited unnamed sources on July 19."
    assert values(a, b) == [("date", "July 17", "July 19")]


# --- places ---


def test_different_places_in_corresponding_positions_are_flagged() -> None:
    a = "use Russian bases in Tajikistan and Kyrgyzstan to control the situation"
    b = "use Russian bases in Tajikistan and Uzbekistan to control the situation"
    assert values(a, b) == [("place", "Kyrgyzstan", "Uzbekistan")]


def test_different_cities_are_flagged() -> None:
    a = "the conference in Tashkent discussed the prospects"
    b = "the conference in Almaty discussed the prospects"
    assert values(a, b) == [("place", "Tashkent", "Almaty")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the U.S. request to deploy bases", "the United States request to deploy bases"),
        ("bases in the US and in Britain", "bases in America and in the UK"),
        ("Moscow offered Washington an alternative", "Russia offered Washington an alternative"),
        ("bases in Kyrgyzstan and Tajikistan", "bases in Tajikistan and Kyrgyzstan"),
    ],
)
def test_equivalent_places_are_not_flagged(a: str, b: str) -> None:
    assert values(a, b) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a Nice idea, Reading said", "a Split idea, Mobile said"),  # words that are also cities
        ("the Washington Post reported", "the Moscow Times reported"),  # outlets, not places
    ],
)
def test_city_lookalikes_are_not_places(a: str, b: str) -> None:
    assert [v for v in values(a, b) if v[0] == "place"] == []


# --- names ---


def test_different_people_are_flagged() -> None:
    a = "Russian Foreign Minister Sergei Lavrov said in a speech"
    b = "Russian Foreign Minister Sergei Ryabkov said in a speech"
    assert values(a, b) == [("name", "Sergei Lavrov", "Sergei Ryabkov")]


def test_a_single_surname_mid_sentence_is_a_name() -> None:
    a = "At the summit, Putin offered an alternative."
    b = "At the summit, Biden offered an alternative."
    assert values(a, b) == [("name", "Putin", "Biden")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Foreign Minister Sergei Lavrov said", "Foreign Minister Sergey Lavrov said"),
        ("the minister, Lavrov, said", "the minister, Sergei Lavrov, said"),
        ("President Joe Biden began", "President Joseph Biden began"),
        ("Putin offered it to Biden", "Putin offered it to Joe Biden"),
    ],
)
def test_name_variants_are_not_flagged(a: str, b: str) -> None:
    assert values(a, b) == []


def test_organisations_titles_and_sentence_starts_are_not_names() -> None:
    a = "However, the Kremlin said NATO and the CSTO had met."
    b = "Meanwhile, the Pentagon said NATO and the CSTO had met."
    assert [v for v in values(a, b) if v[0] == "name"] == []


# --- negation ---


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("President Putin did not object to Uzbekistan basing US allies",
         "President Putin objected to Uzbekistan basing US allies",
         ("did not object", "objected")),
        ("to state that no foreign military base could be permitted on Uzbek soil",
         "to state that a foreign military base could be permitted on Uzbek soil",
         ("no foreign", "a foreign")),
        ("the Kremlin never commented on the report", "the Kremlin commented on the report",
         ("never commented", "commented")),
        ("Washington didn't accept the proposal", "Washington accepted the proposal",
         ("didn't accept", "accepted")),
    ],
)  # fmt: skip
def test_one_sided_negation_is_flagged(a: str, b: str, expected: tuple[str, str]) -> None:
    assert values(a, b) == [("negation", *expected)]
    # and the other way round, with the sides swapped
    assert values(b, a) == [("negation", expected[1], expected[0])]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Putin did not object to the plan", "Putin did not object to the plan"),
        ("Putin did not object to the plan", "Putin never objected to the plan"),
        ("this is not only a matter of bases", "this is a matter of bases"),
        ("Moscow did not comment on the report", "Moscow did not comment on it"),
    ],
)
def test_negation_on_both_sides_is_not_flagged(a: str, b: str) -> None:
    assert values(a, b) == []


# --- several kinds, nothing, dedupe ---


def test_several_flags_in_one_pair_come_in_text_order() -> None:
    a = "On July 17 Sergei Lavrov said 10 thousand Afghans could go to Kyrgyzstan."
    b = "On July 19 Sergei Ryabkov said 100 thousand Afghans could go to Uzbekistan."
    assert values(a, b) == [
        ("date", "July 17", "July 19"),
        ("name", "Sergei Lavrov", "Sergei Ryabkov"),
        ("number", "10 thousand", "100 thousand"),
        ("place", "Kyrgyzstan", "Uzbekistan"),
    ]


def test_identical_passages_have_no_flags() -> None:
    text = "On July 17 Sergei Lavrov said 10 thousand Afghans could not go to Kyrgyzstan."
    assert values(text, text) == []


def test_flags_are_unique() -> None:
    flags: list[RawFlag] = flags_for_pair("in 2001 and 2001", "in 2005 and 2005")
    keys = [(f.kind, f.a_start, f.b_start) for f in flags]
    assert len(keys) == len(set(keys)) == 2


def test_a_moved_number_pairs_only_when_it_counts_the_same_thing() -> None:
    a = "Washington asked them to host up to 10 thousand Afghans who collaborated with NATO"
    b = "Up to 100 thousand Afghans who collaborated with NATO could be hosted, Washington asked"
    assert values(a, b) == [("number", "10 thousand", "100 thousand")]
    c = "Washington asked them to host Afghans who collaborated with NATO; 100 thousand people fled"
    assert values(a, c) == []


def test_cannot_and_adverbs_are_handled() -> None:
    assert values(
        "This cannot be believed, the source said.", "This can be believed, the source said."
    ) == [("negation", "cannot be believed", "believed")]
    a = "The Kremlin did not officially comment on this information."
    b = "The Kremlin officially commented on this information."
    assert values(a, b) == [("negation", "did not officially comment", "commented")]


def test_us_states_are_places() -> None:
    a = "the drones were flown from a base in Texas last year"
    b = "the drones were flown from a base in Nevada last year"
    assert values(a, b) == [("place", "Texas", "Nevada")]

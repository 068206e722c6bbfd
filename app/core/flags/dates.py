"""Dates in matched passages: "July 17", "17 July 2021", "Sept. 11, 2001", years, ISO dates,
weekdays. A date is a (year, month, day, weekday) tuple with None where the text is silent, so
"June 16" and "June 16, 2021" agree and "June 16" and "June 6" do not.

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from app.core.flags.common import (
    Block,
    Fact,
    RawFlag,
    Token,
    context,
    flag_from_pair,
    pair_facts,
    words,
)
from app.core.thresholds import FLAG_YEAR_MAX, FLAG_YEAR_MIN

DateValue = tuple[int | None, int | None, int | None, int | None]

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
    if len(token.text) == 4 and token.text.isdigit():
        year = int(token.text)
        if FLAG_YEAR_MIN <= year <= FLAG_YEAR_MAX:
            return year
    return None


def _day_of(token: Token) -> int | None:
    """The day of month a token like "17" or "17th" names, or None."""
    text = token.low
    if text[-2:] in _ORDINAL_SUFFIXES:
        text = text[:-2]
    if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 31:
        return int(text)
    return None


def month_of(token: Token) -> int | None:
    """The month a capitalised month name or abbreviation names, or None."""
    if not token.text[:1].isupper():
        return None
    return MONTHS.get(token.low)


def _at(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i] if 0 <= i < len(tokens) else None


def _month_date(tokens: Sequence[Token], i: int, month: int) -> tuple[int, DateValue, int]:
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


def _iso_date(token: Token) -> DateValue | None:
    text = token.text
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return (int(text[:4]), int(text[5:7]), int(text[8:]), None)
    return None


def _date_at(tokens: Sequence[Token], i: int) -> tuple[int, DateValue, int] | None:
    """The date starting at or around token i as (first, value, end), or None."""
    tok = tokens[i]
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


def _shares_field(x: Hashable, y: Hashable) -> bool:
    """Two dates can be compared when they state at least one field in common."""
    assert isinstance(x, tuple) and isinstance(y, tuple)
    return any(p is not None and q is not None for p, q in zip(x, y, strict=True))


def _agree(x: Hashable, y: Hashable) -> bool:
    """No field stated by both dates differs."""
    assert isinstance(x, tuple) and isinstance(y, tuple)
    return all(p is None or q is None or p == q for p, q in zip(x, y, strict=True))


def date_flags(
    a_text: str,
    b_text: str,
    tokens: tuple[Sequence[Token], Sequence[Token]],
    facts: tuple[list[Fact], list[Fact]],
    blocks: Sequence[Block],
) -> list[RawFlag]:
    """Flags for dates that stand in corresponding positions and disagree.

    Outside a shared change block, two dates pair only when they share a content word nearby
    ("summit ... in July in Geneva" / "the June 16 summit in Geneva"): a moved date is still the
    same fact, but a report's own date ("a July 17 article") is not the event's.
    """

    def anchored(fa: Fact, fb: Fact) -> bool:
        if not _shares_field(fa.value, fb.value):
            return False
        return bool(context(tokens[0], fa) & context(tokens[1], fb))

    def same(x: Hashable, y: Hashable) -> bool:
        return x == y

    pairs = pair_facts(facts[0], facts[1], blocks, same, _shares_field, anchored)
    return [
        flag_from_pair("date", a_text, b_text, p, "dates")
        for p in pairs
        if not _agree(p[0].value, p[1].value)
    ]

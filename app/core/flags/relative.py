"""Relative dates ("last week", "yesterday", "on Friday", "this month") resolved against the
article's own date, as ranges of days.

An article's date may be a day ("2021-07-19") or only a month ("2021-07"); then every day of
that month may be the article's day, and a relative date is the union of its readings. Two
dates contradict each other only when their ranges do not overlap.

A range is a (first, last) pair of `datetime.date`, both included.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from app.core.flags.common import Token

DayRange = tuple[date, date]

# (first word, second word) -> the canonical key `resolve` understands; None: any first word.
_PHRASES: dict[tuple[str | None, str], str] = {
    ("last", "week"): "last week", ("past", "week"): "last week", ("this", "week"): "this week",
    ("next", "week"): "next week", ("last", "month"): "last month",
    ("this", "month"): "this month", ("next", "month"): "next month",
    ("last", "year"): "last year", ("this", "year"): "this year", ("next", "year"): "next year",
    ("the", "weekend"): "weekend", ("last", "weekend"): "weekend",
    ("this", "weekend"): "weekend", (None, "yesterday"): "yesterday",
}  # fmt: skip


def relative_at(tokens: Sequence[Token], i: int) -> tuple[str, int, int] | None:
    """The relative date phrase at token i as (key, first, end), or None."""
    low = tokens[i].low
    if (None, low) in _PHRASES:
        return _PHRASES[(None, low)], i, i + 1
    if i + 1 < len(tokens) and (low, tokens[i + 1].low) in _PHRASES:
        first = i + 1 if low == "the" else i  # "over the weekend": show "weekend"
        return _PHRASES[(low, tokens[i + 1].low)], first, i + 2
    return None


def doc_range(iso: str) -> DayRange | None:
    """The days an article's date ("2021-07-19", "2021-07" or "2021") may stand for, or None."""
    parts = iso.strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts if p]
        if len(nums) >= 3:
            day = date(nums[0], nums[1], nums[2])
            return day, day
        if len(nums) == 2:
            return month_range(nums[0], nums[1])
        if len(nums) == 1:
            return date(nums[0], 1, 1), date(nums[0], 12, 31)
    except ValueError:
        return None
    return None


def month_range(year: int, month: int) -> DayRange:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _on(key: str, day: date) -> DayRange:
    """The range a relative date names when the article is dated `day`."""
    monday = day - timedelta(days=day.weekday())
    if key == "yesterday":
        return day - timedelta(days=1), day - timedelta(days=1)
    if key.startswith("weekday:"):  # the last such weekday on or before the article's day
        back = (day.weekday() - int(key[8:])) % 7
        return day - timedelta(days=back), day - timedelta(days=back)
    if key == "weekend":  # the last weekend on or before the article's day
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1)
    weeks = {"last week": -7, "this week": 0, "next week": 7}
    if key in weeks:
        first = monday + timedelta(days=weeks[key])
        return first, first + timedelta(days=6)
    months = {"last month": -1, "this month": 0, "next month": 1}
    if key in months:
        return month_range(*_shift_month(day, months[key]))
    year = day.year + {"last year": -1, "this year": 0, "next year": 1}[key]
    return date(year, 1, 1), date(year, 12, 31)


def resolve(key: str, doc: DayRange) -> DayRange:
    """Every day a relative date may name for an article dated anywhere in `doc`."""
    return _on(key, doc[0])[0], _on(key, doc[1])[1]


def absolute_range(
    fields: tuple[int | None, int | None, int | None], doc: DayRange | None
) -> DayRange | None:
    """The days "June 16" / "July" / "2021" stand for; the year comes from the article when the
    text omits it. None when it cannot be known (no year, no article date; a bad day)."""
    year, month, day = fields
    if year is None:
        if doc is None or month is None:
            return None
        year = doc[0].year
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return month_range(year, month)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def overlap(x: DayRange, y: DayRange) -> bool:
    """True when two day ranges share at least one day."""
    return x[0] <= y[1] and y[0] <= x[1]


def describe(span: DayRange) -> str:
    """A day range as a reader writes it: "16 Jul 2021" or "12 Jul 2021 – 18 Jul 2021"."""
    first, last = (f"{d.day} {calendar.month_abbr[d.month]} {d.year}" for d in span)
    return first if first == last else f"{first} – {last}"

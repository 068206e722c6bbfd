"""Units of measure for number flags: which word names which unit, and how to convert.

"145 kilometers" and "90 miles" are one distance; they are compared after conversion to a
common base unit (metres, kilograms), within FLAG_UNIT_TOLERANCE, since a rewrite that converts
units rounds. Currencies are never converted (no exchange rate is known for the article's day):
"$50 billion" pairs only with another dollar sum.
"""

from __future__ import annotations

from fractions import Fraction

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
# Words after a number that name its unit; spelling variants share one unit name.
UNIT_WORDS: dict[str, str] = {
    "%": "percent", "percent": "percent", "pct": "percent",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "rubles": "RUB", "roubles": "RUB",
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km",
    "miles": "mile", "mile": "mile", "meters": "m", "metres": "m", "meter": "m", "metre": "m",
    "tons": "tonne", "tonnes": "tonne", "ton": "tonne", "tonne": "tonne", "kg": "kg",
    "kilograms": "kg", "kilogram": "kg", "lb": "lb", "lbs": "lb",
}  # fmt: skip
# unit -> (dimension, size in the dimension's base unit: metres, kilograms).
_MEASURES: dict[str, tuple[str, Fraction]] = {
    "m": ("distance", Fraction(1)),
    "km": ("distance", Fraction(1000)),
    "mile": ("distance", Fraction(1_609_344, 1000)),
    "kg": ("weight", Fraction(1)),
    "tonne": ("weight", Fraction(1000)),
    "lb": ("weight", Fraction(45_359_237, 100_000_000)),
}
# What a flag's reason calls two values of a dimension ("distances differ: ...").
_PLURALS = {"distance": "distances", "weight": "weights", "percent": "percentages"}
# How the reason writes a unit after a converted value ("72 km").
_SYMBOLS = {"m": "m", "km": "km", "mile": "miles", "kg": "kg", "tonne": "tonnes", "lb": "lb"}


def dimension(unit: str) -> str:
    """What a unit measures: "distance", "weight", "percent", a currency code, or "" (a count)."""
    return _MEASURES[unit][0] if unit in _MEASURES else unit


def convertible(unit: str, other: str) -> bool:
    """True when two units measure the same thing (and so may be compared)."""
    return dimension(unit) == dimension(other)


def convert(value: Fraction, unit: str, to: str) -> Fraction:
    """`value` in `unit` expressed in unit `to`; both must be convertible (same dimension)."""
    if unit == to or unit not in _MEASURES:
        return value
    return value * _MEASURES[unit][1] / _MEASURES[to][1]


def plural(unit: str) -> str:
    """The noun a reason uses for values in this unit ("distances", "sums", "quantities")."""
    dim = dimension(unit)
    if dim in _PLURALS:
        return _PLURALS[dim]
    return "sums" if unit in set(CURRENCY_SIGNS.values()) | {"RUB"} else "quantities"


def written(value: Fraction, unit: str) -> str:
    """A converted value as a reader writes it, with its symbol: whole from 10 up ("72 km"),
    two significant digits below ("0.5 tonnes")."""
    shown = f"{round(value):,}" if abs(value) >= 10 else f"{float(value):.2g}"
    return f"{shown} {_SYMBOLS.get(unit, unit)}"

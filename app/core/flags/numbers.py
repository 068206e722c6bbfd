"""Numbers and quantities in matched passages: "1,200", "1.2", "two", "twenty-five", "a dozen",
"5 thousand", "$50 billion", "12%". Values are compared, not strings: "two"/"2" and
"10,000"/"10 thousand" agree, "10 thousand"/"100 thousand" do not. A number with a unit
(currency, percent, a measure) is a quantity and pairs only with one in the same unit.

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from app.core.flags.common import (
    FUNCTION_WORDS,
    Compare,
    Fact,
    Passages,
    RawFlag,
    Token,
    fact_flags,
    words,
)
from app.core.flags.dates import year_of
from app.core.flags.units import (
    CURRENCY_SIGNS,
    UNIT_WORDS,
    convert,
    convertible,
    plural,
    written,
)
from app.core.thresholds import FLAG_UNIT_TOLERANCE

_UNITS_WORDS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = words("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS_WORDS)}
WORD_NUMBERS.update({w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)})
WORD_NUMBERS["dozen"] = 12
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# "one" is a pronoun as often as a number ("one of the", "the one"): not a number there.
_ONE_BEFORE = frozenset({"the", "this", "that", "which", "no", "any", "every", "each", "only"})
_ONE_AFTER = frozenset({"of", "another", "day", "side", "way"})


@dataclass(frozen=True)
class Amount:
    """A number's exact value, its rounding step (half of it is tolerated) and its unit."""

    value: Fraction
    step: Fraction
    unit: str


def _digits_value(text: str) -> tuple[Fraction, Fraction] | None:
    """Value and rounding step of "1,200", "1.25" or "17th"; None when it is not a number."""
    if text[-2:].isalpha():
        text = text[:-2]
    whole, _, frac = text.replace(",", "").partition(".")
    if "," in text and any(len(g) != 3 for g in text.split(".")[0].split(",")[1:]):
        return None  # "1,2" is not an English thousands separator
    if not whole.isdecimal() or (frac and not frac.isdecimal()) or text.count(".") > 1:
        return None
    step = Fraction(1, 10 ** len(frac))
    return Fraction(whole + ("." + frac if frac else "")), step


def _word_value(tokens: Sequence[Token], i: int) -> tuple[Fraction, int] | None:
    """Value of a spelled number at i ("two", "twenty-five", "a dozen"); returns (value, end)."""
    low = tokens[i].low
    if low == "a" and i + 1 < len(tokens) and tokens[i + 1].low == "dozen":
        return Fraction(12), i + 2
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS[1:10]:
        return Fraction(WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]]), i + 1
    if low not in WORD_NUMBERS or (low == "dozen" and i > 0 and tokens[i - 1].low == "a"):
        return None
    if low == "one" and not _one_is_number(tokens, i):
        return None
    return Fraction(WORD_NUMBERS[low]), i + 1


def _one_is_number(tokens: Sequence[Token], i: int) -> bool:
    before = tokens[i - 1].low if i > 0 else ""
    after = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return before not in _ONE_BEFORE and after not in _ONE_AFTER


def _core_at(tokens: Sequence[Token], i: int) -> tuple[Fraction, Fraction, int] | None:
    """The bare number at token i as (value, step, end), before any scale or unit."""
    tok = tokens[i]
    if tok.text[:1].isdecimal():
        if year_of(tok) is not None:
            return None  # a year is a date
        parsed = _digits_value(tok.text)
        return None if parsed is None else (parsed[0], parsed[1], i + 1)
    spelled = _word_value(tokens, i)
    return None if spelled is None else (spelled[0], Fraction(1), spelled[1])


def _number_at(tokens: Sequence[Token], i: int) -> tuple[int, Amount, int] | None:
    """The number phrase at token i ("$ 1.2 billion", "12 %") as (first, amount, end)."""
    first, unit = i, ""
    if tokens[i].text in CURRENCY_SIGNS and i + 1 < len(tokens):
        unit, i = CURRENCY_SIGNS[tokens[i].text], i + 1
    core = _core_at(tokens, i)
    if core is None:
        return None
    value, step, j = core
    if j < len(tokens) and tokens[j].low in SCALES:
        scale = SCALES[tokens[j].low]
        value, step, j = value * scale, step * scale, j + 1
    if j < len(tokens) and tokens[j].low in UNIT_WORDS and not unit:
        unit, j = UNIT_WORDS[tokens[j].low], j + 1
    return first, Amount(value, step, unit), j


def extract_numbers(tokens: Sequence[Token], taken: Collection[int] = ()) -> list[Fact]:
    """Every number phrase in a token list, skipping token indexes in `taken` (dates)."""
    facts: list[Fact] = []
    i = 0
    while i < len(tokens):
        found = None if i in taken else _number_at(tokens, i)
        if found is None:
            i += 1
            continue
        first, amount, end = found
        if any(k in taken for k in range(first, end)):  # runs into a date: not a count
            i += 1
            continue
        facts.append(Fact(first, end, tokens[first].start, tokens[end - 1].end, amount))
        i = end
    return facts


def _counted(tokens: Sequence[Token], fact: Fact) -> str | None:
    """The word a number counts: the first content word right after it, or None."""
    for tok in tokens[fact.last : fact.last + 2]:
        if tok.low not in FUNCTION_WORDS:
            return tok.low if tok.low.isalpha() else None
    return None


def _amount(x: Hashable) -> Amount:
    assert isinstance(x, Amount)
    return x


def _agree(x: Hashable, y: Hashable) -> bool:
    """Equal within the coarser rounding ("1.2 million" agrees with "1,234,567"); in different
    units of one measure, within FLAG_UNIT_TOLERANCE after conversion ("145 km" / "90 miles")."""
    p, q = _amount(x), _amount(y)
    if p.unit != q.unit:
        if not convertible(p.unit, q.unit):
            return False
        other = convert(q.value, q.unit, p.unit)
        return abs(p.value - other) <= FLAG_UNIT_TOLERANCE * max(abs(p.value), abs(other))
    return abs(p.value - q.value) <= max(p.step, q.step) / 2


def _same_unit(x: Hashable, y: Hashable) -> bool:
    """Two amounts that measure the same thing: both counts, both distances, both in dollars."""
    return convertible(_amount(x).unit, _amount(y).unit)


def _describe(a_text: str, b_text: str) -> Callable[[Fact, Fact], str]:
    """The reason for two differing numbers, the second converted to the first one's unit."""

    def describe(fa: Fact, fb: Fact) -> str:
        p, q = _amount(fa.value), _amount(fb.value)
        a_value, b_value = a_text[fa.start : fa.end], b_text[fb.start : fb.end]
        what = plural(p.unit) if p.unit else "numbers"
        if p.unit != q.unit:
            shown = (written(p.value, p.unit), written(convert(q.value, q.unit, p.unit), p.unit))
            return f"{what} differ: {shown[0]} vs {shown[1]} ({b_value})"
        return f"{what} differ: {a_value} vs {b_value}"

    return describe


def number_flags(pair: Passages, facts: tuple[list[Fact], list[Fact]]) -> list[RawFlag]:
    """Flags for numbers that stand in corresponding positions and differ.

    Outside a shared change block, two numbers pair only when they measure the same thing (a
    count, a distance, a sum in one currency) and count the same thing: the first content word
    after each is the same ("10 thousand Afghans who ..." / "Afghans: up to 100 thousand
    Afghans"). Numbers are "number" flags, numbers with a unit "quantity" flags.
    """

    def anchored(fa: Fact, fb: Fact) -> bool:
        if not _same_unit(fa.value, fb.value):
            return False
        counted = _counted(pair.a, fa)
        return counted is not None and counted == _counted(pair.b, fb)

    compare = Compare(_agree, _same_unit)
    counts = fact_flags(
        "number", pair, facts, compare, _describe(pair.a_text, pair.b_text), anchored
    )
    return [replace(f, kind="quantity") if _has_unit(f, facts[0]) else f for f in counts]


def _has_unit(flag: RawFlag, a_facts: Sequence[Fact]) -> bool:
    return any(f.start == flag.a_start and _amount(f.value).unit for f in a_facts)

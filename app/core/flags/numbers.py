"""Numbers and quantities in matched passages: "1,200", "1.2", "two", "twenty-five", "a dozen",
"5 thousand", "$50 billion", "12%". Values are compared, not strings: "two"/"2" and
"10,000"/"10 thousand" agree, "10 thousand"/"100 thousand" do not. A number with a unit
(currency, percent, a measure) is a quantity and pairs only with one in the same unit.

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from app.core.flags.common import (
    FUNCTION_WORDS,
    Block,
    Fact,
    RawFlag,
    Token,
    flag_from_pair,
    pair_facts,
    words,
)
from app.core.flags.dates import year_of

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
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
# Words after a number that name its unit; spelling variants share one unit name.
UNIT_WORDS: dict[str, str] = {
    "%": "percent", "percent": "percent", "pct": "percent",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "rubles": "RUB", "roubles": "RUB",
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km",
    "miles": "mile", "mile": "mile", "meters": "m", "metres": "m", "meter": "m", "metre": "m",
    "tons": "tonne", "tonnes": "tonne", "ton": "tonne", "tonne": "tonne", "kg": "kg",
    "kilograms": "kg",
}  # fmt: skip
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
    if not whole.isdigit() or (frac and not frac.isdigit()) or text.count(".") > 1:
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
    if tok.text[:1].isdigit():
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
    """Equal within the coarser rounding: "1.2 million" agrees with "1,234,567"."""
    p, q = _amount(x), _amount(y)
    return abs(p.value - q.value) <= max(p.step, q.step) / 2


def _same_unit(x: Hashable, y: Hashable) -> bool:
    return _amount(x).unit == _amount(y).unit


def number_flags(
    a_text: str,
    b_text: str,
    tokens: tuple[Sequence[Token], Sequence[Token]],
    facts: tuple[list[Fact], list[Fact]],
    blocks: Sequence[Block],
) -> list[RawFlag]:
    """Flags for numbers that stand in corresponding positions and differ.

    Outside a shared change block, two numbers pair only when they carry the same unit (or
    none) and count the same thing: the first content word after each is the same
    ("10 thousand Afghans who ..." / "Afghans: up to 100 thousand Afghans").
    """
    a_facts, b_facts = facts

    def anchored(fa: Fact, fb: Fact) -> bool:
        if not _same_unit(fa.value, fb.value):
            return False
        counted = _counted(tokens[0], fa)
        return counted is not None and counted == _counted(tokens[1], fb)

    pairs = pair_facts(a_facts, b_facts, blocks, _agree, _same_unit, anchored)
    flags = []
    for pair in pairs:
        if _agree(pair[0].value, pair[1].value):
            continue
        quantity = bool(_amount(pair[0].value).unit)
        kind, what = ("quantity", "quantities") if quantity else ("number", "numbers")
        flags.append(flag_from_pair(kind, a_text, b_text, pair, what))
    return flags

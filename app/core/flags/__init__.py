"""Likely contradictions inside matched passages: numbers and quantities (units converted),
dates (relative dates resolved against each article's date), places (also inside coordinated
lists), names and attribution (who said or offered it), legal or institutional terms, negation
and hedging (DESIGN.md, "Flag"). Every flag carries both values, their spans and a reason in
plain words.

A flag means the two passages say the same thing but one fact differs. Flags are kept few and
precise: a value stated on one side only is a rewrite, not a contradiction; two values are
compared only when they stand in corresponding positions (the same word-diff change block, or
an unambiguous shared context: a neighbouring word, the thing a number counts).

Conventions: `flags_for_pair` returns offsets into the two passage texts; `find_flags` returns
spans with character offsets into each `Document.text`; ranges are half-open.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.flags.attribution import attribution_flags
from app.core.flags.common import (
    Compare,
    Fact,
    Passages,
    RawFlag,
    change_blocks,
    fact_flags,
    firm_blocks,
    tokenize,
)
from app.core.flags.dates import date_flags, extract_dates
from app.core.flags.family import indirect_pairs
from app.core.flags.hedging import hedging_flags
from app.core.flags.lists import place_flags
from app.core.flags.names import extract_names, same_person
from app.core.flags.negation import negation_flags
from app.core.flags.numbers import extract_numbers, number_flags
from app.core.flags.places import extract_places
from app.core.flags.terms import term_flags
from app.core.model import Alignment, Document, Flag, FlagKind, Span, flag_passages
from app.core.progress import CancelToken

__all__ = ["RawFlag", "find_flags", "flag_passages", "flags_for_pair"]


def _covered(facts: list[Fact]) -> set[int]:
    """Token indexes taken by facts, so later detectors do not read them again."""
    return {k for f in facts for k in range(f.first, f.last)}


def flags_for_pair(a_text: str, b_text: str, a_date: str = "", b_date: str = "") -> list[RawFlag]:
    """Compare two matched passages and return their likely contradictions.

    Args:
        a_text, b_text: the two passage texts.
        a_date, b_date: the articles' own dates (ISO "2021-07-19", "2021-07" or ""), against
            which relative dates ("last week") are resolved; "" leaves them unresolved.
    Returns:
        RawFlags ordered by position in `a_text`, deduplicated; offsets index the passage
        texts (half-open). Raises nothing.
    """
    a, b = tokenize(a_text), tokenize(b_text)
    pair = Passages(a_text, b_text, a, b, firm_blocks(change_blocks(a, b)), a_date, b_date)
    a_dates, b_dates = extract_dates(a), extract_dates(b)
    a_used = _covered(a_dates)
    b_used = _covered(b_dates)
    a_nums, b_nums = extract_numbers(a, a_used), extract_numbers(b, b_used)
    a_places, b_places = extract_places(a, a_text, a_used), extract_places(b, b_text, b_used)
    places = (a_places, b_places)
    a_used |= _covered(a_places)
    b_used |= _covered(b_places)
    names = (extract_names(a, a_text, a_used), extract_names(b, b_text, b_used))
    flags = [
        *date_flags(pair, (a_dates, b_dates)),
        *number_flags(pair, (a_nums, b_nums)),
        *place_flags(pair, places),
        *fact_flags("name", pair, names, Compare(same_person), "names"),
        *attribution_flags(pair, (_covered(a_places), _covered(b_places))),
        *term_flags(pair),
        *negation_flags(a_text, b_text, a, b, pair.blocks),
        *hedging_flags(pair),
    ]
    unique = {(f.kind, f.a_start, f.a_end, f.b_start, f.b_end): f for f in flags}
    return sorted(unique.values(), key=lambda f: (f.a_start, f.b_start, f.kind))


def _documents(alignment: Alignment) -> dict[str, Document]:
    return {doc.id: doc for doc in alignment.documents}


def _never() -> None:
    """The cancel check of a search nobody can cancel."""


def find_flags(alignment: Alignment, cancel: CancelToken | None = None) -> list[Flag]:
    """Likely contradictions inside every match of an alignment, then between the versions of
    one family that no match pairs directly (flags/family.py).

    Args:
        alignment: documents and matches; match spans index `Document.text`.
        cancel: checked before each match and each family pair, so that a closing window
            stops the search at once.
    Returns:
        Flags in match order, then the indirect ones in family order; each carries its match
        index and the spans (offsets into the document texts, half-open) of the two differing
        values; an indirect flag also carries the two passages it compared (`Flag.passages`).
        A difference already flagged between the same two values in the same places is not
        repeated.
    Raises:
        ValueError: a match names a document the alignment does not hold (a programming error).
        Cancelled: when `cancel` is triggered.
    """
    check = cancel.check if cancel is not None else _never
    docs = _documents(alignment)
    flags: list[Flag] = []
    for index, match in enumerate(alignment.matches):
        check()
        if match.a.doc_id not in docs or match.b.doc_id not in docs:
            raise ValueError(f"match {index} names a document missing from the alignment")
        flags.extend(_compare(docs, index, match.a, match.b, None))
    seen = {_where(f) for f in flags}
    for pair in indirect_pairs(alignment):
        check()
        for flag in _compare(docs, pair.match, pair.a, pair.b, (pair.a, pair.b)):
            if _where(flag) not in seen:
                seen.add(_where(flag))
                flags.append(flag)
    return flags


def _compare(
    docs: dict[str, Document],
    index: int,
    a: Span,
    b: Span,
    passages: tuple[Span, Span] | None,
) -> list[Flag]:
    """The flags between two passages, as Flags of match `index`."""
    da, db = docs[a.doc_id], docs[b.doc_id]
    raws = flags_for_pair(da.text[a.start : a.end], db.text[b.start : b.end], da.date, db.date)
    out = [_to_flag(raw, index, a, b) for raw in raws]
    if passages is None:
        return out
    return [replace(f, reason=f"{f.reason} {_INDIRECT}", passages=passages) for f in out]


# Said of an indirect flag, after its reason: the reader should know no match pairs the two.
_INDIRECT = "(linked through other outlets)"


def _where(flag: Flag) -> tuple[str, Span, Span]:
    """Kind and value places of a flag, the same whichever passage is `a`."""
    a, b = sorted((flag.a, flag.b), key=lambda s: (s.doc_id, s.start))
    return flag.kind, a, b


def _to_flag(raw: RawFlag, index: int, a: Span, b: Span) -> Flag:
    kind: FlagKind = raw.kind  # type: ignore[assignment]
    return Flag(
        kind=kind,
        match=index,
        a=Span(a.doc_id, a.start + raw.a_start, a.start + raw.a_end),
        b=Span(b.doc_id, b.start + raw.b_start, b.start + raw.b_end),
        a_value=raw.a_value,
        b_value=raw.b_value,
        reason=raw.reason,
        topic=raw.topic,
    )

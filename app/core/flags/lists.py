"""Place flags: different places in corresponding positions, and coordinated lists of places
compared as sets ("Tajikistan and Kyrgyzstan" / "Uzbekistan and Kyrgyzstan").

Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.flags.common import Compare, Fact, Passages, RawFlag, context, fact_flags
from app.core.flags.places import place_lists, same_place


def _leftovers(mine: list[Fact], theirs: list[Fact]) -> list[Fact]:
    return [f for f in mine if not any(same_place(f.value, o.value) for o in theirs)]


def _same_setting(pair: Passages, a_list: list[Fact], b_list: list[Fact]) -> bool:
    """Two lists say the same thing only when a content word around them is shared ("Russian
    air bases in ..." / "Russian military bases in ..."); "did not object to Uzbekistan and
    Kyrgyzstan" and "a presence in Tajikistan and Uzbekistan" are different facts."""
    a_span = Fact(a_list[0].first, a_list[-1].last, a_list[0].start, a_list[-1].end, None)
    b_span = Fact(b_list[0].first, b_list[-1].last, b_list[0].start, b_list[-1].end, None)
    return bool(context(pair.a, a_span) & context(pair.b, b_span))


def list_flags(pair: Passages, facts: tuple[Sequence[Fact], Sequence[Fact]]) -> list[RawFlag]:
    """Flags for coordinated place lists of one length that share a member but not all, and
    a content word around them.

    The order of a list is free ("Tajikistan and Kyrgyzstan" / "Kyrgyzstan and Tajikistan"),
    so the lists are compared as sets; the places one list names and the other does not are
    paired in order ("Uzbekistan and Kyrgyzstan" / "Tajikistan and Kyrgyzstan": Uzbekistan vs
    Tajikistan). Offsets index the passage texts (half-open).
    """
    flags: list[RawFlag] = []
    for a_list in place_lists(facts[0], pair.a_text):
        for b_list in place_lists(facts[1], pair.b_text):
            a_only, b_only = _leftovers(a_list, b_list), _leftovers(b_list, a_list)
            if len(a_list) != len(b_list) or not a_only or len(a_only) == len(a_list):
                continue
            if len(a_only) != len(b_only) or not _same_setting(pair, a_list, b_list):
                continue
            a_all = pair.a_text[a_list[0].start : a_list[-1].end]
            b_all = pair.b_text[b_list[0].start : b_list[-1].end]
            reason = f"the places listed differ: {a_all} vs {b_all}"
            for fa, fb in zip(a_only, b_only, strict=True):
                a_value, b_value = pair.a_text[fa.start : fa.end], pair.b_text[fb.start : fb.end]
                flags.append(
                    RawFlag("place", fa.start, fa.end, fb.start, fb.end, a_value, b_value, reason)
                )
    return flags


def place_flags(pair: Passages, facts: tuple[Sequence[Fact], Sequence[Fact]]) -> list[RawFlag]:
    """Flags for different places in corresponding positions, and inside coordinated lists.

    Two places that both belong to lists are left to `list_flags`, which compares the lists as
    sets and only in a shared setting: a change block alone would pair "Russian bases in
    Tajikistan and Kyrgyzstan" with "facilities on the territory of Tajikistan and Uzbekistan".
    """
    listed_a = {f.start for lst in place_lists(facts[0], pair.a_text) for f in lst}
    listed_b = {f.start for lst in place_lists(facts[1], pair.b_text) for f in lst}
    single = [
        f
        for f in fact_flags("place", pair, facts, Compare(same_place), "places")
        if not (f.a_start in listed_a and f.b_start in listed_b)
    ]
    return single + list_flags(pair, facts)

"""Attribution in matched passages: who said, reported or offered it.

"A July 17 Reuters article reported that Putin had offered ..." and "Moscow, as Kommersant
learned, offered ..." tell one fact but credit different outlets. A speaker is the run of name
words (capitalised, not a title, nationality or place) just before a reporting verb ("Sergei
Lavrov said", "as Kommersant learned"), just after "according to" / "citing" / a passive "by",
or right after a verb that follows a quotation ("...," said Sergei Lavrov).

Speakers are compared by role (the source that reports, the one who offers) and by type (an
outlet or anyone else): "Bryza says" against "Kommersant's sources insist" is two sources of
two types, not a contradiction. Offsets are character offsets into the passage text; ranges
are half-open.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from app.core.flags.common import FUNCTION_WORDS, Passages, RawFlag, Token, words
from app.core.flags.dates import MONTHS, WEEKDAYS
from app.core.flags.names import (
    NATIONALITY_WORDS,
    ORGANISATION_WORDS,
    TITLE_WORDS,
    same_person,
)
from app.core.thresholds import FLAG_SPEAKER_REACH

# Verbs whose subject is the source of a report.
# Verbs whose subject is the source of a report. Forms that are also common nouns ("reports",
# "claims", "notes", "states" as in "United States") are left out.
REPORTING_VERBS = frozenset(
    words("""said says say told tells reported announced stated claimed noted wrote writes
    insisted insists added adds confirmed cited cites learned learnt""")
)
# Verbs whose subject (or passive agent) made the offer the passages report.
OFFER_VERBS = frozenset(words("offered offers proposed proposes floated floats"))
# The claims these stories credit to someone, in the form an outlet states them ("offered").
# Not "suggested": it means "indicated" as often ("a conversation ... suggested that").
CLAIM_VERBS = frozenset(
    words("""offered proposed floated aired consented agreed allowed permitted approved
    invited""")
)
# Phrases whose object is the source: "according to X", "citing X".
_SOURCE_OPENERS = ("according", "citing")
# News outlets and agencies: a speaker holding one of these words is an outlet.
OUTLET_WORDS = frozenset(
    words("""reuters bloomberg kommersant tass interfax ria novosti afp ap associated press
    anadolu trt eurasianet times post journal guardian telegraph bbc cnn nbc abc cbs fox
    newspaper daily izvestia vedomosti rbc sputnik xinhua aljazeera jazeera""")
)
_QUOTE_END = ("”", '"', "’", "'")
_NOBODY = frozenset({"none", "nobody", "no", "neither", "nor", "everyone", "anyone"})
_BREAKS = ',;:.()“”"—–'  # a clause ends here: the speaker does not reach across


class Speaker(NamedTuple):
    """Who a passage credits: `role` ("source" or "offer"), whether an outlet, and where."""

    role: str
    outlet: bool
    names: tuple[str, ...]  # the name words, lower case
    start: int
    end: int


def _speaker_word(tok: Token, taken: Collection[int], k: int) -> bool:
    """A word that can name a speaker: capitalised or an acronym, not a title or a place."""
    low = tok.low
    if k in taken or not tok.text[:1].isupper():
        return False
    if low in MONTHS or low in WEEKDAYS or low in FUNCTION_WORDS or low in _NOBODY:
        return False
    return low not in TITLE_WORDS and low not in NATIONALITY_WORDS


def _run(
    tokens: Sequence[Token], text: str, indexes: range, taken: Collection[int], origin: int
) -> list[int]:
    """Speaker words among `indexes` (walked in order from token `origin`), stopping at a
    sentence or clause break."""
    found: list[int] = []
    prev = origin
    for k in indexes:
        lo, hi = sorted((prev, k))
        if any(c in text[tokens[lo].end : tokens[hi].start] for c in _BREAKS):
            break
        if _speaker_word(tokens[k], taken, k):
            found.append(k)
        prev = k
    return sorted(found)


def _make(role: str, tokens: Sequence[Token], found: list[int]) -> Speaker | None:
    if not found:
        return None
    names = tuple(tokens[k].low for k in found)
    outlet = any(n in OUTLET_WORDS for n in names)
    if not outlet and any(n in ORGANISATION_WORDS for n in names):
        return None  # "the Kremlin said": an institution, compared by no one here
    return Speaker(role, outlet, names, tokens[found[0]].start, tokens[found[-1]].end)


def _after_quote(tokens: Sequence[Token], text: str, k: int) -> bool:
    gap = text[tokens[k - 1].end : tokens[k].start] if k > 0 else ""
    return k == 0 or any(q in gap for q in _QUOTE_END)


def _speaker_of(tokens: Sequence[Token], text: str, k: int, taken: Collection[int]) -> list[int]:
    """Speaker words for the reporting/offer word or opener at index k."""
    low, n = tokens[k].low, len(tokens)
    if low in _SOURCE_OPENERS:
        return _run(tokens, text, range(k + 1, min(n, k + 1 + FLAG_SPEAKER_REACH)), taken, k)
    after = range(k + 1, min(n, k + 1 + FLAG_SPEAKER_REACH))
    if k + 1 < n and tokens[k + 1].low == "by":  # "was first floated by President Putin"
        return _run(tokens, text, range(k + 2, min(n, after.stop + 1)), taken, k + 1)
    if _after_quote(tokens, text, k):  # '..." said Sergei Lavrov'
        return _run(tokens, text, after, taken, k)
    before = range(k - 1, max(-1, k - 1 - FLAG_SPEAKER_REACH), -1)
    return _run(tokens, text, before, taken, k)


def speakers(tokens: Sequence[Token], text: str, taken: Collection[int] = ()) -> list[Speaker]:
    """Everyone a passage credits with a report or an offer; `taken`: place token indexes."""
    found: list[Speaker] = []
    for k, tok in enumerate(tokens):
        if tok.text[:1].isupper() and k > 0 and tok.low not in _SOURCE_OPENERS:
            continue  # a verb is lower case inside a sentence
        if tok.low in REPORTING_VERBS or tok.low in _SOURCE_OPENERS:
            role = "source"
        elif tok.low in OFFER_VERBS:
            role = "offer"
        else:
            continue
        speaker = _make(role, tokens, _speaker_of(tokens, text, k, taken))
        if speaker is not None:
            found.append(speaker)
    return found


def _same(x: Speaker, y: Speaker) -> bool:
    return set(x.names) & set(y.names) != set() or same_person(x.names, y.names)


def attribution_flags(
    pair: Passages, taken: tuple[Collection[int], Collection[int]]
) -> list[RawFlag]:
    """Flags where both passages credit a speaker of one role and type, and none in common.

    Args:
        pair: the two passages.
        taken: token indexes (places) on each side that name no speaker ("Moscow offered").
    Outlets are compared wherever they stand when both passages state the same kind of claim
    (an offer, a proposal: CLAIM_VERBS), since a report is credited once per passage. People,
    and outlets otherwise, are compared only inside one change block ("Lavrov said" / "Ryabkov
    said"): a loose match often pairs two different quotations or reports, whose sources differ
    without contradiction.

    Returns:
        At most one flag per role and type, between the first speakers compared.
    """
    a_all = speakers(pair.a, pair.a_text, taken[0])
    b_all = speakers(pair.b, pair.b_text, taken[1])
    claims = _states_claim(pair.a) and _states_claim(pair.b)
    flags: list[RawFlag] = []
    for role in ("source", "offer"):
        for outlet in (True, False):
            a_sp = [s for s in a_all if s.role == role and s.outlet == outlet]
            b_sp = [s for s in b_all if s.role == role and s.outlet == outlet]
            if not outlet or not claims:  # see attribution_flags: compare in one block only
                a_sp, b_sp = _in_one_block(pair, a_sp, b_sp)
            if not a_sp or not b_sp or any(_same(x, y) for x in a_sp for y in b_sp):
                continue
            flags.append(_flag(pair, a_sp[0], b_sp[0]))
    return flags


def _states_claim(tokens: Sequence[Token]) -> bool:
    return any(t.low in CLAIM_VERBS or t.low in OFFER_VERBS for t in tokens)


def _in_one_block(
    pair: Passages, a_sp: list[Speaker], b_sp: list[Speaker]
) -> tuple[list[Speaker], list[Speaker]]:
    """The first two speakers that stand in one change block, or two empty lists."""
    for blk in pair.blocks:
        lo_a, hi_a = _chars(pair.a, blk.a0, blk.a1)
        lo_b, hi_b = _chars(pair.b, blk.b0, blk.b1)
        in_a = [s for s in a_sp if lo_a <= s.start and s.end <= hi_a]
        in_b = [s for s in b_sp if lo_b <= s.start and s.end <= hi_b]
        if in_a and in_b:
            return in_a, in_b
    return [], []


def _chars(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """Character range [start, end) of tokens [first, last); empty when there are none."""
    if first >= last:
        return 0, 0
    return tokens[first].start, tokens[last - 1].end


def _flag(pair: Passages, x: Speaker, y: Speaker) -> RawFlag:
    a_value, b_value = pair.a_text[x.start : x.end], pair.b_text[y.start : y.end]
    who = "outlets" if x.outlet else "people"
    verb = "offered by" if x.role == "offer" else "attributed to"
    reason = f"{verb} different {who}: {a_value} vs {b_value}"
    return RawFlag("name", x.start, x.end, y.start, y.end, a_value, b_value, reason, "attribution")

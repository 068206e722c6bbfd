"""Hedging in matched passages: one outlet hedges what the other states as fact.

"... according to informed sources of Kommersant, ... Putin offered" against "the idea ...
was first floated by President Vladimir Putin": the second outlet drops the hedge. A passage
hedges when it holds a hedge word ("reportedly", "allegedly", "rumours", "unconfirmed") or
leans on unnamed "sources"; it states a fact when it holds no hedge and credits nobody (no
reporting verb: a passage that says "X reported" already keeps its distance). An outlet that
vouches for its own scoop ("as Kommersant learned") is contradicted only by doubt ("rumours",
"unconfirmed"), not by a rewrite's "reportedly".

Modal verbs ("may", "could") are not hedges here: the seeds use them for forecasts ("mutual
suspicions may scupper any cooperation"), not for doubt about a reported fact.

Both sides must state the claim (an offer, a proposal: CLAIM_VERBS), unless the hedge doubts
it outright ("rumours"): a loose match may pair a hedge on something else.

The flag's kind is "negation" (the model has no kind for hedging); its values are the hedge
and the claim the other side states (the verb of the offer or report: "floated"). Offsets are
character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.flags.attribution import CLAIM_VERBS, OFFER_VERBS, REPORTING_VERBS
from app.core.flags.common import Passages, RawFlag, Token, words
from app.core.thresholds import FLAG_HEDGE_REACH

# Words that doubt the claim outright: flagged even against an outlet that vouches for it.
DOUBT_WORDS = frozenset(
    words("rumours rumors rumour rumor rumoured rumored unconfirmed unverified")
)
# Words that keep a distance from the claim without doubting it.
HEDGE_WORDS = DOUBT_WORDS | frozenset(
    words("reportedly allegedly supposedly purportedly ostensibly")
)
# Words that lean on unnamed sources ("according to informed sources").
_SOURCE_WORDS = frozenset({"sources", "insiders", "interlocutors"})
_OPENERS = frozenset({"according", "citing", "cited", "quoting"})


def hedge_at(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """Token range [first, last) of the first hedge in a passage, or None."""
    for k, tok in enumerate(tokens):
        if tok.low in HEDGE_WORDS:
            return k, k + 1
        if tok.low in _SOURCE_WORDS:
            for j in range(k - 1, max(-1, k - 1 - FLAG_HEDGE_REACH), -1):
                if tokens[j].low in _OPENERS:
                    return j, k + 1
            return k, k + 1
    return None


# "as Kommersant learned": the outlet vouches for the fact itself; it credits nobody else.
_VOUCHING = frozenset({"learned", "learnt"})


def _stance(tokens: Sequence[Token]) -> str:
    """How a passage states its claim: "plain" (no hedge, credits nobody), "vouched" (the
    outlet's own "as Kommersant learned"), or "credited" (someone else said it)."""
    credits = {t.low for t in tokens if t.low in REPORTING_VERBS or t.low in _OPENERS}
    if not credits:
        return "plain"
    return "vouched" if credits <= _VOUCHING else "credited"


def _claim(tokens: Sequence[Token]) -> int | None:
    """Index of the verb stating the claim on the fact side, or None."""
    for k, tok in enumerate(tokens):
        if tok.low in CLAIM_VERBS or tok.low in OFFER_VERBS:
            return k
    return None


def _one_way(hedged: Sequence[Token], plain: Sequence[Token]) -> tuple[int, int, int] | None:
    """(hedge first, hedge last, claim) when `hedged` hedges and `plain` states a fact."""
    hedge = hedge_at(hedged)
    if hedge is None or hedge_at(plain) is not None:
        return None
    doubts = any(t.low in DOUBT_WORDS for t in hedged[hedge[0] : hedge[1]])
    if not doubts and _claim(hedged) is None:
        return None  # "supposedly conveyed a message": a hedge on another claim than the offer
    stance = _stance(plain)
    if stance == "credited" or (stance == "vouched" and not doubts):
        return None  # "reportedly" is a faithful rewrite of "as Kommersant learned"
    claim = _claim(plain)
    return None if claim is None else (hedge[0], hedge[1], claim)


def hedging_flags(pair: Passages) -> list[RawFlag]:
    """A flag when exactly one passage hedges and the other states the claim as fact."""
    flags: list[RawFlag] = []
    found = _one_way(pair.a, pair.b)
    if found is not None:
        first, last, claim = found
        a0, a1 = pair.a[first].start, pair.a[last - 1].end
        flags.append(_flag(pair, (a0, a1), (pair.b[claim].start, pair.b[claim].end), True))
    found = _one_way(pair.b, pair.a)
    if found is not None:
        first, last, claim = found
        b0, b1 = pair.b[first].start, pair.b[last - 1].end
        flags.append(_flag(pair, (pair.a[claim].start, pair.a[claim].end), (b0, b1), False))
    return flags


def _flag(pair: Passages, a: tuple[int, int], b: tuple[int, int], a_hedges: bool) -> RawFlag:
    a_value, b_value = pair.a_text[a[0] : a[1]], pair.b_text[b[0] : b[1]]
    hedge, fact = (a_value, b_value) if a_hedges else (b_value, a_value)
    reason = f"one outlet hedges ('{hedge}') what the other states as fact ('{fact}')"
    return RawFlag("negation", a[0], a[1], b[0], b[1], a_value, b_value, reason, "hedging")

"""Negation in matched passages: one side says "did not object", the other "objected".

A negation cue ("not", "no", "never", "n't", "cannot", "neither", "nor", "without") that
stands in a change block is followed to the word it negates (the next content word); the flag
is raised when the other side states that word at the corresponding place with no cue of its
own. Offsets are character offsets into the passage text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.flags.common import FUNCTION_WORDS, Block, RawFlag, Token, words
from app.core.thresholds import FLAG_NEGATION_REACH

NEGATION_CUES = frozenset(
    {"not", "no", "never", "cannot", "neither", "nor", "without", "none", "nobody", "nothing"}
)
# Words skipped between a cue and the word it negates ("did not even object").
_SKIPPED = frozenset(
    words(
        """be been being is was are were am have has had do does did a an the to yet even ever
    any so very also just really always fully entirely necessarily"""
    )
)
# Cues that do not negate the following claim ("not only ... but also").
_NOT_NEGATING_NEXT = frozenset({"only", "just", "least", "longer", "doubt"})
_SUFFIXES = ("ing", "ed", "es", "s", "d")


def is_cue(token: Token) -> bool:
    """True for a negation word, including contractions ("didn't", "can't")."""
    return token.low in NEGATION_CUES or token.low.endswith(("n't", "n’t"))


def stem(word: str) -> str:
    """A crude stem so "objected", "objects" and "object" compare equal."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _adverb(word: str) -> bool:
    """An -ly adverb ("officially") modifies the negated verb; the verb is what to compare."""
    return len(word) > 4 and word.endswith("ly")


def _negated_word(tokens: Sequence[Token], cue: int) -> int | None:
    """Index of the content word the cue at `cue` negates, or None."""
    for k in range(cue + 1, min(len(tokens), cue + 1 + FLAG_NEGATION_REACH)):
        low = tokens[k].low
        if k == cue + 1 and low in _NOT_NEGATING_NEXT:
            return None
        if is_cue(tokens[k]):
            return None
        # "not in the mood": the negated word is "mood", not the preposition.
        if low not in _SKIPPED and low not in FUNCTION_WORDS and not _adverb(low):
            return k
    return None


def _second_half_of_neither(tokens: Sequence[Token], cue: int) -> bool:
    """ "Neither X nor Y" is one negation: its "nor" is not flagged again."""
    before = tokens[max(0, cue - 2 * FLAG_NEGATION_REACH) : cue]
    return tokens[cue].low == "nor" and any(t.low == "neither" for t in before)


def _counterpart(b: Sequence[Token], blk: Block, target: str) -> int | None:
    """Index in b of an un-negated word with stem `target` near the block, or None."""
    lo = max(0, blk.b0 - 1)
    hi = min(len(b), blk.b1 + FLAG_NEGATION_REACH)
    for k in range(lo, hi):
        if stem(b[k].low) != target:
            continue
        before = b[max(0, k - FLAG_NEGATION_REACH) : k]
        if not any(is_cue(t) for t in before):
            return k
    return None


def _one_way(
    a: Sequence[Token], b: Sequence[Token], blocks: Sequence[Block]
) -> list[tuple[int, int, int, int]]:
    """(a_first, a_last, b_first, b_last) token indexes for cues on side a missing on side b."""
    found = []
    for blk in blocks:
        if any(is_cue(t) for t in b[blk.b0 : blk.b1]):
            continue  # both sides negate here, perhaps in other words
        for cue in range(blk.a0, blk.a1):
            if not is_cue(a[cue]) or _second_half_of_neither(a, cue):
                continue
            word = _negated_word(a, cue)
            if word is None:
                continue
            other = _counterpart(b, blk, stem(a[word].low))
            if other is None:
                continue
            # Show the auxiliary with the cue ("did not object") and the word the other side
            # changed before the counterpart ("a foreign" for "no foreign").
            a_first = cue - 1 if cue > blk.a0 and a[cue - 1].low in _SKIPPED else cue
            b_first = other - 1 if blk.b0 <= other - 1 < blk.b1 else other
            found.append((a_first, word, b_first, other))
    return found


def negation_flags(
    a_text: str, b_text: str, a: Sequence[Token], b: Sequence[Token], blocks: Sequence[Block]
) -> list[RawFlag]:
    """Flags where exactly one side negates the same word, in both directions."""
    flags: list[RawFlag] = []
    for a0, a1, b0, b1 in _one_way(a, b, blocks):
        flags.append(_flag(a_text, b_text, a[a0].start, a[a1].end, b[b0].start, b[b1].end))
    mirrored = [Block(k.b0, k.b1, k.a0, k.a1) for k in blocks]
    for b0, b1, a0, a1 in _one_way(b, a, mirrored):
        flags.append(_flag(a_text, b_text, a[a0].start, a[a1].end, b[b0].start, b[b1].end))
    return flags


def _flag(a_text: str, b_text: str, a0: int, a1: int, b0: int, b1: int) -> RawFlag:
    a_value, b_value = a_text[a0:a1], b_text[b0:b1]
    reason = f"one passage negates what the other asserts: {a_value} vs {b_value}"
    return RawFlag("negation", a0, a1, b0, b1, a_value, b_value, reason)

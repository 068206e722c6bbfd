"""Shared pieces of the contradiction flags: tokens, facts, change blocks and fact pairing.

Conventions: every offset here is a character offset into one passage text (not the document);
ranges are half-open [start, end). Token index ranges are half-open too: [first, last).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz.distance import Indel

from app.core.thresholds import FLAG_BLOCK_MAX_TOKENS, FLAG_CONTEXT_REACH

# An ISO date, a number (thousands separators, decimals, ordinal suffix; not glued to letters,
# as in "ID1974"), a dotted abbreviation
# ("U.S."), a word (letters with inner hyphens/apostrophes), or a currency/percent sign.
_TOKEN_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\w])"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|[$€£%]"
)
_POSSESSIVE = ("'s", "’s")
# Text between two tokens that ends a sentence (or opens a quotation, which starts one).
_SENTENCE_BREAK_RE = re.compile(r"[.!?:;\"“”\n]")
# Abbreviations whose full stop does not end a sentence ("Mr. Putin").
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "lt", "col"})


def words(spaced: str) -> list[str]:
    """The words of a space-separated literal: keeps long word tables readable."""
    return spaced.split()


# Words that open sentences capitalised without naming anyone ("In Moscow", "However, Putin"),
# and auxiliaries: neither is the content word that anchors a value to its context.
FUNCTION_WORDS = frozenset(
    words(
        """a an the in on at by of to for from with without into onto over under after before
    since until during while when where whether if as but and or nor so yet then than also
    however meanwhile moreover still though although because instead indeed initially
    according among between both each every either neither all any some many most much
    other another such this that these those it its he his she her they their them we our
    i you your there here not no never what which who whom whose how why only just even
    now today yesterday tomorrow last next earlier later recent recently is are was were be
    been being has have had do does did will would can could might shall should must"""
    )
)


class Token(NamedTuple):
    """One word, number or sign of a passage: `text` as written, `low` lower-cased.

    A named tuple, not a dataclass: passages are tokenised by the thousand and tuples are
    several times cheaper to build."""

    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """A value found in a passage: a number, date, place or name over tokens [first, last)."""

    first: int
    last: int
    start: int
    end: int
    value: Hashable


@dataclass(frozen=True)
class RawFlag:
    """A likely contradiction between two passages, offsets relative to the passage texts."""

    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_value: str
    b_value: str
    reason: str
    topic: str = ""  # Flag.topic: "hedging", "attribution", "legal term"; "" for the kind


@dataclass(frozen=True)
class Block:
    """A stretch that differs between two token lists: a[a0:a1] stands where b[b0:b1] stands."""

    a0: int
    a1: int
    b0: int
    b1: int


def tokenize(text: str) -> list[Token]:
    """Split a passage into tokens with their character offsets; possessive 's is dropped."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word, end = m.group(), m.end()
        if len(word) > 2 and word[-2:].lower() in _POSSESSIVE:
            word, end = word[:-2], end - 2
        tokens.append(Token(word, word.lower(), m.start(), end))
    return tokens


def is_capitalised(token: Token) -> bool:
    """True for a word whose first character is an upper-case letter."""
    return token.text[:1].isupper()


def sentence_initial(tokens: Sequence[Token], index: int, text: str) -> bool:
    """True when tokens[index] opens the passage, a sentence or a quotation."""
    if index == 0:
        return True
    prev = tokens[index - 1]
    gap = text[prev.end : tokens[index].start]
    if not _SENTENCE_BREAK_RE.search(gap):
        return False
    # "Mr. Putin": the full stop belongs to the abbreviation.
    return not (gap.strip() == "." and prev.low in _ABBREVIATIONS)


def joined(tokens: Sequence[Token], index: int, text: str) -> bool:
    """True when tokens[index] follows tokens[index - 1] with only spaces between them."""
    if index == 0:
        return False
    gap = text[tokens[index - 1].end : tokens[index].start]
    return gap.strip(" \t") == ""


def change_blocks(a: Sequence[Token], b: Sequence[Token]) -> list[Block]:
    """The stretches where two token lists differ (longest-common-subsequence diff, lower case).

    Adjacent inserts and deletes are merged, so a rewrite of "10 thousand" into "100 thousand"
    is one block whose two sides are the corresponding positions. Two substitutions split by
    one shared word are merged too ("Tajikistan and Kyrgyzstan" / "Uzbekistan and Kazakhstan"),
    but a deletion and an insertion around a shared word are a move, and stay apart.
    """
    blocks: list[Block] = []
    for op in Indel.opcodes([t.low for t in a], [t.low for t in b]):
        if op.tag == "equal":
            continue
        prev = blocks[-1] if blocks else None
        if prev and prev.a1 == op.src_start and prev.b1 == op.dest_start:
            blocks[-1] = Block(prev.a0, op.src_end, prev.b0, op.dest_end)
        else:
            blocks.append(Block(op.src_start, op.src_end, op.dest_start, op.dest_end))
    return _merge_substitutions(blocks)


def _two_sided(blk: Block) -> bool:
    return blk.a1 > blk.a0 and blk.b1 > blk.b0


def _merge_substitutions(blocks: list[Block]) -> list[Block]:
    """Merge two-sided blocks separated by exactly one shared word."""
    merged: list[Block] = []
    for blk in blocks:
        prev = merged[-1] if merged else None
        if (
            prev
            and _two_sided(prev)
            and _two_sided(blk)
            and blk.a0 - prev.a1 == 1
            and blk.b0 - prev.b1 == 1
        ):
            merged[-1] = Block(prev.a0, blk.a1, prev.b0, blk.b1)
        else:
            merged.append(blk)
    return merged


def firm_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks whose two sides correspond word for word: at most FLAG_BLOCK_MAX_TOKENS long.

    In a loose paraphrase the diff lines up stray "in"/"and" words; `change_blocks` merges the
    stretches between them into long blocks that say different things, and those are dropped.
    """
    return [b for b in blocks if max(b.a1 - b.a0, b.b1 - b.b0) <= FLAG_BLOCK_MAX_TOKENS]


def context(tokens: Sequence[Token], fact: Fact) -> frozenset[str]:
    """Content words within FLAG_CONTEXT_REACH tokens either side of a fact ("summit", "Geneva")."""
    reach = FLAG_CONTEXT_REACH
    around = [
        *tokens[max(0, fact.first - reach) : fact.first],
        *tokens[fact.last : fact.last + reach],
    ]
    return frozenset(
        t.low for t in around if len(t.low) > 2 and t.low not in FUNCTION_WORDS and t.low.isalpha()
    )


def content_stems(tokens: Sequence[Token]) -> set[str]:
    """Content words of a passage (no function words, at least four letters), plural -s cut."""
    return {
        t.low[:-1] if t.low.endswith("s") and len(t.low) > 4 else t.low
        for t in tokens
        if len(t.low) > 3 and t.low.isalpha() and t.low not in FUNCTION_WORDS
    }


SameFn = Callable[[Hashable, Hashable], bool]


def _block_of(fact: Fact, blocks: Sequence[Block], side: str) -> int:
    """Index of the first change block the fact overlaps on its side, or -1."""
    for i, blk in enumerate(blocks):
        lo, hi = (blk.a0, blk.a1) if side == "a" else (blk.b0, blk.b1)
        if fact.first < hi and lo < fact.last:
            return i
    return -1


def _unmatched(facts: Sequence[Fact], others: Sequence[Fact], same: SameFn) -> list[Fact]:
    """Facts whose value is stated nowhere on the other side."""
    return [f for f in facts if not any(same(f.value, o.value) for o in others)]


def pair_facts(
    a_facts: Sequence[Fact],
    b_facts: Sequence[Fact],
    blocks: Sequence[Block],
    same: SameFn,
    pairable: SameFn,
    anchored: Callable[[Fact, Fact], bool] | None = None,
) -> list[tuple[Fact, Fact]]:
    """Pair facts that stand in corresponding positions and are not stated on both sides.

    A value present on both sides (by `same`) is never paired: rewrites move facts around.
    The rest pair when they fall in the same change block and the block holds as many
    pairable facts on each side (then in order); otherwise only when `anchored` says the
    two share their context (a unit, a neighbouring word) and no other candidate does.
    """
    left = _unmatched(a_facts, b_facts, same)
    right = _unmatched(b_facts, a_facts, same)
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    for k in range(len(blocks)):
        in_a = [f for f in left if _block_of(f, blocks, "a") == k]
        in_b = [f for f in right if _block_of(f, blocks, "b") == k]
        if in_a and len(in_a) == len(in_b):
            for fa, fb in zip(in_a, in_b, strict=True):
                if pairable(fa.value, fb.value):
                    pairs.append((fa, fb))
                    used.update((id(fa), id(fb)))
    if anchored is not None:
        for fa in left:
            if id(fa) in used:
                continue
            cands = [fb for fb in right if id(fb) not in used and anchored(fa, fb)]
            if len(cands) == 1:
                pairs.append((fa, cands[0]))
                used.update((id(fa), id(cands[0])))
    return pairs


class Passages(NamedTuple):
    """The two matched passages a detector reads: texts, tokens and their change blocks."""

    a_text: str
    b_text: str
    a: Sequence[Token]
    b: Sequence[Token]
    blocks: Sequence[Block]
    a_date: str = ""  # the articles' own dates (Document.date, ISO), for relative dates
    b_date: str = ""


def always(x: Hashable, y: Hashable) -> bool:
    """A `pairable` test that accepts any two facts (places, names: no unit to match)."""
    return True


Describe = Callable[[Fact, Fact], str]


class Compare(NamedTuple):
    """How a detector compares values: `same` (stated on both sides, never paired), `pairable`
    (may be compared at all: a unit, a shared date field) and `agree` (no contradiction)."""

    same: SameFn
    pairable: SameFn = always
    agree: SameFn | None = None  # None: `same`


def fact_flags(
    kind: str,
    pair: Passages,
    facts: tuple[Sequence[Fact], Sequence[Fact]],
    compare: Compare,
    describe: Describe | str,
    anchored: Callable[[Fact, Fact], bool] | None = None,
    topic: str = "",
) -> list[RawFlag]:
    """Flags for facts that stand in corresponding positions and do not agree.

    Args:
        kind: the flag kind ("date", "place", ...).
        pair: the two passages.
        facts: the facts found on each side.
        compare: the value tests (see `Compare`).
        describe: the plural noun the reason names ("dates"), or a function writing the whole
            reason for a pair of facts.
        anchored: see `pair_facts`.
        topic: the flags' `topic` (see `Flag.topic`).
    Returns:
        RawFlags with offsets into the passage texts (half-open).
    """
    agree = compare.agree or compare.same
    pairs = pair_facts(facts[0], facts[1], pair.blocks, compare.same, compare.pairable, anchored)
    flags = []
    for fa, fb in pairs:
        if agree(fa.value, fb.value):
            continue
        a_value, b_value = pair.a_text[fa.start : fa.end], pair.b_text[fb.start : fb.end]
        if isinstance(describe, str):
            reason = f"{describe} differ: {a_value} vs {b_value}"
        else:
            reason = describe(fa, fb)
        flags.append(
            RawFlag(kind, fa.start, fa.end, fb.start, fb.end, a_value, b_value, reason, topic)
        )
    return flags

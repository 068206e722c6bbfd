"""Word-level edit script between two matched passages, as absolute character spans.

Tokens are words (with inner apostrophes, hyphens and periods: "don't", "U.S.", "2.5"), numbers
and single punctuation marks. Tokens are compared case-folded, with typographic quotes and
apostrophes folded to ASCII, so "Americans" = "americans" and "’" = "'".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import cast

from rapidfuzz.distance import Levenshtein

from app.core.model import DiffOp, DiffTag

_TOKEN = re.compile(r"\w+(?:[.'’\-]\w+)*|[^\w\s]")
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def tokenize(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Token spans of `text`: words, numbers and single punctuation marks.

    Args:
        text: the text to split.
        base: added to every offset (the text's position in its document).
    Returns:
        Half-open (start, end) spans in order, offsets `base`-relative to `text`.
    """
    if base == 0:
        return [m.span() for m in _TOKEN.finditer(text)]
    return [(m.start() + base, m.end() + base) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 16)
def normalise_token(token: str) -> str:
    """The comparison key of a token: NFKC, case-folded, quotes folded to ASCII."""
    return unicodedata.normalize("NFKC", token).translate(_QUOTE_FOLD).casefold()


def word_diff(a_text: str, b_text: str, a_base: int = 0, b_base: int = 0) -> list[DiffOp]:
    """The word-level edit script turning `a_text` into `b_text`.

    Adjacent edits are merged into one "replace" so "keeping an eye on" -> "monitoring" is one op.
    Whitespace between tokens belongs to the neighbouring "equal" op, so changed spans are tight.

    Args:
        a_text, b_text: the two passages.
        a_base, b_base: their offsets in their documents; every span is shifted by them.
    Returns:
        DiffOps in order whose a-spans tile [a_base, a_base+len(a_text)) and whose b-spans tile
        [b_base, b_base+len(b_text)) without gap or overlap. An insert's a-span and a delete's
        b-span hold no token (they are empty, except that a text with no token at all is
        covered whole by its one op). Equal texts give a single "equal" op.
    """
    if a_text == b_text:  # a verbatim copy: what the general path gives, without the work
        return [DiffOp("equal", a_base, a_base + len(a_text), b_base, b_base + len(b_text))]
    a_toks, a_keys = _tokens(a_text)
    b_toks, b_keys = _tokens(b_text)
    blocks = _merged_opcodes(a_keys, b_keys)
    a_cuts = _cuts(blocks, a_toks, len(a_text), side=0)
    b_cuts = _cuts(blocks, b_toks, len(b_text), side=1)
    return [
        DiffOp(
            tag,
            a_base + a_cuts[i],
            a_base + a_cuts[i + 1],
            b_base + b_cuts[i],
            b_base + b_cuts[i + 1],
        )
        for i, (tag, _, _, _, _) in enumerate(blocks)
    ]


@lru_cache(maxsize=1 << 11)
def _tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """`tokenize(text)` and the tokens' keys, memoised: in a case of many articles one
    sentence is matched in many documents, so the same text is diffed again and again.
    Callers must not modify the lists."""
    toks = tokenize(text)
    return toks, _keys(text, toks)


def _keys(text: str, toks: list[tuple[int, int]]) -> list[str]:
    """`normalise_token` of every token. For ASCII text NFKC and the quote fold change nothing
    and case-folding keeps lengths, so the whole text is folded once and sliced (a word diff
    runs for every match: this is its hot path)."""
    if text.isascii():
        folded = text.casefold()
        return [folded[s:e] for s, e in toks]
    return [normalise_token(text[s:e]) for s, e in toks]


_Block = tuple[DiffTag, int, int, int, int]  # tag and token ranges [a_s, a_e), [b_s, b_e)


def _merged_opcodes(a_keys: list[str], b_keys: list[str]) -> list[_Block]:
    """Levenshtein opcodes over token keys, consecutive edits merged into one op."""
    blocks: list[_Block] = []
    # as_list: plain tuples, cheaper to read than Opcode objects (a diff runs per match).
    ops = cast(list[_Block], Levenshtein.opcodes(a_keys, b_keys).as_list())
    for tag, a_start, a_end, b_start, b_end in ops:
        if tag != "equal" and blocks and blocks[-1][0] != "equal":
            _, a_start, _, b_start, _ = blocks.pop()
            tag = "replace"
        elif tag != "equal" and a_start < a_end and b_start < b_end:
            tag = "replace"
        blocks.append((tag, a_start, a_end, b_start, b_end))
    if not blocks:
        blocks.append(("equal", 0, 0, 0, 0))  # two texts without tokens: one equal op
    return blocks


def _cuts(blocks: list[_Block], toks: list[tuple[int, int]], length: int, side: int) -> list[int]:
    """Character boundaries between consecutive blocks on one side (len(blocks) + 1 values).

    A changed block's span hugs its tokens; the whitespace around it goes to the equal neighbour.
    The first and last boundaries are the text's edges, so the blocks tile the whole text.
    """
    cuts = [0]
    for block in blocks[:-1]:
        tag = block[0]
        t_start, t_end = (block[1], block[2]) if side == 0 else (block[3], block[4])
        if tag == "equal":
            cut = toks[t_end][0] if t_end < len(toks) else length
        else:
            # An empty side (an insert's a, a delete's b) sits where the previous block ended.
            cut = toks[t_end - 1][1] if t_end > t_start else cuts[-1]
        cuts.append(max(cut, cuts[-1]))
    cuts.append(length)
    return cuts

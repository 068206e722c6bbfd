"""Word-level diff: exact character spans, complete coverage, merged replacements."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from app.core.model import DiffOp
from app.core.worddiff import _keys, normalise_token, tokenize, word_diff

KOMMERSANT = (
    "If the Americans were only interested in keeping an eye on the situation in Afghanistan, "
    "they would accept this generous offer."
)
MOSCOW_TIMES = (
    "If the Americans are only interested in monitoring the situation in Afghanistan, "
    "they would accept this generous proposal."
)


def _view(
    ops: list[DiffOp], a: str, b: str, a_base: int = 0, b_base: int = 0
) -> list[tuple[str, str, str]]:
    return [
        (
            op.tag,
            a[op.a_start - a_base : op.a_end - a_base],
            b[op.b_start - b_base : op.b_end - b_base],
        )
        for op in ops
    ]


def _assert_tiles(
    ops: list[DiffOp], a_len: int, b_len: int, a_base: int = 0, b_base: int = 0
) -> None:
    assert ops[0].a_start == a_base and ops[0].b_start == b_base
    assert ops[-1].a_end == a_base + a_len and ops[-1].b_end == b_base + b_len
    for prev, nxt in itertools.pairwise(ops):
        assert prev.a_end == nxt.a_start and prev.b_end == nxt.b_start


def test_tokenize_words_numbers_and_punctuation() -> None:
    text = "U.S. troops, 2.5 km — don’t!"
    assert [text[s:e] for s, e in tokenize(text)] == [
        "U.S",
        ".",
        "troops",
        ",",
        "2.5",
        "km",
        "—",
        "don’t",
        "!",
    ]
    assert tokenize("ab cd", base=10) == [(10, 12), (13, 15)]


def test_equal_texts_give_one_equal_op() -> None:
    text = "The Americans will start small and then expand."
    assert word_diff(text, text, 5, 9) == [DiffOp("equal", 5, 5 + len(text), 9, 9 + len(text))]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_keys_are_the_folded_tokens(text: str) -> None:
    # The ASCII path splits the lower-cased text instead of folding token by token.
    toks = tokenize(text)
    assert _keys(text, toks) == [normalise_token(text[s:e]) for s, e in toks]


def test_identical_texts_diff_like_texts_equal_up_to_case() -> None:
    text = "The Americans will start small, then expand."
    assert word_diff(text, text, 3, 7) == word_diff(text, text.upper(), 3, 7)


def test_case_and_quote_differences_count_as_equal() -> None:
    ops = word_diff("“The Americans’ plan”", '"the americans\' PLAN"')
    assert [op.tag for op in ops] == ["equal"]


def test_insertion_has_exact_spans() -> None:
    a, b = "the cat sat", "the big cat sat"
    assert word_diff(a, b) == [
        DiffOp("equal", 0, 4, 0, 4),
        DiffOp("insert", 4, 4, 4, 7),
        DiffOp("equal", 4, 11, 7, 15),
    ]


def test_deletion_has_exact_spans() -> None:
    a, b = "they left both countries involuntarily", "they left both countries"
    assert word_diff(a, b) == [
        DiffOp("equal", 0, 25, 0, 24),
        DiffOp("delete", 25, 38, 24, 24),
    ]


def test_replacement_has_exact_spans_with_bases() -> None:
    a, b = "a generous offer.", "a generous proposal."
    ops = word_diff(a, b, a_base=100, b_base=200)
    assert ops == [
        DiffOp("equal", 100, 111, 200, 211),
        DiffOp("replace", 111, 116, 211, 219),
        DiffOp("equal", 116, 117, 219, 220),
    ]


def test_translation_pair_shows_the_three_rewordings() -> None:
    ops = word_diff(KOMMERSANT, MOSCOW_TIMES, 1000, 2000)
    changed = [
        (t, x, y) for t, x, y in _view(ops, KOMMERSANT, MOSCOW_TIMES, 1000, 2000) if t != "equal"
    ]
    assert changed == [
        ("replace", "were", "are"),
        ("replace", "keeping an eye on", "monitoring"),
        ("replace", "offer", "proposal"),
    ]
    _assert_tiles(ops, len(KOMMERSANT), len(MOSCOW_TIMES), 1000, 2000)


def test_empty_inputs() -> None:
    assert word_diff("", "") == [DiffOp("equal", 0, 0, 0, 0)]
    assert word_diff("", "new words") == [DiffOp("insert", 0, 0, 0, 9)]
    assert word_diff("old", "") == [DiffOp("delete", 0, 3, 0, 0)]


_WORDS = st.lists(
    st.sampled_from(["the", "US", "bases", ",", "Russia", "offer", ".", "  ", "\n"]), max_size=12
)


@given(_WORDS, _WORDS, st.integers(0, 50), st.integers(0, 50))
def test_ops_always_tile_both_texts(
    a_words: list[str], b_words: list[str], a_base: int, b_base: int
) -> None:
    a, b = " ".join(a_words), " ".join(b_words)
    ops = word_diff(a, b, a_base, b_base)
    _assert_tiles(ops, len(a), len(b), a_base, b_base)
    for op in ops:
        assert op.tag in ("equal", "insert", "delete", "replace")
        a_part, b_part = (
            a[op.a_start - a_base : op.a_end - a_base],
            b[op.b_start - b_base : op.b_end - b_base],
        )
        if op.tag == "equal":
            assert (
                a_part.split() == b_part.split() or a_part.lower().split() == b_part.lower().split()
            )
        if op.tag == "insert":
            assert a_part.strip() == ""  # whitespace only when a has no token at all
        if op.tag == "delete":
            assert b_part.strip() == ""

"""Legal and institutional terms that differ in corresponding positions: "decree" vs "law",
"constitution" vs "doctrine", "ministry" vs "parliament".

A small curated table sorts terms into classes; two terms of one class standing in the same
change block, or each the only one of its class in its passage, (and each missing from the
other passage) are flagged, since a rewrite that turns
a decree into a law changes what happened. Offsets are character offsets into the passage text;
ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from app.core.flags.common import (
    Compare,
    Fact,
    Passages,
    RawFlag,
    Token,
    content_stems,
    fact_flags,
    joined,
    words,
)
from app.core.thresholds import FLAG_TERM_SHARED_WORDS

# class -> its terms (singular, lower case). A term belongs to one class only. "order" is left
# out: "world order", "in order to" are not legal acts.
TERM_CLASSES: dict[str, frozenset[str]] = {
    "legal act": frozenset(words("decree law bill resolution ordinance statute regulation edict")),
    "founding text": frozenset(words("constitution doctrine charter treaty convention")),
    "institution": frozenset(
        words("ministry parliament duma senate government cabinet council assembly congress")
    ),
}
_CLASS_OF: dict[str, str] = {t: c for c, terms in TERM_CLASSES.items() for t in terms}


def _singular(low: str) -> str:
    if low.endswith("ies") and low[:-3] + "y" in _CLASS_OF:
        return low[:-3] + "y"
    return low[:-1] if low.endswith("s") and low[:-1] in _CLASS_OF else low


def _in_proper_name(tokens: Sequence[Token], k: int, text: str) -> bool:
    """True inside a capitalised name ("Collective Security Treaty Organization", "Defense
    Ministry"): the name is an institution's, not a term the writer chose."""
    if not tokens[k].text[:1].isupper():
        return False
    before = k > 0 and joined(tokens, k, text) and tokens[k - 1].text[:1].isupper()
    after = k + 1 < len(tokens) and joined(tokens, k + 1, text) and tokens[k + 1].text[:1].isupper()
    return before or after


def extract_terms(tokens: Sequence[Token], text: str) -> list[Fact]:
    """Every term of the table in a token list, outside proper names; value: (class, term)."""
    facts = []
    for k, tok in enumerate(tokens):
        term = _singular(tok.low)
        if term in _CLASS_OF and not _in_proper_name(tokens, k, text):
            facts.append(Fact(k, k + 1, tok.start, tok.end, (_CLASS_OF[term], term)))
    return facts


def _same_class(x: Hashable, y: Hashable) -> bool:
    assert isinstance(x, tuple) and isinstance(y, tuple)
    return bool(x[0] == y[0])


def _same_term(x: Hashable, y: Hashable) -> bool:
    return x == y


def term_flags(pair: Passages) -> list[RawFlag]:
    """Flags for two terms of one class that stand in corresponding positions and differ."""

    def describe(fa: Fact, fb: Fact) -> str:
        assert isinstance(fa.value, tuple) and isinstance(fb.value, tuple)
        return f"different legal or institutional terms: {fa.value[1]} vs {fb.value[1]}"

    facts = (extract_terms(pair.a, pair.a_text), extract_terms(pair.b, pair.b_text))

    def anchored(fa: Fact, fb: Fact) -> bool:
        # Outside a change block, only when each passage names one term of the class and the
        # passages share a few content words ("Uzbekistan", "foreign", "military", "base"):
        # then the two can only be the same thing ("cited the national defense doctrine" /
        # "enshrined in the Constitution"), not "world order" against "international law".
        def alone(fact: Fact, side: list[Fact]) -> bool:
            return sum(_same_class(fact.value, f.value) for f in side) == 1

        if not (_same_class(fa.value, fb.value) and alone(fa, facts[0]) and alone(fb, facts[1])):
            return False
        return len(content_stems(pair.a) & content_stems(pair.b)) >= FLAG_TERM_SHARED_WORDS

    compare = Compare(_same_term, _same_class)
    return fact_flags("name", pair, facts, compare, describe, anchored, topic="legal term")

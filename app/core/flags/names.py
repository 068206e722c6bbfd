"""Person names in matched passages: runs of capitalised words that are not places, months,
weekdays, titles, nationalities or organisations.

"Lavrov" and "Sergei Lavrov" (surname only) or "Sergei" and "Sergey" (transliteration) are
the same person; "Lavrov" and "Ryabkov" are not. Offsets are character offsets into the passage
text; ranges are half-open.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence

from rapidfuzz import fuzz

from app.core.flags.common import FUNCTION_WORDS, Fact, Token, joined, sentence_initial, words
from app.core.flags.dates import MONTHS, WEEKDAYS
from app.core.thresholds import FLAG_NAME_VARIANT_MIN

# Titles and roles stripped from the front of a run ("Russian Foreign Minister Sergei Lavrov").
TITLE_WORDS = frozenset(
    words(
        """president vice prime minister foreign defense defence secretary state general gen mr
    mrs ms dr sen senator rep gov governor chancellor ambassador deputy spokesman spokeswoman
    spokesperson press chief director special envoy representative king queen prince pope
    sheikh emir colonel col lt admiral adm commander chairman chairwoman leader premier speaker
    mayor judge justice professor prof head former acting senior lord sir dame saint st
    analyst expert officer official sources source treasury interior"""
    )
)
# Nationalities and regions that are capitalised but name nobody.
NATIONALITY_WORDS = frozenset(
    words("""american afghan uzbek tajik kyrgyz kazakh turkmen thai iraqi israeli pakistani saudi
    emirati kuwaiti yemeni qatari french dutch greek swiss czech turk turkish arab soviet
    western eastern northern southern central european african asian islamic muslim jewish
    chinese japanese british english german russian""")
)
# A run holding one of these is an organisation, an outlet or a place, not a person.
ORGANISATION_WORDS = frozenset(
    words("""kremlin nato csto pentagon congress senate parliament duma reuters bloomberg afp ap
    kommersant taliban ministry department agency organization organisation council committee
    party union treaty times post news house office court bank fund forces army navy service
    base university institute airport company corporation group summit conference federation
    republic command alliance daily journal press tass interfax sputnik statecraft world
    eurasianet""")
)
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish")


def _name_word(token: Token) -> bool:
    """A capitalised word that can be part of a person's name."""
    text, low = token.text, token.low
    if not text[:1].isupper() or (len(text) > 1 and text.isupper()):
        return False  # lower case, or an acronym (NATO, CSTO)
    if low in MONTHS or low in WEEKDAYS or low in FUNCTION_WORDS:
        return False
    return not low[:1].isdecimal()


def _is_title(token: Token) -> bool:
    low = token.low
    if low in TITLE_WORDS or low in NATIONALITY_WORDS or low.removesuffix("s") in NATIONALITY_WORDS:
        return True
    return len(low) >= 6 and low.endswith(_DEMONYM_SUFFIXES)


def _runs(tokens: Sequence[Token], text: str, taken: Collection[int]) -> list[tuple[int, int]]:
    """Maximal runs [first, end) of adjacent name words, broken by punctuation and places."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, tok in enumerate(tokens):
        ok = i not in taken and _name_word(tok)
        if ok and start >= 0 and joined(tokens, i, text):
            continue
        if start >= 0:
            runs.append((start, i))
        start = i if ok else -1
    if start >= 0:
        runs.append((start, len(tokens)))
    return runs


def extract_names(tokens: Sequence[Token], text: str, taken: Collection[int] = ()) -> list[Fact]:
    """Every person-like name in a token list, titles stripped, skipping indexes in `taken`."""
    facts: list[Fact] = []
    for first, end in _runs(tokens, text, taken):
        run = tokens[first:end]
        if any(t.low in ORGANISATION_WORDS for t in run):
            continue
        while first < end and _is_title(tokens[first]):
            first += 1
        if first == end:
            continue
        if end - first == 1 and sentence_initial(tokens, first, text):
            continue  # a lone capitalised word opening a sentence may be any word
        words = tuple(t.low for t in tokens[first:end])
        facts.append(Fact(first, end, tokens[first].start, tokens[end - 1].end, words))
    return facts


def _similar(x: str, y: str) -> bool:
    return fuzz.ratio(x, y) >= FLAG_NAME_VARIANT_MIN


def same_person(x: Hashable, y: Hashable) -> bool:
    """True when two names can denote one person: spelling variants, surname only, initials."""
    assert isinstance(x, tuple) and isinstance(y, tuple)
    p, q = [str(w) for w in x], [str(w) for w in y]
    if _similar(" ".join(p), " ".join(q)):
        return True
    if not _similar(p[-1], q[-1]):
        return False
    if len(p) == 1 or len(q) == 1:
        return True  # "Lavrov" / "Sergei Lavrov"
    return p[0][0] == q[0][0]  # "Joe Biden" / "Joseph Biden", "J. Biden"

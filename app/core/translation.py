"""Plain words for how well a translation was lined up with its original.

The aligner records one `CrossAlignment` per pair of articles in different scripts
(`Alignment.translations`, filled by app/core/align/semantic_pass.py through
crosslingual.summary). This module turns those records, and the matches between such articles,
into the sentences the reader shows: which languages, by what method, how many sentence pairs,
and how far to trust them (a band: high, medium, low, with what to do about it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Literal

from app.core import thresholds
from app.core.align import crosslingual
from app.core.model import Alignment, CrossAlignment, Document, Match

Band = Literal["high", "medium", "low"]
_BANDS: tuple[Band, Band, Band] = ("low", "medium", "high")

# Language codes from the importer (and the scripts used when the language is unknown).
_LANGUAGE_NAMES = {
    "ru": "Russian",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "cyrillic": "Cyrillic-script text",
    "latin": "Latin-script text",
}
_METHOD_WORDS = {
    "model": "aligned by a multilingual meaning model",
    "anchors": "aligned by shared numbers and names only",
}
_ADVICE = {"high": "", "medium": ": spot-check the matches", "low": ": check each match"}


def language_name(code: str) -> str:
    """ "Russian" for "ru"; a script or an unknown code is named as such ("XX" upper-cased)."""
    return _LANGUAGE_NAMES.get(code.lower(), code.upper() or "unknown language")


def band(c: CrossAlignment) -> Band:
    """How far to trust an alignment: "high", "medium" or "low".

    A model alignment is banded by its confidence (XL_CONFIDENCE_HIGH / _MEDIUM); an anchor
    alignment never rises above XL_ANCHORS_BAND, because shared numbers and names pair just as
    many sentences of an article that retells the story without translating it.
    """
    if c.pairs == 0 or c.confidence < thresholds.XL_CONFIDENCE_MEDIUM:
        level = 0
    else:
        level = 2 if c.confidence >= thresholds.XL_CONFIDENCE_HIGH else 1
    if c.method == "anchors":
        level = min(level, _BANDS.index(thresholds.XL_ANCHORS_BAND))
    return _BANDS[level]


def pair_label(c: CrossAlignment, names: tuple[str, str] | None = None) -> str:
    """ "Russian ↔ English", or with outlet names "Kommersant (Russian) ↔ Antiwar (English)"."""
    langs = language_name(c.language_a), language_name(c.language_b)
    if names is None:
        return f"{langs[0]} ↔ {langs[1]}"
    return f"{names[0]} ({langs[0]}) ↔ {names[1]} ({langs[1]})"


def describe(c: CrossAlignment, names: tuple[str, str] | None = None) -> str:
    """One sentence for the reader, e.g. "Russian ↔ English: aligned by a multilingual meaning
    model, 5 sentence pairs — confidence high".

    Args:
        c: the record of one cross-script alignment.
        names: the two articles' display names (outlets), in c's order, to name them too.
    """
    label = pair_label(c, names)
    if c.pairs == 0:
        how = (
            "the multilingual meaning model found no sentence that translates another"
            if c.method == "model"
            else "too few shared numbers and names to line up any sentence"
        )
        return f"{label}: {how} — probably not a translation of each other"
    level = band(c)
    count = f"{c.pairs} sentence pair{'s' * (c.pairs != 1)}"
    return f"{label}: {_METHOD_WORDS[c.method]}, {count} — confidence {level}{_ADVICE[level]}"


def describe_all(alignment: Alignment, shown: Collection[str] | None = None) -> list[str]:
    """`describe` for every translated pair whose two articles are both in `shown` (all when
    None), best first, naming the articles by outlet when the case has more than two."""
    docs = {d.id: d for d in alignment.documents}
    lines = []
    for c in _best_first(visible(alignment.translations, shown)):
        names = None
        if len(docs) > 2 and c.doc_a in docs and c.doc_b in docs:
            names = docs[c.doc_a].display_name, docs[c.doc_b].display_name
        lines.append(describe(c, names))
    return lines


def visible(
    translations: Sequence[CrossAlignment], shown: Collection[str] | None
) -> list[CrossAlignment]:
    """The records whose two articles are both in `shown` (every record when None)."""
    return [c for c in translations if shown is None or (c.doc_a in shown and c.doc_b in shown)]


def _best_first(records: list[CrossAlignment]) -> list[CrossAlignment]:
    """Highest band first, then most pairs, then highest confidence (stable otherwise)."""
    return sorted(
        records, key=lambda c: (_BANDS.index(band(c)), c.pairs, c.confidence), reverse=True
    )


def status_note(translations: Sequence[CrossAlignment], shown: Collection[str] | None) -> str:
    """A short status-bar note on the best translated pair among the articles `shown` (all when
    None): "Russian ↔ English translation: confidence high", plus "(+2 other article pairs
    across languages, confidence low)" when there are more; "" when there are none."""
    records = _best_first(visible(translations, shown))
    if not records:
        return ""
    best, others = records[0], records[1:]
    note = f"{pair_label(best)} translation: confidence {band(best)}"
    if others:
        levels = {band(c) for c in others}
        level = f", confidence {levels.pop()}" if len(levels) == 1 else ""
        plural = "s" * (len(others) != 1)
        note += f" (+{len(others)} other article pair{plural} across languages{level})"
    return note


def find(alignment: Alignment, doc_a: str, doc_b: str) -> CrossAlignment | None:
    """The record of the pair (doc_a, doc_b) in either order, or None (same script)."""
    for c in alignment.translations:
        if {c.doc_a, c.doc_b} == {doc_a, doc_b}:
            return c
    return None


def match_note(alignment: Alignment, match: Match) -> str | None:
    """What to say about one match between a translation and its original, or None when its
    two articles share a script. The model's matches give their score (55-75: how close the
    meanings are) and call it strong from XL_MATCH_STRONG; anchor matches name the numbers and
    names they rest on, to be checked."""
    c = find(alignment, match.a.doc_id, match.b.doc_id)
    if c is None:
        return None
    if match.method in ("semantic", "both"):
        strength = (
            "a strong match"
            if match.score >= thresholds.XL_MATCH_STRONG
            else "a weak match: check it"
        )
        return f"translation, matched by meaning: score {match.score:.0f} of 100, {strength}"
    texts = {d.id: d.text for d in alignment.documents}
    a = texts.get(match.a.doc_id, "")[match.a.start : match.a.end]
    b = texts.get(match.b.doc_id, "")[match.b.start : match.b.end]
    # Name the words as the Latin-script side writes them: the reader can search for them.
    if crosslingual.script(a) != "latin":
        a, b = b, a
    words = crosslingual.shared_anchor_words(a, b)
    shared = ", ".join(words) if words else "shared numbers and names"
    return f"translation, matched only on {shared}: check it"


# --- Story map: words per row, per cell and for the whole case ---------------------------------


def name_of(docs: Mapping[str, Document], doc_id: str) -> str:
    """The article's `display_name`, or its id when it is not among `docs`."""
    return docs[doc_id].display_name if doc_id in docs else doc_id


def _facing(c: CrossAlignment, doc_id: str) -> CrossAlignment:
    """`c` turned so that `doc_id` is its first article (languages swapped with it)."""
    if c.doc_a == doc_id:
        return c
    return replace(
        c, doc_a=c.doc_b, doc_b=c.doc_a, language_a=c.language_b, language_b=c.language_a
    )


def records_of(alignment: Alignment, doc_id: str) -> list[CrossAlignment]:
    """The records pairing `doc_id` with an article in another script, best first, each turned
    to face it (its doc_a is `doc_id`, its language_a the article's own language)."""
    mine = [c for c in alignment.translations if doc_id in (c.doc_a, c.doc_b)]
    return [_facing(c, doc_id) for c in _best_first(mine)]


def short_label(c: CrossAlignment) -> str:
    """A few words on one translated pair, for a row header or a list: "Russian ↔ English,
    confidence high", or "Russian ↔ English: no sentence matched" when nothing was paired."""
    if c.pairs == 0:
        return f"{pair_label(c)}: no sentence matched"
    return f"{pair_label(c)}, confidence {band(c)}"


def row_note(alignment: Alignment, doc_id: str) -> str:
    """What a story-map row says about its article's language, "" when nothing need be said.

    An article paired with one in another script gets `short_label` of its best pair, facing it
    ("Russian ↔ English, confidence high"); one that shares the script but is written in another
    language than most of the case's gets that language's name ("German"); others get "".
    """
    records = records_of(alignment, doc_id)
    if records:
        return short_label(records[0])
    codes = {d.id: d.language.lower().split("-")[0] for d in alignment.documents}
    known = [code for code in codes.values() if code]
    own = codes.get(doc_id, "")
    # Counter order breaks a tie by first appearance: the first article's language counts as
    # the case's own, and only the others are named.
    if not own or len(set(known)) < 2 or own == Counter(known).most_common(1)[0][0]:
        return ""
    return language_name(own)


def passage_note(alignment: Alignment, family: int, doc_id: str) -> str | None:
    """What to say about the passage of `doc_id` in family index `family` when a match of the
    family joins it to an article in another script (the best-scoring such match), e.g.
    "Across languages, with Kommersant (English): translation, matched by meaning: score 70 of
    100, a strong match — pair confidence high"; None when no such match holds it."""
    docs = {d.id: d for d in alignment.documents}
    crossing = []
    for m in (alignment.matches[i] for i in alignment.families[family].matches):
        record = find(alignment, m.a.doc_id, m.b.doc_id)
        if record is not None and doc_id in (m.a.doc_id, m.b.doc_id):
            crossing.append((m, record))
    if not crossing:
        return None
    best, record = max(crossing, key=lambda pair: pair[0].score)
    other = best.b.doc_id if best.a.doc_id == doc_id else best.a.doc_id
    language = language_name(_facing(record, other).language_a)
    name = name_of(docs, other)
    return (
        f"Across languages, with {name} ({language}): {match_note(alignment, best)}"
        f" — pair confidence {band(record)}"
    )


def pairs_note(alignment: Alignment) -> str:
    """One line naming the case's article pairs across scripts and their confidence, best first,
    e.g. "Article pairs across languages: Kommersant ↔ ru_sample, confidence high · TRT World ↔
    ru_sample, confidence low (+2 pairs with no sentence matched)"; "" when there are none."""
    docs = {d.id: d for d in alignment.documents}
    records = _best_first(list(alignment.translations))
    matched = [c for c in records if c.pairs]
    empty = len(records) - len(matched)
    items = [
        f"{name_of(docs, c.doc_a)} ↔ {name_of(docs, c.doc_b)}, confidence {band(c)}"
        for c in matched
    ]
    note = " · ".join(items)
    if empty:
        rest = f"{empty} pair{'s' * (empty != 1)} with no sentence matched"
        note = f"{note} (+{rest})" if note else rest
    return f"Article pairs across languages: {note}" if records else ""

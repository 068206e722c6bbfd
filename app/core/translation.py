"""Plain words for how well a translation was lined up with its original.

The aligner records one `CrossAlignment` per pair of articles in different scripts
(`Alignment.translations`, filled by app/core/align/semantic_pass.py through
crosslingual.summary). This module turns those records, and the matches between such articles,
into the sentences the reader shows: which languages, by what method, how many sentence pairs,
and how far to trust them (a band: high, medium, low, with what to do about it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


def display_name(doc: Document) -> str:
    """The name a reader knows an article by: its outlet, else its title, else its file."""
    return doc.outlet or doc.title or doc.source_path.rsplit("/", 1)[-1] or doc.id


def describe_all(alignment: Alignment, shown: Collection[str] | None = None) -> list[str]:
    """`describe` for every translated pair whose two articles are both in `shown` (all when
    None), best first, naming the articles by outlet when the case has more than two."""
    docs = {d.id: d for d in alignment.documents}
    lines = []
    for c in _best_first(visible(alignment.translations, shown)):
        names = None
        if len(docs) > 2 and c.doc_a in docs and c.doc_b in docs:
            names = display_name(docs[c.doc_a]), display_name(docs[c.doc_b])
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

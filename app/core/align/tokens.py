"""Text normalisation and content-word stems for candidate generation and scoring.

Stems are deliberately crude (lower-case, prefix of at most STEM_LEN letters) because they only
need to make "withdraw"/"withdrawal" and "offer"/"offered" meet; the scorer does the fine work.
"""

from __future__ import annotations

import re
import unicodedata

from app.core import thresholds

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_#<>]+")  # Markdown links and emphasis

# Function words and newswire verbs of saying: sharing them says nothing about shared content.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "say",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "told",
        "tells",
        "according",
        "however",
        "meanwhile",
        "one",
        "two",
        "us",
    ]
)


def normalise(text: str) -> str:
    """Lower-cased, NFKC, Markdown link/emphasis markup dropped, quotes/dashes folded, spaces
    collapsed: the form every scorer sees."""
    return fold(text).casefold()


def fold(text: str) -> str:
    """`normalise` without the lower-casing (name detection needs the capitals)."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", text)
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).split())


def words(norm_text: str) -> list[str]:
    """The words of already-normalised text (letters/digits with inner apostrophes)."""
    return _WORD.findall(norm_text)


def stem(word: str) -> str:
    """Crude stem: the word's first STEM_LEN characters ("withdrawal" -> "withdr")."""
    return word[: thresholds.ALIGN_STEM_LEN]


def name_stems(folded: str) -> tuple[dict[str, float], str | None, bool]:
    """The content words written capitalised inside a sentence (names: "Khalilzad", "CSTO", the
    "Security" of "Collective Security Treaty Organization"), each with the share of its name it
    carries, plus the stem of the sentence's first word when it is a content word.

    A name of several words is one name: each of its n stems carries 1/n, so the five stems of
    "Collective Security Treaty Organization (CSTO)" do not weigh five times a "Khalilzad". The
    first word is capitalised whatever it is, so it is returned apart for the caller to judge
    against the rest of the corpus. A title-case sentence (a headline: at least
    ALIGN_TITLE_CASE_SHARE of its content words capitalised) has no names: its capitals say
    nothing. Args: the sentence after `fold` (capitals kept).
    Returns: ({name stem: share 0..1}, first stem, whether the sentence is in title case).
    """
    found = _WORD.findall(folded)
    return names_of_words(found, [w.casefold() for w in found])


def names_of_words(
    found: list[str], lowered: list[str]
) -> tuple[dict[str, float], str | None, bool]:
    """`name_stems` of a sentence already split into words: `found` as written (capitals kept)
    and `lowered`, the same words case-folded (one split serves stems, names and word counts).
    """
    if not found:
        return {}, None, False
    stop = STOPWORDS
    content = [k for k, w in enumerate(found) if len(w) > 1 and lowered[k] not in stop]
    capital = [k for k in content if found[k][0].isupper()]
    if len(content) >= 4 and len(capital) >= thresholds.ALIGN_TITLE_CASE_SHARE * len(content):
        return {}, None, True
    first = stem(lowered[0]) if content and content[0] == 0 else None
    if not capital or capital == [0]:
        return {}, first, False
    shares: dict[str, float] = {}
    for run in _runs([(k, lowered[k]) for k in capital if k > 0]):
        for w in run:
            s = stem(w)
            shares[s] = max(shares.get(s, 0.0), 1.0 / len(run))
    return shares, first, False


def _runs(indexed: list[tuple[int, str]]) -> list[list[str]]:
    """Words grouped into runs of consecutive positions."""
    runs: list[list[str]] = []
    last = -2
    for k, w in indexed:
        if k == last + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
        last = k
    return runs


def content_stems(norm_text: str) -> list[str]:
    """Distinct stems of the content words (not stop words, not single letters), in order."""
    return stems_of_words(words(norm_text))


def stems_of_words(norm_words: list[str]) -> list[str]:
    """`content_stems` of text already split into (normalised) words."""
    n = thresholds.ALIGN_STEM_LEN  # `stem` inlined: this runs on every word of every article
    stop = STOPWORDS
    return list(dict.fromkeys([w[:n] for w in norm_words if len(w) > 1 and w not in stop]))

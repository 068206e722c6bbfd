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
    text = _MARKUP.sub(lambda m: m.group(1) or " ", text)
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join(text.split())


def words(norm_text: str) -> list[str]:
    """The words of already-normalised text (letters/digits with inner apostrophes)."""
    return _WORD.findall(norm_text)


def stem(word: str) -> str:
    """Crude stem: the word's first STEM_LEN characters ("withdrawal" -> "withdr")."""
    return word[: thresholds.ALIGN_STEM_LEN]


def content_stems(norm_text: str) -> list[str]:
    """Distinct stems of the content words (not stop words, not single letters), in order."""
    seen: dict[str, None] = {}
    for w in words(norm_text):
        if len(w) > 1 and w not in STOPWORDS:
            seen.setdefault(stem(w), None)
    return list(seen)

"""A generated corpus with planted rewrites and known ground truth, for alignment benchmarks.

Deterministic for a given seed. Articles are sentences of words drawn from a Zipf-like vocabulary
(a few hundred very common "function" words, thousands of rarer "content" words), so word
frequencies look like news prose to an IDF-weighted aligner. A share of each article's sentences
are planted rewrites of sentences from earlier articles: verbatim copies, word substitutions,
reorders (clauses swapped), deletions and insertions at several edit levels. Scales to any
number of articles (`generate(n_articles=1000)`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.core.model import Document, document_id

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cl",
    "dr",
    "fr",
    "gr",
    "pl",
    "st",
    "tr",
    "sh",
    "ch",
    "th",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
_CODAS = ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "m"]
# The most frequent words of English news prose, in rank order: real text spends about half its
# tokens on words like these, which is what makes IDF weighting matter.
_FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "on",
    "was",
    "with",
    "as",
    "by",
    "at",
    "said",
    "it",
    "from",
    "his",
    "be",
    "has",
    "are",
    "an",
    "have",
    "he",
    "were",
    "its",
    "but",
    "not",
    "this",
    "which",
    "who",
    "they",
    "had",
    "their",
    "been",
    "will",
    "after",
    "also",
    "would",
    "more",
    "about",
    "two",
    "there",
    "than",
    "up",
    "over",
    "new",
    "one",
    "into",
    "when",
    "last",
    "year",
    "other",
    "out",
    "all",
    "some",
    "first",
    "people",
    "could",
    "can",
    "only",
    "against",
    "most",
    "we",
    "if",
    "them",
    "these",
    "other",
    "our",
    "did",
    "what",
    "so",
    "while",
    "three",
    "under",
    "between",
]
REWRITE_KINDS = ("verbatim", "substitute", "reorder", "delete", "insert")


@dataclass(frozen=True)
class Planted:
    """One planted rewrite: sentence spans (character offsets into each document's text)."""

    src_doc: int
    src_start: int
    src_end: int
    dst_doc: int
    dst_start: int
    dst_end: int
    kind: str  # one of REWRITE_KINDS
    level: float  # share of words edited (0 for verbatim/reorder)


@dataclass
class Corpus:
    """Generated documents and the planted ground truth."""

    documents: list[Document]
    planted: list[Planted]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set(_FUNCTION_WORDS)
    while len(words) < size:
        n = rng.choice((1, 1, 2, 2, 2, 3))
        words.add(
            "".join(
                rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(n)
            )
        )
    content = sorted(words - set(_FUNCTION_WORDS))
    rng.shuffle(content)  # rank order must not follow spelling, or common words share stems
    return list(dict.fromkeys(_FUNCTION_WORDS)) + content


class _Sampler:
    """Draws words with Zipf-like frequencies (weight 1/rank^1.07)."""

    def __init__(self, rng: random.Random, vocab: list[str]) -> None:
        self._rng = rng
        self._vocab = vocab
        self._cum: list[float] = []
        total = 0.0
        for rank in range(1, len(vocab) + 1):
            total += 1.0 / rank**1.07
            self._cum.append(total)

    def words(self, n: int) -> list[str]:
        return self._rng.choices(self._vocab, cum_weights=self._cum, k=n)


def _sentence_text(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _rewrite(
    rng: random.Random, sampler: _Sampler, words: list[str], kind: str, level: float
) -> list[str]:
    out = list(words)
    n_edit = max(1, round(level * len(out)))
    if kind == "substitute":
        for pos in rng.sample(range(len(out)), min(n_edit, len(out))):
            out[pos] = sampler.words(1)[0]
    elif kind == "delete":
        for pos in sorted(rng.sample(range(len(out)), min(n_edit, len(out) - 3)), reverse=True):
            del out[pos]
    elif kind == "insert":
        for _ in range(n_edit):
            out.insert(rng.randrange(len(out) + 1), sampler.words(1)[0])
    elif kind == "reorder":
        cut = rng.randrange(len(out) // 3, 2 * len(out) // 3)
        out = out[cut:] + out[:cut]
    return out


def generate(n_articles: int = 100, seed: int = 7, plant_share: float = 0.15) -> Corpus:
    """Generate `n_articles` articles of 30-40 sentences with planted rewrites.

    Args:
        n_articles: number of documents.
        seed: random seed; the same seed gives the same corpus.
        plant_share: share of each article's sentences (after the first article) that are
            rewrites of a sentence of an earlier article.
    Returns:
        The documents (text = sentences joined into paragraphs of 3-5) and the planted pairs.
    """
    rng = random.Random(seed)
    sampler = _Sampler(rng, _vocabulary(rng, 6000))
    sentences_words: list[list[list[str]]] = []
    planned: list[list[tuple[int, int, str, float] | None]] = []
    for k in range(n_articles):
        doc_sents: list[list[str]] = []
        doc_plan: list[tuple[int, int, str, float] | None] = []
        for _ in range(rng.randint(30, 40)):
            if k > 0 and rng.random() < plant_share:
                src_doc = rng.randrange(k)
                src_idx = rng.randrange(len(sentences_words[src_doc]))
                kind = rng.choice(REWRITE_KINDS)
                level = (
                    rng.choice((0.1, 0.2, 0.3))
                    if kind in ("substitute", "delete", "insert")
                    else 0.0
                )
                src = sentences_words[src_doc][src_idx]
                doc_sents.append(_rewrite(rng, sampler, src, kind, level))
                doc_plan.append((src_doc, src_idx, kind, level))
            else:
                doc_sents.append(sampler.words(rng.randint(10, 32)))
                doc_plan.append(None)
        sentences_words.append(doc_sents)
        planned.append(doc_plan)
    return _assemble(rng, sentences_words, planned)


def _assemble(
    rng: random.Random,
    sentences_words: list[list[list[str]]],
    planned: list[list[tuple[int, int, str, float] | None]],
) -> Corpus:
    docs: list[Document] = []
    spans: list[list[tuple[int, int]]] = []
    for k, doc_sents in enumerate(sentences_words):
        parts: list[str] = []
        doc_spans: list[tuple[int, int]] = []
        pos = 0
        for i, words in enumerate(doc_sents):
            sep = "" if i == 0 else ("\n\n" if rng.random() < 0.25 else " ")
            text = _sentence_text(words)
            parts.append(sep + text)
            pos += len(sep)
            doc_spans.append((pos, pos + len(text)))
            pos += len(text)
        full = "".join(parts)
        docs.append(
            Document(
                document_id(full), f"article {k}", "generated", "", "", "en", f"gen/{k}.txt", full
            )
        )
        spans.append(doc_spans)
    planted = [
        Planted(src_doc, *spans[src_doc][src_idx], k, *spans[k][i], kind, level)
        for k, doc_plan in enumerate(planned)
        for i, plan in enumerate(doc_plan)
        if plan is not None
        for src_doc, src_idx, kind, level in [plan]
    ]
    return Corpus(docs, planted)

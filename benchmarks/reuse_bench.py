"""Reuse benchmark: Parallax against the naive all-pairs script on a story's coverage.

Corpus: `reuse_corpus.generate(n, seed)` (one story reprinted, rewritten and quoted, with
distractor prose; gold at character offsets). Methods, each run in a fresh child process so its
wall time and peak RSS are its own (`os.wait4` rusage: the largest resident set of the child or
any worker process it waited for, not their sum):
- `parallax`: `align_documents(docs, semantic=False)`, cold (no cache), default workers;
- `naive`: the ten-line script a user would write - every document split with the same
  segmenter, `rapidfuzz.process.cdist(sentences, sentences, scorer=fuzz.token_set_ratio,
  score_cutoff=70)` over all sentences, pairs from different documents kept. From
  `--naive-max` articles on it is *sampled*: a random share of the rows is scored and its time
  scaled to all rows (extrapolated, and printed as such); its quality is then not measured.

Measures, per method (on every document pair up to `--eval-pairs`, else on that many random
document pairs, the same for every method):
- sentence pairs: gold = every two generated sentences in different articles that carry a
  common pool sentence; recall = share of them that some match joins (its spans cover half of
  each); precision = share of matches whose two sides carry a common pool sentence (a match
  that touches only distractor or own prose is wrong);
- PAN text alignment (Potthast et al. 2010): cases = the two renderings of one pool passage in
  two articles, detections = the matches with adjacent ones merged (gap <= 3 characters on both
  sides, so sentence-level output is not charged granularity for being sentence-level);
  macro precision and recall over characters, granularity, plagdet; recall per obfuscation
  kind (a case's kind is the stronger rewrite of its two renderings).
Run: .venv/bin/python benchmarks/reuse_bench.py [--articles 100 200] [--seed 1]
     [--methods parallax naive]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.reuse_corpus import KINDS, GoldPassage, GoldSentence, generate  # noqa: E402

Det = tuple[int, int, int, int, int, int]  # doc a, a start, a end, doc b, b start, b end


# ---------------------------------------------------------------- the methods (child side)


def run_parallax(n: int, seed: int) -> tuple[list[Det], float]:
    from app.core.align import align_documents

    docs = generate(n, seed).documents
    order = {d.id: k for k, d in enumerate(docs)}
    start = time.perf_counter()
    result = align_documents(docs, semantic=False)
    wall = time.perf_counter() - start
    dets = [
        (order[m.a.doc_id], m.a.start, m.a.end, order[m.b.doc_id], m.b.start, m.b.end)
        for m in result.matches
    ]
    return dets, wall


def run_naive(n: int, seed: int, sample: float) -> tuple[list[Det], float]:
    import numpy as np
    from rapidfuzz import fuzz, process

    from app.core.segment import sentences

    docs = generate(n, seed).documents
    start = time.perf_counter()
    spans = [(k, p.start, p.end) for k, d in enumerate(docs) for p in sentences(d)]
    texts = [docs[k].text[s:e] for k, s, e in spans]
    owner = np.array([k for k, _, _ in spans])
    rows = range(len(texts))
    if sample < 1:
        rows = sorted(random.Random(0).sample(rows, max(1, int(len(texts) * sample))))
    dets: list[Det] = []
    for lo in range(0, len(rows), 500):
        chunk = list(rows[lo : lo + 500])
        scores = process.cdist(
            [texts[r] for r in chunk], texts, scorer=fuzz.token_set_ratio, score_cutoff=70
        )
        for r, c in zip(*np.nonzero(scores), strict=True):
            row = chunk[r]
            if owner[row] < owner[c]:
                dets.append((*spans[row], *spans[c]))
    wall = (time.perf_counter() - start) / sample
    return (dets if sample >= 1 else []), wall


def child_main(method: str, n: int, seed: int, sample: float, out: str) -> None:
    if method == "parallax":
        dets, wall = run_parallax(n, seed)
    else:
        dets, wall = run_naive(n, seed, sample)
    Path(out).write_text(json.dumps({"wall": wall, "dets": dets}))


@dataclass
class Run:
    method: str
    wall: float
    rss_mib: float
    dets: list[Det]
    sampled: bool


def run_child(method: str, n: int, seed: int, sample: float) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.json")
        argv = [sys.executable, __file__, "--child", method, str(n), str(seed), str(sample), out]
        proc = subprocess.Popen(argv, env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise SystemExit(f"{method} failed with exit status {proc.returncode}")
        data = json.loads(Path(out).read_text())
    dets = [tuple(d) for d in data["dets"]]
    return Run(method, data["wall"], usage.ru_maxrss / 1024, dets, sample < 1)  # type: ignore[arg-type]


# ---------------------------------------------------------------- evaluation


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _carried(gold: list[GoldSentence], start: int, end: int) -> tuple[set[int], list[int]]:
    """Pool sentences carried by [start, end), and the gold sentences it covers (half of each
    or half of the span)."""
    carries: set[int] = set()
    covered: list[int] = []
    for k, g in enumerate(gold):
        ov = _overlap(start, end, g.start, g.end)
        if ov and ov * 2 >= min(g.end - g.start, end - start):
            carries |= g.carries
            covered.append(k)
    return carries, covered


def merged(dets: Iterable[Det]) -> list[Det]:
    """Detections of one document pair with neighbours on both sides joined (gap <= 3)."""
    out: list[list[int]] = []
    for d in sorted(dets, key=lambda d: (d[1], d[4])):
        if out:
            c = out[-1]
            if (-1 <= d[1] - c[2] <= 3 and -1 <= d[4] - c[5] <= 3) or (
                d[1] < c[2] and d[4] < c[5] and d[2] > c[1] and d[5] > c[4]
            ):
                c[1], c[2] = min(c[1], d[1]), max(c[2], d[2])
                c[4], c[5] = min(c[4], d[4]), max(c[5], d[5])
                continue
        out.append(list(d))
    return [tuple(c) for c in out]  # type: ignore[misc]


def _union_len(ranges: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(ranges):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


class Tally:
    """Running sums of every measure over the evaluated document pairs."""

    def __init__(self) -> None:
        self.gold_pairs = 0
        self.recalled_pairs = 0
        self.matches = 0
        self.correct = 0
        self.case_recall: list[float] = []
        self.case_kind: list[str] = []
        self.case_hits: list[int] = []
        self.det_precision: list[float] = []
        self.kind_pairs: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def summary(self) -> dict[str, object]:
        rec = sum(self.case_recall) / max(1, len(self.case_recall))
        prec = sum(self.det_precision) / max(1, len(self.det_precision))
        hit = [h for h in self.case_hits if h]
        gran = sum(hit) / max(1, len(hit))
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        kinds: dict[str, dict[str, float]] = {}
        for kind in KINDS:
            vals = [r for r, k in zip(self.case_recall, self.case_kind, strict=True) if k == kind]
            got, all_ = self.kind_pairs[kind]
            if vals:
                kinds[kind] = {
                    "pan_recall": round(sum(vals) / len(vals), 3),
                    "sentence_recall": round(got / max(1, all_), 3),
                    "cases": len(vals),
                }
        return {
            "sentence_recall": round(self.recalled_pairs / max(1, self.gold_pairs), 3),
            "sentence_precision": round(self.correct / max(1, self.matches), 3),
            "gold_sentence_pairs": self.gold_pairs,
            "matches": self.matches,
            "pan_precision": round(prec, 3),
            "pan_recall": round(rec, 3),
            "granularity": round(gran, 3),
            "plagdet": round(f1 / math.log2(1 + gran), 3) if hit else 0.0,
            "kinds": kinds,
        }


def _stronger(a: str, b: str) -> str:
    return a if KINDS.index(a) >= KINDS.index(b) else b


def evaluate_pair(
    tally: Tally,
    gold: tuple[list[GoldSentence], list[GoldSentence]],
    passages: tuple[list[GoldPassage], list[GoldPassage]],
    dets: list[Det],
) -> None:
    """Add one document pair's figures to `tally` (see the module docstring)."""
    ga, gb = gold
    kind_a = {
        k: p.kind for p in passages[0] for k, g in enumerate(ga) if p.start <= g.start < p.end
    }
    kind_b = {
        k: p.kind for p in passages[1] for k, g in enumerate(gb) if p.start <= g.start < p.end
    }
    wanted = {
        (x, y)
        for x, sa in enumerate(ga)
        if sa.carries
        for y, sb in enumerate(gb)
        if sa.carries & sb.carries
    }
    got: set[tuple[int, int]] = set()
    for d in dets:
        ca, xa = _carried(ga, d[1], d[2])
        cb, xb = _carried(gb, d[4], d[5])
        tally.matches += 1
        tally.correct += bool(ca & cb)
        got.update((x, y) for x in xa for y in xb if (x, y) in wanted)
    tally.gold_pairs += len(wanted)
    tally.recalled_pairs += len(got)
    for x, y in wanted:
        kind = _stronger(kind_a[x], kind_b[y])
        tally.kind_pairs[kind][0] += (x, y) in got
        tally.kind_pairs[kind][1] += 1
    _pan(tally, passages, merged(dets))


def _pan(
    tally: Tally, passages: tuple[list[GoldPassage], list[GoldPassage]], dets: list[Det]
) -> None:
    by_source = {p.source: p for p in passages[1]}
    cases = [(p, by_source[p.source]) for p in passages[0] if p.source in by_source]
    per_det: list[list[tuple[int, int]]] = [[] for _ in dets]
    per_det_b: list[list[tuple[int, int]]] = [[] for _ in dets]
    for pa, pb in cases:
        ra: list[tuple[int, int]] = []
        rb: list[tuple[int, int]] = []
        hits = 0
        for k, d in enumerate(dets):
            oa = _overlap(pa.start, pa.end, d[1], d[2])
            ob = _overlap(pb.start, pb.end, d[4], d[5])
            if oa and ob:
                hits += 1
                ra.append((max(pa.start, d[1]), min(pa.end, d[2])))
                rb.append((max(pb.start, d[4]), min(pb.end, d[5])))
                per_det[k].append(ra[-1])
                per_det_b[k].append(rb[-1])
        size = (pa.end - pa.start) + (pb.end - pb.start)
        tally.case_recall.append((_union_len(ra) + _union_len(rb)) / size)
        tally.case_kind.append(_stronger(pa.kind, pb.kind))
        tally.case_hits.append(hits)
    for k, d in enumerate(dets):
        size = (d[2] - d[1]) + (d[5] - d[4])
        tally.det_precision.append((_union_len(per_det[k]) + _union_len(per_det_b[k])) / size)


def evaluate(
    n: int, seed: int, dets: list[Det], pairs: Sequence[tuple[int, int]]
) -> dict[str, object]:
    corpus = generate(n, seed)
    by_pair: dict[tuple[int, int], list[Det]] = defaultdict(list)
    for d in dets:
        key = (d[0], d[3]) if d[0] < d[3] else (d[3], d[0])
        if d[0] > d[3]:
            d = (d[3], d[4], d[5], d[0], d[1], d[2])
        by_pair[key].append(d)
    tally = Tally()
    for i, j in pairs:
        gold = (corpus.sentences[i], corpus.sentences[j])
        evaluate_pair(
            tally, gold, (corpus.passages[i], corpus.passages[j]), by_pair.get((i, j), [])
        )
    return tally.summary()


def eval_pairs(n: int, limit: int) -> list[tuple[int, int]]:
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    if len(pairs) <= limit:
        return pairs
    return sorted(random.Random(7).sample(pairs, limit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--methods", nargs="+", default=["parallax", "naive"])
    parser.add_argument("--naive-max", type=int, default=300, help="sample naive from here on")
    parser.add_argument("--eval-pairs", type=int, default=6000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    report: dict[str, object] = {}
    for n in args.articles:
        pairs = eval_pairs(n, args.eval_pairs)
        for method in args.methods:
            sample = 1.0 if method != "naive" or n < args.naive_max else 0.1
            run = run_child(method, n, args.seed, sample)
            fig: dict[str, object] = {
                "wall_s": round(run.wall, 2),
                "peak_rss_mib": round(run.rss_mib),
                "extrapolated": run.sampled,
            }
            if not run.sampled:
                fig.update(evaluate(n, args.seed, run.dets, pairs))
            fig["evaluated_pairs"] = len(pairs) if not run.sampled else 0
            report[f"{method}@{n}"] = fig
            _print(method, n, args.seed, fig)
    if args.json:
        print(json.dumps(report, indent=1))


def _print(method: str, n: int, seed: int, fig: dict[str, object]) -> None:
    head = f"{method:9s} n={n:<5d} seed={seed} wall {fig['wall_s']:7.2f} s"
    head += " (extrapolated from a 10 % row sample)" if fig["extrapolated"] else ""
    print(f"{head}  peak RSS {fig['peak_rss_mib']} MiB", flush=True)
    if "plagdet" not in fig:
        return
    print(
        f"    sentence recall {fig['sentence_recall']:.3f}"
        f" precision {fig['sentence_precision']:.3f}"
        f" ({fig['matches']} matches, {fig['gold_sentence_pairs']} gold pairs in"
        f" {fig['evaluated_pairs']} document pairs)  PAN P {fig['pan_precision']:.3f}"
        f" R {fig['pan_recall']:.3f} gran {fig['granularity']:.3f} plagdet {fig['plagdet']:.3f}"
    )
    kinds = fig["kinds"]
    assert isinstance(kinds, dict)
    print(
        "    per kind (PAN recall / sentence recall): "
        + ", ".join(
            f"{k} {v['pan_recall']:.2f}/{v['sentence_recall']:.2f}" for k, v in kinds.items()
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
    else:
        main()

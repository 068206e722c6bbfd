"""Scale benchmark (issue 8): many articles, all cores, the pair cache, the candidate index.

Figures, each against a baseline measured in the same run:
- 100 generated articles: Parallax's lexical pass (one process, and all cores) against the naive
  all-pairs `rapidfuzz.process.cdist(fuzz.ratio)` over every sentence (workers=1, and -1); recall
  of planted rewrites; recall of the candidate index alone against Parallax's scorer run on
  every planted pair (what all-pairs scoring would find), per rewrite kind.
- The seeds: gold strong / weak found, unrelated matched; index-alone recall of the weak pairs.
- Growth: 50, 100, 200, 400 articles (each in a fresh process): wall time on all cores, peak
  RSS of the process plus its worker processes (sampled from /proc every 20 ms), progress calls.
- Cache: a case of 100 articles aligned into an empty cache; reopened (every pair cached);
  one article added (only its 100 new pairs aligned).
- Crossover (--crossover): one process against the work shared with worker processes at 30 to
  150 articles, which sets ALIGN_PARALLEL_MIN_PAIRS(_FORKED) for the way workers start here
  (forked from a script; PARALLAX_ALIGN_START=spawn measures spawned ones, as the app starts).
Run: .venv/bin/python benchmarks/scale_bench.py [--sizes 50,100,200,400] [--repeat 2] [--crossover]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from app.core import thresholds  # noqa: E402
from app.core.align import align_documents  # noqa: E402
from app.core.align.cache import AlignmentCache  # noqa: E402
from app.core.align.candidates import index_document, pair_candidates, pair_corpus  # noqa: E402
from app.core.align.parallel import parallel_min_pairs, start_method  # noqa: E402
from app.core.align.scoring import score, view_of  # noqa: E402
from app.core.align.tokens import normalise  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Document  # noqa: E402
from app.core.segment import sentences  # noqa: E402
from benchmarks.align_bench import (  # noqa: E402
    _best_interleaved,
    _gold_truth,
    _recall,
    parallax_pairs,
)
from benchmarks.corpus_gen import generate  # noqa: E402


def _best(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def naive(docs: list[Document], workers: int) -> int:
    """All-pairs fuzz.ratio over every sentence: the number of pairs at or above MIN_SCORE."""
    texts = [normalise(d.text[p.start : p.end]) for d in docs for p in sentences(d)]
    scores = process.cdist(
        texts,
        texts,
        scorer=fuzz.ratio,
        score_cutoff=thresholds.MIN_SCORE,
        workers=workers,
        dtype="uint8",
    )
    return int((scores > 0).sum())


def _sentence_of(doc_sents: list[Any], start: int, end: int) -> list[int]:
    return [k for k, p in enumerate(doc_sents) if p.start < end and start < p.end]


def index_vs_scorer(
    docs: list[Document], pairs: list[tuple[int, int, int, int, int, int]]
) -> dict[str, float]:
    """Of the given true pairs (doc, start, end, doc, start, end): the share Parallax's scorer
    accepts when shown the pair directly (all-pairs scoring), and the share the candidate index
    proposes among those (so what the index alone loses)."""
    sents = [sentences(d) for d in docs]
    indexes = [index_document(d, s) for d, s in zip(docs, sents, strict=True)]
    scored = proposed = 0
    for a, a0, a1, b, b0, b1 in pairs:
        i, j = min(a, b), max(a, b)
        (x0, x1), (y0, y1) = ((a0, a1), (b0, b1)) if a < b else ((b0, b1), (a0, a1))
        xs, ys = _sentence_of(sents[i], x0, x1), _sentence_of(sents[j], y0, y1)
        corpus = pair_corpus(indexes[i], indexes[j])
        best = max(
            (
                score(corpus, view_of(corpus, 0, x, x), view_of(corpus, 1, y, y))
                for x in xs
                for y in ys
            ),
            default=0.0,
        )
        if best < thresholds.MIN_SCORE:
            continue
        scored += 1
        cands = set(pair_candidates(indexes[i], indexes[j]))
        proposed += any((x, y) in cands for x in xs for y in ys)
    return {"scorer_recall": scored / max(1, len(pairs)), "index_keeps": proposed / max(1, scored)}


def one_size(n: int) -> dict[str, Any]:
    """Align n generated articles on all cores; time, progress calls, how workers started.

    Runs in a child process of the benchmark, which samples its memory from outside: a sampling
    thread in here would make the aligner spawn its workers instead of forking them."""
    docs = generate(n_articles=n).documents
    calls: list[float] = []
    start = time.perf_counter()
    al = align_documents(docs, semantic=False, progress=lambda f, _: calls.append(f))
    elapsed = time.perf_counter() - start
    return {
        "articles": n,
        "sentences": sum(len(p) for p in al.passages.values()),
        "seconds": round(elapsed, 2),
        "progress_calls": len(calls),
        "matches": len(al.matches),
        "workers": "one process"
        if n * (n - 1) // 2 < parallel_min_pairs(start_method())
        else start_method(),
    }


def _workers_label(n: int) -> str:
    """How `align_documents` runs n articles here: in one process, or with fork/spawn workers."""
    method = start_method()
    return "one process" if n * (n - 1) // 2 < parallel_min_pairs(method) else method


def _growth_run(n: int, method: str) -> dict[str, Any]:
    """`one_size` in a fresh process whose workers start by `method`, with its peak RSS."""
    env = {**os.environ, "PARALLAX_ALIGN_START": method}
    child = subprocess.Popen(
        [sys.executable, __file__, "--one", str(n)], stdout=subprocess.PIPE, text=True, env=env
    )
    peak = _RssSampler(child.pid)
    peak.start()
    out, _ = child.communicate()
    peak.stop()
    if child.returncode != 0:
        raise SystemExit(f"growth run of {n} articles failed (exit {child.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_rss_mib": peak.peak / 2**20}


class _RssSampler(threading.Thread):
    """Peak of (a process + all its descendants) resident memory, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self._pid = pid
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, _tree_rss(self._pid))
            self._halt.wait(0.02)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _tree_rss(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(
                int(ln.split()[1]) * 1024 for ln in status.splitlines() if ln.startswith("VmRSS")
            )
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _report_100(repeat: int) -> None:
    corpus = generate(n_articles=100)
    docs = corpus.documents
    # Interleaved (each repeat runs all four), so a load spike on the shared machine hits the
    # baselines and Parallax alike; best of `repeat` each.
    (t_one, al), (t_all, _), (t_naive1, _), (t_naive_all, _) = _best_interleaved(
        [
            lambda: align_documents(docs, semantic=False, workers=1),
            lambda: align_documents(docs, semantic=False),
            lambda: naive(docs, 1),
            lambda: naive(docs, -1),
        ],
        repeat,
    )
    truth = [
        (p.src_doc, p.src_start, p.src_end, p.dst_doc, p.dst_start, p.dst_end)
        for p in corpus.planted
    ]
    print(f"== 100 generated articles, {sum(len(p) for p in al.passages.values())} sentences")
    print(f"  naive cdist workers=1 : {t_naive1:6.2f} s   workers=-1: {t_naive_all:6.2f} s")
    print(f"  Parallax one process  : {t_one:6.2f} s   = {t_one / t_naive1:.2f} x naive(1)")
    print(
        f"  Parallax all cores    : {t_all:6.2f} s   = {t_all / t_naive1:.2f} x naive(1),"
        f" {t_all / t_naive_all:.2f} x naive(-1)"
    )
    print(f"  planted recall: {_recall(parallax_pairs(al), truth):.1%} of {len(truth)}")
    kinds: dict[str, list[Any]] = {}
    for p, t in zip(corpus.planted, truth, strict=True):
        kinds.setdefault(f"{p.kind} {p.level:.0%}", []).append(t)
    for kind, want in sorted(kinds.items()):
        iv = index_vs_scorer(docs, want)
        print(
            f"    {kind:16s} n={len(want):3d} final {_recall(parallax_pairs(al), want):6.1%}"
            f"  scorer on all pairs {iv['scorer_recall']:6.1%}"
            f"  index keeps {iv['index_keeps']:6.1%}"
        )


def _report_seeds() -> None:
    seeds = [load_document(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    al = align_documents(seeds, semantic=False)
    pairs = parallax_pairs(al)
    gold = _gold_truth(seeds)
    names = {Path(d.source_path).name: k for k, d in enumerate(seeds)}
    raw = json.loads((ROOT / "tests/data/seed_alignment.json").read_text("utf-8"))
    from benchmarks.align_bench import _locate

    unrelated = [
        (
            names[g["a_file"]],
            *_locate(seeds[names[g["a_file"]]].text, g["a_quote"]),
            names[g["b_file"]],
            *_locate(seeds[names[g["b_file"]]].text, g["b_quote"]),
        )
        for g in raw["unrelated"]
    ]
    print("== seeds")
    for label, want in (*gold.items(), ("unrelated", unrelated)):
        found = round(_recall(pairs, want) * len(want))
        print(f"  {label:9s}: {found}/{len(want)} matched", end="")
        if label == "weak":
            iv = index_vs_scorer(seeds, want)
            print(
                f"  (scorer on all pairs {iv['scorer_recall']:.0%},"
                f" index keeps {iv['index_keeps']:.0%})",
                end="",
            )
        print()


def _report_cache() -> None:
    docs = generate(n_articles=101).documents
    with tempfile.TemporaryDirectory() as tmp:
        cache = AlignmentCache(Path(tmp) / "c.sqlite")
        t0 = time.perf_counter()
        align_documents(docs[:100], semantic=False, cache=cache)
        t_cold = time.perf_counter() - t0
        t_reopen, _ = _best(lambda: align_documents(docs[:100], semantic=False, cache=cache), 3)
        t0 = time.perf_counter()
        align_documents(docs, semantic=False, cache=cache)
        t_add = time.perf_counter() - t0
    print("== cache (100 articles)")
    print(f"  first alignment (empty cache): {t_cold:6.2f} s")
    print(f"  reopen (all pairs cached)    : {t_reopen:6.2f} s")
    print(f"  add one article (100 pairs)  : {t_add:6.2f} s")


def crossover(sizes: list[int], repeat: int) -> None:
    """Where sharing the pairs with worker processes starts to pay (ALIGN_PARALLEL_MIN_PAIRS,
    or its _FORKED twin): each size aligned in this process alone and shared, interleaved."""
    print(f"== crossover: one process vs shared with {start_method()}ed workers (best / median)")
    limit = parallel_min_pairs(start_method())
    names = ("ALIGN_PARALLEL_MIN_PAIRS", "ALIGN_PARALLEL_MIN_PAIRS_FORKED")
    saved = [getattr(thresholds, name) for name in names]
    for name in names:  # let every size take the shared path when asked
        setattr(thresholds, name, 0)
    try:
        for n in sizes:
            docs = generate(n_articles=n).documents
            runs: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(repeat):
                for workers in runs:
                    start = time.perf_counter()
                    align_documents(docs, semantic=False, workers=workers)
                    runs[workers].append(time.perf_counter() - start)
            one, shared = (sorted(runs[w]) for w in (1, 2))
            print(
                f"  {n:4d} articles ({n * (n - 1) // 2:6d} pairs): one process "
                f"{one[0]:5.2f} / {one[len(one) // 2]:5.2f} s, shared "
                f"{shared[0]:5.2f} / {shared[len(shared) // 2]:5.2f} s"
            )
    finally:
        for name, value in zip(names, saved, strict=True):
            setattr(thresholds, name, value)
    print(f"  (sharing starts at {limit} pairs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,100,200,400")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--crossover",
        action="store_true",
        help="only compare one process with shared work at 30-150 articles",
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one)))
        return
    if args.crossover:
        _print_load("start")
        crossover([30, 50, 75, 100, 150], max(args.repeat, 4))
        _print_load("end")
        return
    _print_load("start")
    _report_seeds()
    _report_100(args.repeat)
    _report_cache()
    print("== growth (all cores, fresh process each; forked workers as from the command line,")
    print("   spawned ones as from the desktop app)")
    for n in (int(s) for s in args.sizes.split(",")):
        for method in ("fork", "spawn"):
            r = _growth_run(n, method)
            print(
                f"  {r['articles']:4d} articles {r['sentences']:6d} sentences"
                f" [{r['workers']:11s}]: {r['seconds']:7.2f} s"
                f"  peak RSS {r['peak_rss_mib']:7.1f} MiB  progress calls {r['progress_calls']}"
                f"  matches {r['matches']}"
            )
    _print_load("end")


def _print_load(when: str) -> None:
    """The load average: the machine is shared, and figures mean little without it."""
    one, five, fifteen = os.getloadavg()
    print(f"== load average at {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()

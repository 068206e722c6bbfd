"""Semantic-matching benchmark: what the semantic pass adds to aligning the seeds.

Baseline (measured in the same run): `align_documents(seeds, semantic=False)`, the lexical
aligner alone. Then, each in a fresh subprocess so model loading is counted:
- cold: semantic on with an empty embedding cache (load the model, embed every sentence);
- warm: semantic on again with the cache the cold run filled (nothing embedded).
The three kinds of run are interleaved (lexical, cold, warm, lexical, ...) so that a burst of
load from other jobs hits them all; each figure is the best (and the median) of --repeat runs of
wall time (time.perf_counter) for the alignment call alone, with the load average before and
after, the median CPU time of the child (all its threads: less noisy than wall time), plus the
gold counts (tests/data/seed_alignment.json) for lexical and semantic runs.
--workers sets align_documents(workers=...): 1 (default) keeps the lexical pass in the process,
0 means None (the app's default: one process per core).
Target (issue 9): cold adds at most 2 s on 2 cores, warm adds nothing measurable.
Run: .venv/bin/python benchmarks/semantic_bench.py [--repeat 5] [--model minilm-int8]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.align import align_documents  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Alignment, Document  # noqa: E402

GOLD = json.loads((ROOT / "tests" / "data" / "seed_alignment.json").read_text("utf-8"))


def seeds() -> list[Document]:
    return [load_document(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _locate(doc: Document, quote: str) -> tuple[int, int]:
    m = re.search(r"\s+".join(re.escape(w) for w in quote.split()), doc.text)
    assert m is not None, quote
    return m.span()


def _found(al: Alignment, docs: list[Document], pair: dict[str, str]) -> bool:
    names = {Path(d.source_path).name: d for d in docs}
    da, db = names[pair["a_file"]], names[pair["b_file"]]
    (a0, a1), (b0, b1) = _locate(da, pair["a_quote"]), _locate(db, pair["b_quote"])
    for m in al.matches:
        for x, y in ((m.a, m.b), (m.b, m.a)):
            same = (x.doc_id, y.doc_id) == (da.id, db.id)
            if same and x.start < a1 and a0 < x.end and y.start < b1 and b0 < y.end:
                return True
    return False


def gold_counts(al: Alignment, docs: list[Document]) -> dict[str, int]:
    """How many gold pairs of each list the alignment matches."""
    pairs = GOLD["pairs"]
    return {
        "strong": sum(_found(al, docs, p) for p in pairs if p["strength"] == "strong"),
        "weak": sum(_found(al, docs, p) for p in pairs if p["strength"] == "weak"),
        "unrelated": sum(_found(al, docs, p) for p in GOLD["unrelated"]),
        "known_wrong": sum(_found(al, docs, p) for p in GOLD["known_wrong"]),
        "matches": len(al.matches),
        "semantic": sum(m.method == "semantic" for m in al.matches),
    }


def one_run(semantic: bool, workers: int) -> dict[str, Any]:
    """Align the seeds once in this process; the time of the alignment call only."""
    docs = seeds()
    start, cpu = time.perf_counter(), time.process_time()
    al = align_documents(docs, semantic=semantic, workers=workers or None)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, **gold_counts(al, docs)}


def _subprocess_run(kind: str, home: str, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "PARALLAX_HOME": home, "PARALLAX_SEMANTIC_MODEL": args.model}
    flags = ["--child-lexical"] if kind == "lexical" else ["--child-semantic"]
    flags += ["--workers", str(args.workers)]
    out = subprocess.run(
        [sys.executable, __file__, *flags], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _report(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Best and median seconds per kind of run, added time against the lexical run, gold."""
    best = {k: min(v, key=lambda r: r["seconds"]) for k, v in rows.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in rows.items()}
    median = {k: statistics.median(r["seconds"] for r in v) for k, v in rows.items()}
    base, base_median = best["lexical"]["seconds"], median["lexical"]
    for name, row in best.items():
        extra = ""
        if name != "lexical":
            extra = f" (+{row['seconds'] - base:.2f} s; median +{median[name] - base_median:.2f} s)"
        counts = ", ".join(f"{k} {row[k]}" for k in ("strong", "weak", "unrelated", "known_wrong"))
        print(
            f"  {name:13} best {row['seconds']:5.2f} s, median {median[name]:5.2f} s{extra}, "
            f"median CPU {cpu[name]:5.2f} s (all threads); "
            f"gold: {counts}; {row['matches']} matches, {row['semantic']} semantic"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--model", default="minilm-int8")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--child-semantic", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child-lexical", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_semantic or args.child_lexical:
        print(json.dumps(one_run(args.child_semantic, args.workers)))
        return
    kinds = ["lexical", "cold", "warm"]
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    load_before = os.getloadavg()
    homes = [tempfile.mkdtemp(prefix="parallax-bench-")]
    try:
        for _ in range(args.repeat):
            for kind in kinds:
                # A fresh PARALLAX_HOME for each cold run; warm reuses the last cold run's cache.
                if kind.startswith("cold"):
                    homes.append(tempfile.mkdtemp(prefix="parallax-bench-"))
                rows[kind].append(_subprocess_run(kind, homes[-1], args))
    finally:
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)
    print(
        f"semantic bench: seeds, model {args.model}, best of {args.repeat}, workers "
        f"{args.workers}, {os.cpu_count()} cores, load average before "
        f"{load_before[0]:.2f} / after {os.getloadavg()[0]:.2f}"
    )
    _report(rows)


if __name__ == "__main__":
    main()

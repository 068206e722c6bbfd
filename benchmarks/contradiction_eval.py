"""Score `parallax flags` on contradiction gold: the repository's own (per split), the seeds' and,
given --dev-set DIR, an external set laid out like it.

For every split it prints recall, precision, false flags per negative item (and per category),
recall by kind, and example misses and false flags. The installed CLI runs as a user would run it,
once per story with all its articles (once per pair for an external set), in a scratch
PARALLAX_HOME so no store of the user's is read or written.

Run: .venv/bin/python benchmarks/contradiction_eval.py [--parallax PATH] [--dev-set DIR]
         [--splits dev heldout] [--no-seeds] [--examples N] [--heldout-examples]
         [--extra-args "..."] [--json]

The held-out split measures; it is never tuned on (tests/data/contradictions/README.md). So that
reading its misses does not become tuning by another name, its examples are left out unless
--heldout-examples asks for them (to check the gold, not the detector).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.contradiction_gold import (  # noqa: E402
    Case,
    Score,
    flags_from_json,
    load_dev_set,
    load_gold,
    load_seed_gold,
    score_case,
)

GOLD = ROOT / "tests" / "data" / "contradictions" / "gold.json"
SEED_GOLD = ROOT / "tests" / "data" / "seed_contradictions.json"
SEEDS = ROOT / "seeds"
HELDOUT = "heldout"
SEED_FLAG_LIMIT = 40  # a reader should be able to read every flag of the bundled story


class CliError(Exception):
    """The CLI failed or answered something that is not flags JSON."""


class Runner:
    """Runs the CLI with a scratch store and the extra arguments asked for."""

    def __init__(self, parallax: str, extra: list[str], home: str) -> None:
        self.parallax = parallax
        self.extra = extra
        self.env = dict(os.environ, PARALLAX_HOME=home)

    def json(self, *args: str) -> dict[str, Any]:
        cmd = [self.parallax, *args, "--json"]
        out = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=900)
        if out.returncode != 0:
            last = (out.stderr.strip().splitlines() or ["no message"])[-1]
            raise CliError(f"{' '.join(cmd[:3])} ... exited {out.returncode}: {last}")
        try:
            answer: dict[str, Any] = json.loads(out.stdout)
        except json.JSONDecodeError as err:
            raise CliError(f"{' '.join(cmd[:3])} ... printed no JSON ({err})") from None
        return answer

    def flags(self, files: Iterable[Path]) -> dict[str, Any]:
        return self.json("flags", *map(str, files), *self.extra)

    def clean_text(self, file: Path) -> str:
        return str(self.json("show", str(file))["text"])


def score_cases(runner: Runner, cases: list[Case], texts: dict[Path, str] | None = None) -> Score:
    """Run flags on every case and score it; `texts` gives the clean texts when files differ."""
    score = Score()
    for case in cases:
        result = runner.flags(case.files)
        known = {f: (texts or {}).get(f) or f.read_text(encoding="utf-8") for f in case.files}
        score_case(case, flags_from_json(result, known), score)
    return score


def report(name: str, score: Score, examples: int) -> dict[str, Any]:
    """The summary of one split, with its first misses and false flags."""
    return {
        "split": name,
        **score.summary(),
        "misses": score.misses[:examples],
        "false_flags": score.false_flags[:examples],
    }


def print_report(rep: dict[str, Any]) -> None:
    held = rep["split"] == HELDOUT
    print(f"== {rep['split']}" + ("  (measure only: never tune on it)" if held else ""))
    print(
        f"  recall {rep['recall']} ({rep['found']}/{rep['contradictions']} contradictions)   "
        f"precision {rep['precision']} ({rep['true_flags']}/{rep['flags']} flags)   "
        f"false flags per negative item {rep['false_flags_per_negative_item']} "
        f"({rep['negative_items']} items; stray flags {rep['stray_flags']})"
    )
    print(
        f"  with the flag's values inside the quotes: recall {rep['recall_values_in_quotes']}  "
        f"precision {rep['precision_values_in_quotes']}"
    )
    print(f"  false flags by category: {rep['false_flags_by_category']}")
    print(f"  recall by kind: {rep['recall_by_kind']}   found: {rep['found_items']}")
    print(
        f"  flag kinds, true: {rep['true_flags_by_flag_kind']}  "
        f"false: {rep['false_flags_by_flag_kind']}"
    )
    if "seed_flag_limit" in rep:
        print(f"  seed flags {rep['flags']} (at most {rep['seed_flag_limit']})")
    for m in rep["misses"]:
        print(f"  miss [{m['item']} {m['kind']}]\n      A: {m['a']}\n      B: {m['b']}")
    for f in rep["false_flags"]:
        print(f"  false [{f['case']} on {f['on']}, {f['kind']}] {f['reason']}")
        print(f"      A: {f['a']}\n      B: {f['b']}")


def default_parallax() -> str:
    """The CLI installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("parallax")
    return str(beside) if beside.exists() else (shutil.which("parallax") or "parallax")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parallax", default=default_parallax(), help="the CLI to run")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the repository's gold.json")
    ap.add_argument("--splits", nargs="*", default=["dev", "heldout"], help="its splits to score")
    ap.add_argument("--no-seeds", action="store_true", help="do not score the seeds' gold")
    ap.add_argument("--dev-set", type=Path, help="a folder of gold_<split>.json to score too")
    ap.add_argument("--examples", type=int, default=10, help="misses and false flags to show")
    ap.add_argument(
        "--heldout-examples", action="store_true", help="show the held-out split's examples too"
    )
    ap.add_argument("--extra-args", default="", help='passed to flags, e.g. "--min-score 50"')
    ap.add_argument("--json", action="store_true", help="print one JSON summary instead")
    return ap.parse_args(argv)


def evaluate(args: argparse.Namespace, runner: Runner) -> list[dict[str, Any]]:
    """Every report asked for, in order: own splits, seeds, external splits."""
    reports = []
    gold = load_gold(args.gold)
    for split in args.splits:
        if split not in gold:
            raise CliError(f"{args.gold}: no split named {split!r} (has {sorted(gold)})")
        shown = 0 if split == HELDOUT and not args.heldout_examples else args.examples
        reports.append(report(split, score_cases(runner, gold[split]), shown))
    if not args.no_seeds:
        texts: dict[Path, str] = {}
        seed = load_seed_gold(SEED_GOLD, SEEDS, lambda f: texts.setdefault(f, runner.clean_text(f)))
        rep = report("seeds", score_cases(runner, [seed], texts), args.examples)
        reports.append({**rep, "seed_flag_limit": SEED_FLAG_LIMIT})
    if args.dev_set:
        for split, cases in load_dev_set(args.dev_set).items():
            reports.append(report(f"dev-set:{split}", score_cases(runner, cases), args.examples))
    return reports


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dev_set and not sorted(args.dev_set.glob("gold_*.json")):
        print(f"contradiction_eval: {args.dev_set}: no gold_<split>.json there", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="parallax-contradiction-eval-") as home:
        try:
            reports = evaluate(args, Runner(args.parallax, args.extra_args.split(), home))
        except (CliError, ValueError, OSError, KeyError) as err:
            print(f"contradiction_eval: {err}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps({"parallax": args.parallax, "reports": reports}, indent=1))
    else:
        for rep in reports:
            print_report(rep)
    return 0


if __name__ == "__main__":
    sys.exit(main())

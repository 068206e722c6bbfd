"""The real-outlet contradiction gold (tests/data/contradictions) is well formed, and the benchmark
scorer (benchmarks/contradiction_gold.py, contradiction_eval.py) counts what it should on flags
made up here. No CLI of the project runs: a stand-in prints canned flags."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.core.importers import load_document
from benchmarks import contradiction_eval
from benchmarks.contradiction_gold import (
    Case,
    Item,
    Pair,
    Score,
    flags_from_json,
    load_dev_set,
    load_gold,
    load_seed_gold,
    score_case,
)
from tests.core.seed_docs import SEEDS_DIR

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = DATA / "contradictions" / "gold.json"
NEGATIVES = {"paraphrase", "entailed", "neutral"}


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def test_offsets_slice_to_the_quoted_text() -> None:
    root = GOLD.parent
    for pair in _gold()["pairs"]:
        ta = (root / pair["file_a"]).read_text(encoding="utf-8")
        tb = (root / pair["file_b"]).read_text(encoding="utf-8")
        for item in pair["items"]:
            assert ta[slice(*item["a"])] == item["a_text"], (pair["pair_id"], item["a_text"])
            assert tb[slice(*item["b"])] == item["b_text"], (pair["pair_id"], item["b_text"])


def test_enough_contradictions_in_both_splits_and_known_labels() -> None:
    data = _gold()
    count: Counter[tuple[str, str]] = Counter()
    for pair in data["pairs"]:
        for item in pair["items"]:
            count[pair["split"], item["category"]] += 1
            if item["category"] == "contradiction":
                assert item["kind"] in data["kinds"], item
            else:
                assert item["category"] in NEGATIVES, item
    contradictions = count["dev", "contradiction"] + count["heldout", "contradiction"]
    assert contradictions >= 30
    for split in ("dev", "heldout"):
        assert count[split, "contradiction"] >= 10
        assert sum(count[split, c] for c in NEGATIVES) >= 10


def test_split_by_story_and_every_article_sourced() -> None:
    data = _gold()
    split_of = {s["id"]: s["split"] for s in data["stories"]}
    sources = (GOLD.parent / "SOURCES.md").read_text(encoding="utf-8")
    for pair in data["pairs"]:
        assert pair["split"] == split_of[pair["story"]]
        for name in (pair["file_a"], pair["file_b"]):
            assert name.startswith(pair["split"] + "/"), name
            assert f"`{name}`" in sources, name
    for split in ("dev", "heldout"):
        manifest = json.loads((GOLD.parent / split / "corpus.json").read_text(encoding="utf-8"))
        listed = {e["file"] for e in manifest["files"] if e["outlet"] and e["url"]}
        assert listed == {p.name for p in (GOLD.parent / split).glob("*.txt")}


def test_the_importer_keeps_the_files_as_they_are() -> None:
    """Flags' offsets index the clean text; the gold's index the file: they must coincide."""
    for path in sorted(GOLD.parent.glob("*/*.txt")):
        doc = load_document(str(path))
        assert doc.text == path.read_text(encoding="utf-8").rstrip("\n"), path
        assert doc.outlet, path


def test_load_gold_makes_one_case_per_story() -> None:
    gold = load_gold(GOLD)
    assert set(gold) == {"dev", "heldout"}
    names = [c.name for cases in gold.values() for c in cases]
    assert len(names) == len(set(names)) == len(_gold()["stories"])
    for case in gold["dev"]:
        assert all(p.file_a in case.files and p.file_b in case.files for p in case.pairs)


# -- the scorer, on a made-up case ----------------------------------------------------------------

A_TEXT = "Five people died on Monday. The mayor spoke. Police made an arrest."
B_TEXT = "Six people died on Monday. The mayor said a few words. No arrest was made."


def _case(tmp_path: Path) -> Case:
    fa, fb = tmp_path / "a.txt", tmp_path / "b.txt"
    fa.write_text(A_TEXT, encoding="utf-8")
    fb.write_text(B_TEXT, encoding="utf-8")

    def item(category: str, kind: str, qa: str, qb: str) -> Item:
        at, bt = A_TEXT.index(qa), B_TEXT.index(qb)
        return Item(category, kind, (at, at + len(qa)), (bt, bt + len(qb)), qa, qb, qa[:8])

    items = (
        item("contradiction", "value", "Five people died", "Six people died"),
        item("contradiction", "negation", "Police made an arrest.", "No arrest was made."),
        item("paraphrase", "", "The mayor spoke.", "The mayor said a few words."),
    )
    return Case("made-up", (fa, fb), (Pair(fa, fb, items),))


def _span(doc: str, text: str, quote: str, *, shift: int = 0) -> dict[str, Any]:
    at = text.index(quote) + shift
    return {"doc": doc, "start": at, "end": at + len(quote), "text": quote}


def _result(case: Case, flags: list[dict[str, Any]]) -> dict[str, Any]:
    docs = [{"id": f"d{i}", "path": str(f)} for i, f in enumerate(case.files)]
    return {"documents": docs, "flags": flags}


def _flag(
    a: dict[str, Any], b: dict[str, Any], kind: str = "number", values: tuple[str, str] = ("", "")
) -> dict[str, Any]:
    return {"a": a, "b": b, "kind": kind, "a_value": values[0], "b_value": values[1],
            "reason": "made up"}  # fmt: skip


def _scored(case: Case, flags: list[dict[str, Any]]) -> Score:
    texts = {f: f.read_text(encoding="utf-8") for f in case.files}
    score = Score()
    score_case(case, flags_from_json(_result(case, flags), texts), score)
    return score


def test_scorer_counts_hits_false_flags_and_strays(tmp_path: Path) -> None:
    case = _case(tmp_path)
    flags = [
        # The value contradiction, flagged with the documents the other way round.
        _flag(_span("d1", B_TEXT, "Six people died"), _span("d0", A_TEXT, "Five people died")),
        # The same contradiction again: a second true flag, still one item found.
        _flag(_span("d0", A_TEXT, "Five people"), _span("d1", B_TEXT, "Six people")),
        # The paraphrase, flagged: a false flag on a negative item.
        _flag(_span("d0", A_TEXT, "The mayor spoke."), _span("d1", B_TEXT, "The mayor said")),
        # Across unrelated sentences: a stray false flag.
        _flag(_span("d0", A_TEXT, "The mayor spoke."), _span("d1", B_TEXT, "No arrest was made.")),
    ]
    got = _scored(case, flags).summary()
    assert (got["contradictions"], got["found"], got["recall"]) == (2, 1, 0.5)
    assert (got["flags"], got["true_flags"], got["precision"]) == (4, 2, 0.5)
    assert got["negative_items"] == 1
    assert got["false_flags_per_negative_item"] == 1.0
    assert got["false_flags_by_category"] == {"paraphrase": "1/1"}
    assert got["stray_flags"] == 1
    assert got["recall_by_kind"] == {"negation": "0/1", "value": "1/1"}
    assert got["found_items"] == ["Five peo"]
    assert got["true_flags_by_flag_kind"] == {"number": 2}
    assert got["false_flags_by_flag_kind"] == {"number": 2}


def test_the_stricter_figure_asks_for_the_values_inside_the_quotes(tmp_path: Path) -> None:
    case = _case(tmp_path)
    whole_a = {"doc": "d0", "start": 0, "end": len(A_TEXT), "text": A_TEXT}
    whole_b = {"doc": "d1", "start": 0, "end": len(B_TEXT), "text": B_TEXT}
    flags = [
        # Right passages, right values: counts both ways (documents swapped here).
        _flag(whole_b, whole_a, values=("Six", "Five")),
        # Right passages, values outside every contradiction's quotes: counts by passage only.
        _flag(whole_a, whole_b, values=("spoke", "said a few words")),
        # A value not in its passage cannot count by value.
        _flag(whole_a, whole_b, values=("seven", "No")),
    ]
    got = _scored(case, flags).summary()
    assert (got["recall"], got["precision"]) == (1.0, 1.0)
    assert got["recall_values_in_quotes"] == 0.5
    assert got["precision_values_in_quotes"] == round(1 / 3, 3)


def test_scorer_finds_spans_by_text_when_offsets_index_another_text(tmp_path: Path) -> None:
    case = _case(tmp_path)
    flags = [
        _flag(
            _span("d0", A_TEXT, "Police made an arrest.", shift=30),
            _span("d1", B_TEXT, "No arrest was made.", shift=-40),
            kind="negation",
        )
    ]
    score = _scored(case, flags)
    assert score.summary()["recall_by_kind"] == {"negation": "1/1", "value": "0/1"}
    assert [m["kind"] for m in score.misses] == ["value"]
    assert score.false_flags == []


def test_no_flags_means_no_precision_and_every_contradiction_missed(tmp_path: Path) -> None:
    got = _scored(_case(tmp_path), []).summary()
    assert got["precision"] is None
    assert got["recall"] == 0.0
    assert got["false_flags_per_negative_item"] == 0.0


def test_a_flag_naming_a_document_not_asked_for_is_an_error(tmp_path: Path) -> None:
    case = _case(tmp_path)
    result = _result(case, [])
    result["documents"][0]["path"] = str(tmp_path / "elsewhere.txt")
    with pytest.raises(ValueError, match="not asked for"):
        flags_from_json(result, {f: "" for f in case.files})


def test_external_set_and_seed_gold_load(tmp_path: Path) -> None:
    (tmp_path / "x_A.txt").write_text(A_TEXT, encoding="utf-8")
    (tmp_path / "x_B.txt").write_text(B_TEXT, encoding="utf-8")
    item = {"category": "contradiction", "kind": "number", "a": [0, 16], "b": [0, 15]}
    pair = {"pair_id": "x", "file_a": "x_A.txt", "file_b": "x_B.txt", "items": [item]}
    (tmp_path / "gold_dev.json").write_text(json.dumps({"pairs": [pair]}), encoding="utf-8")
    cases = load_dev_set(tmp_path)["dev"]
    assert [c.files for c in cases] == [(tmp_path / "x_A.txt", tmp_path / "x_B.txt")]

    seed_json = json.loads((DATA / "seed_contradictions.json").read_text(encoding="utf-8"))
    texts = {p: load_document(str(p)).text for p in SEEDS_DIR.glob("*.txt")}
    seeds = load_seed_gold(DATA / "seed_contradictions.json", SEEDS_DIR, texts.__getitem__)
    items = [it for p in seeds.pairs for it in p.items]
    assert sum(it.category == "contradiction" for it in items) == len(seed_json["contradictions"])
    assert sum(it.category == "agreement" for it in items) == len(seed_json["agreements"])


# -- the whole script, with a stand-in CLI --------------------------------------------------------

FAKE_CLI = """
import json, sys
args = sys.argv[1:]
files = [a for a in args[1:] if not a.startswith("--")]
docs = [{"id": f"d{i}", "path": f} for i, f in enumerate(files)]
flags = []
if args[0] == "flags" and len(files) == 2:
    a, b = (open(f, encoding="utf-8").read() for f in files)
    q = ("Five people died", "Six people died")
    flags = [{"a": {"doc": "d0", "start": a.index(q[0]), "end": a.index(q[0]) + 16, "text": q[0]},
              "b": {"doc": "d1", "start": b.index(q[1]), "end": b.index(q[1]) + 15, "text": q[1]},
              "kind": "number", "reason": "five vs six"}]
print(json.dumps({"documents": docs, "flags": flags}))
"""


@pytest.mark.parametrize(("split", "misses"), [("dev", ["negation"]), ("heldout", [])])
def test_the_script_prints_one_json_summary(
    tmp_path: Path, capsys: Any, split: str, misses: list[str]
) -> None:
    """Held-out figures are printed, its examples are not (reading them would be tuning)."""
    case = _case(tmp_path)
    gold = {"stories": [{"id": "s1", "split": split}],
            "pairs": [{"pair_id": "p", "story": "s1", "split": split, "file_a": "a.txt",
                       "file_b": "b.txt", "items": [
                           {"category": it.category, "kind": it.kind, "a": list(it.a),
                            "b": list(it.b), "a_text": it.a_text, "b_text": it.b_text}
                           for it in case.pairs[0].items]}]}  # fmt: skip
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    cli = tmp_path / "fake-parallax"
    cli.write_text(f"#!{sys.executable}\n{FAKE_CLI}", encoding="utf-8")
    cli.chmod(0o755)
    args = ["--parallax", str(cli), "--gold", str(tmp_path / "gold.json"), "--splits", split]
    assert contradiction_eval.main([*args, "--no-seeds", "--json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)["reports"]
    assert (report["split"], report["recall"], report["precision"]) == (split, 0.5, 1.0)
    assert [m["kind"] for m in report["misses"]] == misses


def test_the_script_says_in_one_line_what_is_wrong(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, contradiction_eval.__file__, "--dev-set", str(tmp_path), "--no-seeds"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "gold_" in out.stderr

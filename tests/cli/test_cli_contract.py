"""The command-line contract of DESIGN.md: shapes of the JSON, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("0*_*.txt"))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_five_seeds_are_bundled_under_their_original_names() -> None:
    shared = sorted(p.name for p in (ROOT / "seeds").glob("0*_*.txt"))
    assert shared == [
        "000_6246108eef07b8e8.txt",
        "001_a57fad2ff1f41067.txt",
        "002_2fb5190921389568.txt",
        "003_75d49b24c4eb6244.txt",
        "004_0a1b2a8ff21d2d8b.txt",
    ]


def test_show_json_has_exactly_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "show", SEEDS[3], "--json")
    assert set(out) == {"id", "title", "outlet", "date", "url", "language", "text", "junk"}
    raw = Path(SEEDS[3]).read_text(encoding="utf-8")
    assert out["junk"], "the Kommersant repost carries reader comments that must be set aside"
    for junk in out["junk"]:
        assert set(junk) == {"start", "end", "why"}
        assert 0 <= junk["start"] < junk["end"] <= len(raw)
        assert junk["why"]
    assert "Leave A Reply" not in out["text"]
    assert "Russian Foreign Minister Sergei Lavrov announced" in out["text"]


def test_align_json_spans_are_slices_of_the_clean_text(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "align", *SEEDS, "--json")
    assert set(out) == {"documents", "matches", "families"}
    docs = {d["id"]: d for d in out["documents"]}
    assert len(docs) == 5
    assert [d["path"] for d in out["documents"]] == SEEDS
    texts = {}
    for d in out["documents"]:
        assert set(d) == {"id", "path", "title", "outlet", "chars"}
        texts[d["id"]] = run_json(capsys, "show", d["path"], "--json")["text"]
        assert len(texts[d["id"]]) == d["chars"]
    assert len(out["matches"]) >= 10
    for m in out["matches"]:
        assert set(m) == {"a", "b", "score", "kind", "method"}
        assert m["kind"] in {"verbatim", "close", "loose"}
        assert m["method"] in {"lexical", "semantic", "both"}
        assert 0 <= m["score"] <= 100
        for side in (m["a"], m["b"]):
            assert texts[side["doc"]][side["start"] : side["end"]] == side["text"]
    members = sorted(i for fam in out["families"] for i in fam)
    assert members == list(range(len(out["matches"]))), "each match in exactly one family"


def test_min_score_filters_matches(capsys: pytest.CaptureFixture[str]) -> None:
    strict = run_json(capsys, "align", *SEEDS, "--json", "--min-score", "85")
    assert strict["matches"], "the seeds hold close rewrites of the Kommersant quotes"
    assert all(m["score"] >= 85 for m in strict["matches"])
    loose = run_json(capsys, "align", *SEEDS, "--json")
    assert len(loose["matches"]) > len(strict["matches"])


def test_flags_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "flags", *SEEDS, "--json")
    assert set(out) == {"documents", "flags"}
    for flag in out["flags"]:
        assert {"a", "b", "kind", "a_value", "b_value", "reason"} <= set(flag)
        assert flag["kind"] in {"number", "date", "place", "name", "negation", "quantity"}
        assert flag["a_value"] != flag["b_value"] or flag["kind"] == "negation"
        assert flag["reason"]


def test_readable_tables_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", *SEEDS]) == 0
    out = capsys.readouterr().out
    assert "families" in out and "Family 1" in out
    assert main(["show", SEEDS[0]]) == 0
    assert "TRT World" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["align"], 2),
        (["frobnicate"], 2),
        (["align", "--min-score", "lots", "x.txt"], 2),
    ],
)
def test_usage_errors_exit_2(argv: list[str], code: int) -> None:
    assert main(argv) == code


def test_missing_file_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["show", str(missing)]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(missing) in err


def test_one_bad_file_among_good_ones_names_the_bad_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["align", SEEDS[0], str(bad)]) == 3
    err = capsys.readouterr().err.strip()
    assert str(bad) in err and "Traceback" not in err


def test_binary_input_from_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "x.txt"
    junk.write_bytes(os.urandom(3000))
    proc = subprocess.run(
        [sys.executable, "-m", "app", "show", str(junk)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PARALLAX_HOME": str(tmp_path)},
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and str(junk) in proc.stderr


def test_core_never_loads_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, app.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'app.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"

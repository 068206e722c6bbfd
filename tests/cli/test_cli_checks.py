"""Review round 5 through the real command: option ranges, W3C import checks, highlight links
with themselves, empty quotes, one article given twice, and files the importers now read or
refuse (UTF-16 without a BOM, a page of links)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("0*_*.txt"))
MOSCOW_TIMES, RESPONSIBLE = SEEDS[1], SEEDS[2]

Cap = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every store and alignment cache of these runs lives in a throw-away folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("PARALLAX_HOME", str(folder))
    return folder


def run(capsys: Cap, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m app ARGV` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PARALLAX_HOME": str(home)},
        check=False,
    )


# --- --min-score: a score on the 0-100 scale -----------------------------------------------


@pytest.mark.parametrize("command", ["align", "flags"])
@pytest.mark.parametrize("value", ["500", "-5", "100.5", "nan", "inf", "-inf", "lots"])
def test_min_score_outside_0_100_is_a_usage_error(capsys: Cap, command: str, value: str) -> None:
    code, out, err = run(capsys, command, MOSCOW_TIMES, RESPONSIBLE, f"--min-score={value}")
    assert code == 2 and out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"parallax {command}: error: argument --min-score: ")
    assert repr(value) in last


@pytest.mark.parametrize("value", ["0", "0.5", "100"])
def test_min_score_inside_0_100_runs(capsys: Cap, value: str) -> None:
    code, out, err = run(capsys, "align", MOSCOW_TIMES, RESPONSIBLE, "--json", "--min-score", value)
    assert code == 0, err
    assert all(m["score"] >= float(value) for m in json.loads(out)["matches"])


def test_min_score_help_names_the_scale(capsys: Cap) -> None:
    code, out, _ = run(capsys, "align", "--help")
    assert code == 0
    assert "0-100 scale" in " ".join(out.split())


def test_min_score_error_from_a_real_process(home: Path) -> None:
    done = run_process(home, "align", MOSCOW_TIMES, RESPONSIBLE, "--min-score", "500")
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "parallax align: error: argument --min-score: must be a score from 0 to 100, not '500'"
    )


# --- highlights import: only W3C annotations, problems said in words -----------------------


def _json_file(tmp_path: Path, name: str, payload: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def _counts(capsys: Cap, db: str) -> tuple[int, int]:
    code, out, err = run(capsys, "highlights", "list", "--json", "--db", db)
    assert code == 0, err
    listing = json.loads(out)
    return len(listing["highlights"]), len(listing["contradictions"])


ANNOTATION = {
    "type": "Annotation",
    "motivation": "highlighting",
    "target": {
        "source": "urn:x-parallax:doc:abc",
        "selector": [{"type": "TextQuoteSelector", "exact": "Kommersant"}],
    },
}


@pytest.mark.parametrize(
    ("payload", "found"),
    [
        ([1, 2, 3], "found a list of numbers"),
        (["a", 1], "found a list of numbers and strings"),
        ("hello", "found a single string"),
        ({}, "found an empty object"),
        ({"highlights": [], "contradictions": []}, "found an object with the keys"),
    ],
)
def test_import_of_other_json_is_refused(
    capsys: Cap, tmp_path: Path, payload: object, found: str
) -> None:
    db = str(tmp_path / "parallax.db")
    path = _json_file(tmp_path, "list.json", payload)
    code, out, err = run(capsys, "highlights", "import", path, "--db", db)
    assert code == 3 and out == ""
    assert err.startswith(f"parallax: {path}: not a W3C annotation export (expected ")
    assert found in err and "highlights export" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("annotation", "problem"),
    [
        ({"type": "Annotation"}, "annotation 2 has no target naming the text it marks"),
        (
            {"type": "Annotation", "target": {"selector": ANNOTATION["target"]["selector"]}},
            "annotation 2 has a target without a source naming its document",
        ),
        (
            {"type": "Annotation", "target": {"source": "x", "selector": []}},
            "annotation 2 has no TextQuoteSelector giving the quoted text",
        ),
        (
            {"motivation": "linking", "target": [{"id": "only-one"}]},
            "annotation 2 links a contradiction but does not name its two highlights",
        ),
    ],
)
def test_import_names_what_an_annotation_lacks(
    capsys: Cap, tmp_path: Path, annotation: dict[str, object], problem: str
) -> None:
    db = str(tmp_path / "parallax.db")
    # Items on the collection itself (some tools do not use "first"), the second one broken.
    payload = {"type": "AnnotationCollection", "items": [ANNOTATION, annotation]}
    path = _json_file(tmp_path, "broken.json", payload)
    code, _, err = run(capsys, "highlights", "import", path, "--db", db)
    assert code == 3
    assert err == f"parallax: {path}: not a W3C annotation export ({problem})\n"
    assert "'target'" not in err
    assert _counts(capsys, db) == (0, 0), "nothing is stored from a broken file"


def test_import_of_items_on_the_collection_itself(capsys: Cap, tmp_path: Path) -> None:
    db = str(tmp_path / "parallax.db")
    payload = {"type": "AnnotationCollection", "items": [ANNOTATION]}
    code, out, err = run(
        capsys, "highlights", "import", _json_file(tmp_path, "c.json", payload), "--db", db
    )
    assert code == 0, err
    assert out == "imported 1 highlights, 0 contradictions\n"
    assert _counts(capsys, db) == (1, 0)


def test_export_then_import_still_round_trips(capsys: Cap, tmp_path: Path) -> None:
    db, other = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    ids = []
    for quote in ("Kommersant", "Russia"):
        code, out, err = run(
            capsys, "highlights", "add", MOSCOW_TIMES, "--quote", quote, "--db", db
        )
        assert code == 0, err
        ids.append(out.strip())
    assert run(capsys, "highlights", "link", *ids, "--db", db)[0] == 0
    code, exported, _ = run(capsys, "highlights", "export", "--db", db)
    assert code == 0
    path = tmp_path / "exp.json"
    path.write_text(exported, encoding="utf-8")
    code, out, err = run(capsys, "highlights", "import", str(path), "--db", other)
    assert code == 0, err
    assert out == "imported 2 highlights, 1 contradictions\n"
    # An empty store's export is a collection with no items: it imports as nothing, exit 0.
    code, empty, _ = run(capsys, "highlights", "export", "--db", str(tmp_path / "none.db"))
    path.write_text(empty, encoding="utf-8")
    assert run(capsys, "highlights", "import", str(path), "--db", other)[:2] == (
        0,
        "imported 0 highlights, 0 contradictions\n",
    )


# --- highlights link / add: arguments that make no sense --------------------------------------


def test_link_a_highlight_with_itself_is_refused(capsys: Cap, tmp_path: Path) -> None:
    db = str(tmp_path / "parallax.db")
    code, out, _ = run(capsys, "highlights", "add", MOSCOW_TIMES, "--quote", "Russia", "--db", db)
    assert code == 0
    same = out.strip()
    code, out, err = run(capsys, "highlights", "link", same, same, "--db", db)
    assert code == 2 and out == ""
    assert err == f"parallax: cannot link highlight {same} with itself\n"
    assert _counts(capsys, db) == (1, 0)


@pytest.mark.parametrize("quote", ["", "   "])
def test_empty_quote_is_a_usage_error(capsys: Cap, tmp_path: Path, quote: str) -> None:
    db = str(tmp_path / "parallax.db")
    code, out, err = run(capsys, "highlights", "add", MOSCOW_TIMES, "--quote", quote, "--db", db)
    assert code == 2 and out == ""
    assert err.strip().splitlines()[-1] == (
        "parallax highlights add: error: argument --quote: must not be empty"
    )
    assert "quote not found" not in err


# --- one article given twice -----------------------------------------------------------------


def _align(capsys: Cap, *files: str) -> tuple[dict[str, list], str]:
    code, out, err = run(capsys, "align", *files, "--json")
    assert code == 0, err
    return json.loads(out), err


def test_align_same_file_twice_aligns_it_once(capsys: Cap) -> None:
    out, err = _align(capsys, MOSCOW_TIMES, MOSCOW_TIMES)
    assert [d["path"] for d in out["documents"]] == [MOSCOW_TIMES]
    assert out["matches"] == []
    assert err == f"parallax: {MOSCOW_TIMES}: skipped (listed twice)\n"


def test_align_copy_under_another_name_is_skipped(capsys: Cap, tmp_path: Path) -> None:
    copy = tmp_path / "renamed copy.txt"
    shutil.copy(MOSCOW_TIMES, copy)
    dotted = str(Path(MOSCOW_TIMES).parent / ".." / "seeds" / Path(MOSCOW_TIMES).name)
    out, err = _align(capsys, MOSCOW_TIMES, RESPONSIBLE, str(copy), dotted)
    assert [d["path"] for d in out["documents"]] == [MOSCOW_TIMES, RESPONSIBLE]
    assert err.splitlines() == [
        f"parallax: {dotted}: skipped (same file as {MOSCOW_TIMES})",
        f"parallax: {copy}: skipped (same text as {MOSCOW_TIMES})",
    ]
    ids = [d["id"] for d in out["documents"]]
    assert out["matches"], "the two outlets share passages"
    assert all(m["a"]["doc"] != m["b"]["doc"] for m in out["matches"]), "no self-matches"
    assert len(set(ids)) == 2


def test_flags_on_a_file_and_its_copy_from_a_real_process(home: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(MOSCOW_TIMES, copy)
    done = run_process(home, "flags", MOSCOW_TIMES, str(copy), "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"parallax: {copy}: skipped (same text as {MOSCOW_TIMES})\n"
    out = json.loads(done.stdout)
    assert len(out["documents"]) == 1 and out["flags"] == []


def test_export_skips_a_copy(capsys: Cap, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(MOSCOW_TIMES, copy)
    out_dir = tmp_path / "out"
    code, out, err = run(
        capsys, "export", MOSCOW_TIMES, str(copy), RESPONSIBLE, "--out", str(out_dir)
    )
    assert code == 0, err
    assert f"parallax: {copy}: skipped (same text as {MOSCOW_TIMES})" in err.splitlines()
    pdfs = sorted(p.name for p in out_dir.glob("*.pdf"))
    assert pdfs == [Path(MOSCOW_TIMES).stem + ".pdf", Path(RESPONSIBLE).stem + ".pdf", "report.pdf"]
    assert out.strip().splitlines()[-1].startswith("2 articles, ")


# --- importers through `show` ----------------------------------------------------------------


def test_show_reads_utf16_without_bom(home: Path, tmp_path: Path) -> None:
    wide = tmp_path / "windows export.txt"
    text = Path(SEEDS[0]).read_text(encoding="utf-8")
    wide.write_bytes(text.replace("\n", "\r\n").encode("utf-16-le"))
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    shown = [run_process(home, "show", str(p), "--json") for p in (plain, wide)]
    assert [d.returncode for d in shown] == [0, 0], shown[1].stderr
    assert json.loads(shown[1].stdout) == json.loads(shown[0].stdout)


def test_show_refuses_a_page_of_links(home: Path, tmp_path: Path) -> None:
    page = tmp_path / "navonly.html"
    links = "".join(f'<li><a href="/{i}">Section {i}</a></li>' for i in range(200))
    page.write_text(
        f"<html><body><nav><ul>{links}</ul></nav><footer>Copyright 2024</footer></body></html>",
        encoding="utf-8",
    )
    done = run_process(home, "show", str(page))
    assert done.returncode == 3 and done.stdout == ""
    assert done.stderr == f"parallax: {page}: no article text found\n"

"""`parallax highlights ...` through the real entry point `app.cli.main`, on the seed corpus."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]
KOMMERSANT = str(ROOT / "seeds" / "003_75d49b24c4eb6244.txt")
MOSCOW_TIMES = str(ROOT / "seeds" / "001_a57fad2ff1f41067.txt")

Cap = pytest.CaptureFixture[str]


def run(capsys: Cap, *argv: str) -> tuple[int, str, str]:
    """Run the CLI; return (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store" / "parallax.db")


def add(capsys: Cap, db: str, file: str, quote: str, *extra: str) -> str:
    code, out, err = run(capsys, "highlights", "add", file, "--quote", quote, "--db", db, *extra)
    assert code == 0, err
    new_id = out.strip()
    uuid.UUID(new_id)  # the only output is the new id
    return new_id


def listing(capsys: Cap, db: str) -> dict[str, list[dict[str, object]]]:
    code, out, err = run(capsys, "highlights", "list", "--json", "--db", db)
    assert code == 0, err
    return json.loads(out)


def clean_text(capsys: Cap, file: str) -> str:
    code, out, _ = run(capsys, "show", file, "--json")
    assert code == 0
    return str(json.loads(out)["text"])


def test_add_link_list_remove(capsys: Cap, db: str) -> None:
    a = add(capsys, db, KOMMERSANT, "Russia does not want", "--kind", "claim", "--note", "n")
    b = add(capsys, db, MOSCOW_TIMES, "Kommersant", "--kind", "evidence")
    code, out, _ = run(capsys, "highlights", "link", a, b, "--note", "they disagree", "--db", db)
    assert code == 0
    link = out.strip()
    data = listing(capsys, db)
    assert set(data) == {"highlights", "contradictions"}
    by_id = {h["id"]: h for h in data["highlights"]}
    assert set(by_id) == {a, b}
    for h in data["highlights"]:
        assert set(h) == {"id", "doc", "start", "end", "quote", "kind", "note", "orphan"}
        assert h["orphan"] is False
    assert (by_id[a]["kind"], by_id[a]["note"], by_id[a]["quote"]) == (
        "claim",
        "n",
        "Russia does not want",
    )
    text = clean_text(capsys, KOMMERSANT)
    assert text[int(str(by_id[a]["start"])) : int(str(by_id[a]["end"]))] == "Russia does not want"
    assert data["contradictions"] == [{"id": link, "a": a, "b": b, "note": "they disagree"}]

    code, out, _ = run(capsys, "highlights", "list", "--db", db)
    assert code == 0 and a in out and link in out and "Russia does not want" in out

    assert run(capsys, "highlights", "remove", b, "--db", db)[0] == 0
    after = listing(capsys, db)
    assert [h["id"] for h in after["highlights"]] == [a]
    assert after["contradictions"] == []  # a link cannot outlive its highlight


def test_quote_is_found_despite_whitespace_and_quote_style(capsys: Cap, db: str) -> None:
    text = clean_text(capsys, KOMMERSANT)
    start = text.index("Russia does not want")
    typed = "  Russia   does\nnot want "
    new_id = add(capsys, db, KOMMERSANT, typed)
    (h,) = listing(capsys, db)["highlights"]
    assert h["id"] == new_id and (h["start"], h["end"]) == (start, start + 20)


def test_errors_are_one_line_with_the_contract_exit_codes(
    capsys: Cap, db: str, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "highlights", "add", KOMMERSANT, "--quote", "zzz", "--db", db)
    assert (code, out) == (3, "") and err.strip().endswith(f"{KOMMERSANT}: quote not found")
    missing = str(tmp_path / "nope.txt")
    code, _, err = run(capsys, "highlights", "add", missing, "--quote", "x", "--db", db)
    assert code == 3 and missing in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "highlights", "link", "no-such-a", "no-such-b", "--db", db)
    assert code == 2 and "unknown highlight no-such-a" in err
    code, _, err = run(capsys, "highlights", "remove", "no-such-id", "--db", db)
    assert code == 2 and "unknown highlight no-such-id" in err
    assert run(capsys, "highlights")[0] == 2  # no action: usage error
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "highlights", "list", "--db", str(blocker / "parallax.db"))
    assert code == 4 and str(blocker) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_export_then_import_into_another_store(capsys: Cap, db: str, tmp_path: Path) -> None:
    a = add(capsys, db, KOMMERSANT, "Russia does not want", "--note", "ça va")
    b = add(capsys, db, MOSCOW_TIMES, "Kommersant")
    assert run(capsys, "highlights", "link", a, b, "--db", db)[0] == 0
    code, exported, _ = run(capsys, "highlights", "export", "--format", "w3c", "--db", db)
    assert code == 0 and json.loads(exported)["type"] == "AnnotationCollection"
    ann = tmp_path / "annotations.json"
    ann.write_text(exported, encoding="utf-8")
    other = str(tmp_path / "other.db")
    code, out, _ = run(capsys, "highlights", "import", str(ann), "--db", other)
    assert code == 0 and "2 highlights, 1 contradictions" in out
    assert listing(capsys, other) == listing(capsys, db)
    code, again, _ = run(capsys, "highlights", "export", "--db", other)
    assert again == exported

    code, text, _ = run(capsys, "highlights", "export", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and sorted(r["record"] for r in rows) == [
        "contradiction",
        "highlight",
        "highlight",
    ]

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "highlights", "import", str(bad), "--db", other)
    assert code == 3 and str(bad) in err


def test_parallax_home_is_the_default_store(
    capsys: Cap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path / "home"))
    code, out, _ = run(capsys, "highlights", "add", KOMMERSANT, "--quote", "Tashkent")
    assert code == 0
    assert (tmp_path / "home" / "parallax.db").exists()
    code, listed, _ = run(capsys, "highlights", "list", "--json")
    assert json.loads(listed)["highlights"][0]["id"] == out.strip()


def test_damaged_store_is_recovered_with_one_warning_line(capsys: Cap, db: str) -> None:
    add(capsys, db, KOMMERSANT, "Tashkent")  # a new store: no backup yet
    add(capsys, db, KOMMERSANT, "Russia does not want")  # opening backs up (1 highlight)
    with open(db, "r+b") as handle:
        handle.write(b"garbage garbage garbage garbage!")
    code, out, err = run(capsys, "highlights", "list", "--json", "--db", db)
    assert code == 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("parallax: The annotation store was damaged.")
    assert "(1 highlight and 0 contradictions)" in lines[0]
    assert [h["quote"] for h in json.loads(out)["highlights"]] == ["Tashkent"]
    assert list(Path(db).parent.glob("parallax.db.broken-*"))

"""Issue 7 through the CLI: re-anchoring on re-import, orphans listed, a damaged store recovered."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.importers import load_document
from app.core.store import open_store
from tests.core.nasty_corpus import unprivileged

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "003_75d49b24c4eb6244.txt"
KEEP = "Russian Foreign Minister Sergei Lavrov announced that the US mission in Afghanistan"
GONE = "The key idea was to consider the prospects for connecting Central Asia"
EDIT = "the high-level international conference in Tashkent"

Cap = pytest.CaptureFixture[str]


def run(capsys: Cap, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _raw_paragraph(raw: str, quote: str) -> str:
    return next(p for p in raw.split("\n\n") if quote in p)


def _article(tmp_path: Path) -> tuple[Path, str]:
    article = tmp_path / "article.txt"
    shutil.copyfile(SEED, article)
    return article, str(tmp_path / "store" / "parallax.db")


def _edit_article(article: Path) -> None:
    """Words inserted before KEEP, words changed inside EDIT, GONE's paragraph deleted."""
    raw = article.read_text(encoding="utf-8")
    raw = raw.replace(_raw_paragraph(raw, GONE) + "\n\n", "")
    raw = raw.replace(KEEP, "On Tuesday, " + KEEP)
    raw = raw.replace(EDIT, "the high-level regional conference held in Tashkent")
    article.write_text(raw, encoding="utf-8")


def _listing(capsys: Cap, db: str) -> dict[str, dict[str, object]]:
    code, out, err = run(capsys, "highlights", "list", "--json", "--db", db)
    assert code == 0, err
    return {str(h["quote"]): h for h in json.loads(out)["highlights"]}


def test_highlights_add_of_a_changed_file_reanchors_and_lists_orphans(
    capsys: Cap, tmp_path: Path
) -> None:
    article, db = _article(tmp_path)
    for quote in (KEEP, GONE, EDIT):
        assert run(capsys, "highlights", "add", str(article), "--quote", quote, "--db", db)[0] == 0
    _edit_article(article)
    code, _, err = run(capsys, "highlights", "add", str(article), "--quote", "Tashkent", "--db", db)
    assert code == 0, err
    assert err.splitlines() == [
        "parallax: 2 highlights re-anchored (1 exact, 1 fuzzy), 1 orphaned"
        " — see 'parallax highlights list'"
    ]
    by_quote = _listing(capsys, db)
    new_id = load_document(article).id
    assert by_quote[KEEP]["orphan"] is False and by_quote[KEEP]["doc"] == new_id
    assert by_quote[GONE]["orphan"] is True and by_quote[GONE]["doc"] != new_id
    edited = next(h for q, h in by_quote.items() if "regional conference" in q)
    assert edited["orphan"] is False and edited["doc"] == new_id
    code, out, _ = run(capsys, "highlights", "list", "--db", db)
    assert code == 0
    orphan_lines = [line for line in out.splitlines() if "(orphan)" in line]
    assert len(orphan_lines) == 1 and GONE[:30] in orphan_lines[0]


def test_export_of_a_changed_file_reanchors_first(capsys: Cap, tmp_path: Path) -> None:
    article, db = _article(tmp_path)
    for quote in (KEEP, GONE):
        assert run(capsys, "highlights", "add", str(article), "--quote", quote, "--db", db)[0] == 0
    _edit_article(article)
    code, _, err = run(capsys, "export", str(article), "--out", str(tmp_path / "out"), "--db", db)
    assert code == 0, err
    assert (
        "parallax: 1 highlights re-anchored (1 exact, 0 fuzzy), 1 orphaned"
        " — see 'parallax highlights list'"
    ) in err.splitlines()
    assert _listing(capsys, db)[GONE]["orphan"] is True


def _damage_middle_pages(db: Path) -> None:
    """Overwrite pages in the middle of the file (not the header) with random bytes."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    assert pages >= 4, "the store must span several pages for this test"
    rng = random.Random(5)
    for n in range(1, pages - 1):
        data[n * page : (n + 1) * page] = rng.randbytes(page)
    db.write_bytes(bytes(data))


def test_damaged_store_is_recovered_with_one_warning_line(capsys: Cap, tmp_path: Path) -> None:
    article, db = _article(tmp_path)
    # The second open takes the day's backup, holding KEEP only; GONE comes after it.
    for quote in (KEEP, GONE):
        assert run(capsys, "highlights", "add", str(article), "--quote", quote, "--db", db)[0] == 0
    _damage_middle_pages(Path(db))
    code, out, err = run(capsys, "highlights", "list", "--json", "--db", db)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("parallax: The annotation store was damaged.")
    assert "and 1 highlight and 0 contradictions from the backup of" in lines[0]
    assert {h["quote"] for h in json.loads(out)["highlights"]} == {KEEP}
    assert list(Path(db).parent.glob("parallax.db.broken-*"))  # kept, not deleted


def test_read_only_store_is_one_line_exit_4_and_the_add_can_be_retried(tmp_path: Path) -> None:
    article, db = _article(tmp_path)
    assert main(["highlights", "add", str(article), "--quote", KEEP, "--db", db]) == 0
    store = Path(db)
    command = [sys.executable, "-m", "app", "highlights", "add", str(article)]
    command += ["--quote", GONE, "--db", db]
    store.chmod(0o444)
    try:
        done = subprocess.run(
            unprivileged(command), cwd=ROOT, capture_output=True, text=True, check=False
        )
    finally:
        store.chmod(0o644)
    assert done.returncode == 4 and done.stdout == ""
    assert done.stderr == (
        f"parallax: {db}: cannot write the annotation store: the folder or file is read-only\n"
    )
    retried = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert retried.returncode == 0, retried.stderr
    with open_store(db) as repo:
        assert sorted(h.exact for h in repo.list_highlights()) == sorted([KEEP, GONE])

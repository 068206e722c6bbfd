"""`parallax export FILE... --out DIR [--db PATH]`: files written, annotations, exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.annotations import new_contradiction, new_highlight
from app.core.importers import load_document
from app.core.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("0*_*.txt"))

# (seed index, quote, kind, note): two facts told differently by Kommersant and the Moscow Times
QUOTES = [
    (3, "Kommersant", "claim", "The original report"),
    (1, "Russia", "evidence", ""),
]


def _highlights(path: Path) -> list[dict[str, str]]:
    out = []
    for page in PdfReader(str(path)).pages:
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a.get("/Subtype") == "/Highlight" and "/IRT" not in a:
                out.append({"contents": str(a.get("/Contents", "")), "author": str(a["/T"])})
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A store with a highlight in Kommersant and in the Moscow Times, linked as contradicting."""
    db = tmp_path_factory.mktemp("store") / "parallax.db"
    ids: dict[str, str] = {}
    with open_store(db) as repo:
        for index, quote, kind, note in QUOTES:
            doc = load_document(SEEDS[index])
            start = doc.text.index(quote)
            h = new_highlight(doc.id, doc.text, start, start + len(quote), kind, note)
            repo.upsert_document(doc)
            repo.insert_highlight(h)
            ids[doc.outlet] = h.id
        link = new_contradiction(
            ids["Kommersant"], ids["The Moscow Times"], note="who said it first"
        )
        repo.insert_contradiction(link)
    return db, ids


def test_export_writes_one_pdf_per_article_the_report_and_w3c_json(
    store, tmp_path, capsys: pytest.CaptureFixture[str]
):
    db, _ids = store
    out = tmp_path / "out"
    assert main(["export", *SEEDS, "--out", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    expected = [Path(s).stem + ".pdf" for s in SEEDS] + ["report.pdf", "annotations.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    for name in expected:
        assert str(out / name) in printed
    data = json.loads((out / "annotations.json").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    motivations = sorted(item["motivation"] for item in data["first"]["items"])
    assert motivations == ["highlighting", "highlighting", "linking"]


def test_contradiction_shows_in_both_articles_naming_the_other_outlet(store, tmp_path):
    db, _ids = store
    out = tmp_path / "out"
    assert main(["export", *SEEDS, "--out", str(out), "--db", str(db)]) == 0
    kommersant = _highlights(out / (Path(SEEDS[3]).stem + ".pdf"))
    moscow = _highlights(out / (Path(SEEDS[1]).stem + ".pdf"))
    assert len(kommersant) == 1 and len(moscow) == 1
    assert kommersant[0]["contents"].startswith("The original report")
    assert "Contradicts The Moscow Times: “Russia”" in kommersant[0]["contents"]
    assert "Contradicts Kommersant: “Kommersant”" in moscow[0]["contents"]
    assert "who said it first" in moscow[0]["contents"]
    assert kommersant[0]["author"] == "Parallax"
    for stem in (Path(SEEDS[i]).stem for i in (0, 2, 4)):
        assert _highlights(out / f"{stem}.pdf") == []


def test_missing_store_exports_without_highlights_and_creates_nothing(tmp_path, capsys):
    db = tmp_path / "absent.db"
    assert main(["export", SEEDS[4], "--out", str(tmp_path / "o"), "--db", str(db)]) == 0
    assert not db.exists()
    assert "no annotation store" in capsys.readouterr().err


def test_unreadable_input_exits_3_with_one_line(tmp_path, capsys):
    code = main(["export", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err


def test_missing_out_is_a_usage_error(capsys):
    assert main(["export", SEEDS[0]]) == 2


def test_output_folder_that_is_a_file_exits_3(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["export", SEEDS[4], "--out", str(blocker / "sub"), "--db", str(tmp_path / "n.db")])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1 and "sub" in err


def test_store_from_a_newer_version_exits_4(tmp_path, capsys):
    db = tmp_path / "new.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = 999")
    conn.commit()
    conn.close()
    code = main(["export", SEEDS[4], "--out", str(tmp_path / "o"), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 4 and err.count("\n") == 1 and "new.db" in err


def test_article_names_stay_unique_and_never_replace_the_report():
    from app.core.export.case import article_names

    names = article_names(["a/story.txt", "b/story.html", "report.txt", "x/Report.md"])
    assert names == ["story.pdf", "story-2.pdf", "report-2.pdf", "Report-3.pdf"]

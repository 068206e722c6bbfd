"""W3C Web Annotation export/import (lossless round trip) and the CSV export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.core.annotations import EditHighlight, new_contradiction
from app.core.errors import InputError
from app.core.store import Repository, open_store
from app.core.w3c import CSV_COLUMNS, export_csv, export_w3c, export_w3c_json, import_w3c

from .store_fixtures import add_quote, make_doc, store_at

TEXT_A = "The minister said 40 people were hurt in the “blast” on Monday.\n\nMore later."
TEXT_B = "Police said 45 people were hurt. The blast happened on Sunday, they added."


def _filled(repo: Repository) -> None:
    a, b = make_doc(TEXT_A, "Story A", "Outlet A"), make_doc(TEXT_B, "Story B", "Outlet B")
    h1 = add_quote(repo, a, "40 people", note="minister's count")
    h2 = add_quote(repo, b, "45 people", kind="evidence")
    h3 = add_quote(repo, a, "“blast”", kind="my-kind", note='línea\nwith a newline, "quotes"')
    add_quote(repo, b, "Sunday", kind="question")
    EditHighlight(h3.id, colour="#abcdef").apply(repo)
    repo.insert_contradiction(new_contradiction(h1.id, h2.id, note="counts differ"))
    repo.insert_contradiction(new_contradiction(h3.id, h1.id, origin="flag", kind="number"))


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    with store_at(tmp_path / "one") as first:
        _filled(first)
        exported = export_w3c_json(first)
    with open_store(tmp_path / "two" / "parallax.db") as second:
        result = import_w3c(second, json.loads(exported))
        assert (result.highlights, result.contradictions) == (4, 2)
        assert export_w3c_json(second) == exported
        # Importing the same file again updates in place: still identical, nothing doubled.
        import_w3c(second, json.loads(exported))
        assert export_w3c_json(second) == exported
        assert second.counts() == (4, 2)


def test_export_uses_w3c_selectors_and_motivations(tmp_path: Path) -> None:
    with store_at(tmp_path) as repo:
        _filled(repo)
        data = export_w3c(repo)
        texts = {d.id: d.text for d in repo.list_documents()}
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 6
    marks = [i for i in items if i["motivation"] == "highlighting"]
    links = [i for i in items if i["motivation"] == "linking"]
    assert len(marks) == 4 and len(links) == 2
    for mark in marks:
        quote, position = mark["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        doc_id = mark["target"]["source"].removeprefix("urn:parallax:document:")
        assert texts[doc_id][position["start"] : position["end"]] == quote["exact"]
        assert mark["id"].startswith("urn:uuid:")
    assert all(len(link["target"]) == 2 for link in links)


def test_csv_has_one_row_per_annotation(tmp_path: Path) -> None:
    with store_at(tmp_path) as repo:
        _filled(repo)
        rows = list(csv.DictReader(io.StringIO(export_csv(repo))))
        highlights = {h.id: h for h in repo.list_highlights()}
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["record"] for r in rows].count("highlight") == 4
    links = [r for r in rows if r["record"] == "contradiction"]
    assert len(links) == 2
    assert {links[0]["a"], links[0]["b"]} <= set(highlights)
    noted = next(r for r in rows if r["kind"] == "my-kind")
    assert noted["note"] == highlights[noted["id"]].note  # newline and quotes survive


def test_import_rejects_non_w3c_data_and_stores_nothing(tmp_path: Path) -> None:
    with store_at(tmp_path / "one") as first:
        _filled(first)
        data = export_w3c(first)
    # Break the second contradiction: it now links a highlight nobody has.
    data["first"]["items"][-1]["parallax"]["b"] = "missing-highlight"
    with store_at(tmp_path / "two") as second:
        with pytest.raises(InputError, match="links unknown highlight missing-highlight"):
            import_w3c(second, data, "ann.json")
        assert second.counts() == (0, 0)  # one transaction: all or nothing
        with pytest.raises(InputError, match=r"ann\.json: not a W3C annotation export"):
            import_w3c(second, {"type": "Annotation", "target": {"selector": []}}, "ann.json")
        with pytest.raises(InputError, match="not a W3C"):
            import_w3c(second, "just a string", "ann.json")


def test_import_accepts_another_tools_annotation(tmp_path: Path) -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/1",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "check this", "purpose": "commenting"},
        "target": {
            "source": "http://example.org/article",
            "selector": {"type": "TextQuoteSelector", "exact": "45 people", "prefix": "said "},
        },
    }
    with store_at(tmp_path) as repo:
        assert import_w3c(repo, foreign).highlights == 1
        (h,) = repo.list_highlights()
        assert (h.exact, h.prefix, h.note, h.kind) == ("45 people", "said ", "check this", "claim")
        assert (h.start, h.end) == (0, 9)


def test_import_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    from app.core.w3c import import_w3c_file

    with store_at(tmp_path / "one") as first:
        _filled(first)
        exported = export_w3c_json(first)
    path = tmp_path / "bom.json"
    path.write_text(exported, encoding="utf-8-sig")
    with store_at(tmp_path / "two") as second:
        result = import_w3c_file(second, str(path))
        assert (result.highlights, result.contradictions) == (4, 2)
        assert export_w3c_json(second) == exported


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([{"target": {}}, 7], "found a list of numbers and objects"),
        ({"type": "AnnotationPage"}, "found a collection without a list of items"),
        ({"note": "x"}, "found an object with the keys note"),
        (
            [{"motivation": "linking", "target": [{"id": "urn:uuid:"}, {"id": "b"}]}],
            "annotation 1 links a contradiction but does not name its two highlights",
        ),
        (
            [{"target": {"source": "s", "selector": {"type": "TextQuoteSelector"}}}],
            "annotation 1 has a TextQuoteSelector without its exact text",
        ),
        (
            [
                {
                    "target": {
                        "source": "s",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "x"},
                            {"type": "TextPositionSelector", "start": "a", "end": 1},
                        ],
                    }
                }
            ],
            "annotation 1 has a TextPositionSelector whose start and end are not whole numbers",
        ),
    ],
)
def test_import_says_in_words_what_is_wrong(tmp_path: Path, data: object, problem: str) -> None:
    with store_at(tmp_path) as repo:
        with pytest.raises(InputError) as caught:
            import_w3c(repo, data, "ann.json")
        assert problem in str(caught.value)
        assert repo.counts() == (0, 0)


def test_write_json_atomic_leaves_no_half_file(tmp_path: Path) -> None:
    from app.core.w3c import write_json_atomic

    target = tmp_path / "out.json"
    write_json_atomic(target, {"a": "é"})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": "é"}
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):  # the temporary file is written, replacing a folder fails
        write_json_atomic(tmp_path / "folder", {"a": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "out.json"]

"""The passim importer: clusters of reused passages become Documents and Families."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from app.core.errors import InputError
from app.core.importers.passim import load_passim, read_passim

OUT = Path(__file__).resolve().parents[1] / "data" / "passim" / "out.json"


def test_records_are_read_with_their_fields() -> None:
    records = read_passim(OUT)
    assert len(records) == 5
    first = records[0]
    assert (first.cluster, first.doc, first.series, first.date) == (
        7,
        "tribune-1851-03-02-p2",
        "tribune",
        "1851-03-02",
    )
    assert (first.begin, first.end, first.title) == (120, 231, "Steamboat Disaster")


def test_clusters_become_families_of_spans_into_documents_by_date() -> None:
    al = load_passim(OUT)
    assert [d.outlet for d in al.documents] == ["tribune", "herald", "gazette"]
    assert [d.date for d in al.documents] == ["1851-03-02", "1851-03-04", "1851-03-09"]
    assert len(al.families) == 2
    steamer, cotton = al.families
    assert len(steamer.spans) == 3 and len(cotton.spans) == 2
    texts = {d.id: d.text for d in al.documents}
    assert texts[steamer.spans[0].doc_id][steamer.spans[0].start : steamer.spans[0].end] == (
        "The steamer Lexington burned on the Sound last night with the loss of nearly all on board."
    )
    # The earliest version is matched to each later one: a verbatim copy and a rewrite.
    kinds = [al.matches[m].kind for m in steamer.matches]
    assert kinds[0] == "verbatim" and kinds[1] != "verbatim"
    assert all(al.matches[m].a == steamer.spans[0] for m in steamer.matches)
    herald = al.documents[1]
    assert "[...]" in herald.text  # two passages that were apart in the source
    assert al.passages[herald.id]


def test_spark_directory_with_gzipped_parts(tmp_path: Path) -> None:
    lines = OUT.read_text("utf-8").splitlines()
    (tmp_path / "part-00000.json.gz").write_bytes(gzip.compress("\n".join(lines[:2]).encode()))
    (tmp_path / "part-00001.json").write_text("\n".join(lines[2:]) + "\n", "utf-8")
    (tmp_path / "_SUCCESS").write_text("")
    assert len(load_passim(tmp_path).families) == 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"cluster": 1, "id": "x"}\n', "lacks begin, end, text"),
        ("not json\n", "line 1 is not JSON"),
        ("[1, 2]\n", "not a JSON object"),
        ('{"cluster": "a", "id": "x", "begin": 0, "end": 1, "text": "t"}\n', "malformed"),
        ("\n", "no passim records"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "out.json"
    bad.write_text(content, "utf-8")
    with pytest.raises(InputError, match=problem):
        load_passim(bad)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_passim(tmp_path / "nope.json")

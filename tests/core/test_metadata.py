"""Metadata: outlets from URLs, dates, language, the manifest and its precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.errors import InputError
from app.core.importers import load_document, load_manifest
from app.core.importers.metadata import detect_language, iso_date, merge, outlet_from_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2021/07/19/x-a74555", "The Moscow Times"),
        ("https://www.aa.com.tr/en/analysis/x/2441234", "Anadolu Agency"),
        ("https://news.antiwar.com/2021/07/17/x/", "Antiwar.com"),
        ("https://www.example-news.org/story", "Example-news"),
        ("not a url", ""),
    ],
)
def test_outlet_from_url(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 19, 2021", "2021-07-19"),
        ("19 July 2021", "2021-07-19"),
        ("2021-12-20", "2021-12-20"),
        ("2021-12-20T09:30:00Z", "2021-12-20"),
        ("2021-09", "2021-09"),
        ("yesterday", ""),
    ],
)
def test_iso_date(text: str, iso: str) -> None:
    assert iso_date(text) == iso


def test_detect_language() -> None:
    assert detect_language("Россия предложила США базы. NATO and CSTO.") == "ru"
    assert detect_language("Russia offered the US bases. Россия.") == "en"
    assert detect_language("12345 ...") == "en"


def test_merge_takes_first_non_empty_per_field() -> None:
    merged = merge({"title": "", "outlet": "A"}, None, {"title": "T", "outlet": "B"}, text="x")
    assert merged == {"title": "T", "outlet": "A", "date": "", "url": "", "language": "en"}


def test_bundled_manifest_lists_every_seed() -> None:
    manifest = load_manifest(ROOT / "seeds")
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(manifest) == seeds
    assert manifest["001_a57fad2ff1f41067.txt"]["outlet"] == "The Moscow Times"
    assert manifest["003_75d49b24c4eb6244.txt"]["date"] == "2021-07-17"
    assert all(entry["language"] == "en" and entry["title"] for entry in manifest.values())


def test_manifest_absent_is_empty(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


@pytest.mark.parametrize("content", ["{not json", '{"items": []}', '{"files": [{"title": "x"}]}'])
def test_bad_manifest_is_an_input_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "corpus.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_manifest(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'corpus.json'}: ")


def _article(folder: Path) -> Path:
    path = folder / "story.txt"
    path.write_text(
        "Bases on offer\n\nJuly 19, 2021\n\nMoscow offered bases to Washington, sources said.\n\n"
        "Original url:\n\nhttps://www.themoscowtimes.com/2021/07/19/bases\n",
        encoding="utf-8",
    )
    return path


def test_metadata_from_text_alone(tmp_path: Path) -> None:
    doc = load_document(_article(tmp_path))
    assert (doc.title, doc.outlet, doc.date) == ("Bases on offer", "The Moscow Times", "2021-07-19")
    assert doc.url == "https://www.themoscowtimes.com/2021/07/19/bases"
    assert doc.text == "Bases on offer\n\nMoscow offered bases to Washington, sources said."


def test_manifest_beside_the_file_wins(tmp_path: Path) -> None:
    path = _article(tmp_path)
    entry = {"file": "story.txt", "title": "Chosen title", "outlet": "", "date": "2021-07-20"}
    (tmp_path / "corpus.json").write_text(json.dumps({"files": [entry]}), encoding="utf-8")
    doc = load_document(path)
    assert (doc.title, doc.outlet, doc.date) == ("Chosen title", "The Moscow Times", "2021-07-20")


def test_explicit_manifest_replaces_the_one_beside(tmp_path: Path) -> None:
    path = _article(tmp_path)
    (tmp_path / "corpus.json").write_text('{"files": [{"file": "story.txt", "title": "Beside"}]}')
    doc = load_document(path, manifest={"story.txt": {"title": "Given"}})
    assert doc.title == "Given"
    assert load_document(path, manifest={}).title == "Bases on offer"

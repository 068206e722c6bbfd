"""Bad input everywhere (issue 7): each nasty file gives a Document or one InputError line.

The corpus is in tests/core/nasty_corpus.py (big files generated here, not committed); the same
files go through `parallax show` in tests/cli/test_nasty_cli.py, and benchmarks/nasty_report.py
prints time and peak memory per file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import InputError
from app.core.importers import load_document, printable_name
from app.core.model import Document

from .nasty_corpus import OK, NastyCase, build_corpus, unprivileged

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[NastyCase]:
    return build_corpus(tmp_path_factory.mktemp("nasty"))


def _outcome(case: NastyCase) -> str:
    try:
        doc = load_document(case.path)
    except InputError as err:
        assert "\n" not in str(err), "an error message must be one line"
        assert str(err) == f"{printable_name(str(case.path))}: {err.problem}"
        return err.problem
    assert isinstance(doc, Document) and doc.text.strip()
    assert doc.source_path == str(case.path)
    return OK


def test_every_nasty_file_imports_or_is_refused_in_one_line(corpus: list[NastyCase]) -> None:
    readable = [c for c in corpus if not c.unreadable]
    assert {c.name: _outcome(c) for c in readable} == {c.name: c.expect for c in readable}


def test_imported_nasty_texts_are_decoded_right(corpus: list[NastyCase]) -> None:
    by_name = {c.name: c for c in corpus}
    assert "Таджикистане" in load_document(by_name["utf16_bom.txt"].path).text
    assert "Таджикистане" in load_document(by_name["cp1251.txt"].path).text
    mixed = load_document(by_name["mixed_endings.txt"].path).text
    assert "\r" not in mixed and "Geneva in June." in mixed
    line = load_document(by_name["one_line_5mb.txt"].path)
    assert len(line.text) == by_name["one_line_5mb.txt"].path.stat().st_size


_CHILD = """
import sys
from app.core.errors import InputError
from app.core.importers import load_document
try:
    load_document(sys.argv[1])
except InputError as err:
    print(err)
"""


def test_file_without_read_permission_is_refused(corpus: list[NastyCase]) -> None:
    case = next(c for c in corpus if c.unreadable)
    done = subprocess.run(
        unprivileged([sys.executable, "-c", _CHILD, str(case.path)]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{case.path}: no read permission\n"


def test_control_characters_in_names_are_escaped_in_messages(tmp_path: Path) -> None:
    path = tmp_path / 'a\nb\x1bc 🦜 "q".txt'
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(caught.value) == f'{tmp_path}/a\\nb\\x1bc 🦜 "q".txt: file is empty'

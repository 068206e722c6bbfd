"""`parallax align` uses the pair cache by default; its JSON is the same with or without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.align import align_documents
from app.core.importers import load_document
from app.core.report_json import alignment_json

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("0*_*.txt"))


def _align_json(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["align", *SEEDS, "--json", "--no-semantic"]) == 0
    return json.loads(capsys.readouterr().out)


def test_align_json_is_identical_cold_warm_and_uncached(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path))
    cold = _align_json(capsys)
    cache_file = tmp_path / "cache" / "alignments.sqlite"
    assert cache_file.is_file()
    warm = _align_json(capsys)
    docs = [load_document(p) for p in SEEDS]
    uncached = alignment_json(align_documents(docs, semantic=False), SEEDS)
    assert cold == warm == json.loads(json.dumps(uncached))
    assert cold["matches"]

"""export_case: the UI's entry point (progress, cancel, file names) without a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import Cancelled
from app.core.export import export_case
from app.core.progress import CancelToken

from .seed_docs import seed_paths


def test_export_case_reports_progress_up_to_one_and_writes_everything(tmp_path):
    seen: list[tuple[float, str]] = []
    paths = seed_paths()[:3]
    summary = export_case(
        paths, tmp_path / "out", tmp_path / "none.db", progress=lambda f, s: seen.append((f, s))
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [p.name for p in summary.articles] == [f"{p.stem}.pdf" for p in paths]
    assert summary.report is not None and summary.report.stat().st_size > 0
    assert summary.annotations is not None and summary.annotations.exists()
    assert summary.highlights == 0 and not (tmp_path / "none.db").exists()


def test_export_case_cancelled_before_writing_articles(tmp_path):
    token = CancelToken()

    def cancel_after_import(fraction: float, label: str) -> None:
        if label.startswith("imported"):
            token.cancel()

    with pytest.raises(Cancelled):
        export_case(seed_paths()[:2], tmp_path / "out", tmp_path / "none.db",
                    progress=cancel_after_import, cancel=token)  # fmt: skip
    assert not list(Path(tmp_path / "out").glob("*.pdf"))


def test_export_case_imports_each_distinct_file_once_and_notes_repeats(tmp_path, monkeypatch):
    import app.core.export.case as case

    loaded: list[str] = []
    real = case.load_document

    def counting(path: str):
        loaded.append(path)
        return real(path)

    monkeypatch.setattr(case, "load_document", counting)
    first, second = (str(p) for p in seed_paths()[:2])
    kept: list[list[str]] = []
    summary = export_case(
        [first, first, second], tmp_path / "out", tmp_path / "none.db", imported=kept.append
    )
    assert loaded == [first, second], "a repeated file is not imported again"
    assert kept == [[first, second]]
    assert summary.notes[0] == f"{first}: skipped (listed twice)"
    assert [p.name for p in summary.articles] == [f"{Path(p).stem}.pdf" for p in (first, second)]


def test_counts_text_says_the_numbers_in_words(tmp_path):
    from app.core.export import ExportSummary

    summary = ExportSummary(tmp_path, highlights=1, contradictions=2, flags=0)
    assert summary.counts_text() == "1 highlight, 2 contradictions, 0 flags to review"

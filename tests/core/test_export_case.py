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

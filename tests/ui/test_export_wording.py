"""The export dialog and the report count things in the app's words (singular when one)."""

from __future__ import annotations

from pathlib import Path

from app.core.counts import alignment_counts
from app.core.export import ExportSummary
from app.core.model import Alignment
from app.ui.dialogs.export_dialog import summary_text
from app.ui.main_window import status_text


def test_export_summary_says_one_contradiction_not_one_contradictions(tmp_path: Path) -> None:
    summary = ExportSummary(tmp_path, [tmp_path / "a.pdf"], tmp_path / "report.pdf",
                            tmp_path / "annotations.json", highlights=1, contradictions=1,
                            flags=1)  # fmt: skip
    text = summary_text(summary)
    assert "1 article PDF," in text
    assert "(1 highlight, 1 contradiction, 1 flag to review)" in text


def test_export_summary_plurals(tmp_path: Path) -> None:
    summary = ExportSummary(tmp_path, [tmp_path / "a.pdf", tmp_path / "b.pdf"], None, None,
                            highlights=0, contradictions=2, flags=12)  # fmt: skip
    assert "2 article PDFs (0 highlights, 2 contradictions, 12 flags to review)" in (
        summary_text(summary)
    )


def test_report_counts_match_the_status_bar(alignment: Alignment) -> None:
    # the report prints alignment_counts(); the status bar must say the same after "N articles ·"
    assert status_text(alignment).endswith(" · " + alignment_counts(alignment))

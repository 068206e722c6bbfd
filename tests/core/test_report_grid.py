"""The claim grid section of report.pdf (app/core/export/report_grid.py)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.core.claim_grid import Segment
from app.core.export import report_grid
from app.core.export.report import export_report_pdf
from app.core.export.report_grid import segments_markup
from app.core.model import Alignment, Document, Family, Match, Span, document_id
from app.core.thresholds import CLAIM_GRID_FLAG_COLOUR, DIFF_DELETE_COLOUR, DIFF_INSERT_COLOUR

from .pdf_checks import squash
from .test_claim_grid import _case, _flag

HEADING = "Claim grid: every outlet's version of each passage"


def _pages(path: Path) -> list[tuple[float, float, str]]:
    with pdfplumber.open(path) as pdf:
        return [(p.width, p.height, p.extract_text() or "") for p in pdf.pages]


def _grid_pages(path: Path) -> list[str]:
    return [text for width, height, text in _pages(path) if width > height]


def _grid_rows(path: Path) -> list[list[str]]:
    """Every table row of the landscape pages, each cell's text with blanks squashed."""
    with pdfplumber.open(path) as pdf:
        pages = [p for p in pdf.pages if p.width > p.height]
        return [
            [squash(c or "") for c in row] for p in pages for t in p.extract_tables() for row in t
        ]


def test_markup_marks_changes_and_flags():
    markup = segments_markup(
        [
            Segment("Russia ", "equal"),
            Segment("Washington", "delete"),
            Segment("the US", "insert"),
            Segment(" in ", "equal"),
            Segment("June", "replace", flagged=True),
            Segment(" & <b>", "equal"),
        ]
    )
    assert f'<font color="{DIFF_DELETE_COLOUR}"><strike>Washington</strike></font>' in markup
    assert f'color="{DIFF_INSERT_COLOUR}"' in markup and "<u>the US</u>" in markup
    assert f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>June</b></font>' in markup
    assert "&amp; &lt;b&gt;" in markup  # text is escaped, not read as markup


def test_grid_is_printed_on_landscape_pages_with_outlets_as_columns(tmp_path):
    alignment = _case()
    out = tmp_path / "report.pdf"
    export_report_pdf(alignment, [_flag(alignment, 0, "July", "June")], [], {}, out)
    pages = _pages(out)
    shapes = [w > h for w, h, _ in pages]
    assert any(shapes) and not shapes[0] and not shapes[-1]  # back to portrait after the grid
    assert squash(HEADING) in squash(" ".join(_grid_pages(out)))
    head, first, second = _grid_rows(out)
    assert head[1:] == [
        squash(f"{k + 1}. {d.outlet} {d.date}") for k, d in enumerate(alignment.documents)
    ]
    assert squash("⚠ date: “July” here, “June” in 3. Gamma") in first[1]
    assert squash("⚠ date: “June” here, “July” in 1. Alpha") in first[3]
    assert first[3].startswith(squash("reference version"))
    assert first[2].startswith(squash("90% similar")) and "⚠" not in first[2]
    assert first[4] == squash("not in this article")
    assert second[4].startswith(squash("reference version"))  # Delta is dated, Alpha not
    titles = [getattr(item, "title", "") for item in PdfReader(str(out)).outline]
    assert HEADING in titles


def test_rows_are_sorted_most_divergent_first(tmp_path):
    alignment = _case()
    out = tmp_path / "report.pdf"
    export_report_pdf(alignment, [_flag(alignment, 0, "July", "June")], [], {}, out)
    heads = [row[0] for row in _grid_rows(out)[1:]]
    # family 0 (flagged, rewritten) outranks family 1 (verbatim copies)
    assert heads[0].startswith(squash("1. Family 1")) and heads[1].startswith(squash("2. Family 2"))


def _long_case() -> Alignment:
    body = " ".join(f"Sentence number {k} of a very long shared passage." for k in range(40))
    docs = []
    for outlet in ("Long A", "Long B"):
        text = f"{outlet} headline.\n\n{body}"
        docs.append(Document(document_id(text), outlet, outlet, "2021-07-01", "", "en", "", text))
    a = Span(docs[0].id, docs[0].text.index(body), len(docs[0].text))
    b = Span(docs[1].id, docs[1].text.index(body), len(docs[1].text))
    match = Match(a, b, 100.0, "verbatim")
    return Alignment(docs, {}, [match], [Family([0], [a, b])])


def test_long_versions_are_cut_with_an_ellipsis(tmp_path):
    out = tmp_path / "report.pdf"
    export_report_pdf(_long_case(), [], [], {}, out)
    text = " ".join(_grid_pages(out))
    assert "number 39" not in text  # the end of the version is not printed in the grid
    assert "…" in text and "are cut" in text


def test_many_rows_and_articles_are_capped_and_split(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(report_grid, "CLAIM_GRID_REPORT_MAX_ROWS", 1)
    monkeypatch.setattr(report_grid, "CLAIM_GRID_REPORT_COLUMNS", 2)
    out = tmp_path / "report.pdf"
    alignment = _case()
    export_report_pdf(alignment, [], [], {}, out)
    text = squash(" ".join(_grid_pages(out)))
    assert squash("Only the 1 most divergent of 2 passages are printed") in text
    assert squash("Articles 1–2 of 4") in text and squash("Articles 3–4 of 4") in text

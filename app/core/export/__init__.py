"""Export: annotated article PDFs, the comparison report and annotations.json.

`export_case` is the entry point of the CLI (`parallax export`); the app's File → Export… can call
`export_alignment` with the documents it has already aligned (same output, no re-import);
`export_article_pdf` and `export_report_pdf` work on plain inputs and are usable on their own.
"""

from app.core.export.annotate import (
    ExportedArticle,
    ExportError,
    PdfHighlight,
    PlacedHighlight,
    export_article_pdf,
    export_plain_pdf,
)
from app.core.export.case import ExportSummary, article_names, export_alignment, export_case
from app.core.export.report import ReportContradiction, export_report_pdf

__all__ = [
    "ExportError",
    "ExportSummary",
    "ExportedArticle",
    "PdfHighlight",
    "PlacedHighlight",
    "ReportContradiction",
    "article_names",
    "export_alignment",
    "export_article_pdf",
    "export_case",
    "export_plain_pdf",
    "export_report_pdf",
]

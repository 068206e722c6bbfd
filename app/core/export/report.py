"""report.pdf: the whole comparison on paper, for a reader who was not at the screen.

Sections: the articles; contents; coverage (a heat map of how much of each article reappears in
each other one); the shared passages (families), each pair side by side with its word diff
marked; contradictions with both quotes; flags (accepted, then computed and not reviewed);
highlights by article. Every section and family is a PDF bookmark and a line of the printed
contents page (reportlab's multi-pass build fills in page numbers).

Conventions: offsets are character offsets into each document's clean text, half-open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tableofcontents import TableOfContents

from app.core.errors import ParallaxError
from app.core.export import fonts
from app.core.export.annotate import ExportError, PdfHighlight
from app.core.export.report_grid import claim_grid_section, grid_page_template
from app.core.export.report_sections import (
    HEADING_LEVELS,
    ReportContext,
    Styles,
    articles_section,
    contradictions_section,
    coverage_section,
    families_section,
    flags_section,
    highlights_section,
    make_styles,
    page_footer,
)
from app.core.model import Alignment, Flag
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.thresholds import EXPORT_MARGIN


@dataclass(frozen=True)
class ReportContradiction:
    """A stored contradiction resolved to its two quotes (ranges into each document's text)."""

    a_doc_id: str
    a_start: int
    a_end: int
    b_doc_id: str
    b_start: int
    b_end: int
    note: str = ""
    kind: str = "contradiction"
    origin: str = "user"  # "user" or "flag" (an accepted computed flag)
    # used when a side's document is not among the exported ones (stored quote and outlet)
    a_quote: str = ""
    b_quote: str = ""
    a_label: str = ""
    b_label: str = ""
    # what the app called it, shown instead of `kind` when set: an accepted flag's label
    # ("hedging" for a stored kind "negation"), see app.core.export.review.with_flag_labels
    label: str = ""


class _ReportTemplate(BaseDocTemplate):
    """A4 pages with a footer; headings become bookmarks and contents entries."""

    def __init__(self, path: str, title: str) -> None:
        super().__init__(
            path,
            pagesize=A4,
            leftMargin=EXPORT_MARGIN,
            rightMargin=EXPORT_MARGIN,
            topMargin=EXPORT_MARGIN,
            bottomMargin=EXPORT_MARGIN,
            title=title,
            author="Parallax",
            creator="Parallax",
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        page = PageTemplate(id="page", frames=[frame], onPage=page_footer(A4[0]))
        self.addPageTemplates([page, grid_page_template(self)])  # the claim grid is landscape
        self._heading_seq = 0

    def beforeDocument(self) -> None:
        self._heading_seq = 0  # multiBuild lays out several passes; keys must repeat exactly

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = HEADING_LEVELS.get(flowable.style.name)
        if level is None:
            return
        self._heading_seq += 1
        key = f"h{self._heading_seq}"
        text = flowable.getPlainText()
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


def _contents(styles: Styles) -> list[Flowable]:
    toc = TableOfContents()
    toc.levelStyles = [styles.toc1, styles.toc2]
    toc.dotsMinLevel = 0
    return [Paragraph("Contents", styles.title_small), toc]


def _story(ctx: ReportContext, progress: ProgressFn, cancel: CancelToken | None) -> list[Flowable]:
    """Every section's flowables in order, reporting progress between sections."""
    builders = [
        ("articles", articles_section),
        ("coverage", coverage_section),
        ("families", families_section),
        ("claim grid", claim_grid_section),
        ("contradictions", contradictions_section),
        ("flags", flags_section),
        ("highlights", highlights_section),
    ]
    story: list[Flowable] = []
    for k, (label, build) in enumerate(builders):
        if cancel is not None:
            cancel.check()
        if story:
            story.append(PageBreak())  # each section starts on a page of its own
        story += build(ctx)
        if label == "articles":
            story += _contents(ctx.styles)
        progress(0.8 * (k + 1) / len(builders), f"report: {label}")
    return story


def export_report_pdf(
    alignment: Alignment,
    flags: Sequence[Flag],
    contradictions: Sequence[ReportContradiction],
    highlights_by_doc: Mapping[str, Sequence[PdfHighlight]],
    out_path: Path,
    *,
    accepted: Sequence[ReportContradiction] = (),
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Write the comparison report to `out_path`; returns its page count.

    Args:
        alignment: the aligned documents (their order is the report's order).
        flags: computed flags not dismissed (the claim grid shows them all; the flags
            section lists those not `accepted` as "computed, not reviewed").
        contradictions: user-made contradictions, resolved to quotes.
        highlights_by_doc: highlights per document id.
        out_path: the PDF to write (replaced if it exists).
        accepted: computed flags the user accepted (stored contradictions of origin "flag").
        progress: receives (fraction, label) as sections are built and the PDF is written.
        cancel: checked between sections.
    Raises:
        ExportError: if the file cannot be written. Cancelled: when `cancel` is triggered.
    """
    fonts.register_fonts()
    ctx = ReportContext(
        alignment=alignment,
        flags=list(flags),
        contradictions=list(contradictions),
        accepted=list(accepted),
        highlights=highlights_by_doc,
        styles=make_styles(),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    story = _story(ctx, progress, cancel)
    tmp = Path(out_path).with_name(Path(out_path).name + ".part")
    template = _ReportTemplate(str(tmp), "Parallax comparison report")
    try:
        template.multiBuild(story)
        tmp.replace(out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(Path(out_path), f"cannot write ({exc.strerror or exc})") from exc
    except ParallaxError:
        tmp.unlink(missing_ok=True)
        raise
    progress(1.0, "report written")
    return int(template.page)

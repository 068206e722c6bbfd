"""The claim grid section of report.pdf: passages (rows, most divergent first) x articles.

Each cell is that article's version of the passage with its changes against the row's reference
version marked (the colours of the families section) and its flagged values in bold red, cut at
CLAIM_GRID_REPORT_CELL_CHARS with an ellipsis. The section is printed on landscape pages: its
first flowable switches to the "grid" page template (see `grid_page_template`, which the report
template registers) and its last switches back to the portrait "page" template.

Conventions: offsets are character offsets into clean text, half-open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Frame, NextPageTemplate, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

from app.core.claim_grid import (
    ClaimCell,
    ClaimGrid,
    ClaimRow,
    Segment,
    build_claim_grid,
    cell_flags,
    cell_segments,
    clip_segments,
    sort_rows,
)
from app.core.export.diff_fonts import diff_font
from app.core.export.markup import esc
from app.core.export.report_sections import ReportContext, page_footer
from app.core.model import flag_label
from app.core.thresholds import (
    CLAIM_GRID_CELL_FLAGS,
    CLAIM_GRID_FLAG_COLOUR,
    CLAIM_GRID_FLAG_WEIGHT,
    CLAIM_GRID_OMISSION_WEIGHT,
    CLAIM_GRID_REFERENCE_BG,
    CLAIM_GRID_REPORT_CELL_CHARS,
    CLAIM_GRID_REPORT_COLUMNS,
    CLAIM_GRID_REPORT_MAX_ROWS,
    EXPORT_MARGIN,
)

GRID_TEMPLATE = "grid"
PAGE = landscape(A4)
GRID_WIDTH = PAGE[0] - 2 * EXPORT_MARGIN
_ROW_HEAD_WIDTH = 90.0
_GRID_LINES = colors.Color(0.8, 0.82, 0.85)
_HEAD_BG = colors.Color(0.93, 0.94, 0.96)
_REF_BG = colors.HexColor(CLAIM_GRID_REFERENCE_BG)


def grid_page_template(doc: BaseDocTemplate) -> PageTemplate:
    """The landscape A4 page template the section is printed on (register it on `doc`)."""
    frame = Frame(
        EXPORT_MARGIN, EXPORT_MARGIN, GRID_WIDTH, PAGE[1] - 2 * EXPORT_MARGIN, id="grid-body"
    )
    return PageTemplate(
        id=GRID_TEMPLATE, frames=[frame], onPage=page_footer(PAGE[0]), pagesize=PAGE
    )


def segments_markup(segments: Sequence[Segment]) -> str:
    """reportlab Paragraph markup of a cell's pieces: changes coloured, flagged values bold red.

    "delete" pieces (reference words missing here) are struck through in red, set apart by
    spaces since they stand between words of this version.
    """
    parts = []
    for seg in segments:
        body = esc(seg.text)
        if seg.flagged:
            body = f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>{body}</b></font>'
        marked = diff_font(seg.tag, body)
        parts.append(f" {marked} " if seg.tag == "delete" else marked)
    return "".join(parts)


def flag_line(ctx: ReportContext, kind: str, here: str, there: str, other_doc: str) -> str:
    """One flag from a cell's side, bold red: 'date: June 16 here, July in 1. TRT World'."""
    text = esc(f"{kind}: “{here}” here, “{there}” in {ctx.label(other_doc)}")
    return f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>⚠ {text}</b></font>'


def cell_markup(ctx: ReportContext, grid: ClaimGrid, row: ClaimRow, cell: ClaimCell | None) -> str:
    """A whole report cell: similarity, the marked text (cut), further spans, flags."""
    if cell is None:
        return "<font color='#868e96'><i>not in this article</i></font>"
    head = f"{cell.similarity:.0f}% similar"
    if cell.is_reference:
        head = "reference version"
    elif not cell.direct:  # no match joins it to the reference: a word count, not a score
        head = f"{cell.similarity:.0f}% same words (linked through other outlets)"
    shown, cut = clip_segments(cell_segments(grid, row, cell), CLAIM_GRID_REPORT_CELL_CHARS)
    parts = [f"<font size=6.5 color='#6c757d'>{head}</font>"]
    listed = cell_flags(cell)
    parts += [
        flag_line(ctx, flag_label(f), a, b, doc) for f, a, b, doc in listed[:CLAIM_GRID_CELL_FLAGS]
    ]
    if len(listed) > CLAIM_GRID_CELL_FLAGS:
        more = len(listed) - CLAIM_GRID_CELL_FLAGS
        parts.append(
            f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>+{more} more (Flags section)</b></font>'
        )
    parts.append(segments_markup(shown) + (" …" if cut else ""))
    if cell.others:
        more = len(cell.others)
        parts.append(
            f"<font size=6.5 color='#6c757d'>+{more} more passage{'s' * (more > 1)} "
            "in this article</font>"
        )
    return "<br/>".join(parts)


def _row_head(row: ClaimRow, rank: int, total: int) -> str:
    flags = len(row.flags)
    return (
        f"<b>{rank}. Family {row.family + 1}</b><br/>"
        f"divergence {row.divergence:.0f}<br/>"
        f"mean {row.mean_similarity:.0f}% similar<br/>"
        + (
            f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>{flags} flag{"s" * (flags != 1)}</b>'
            "</font><br/>"
            if flags
            else "no flags<br/>"
        )
        + f"in {row.present} of {total} articles"
    )


def _col_head(ctx: ReportContext, grid: ClaimGrid, col: int) -> str:
    doc = grid.documents[col]
    date = f"<br/><font size=6.5 color='#6c757d'>{esc(doc.date)}</font>" if doc.date else ""
    return f"<b>{esc(ctx.label(doc.id))}</b>{date}"


def _grid_table(
    ctx: ReportContext,
    grid: ClaimGrid,
    ranked: list[tuple[int, int]],
    cols: list[int],
    style: ParagraphStyle,
) -> Table:
    """The table of `ranked` (rank, row index) rows over the articles `cols`."""
    total = len(grid.documents)
    head: list[object] = [Paragraph("<b>Passage</b>", style)]
    rows: list[list[object]] = [head + [Paragraph(_col_head(ctx, grid, c), style) for c in cols]]
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID_LINES),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
        ("BACKGROUND", (0, 1), (0, -1), _HEAD_BG),
    ]
    for line_no, (rank, k) in enumerate(ranked, start=1):
        row = grid.rows[k]
        line: list[object] = [Paragraph(_row_head(row, rank, total), style)]
        for j, c in enumerate(cols, start=1):
            line.append(Paragraph(cell_markup(ctx, grid, row, row.cells[c]), style))
            if c == row.reference:
                commands.append(("BACKGROUND", (j, line_no), (j, line_no), _REF_BG))
        rows.append(line)
    width = (GRID_WIDTH - _ROW_HEAD_WIDTH) / max(1, len(cols))
    table = Table(rows, colWidths=[_ROW_HEAD_WIDTH] + [width] * len(cols), repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _intro(ctx: ReportContext, shown: int, total: int) -> list[Flowable]:
    s = ctx.styles
    deleted = diff_font("delete", "red, struck through")
    inserted = diff_font("insert", "green")
    changed = diff_font("replace", "amber")
    flagged = f'<font color="{CLAIM_GRID_FLAG_COLOUR}"><b>bold red</b></font>'
    cap = (
        f" Only the {shown} most divergent of {total} passages are printed; the app's grid "
        "shows all."
        if shown < total
        else ""
    )
    return [
        Paragraph("Claim grid: every outlet's version of each passage", s.h1),
        Paragraph(
            "One row per passage shared by two or more articles, one column per article. Each "
            "row compares every version with its <b>reference version</b> (tinted: the one in the "
            f"earliest article). {inserted}: words only in this version; {deleted}: words of the "
            f"reference left out; {changed}: worded differently; {flagged}: a likely "
            "contradiction (a different number, date, place, name or claim). Rows are sorted "
            "by divergence, most divergent first: 100 minus the mean similarity to the "
            f"reference, plus {CLAIM_GRID_FLAG_WEIGHT:.0f} per flag, plus up to "
            f"{CLAIM_GRID_OMISSION_WEIGHT:.0f} for the share of articles that left the passage "
            f"out. Versions longer than {CLAIM_GRID_REPORT_CELL_CHARS} characters are cut "
            "(…); the families section before this one prints them whole." + cap,
            s.body,
        ),
    ]


def claim_grid_section(ctx: ReportContext) -> list[Flowable]:
    """The claim grid on landscape pages (needs `grid_page_template` registered on the doc)."""
    s = ctx.styles
    grid = build_claim_grid(ctx.alignment, ctx.flags)
    order = sort_rows(grid, "divergence")
    shown = order[:CLAIM_GRID_REPORT_MAX_ROWS]
    out: list[Flowable] = [PageBreakIfNotEmpty(nextTemplate=GRID_TEMPLATE)]
    out += _intro(ctx, len(shown), len(order))
    if not shown:
        out.append(Paragraph("No passages were aligned between these articles.", s.body))
    style = ParagraphStyle("GridCell", parent=s.cell, fontSize=7.5, leading=9.8)
    columns = list(range(len(grid.documents)))
    ranked = list(enumerate(shown, start=1))
    split = len(columns) > CLAIM_GRID_REPORT_COLUMNS
    for k in range(0, len(columns) if shown else 0, CLAIM_GRID_REPORT_COLUMNS):
        chunk = columns[k : k + CLAIM_GRID_REPORT_COLUMNS]
        # split tables leave out the rows none of their articles carry (ranks stay global)
        rows = [(r, i) for r, i in ranked if any(grid.rows[i].cells[c] for c in chunk)]
        if split:
            label = f"Articles {chunk[0] + 1}–{chunk[-1] + 1} of {len(columns)}"
            out.append(Paragraph(label, s.h2))
            skipped = len(ranked) - len(rows)
            if skipped:
                note = (
                    f"{skipped} of the {len(ranked)} printed passages are in none of these "
                    "articles and are left out of this table."
                )
                out.append(Paragraph(note, s.small))
        if rows:
            out.append(_grid_table(ctx, grid, rows, chunk, style))
    out.append(NextPageTemplate("page"))
    return out

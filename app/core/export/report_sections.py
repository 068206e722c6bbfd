"""The sections of report.pdf, each a list of reportlab flowables built from plain inputs.

Headings use the styles named in HEADING_LEVELS, which the report template turns into PDF
bookmarks and contents entries. Offsets are character offsets into clean text, half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.core.counts import alignment_counts, plural
from app.core.export import fonts
from app.core.export.annotate import PdfHighlight
from app.core.export.diff_fonts import diff_font
from app.core.export.heatmap import bars_drawing, coverage_matrix, heatmap_drawing, reuse_shares
from app.core.export.markup import Side, clip, diff_markup, esc, swatch
from app.core.export.review import unreviewed_flags
from app.core.model import Alignment, Document, Flag, Match, flag_label, flag_passages
from app.core.thresholds import EXPORT_MARGIN, EXPORT_PAIR_MAX_CHARS
from app.core.translation import describe_all

if TYPE_CHECKING:
    from app.core.export.report import ReportContradiction

HEADING_LEVELS = {"H1": 0, "H2": 1}
_FLAG_CONTEXT = 110  # characters of the passage shown on each side of a flagged value
CONTENT_WIDTH = A4[0] - 2 * EXPORT_MARGIN
_GRID = colors.Color(0.8, 0.82, 0.85)
_HEAD_BG = colors.Color(0.93, 0.94, 0.96)
_CELL_PADDING = 6  # reportlab's default left and right padding of a table cell
# The widest labels each Kind column must fit on one line even when absent from this report,
# so every report's tables look alike; a wider custom kind may wrap rather than squeeze quotes.
_FLAG_LABELS = ("attribution", "legal term", "quantity", "negation")
_HIGHLIGHT_KINDS = ("contradiction", "highlight")
_KIND_MAX_WIDTH = 110


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the report, all in the bundled fonts."""

    title: ParagraphStyle
    title_small: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle


def make_styles() -> Styles:
    """Build the styles (fonts must be registered)."""

    def style(name: str, size: float, bold: bool = False, **kw: Any) -> ParagraphStyle:
        face = fonts.BOLD if bold else fonts.REGULAR
        return ParagraphStyle(name, fontName=face, fontSize=size, leading=size * 1.35, **kw)

    return Styles(
        title=style("Title", 22, True, spaceAfter=6),
        title_small=style("TitleSmall", 16, True, spaceAfter=10),
        h1=style("H1", 16, True, spaceBefore=6, spaceAfter=8),
        h2=style("H2", 11.5, True, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        body=style("Body", 9.5, spaceAfter=6),
        small=style("Small", 8, textColor=colors.Color(0.35, 0.38, 0.42), spaceAfter=4),
        cell=style("Cell", 8.5),
        cell_bold=style("CellBold", 8.5, True),
        toc1=style("TOC1", 10.5, True, leftIndent=0, spaceBefore=4),
        toc2=style("TOC2", 9, leftIndent=16),
    )


@dataclass
class ReportContext:
    """Everything the sections read."""

    alignment: Alignment
    flags: list[Flag]  # not dismissed; the accepted ones among them show as contradictions
    contradictions: list[ReportContradiction]  # marked by hand
    accepted: list[ReportContradiction]  # accepted computed flags
    highlights: Mapping[str, Sequence[PdfHighlight]]
    styles: Styles
    generated: str

    def doc(self, doc_id: str) -> Document | None:
        return next((d for d in self.alignment.documents if d.id == doc_id), None)

    def label(self, doc_id: str) -> str:
        """'2. The Moscow Times': numbered, since two articles may share an outlet."""
        for k, d in enumerate(self.alignment.documents):
            if d.id == doc_id:
                return f"{k + 1}. {outlet_of(d)}"
        return "(unknown article)"

    def quote(self, doc_id: str, start: int, end: int) -> str:
        found = self.doc(doc_id)
        return clip(found.text[start:end]) if found is not None else ""


def outlet_of(doc: Document) -> str:
    """The outlet, or the file name when the importer found none."""
    return doc.outlet or Path(doc.source_path).stem or doc.id


def _table(rows: list[list[object]], widths: Sequence[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG))
    table.setStyle(TableStyle(commands))
    return table


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def articles_section(ctx: ReportContext) -> list[Flowable]:
    """Title block and the table of articles (outlet, title, date, length, file)."""
    s = ctx.styles
    docs = ctx.alignment.documents
    outlets = sorted({outlet_of(d) for d in docs})
    out: list[Flowable] = [
        _p("Comparison report", s.title),
        _p(
            esc(f"{plural(len(docs), 'article')} from {plural(len(outlets), 'outlet')}: ")
            + esc(", ".join(outlets)),
            s.body,
        ),
        _p(esc(f"Generated by Parallax on {ctx.generated}."), s.small),
        Spacer(1, 8),
        _p("The articles", s.h1),
    ]
    rows: list[list[object]] = [
        [_p(h, s.cell_bold) for h in ("#", "Outlet", "Title", "Date", "Length", "File")]
    ]
    for k, d in enumerate(docs):
        words = len(d.text.split())
        rows.append(
            [
                _p(str(k + 1), s.cell),
                _p(esc(outlet_of(d)), s.cell_bold),
                _p(
                    esc(d.title)
                    + (f"<br/><font size=7>{esc(clip(d.url, 80))}</font>" if d.url else ""),
                    s.cell,
                ),
                _p(esc(d.date or "—"), s.cell),
                _p(f"{words:,} words<br/>{len(d.text):,} chars", s.cell),
                _p(esc(Path(d.source_path).name), s.cell),
            ]
        )
    widths = [26, 80, 182, 55, 60, CONTENT_WIDTH - 403]  # "#" fits three digits
    out += [_table(rows, widths), Spacer(1, 6)]
    out += [_p(esc(f"Translation: {line}"), s.body) for line in describe_all(ctx.alignment)]
    out.append(Spacer(1, 8))
    return out


def coverage_section(ctx: ReportContext) -> list[Flowable]:
    """The heat map of shared text between every two articles."""
    s = ctx.styles
    docs = ctx.alignment.documents
    matrix = coverage_matrix(ctx.alignment)
    labels = [outlet_of(d) for d in docs]
    drawing = heatmap_drawing(labels, matrix, CONTENT_WIDTH)
    return [
        _p("Coverage: how much each article reuses from the others", s.h1),
        _p(
            "Each cell shows the share of the <b>row</b> article's text that lies in a passage "
            "aligned with the <b>column</b> article (verbatim copies, rewrites and loose "
            "paraphrases alike). Darker means more shared text. The matrix is not symmetric: a "
            "short article can be entirely contained in a long one.",
            s.body,
        ),
        Spacer(1, 6),
        drawing,
        _p(esc(alignment_counts(ctx.alignment)) + ".", s.small),
        Spacer(1, 10),
        _p("Share of each article found in at least one other", s.h2),
        _p(
            "A high share means the article mostly repeats material printed elsewhere; a low "
            "share means most of it is its own reporting (or was not matched).",
            s.body,
        ),
        bars_drawing(labels, reuse_shares(ctx.alignment), CONTENT_WIDTH),
    ]


def _legend(s: Styles) -> Paragraph:
    deleted = diff_font("delete", "Red, struck through")
    inserted = diff_font("insert", "Green")
    changed = diff_font("replace", "Amber")
    return _p(
        "In each pair the left column is the earlier article in the list. "
        f"{deleted}: words only on the left. {inserted}: words only on the right. "
        f"{changed}: words changed (old wording on the left, new wording on the right).",
        s.body,
    )


def _side_markup(doc: Document | None, start: int, end: int, match: Match, side: Side) -> str:
    """One side of a pair with its changes marked, cut at EXPORT_PAIR_MAX_CHARS."""
    if doc is None:
        return ""
    cut = min(end, start + EXPORT_PAIR_MAX_CHARS)
    return diff_markup(doc.text, start, cut, match.ops, side) + (" …" if cut < end else "")


def _pair_table(ctx: ReportContext, match: Match) -> Table:
    s = ctx.styles
    a_doc, b_doc = ctx.doc(match.a.doc_id), ctx.doc(match.b.doc_id)
    a_text = _side_markup(a_doc, match.a.start, match.a.end, match, "a")
    b_text = _side_markup(b_doc, match.b.start, match.b.end, match, "b")
    detail = f"· score {match.score:.0f}, {match.kind}"
    head = f"{esc(ctx.label(match.b.doc_id))} <font size=7 color='#555555'>{detail}</font>"
    rows: list[list[object]] = [
        [_p(esc(ctx.label(match.a.doc_id)), s.cell_bold), _p(head, s.cell_bold)],
        [_p(a_text, s.cell), _p(b_text, s.cell)],
    ]
    half = CONTENT_WIDTH / 2
    return _table(rows, [half, half])


def families_section(ctx: ReportContext) -> list[Flowable]:
    """One sub-section per family: every pairwise match side by side with its diff marked."""
    s = ctx.styles
    out: list[Flowable] = [_p("Shared passages, version by version", s.h1), _legend(s)]
    if not ctx.alignment.families:
        out.append(_p("No passages were aligned between these articles.", s.body))
    for k, family in enumerate(ctx.alignment.families):
        outlets = sorted({ctx.label(sp.doc_id) for sp in family.spans})
        first = family.spans[0] if family.spans else None
        gist = clip(ctx.quote(first.doc_id, first.start, first.end), 70) if first else ""
        out.append(_p(esc(f"Family {k + 1}: “{gist}”"), s.h2))
        out.append(_p(esc(f"In {plural(len(outlets), 'article')}: " + "; ".join(outlets)), s.small))
        for index in family.matches:
            out.append(_pair_table(ctx, ctx.alignment.matches[index]))
            out.append(Spacer(1, 5))
    return out


def _contradiction_block(ctx: ReportContext, c: ReportContradiction, number: int) -> Flowable:
    s = ctx.styles
    sides = [
        (c.a_doc_id, c.a_start, c.a_end, c.a_quote, c.a_label),
        (c.b_doc_id, c.b_start, c.b_end, c.b_quote, c.b_label),
    ]
    labels, quotes = [], []
    for doc_id, start, end, quote, label in sides:
        known = ctx.doc(doc_id) is not None
        labels.append(ctx.label(doc_id) if known else (label or "(article not exported)"))
        quotes.append(ctx.quote(doc_id, start, end) if known else clip(quote))
    rows: list[list[object]] = [
        [_p(esc(text), s.cell_bold) for text in labels],
        [_p("“" + esc(text) + "”", s.cell) for text in quotes],
    ]
    table = _table(rows, [CONTENT_WIDTH / 2] * 2)
    origin = "accepted from the computed flags" if c.origin == "flag" else "marked by hand"
    title = _p(f"<b>{number}.</b> {esc(c.label or c.kind)} — {origin}", s.body)
    note = _p("<b>Note:</b> " + esc(c.note) if c.note else "<i>No note.</i>", s.body)
    return KeepTogether([title, table, Spacer(1, 3), note, Spacer(1, 8)])


def all_contradictions(ctx: ReportContext) -> list[ReportContradiction]:
    """Every stored contradiction in report order (marked by hand, then accepted flags): the
    list the app's Contradictions panel shows, numbered 1.. in the report."""
    return [*ctx.contradictions, *ctx.accepted]


def contradictions_summary(ctx: ReportContext) -> str:
    """'2 contradictions: 1 marked by hand, 1 accepted from the computed flags.'"""
    by_hand, accepted = len(ctx.contradictions), len(ctx.accepted)
    if not by_hand and not accepted:
        return "No contradictions were marked, by hand or by accepting a computed flag."
    hand = f"{by_hand} marked by hand" if by_hand else "none marked by hand"
    flags = f"{accepted} accepted from the computed flags" if accepted else "no flag accepted"
    return f"{plural(by_hand + accepted, 'contradiction')}: {hand}, {flags}."


def contradictions_section(ctx: ReportContext) -> list[Flowable]:
    """Every stored contradiction, as the app lists them: both quotes with their outlets, the
    note, and whether it was marked by hand or accepted from a computed flag."""
    s = ctx.styles
    out: list[Flowable] = [_p("Contradictions", s.h1), _p(esc(contradictions_summary(ctx)), s.body)]
    for k, c in enumerate(all_contradictions(ctx)):
        out.append(_contradiction_block(ctx, c, k + 1))
    return out


def _flag_side(ctx: ReportContext, flag: Flag, side: str) -> str:
    """Outlet, then the matched passage around the value with the value marked."""
    value_span = flag.a if side == "a" else flag.b
    passage = flag_passages(ctx.alignment, flag)[0 if side == "a" else 1]
    doc = ctx.doc(value_span.doc_id)
    head = f"<b>{esc(ctx.label(value_span.doc_id))}</b><br/>"
    if doc is None:
        return head
    lo = max(passage.start, value_span.start - _FLAG_CONTEXT)
    hi = min(passage.end, value_span.end + _FLAG_CONTEXT)
    if lo > passage.start:  # start and end on word boundaries, not inside a word
        lo = min(value_span.start, doc.text.find(" ", lo) + 1 or value_span.start)
    if hi < passage.end:
        cut = doc.text.rfind(" ", value_span.end, hi)
        hi = cut if cut > value_span.end else hi
    before = ("… " if lo > passage.start else "") + esc(doc.text[lo : value_span.start])
    after = esc(doc.text[value_span.end : hi]) + (" …" if hi < passage.end else "")
    value = esc(doc.text[value_span.start : value_span.end])
    return head + before + diff_font("replace", f"<b>{value}</b>") + after


def kind_column_width(
    labels: Sequence[str], style: ParagraphStyle, floor: Sequence[str], extra: str = ""
) -> float:
    """A Kind column wide enough for each of `labels` and `floor` (with `extra` around it) on
    one line in `style`, at most _KIND_MAX_WIDTH."""

    def width(label: str) -> float:
        return stringWidth(extra + label + extra, style.fontName, style.fontSize)

    widest = max(width(label) for label in (*floor, *labels))
    return min(_KIND_MAX_WIDTH, widest + 2 * _CELL_PADDING + 1)


def _flag_rows(ctx: ReportContext, flags: Sequence[Flag]) -> list[list[object]]:
    s = ctx.styles
    rows: list[list[object]] = [[_p(h, s.cell_bold) for h in ("Kind", "Left", "Right", "Why")]]
    for f in flags:
        rows.append(
            [
                _p(esc(flag_label(f)), s.cell),
                _p(_flag_side(ctx, f, "a"), s.cell),
                _p(_flag_side(ctx, f, "b"), s.cell),
                _p(esc(f.reason), s.cell),
            ]
        )
    return rows


def _accepted_text(ctx: ReportContext) -> str:
    """Where the accepted flags are: listed once, under Contradictions, so no count differs."""
    if not ctx.accepted:
        return "No computed flag was accepted."
    first = len(ctx.contradictions) + 1
    numbers = [str(n) for n in range(first, first + len(ctx.accepted))]
    which = "number " + numbers[0] if len(numbers) == 1 else "numbers " + ", ".join(numbers)
    return (
        f"{plural(len(ctx.accepted), 'computed flag')} accepted: listed under Contradictions "
        f"({which}), with both passages."
    )


def flags_section(ctx: ReportContext) -> list[Flowable]:
    """Where the accepted flags are, then every flag not reviewed, labelled as computed."""
    s = ctx.styles
    out: list[Flowable] = [_p("Flags", s.h1), _p("Accepted flags", s.h2)]
    out.append(_p(esc(_accepted_text(ctx)), s.body))
    out.append(_p("Computed flags (not reviewed)", s.h2))
    out.append(
        _p(
            "Found automatically inside aligned passages: differing numbers, dates, places, "
            "names or negations. They are leads to check, not findings.",
            s.small,
        )
    )
    # an accepted flag is a finding now (listed under Contradictions), no longer a lead
    flags = unreviewed_flags(ctx.alignment, ctx.flags, ctx.accepted)
    if not flags:
        none = "No computed flags left to review." if ctx.flags else "No computed flags."
        out.append(_p(none, s.body))
    else:
        kind = kind_column_width([flag_label(f) for f in flags], s.cell, _FLAG_LABELS)
        widths = [kind, 150, 150, CONTENT_WIDTH - 300 - kind]  # "Why" keeps a readable width
        out.append(_table(_flag_rows(ctx, flags), widths))
    return out


def _cut(note: str) -> str:
    """A note cut short enough to fit one table row (line breaks kept)."""
    return note if len(note) <= EXPORT_PAIR_MAX_CHARS else note[:EXPORT_PAIR_MAX_CHARS] + " …"


def highlights_section(ctx: ReportContext) -> list[Flowable]:
    """Per article: each highlight's kind (in its colour), quote and note."""
    s = ctx.styles
    out: list[Flowable] = [_p("Highlights by article", s.h1)]
    for d in ctx.alignment.documents:
        items = sorted(ctx.highlights.get(d.id, ()), key=lambda h: (h.start, h.end))
        out.append(_p(esc(f"{ctx.label(d.id)} — {plural(len(items), 'highlight')}"), s.h2))
        if not items:
            continue
        rows: list[list[object]] = [[_p(h, s.cell_bold) for h in ("Kind", "Quote", "Note")]]
        for h in items:
            rows.append(
                [
                    _p(swatch(h.colour, h.kind or "highlight"), s.cell),
                    _p("“" + esc(clip(d.text[h.start : h.end])) + "”", s.cell),
                    _p("<br/>".join(esc(ln) for ln in _cut(h.note).split("\n")), s.cell),
                ]
            )
        kinds = [h.kind or "highlight" for h in items]
        # the swatch pads its label with a space on each side
        kind = kind_column_width(kinds, s.cell, _HIGHLIGHT_KINDS, extra="\u00a0")
        out.append(_table(rows, [kind, 230, CONTENT_WIDTH - 230 - kind]))
    return out


def page_footer(page_width: float) -> Callable[[Any, Any], None]:
    """The report's footer ("Parallax · comparison report", page number) for pages of this
    width: portrait pages and the claim grid's landscape pages share it."""

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColorRGB(0.35, 0.38, 0.42)
        canvas.drawString(EXPORT_MARGIN, EXPORT_MARGIN * 0.5, "Parallax · comparison report")
        canvas.drawRightString(page_width - EXPORT_MARGIN, EXPORT_MARGIN * 0.5, f"page {doc.page}")
        canvas.restoreState()

    return draw

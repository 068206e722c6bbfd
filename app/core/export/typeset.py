"""Lay out a Document's clean text on A4 pages, remembering where every character stands.

We place text ourselves, line by line, with reportlab's glyph widths instead of a flowing layout
engine: each drawn character's box is then known exactly, so a highlight's quads are computed
from offsets into the clean text, never recovered by extracting text from the PDF again.

Conventions: offsets are character offsets into `Document.text`, ranges half-open. Coordinates are
PDF points with the origin at the bottom-left of the page. Text is set ragged-right with no
kerning, which reportlab does not apply to TrueType fonts, so widths add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.core.export import fonts
from app.core.model import Document
from app.core.thresholds import (
    EXPORT_BODY_LEADING,
    EXPORT_BODY_SIZE,
    EXPORT_HEADING_SIZE,
    EXPORT_MARGIN,
    EXPORT_META_SIZE,
    EXPORT_TITLE_SIZE,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
_GREY = (0.35, 0.38, 0.42)


@dataclass(frozen=True)
class TextLine:
    """One typeset line of the clean text: characters `start`..`end` at `xs` on `baseline`.

    `xs[i]` is the left edge of character `start + i`; `xs[-1]` the right edge of the last one.
    `fonts_used[i]` is the font of that character. Trailing spaces of a wrapped line are not drawn.
    """

    page: int
    start: int
    end: int
    baseline: float
    size: float
    xs: tuple[float, ...]
    fonts_used: tuple[str, ...]

    @property
    def top(self) -> float:
        return self.baseline + _ascent(self.fonts_used[0] if self.fonts_used else "") * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + _descent(self.fonts_used[0] if self.fonts_used else "") * self.size


@dataclass(frozen=True)
class Decoration:
    """Text that is not part of the clean text: title block, metadata, page footers."""

    page: int
    x: float
    baseline: float
    font: str
    size: float
    text: str
    grey: bool = False
    fill: str = ""  # hex colour of a box behind the text (note labels), empty for none


@dataclass(frozen=True)
class Fragment:
    """The box of a highlighted stretch on one line (for one quad)."""

    page: int
    x0: float
    x1: float
    bottom: float
    top: float


@dataclass
class Layout:
    """A Document laid out on pages: what to draw and where each character is."""

    pages: int = 1
    lines: list[TextLine] = field(default_factory=list)
    decorations: list[Decoration] = field(default_factory=list)

    def fragments(self, start: int, end: int) -> list[Fragment]:
        """The per-line boxes covering clean-text range [start, end), in reading order.

        Lines where the range only touches undrawn characters (a trailing space) give no box.
        """
        out: list[Fragment] = []
        for line in self.lines:
            lo, hi = max(start, line.start), min(end, line.end)
            if lo >= hi:
                continue
            x0, x1 = line.xs[lo - line.start], line.xs[hi - line.start]
            if x1 > x0:
                out.append(Fragment(line.page, x0, x1, line.bottom, line.top))
        return out


def _ascent(font: str) -> float:
    face: Any = getattr(pdfmetrics.getFont(font or fonts.REGULAR), "face", None)
    return float(face.ascent) / 1000.0


def _descent(font: str) -> float:
    face: Any = getattr(pdfmetrics.getFont(font or fonts.REGULAR), "face", None)
    return float(face.descent) / 1000.0


class GlyphWidths:
    """Glyph advance widths per (character, font, size), cached: stringWidth is slow per call."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, float], float] = {}

    def __call__(self, ch: str, font: str, size: float) -> float:
        key = (ch, font, size)
        width = self._cache.get(key)
        if width is None:
            width = pdfmetrics.stringWidth(_drawable(ch), font, size)
            self._cache[key] = width
        return width


def _drawable(text: str) -> str:
    """Tabs and other control characters are drawn as spaces (same length, offsets unchanged)."""
    return "".join(" " if (ord(c) < 32 or c == "\x7f") else c for c in text)


def _block_ranges(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines of the clean text as [start, end) ranges (paragraphs, headings, items)."""
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        if raw.strip():
            yield pos, end
        pos = end + 1


def _char_fonts(doc: Document) -> list[str]:
    """The font of every clean-text character from `doc.marks` (headings and strong bold)."""
    chosen = [fonts.REGULAR] * len(doc.text)
    for mark in doc.marks:
        if mark.kind.startswith("heading") or mark.kind == "strong":
            face = fonts.BOLD
        elif mark.kind == "emphasis":
            face = fonts.ITALIC
        else:
            continue
        for i in range(max(0, mark.start), min(len(doc.text), mark.end)):
            chosen[i] = face
    return chosen


def _wrap(
    text: str, start: int, end: int, faces: list[str], size: float, width: float, w: GlyphWidths
) -> Iterator[tuple[int, int, list[float]]]:
    """Break [start, end) into lines no wider than `width`; yield (start, end, advances).

    Breaks fall after a run of spaces; a word longer than a line is cut between characters.
    The trailing spaces at a break are left out of the line (not drawn, no box).
    """
    i = start
    while i < end:
        while i < end and text[i] == " ":  # a wrapped line never starts with blanks
            i += 1
        line_start, used, last_fit, advances = i, 0.0, -1, []
        while i < end:
            adv = w(text[i], faces[i], size)
            if used + adv > width and text[i] != " ":
                break
            used += adv
            advances.append(adv)
            i += 1
            if i < end and text[i] == " " and text[i - 1] != " ":
                last_fit = i
        if i < end and last_fit > line_start:
            i = last_fit
        elif i == line_start:  # a single glyph wider than the line: take it anyway
            advances.append(w(text[i], faces[i], size))
            i += 1
        line_end = i
        while line_end > line_start and text[line_end - 1] == " ":
            line_end -= 1
        if line_end > line_start:
            yield line_start, line_end, advances[: line_end - line_start]


class Cursor:
    """The pen position while laying out: page number and the next baseline."""

    def __init__(self) -> None:
        self.page = 0
        self.y = PAGE_HEIGHT - EXPORT_MARGIN

    def need(self, height: float) -> None:
        """Move to a new page unless `height` points still fit above the bottom margin."""
        if self.y - height < EXPORT_MARGIN:
            self.page += 1
            self.y = PAGE_HEIGHT - EXPORT_MARGIN


def wrap_plain(text: str, font: str, size: float, width: float, w: GlyphWidths) -> list[str]:
    """Wrap a decoration (title, URL) that is not part of the clean text."""
    faces = [font] * len(text)
    return [text[s:e] for s, e, _ in _wrap(text, 0, len(text), faces, size, width, w)]


def _lay_title(doc: Document, layout: Layout, cur: Cursor, w: GlyphWidths) -> bool:
    """Set the title large; True when it is the first line of the clean text (set as text)."""
    first = next(_block_ranges(doc.text), (0, 0))
    title = doc.title.strip()
    if title and doc.text[first[0] : first[1]].strip() == title:
        _lay_block(doc, layout, cur, w, first, EXPORT_TITLE_SIZE, [fonts.BOLD] * len(doc.text))
        return True
    width = PAGE_WIDTH - 2 * EXPORT_MARGIN
    for part in wrap_plain(title, fonts.BOLD, EXPORT_TITLE_SIZE, width, w):
        cur.y -= EXPORT_TITLE_SIZE * 1.3
        layout.decorations.append(
            Decoration(cur.page, EXPORT_MARGIN, cur.y, fonts.BOLD, EXPORT_TITLE_SIZE, part)
        )
    return False


def _lay_meta(doc: Document, layout: Layout, cur: Cursor, w: GlyphWidths) -> None:
    """Outlet · date · language, URL and source file under the title: what the printout is."""
    width = PAGE_WIDTH - 2 * EXPORT_MARGIN
    meta = " · ".join(p for p in (doc.outlet, doc.date, doc.language) if p)
    extra = [meta, *wrap_plain(doc.url, fonts.REGULAR, EXPORT_META_SIZE, width, w)]
    if doc.source_path:
        extra.append(f"File: {Path(doc.source_path).name}")
    for part in (p for p in extra if p):
        cur.y -= EXPORT_META_SIZE * 1.45
        layout.decorations.append(
            Decoration(cur.page, EXPORT_MARGIN, cur.y, fonts.REGULAR, EXPORT_META_SIZE, part, True)
        )
    cur.y -= EXPORT_BODY_LEADING * 0.8


def _lay_block(
    doc: Document,
    layout: Layout,
    cur: Cursor,
    w: GlyphWidths,
    block: tuple[int, int],
    size: float,
    faces: list[str],
) -> None:
    """Wrap one paragraph (clean-text range `block`) into TextLines, breaking pages as needed."""
    leading = size * EXPORT_BODY_LEADING / EXPORT_BODY_SIZE
    width = PAGE_WIDTH - 2 * EXPORT_MARGIN
    for s, e, advances in _wrap(doc.text, block[0], block[1], faces, size, width, w):
        cur.need(leading)
        cur.y -= leading
        xs = [EXPORT_MARGIN]
        for adv in advances:
            xs.append(xs[-1] + adv)
        layout.lines.append(TextLine(cur.page, s, e, cur.y, size, tuple(xs), tuple(faces[s:e])))
    cur.y -= leading * 0.45  # paragraph spacing


def layout_document(doc: Document) -> Layout:
    """Lay out `doc`: title, metadata, then every non-blank line of its clean text as a paragraph.

    Headings (from `doc.marks`) are set larger and bold and kept with the next paragraph.
    Footers are added when drawing, since notes pages may still be appended.

    Raises:
        FontError: if the bundled fonts are missing.
    """
    fonts.register_fonts()
    w, layout, cur = GlyphWidths(), Layout(), Cursor()
    title_is_text = _lay_title(doc, layout, cur, w)
    _lay_meta(doc, layout, cur, w)
    faces = _char_fonts(doc)
    bold = [fonts.BOLD] * len(doc.text)
    blocks = list(_block_ranges(doc.text))
    for start, end in blocks[1:] if title_is_text else blocks:
        if doc.is_heading(start, end):
            leading = EXPORT_HEADING_SIZE * EXPORT_BODY_LEADING / EXPORT_BODY_SIZE
            cur.need(leading * 4.5)  # keep a heading with at least two lines of what follows
            cur.y -= leading * 0.5
            _lay_block(doc, layout, cur, w, (start, end), EXPORT_HEADING_SIZE, bold)
        else:
            _lay_block(doc, layout, cur, w, (start, end), EXPORT_BODY_SIZE, faces)
    layout.pages = cur.page + 1
    return layout


def _footers(doc: Document, pages: int) -> list[Decoration]:
    label = " · ".join(p for p in (doc.outlet, doc.title) if p)
    if len(label) > 90:
        label = label[:89] + "…"
    y = EXPORT_MARGIN * 0.5
    return [
        Decoration(page, EXPORT_MARGIN, y, fonts.REGULAR, EXPORT_META_SIZE - 1,
                   f"{label}    {page + 1} / {pages}", True)
        for page in range(pages)
    ]  # fmt: skip


def draw_layout(doc: Document, layout: Layout, out: Path | BinaryIO) -> None:
    """Write `layout` of `doc` as a PDF to `out` (a path or a binary file; no annotations)."""
    canvas = Canvas(str(out) if isinstance(out, Path) else out, pagesize=A4, pageCompression=1)
    canvas.setTitle(doc.title or Path(doc.source_path).stem)
    canvas.setAuthor(doc.outlet)
    canvas.setCreator("Parallax")
    lines_by_page: dict[int, list[TextLine]] = {}
    for line in layout.lines:
        lines_by_page.setdefault(line.page, []).append(line)
    decos_by_page: dict[int, list[Decoration]] = {}
    for deco in [*layout.decorations, *_footers(doc, layout.pages)]:
        decos_by_page.setdefault(deco.page, []).append(deco)
    for page in range(layout.pages):
        for deco in decos_by_page.get(page, []):
            if deco.fill:
                _draw_box(canvas, deco)
            canvas.setFillColorRGB(*(_GREY if deco.grey else (0, 0, 0)))
            canvas.setFont(deco.font, deco.size)
            canvas.drawString(deco.x, deco.baseline, _drawable(deco.text))
        canvas.setFillColorRGB(0, 0, 0)
        for line in lines_by_page.get(page, []):
            _draw_line(canvas, doc.text, line)
        canvas.showPage()
    canvas.save()


def _draw_box(canvas: Canvas, deco: Decoration) -> None:
    """A filled box behind a decoration, one point wider on each side."""
    width = pdfmetrics.stringWidth(_drawable(deco.text), deco.font, deco.size)
    bottom = deco.baseline + _descent(deco.font) * deco.size
    height = (_ascent(deco.font) - _descent(deco.font)) * deco.size
    canvas.setFillColor(deco.fill)
    canvas.rect(deco.x - 1, bottom, width + 2, height, stroke=0, fill=1)


def _draw_line(canvas: Canvas, text: str, line: TextLine) -> None:
    """Draw a line as runs of one font each, every run at its computed x."""
    i = line.start
    while i < line.end:
        face = line.fonts_used[i - line.start]
        j = i
        while j < line.end and line.fonts_used[j - line.start] == face:
            j += 1
        canvas.setFont(face, line.size)
        canvas.drawString(line.xs[i - line.start], line.baseline, _drawable(text[i:j]))
        i = j

"""Annotated article PDFs: the typeset clean text plus one /Highlight annotation per highlight.

Each highlight becomes a standard PDF text-markup annotation that any reader (Acrobat, Preview,
pdf.js, Okular) lists in its comments pane: `/QuadPoints` with one quad per line fragment, `/C`
its kind's colour, `/Contents` the note, `/T` the author, `/CreationDate` and `/M`. PDF
annotations belong to one page, so a highlight crossing a page break gets one annotation per
page; the later parts point at the first through `/IRT` with `/RT /Group`, which tells readers
to treat them as one comment. We also write an appearance stream (multiply-blended fill), so
viewers that do not synthesise one still show the colour.

Conventions: `start`/`end` are character offsets into `Document.text`, half-open.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from app.core.errors import ParallaxError
from app.core.export.notes import NoteEntry, add_margin_markers, append_notes_pages
from app.core.export.typeset import Fragment, Layout, draw_layout, layout_document
from app.core.model import Document
from app.core.thresholds import EXPORT_DEFAULT_AUTHOR

Quad = tuple[float, float, float, float]  # x0, bottom, x1, top


@dataclass(frozen=True)
class PdfHighlight:
    """A highlight to draw: clean-text range [start, end), hex colour, note and provenance."""

    start: int
    end: int
    colour: str
    note: str = ""
    author: str = ""
    created: str = ""  # ISO 8601; empty means "now"
    kind: str = ""
    id: str = ""


@dataclass(frozen=True)
class PlacedHighlight:
    """Where a highlight landed: one (page, quad) per line fragment, pages 0-based."""

    highlight: PdfHighlight
    quads: tuple[tuple[int, Quad], ...]

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({page for page, _ in self.quads}))


@dataclass
class ExportedArticle:
    """What `export_article_pdf` wrote: the file, its page count and every placed highlight."""

    path: Path
    pages: int
    placed: list[PlacedHighlight] = field(default_factory=list)
    skipped: list[PdfHighlight] = field(default_factory=list)  # empty or out-of-range ranges


class ExportError(ParallaxError):
    """An export file cannot be written (exit status 3: the output path is the bad input)."""

    exit_code = 3

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


def pdf_date(iso: str) -> str:
    """An ISO 8601 timestamp as a PDF date string `D:YYYYMMDDHHmmSS+HH'mm'` (UTC if naive)."""
    try:
        moment = datetime.fromisoformat(iso) if iso else datetime.now(UTC)
    except ValueError:
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hh:02d}'{mm:02d}'"


def hex_rgb(colour: str) -> tuple[float, float, float]:
    """'#ffe066' (or 'ffe066') as three floats 0..1; anything unreadable is yellow."""
    digits = colour.lstrip("#")
    try:
        r, g, b = (int(digits[i : i + 2], 16) / 255.0 for i in (0, 2, 4))
    except ValueError:
        return (1.0, 0.88, 0.4)
    return (r, g, b)


def _quad_points(quads: Sequence[Quad]) -> ArrayObject:
    """Quads in the order readers expect: upper-left, upper-right, lower-left, lower-right."""
    points: list[FloatObject] = []
    for x0, y0, x1, y1 in quads:
        points += [FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)]
    return ArrayObject(points)


def _bounding(quads: Sequence[Quad]) -> Quad:
    return (
        min(q[0] for q in quads),
        min(q[1] for q in quads),
        max(q[2] for q in quads),
        max(q[3] for q in quads),
    )


def _appearance(
    writer: PdfWriter, quads: Sequence[Quad], rgb: tuple[float, ...]
) -> DictionaryObject:
    """A form XObject filling the quads in multiply mode, so text stays black under the colour."""
    rect = _bounding(quads)
    ops = ["/GS0 gs", "{:.3f} {:.3f} {:.3f} rg".format(*rgb)]
    ops += [f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f" for x0, y0, x1, y1 in quads]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    gs = DictionaryObject({NameObject("/BM"): NameObject("/Multiply")})
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/Resources"): DictionaryObject(
                {
                    NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): gs}),
                }
            ),
        }
    )
    return DictionaryObject({NameObject("/N"): writer._add_object(stream)})


def _annotation(
    writer: PdfWriter, item: PdfHighlight, quads: Sequence[Quad], author: str, part: int
) -> Highlight:
    rgb = hex_rgb(item.colour)
    annot = Highlight(
        rect=_bounding(quads),
        quad_points=_quad_points(quads),
        highlight_color=item.colour.lstrip("#") or "ffe066",
        printing=True,
    )
    when = pdf_date(item.created)
    annot.update(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Contents"): TextStringObject(item.note),
            NameObject("/T"): TextStringObject(item.author or author),
            NameObject("/CreationDate"): TextStringObject(when),
            NameObject("/M"): TextStringObject(when),
            NameObject("/AP"): _appearance(writer, quads, rgb),
        }
    )
    if item.kind:
        annot[NameObject("/Subj")] = TextStringObject(item.kind)
    if item.id:
        name = item.id if part == 0 else f"{item.id}#{part + 1}"
        annot[NameObject("/NM")] = TextStringObject(name)
    return annot


def _quads_by_page(fragments: Sequence[Fragment]) -> dict[int, list[Quad]]:
    by_page: dict[int, list[Quad]] = {}
    for frag in fragments:
        by_page.setdefault(frag.page, []).append((frag.x0, frag.bottom, frag.x1, frag.top))
    return by_page


def _place(layout: Layout, item: PdfHighlight) -> PlacedHighlight | None:
    """The quads of one highlight, one per line fragment; None if it covers no drawn character."""
    by_page = _quads_by_page(layout.fragments(item.start, item.end))
    if not by_page:
        return None
    return PlacedHighlight(
        item, tuple((page, q) for page in sorted(by_page) for q in by_page[page])
    )


def _add_annotations(writer: PdfWriter, placed: PlacedHighlight, author: str) -> None:
    """One annotation per page of the highlight; later pages grouped under the first (/IRT)."""
    first_ref = None
    for part, page in enumerate(placed.pages):
        quads = [q for p, q in placed.quads if p == page]
        annot = _annotation(writer, placed.highlight, quads, author, part)
        if first_ref is not None:
            annot[NameObject("/IRT")] = first_ref
            annot[NameObject("/RT")] = NameObject("/Group")
        added = writer.add_annotation(page_number=page, annotation=annot)
        if first_ref is None:
            first_ref = added.indirect_reference


def _note_entries(layout: Layout, placed: Sequence[PlacedHighlight], text: str) -> list[NoteEntry]:
    """Printed notes, numbered in reading order."""
    ordered = sorted(placed, key=lambda p: (p.highlight.start, p.highlight.end))
    entries = []
    for number, item in enumerate(ordered, start=1):
        h = item.highlight
        first = next(ln for ln in layout.lines if ln.end > h.start and ln.start < h.end)
        quote = text[h.start : h.end]
        entries.append(
            NoteEntry(number, h.kind, h.colour, quote, h.note, first.page, first.baseline)
        )
    return entries


def write_pdf(writer: PdfWriter, out_path: Path) -> None:
    """Write through a temporary file and rename, so a failed export leaves no half PDF.

    Raises:
        ExportError: if the folder cannot be written.
    """
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            writer.write(fh)
        os.replace(tmp, out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(out_path, f"cannot write ({exc.strerror or exc})") from exc


def export_article_pdf(
    doc: Document,
    highlights: Sequence[PdfHighlight],
    out_path: Path,
    *,
    author: str = EXPORT_DEFAULT_AUTHOR,
) -> ExportedArticle:
    """Typeset `doc` and write it to `out_path` with one /Highlight per highlight.

    Args:
        doc: the article; its clean text is what gets typeset.
        highlights: ranges into `doc.text` (half-open); empty or out-of-range ones are skipped
            and listed in the result.
        out_path: the PDF to write (replaced if it exists).
        author: `/T` for highlights that carry no author of their own.

    Raises:
        ExportError: if the file cannot be written. FontError: if the fonts are missing.
    """
    layout = layout_document(doc)
    result = ExportedArticle(Path(out_path), 0)
    for item in highlights:
        valid = 0 <= item.start < item.end <= len(doc.text)
        placed = _place(layout, item) if valid else None
        if placed is None:
            result.skipped.append(item)
        else:
            result.placed.append(placed)
    entries = _note_entries(layout, result.placed, doc.text)
    add_margin_markers(layout, entries)
    append_notes_pages(layout, entries)
    result.pages = layout.pages
    buffer = io.BytesIO()
    draw_layout(doc, layout, buffer)
    writer = PdfWriter(clone_from=PdfReader(buffer))
    for placed in result.placed:
        _add_annotations(writer, placed, author)
    write_pdf(writer, Path(out_path))
    return result


def export_plain_pdf(doc: Document, out_path: Path) -> int:
    """Typeset `doc` without annotations (the benchmark baseline); returns the page count."""
    layout = layout_document(doc)
    buffer = io.BytesIO()
    draw_layout(doc, layout, buffer)
    try:
        Path(out_path).write_bytes(buffer.getvalue())
    except OSError as exc:
        raise ExportError(Path(out_path), f"cannot write ({exc.strerror or exc})") from exc
    return layout.pages


__all__ = [
    "ExportError",
    "ExportedArticle",
    "PdfHighlight",
    "PlacedHighlight",
    "export_article_pdf",
    "export_plain_pdf",
    "hex_rgb",
    "pdf_date",
]

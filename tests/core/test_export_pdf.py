"""Annotated article PDFs: read back with pypdf, pdfplumber and rendered pixels."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.export.annotate import PdfHighlight, export_article_pdf, hex_rgb, pdf_date
from app.core.export.typeset import layout_document
from app.core.model import Document, Mark, document_id
from app.core.thresholds import HIGHLIGHT_COLOURS

from .pdf_checks import (
    pixels_in,
    read_highlights,
    render_ppm,
    squash,
    text_in_quads,
)

DPI = 50


def _article() -> Document:
    """About three pages: a heading, English and Russian paragraphs, a tab and curly quotes."""
    english = (
        "Russia has reportedly consented to allow the United States to use its bases in "
        "Kyrgyzstan and Tajikistan for limited security operations in Afghanistan, "
        "according to a newspaper report over the weekend. "
    )
    russian = "Россия предложила США использовать свои базы в Центральной Азии. "
    paragraphs = ["Background and “context”"]
    for k in range(24):
        body = (english if k % 2 == 0 else russian) * 3
        paragraphs.append(f"Paragraph {k}:\t{body}".strip())
    text = "\n\n".join(paragraphs)
    heading_end = len(paragraphs[0])
    return Document(
        id=document_id(text),
        title="Russia Shows Tentative Willingness to Let U.S. Use Central Asia Bases",
        outlet="The Moscow Times",
        date="2021-07-19",
        url="https://example.org/2021/07/19/russia-bases",
        language="en",
        source_path="/tmp/moscow-times.txt",
        text=text,
        marks=[Mark(0, heading_end, "heading2")],
    )


def _highlights(doc: Document) -> dict[str, PdfHighlight]:
    """A one-line, a line-break, a page-break and a Cyrillic highlight, placed from the layout."""
    layout = layout_document(doc)
    lines = layout.lines
    one = lines[3]
    k = next(i for i in range(4, len(lines) - 1) if lines[i + 1].start - lines[i].end == 1)
    last_p0 = max(i for i, ln in enumerate(lines) if ln.page == 0)
    cyr = doc.text.index("Центральной Азии")
    return {
        "one_line": PdfHighlight(one.start + 4, one.start + 30, HIGHLIGHT_COLOURS["claim"],
                                 "Check this claim", "Ada", "2021-07-20T10:00:00+00:00",
                                 "claim", "h-one"),
        "line_break": PdfHighlight(lines[k].end - 15, lines[k + 1].start + 12,
                                   HIGHLIGHT_COLOURS["evidence"], "Across a line", "Ben",
                                   "2021-07-21T11:30:00+00:00", "evidence", "h-line"),
        "page_break": PdfHighlight(lines[last_p0].end - 20, lines[last_p0 + 1].start + 14,
                                   HIGHLIGHT_COLOURS["contradiction"],
                                   "Contradicts Kommersant: “bases in Kyrgyzstan”", "", "",
                                   "contradiction", "h-page"),
        "cyrillic": PdfHighlight(cyr, cyr + len("Центральной Азии"),
                                 HIGHLIGHT_COLOURS["question"], "Перевод?", "Вера",
                                 "2021-07-22T09:15:00+03:00", "question", "h-cyr"),
    }  # fmt: skip


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Document, dict[str, PdfHighlight], Path, object]:
    doc = _article()
    marks = _highlights(doc)
    out = tmp_path_factory.mktemp("pdf") / "article.pdf"
    result = export_article_pdf(doc, list(marks.values()), out, author="Parallax test")
    return doc, marks, out, result


def test_one_annotation_per_highlight_and_a_grouped_part_per_extra_page(exported):
    _doc, marks, out, result = exported
    annots, _boxes = read_highlights(out)
    firsts = [a for a in annots if not a.in_reply_to]
    assert len(firsts) == len(marks)
    assert sorted(a.name for a in firsts) == sorted(h.id for h in marks.values())
    continuation = [a for a in annots if a.in_reply_to]
    assert [a.name for a in continuation] == ["h-page#2"]
    assert result.pages >= 3 and not result.skipped


def test_quads_lie_within_the_page(exported):
    _doc, _marks, out, _result = exported
    annots, boxes = read_highlights(out)
    for a in annots:
        left, bottom, right, top = boxes[a.page]
        for x0, y0, x1, y1 in a.quads:
            assert left <= x0 < x1 <= right and bottom <= y0 < y1 <= top


@pytest.mark.parametrize("which", ["one_line", "line_break", "page_break", "cyrillic"])
def test_characters_inside_the_quads_spell_the_quote(exported, which):
    doc, marks, out, _result = exported
    h = marks[which]
    annots, _boxes = read_highlights(out)
    parts = [a for a in annots if a.name.split("#")[0] == h.id]
    placed = [(a.page, q) for a in sorted(parts, key=lambda a: a.page) for q in a.quads]
    assert squash(text_in_quads(out, placed)) == squash(doc.text[h.start : h.end])


def test_line_and_page_breaks_give_one_quad_per_fragment(exported):
    _doc, _marks, out, _result = exported
    annots, _boxes = read_highlights(out)
    by_name = {a.name: a for a in annots}
    assert len(by_name["h-one"].quads) == 1
    assert len(by_name["h-line"].quads) == 2
    assert by_name["h-line"].quads[0][1] > by_name["h-line"].quads[1][1]  # second line lower
    assert by_name["h-page"].page + 1 == by_name["h-page#2"].page


def test_notes_authors_dates_and_colours_survive(exported):
    _doc, marks, out, _result = exported
    annots, _boxes = read_highlights(out)
    by_name = {a.name.split("#")[0]: a for a in annots if not a.in_reply_to}
    for h in marks.values():
        a = by_name[h.id]
        assert a.contents == h.note
        assert a.author == (h.author or "Parallax test")
        assert a.colour == pytest.approx(hex_rgb(h.colour), abs=1e-3)
        assert a.created == a.modified and a.created.startswith("D:2021") == bool(h.created)
    assert by_name["h-cyr"].created == "D:20210722091500+03'00'"
    assert by_name["h-cyr"].author == "Вера"


def _share_close(pixels: list[tuple[int, int, int]], rgb: tuple[int, ...], tol: int = 18) -> float:
    close = [p for p in pixels if all(abs(p[c] - rgb[c]) <= tol for c in range(3))]
    return len(close) / max(1, len(pixels))


def test_rendered_pixels_under_each_quad_have_the_highlight_colour(exported, tmp_path):
    _doc, marks, out, _result = exported
    annots, boxes = read_highlights(out)
    images = {}
    for a in annots:
        if a.page not in images:
            images[a.page] = render_ppm(out, a.page, DPI, tmp_path)
        h = next(m for m in marks.values() if m.id == a.name.split("#")[0])
        rgb = tuple(round(v * 255) for v in hex_rgb(h.colour))
        for quad in a.quads:
            pixels = pixels_in(images[a.page], quad, boxes[a.page][3], DPI)
            # at 50 dpi glyphs cover much of a line: the rest must be the colour, none white
            assert _share_close(pixels, rgb) > 0.3, (a.name, quad)
            assert _share_close(pixels, (255, 255, 255), 6) < 0.02, (a.name, quad)


def test_unhighlighted_text_is_not_coloured(exported, tmp_path):
    doc, _marks, out, _result = exported
    layout = layout_document(doc)
    line = next(ln for ln in layout.lines if ln.page == 2)
    image = render_ppm(out, 2, DPI, tmp_path)
    quad = (line.xs[0], line.bottom, line.xs[-1], line.top)
    pixels = pixels_in(image, quad, layout_height(out), DPI)
    for colour in HIGHLIGHT_COLOURS.values():
        rgb = tuple(round(v * 255) for v in hex_rgb(colour))
        assert _share_close(pixels, rgb) < 0.05


def layout_height(path: Path) -> float:
    _annots, boxes = read_highlights(path)
    return boxes[0][3]


def test_empty_or_out_of_range_highlights_are_skipped_not_drawn(tmp_path):
    doc = _article()
    bad = [PdfHighlight(5, 5, "#ffe066"), PdfHighlight(10, len(doc.text) + 5, "#ffe066")]
    good = PdfHighlight(0, 10, "#ffe066", "ok")
    result = export_article_pdf(doc, [*bad, good], tmp_path / "a.pdf")
    assert result.skipped == bad
    annots, _ = read_highlights(tmp_path / "a.pdf")
    assert [a.contents for a in annots] == ["ok"]


def test_header_shows_title_outlet_date_and_url(exported):
    import pdfplumber

    doc, _marks, out, _result = exported
    with pdfplumber.open(str(out)) as pdf:
        first = pdf.pages[0].extract_text()
    for part in (doc.title, doc.outlet, doc.date, doc.url, "Background and “context”"):
        assert squash(part) in squash(first)


def test_pdf_date_formats_iso_timestamps():
    assert pdf_date("2021-07-19T08:05:09+00:00") == "D:20210719080509+00'00'"
    assert pdf_date("2021-07-19T08:05:09-05:30") == "D:20210719080509-05'30'"
    assert pdf_date("2021-07-19T08:05:09") == "D:20210719080509+00'00'"
    assert pdf_date("not a date").startswith("D:20")


def test_printed_notes_list_every_highlight_with_its_page_and_margin_marker(exported):
    import pdfplumber

    doc, marks, out, result = exported
    with pdfplumber.open(str(out)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    notes = squash(" ".join(t for t in texts if "Highlights and notes" in t))
    ordered = sorted(marks.values(), key=lambda h: h.start)
    for number, h in enumerate(ordered, start=1):
        assert squash(f"[{number}] {h.kind}") in notes
        assert squash(h.note) in notes
        assert squash(doc.text[h.start : h.end])[:30] in notes
    assert "[1]" in texts[0]  # the marker beside the first highlighted line
    assert result.pages == len(texts)

"""Coverage between articles: how much of each article's text reappears in each other one.

`coverage_matrix` counts, for every ordered pair (row article, column article), the share of the
row article's non-blank characters that lie inside a match with the column article.
`heatmap_drawing` draws that matrix as a reportlab graphic for report.pdf.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import Color

from app.core.export import fonts
from app.core.model import Alignment, Span
from app.core.thresholds import EXPORT_HEATMAP_COLOUR, EXPORT_HEATMAP_DARK_SHARE

_LABEL_WIDTH = 150.0
_MAX_CELL = 64.0
_CELL_HEIGHT = 30.0
_HEADER_HEIGHT = 70.0
# A drawing taller than the page frame cannot be laid out at all, so with many articles rows
# shrink to fit this height; below _MIN_TEXT_ROW points a cell is too small for its number and
# only its shade tells the share, and labels are thinned to one every few rows.
MAX_DRAWING_HEIGHT = 560.0
_MIN_TEXT_ROW = 11.0
_MIN_LABEL_ROW = 7.0


def _row_height(n: int, preferred: float, max_height: float) -> float:
    """The largest row height up to `preferred` that fits n rows into `max_height`."""
    return min(preferred, max_height / max(1, n))


def _label_step(row: float) -> int:
    """Label every k-th row so labels at least _MIN_LABEL_ROW points apart never overlap."""
    return max(1, int(-(-_MIN_LABEL_ROW // row)))


def coverage_matrix(alignment: Alignment) -> list[list[float | None]]:
    """share[i][j]: fraction (0..1) of document i's non-blank text matched in document j.

    The diagonal is None. Documents follow `alignment.documents` order. Matches inside one
    document are ignored.
    """
    docs = alignment.documents
    index = {d.id: i for i, d in enumerate(docs)}
    covered: dict[tuple[int, int], bytearray] = {}
    for match in alignment.matches:
        i, j = index.get(match.a.doc_id), index.get(match.b.doc_id)
        if i is None or j is None or i == j:
            continue
        _mark(covered, i, j, match.a, len(docs[i].text))
        _mark(covered, j, i, match.b, len(docs[j].text))
    out: list[list[float | None]] = []
    for i, doc in enumerate(docs):
        blank = bytearray(1 if c.isspace() else 0 for c in doc.text)
        total = len(doc.text) - sum(blank)
        row: list[float | None] = []
        for j in range(len(docs)):
            if i == j:
                row.append(None)
                continue
            mask = covered.get((i, j))
            hits = sum(1 for k, m in enumerate(mask) if m and not blank[k]) if mask else 0
            row.append(hits / total if total else 0.0)
        out.append(row)
    return out


def reuse_shares(alignment: Alignment) -> list[float]:
    """Per document: the share (0..1) of its non-blank text aligned with any other document."""
    docs = alignment.documents
    masks = {d.id: bytearray(len(d.text)) for d in docs}
    for match in alignment.matches:
        if match.a.doc_id == match.b.doc_id:
            continue
        for span in (match.a, match.b):
            mask = masks.get(span.doc_id)
            if mask is not None:
                lo, hi = max(0, span.start), min(len(mask), span.end)
                mask[lo:hi] = b"\x01" * (hi - lo)
    out = []
    for d in docs:
        mask = masks[d.id]
        solid = [k for k, c in enumerate(d.text) if not c.isspace()]
        out.append(sum(mask[k] for k in solid) / len(solid) if solid else 0.0)
    return out


def bars_drawing(
    labels: Sequence[str],
    shares: Sequence[float],
    width: float,
    max_height: float = MAX_DRAWING_HEIGHT,
) -> Drawing:
    """Horizontal bars, one per document, 0-100 %, labelled on the left and with the value."""
    fonts.register_fonts()
    pitch = _row_height(len(labels), 20.0, max_height)
    bar_h = pitch * 0.7
    step = _label_step(pitch)
    span = width - _LABEL_WIDTH - 40
    drawing = Drawing(width, len(labels) * pitch + 4)
    for i, (label, share) in enumerate(zip(labels, shares, strict=True)):
        y = (len(labels) - 1 - i) * pitch + 2
        back = Rect(_LABEL_WIDTH, y, span, bar_h)
        back.fillColor, back.strokeColor = Color(0.94, 0.95, 0.96), None
        bar = Rect(_LABEL_WIDTH, y, max(0.5, span * share), bar_h)
        bar.fillColor, bar.strokeColor = _shade(0.8), None
        drawing.add(back)
        drawing.add(bar)
        if i % step:
            continue
        size = min(8.0, pitch * 0.8)
        base = y + bar_h / 2 - size / 3
        drawing.add(_row_label(base, f"{i + 1}. {label}", size))
        value = f"{share * 100:.0f} %"
        drawing.add(
            String(_LABEL_WIDTH + span + 4, base, value, fontName=fonts.REGULAR, fontSize=size)
        )
    return drawing


def _row_label(baseline: float, text: str, size: float) -> String:
    """A row's name, right-aligned against the cells, clipped so it fits the label column."""
    return String(_LABEL_WIDTH - 6, baseline, _clip(text, 28), fontName=fonts.BOLD,
                  fontSize=size, textAnchor="end")  # fmt: skip


def _mark(covered: dict[tuple[int, int], bytearray], i: int, j: int, span: Span, n: int) -> None:
    mask = covered.setdefault((i, j), bytearray(n))
    lo, hi = max(0, span.start), min(n, span.end)
    mask[lo:hi] = b"\x01" * (hi - lo)


def _shade(share: float) -> Color:
    """Linear blend from white (0) to the heat map colour (1)."""
    digits = EXPORT_HEATMAP_COLOUR.lstrip("#")
    r, g, b = (int(digits[k : k + 2], 16) / 255.0 for k in (0, 2, 4))
    t = max(0.0, min(1.0, share))
    return Color(1 - t * (1 - r), 1 - t * (1 - g), 1 - t * (1 - b))


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def heatmap_drawing(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    width: float,
    max_height: float = MAX_DRAWING_HEIGHT,
) -> Drawing:
    """The coverage matrix as a grid of shaded cells with percentages, rows and columns labelled.

    Args:
        labels: one short label per document (outlet names), in matrix order.
        matrix: as returned by `coverage_matrix`.
        width: the space available (points); cells shrink to fit.
        max_height: the drawing never grows taller (rows shrink), so it always fits a page.
    """
    fonts.register_fonts()
    n = len(labels)
    cell = min(_MAX_CELL, (width - _LABEL_WIDTH) / max(1, n))
    row = _row_height(n, _CELL_HEIGHT, max_height - _HEADER_HEIGHT - 4)
    step = _label_step(min(row, cell))
    top = n * row
    drawing = Drawing(width, _HEADER_HEIGHT + top + 4)
    for j, label in enumerate(labels[::step]):
        x = _LABEL_WIDTH + j * step * cell + cell / 2
        text = String(x, top + 8, _clip(f"{j * step + 1}. {label}", 28), fontName=fonts.BOLD,
                      fontSize=min(7.0, cell * step * 0.8))  # fmt: skip
        drawing.add(_rotated(text, x, top + 8))
    for i, label in enumerate(labels):
        y = top - (i + 1) * row
        if i % step == 0:
            size = min(8.0, row * step * 0.8)
            drawing.add(_row_label(y + row / 2 - size / 3, f"{i + 1}. {label}", size))
        for j in range(n):
            _add_cell(drawing, (_LABEL_WIDTH + j * cell, y, cell, row), matrix[i][j])
    return drawing


def _rotated(text: String, x: float, y: float) -> Group:
    """A column label tilted 40° so long outlet names do not collide."""
    text.x, text.y = 0, 0
    group = Group(text)
    group.translate(x, y)
    group.rotate(40)
    return group


def _add_cell(
    drawing: Drawing, box: tuple[float, float, float, float], share: float | None
) -> None:
    """One shaded cell; its percentage is written only where it fits."""
    x, y, w, h = box
    grey = Color(0.93, 0.93, 0.93)
    fill = grey if share is None else _shade(share)
    cell = Rect(x, y, w, h)
    cell.fillColor, cell.strokeColor = fill, Color(1, 1, 1) if h >= _MIN_TEXT_ROW else None
    drawing.add(cell)
    if h < _MIN_TEXT_ROW or w < 2 * _MIN_TEXT_ROW:
        return
    if share is None:
        label, ink = "—", Color(0.5, 0.5, 0.5)
    else:
        label = f"{share * 100:.0f} %"
        ink = Color(1, 1, 1) if share >= EXPORT_HEATMAP_DARK_SHARE else Color(0.1, 0.1, 0.1)
    drawing.add(
        String(
            x + w / 2,
            y + h / 2 - 3,
            label,
            fontName=fonts.REGULAR,
            fontSize=8,
            textAnchor="middle",
            fillColor=ink,
        )
    )

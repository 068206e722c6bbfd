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


def bars_drawing(labels: Sequence[str], shares: Sequence[float], width: float) -> Drawing:
    """Horizontal bars, one per document, 0-100 %, labelled on the left and with the value."""
    fonts.register_fonts()
    bar_h, gap = 14.0, 6.0
    span = width - _LABEL_WIDTH - 40
    drawing = Drawing(width, len(labels) * (bar_h + gap) + 4)
    for i, (label, share) in enumerate(zip(labels, shares, strict=True)):
        y = (len(labels) - 1 - i) * (bar_h + gap) + 2
        back = Rect(_LABEL_WIDTH, y, span, bar_h)
        back.fillColor, back.strokeColor = Color(0.94, 0.95, 0.96), None
        bar = Rect(_LABEL_WIDTH, y, max(0.5, span * share), bar_h)
        bar.fillColor, bar.strokeColor = _shade(0.8), None
        drawing.add(back)
        drawing.add(bar)
        drawing.add(String(_LABEL_WIDTH - 6, y + 4, _clip(f"{i + 1}. {label}", 28),
                           fontName=fonts.BOLD, fontSize=8, textAnchor="end"))  # fmt: skip
        drawing.add(String(_LABEL_WIDTH + span + 4, y + 4, f"{share * 100:.0f} %",
                           fontName=fonts.REGULAR, fontSize=8))  # fmt: skip
    return drawing


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
    labels: Sequence[str], matrix: Sequence[Sequence[float | None]], width: float
) -> Drawing:
    """The coverage matrix as a grid of shaded cells with percentages, rows and columns labelled.

    Args:
        labels: one short label per document (outlet names), in matrix order.
        matrix: as returned by `coverage_matrix`.
        width: the space available (points); cells shrink to fit.
    """
    fonts.register_fonts()
    n = len(labels)
    cell = min(_MAX_CELL, (width - _LABEL_WIDTH) / max(1, n))
    height = _HEADER_HEIGHT + n * _CELL_HEIGHT + 4
    drawing = Drawing(width, height)
    top = n * _CELL_HEIGHT
    for j, label in enumerate(labels):
        x = _LABEL_WIDTH + j * cell + cell / 2
        text = String(x, top + 8, _clip(f"{j + 1}. {label}", 28), fontName=fonts.BOLD, fontSize=7)
        drawing.add(_rotated(text, x, top + 8))
    for i, label in enumerate(labels):
        y = top - (i + 1) * _CELL_HEIGHT
        drawing.add(
            String(
                _LABEL_WIDTH - 6,
                y + _CELL_HEIGHT / 2 - 3,
                _clip(f"{i + 1}. {label}", 28),
                fontName=fonts.BOLD,
                fontSize=8,
                textAnchor="end",
            )
        )
        for j in range(n):
            _add_cell(drawing, _LABEL_WIDTH + j * cell, y, cell, matrix[i][j])
    return drawing


def _rotated(text: String, x: float, y: float) -> Group:
    """A column label tilted 40° so long outlet names do not collide."""
    text.x, text.y = 0, 0
    group = Group(text)
    group.translate(x, y)
    group.rotate(40)
    return group


def _add_cell(drawing: Drawing, x: float, y: float, w: float, share: float | None) -> None:
    grey = Color(0.93, 0.93, 0.93)
    fill = grey if share is None else _shade(share)
    cell = Rect(x, y, w, _CELL_HEIGHT)
    cell.fillColor, cell.strokeColor = fill, Color(1, 1, 1)
    drawing.add(cell)
    if share is None:
        label, ink = "—", Color(0.5, 0.5, 0.5)
    else:
        label = f"{share * 100:.0f} %"
        ink = Color(1, 1, 1) if share >= EXPORT_HEATMAP_DARK_SHARE else Color(0.1, 0.1, 0.1)
    drawing.add(
        String(
            x + w / 2,
            y + _CELL_HEIGHT / 2 - 3,
            label,
            fontName=fonts.REGULAR,
            fontSize=8,
            textAnchor="middle",
            fillColor=ink,
        )
    )

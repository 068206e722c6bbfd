"""Rich text of the claim grid's cells (Qt-free strings, shown by app/ui/claim_grid_view.py).

Colours are the comparison panel's (thresholds): words only in a version green and underlined,
words of the reference left out red and struck through, changed wording amber; flagged values
bold red. Pieces come from `app.core.claim_grid.cell_segments`.
"""

from __future__ import annotations

from html import escape

from app.core.claim_grid import (
    ClaimCell,
    ClaimGrid,
    ClaimRow,
    cell_flags,
    cell_segments,
    clip_segments,
)
from app.core.model import flag_label
from app.core.thresholds import (
    CLAIM_GRID_CELL_FLAGS,
    CLAIM_GRID_FLAG_COLOUR,
    CLAIM_GRID_UI_CELL_CHARS,
    DIFF_DELETE_COLOUR,
    DIFF_INSERT_BG,
    DIFF_INSERT_COLOUR,
    DIFF_REPLACE_BG,
    DIFF_REPLACE_COLOUR,
)

STYLE = {
    "insert": f"color:{DIFF_INSERT_COLOUR}; background:{DIFF_INSERT_BG}; text-decoration:underline",
    "delete": f"color:{DIFF_DELETE_COLOUR}; text-decoration:line-through",
    "replace": f"color:{DIFF_REPLACE_COLOUR}; background:{DIFF_REPLACE_BG}",
}
_GREY = "color:#6c757d; font-size:small"


def cell_html(grid: ClaimGrid, row: ClaimRow, cell: ClaimCell | None) -> str:
    """A cell as rich text: its similarity, the marked version (cut), its flags in bold red."""
    if cell is None:
        return f"<span style='{_GREY}'><i>not in this article</i></span>"
    if cell.is_reference:
        head = "reference version (earliest article)"
    elif cell.direct:
        head = f"{cell.similarity:.0f}% similar"
    else:
        head = f"{cell.similarity:.0f}% same words · linked through other outlets"
    shown, cut = clip_segments(cell_segments(grid, row, cell), CLAIM_GRID_UI_CELL_CHARS)
    body = []
    for seg in shown:
        text = escape(seg.text)
        if seg.flagged:
            text = f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>{text}</b>"
        style = STYLE.get(seg.tag)
        text = f"<span style='{style}'>{text}</span>" if style else text
        body.append(f" {text} " if seg.tag == "delete" else text)
    lines = [f"<span style='{_GREY}'>{head}</span>"]
    listed = cell_flags(cell)
    lines += [  # flags first: a tall version is cut at the foot of its row
        f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>⚠ {escape(flag_label(f))}: "
        f"“{escape(here)}” here, "
        f"“{escape(there)}” in {escape(_outlet(grid, doc))}</b>"
        for f, here, there, doc in listed[:CLAIM_GRID_CELL_FLAGS]
    ]
    if len(listed) > CLAIM_GRID_CELL_FLAGS:
        more = len(listed) - CLAIM_GRID_CELL_FLAGS
        lines.append(f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>+{more} more (see tooltip)</b>")
    lines.append("".join(body) + (" …" if cut else ""))
    return "<br/>".join(lines)


def row_head_html(row: ClaimRow, total: int) -> str:
    """The "Passage" column: family number (as in the report), divergence, flags, coverage."""
    flags = len(row.flags)
    flag_text = (
        f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>{flags} flag{'s' * (flags != 1)}</b>"
        if flags
        else "no flags"
    )
    return (
        f"<b>Family {row.family + 1}</b><br/>divergence <b>{row.divergence:.0f}</b><br/>"
        f"mean {row.mean_similarity:.0f}% similar<br/>{flag_text}<br/>in {row.present} of {total}"
    )


def cell_tooltip(grid: ClaimGrid, cell: ClaimCell | None) -> str:
    """Why each flag of the cell was raised, and what double-clicking does."""
    if cell is None:
        return "This article does not carry this passage."
    reasons = [f"⚠ {flag_label(f)}: {f.reason}" for f, *_ in cell_flags(cell)]
    extra = (
        f"{len(cell.others)} more passage(s) of this article belong here." if cell.others else ""
    )
    hint = "Double-click to open this passage in the articles."
    return "\n".join([*reasons, extra, hint] if extra else [*reasons, hint])


def _outlet(grid: ClaimGrid, doc_id: str) -> str:
    for k, doc in enumerate(grid.documents):
        if doc.id == doc_id:
            return f"{k + 1}. {doc.display_name}"
    return "another article"

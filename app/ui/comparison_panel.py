"""The bottom panel: every outlet's version of the selected passage, word changes marked.

Changes are shown relative to the version the user clicked, from `Match.ops` (computed in core):
words only in a version are green and underlined, words of the clicked version missing from it
are red and struck through, changed wording is amber.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core import translation
from app.core.model import Alignment, Document, Match, Span
from app.core.thresholds import (
    DIFF_DELETE_COLOUR,
    DIFF_INSERT_BG,
    DIFF_INSERT_COLOUR,
    DIFF_REPLACE_BG,
    DIFF_REPLACE_COLOUR,
    FAMILY_COLOURS,
    XL_NOTE_BG,
)
from app.core.worddiff import word_diff

Segment = tuple[str, str]  # text, tag in equal | insert | delete | replace

_STYLE = {
    "equal": "",
    "insert": f"color:{DIFF_INSERT_COLOUR}; background:{DIFF_INSERT_BG}; text-decoration:underline",
    "delete": f"color:{DIFF_DELETE_COLOUR}; text-decoration:line-through",
    "replace": f"color:{DIFF_REPLACE_COLOUR}; background:{DIFF_REPLACE_BG}",
}
_FLIP = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}


def find_match(alignment: Alignment, ref: Span, other: Span) -> tuple[Match | None, bool]:
    """The match between `ref` and `other`, and whether `ref` is its `a` side."""
    for match in alignment.matches:
        if match.a == ref and match.b == other:
            return match, True
        if match.b == ref and match.a == other:
            return match, False
    return None, True


def diff_segments(
    match: Match | None, ref_is_a: bool, ref_text: str, other: Span, other_text: str
) -> list[Segment]:
    """Pieces of `other`'s text tagged relative to the reference side of `match`.

    Args:
        match: the match joining the two spans, or None (then the text is shown unmarked).
        ref_is_a: True when the reference (clicked) span is `match.a`.
        ref_text, other_text: the clean texts of the two documents (ops hold absolute offsets).
        other: the span to show.
    """
    if match is None or not match.ops:
        return [(other_text[other.start : other.end], "equal")]
    segments: list[Segment] = []
    pos = other.start
    for op in sorted(
        match.ops, key=lambda o: (o.b_start, o.a_start) if ref_is_a else (o.a_start, o.b_start)
    ):
        o_start, o_end = (op.b_start, op.b_end) if ref_is_a else (op.a_start, op.a_end)
        r_start, r_end = (op.a_start, op.a_end) if ref_is_a else (op.b_start, op.b_end)
        tag = op.tag if ref_is_a else _FLIP[op.tag]
        if o_start > pos:
            segments.append((other_text[pos:o_start], "equal"))
            pos = o_start
        if tag == "delete":
            segments.append((ref_text[r_start:r_end], "delete"))
            continue
        if o_end > pos:
            segments.append((other_text[max(pos, o_start) : o_end], tag))
            pos = o_end
    if pos < other.end:
        segments.append((other_text[pos : other.end], "equal"))
    return segments


def _indirect_match(
    alignment: Alignment, family: int, ref: Span, span: Span
) -> tuple[Match | None, Span, bool]:
    """A match joining `span` to another member of the family, when none joins it to `ref`.

    Prefers a member in the clicked document, then the first in family order. Returns the
    match, the member it compares against, and whether that member is the match's `a` side.
    """
    candidates: list[tuple[int, Match, Span, bool]] = []
    for index in alignment.families[family].matches:
        match = alignment.matches[index]
        if match.a == span:
            candidates.append((match.b.doc_id != ref.doc_id, match, match.b, False))
        elif match.b == span:
            candidates.append((match.a.doc_id != ref.doc_id, match, match.a, True))
    if not candidates:
        return None, ref, True
    _, match, base, base_is_a = min(candidates, key=lambda c: c[0])
    return match, base, base_is_a


def _segments_html(segments: list[Segment]) -> str:
    parts = []
    for text, tag in segments:
        style = _STYLE[tag]
        if tag == "delete":
            # Words from the clicked version stand between words of this one: keep them apart
            # (HTML collapses the doubled spaces this may create).
            parts.append(f" <span style='{style}'>{escape(text)}</span> ")
        else:
            parts.append(f"<span style='{style}'>{escape(text)}</span>" if style else escape(text))
    return "".join(parts)


def comparison_html(alignment: Alignment, family: int, ref: Span) -> str:
    """The panel's HTML for one family, relative to the clicked span `ref`."""
    docs: dict[str, Document] = {d.id: d for d in alignment.documents}
    colour = FAMILY_COLOURS[family % len(FAMILY_COLOURS)]
    ref_doc = docs[ref.doc_id]
    rows = [
        "<p style='color:#495057'>Relative to the passage you clicked: "
        f"<span style='{_STYLE['insert']}'>only in this version</span> · "
        f"<span style='{_STYLE['delete']}'>missing from this version</span> · "
        f"<span style='{_STYLE['replace']}'>worded differently</span></p>",
        _row_html(ref_doc, "clicked", colour, escape(ref_doc.text[ref.start : ref.end])),
    ]
    rows[1:1] = [_translation_html(line) for line in family_translations(alignment, family)]
    for span in alignment.families[family].spans:
        if span != ref:
            rows.append(_version_html(alignment, docs, family, ref, span, colour))
    return "".join(rows)


def _version_html(
    alignment: Alignment, docs: dict[str, Document], family: int, ref: Span, span: Span, colour: str
) -> str:
    """One other version's row, its words marked against the clicked passage `ref`.

    A version no match joins to `ref` (it is in the family through a third outlet) is diffed
    against `ref` here, so that the legend's "relative to the passage you clicked" holds for
    every row; the note names the outlet that links them. Versions in another language (a
    translation) are shown unmarked: word changes between two languages mean nothing.
    """
    match, ref_is_a = find_match(alignment, ref, span)
    if match is not None:
        cross = translation.match_note(alignment, match)
        note = cross or f"{match.kind}, {match.score:.0f}% similar"
    else:
        via, base, _ = _indirect_match(alignment, family, ref, span)
        cross = translation.match_note(alignment, via) if via is not None else None
        outlet = docs[base.doc_id].outlet if via is not None else ""
        note = f"linked through {outlet}'s version" if outlet else "linked through other outlets"
        # A pair in two scripts has a translation record: word changes there mean nothing.
        if cross is None and translation.find(alignment, ref.doc_id, span.doc_id) is None:
            ref_text = docs[ref.doc_id].text[ref.start : ref.end]
            ops = word_diff(
                ref_text, docs[span.doc_id].text[span.start : span.end], ref.start, span.start
            )
            match, ref_is_a = Match(ref, span, 0.0, "loose", "lexical", ops), True
    marked = None if cross else match
    body = _segments_html(
        diff_segments(marked, ref_is_a, docs[ref.doc_id].text, span, docs[span.doc_id].text)
    )
    return _row_html(docs[span.doc_id], cross or note, colour, body)


def family_translations(alignment: Alignment, family: int) -> list[str]:
    """`translation.describe` for each translated pair that a match of the family joins."""
    docs = {d.id: d for d in alignment.documents}
    seen = []
    for index in alignment.families[family].matches:
        match = alignment.matches[index]
        record = translation.find(alignment, match.a.doc_id, match.b.doc_id)
        if record is not None and record not in seen:
            seen.append(record)
    names = [(docs[c.doc_a].display_name, docs[c.doc_b].display_name) for c in seen]
    return [translation.describe(c, n) for c, n in zip(seen, names, strict=True)]


def _translation_html(line: str, label: str = "Translation — ") -> str:
    label_html = f"<b>{escape(label)}</b>" if label else ""
    return f"<p style='background:{XL_NOTE_BG}; padding:4px'>{label_html}{escape(line)}</p>"


def translations_hint_html(lines: list[str]) -> str:
    """The hint's note on the articles in different languages, or "" when there are none."""
    if not lines:
        return ""
    head = "<p><b>Articles in different languages</b> — how well their sentences line up:</p>"
    return head + "".join(_translation_html(line, "") for line in lines)


def _row_html(doc: Document, note: str, colour: str, body: str) -> str:
    outlet = escape(doc.display_name)
    return (
        f"<table width='100%' cellspacing='0' cellpadding='6' style='margin-bottom:6px'><tr>"
        f"<td width='6' style='background:{colour}'></td>"
        f"<td><b>{outlet}</b> <span style='color:#6c757d'>({escape(note)})</span><br/>{body}</td>"
        f"</tr></table>"
    )


class ComparisonPanel(QTextBrowser):
    """Read-only view of `comparison_html`; shows a hint when nothing is selected, with how
    well any translation among the articles shown was aligned (`set_case`)."""

    HINT = (
        "<p style='color:#6c757d'>Click a tinted passage in any article to compare every "
        "outlet's version of it here. F8 / Shift+F8 step through the shared passages.</p>"
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComparisonPanel")
        self.setOpenLinks(False)
        self.translation_lines: list[str] = []
        self.show_family(None, None, None)

    def set_case(self, alignment: Alignment | None, shown: list[str] | None = None) -> None:
        """Remember the translated pairs among the articles `shown` (ids; all when None) for
        the hint, and show the hint."""
        lines = translation.describe_all(alignment, shown) if alignment is not None else []
        self.translation_lines = lines
        self.show_family(None, None, None)

    def show_family(
        self, alignment: Alignment | None, family: int | None, ref: Span | None
    ) -> None:
        """Show the family's versions relative to `ref`, or the hint when any argument is None."""
        if alignment is None or family is None or ref is None:
            self.setHtml(self.HINT + translations_hint_html(self.translation_lines))
        else:
            self.setHtml(comparison_html(alignment, family, ref))

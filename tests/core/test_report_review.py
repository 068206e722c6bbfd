"""report.pdf after the user accepted a computed flag: it must tell the same story as the app.

The Flags panel's accept stores a contradiction of origin "flag" between the flag's two
passages. The report then lists it among the contradictions (with the label the panel showed),
no longer among the flags "not reviewed", and its counts use the app's words.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from app.core.align import align_documents
from app.core.annotations import new_contradiction, new_highlight
from app.core.counts import alignment_counts, plural
from app.core.export import export_alignment
from app.core.export.report import ReportContradiction
from app.core.export.review import unreviewed_flags, with_flag_labels
from app.core.flags import find_flags
from app.core.model import Alignment, Flag, flag_label, flag_passages
from app.core.store import open_store

from .pdf_checks import squash
from .seed_docs import load_seed_docs

# Every word a Kind column may show: flag labels and highlight kinds.
KIND_WORDS = {
    "Kind", "number", "date", "place", "name", "negation", "quantity", "hedging",
    "attribution", "legal term", "contradiction", "claim", "evidence", "question", "highlight",
}  # fmt: skip


def _hedging_flag(flags: list[Flag]) -> Flag:
    """A flag whose label differs from its stored kind and whose reason no other flag shares."""
    reasons = [f.reason for f in flags]
    return next(f for f in flags if f.topic and reasons.count(f.reason) == 1)


def _accept(db: Path, alignment: Alignment, flag: Flag) -> None:
    """What the Flags panel's Accept stores: two contradiction highlights and a flag link."""
    docs = {d.id: d for d in alignment.documents}
    with open_store(db) as repo:
        ends = []
        for span in flag_passages(alignment, flag):
            doc = docs[span.doc_id]
            repo.upsert_document(doc)
            h = new_highlight(doc.id, doc.text, span.start, span.end, "contradiction")
            repo.insert_highlight(h)
            ends.append(h.id)
        repo.insert_contradiction(
            new_contradiction(ends[0], ends[1], flag.reason, flag.kind, "flag")
        )


@pytest.fixture(scope="module")
def accepted_export(tmp_path_factory: pytest.TempPathFactory):
    docs = load_seed_docs()
    alignment = align_documents(docs)
    flags = find_flags(alignment)
    flag = _hedging_flag(flags)
    tmp = tmp_path_factory.mktemp("accepted")
    _accept(tmp / "parallax.db", alignment, flag)
    names = [f"article{k}.pdf" for k in range(len(docs))]
    summary = export_alignment(alignment, names, tmp / "out", tmp / "parallax.db")
    assert summary.report is not None
    with pdfplumber.open(str(summary.report)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        kind_lines = _kind_column_lines(pdf)
    return alignment, flags, flag, summary, pages, kind_lines


def _kind_column_lines(pdf: pdfplumber.PDF) -> dict[str, list[str]]:
    """Text lines in the Kind column (left column) of the flags and highlights tables, header
    rows left out, per section ("flags", "highlights")."""
    lines: dict[str, list[str]] = {"flags": [], "highlights": []}
    section = ""
    for page in pdf.pages:
        headings = (page.extract_text() or "").split("\n")  # contents lines end in numbers
        if "Computed flags (not reviewed)" in headings:
            section = "flags"
        if "Highlights by article" in headings:
            section = "highlights"
        if not section:
            continue
        for table in page.find_tables():
            x0, top, _x1, bottom = table.bbox
            first_col = min(c[2] for c in table.rows[0].cells if c is not None)
            crop = page.crop((x0, top, first_col, bottom))
            found = [ln.strip() for ln in (crop.extract_text() or "").split("\n")]
            lines[section] += [ln for ln in found if ln and ln != "Kind"]
    return lines


def _section(pages: list[str], start: str, end: str) -> str:
    """The lines from heading `start` to heading `end` (headings are lines of their own; the
    contents page's entries end in page numbers, so they never equal a heading)."""
    lines = "\n".join(pages).split("\n")
    at = lines.index(start)
    return "\n".join(lines[at : lines.index(end, at)])


def test_contradictions_section_counts_the_accepted_flag(accepted_export) -> None:
    _alignment, _flags, flag, summary, pages, _kinds = accepted_export
    section = squash(_section(pages, "Contradictions", "Accepted flags"))
    assert summary.contradictions == 1
    assert "No contradictions were marked" not in section
    assert squash("1 contradiction: none marked by hand, 1 accepted from the computed flags.") in (
        section
    )
    # listed in full, under the label the Flags panel showed ("hedging", not "negation")
    assert squash(f"1. {flag_label(flag)} — accepted from the computed flags") in section
    assert squash(flag.reason[:60]) in section


def test_accepted_flag_is_not_listed_as_unreviewed(accepted_export) -> None:
    _alignment, flags, flag, summary, pages, kinds = accepted_export
    accepted = _section(pages, "Accepted flags", "Computed flags (not reviewed)")
    assert squash("1 computed flag accepted: listed under Contradictions (number 1)") in squash(
        accepted
    )
    computed = squash(_section(pages, "Computed flags (not reviewed)", "Highlights by article"))
    assert squash(flag.reason[:60]) not in computed
    # the table's rows: every other flag, in order, each Kind on one line
    assert kinds["flags"] == [flag_label(f) for f in flags if f is not flag]
    assert summary.flags == len(flags) - 1  # what the Flags panel calls "to review"


def test_kind_columns_keep_every_label_on_one_line(accepted_export) -> None:
    *_rest, kinds = accepted_export
    assert {"attribution", "legal term", "hedging"} <= set(kinds["flags"])
    assert "contradiction" in kinds["highlights"]  # the accepted flag's two highlights
    words = kinds["flags"] + kinds["highlights"]
    assert set(words) <= KIND_WORDS, set(words) - KIND_WORDS


def test_report_counts_aligned_passages_as_the_status_bar_does(accepted_export) -> None:
    alignment, *_rest, pages, _kinds = accepted_export
    passages = sum(len(f.spans) for f in alignment.families)
    assert passages != len(alignment.matches)  # the seeds tell the two counts apart
    expected = f"{len(alignment.families)} shared passages ({passages} versions)."
    assert squash(expected) in squash("\n".join(pages))
    assert alignment_counts(alignment) + "." == expected


def test_unreviewed_flags_drop_only_flags_of_the_accepted_kind_and_passages() -> None:
    alignment = align_documents(load_seed_docs())
    flags = find_flags(alignment)
    flag = _hedging_flag(flags)
    a, b = flag_passages(alignment, flag)
    link = ReportContradiction(a.doc_id, a.start, a.end, b.doc_id, b.start, b.end,
                               kind=flag.kind, origin="flag")  # fmt: skip
    by_hand = ReportContradiction(b.doc_id, b.start, b.end, a.doc_id, a.start, a.end,
                                  kind=flag.kind, origin="user")  # fmt: skip
    left = unreviewed_flags(alignment, flags, [link])
    assert flag not in left
    # a flag of another kind in the same passages is still open (the date in this match)
    assert any(f.match == flag.match and f.kind != flag.kind for f in left)
    assert unreviewed_flags(alignment, flags, [by_hand]) == flags
    assert with_flag_labels(alignment, flags, [link])[0].label == flag_label(flag)
    stale = ReportContradiction("x", 0, 1, "y", 0, 1, kind="number", origin="flag")
    assert with_flag_labels(alignment, flags, [stale])[0].label == ""


def test_plural() -> None:
    assert plural(1, "contradiction") == "1 contradiction"
    assert plural(0, "contradiction") == "0 contradictions"
    assert plural(2, "family", "families") == "2 families"

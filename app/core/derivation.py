"""Derivation hints: who carried each passage family first and who copied, rewrote or left it out.

For each family of an Alignment, the *origin* is its version in the earliest document (by
`Document.date`, ISO strings compare in time order; undated documents count as latest; ties
by the order the user gave). Every later version is related to the origin by the best match
joining them (directly, or else the best match of that version inside the family), and flagged
as an *unattributed copy* when it is near-verbatim (match kind "verbatim") yet the later
document never names the origin's outlet. These are hints for a reader, not proof: the
earliest article in the case is not necessarily the first ever published.

`story_grid` lays the same facts out for the story map: documents (rows, by date) x families
(columns), each cell the kind of that document's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.core.model import Alignment, Document, Match, MatchKind, Span

CellKind = Literal["origin", "verbatim", "close", "loose", "absent"]
_RANK = {"verbatim": 3, "close": 2, "loose": 1}


@dataclass(frozen=True)
class Version:
    """A later document's version of a family, related to the origin."""

    span: Span
    kind: MatchKind  # of the best match relating it to the origin (or inside the family)
    score: float
    direct: bool  # a match joins it to the origin itself
    names_source: bool  # the later document mentions the origin's outlet by name
    unattributed_copy: bool  # near-verbatim and the source not named


@dataclass(frozen=True)
class Derivation:
    """One family: its origin and every later version."""

    family: int  # index into Alignment.families
    origin: Span
    versions: list[Version]


def chronological(docs: list[Document]) -> list[int]:
    """Document indexes by date (ISO strings; undated last), ties by the given order.

    A date known only to the month ("2021-07") or year sorts after every full date in it: the
    article may have appeared on any day of that month, so it is not claimed to be first.
    """
    return sorted(range(len(docs)), key=lambda k: (docs[k].date == "", _sortable(docs[k].date), k))


def _sortable(date: str) -> str:
    date = date.strip()
    if len(date) == 4:
        return f"{date}-99-99"
    if len(date) == 7:
        return f"{date}-99"
    return date


def derive(alignment: Alignment) -> list[Derivation]:
    """A Derivation per family of `alignment`, in family order (see the module docstring)."""
    docs = alignment.documents
    rank = {docs[k].id: r for r, k in enumerate(chronological(docs))}
    by_id = {d.id: d for d in docs}
    out: list[Derivation] = []
    for f, family in enumerate(alignment.families):
        origin = min(family.spans, key=lambda s: (rank[s.doc_id], s.start))
        matches = [alignment.matches[m] for m in family.matches]
        source = by_id[origin.doc_id].outlet.strip()
        versions: list[Version] = []
        for span in family.spans:
            if span.doc_id == origin.doc_id:
                continue
            best, direct = _relation(matches, origin, span)
            if best is None:
                continue
            named = bool(source) and source.casefold() in by_id[span.doc_id].text.casefold()
            copy = best.kind == "verbatim" and bool(source) and not named
            versions.append(Version(span, best.kind, best.score, direct, named, copy))
        out.append(Derivation(f, origin, versions))
    return out


def _relation(matches: list[Match], origin: Span, span: Span) -> tuple[Match | None, bool]:
    """The best match joining `span` to `origin`, else the best match holding `span`."""
    direct = [m for m in matches if {m.a, m.b} == {origin, span}]
    if direct:
        return max(direct, key=lambda m: m.score), True
    holding = [m for m in matches if span in (m.a, m.b)]
    return (max(holding, key=lambda m: m.score), False) if holding else (None, False)


@dataclass(frozen=True)
class StoryGrid:
    """Documents x families for the story map."""

    rows: list[int]  # document indexes, by date
    cells: list[list[CellKind]]  # [row][family]
    scores: list[list[float | None]]  # [row][family]: the score behind the cell
    derivations: list[Derivation]


def story_grid(alignment: Alignment) -> StoryGrid:
    """Which documents carry which family, and how (origin, verbatim, close, loose, absent).

    A document holding several versions of one family shows its closest one.
    """
    docs = alignment.documents
    rows = chronological(docs)
    row_of = {docs[k].id: r for r, k in enumerate(rows)}
    derivations = derive(alignment)
    width = len(alignment.families)
    cells: list[list[CellKind]] = [["absent"] * width for _ in rows]
    scores: list[list[float | None]] = [[None] * width for _ in rows]
    for d in derivations:
        cells[row_of[d.origin.doc_id]][d.family] = "origin"
        for v in d.versions:
            r = row_of[v.span.doc_id]
            now = cells[r][d.family]
            if now == "absent" or (now != "origin" and _RANK[v.kind] > _RANK[now]):
                cells[r][d.family] = v.kind
                scores[r][d.family] = v.score
    return StoryGrid(rows, cells, scores, derivations)

"""The claim grid: one row per passage family, one column per article, each cell that article's
version of the passage compared with a reference version, with its flags and a divergence score.

The *reference* of a row is the version in the earliest article that carries the family (by
`Document.date`, undated last, ties by the order the user gave: `derivation.chronological`), so
every other cell reads as "what this outlet changed". Inside the reference article the span with
the most matches in the family is the reference span (a family may hold two sentences of one
article); each other article's cell is its span matched directly with the reference span (the
best-scoring one), else its first span, and its other spans are kept in `ClaimCell.others`.

Divergence of a row (higher = the outlets disagree more), see thresholds.CLAIM_GRID_*:
    (100 - mean similarity of the other versions to the reference)
    + CLAIM_GRID_FLAG_WEIGHT x distinct flags in the family
    + CLAIM_GRID_OMISSION_WEIGHT x share of the articles that do not carry the passage.
Similarity is the aligner's match score when a match joins the version to the reference (the
figure the app shows elsewhere), else the share of words the two versions have in common (Dice
over the word diff). Flags are counted once per (kind, values) pair: a family of four versions
holds up to six pairwise matches, and one disputed date should not count six times.

Conventions: offsets are character offsets into each document's clean text, half-open. Every
cell's `ops` have the reference span on their `a` side and the cell's span on their `b` side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from app.core.derivation import chronological
from app.core.model import Alignment, DiffOp, DiffTag, Document, Family, Flag, Match, Span
from app.core.thresholds import CLAIM_GRID_FLAG_WEIGHT, CLAIM_GRID_OMISSION_WEIGHT
from app.core.worddiff import tokenize, word_diff

SortKey = Literal["divergence", "family", "flags", "coverage"]
_FLIP: dict[DiffTag, DiffTag] = {
    "insert": "delete",
    "delete": "insert",
    "replace": "replace",
    "equal": "equal",
}


@dataclass(frozen=True)
class ClaimCell:
    """One article's version of a family."""

    doc_index: int  # index into ClaimGrid.documents (the column)
    span: Span
    others: tuple[Span, ...]  # further spans of the same article in the family
    is_reference: bool
    similarity: float  # 0-100 to the reference version (100 for the reference itself)
    direct: bool  # a match joins `span` to the reference span
    ops: tuple[DiffOp, ...]  # reference span on the a side, this span on the b side
    flags: tuple[Flag, ...]  # flags of the family with a value inside this article's spans


@dataclass(frozen=True)
class ClaimRow:
    """One family across every article."""

    family: int  # index into Alignment.families
    reference: int  # column of the reference version
    cells: tuple[ClaimCell | None, ...]  # one per document; None = the article left it out
    flags: tuple[Flag, ...]  # distinct flags of the family (see the module docstring)
    mean_similarity: float
    missing_share: float  # 0..1, articles without a version / all articles
    divergence: float

    @property
    def present(self) -> int:
        """How many articles carry a version."""
        return sum(cell is not None for cell in self.cells)


@dataclass(frozen=True)
class Segment:
    """A piece of a cell's text, tagged relative to the reference version.

    `tag`: "equal"; "insert" (words only in this version); "replace" (worded differently);
    "delete" (words of the reference missing here: `text` is the reference's wording).
    `flagged`: the piece lies inside a flagged value.
    """

    text: str
    tag: DiffTag
    flagged: bool = False


@dataclass(frozen=True)
class ClaimGrid:
    """Rows in family order; columns are `documents` in the alignment's order."""

    documents: list[Document]
    rows: list[ClaimRow]

    def text(self, span: Span) -> str:
        """The text of `span` (a span of one of the grid's documents)."""
        doc = next(d for d in self.documents if d.id == span.doc_id)
        return doc.text[span.start : span.end]


def build_claim_grid(alignment: Alignment, flags: Sequence[Flag]) -> ClaimGrid:
    """Lay an alignment out as a claim grid, one row per family (in family order).

    Args:
        alignment: documents, matches and families; spans index `Document.text`.
        flags: computed flags of the alignment (`Flag.match` indexes `alignment.matches`).
    Returns:
        The grid; sort it for display with `sort_rows`.
    Raises:
        ValueError: a family span names a document the alignment does not hold.
    """
    docs = alignment.documents
    column = {d.id: k for k, d in enumerate(docs)}
    rank = {k: r for r, k in enumerate(chronological(docs))}
    by_match: dict[int, list[Flag]] = defaultdict(list)
    for flag in flags:
        by_match[flag.match].append(flag)
    rows = []
    for index, family in enumerate(alignment.families):
        for span in family.spans:
            if span.doc_id not in column:
                raise ValueError(f"family {index} names a document missing from the alignment")
        rows.append(_build_row(alignment, index, family, column, rank, by_match))
    return ClaimGrid(list(docs), rows)


def _build_row(
    alignment: Alignment,
    index: int,
    family: Family,
    column: dict[str, int],
    rank: dict[int, int],
    by_match: dict[int, list[Flag]],
) -> ClaimRow:
    spans_by_col: dict[int, list[Span]] = defaultdict(list)
    for span in family.spans:
        spans_by_col[column[span.doc_id]].append(span)
    matches = [alignment.matches[m] for m in family.matches]
    ref_col = min(spans_by_col, key=lambda c: rank[c])
    ref = _reference_span(spans_by_col[ref_col], matches)
    family_flags = [f for m in family.matches for f in by_match.get(m, ())]
    cells: list[ClaimCell | None] = [None] * len(alignment.documents)
    for col, spans in spans_by_col.items():
        cells[col] = _build_cell(alignment, col, spans, ref, matches, family_flags)
    others = [c.similarity for c in cells if c is not None and not c.is_reference]
    mean = sum(others) / len(others) if others else 100.0
    distinct = _distinct(family_flags)
    missing = 1 - len(spans_by_col) / len(cells)
    divergence = (
        (100.0 - mean)
        + CLAIM_GRID_FLAG_WEIGHT * len(distinct)
        + CLAIM_GRID_OMISSION_WEIGHT * missing
    )
    return ClaimRow(index, ref_col, tuple(cells), distinct, mean, missing, divergence)


def _reference_span(spans: list[Span], matches: list[Match]) -> Span:
    """The most connected of the reference article's spans (ties: the first)."""

    def degree(span: Span) -> int:
        return sum(span in (m.a, m.b) for m in matches)

    return max(spans, key=lambda s: (degree(s), -s.start))


def _direct(ref: Span, span: Span, matches: list[Match]) -> tuple[Match, bool] | None:
    """The best match joining `ref` and `span`, and whether `ref` is its `a` side."""
    found = [(m, m.a == ref) for m in matches if {m.a, m.b} == {ref, span} and ref != span]
    return max(found, key=lambda x: x[0].score) if found else None


def _build_cell(
    alignment: Alignment,
    col: int,
    spans: list[Span],
    ref: Span,
    matches: list[Match],
    family_flags: list[Flag],
) -> ClaimCell:
    cell_flags = tuple(f for f in family_flags if _touches(f, spans))
    if ref in spans:
        others = tuple(s for s in spans if s != ref)
        return ClaimCell(col, ref, others, True, 100.0, True, (), cell_flags)
    joined = [(s, _direct(ref, s, matches)) for s in spans]
    direct = [(s, hit) for s, hit in joined if hit is not None]
    if direct:
        span, (match, ref_is_a) = max(direct, key=lambda x: x[1][0].score)
        ops = tuple(_oriented(match.ops, ref_is_a))
        similarity = match.score
    else:
        span = spans[0]
        texts = {d.id: d.text for d in alignment.documents}
        ref_text = texts[ref.doc_id][ref.start : ref.end]
        own_text = texts[span.doc_id][span.start : span.end]
        ops = tuple(word_diff(ref_text, own_text, ref.start, span.start))
        similarity = _dice(ops, texts[ref.doc_id], texts[span.doc_id])
    others = tuple(s for s in spans if s != span)
    return ClaimCell(col, span, others, False, similarity, bool(direct), ops, cell_flags)


def _oriented(ops: Sequence[DiffOp], ref_is_a: bool) -> list[DiffOp]:
    """`ops` with the reference on the a side (sides swapped, insert/delete exchanged)."""
    if ref_is_a:
        return list(ops)
    return [DiffOp(_FLIP[o.tag], o.b_start, o.b_end, o.a_start, o.a_end) for o in ops]


def _dice(ops: Sequence[DiffOp], ref_text: str, own_text: str) -> float:
    """100 x 2 x shared words / (words in both versions): the share of wording kept."""
    ref_words = sum(len(tokenize(ref_text[o.a_start : o.a_end])) for o in ops)
    own_words = sum(len(tokenize(own_text[o.b_start : o.b_end])) for o in ops)
    shared = sum(len(tokenize(ref_text[o.a_start : o.a_end])) for o in ops if o.tag == "equal")
    total = ref_words + own_words
    return 100.0 * 2 * shared / total if total else 100.0


def _touches(flag: Flag, spans: list[Span]) -> bool:
    """Whether either value of `flag` lies inside one of `spans`."""
    return any(
        v.doc_id == s.doc_id and v.start < s.end and s.start < v.end
        for v in (flag.a, flag.b)
        for s in spans
    )


def _distinct(flags: list[Flag]) -> tuple[Flag, ...]:
    """One flag per (kind, the two values case-folded, either order), first kept."""
    seen: set[tuple[str, frozenset[str]]] = set()
    out = []
    for flag in flags:
        key = (flag.kind, frozenset({flag.a_value.casefold(), flag.b_value.casefold()}))
        if key not in seen:
            seen.add(key)
            out.append(flag)
    return tuple(out)


def cell_flags(cell: ClaimCell) -> list[tuple[Flag, str, str, str]]:
    """The cell's flags seen from its article: (flag, value here, value there, other doc id).

    A flag repeated by several matches of the family (same kind, same two values, same other
    article) is listed once.
    """
    out: list[tuple[Flag, str, str, str]] = []
    seen: set[tuple[str, str, str, str]] = set()
    for flag in cell.flags:
        mine_a = flag.a.doc_id == cell.span.doc_id
        own, other = (flag.a_value, flag.b_value) if mine_a else (flag.b_value, flag.a_value)
        other_doc = flag.b.doc_id if mine_a else flag.a.doc_id
        key = (flag.kind, own.casefold(), other.casefold(), other_doc)
        if key not in seen:
            seen.add(key)
            out.append((flag, own, other, other_doc))
    return out


def flag_value_spans(cell: ClaimCell) -> list[Span]:
    """Where the cell's flagged values stand in its article (both sides of each flag)."""
    doc_id = cell.span.doc_id
    return [v for f in cell.flags for v in (f.a, f.b) if v.doc_id == doc_id]


def cell_segments(grid: ClaimGrid, row: ClaimRow, cell: ClaimCell) -> list[Segment]:
    """The cell's text (its main span) in pieces tagged relative to the row's reference.

    Reference words missing from the version come as "delete" pieces where they stood; pieces
    inside a flagged value are split off and marked `flagged`. The reference cell is one
    "equal" piece (split at its flagged values).

    Args:
        grid: the grid holding `row`.
        row, cell: the row and one of its cells.
    """
    doc = grid.documents[cell.doc_index]
    ref_cell = row.cells[row.reference]
    ref_doc = grid.documents[row.reference]
    pieces: list[tuple[int, int, DiffTag]] = []  # own offsets, except "delete" (reference's)
    pos = cell.span.start
    for op in sorted(cell.ops, key=lambda o: (o.b_start, o.a_start)):
        lo, hi = max(op.b_start, pos), min(op.b_end, cell.span.end)
        if op.tag == "delete":
            if ref_cell is not None and op.a_start < op.a_end:
                pieces.append((op.a_start, op.a_end, "delete"))
            continue
        if lo > pos:
            pieces.append((pos, lo, "equal"))
        if hi > lo:
            pieces.append((lo, hi, op.tag))
            pos = hi
    if pos < cell.span.end:
        pieces.append((pos, cell.span.end, "equal"))
    marks = flag_value_spans(cell)
    out: list[Segment] = []
    for lo, hi, tag in pieces:
        if tag == "delete":
            out.append(Segment(ref_doc.text[lo:hi], "delete"))
        else:
            out += _split_flagged(doc.text, lo, hi, tag, marks)
    return out


def _split_flagged(text: str, lo: int, hi: int, tag: DiffTag, marks: list[Span]) -> list[Segment]:
    """`text[lo:hi]` cut at the edges of the flagged spans inside it."""
    cuts = sorted({lo, hi, *(c for m in marks for c in (m.start, m.end) if lo < c < hi)})
    out = []
    for a, b in pairwise(cuts):
        flagged = any(m.start < b and a < m.end for m in marks)
        out.append(Segment(text[a:b], tag, flagged))
    return out


def clip_segments(segments: Sequence[Segment], limit: int) -> tuple[list[Segment], bool]:
    """The first `limit` characters of the pieces (cut at a word), and whether any was cut.

    Whitespace runs count as one character, as they print.
    """
    out: list[Segment] = []
    left = limit
    for seg in segments:
        flat = " ".join(seg.text.split())
        if seg.text[:1].isspace():
            flat = " " + flat
        if seg.text[-1:].isspace() and flat.strip():
            flat += " "
        if len(flat) <= left:
            out.append(Segment(flat, seg.tag, seg.flagged))
            left -= len(flat)
            continue
        cut = flat[:left].rsplit(" ", 1)[0] if " " in flat[:left] else ""
        if cut:
            out.append(Segment(cut, seg.tag, seg.flagged))
        return out, True
    return out, False


def sort_rows(grid: ClaimGrid, key: SortKey = "divergence", descending: bool = True) -> list[int]:
    """Row indexes of `grid` ordered by `key`, ties in family order.

    Keys: "divergence"; "flags" (distinct flags); "coverage" (articles carrying the passage);
    "family" (the order the passages first appear).
    """

    def value(k: int) -> float:
        row = grid.rows[k]
        if key == "divergence":
            return row.divergence
        if key == "flags":
            return len(row.flags)
        if key == "coverage":
            return row.present
        return row.family

    order = sorted(range(len(grid.rows)), key=lambda k: grid.rows[k].family)
    return sorted(order, key=value, reverse=descending)


def row_gist(grid: ClaimGrid, row: ClaimRow, limit: int = 60) -> str:
    """The reference version's opening words, cut at a word with an ellipsis."""
    ref = row.cells[row.reference]
    text = " ".join(grid.text(ref.span).split()) if ref is not None else ""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"

"""The plain data model shared by every layer (see DESIGN.md, "Data model").

Conventions: every offset is a character offset into `Document.text` (the clean text) unless a
field says otherwise; ranges are half-open [start, end).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

PassageKind = Literal["paragraph", "sentence"]
MatchKind = Literal["verbatim", "close", "loose"]
MatchMethod = Literal["lexical", "semantic", "both"]
DiffTag = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class JunkSpan:
    """Text set aside by cleaning, kept so the UI can reveal it.

    `start`/`end` index the raw file text (`Document.raw`); `at` is the offset in the clean
    text where the removed text stood, so a pane can show it dimmed in place.
    """

    start: int
    end: int
    why: str
    at: int = 0


@dataclass(frozen=True)
class Mark:
    """Structure kept from the source inside the clean text: a heading, emphasis, a link."""

    start: int
    end: int
    kind: str  # "heading1".."heading6", "emphasis", "strong", "link", "quote", "list_item"
    value: str = ""  # the link target for "link"


@dataclass
class Document:
    """One article after import and cleaning."""

    id: str
    title: str
    outlet: str
    date: str
    url: str
    language: str
    source_path: str
    text: str
    junk: list[JunkSpan] = field(default_factory=list)
    raw: str = ""
    marks: list[Mark] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        """The name a reader knows the article by: its outlet, else its title, else its file
        (one rule for every panel, table and report line that names an article)."""
        return self.outlet or self.title or self.source_path.rsplit("/", 1)[-1] or self.id

    def is_heading(self, start: int, end: int) -> bool:
        """Whether a heading mark overlaps the clean-text range [start, end)."""
        return any(
            m.kind.startswith("heading") and m.start < end and start < m.end for m in self.marks
        )


def document_id(clean_text: str) -> str:
    """Stable id: a hash of the normalised clean text, so a re-import finds its annotations."""
    norm = " ".join(unicodedata.normalize("NFKC", clean_text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Passage:
    """A paragraph or sentence of one document."""

    doc_id: str
    start: int
    end: int
    kind: PassageKind
    index: int


@dataclass(frozen=True)
class Span:
    """A stretch of one document's clean text; may cover several adjacent sentences."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True)
class DiffOp:
    """One word-level edit between two matched spans, as absolute offsets into each text."""

    tag: DiffTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass
class Match:
    """Two spans in different documents that carry the same content."""

    a: Span
    b: Span
    score: float
    kind: MatchKind
    method: MatchMethod = "lexical"
    ops: list[DiffOp] = field(default_factory=list)


@dataclass
class Family:
    """Connected matches carrying one piece of content across outlets."""

    matches: list[int]  # indexes into Alignment.matches
    spans: list[Span]  # every member span, ordered by (document order, start)


CrossMethod = Literal["model", "anchors"]


@dataclass(frozen=True)
class CrossAlignment:
    """How two articles in different scripts (a translation beside its original) were aligned.

    `method`: "model" (a multilingual meaning model) or "anchors" (shared numbers and names
    only); `confidence` 0..1; `pairs`: sentence pairs kept as matches; `language_a`/`language_b`:
    each article's language code ("ru", "en") or, when unknown, its script ("cyrillic").
    """

    doc_a: str
    doc_b: str
    method: CrossMethod
    confidence: float
    pairs: int
    language_a: str
    language_b: str


@dataclass
class Alignment:
    """The result of aligning N documents."""

    documents: list[Document]
    passages: dict[str, list[Passage]]  # doc_id -> sentences in order
    matches: list[Match]
    families: list[Family]
    # One entry per pair of articles in different scripts, in document order.
    translations: tuple[CrossAlignment, ...] = ()


FlagKind = Literal["number", "date", "place", "name", "negation", "quantity"]


@dataclass(frozen=True)
class Flag:
    """A likely contradiction inside one match: the two differing values and where they stand."""

    kind: FlagKind
    match: int  # index into Alignment.matches
    a: Span  # where a_value stands (inside the match's a span)
    b: Span
    a_value: str
    b_value: str
    reason: str
    # Set for a flag between two versions of one passage family that no match pairs directly
    # (A~B and B~C matched, A and C differ): the two passages compared, which then stand in
    # for `match`'s spans; `match` is a match of that family. None: the match's own spans.
    passages: tuple[Span, Span] | None = None
    # What a reader calls the disagreement when the kind alone would mislead: "hedging" (a
    # negation-kind flag for "reportedly" against a plain statement), "attribution" and
    # "legal term" (name-kind flags). "": the kind says it. The contract's `kind` is unchanged.
    topic: str = ""


# A flag, or the contradiction accepting it made, reduced to what identifies it: its kind and
# its two passages as {(doc, start, end)} (the stored link keeps neither values nor topic).
ReviewKey = tuple[str, frozenset[tuple[str, int, int]]]


def review_key(kind: str, a: Span, b: Span) -> ReviewKey:
    """The key of a flag of `kind` between passages `a` and `b`, or of a link between them."""
    return kind, frozenset({(a.doc_id, a.start, a.end), (b.doc_id, b.start, b.end)})


def flag_review_key(alignment: Alignment, flag: Flag) -> ReviewKey:
    """The key of a computed flag: its kind and the two passages accepting it would link.
    Several flags of one kind in one passage pair share it, so they are accepted together."""
    return review_key(flag.kind, *flag_passages(alignment, flag))


def flag_label(flag: Flag) -> str:
    """The word shown for a flag's kind in tables, panels and reports: its topic, else kind."""
    return flag.topic or flag.kind


def flag_passages(alignment: Alignment, flag: Flag) -> tuple[Span, Span]:
    """The two passages a flag compares: its own for an indirect flag, else its match's."""
    if flag.passages is not None:
        return flag.passages
    match = alignment.matches[flag.match]
    return match.a, match.b

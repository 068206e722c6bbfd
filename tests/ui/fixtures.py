"""A small hand-built Alignment: three articles sharing three passages, one reordered.

Shared passages each start a paragraph, so the test can tell exactly where they should stand.
"""

from __future__ import annotations

from app.core.model import Alignment, Document, Family, JunkSpan, Mark, Match, Span, document_id
from app.core.worddiff import word_diff

SHARED = {
    "bases": (
        "Russia offered the United States the use of its military bases in Central Asia.",
        "Russia has offered the US the use of its bases in Central Asia, sources said.",
        "Moscow offered Washington the use of its military bases in Central Asia.",
    ),
    "drones": (
        "Intelligence from drones could be shared between the two countries.",
        "Intelligence from drones and satellites could be shared between the countries.",
        "Data from drones could be shared between the two countries.",
    ),
    "summit": (
        "The idea was raised at the Geneva summit in June.",
        "The proposal was raised at the June summit in Geneva.",
        "",
    ),
}
FILLER = (
    "This paragraph of background says something only {o} reports, at some length, so the "
    "panes have enough text to scroll and the shared passages sit at different heights: "
    "paragraph {n}."
)
JUNK_TEXT = "Subscribe to our newsletter | Most read | Advertisement"


def _filler(outlet: str, count: int, start: int) -> list[str]:
    return [FILLER.format(o=outlet, n=start + i) for i in range(count)]


def _build(outlet: str, title: str, paragraphs: list[str]) -> Document:
    text = "\n\n".join(paragraphs)
    return Document(
        id=document_id(text),
        title=title,
        outlet=outlet,
        date="2021-07-19",
        url="",
        language="en",
        source_path=f"/fixtures/{outlet.replace(' ', '_').lower()}.txt",
        text=text,
        raw=text,
    )


def _docs() -> list[Document]:
    a = [
        "Russia offers bases",
        *_filler("Alpha", 3, 1),
        SHARED["bases"][0],
        *_filler("Alpha", 4, 4),
    ]
    a += [
        SHARED["drones"][0],
        *_filler("Alpha", 3, 8),
        SHARED["summit"][0],
        *_filler("Alpha", 14, 11),
    ]
    b = [*_filler("Beta", 1, 1), SHARED["bases"][1], *_filler("Beta", 7, 2), SHARED["drones"][1]]
    b += [*_filler("Beta", 1, 9), SHARED["summit"][1], *_filler("Beta", 14, 10)]
    # Gamma tells the drones part before the bases part: a reordering that scrolling can't level.
    c = [*_filler("Gamma", 2, 1), SHARED["drones"][2], *_filler("Gamma", 5, 3), SHARED["bases"][2]]
    c += _filler("Gamma", 8, 8)
    docs = [_build("Alpha Times", "Russia offers bases", a), _build("Beta News", "Bases offer", b)]
    docs.append(_build("Gamma Daily", "Moscow and Washington", c))
    _decorate(docs[0])
    docs[1].marks.append(Mark(0, 8, "link", "https://example.org"))
    return docs


def _decorate(doc: Document) -> None:
    """A heading mark, and junk that stood before the second paragraph."""
    doc.marks.append(Mark(0, len("Russia offers bases"), "heading1"))
    at = doc.text.index("This paragraph")
    doc.raw = doc.text[:at] + JUNK_TEXT + "\n\n" + doc.text[at:]
    doc.junk.append(JunkSpan(at, at + len(JUNK_TEXT), "navigation", at=at))


def span_of(doc: Document, sentence: str) -> Span:
    start = doc.text.index(sentence)
    return Span(doc.id, start, start + len(sentence))


def fixture_alignment() -> Alignment:
    """Three documents, three families (bases: 3 docs, drones: 3 docs, summit: 2 docs)."""
    docs = _docs()
    matches: list[Match] = []
    families: list[Family] = []
    for key in ("bases", "drones", "summit"):
        spans = [span_of(d, s) for d, s in zip(docs, SHARED[key], strict=True) if s]
        members = []
        for i in range(len(spans)):
            for j in range(i + 1, len(spans)):
                a, b = spans[i], spans[j]
                ta = docs[i].text[a.start : a.end]
                tb = docs[j].text[b.start : b.end]
                ops = word_diff(ta, tb, a.start, b.start)
                members.append(len(matches))
                matches.append(Match(a, b, 80.0, "close", "lexical", ops))
        families.append(Family(members, spans))
    return Alignment(docs, {d.id: [] for d in docs}, matches, families)


PAIRED_FILLER = (
    "Background that only {o} reports, so the two articles differ around the shared facts."
)


def _paired_doc(outlet: str, sentences: list[str]) -> Document:
    filler = PAIRED_FILLER.format(o=outlet)
    text = "\n\n".join(part for sentence in sentences for part in (filler, sentence))
    path = f"/fixtures/{outlet.lower()}.txt"
    return Document(
        document_id(text), f"{outlet} story", outlet, "2024-05-01", "", "en", path, text
    )


def paired_alignment(pairs: list[tuple[str, str]]) -> Alignment:
    """Two articles, Alpha and Beta, each telling the `pairs` (Alpha's, Beta's version) between
    paragraphs of its own; one close match and one family per pair."""
    a = _paired_doc("Alpha", [p[0] for p in pairs])
    b = _paired_doc("Beta", [p[1] for p in pairs])
    matches: list[Match] = []
    families: list[Family] = []
    for sa, sb in pairs:
        x = Span(a.id, a.text.index(sa), a.text.index(sa) + len(sa))
        y = Span(b.id, b.text.index(sb), b.text.index(sb) + len(sb))
        families.append(Family([len(matches)], [x, y]))
        matches.append(Match(x, y, 90.0, "close", "lexical", word_diff(sa, sb, x.start, y.start)))
    return Alignment([a, b], {a.id: [], b.id: []}, matches, families)

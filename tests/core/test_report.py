"""report.pdf and its parts: coverage matrix, diff markup, sections, outline."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.core.align import align_documents
from app.core.errors import Cancelled
from app.core.export.annotate import PdfHighlight
from app.core.export.heatmap import coverage_matrix
from app.core.export.markup import clip, diff_markup
from app.core.export.report import ReportContradiction, export_report_pdf
from app.core.flags import find_flags
from app.core.importers import load_document
from app.core.model import Alignment, DiffOp, Document, Family, Flag, Match, Span, document_id
from app.core.progress import CancelToken
from app.core.thresholds import DIFF_DELETE_COLOUR, DIFF_INSERT_COLOUR, DIFF_REPLACE_COLOUR

from .pdf_checks import squash
from .seed_docs import load_seed_docs, seed_paths


def _doc(text: str, outlet: str) -> Document:
    return Document(document_id(text), f"{outlet} story", outlet, "2021-07-19", "", "en",
                    f"/tmp/{outlet}.txt", text)  # fmt: skip


def test_coverage_counts_matched_non_blank_characters_per_ordered_pair():
    a = _doc("aaaa bbbb", "A")  # 8 non-blank characters
    b = _doc("aaaa", "B")
    c = _doc("zzzz", "C")
    match = Match(Span(a.id, 0, 4), Span(b.id, 0, 4), 100.0, "verbatim")
    alignment = Alignment([a, b, c], {}, [match], [Family([0], [match.a, match.b])])
    m = coverage_matrix(alignment)
    assert m[0] == [None, 0.5, 0.0]
    assert m[1] == [1.0, None, 0.0]
    assert m[2] == [0.0, 0.0, None]


def test_diff_markup_marks_each_side_and_escapes_text():
    a_text, b_text = "the 5 bases & more", "the 7 bases & more here"
    ops = [DiffOp("equal", 0, 4, 0, 4), DiffOp("replace", 4, 5, 4, 5),
           DiffOp("delete", 12, 13, 12, 12), DiffOp("insert", 18, 18, 18, 23)]  # fmt: skip
    left = diff_markup(a_text, 0, len(a_text), ops, "a")
    right = diff_markup(b_text, 0, len(b_text), ops, "b")
    assert f'<font color="{DIFF_REPLACE_COLOUR}"' in left and ">5</font>" in left
    assert f'<font color="{DIFF_DELETE_COLOUR}"><strike>&amp;</strike>' in left
    assert f'<font color="{DIFF_INSERT_COLOUR}"' in right and "<u> here</u>" in right
    assert "7" in right and "<strike>" not in right


def test_clip_cuts_at_a_word():
    assert clip("one  two\nthree", 100) == "one two three"
    assert clip("alpha beta gamma", 12) == "alpha beta …"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Alignment, list[Flag], Path]:
    docs = load_seed_docs()
    alignment = align_documents(docs)
    flags = find_flags(alignment)
    first = alignment.matches[0]
    contradiction = ReportContradiction(
        first.a.doc_id,
        first.a.start,
        first.a.end,
        first.b.doc_id,
        first.b.start,
        first.b.end,
        note="Dates differ between the two reports",
    )
    highlights = {docs[1].id: [PdfHighlight(0, 40, "#ffe066", "A headline claim", kind="claim")]}
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    export_report_pdf(alignment, flags, [contradiction], highlights, out)
    return alignment, flags, out


def _page_texts(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _left_column(path: Path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        parts = [
            page.crop((0, 0, float(page.width) / 2, float(page.height))).extract_text() or ""
            for page in pdf.pages
        ]
    return squash(" ".join(parts))


def test_report_names_every_outlet_and_article(seed_report):
    alignment, _flags, out = seed_report
    text = squash(" ".join(_page_texts(out)[:2]))
    for doc in alignment.documents:
        assert squash(doc.outlet) in text


def test_report_outline_has_every_section_and_family(seed_report):
    alignment, _flags, out = seed_report
    reader = PdfReader(str(out))
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    for section in ("The articles", "Shared passages, version by version", "Contradictions",
                    "Flags", "Highlights by article"):  # fmt: skip
        assert section in titles
    assert any(t.startswith("Coverage") for t in titles)
    raw = list(reader.outline)
    at = next(k for k, item in enumerate(raw) if getattr(item, "title", "") == titles[2])
    assert titles[2] == "Shared passages, version by version"
    families = raw[at + 1]
    assert isinstance(families, list) and len(families) == len(alignment.families)
    assert all(item.title.startswith(f"Family {k + 1}:") for k, item in enumerate(families))


def test_report_has_a_contents_page_a_heat_map_and_a_family_section(seed_report):
    alignment, _flags, out = seed_report
    pages = _page_texts(out)
    assert any("Contents" in p and "Shared passages, version by version" in p for p in pages)
    heat = next(p for p in pages if "Coverage:" in p and "row" in p)
    # one percentage per off-diagonal cell of the matrix
    n = len(alignment.documents)
    assert heat.count("%") >= n * (n - 1)
    assert any("Family 1:" in p for p in pages)


def test_report_shows_contradiction_quotes_and_note(seed_report):
    alignment, _flags, out = seed_report
    first = alignment.matches[0]
    a_doc = next(d for d in alignment.documents if d.id == first.a.doc_id)
    text = squash(" ".join(_page_texts(out)))
    assert squash("Dates differ between the two reports") in text
    # the quotes stand side by side: read the left column alone
    assert squash(a_doc.text[first.a.start : first.a.end])[:60] in _left_column(out)
    assert squash("A headline claim") in text


def test_report_labels_computed_flags(seed_report):
    _alignment, flags, out = seed_report
    text = " ".join(_page_texts(out))
    assert "Computed flags (not reviewed)" in text
    for flag in flags:
        assert squash(flag.a_value) in squash(text)


def test_report_can_be_cancelled(tmp_path):
    docs = load_seed_docs()[:2]
    alignment = align_documents(docs)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        export_report_pdf(alignment, [], [], {}, tmp_path / "r.pdf", cancel=token)
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("n", [5, 40, 120])
def test_coverage_pictures_always_fit_a_page(n: int) -> None:
    """A drawing taller than the page frame cannot be laid out: rows shrink instead."""
    from app.core.export.heatmap import MAX_DRAWING_HEIGHT, bars_drawing, heatmap_drawing

    labels = [f"Outlet {i}" for i in range(n)]
    matrix = [[None if i == j else (i * j % 10) / 10 for j in range(n)] for i in range(n)]
    heat = heatmap_drawing(labels, matrix, 480.0)
    bars = bars_drawing(labels, [i / n for i in range(n)], 480.0)
    assert heat.height <= MAX_DRAWING_HEIGHT + 1
    assert bars.height <= MAX_DRAWING_HEIGHT + 5
    assert heat.width == bars.width == 480.0


def test_report_says_how_confident_a_translation_alignment_is(tmp_path: Path) -> None:
    """A Russian original beside its English translation: the articles section says how the two
    were lined up (by the anchors, so the test holds without the multilingual model)."""
    data = Path(__file__).resolve().parents[1] / "data"
    english = next(p for p in seed_paths() if p.name.startswith("003_"))
    docs = [load_document(str(english)), load_document(str(data / "kommersant_ru_sample.txt"))]
    alignment = align_documents(docs, semantic=False)
    assert alignment.translations, "the two scripts were not aligned"
    out = tmp_path / "report.pdf"
    export_report_pdf(alignment, find_flags(alignment), [], {}, out)
    text = squash(" ".join(_page_texts(out)[:2]))
    assert squash("Translation:") in text
    assert squash("confidence low") in text

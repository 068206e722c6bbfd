"""Property-based tests (hypothesis) for issue 7: no input crashes the core.

Example counts are modest so each test stays within a few seconds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.align import align_documents
from app.core.anchors import make_anchor, resolve_anchor
from app.core.errors import InputError
from app.core.flags import find_flags
from app.core.importers import load_document
from app.core.importers.decode import decode_bytes
from app.core.model import Document, document_id
from app.core.segment import paragraphs, sentences

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Moscow", "offered", "bases", "40", "45", "June", "Geneva", "not", "said", "the"]
WORDS += ["Таджикистан", "Київ", "北京", "naïve", "🦜", "—", "...", "?!", "«", "»", "3.5%", "1,200"]
_CHARS = st.characters(blacklist_categories=("Cs",))
word = st.sampled_from(WORDS) | st.text(_CHARS, min_size=1, max_size=8)
sentence = st.lists(word, min_size=0, max_size=14).map(lambda ws: " ".join(ws) + ".")
punctuation_storm = st.text(alphabet=".,;:!?-—…\"'()[] \n\t", min_size=1, max_size=80)
paragraph = st.lists(sentence | punctuation_storm, min_size=1, max_size=5).map(" ".join)
article = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)


def _doc(text: str, n: int) -> Document:
    return Document(
        id=f"{document_id(text)}{n}",  # distinct even when two random texts coincide
        title="",
        outlet="",
        date="",
        url="",
        language="en",
        source_path=f"/tmp/{n}.txt",
        text=text,
    )


# --- importers ---------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_decode_bytes_gives_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "f.txt")
    except InputError as err:
        assert str(err).startswith("f.txt: ") and "\n" not in str(err)
        return
    assert "\r" not in text


_SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".pdf", ".bin", ""])


def _load(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except InputError as err:
            assert str(err).startswith(str(path)) and "\n" not in str(err)
            return
        assert doc.text.strip() and doc.id == document_id(doc.text)
        for junk in doc.junk:
            assert 0 <= junk.start <= junk.end <= len(doc.raw)


@FAST
@given(st.binary(max_size=3000), _SUFFIXES)
def test_load_document_on_random_bytes(data: bytes, suffix: str) -> None:
    _load(data, suffix)


@FAST
@given(article | st.text(max_size=2000), _SUFFIXES, st.sampled_from(["utf-8", "utf-16"]))
def test_load_document_on_random_text(text: str, suffix: str, encoding: str) -> None:
    _load(text.encode(encoding, errors="surrogatepass"), suffix)


@SLOW
@given(st.lists(paragraph, min_size=1, max_size=4), st.sampled_from([".html", ".md"]))
def test_load_document_on_random_markup(paras: list[str], suffix: str) -> None:
    if suffix == ".html":
        body = "".join(f"<p>{p}</p><div><span>{p[:10]}" for p in paras)
        data = f"<!doctype html><html><body>{body}</body></html>"
    else:
        data = "\n\n".join(f"# {p}" if i % 2 else f"* {p}" for i, p in enumerate(paras))
    _load(data.encode("utf-8", errors="surrogatepass"), suffix)


# --- segmentation, alignment, flags ------------------------------------------------------


def _assert_span(doc_by_id: dict[str, Document], doc_id: str, start: int, end: int) -> None:
    text = doc_by_id[doc_id].text
    assert 0 <= start < end <= len(text)
    assert text[start:end] != ""


@SLOW
@given(st.lists(article, min_size=2, max_size=3))
def test_segment_align_and_flag_random_documents(texts: list[str]) -> None:
    docs = [_doc(t, n) for n, t in enumerate(texts)]
    by_id = {d.id: d for d in docs}
    for doc in docs:
        for passage in paragraphs(doc) + sentences(doc):
            _assert_span(by_id, doc.id, passage.start, passage.end)
    alignment = align_documents(docs)
    for match in alignment.matches:
        _assert_span(by_id, match.a.doc_id, match.a.start, match.a.end)
        _assert_span(by_id, match.b.doc_id, match.b.start, match.b.end)
        assert 0 <= match.score <= 100
    for family in alignment.families:
        assert all(0 <= i < len(alignment.matches) for i in family.matches)
    for flag in find_flags(alignment):
        assert 0 <= flag.match < len(alignment.matches)
        _assert_span(by_id, flag.a.doc_id, flag.a.start, flag.a.end)
        _assert_span(by_id, flag.b.doc_id, flag.b.start, flag.b.end)


@pytest.mark.parametrize(
    "texts",
    [
        ("Moscow Moscow Moscow.", "Moscow Moscow Moscow ¹."),
        ("Moscow 0:¹ 0¼0.", "Moscow Moscow Moscow 0¼0."),  # found by the property test below
    ],
)
def test_superscript_digits_do_not_crash_flags(texts: tuple[str, str]) -> None:
    """Superscripts and vulgar fractions are digits to isdigit() but not numbers: no crash."""
    docs = [_doc(text, n) for n, text in enumerate(texts)]
    find_flags(align_documents(docs))


# --- anchors -----------------------------------------------------------------------------


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(article | st.text(min_size=1, max_size=400))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@FAST
@given(text_and_span())
def test_unchanged_text_resolves_exactly(case: tuple[str, int, int]) -> None:
    text, start, end = case
    found = resolve_anchor(make_anchor(text, start, end), text)
    assert found is not None
    assert text[found.start : found.end] == text[start:end]
    if text.count(text[start:end]) == 1:
        assert (found.start, found.end, found.how) == (start, end, "exact")


edit = st.tuples(st.integers(0, 10_000), st.integers(0, 30), st.text(max_size=30))


@FAST
@given(text_and_span(), st.lists(edit, max_size=4))
def test_edited_text_resolves_within_bounds_or_orphans(
    case: tuple[str, int, int], edits: list[tuple[int, int, str]]
) -> None:
    text, start, end = case
    new = text
    for at, cut, insert in edits:
        at %= len(new) + 1
        new = new[:at] + insert + new[at + cut :]
    found = resolve_anchor(make_anchor(text, start, end), new)
    if found is None:
        return
    assert 0 <= found.start < found.end <= len(new)
    if found.how in ("exact", "moved"):
        assert new[found.start : found.end] == text[start:end]

"""Word changes in the comparison panel, relative to the clicked version."""

from __future__ import annotations

from app.core.model import Alignment, DiffOp, Document, Family, Match, Span
from app.core.worddiff import word_diff
from app.ui.comparison_panel import comparison_html, diff_segments


def _docs() -> tuple[Document, Document]:
    a = Document("A", "", "Alpha", "", "", "en", "", "Troops left the base quickly.")
    b = Document("B", "", "Beta", "", "", "en", "", "Troops finally left the old base.")
    return a, b


def _match() -> Match:
    # a: "Troops left the base quickly."  b: "Troops finally left the old base."
    ops = [
        DiffOp("equal", 0, 6, 0, 6),
        DiffOp("insert", 7, 7, 7, 14),  # "finally" only in b
        DiffOp("equal", 7, 16, 15, 24),
        DiffOp("insert", 16, 16, 24, 27),  # "old" only in b
        DiffOp("equal", 16, 20, 28, 32),
        DiffOp("delete", 21, 28, 32, 32),  # "quickly" only in a
        DiffOp("equal", 28, 29, 32, 33),
    ]
    return Match(Span("A", 0, 29), Span("B", 0, 33), 80.0, "close", "lexical", ops)


def test_relative_to_a_insertions_are_b_words_and_deletions_are_a_words() -> None:
    a, b = _docs()
    segs = diff_segments(_match(), True, a.text, Span("B", 0, 33), b.text)
    assert ("finally", "insert") in segs and ("old", "insert") in segs
    assert ("quickly", "delete") in segs
    shown = "".join(t for t, tag in segs if tag != "delete")
    assert shown == b.text


def test_relative_to_b_the_tags_flip() -> None:
    a, b = _docs()
    segs = diff_segments(_match(), False, b.text, Span("A", 0, 29), a.text)
    assert ("finally", "delete") in segs and ("old", "delete") in segs
    assert ("quickly", "insert") in segs
    assert "".join(t for t, tag in segs if tag != "delete") == a.text


def test_panel_html_lists_every_outlet_with_the_clicked_one_first() -> None:
    from app.core.model import Family

    a, b = _docs()
    alignment = Alignment(
        [a, b], {}, [_match()], [Family([0], [Span("A", 0, 29), Span("B", 0, 33)])]
    )
    html = comparison_html(alignment, 0, Span("B", 0, 33))
    assert html.index("Beta") < html.index("Alpha")
    assert "line-through" in html and "underline" in html


def test_a_version_linked_through_a_third_outlet_is_marked_against_the_clicked_one() -> None:
    texts = {
        "A": "Troops left the base quickly.",
        "B": "Troops finally left the old base.",
        "C": "Troops finally left the old base at night.",
    }
    docs = [Document(k, "", f"Outlet {k}", "", "", "en", "", t) for k, t in texts.items()]
    spans = {k: Span(k, 0, len(t)) for k, t in texts.items()}
    bc_ops = word_diff(texts["B"], texts["C"])
    matches = [_match(), Match(spans["B"], spans["C"], 90.0, "close", "lexical", bc_ops)]
    family = Family([0, 1], [spans["A"], spans["B"], spans["C"]])
    alignment = Alignment(docs, {}, matches, [family])
    html = comparison_html(alignment, 0, spans["A"])
    row_c = html[html.index("Outlet C") :]
    assert "(linked through Outlet B&#x27;s version)" in row_c
    # Against A (clicked), C's "at night" stands where A's "quickly" stood (worded differently)
    # and "finally" is only in C; against B (as before) "at night" would be an addition and
    # "finally" unmarked.
    assert "background:#ffe8a3'>at night</span>" in row_c
    assert "underline'>finally</span>" in row_c

"""The look of a word diff in report.pdf, as reportlab font markup, defined once.

Deleted words are red and struck through, inserted words green and underlined, replaced words
amber (not struck through: long loose rewrites stay readable). The colours come from thresholds,
shared with the reader panes, so the report looks like the app. The pair sections, the claim
grid and the legends that explain them all mark text through `diff_font`.
"""

from __future__ import annotations

from app.core.thresholds import (
    DIFF_DELETE_COLOUR,
    DIFF_INSERT_BG,
    DIFF_INSERT_COLOUR,
    DIFF_REPLACE_BG,
    DIFF_REPLACE_COLOUR,
)


def diff_font(tag: str, body: str) -> str:
    """`body` marked as a word-diff op of kind `tag`.

    Args:
        tag: "delete", "insert" or "replace"; any other tag (e.g. "equal") leaves `body` as is.
        body: Paragraph markup, already escaped (it may hold tags such as <b>).
    """
    if tag == "delete":
        return f'<font color="{DIFF_DELETE_COLOUR}"><strike>{body}</strike></font>'
    if tag == "insert":
        return (
            f'<font color="{DIFF_INSERT_COLOUR}" backColor="{DIFF_INSERT_BG}"><u>{body}</u></font>'
        )
    if tag == "replace":
        return f'<font color="{DIFF_REPLACE_COLOUR}" backColor="{DIFF_REPLACE_BG}">{body}</font>'
    return body

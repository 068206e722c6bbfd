"""Which computed flags the user already reviewed by accepting them.

Accepting a flag stores a contradiction of origin "flag" and the flag's kind between the flag's
two passages (see app/ui/flags_controller.py). The stored contradiction keeps neither the flag's
values nor its topic, so a flag is recognised by its kind and its two passages, the same test
the Flags panel applies. Several flags of one kind in one passage pair are therefore accepted
together, in the report exactly as on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from app.core.model import Alignment, Flag, ReviewKey, Span, flag_label, flag_review_key, review_key

if TYPE_CHECKING:
    from app.core.export.report import ReportContradiction


def link_review_key(c: ReportContradiction) -> ReviewKey:
    """The key of a stored contradiction (compare only those of origin "flag")."""
    a, b = Span(c.a_doc_id, c.a_start, c.a_end), Span(c.b_doc_id, c.b_start, c.b_end)
    return review_key(c.kind, a, b)


def accepted_keys(accepted: Iterable[ReportContradiction]) -> set[ReviewKey]:
    """Keys of the accepted-flag contradictions (user-made ones never count as a review)."""
    return {link_review_key(c) for c in accepted if c.origin == "flag"}


def unreviewed_flags(
    alignment: Alignment, flags: Sequence[Flag], accepted: Iterable[ReportContradiction]
) -> list[Flag]:
    """`flags` without the accepted ones: an accepted flag is a finding, not a lead to check."""
    done = accepted_keys(accepted)
    return [f for f in flags if flag_review_key(alignment, f) not in done]


def with_flag_labels(
    alignment: Alignment, flags: Sequence[Flag], accepted: Sequence[ReportContradiction]
) -> list[ReportContradiction]:
    """Accepted-flag contradictions labelled as the Flags panel labelled their flag ("hedging"
    rather than the stored kind "negation"); a link whose flag is no longer computed (the
    detectors changed) keeps its stored kind."""
    labels: dict[ReviewKey, str] = {}
    for f in flags:
        labels.setdefault(flag_review_key(alignment, f), flag_label(f))
    return [replace(c, label=labels.get(link_review_key(c), c.label)) for c in accepted]

"""Move a document's highlights to a changed version of its text (DESIGN.md, Storage).

Contradictions point at highlight ids, so their ends move with the highlights. Highlights that
cannot be placed keep their old document and anchor and are marked orphans — never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.anchors import make_anchor, resolve_anchor
from app.core.annotations import Highlight, anchor_fields, utc_now
from app.core.model import Document
from app.core.store.repository import Repository


@dataclass(frozen=True)
class ReanchorReport:
    """How the highlights of the old document were placed in the new one."""

    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0

    @property
    def placed(self) -> int:
        """Highlights now anchored in the new document."""
        return self.exact + self.moved + self.fuzzy


def _placed(h: Highlight, new_doc: Document, start: int, end: int) -> Highlight:
    """`h` moved to `new_doc`, its quote and context refreshed from the new text."""
    anchor = make_anchor(new_doc.text, start, end)
    changed = (anchor.exact, start, end, new_doc.id) != (h.exact, h.start, h.end, h.doc_id)
    return replace(
        h,
        doc_id=new_doc.id,
        **anchor_fields(anchor),
        orphan=False,
        modified=utc_now() if changed or h.orphan else h.modified,
    )


def reanchor(repo: Repository, old_doc_id: str, new_doc: Document) -> ReanchorReport:
    """Store `new_doc` and re-anchor every highlight of `old_doc_id` into its text.

    One transaction. Offsets are character offsets into `new_doc.text`, half-open.

    Raises:
        StoreError: if the store cannot be written; nothing changes then.
    """
    counts = {"exact": 0, "moved": 0, "fuzzy": 0, "orphaned": 0}
    with repo.transaction():
        repo.upsert_document(new_doc)
        for h in repo.list_highlights(old_doc_id):
            found = resolve_anchor(h.anchor, new_doc.text)
            if found is None:
                counts["orphaned"] += 1
                if not h.orphan:
                    repo.update_highlight(replace(h, orphan=True, modified=utc_now()))
                continue
            counts[found.how] += 1
            repo.update_highlight(_placed(h, new_doc, found.start, found.end))
    return ReanchorReport(**counts)

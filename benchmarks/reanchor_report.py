"""Re-anchoring report (issue 7): how 100 highlights on the seed articles come back after edits.

For each kind of edit (text inserted before, inside or after the highlight, words changed
inside it, its paragraph moved to the end, its paragraph deleted) every highlight gets its own
edited copy of its article and goes through the store's `reanchor`, as a re-import would.
Counts are exact (found in place), moved (found verbatim elsewhere), fuzzy and orphaned;
"off" counts placements that miss the edited passage. The baseline, measured in the same run,
is re-anchoring into the unchanged text.
Run: .venv/bin/python benchmarks/reanchor_report.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.annotations import new_highlight  # noqa: E402
from app.core.importers import load_document  # noqa: E402
from app.core.model import Document, document_id  # noqa: E402
from app.core.store import Repository, open_store, reanchor  # noqa: E402
from tests.core.text_edits import EDITS, SEEDS, Edit, pick_spans  # noqa: E402

PER_SEED = 20  # 5 seeds -> 100 highlights


def _unchanged(text: str, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
    return text, (start, end)


def _one(repo: Repository, doc: Document, span: tuple[int, int], edit: Edit, k: int) -> str:
    """Store a private copy of `doc` with one highlight, re-anchor it into the edited text."""
    old = replace(doc, id=f"{doc.id}-old{k}")
    new_text, where = edit(doc.text, *span)
    new = replace(doc, id=f"{document_id(new_text)}-new{k}", text=new_text)
    h = new_highlight(old.id, old.text, *span)
    with repo.transaction():
        repo.upsert_document(old)
        repo.insert_highlight(h)
    report = reanchor(repo, old.id, new)
    outcome = next(n for n in ("exact", "moved", "fuzzy", "orphaned") if getattr(report, n))
    placed = repo.get_highlight(h.id)
    assert placed is not None  # re-anchoring never deletes
    missed = where is not None and not (placed.start < where[1] and placed.end > where[0])
    if outcome != "orphaned" and missed:
        return "off"
    return outcome


def _row(label: str, docs: list[Document], edit: Edit, folder: Path) -> float:
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    with open_store(folder / f"{label.replace(' ', '_')}.db") as repo:
        repo.conn.execute("PRAGMA synchronous = NORMAL")  # fsync is not what is measured
        k = 0
        for n, doc in enumerate(docs):
            for span in pick_spans(doc.text, PER_SEED, seed=n):
                counts[_one(repo, doc, span, edit, k)] += 1
                k += 1
    seconds = time.perf_counter() - start
    total = sum(counts.values())
    cells = [counts[c] for c in ("exact", "moved", "fuzzy", "orphaned", "off")]
    placed = cells[0] + cells[1] + cells[2]
    print(
        f"{label:<22} {total:>5} {cells[0]:>6} {cells[1]:>6} {cells[2]:>6} {cells[3]:>9}"
        f" {cells[4]:>4} {100 * placed / total:>7.0f}% {1000 * seconds / total:>8.2f} ms"
    )
    return seconds


def main() -> None:
    docs = [load_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    print(f"{len(docs)} seed articles, {PER_SEED} highlights each (40-160 characters)\n")
    head = f"{'edit':<22} {'total':>5} {'exact':>6} {'moved':>6} {'fuzzy':>6} {'orphaned':>9}"
    print(head + f" {'off':>4} {'placed':>8} {'per hl':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        _row("unchanged (baseline)", docs, _unchanged, Path(tmp))
        for label, edit in EDITS.items():
            _row(label, docs, edit, Path(tmp))
    print("\nexact+moved = quote found verbatim; 'paragraph deleted' should be all orphans.")


if __name__ == "__main__":
    main()

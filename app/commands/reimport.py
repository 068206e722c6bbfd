"""Re-anchoring on re-import (issue 7): an article file whose text changed since it was stored.

`highlights add FILE` and `export FILE...` call `reanchor_reimported` after importing FILE:
every stored document with the same `source_path` but another content hash (an older version
of the text) hands its highlights to the new document through `app.core.store.reanchor`, and
one line on stderr says how that went. Highlights that cannot be placed stay as orphans,
listed by `parallax highlights list`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from app.core.model import Document
from app.core.store import ReanchorReport, Repository, open_store, resolve_db_path


def reanchor_reimported(repo: Repository, doc: Document) -> list[ReanchorReport]:
    """Move the highlights of older stored versions of `doc`'s file onto `doc`; report each.

    Stores `doc` when an older version exists (in the re-anchoring transaction). Prints one
    stderr line per older version that held highlights. Raises StoreError.
    """
    reports = []
    for old in repo.documents_with_source(doc.source_path):
        if old.id == doc.id or not repo.list_highlights(old.id):
            continue
        report = _reanchor(repo, old.id, doc)
        print(f"parallax: {summary_line(report)}", file=sys.stderr)
        reports.append(report)
    return reports


def _reanchor(repo: Repository, old_id: str, doc: Document) -> ReanchorReport:
    from app.core.store import reanchor

    return reanchor(repo, old_id, doc)


def summary_line(report: ReanchorReport) -> str:
    """`N highlights re-anchored (E exact, F fuzzy), K orphaned — see 'parallax highlights list'`.

    "exact" counts quotes found verbatim, in place or moved; "fuzzy" the approximate matches.
    """
    return (
        f"{report.placed} highlights re-anchored ({report.exact + report.moved} exact, "
        f"{report.fuzzy} fuzzy), {report.orphaned} orphaned — see 'parallax highlights list'"
    )


def reanchor_files(paths: Sequence[str], db: str | os.PathLike[str] | None) -> None:
    """For `export`: re-anchor the files of `paths` that the store at `db` knows an older text of.

    A missing store is not created (export only reads annotations); a file the store has never
    seen is not imported here (export imports it anyway). A recovery warning is printed as the
    `highlights` commands do. Raises StoreError, InputError.
    """
    if not resolve_db_path(db).exists():
        return
    from app.core.importers import load_document  # heavy: only when a file needs it

    with open_store(db) as repo:
        if repo.recovery is not None:
            print(f"parallax: {repo.recovery.message}", file=sys.stderr)
        for path in paths:
            if repo.documents_with_source(path):
                reanchor_reimported(repo, load_document(path))

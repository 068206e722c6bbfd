"""One article opened twice: the same file under two names, or a copy with the same text.

Aligning a document against itself fills the case with 100-score matches that say nothing and
gives the reader two identical panes. The CLI and the app keep the first of each and report
every other one as skipped, naming the file it repeats.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from app.core.errors import InputError
from app.core.importers import load_document, printable_name
from app.core.model import Document


class DuplicateArticle(InputError):
    """A file that was skipped because it repeats an earlier one (a note, not a failure)."""


def _skipped(path: str, reason: str, other: str = "") -> DuplicateArticle:
    """The note "PATH: skipped (REASON OTHER)", both names with control characters escaped."""
    why = f"{reason} {printable_name(other)}" if other else reason
    return DuplicateArticle(printable_name(path), f"skipped ({why})")


def _same_file_key(path: str) -> str:
    """Where `path` really points: symlinks and "./", "../" resolved, case kept."""
    return os.path.realpath(os.path.abspath(path))


def drop_repeated_paths(paths: Sequence[str]) -> tuple[list[str], list[DuplicateArticle]]:
    """Keep the first of paths that name the same file (also through a symlink).

    Returns:
        The kept paths in their order, and one DuplicateArticle per dropped path whose message
        is "PATH: skipped (listed twice)" or "PATH: skipped (same file as FIRST)".
    """
    first: dict[str, str] = {}
    kept: list[str] = []
    skipped: list[DuplicateArticle] = []
    for path in paths:
        key = _same_file_key(path)
        if key not in first:
            first[key] = path
            kept.append(path)
        elif first[key] == path:
            skipped.append(_skipped(path, "listed twice"))
        else:
            skipped.append(_skipped(path, "same file as", first[key]))
    return kept, skipped


def drop_repeated_texts(
    docs: Sequence[Document], paths: Sequence[str]
) -> tuple[list[Document], list[str], list[DuplicateArticle]]:
    """Keep the first of documents with the same clean text (same content id).

    Args:
        docs: imported documents; `paths[i]` is the file `docs[i]` came from.
    Returns:
        The kept documents and their paths, in order, and one DuplicateArticle per dropped
        document: "PATH: skipped (same text as FIRST)".
    """
    first: dict[str, tuple[Document, str]] = {}
    kept_docs: list[Document] = []
    kept_paths: list[str] = []
    skipped: list[DuplicateArticle] = []
    for doc, path in zip(docs, paths, strict=True):
        earlier = first.get(doc.id)
        if earlier is not None and earlier[0].text == doc.text:  # the id is a hash: make sure
            skipped.append(_skipped(path, "same text as", earlier[1]))
            continue
        first.setdefault(doc.id, (doc, path))
        kept_docs.append(doc)
        kept_paths.append(path)
    return kept_docs, kept_paths, skipped


def distinct_documents(
    paths: Sequence[str],
    load: Callable[[str], Document | None] = load_document,
    before_each: Callable[[int, int, str], None] | None = None,
) -> tuple[list[Document], list[str], list[DuplicateArticle]]:
    """Import each distinct file of `paths` once and drop copies with the same text.

    The one place the CLI, the export and the app's loader run drop_repeated_paths →
    load → drop_repeated_texts, so a repeated file is never imported twice.

    Args:
        load: imports one file; None means "skip it" (the caller recorded why, e.g. the app
            lists an unreadable file and loads the rest). Errors it raises pass through.
        before_each: called before each distinct file is loaded with (index, how many distinct
            files, path), for progress and cancelling.
    Returns:
        The kept documents and their paths, in order, and the notes of every skipped repeat
        (paths repeated first, then same texts), as the drop_repeated_* functions word them.
    """
    unique, repeated = drop_repeated_paths(paths)
    docs: list[Document] = []
    loaded: list[str] = []
    for index, path in enumerate(unique):
        if before_each is not None:
            before_each(index, len(unique), path)
        doc = load(path)
        if doc is not None:
            docs.append(doc)
            loaded.append(path)
    docs, kept, same_text = drop_repeated_texts(docs, loaded)
    return docs, kept, [*repeated, *same_text]

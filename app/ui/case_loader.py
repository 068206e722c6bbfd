"""The work the reader runs in the background: import the files, then align them.

Only glue between core calls (no logic of its own); runs inside a BackgroundOp. The core modules
are imported lazily so the window still opens (and says what is missing) if one fails to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import Cancelled, InputError, ParallaxError
from app.core.model import Alignment, Document
from app.core.progress import CancelToken, ProgressFn
from app.core.thresholds import MIN_SCORE

IMPORT_SHARE = 0.3  # of the progress bar: import is quick next to alignment


@dataclass
class CaseResult:
    """What a load produced: the alignment of the readable files, and the files that failed."""

    alignment: Alignment
    paths: list[str]
    errors: list[ParallaxError] = field(default_factory=list)
    matching: str = ""  # whether meaning-aware matching was on, for the status bar


def matching_status(documents: int) -> str:
    """The semantic extra's status line, computed here because it may load the model."""
    from app.core.thresholds import SEM_MAX_DOCUMENTS

    try:
        from app.core.semantic import status_line
    except ImportError:
        return "Meaning-aware matching: off"
    line = status_line()
    if documents > SEM_MAX_DOCUMENTS and line.startswith("Meaning-aware matching: on"):
        return f"Meaning-aware matching: off for cases over {SEM_MAX_DOCUMENTS} articles"
    return line


def load_documents(
    paths: list[str], progress: ProgressFn, cancel: CancelToken
) -> tuple[list[Document], list[str], list[ParallaxError]]:
    """Import every path; a bad file becomes an error in the list, the others still load.

    A file opened twice (same path, or a copy with the same text) is dropped too, with a note
    in the same list ("PATH: skipped (same text as OTHER)"): two identical panes help no one.
    """
    try:
        from app.core.importers import load_document
        from app.core.importers.duplicates import distinct_documents
    except ImportError as exc:
        raise ParallaxError(f"the article importer is not available ({exc})") from exc
    errors: list[ParallaxError] = []

    def before_each(index: int, count: int, path: str) -> None:
        cancel.check()
        progress(IMPORT_SHARE * index / max(count, 1), f"Reading {path.rsplit('/', 1)[-1]}")

    def load(path: str) -> Document | None:
        try:
            return load_document(path)
        except ParallaxError as err:
            errors.append(err)
        except (OSError, UnicodeError) as exc:
            errors.append(InputError(path, str(exc)))
        return None

    docs, ok_paths, skipped = distinct_documents(paths, load, before_each)
    return docs, ok_paths, [*errors, *skipped]


def load_and_align(paths: list[str], progress: ProgressFn, cancel: CancelToken) -> CaseResult:
    """Import `paths` and align what could be read. Raises Cancelled, or ParallaxError."""
    docs, ok_paths, errors = load_documents(paths, progress, cancel)
    if not docs:
        return CaseResult(Alignment([], {}, [], []), [], errors)
    try:
        from app.core.align import align_documents
    except ImportError as exc:
        raise ParallaxError(f"the aligner is not available ({exc})") from exc

    def align_progress(fraction: float, label: str) -> None:
        progress(IMPORT_SHARE + (1 - IMPORT_SHARE) * fraction, label or "Aligning")

    cancel.check()
    from app.core.align.cache import AlignmentCache  # reopening a case reuses pair alignments

    alignment = align_documents(
        docs, min_score=MIN_SCORE, progress=align_progress, cancel=cancel, cache=AlignmentCache()
    )
    if cancel.cancelled:
        raise Cancelled("cancelled")
    progress(1.0, "Done")
    return CaseResult(alignment, ok_paths, errors, matching_status(len(docs)))

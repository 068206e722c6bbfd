"""Export a whole case: one annotated PDF per article, report.pdf and annotations.json.

This is what `parallax export` and the app's File → Export… call. It imports and aligns the
files, computes flags (minus the ones the user dismissed or accepted), reads the highlights and
contradictions stored for these articles, and writes everything into one folder. A
contradiction shows in both articles: each side's note names the other outlet and quotes the
other passage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack

from app.core.align import align_documents
from app.core.annotations import Contradiction, Highlight, new_dismissed_flag
from app.core.counts import plural
from app.core.errors import Cancelled
from app.core.export.annotate import ExportError, PdfHighlight, export_article_pdf
from app.core.export.markup import clip
from app.core.export.report import ReportContradiction, export_report_pdf
from app.core.export.review import unreviewed_flags, with_flag_labels
from app.core.flags import find_flags
from app.core.importers import load_document
from app.core.importers.duplicates import distinct_documents
from app.core.model import Alignment, Document, Flag
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.store import Repository, open_store, resolve_db_path
from app.core.thresholds import EXPORT_DEFAULT_AUTHOR

REPORT_NAME = "report.pdf"
ANNOTATIONS_NAME = "annotations.json"


@dataclass
class ExportSummary:
    """What `export_case` wrote, for the CLI to print and the UI to show."""

    out_dir: Path
    articles: list[Path] = field(default_factory=list)
    report: Path | None = None
    annotations: Path | None = None
    highlights: int = 0
    contradictions: int = 0
    flags: int = 0  # computed flags neither dismissed nor accepted ("to review")
    notes: list[str] = field(default_factory=list)  # things the user should know (orphans, ...)

    def counts_text(self) -> str:
        """'1 highlight, 2 contradictions, 3 flags to review': the CLI and the export dialog
        must give the same numbers in the same words."""
        return ", ".join(
            [
                plural(self.highlights, "highlight"),
                plural(self.contradictions, "contradiction"),
                # `flags` leaves out dismissed and accepted flags: the Flags panel's count
                plural(self.flags, "flag") + " to review",
            ]
        )


class ExportOptions(TypedDict, total=False):
    """The keyword options of `export_case` and `export_alignment`, all optional.

    progress: called with (fraction 0..1, label), never with a smaller fraction than before
        (default: no progress reports).
    cancel: checked between steps; once cancelled the export raises Cancelled (default: none).
    author: the author written on the PDF annotations (default: EXPORT_DEFAULT_AUTHOR).
    imported: `export_case` only: called with the paths it keeps (repeats dropped) once they
        are imported and before they are aligned; the CLI re-anchors their highlights there.
    """

    progress: ProgressFn
    cancel: CancelToken | None
    author: str
    imported: Callable[[list[str]], None]


@dataclass
class _Stored:
    """The store's annotations for the exported documents."""

    highlights: dict[str, list[Highlight]] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    by_id: dict[str, Highlight] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)  # doc id -> outlet (stored documents)
    dismissed: set[str] = field(default_factory=set)
    w3c_items: list[dict[str, Any]] = field(default_factory=list)


def article_names(paths: Sequence[str | Path]) -> list[str]:
    """PDF file names after each input's stem, made unique and never `report.pdf`."""
    taken = {REPORT_NAME.lower()}
    names: list[str] = []
    for path in paths:
        stem = Path(path).stem or "article"
        name, n = f"{stem}.pdf", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.pdf"
        taken.add(name.lower())
        names.append(name)
    return names


def _read_store(repo: Repository, docs: Sequence[Document]) -> _Stored:
    """Highlights of `docs` (orphans left out), contradictions touching them, W3C items."""
    from app.core import w3c

    wanted = {d.id for d in docs}
    stored = _Stored()
    for h in repo.list_highlights():
        stored.by_id[h.id] = h
        if h.doc_id in wanted and not h.orphan:
            stored.highlights.setdefault(h.doc_id, []).append(h)
    for c in repo.list_contradictions():
        ends = [stored.by_id.get(c.a), stored.by_id.get(c.b)]
        if any(h is not None and h.doc_id in wanted for h in ends):
            stored.contradictions.append(c)
    stored_docs = {d.id: d for d in repo.list_documents()}
    stored.outlets = {doc_id: d.outlet for doc_id, d in stored_docs.items()}
    stored.dismissed = {d.key for d in repo.list_dismissed()}
    # the exported articles' highlights, plus the far ends of their contradictions so every
    # linking annotation's targets are in the file
    chosen = {h.id: h for hs in stored.highlights.values() for h in hs}
    for c in stored.contradictions:
        for end in (c.a, c.b):
            if end in stored.by_id:
                chosen.setdefault(end, stored.by_id[end])
    stored.w3c_items = [
        w3c.highlight_annotation(h, stored_docs.get(h.doc_id)) for h in chosen.values()
    ]
    stored.w3c_items += [w3c.contradiction_annotation(c, chosen) for c in stored.contradictions]
    return stored


def _load_store(db_path: str | Path | None, docs: Sequence[Document], notes: list[str]) -> _Stored:
    """Read the store if it exists; a missing store means "no annotations", never a new file."""
    path = resolve_db_path(db_path)
    if not path.exists():
        notes.append(f"no annotation store at {path}: exported without highlights")
        return _Stored()
    with open_store(path) as repo:
        return _read_store(repo, docs)


def _outlet(doc_id: str, docs: dict[str, Document], stored: _Stored) -> str:
    doc = docs.get(doc_id)
    return (doc.outlet if doc else stored.outlets.get(doc_id, "")) or "another article"


def _contradiction_note(c: Contradiction, other: Highlight, outlet: str) -> str:
    text = f"Contradicts {outlet}: “{clip(other.exact, 300)}”"
    return text + (f"\nOn this contradiction: {c.note}" if c.note else "")


def pdf_highlights(
    docs: Sequence[Document], stored: _Stored, author: str = EXPORT_DEFAULT_AUTHOR
) -> dict[str, list[PdfHighlight]]:
    """Stored highlights per document as PdfHighlights, contradiction notes added to both sides."""
    by_doc = {d.id: d for d in docs}
    extra: dict[str, list[str]] = {}
    for c in stored.contradictions:
        a, b = stored.by_id.get(c.a), stored.by_id.get(c.b)
        if a is None or b is None:
            continue
        extra.setdefault(a.id, []).append(
            _contradiction_note(c, b, _outlet(b.doc_id, by_doc, stored))
        )
        extra.setdefault(b.id, []).append(
            _contradiction_note(c, a, _outlet(a.doc_id, by_doc, stored))
        )
    out: dict[str, list[PdfHighlight]] = {}
    for doc_id, items in stored.highlights.items():
        for h in items:
            note = "\n\n".join(p for p in [h.note, *extra.get(h.id, [])] if p)
            out.setdefault(doc_id, []).append(
                PdfHighlight(h.start, h.end, h.colour, note, author, h.created, h.kind, h.id)
            )
    return out


def report_contradictions(
    docs: Sequence[Document], stored: _Stored
) -> tuple[list[ReportContradiction], list[ReportContradiction]]:
    """Stored contradictions for the report: (made by the user, accepted computed flags)."""
    by_doc = {d.id: d for d in docs}
    user: list[ReportContradiction] = []
    accepted: list[ReportContradiction] = []
    for c in stored.contradictions:
        a, b = stored.by_id.get(c.a), stored.by_id.get(c.b)
        if a is None or b is None:
            continue
        item = ReportContradiction(
            a.doc_id, a.start, a.end, b.doc_id, b.start, b.end, c.note, c.kind, c.origin,
            a_quote=a.exact, b_quote=b.exact,
            a_label=_outlet(a.doc_id, by_doc, stored), b_label=_outlet(b.doc_id, by_doc, stored),
        )  # fmt: skip
        (accepted if c.origin == "flag" else user).append(item)
    return user, accepted


def _undismissed(flags: Sequence[Flag], dismissed: set[str]) -> list[Flag]:
    keep = []
    for f in flags:
        key = new_dismissed_flag(f.kind, f.a.doc_id, f.a_value, f.b.doc_id, f.b_value).key
        if key not in dismissed:
            keep.append(f)
    return keep


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    from app.core.w3c import write_json_atomic

    try:
        write_json_atomic(path, payload)
    except OSError as exc:
        raise ExportError(path, f"cannot write ({exc.strerror or exc})") from exc


def _prepare_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            out_dir, f"cannot create the output folder ({exc.strerror or exc})"
        ) from exc
    if not out_dir.is_dir():
        raise ExportError(out_dir, "not a folder")


def _sub(progress: ProgressFn, lo: float, hi: float) -> ProgressFn:
    """Map a step's own 0..1 onto [lo, hi] of the whole export."""
    return lambda f, label: progress(lo + (hi - lo) * f, label)


def export_case(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    db_path: str | Path | None = None,
    **options: Unpack[ExportOptions],
) -> ExportSummary:
    """Import, align and export `paths` into `out_dir` (created if needed).

    A file given twice, or a copy with the same text, is imported once and noted in the
    summary's notes ("PATH: skipped (...)"): a second PDF of one article would only mislead.
    Writes one annotated PDF per article (named after its file, see `article_names`),
    `report.pdf` and `annotations.json` (W3C Web Annotation: the exported articles' highlights
    and contradictions). Reads the store at `db_path` (default: `resolve_db_path(None)`); a
    store that does not exist is not created. `options`: progress, cancel, author (see
    ExportOptions).

    Raises:
        InputError: an input file cannot be read. StoreError: the store cannot be read.
        ExportError: the folder or a file cannot be written. Cancelled: on `cancel`.
    """
    progress, cancel, _author = _resolve(options)
    _prepare_dir(Path(out_dir))  # fail on a bad folder before the slow part
    place = [0, 1]  # index and count of the file being imported, for its progress report

    def before_each(index: int, count: int, _path: str) -> None:
        _check(cancel)
        place[:] = [index, count]

    def load(path: str) -> Document:
        doc = load_document(path)
        progress((place[0] + 1) / place[1] * 0.1, f"imported {Path(path).name}")
        return doc

    docs, kept, skipped = distinct_documents([str(p) for p in paths], load, before_each)
    hook = options.get("imported")
    if hook is not None:
        hook(kept)
    alignment = align_documents(docs, progress=_sub(progress, 0.1, 0.35), cancel=cancel)
    rest: ExportOptions = {**options, "progress": _sub(progress, 0.35, 1.0)}
    rest.pop("imported", None)
    summary = export_alignment(alignment, article_names(kept), out_dir, db_path, **rest)
    summary.notes[:0] = [str(note) for note in skipped]
    return summary


def export_alignment(
    alignment: Alignment,
    names: Sequence[str],
    out_dir: str | Path,
    db_path: str | Path | None = None,
    **options: Unpack[ExportOptions],
) -> ExportSummary:
    """Export documents that are already imported and aligned (what the app holds in memory).

    Args:
        alignment: the aligned documents; `names[i]` is the PDF file name of document i.
        Other arguments, result and errors as in `export_case`.
    """
    progress, cancel, author = _resolve(options)
    out = Path(out_dir)
    _prepare_dir(out)
    docs = alignment.documents
    summary = ExportSummary(out)
    stored = _load_store(db_path, docs, summary.notes)
    computed = find_flags(alignment)
    user, accepted = report_contradictions(docs, stored)
    accepted = with_flag_labels(alignment, computed, accepted)
    flags = _undismissed(computed, stored.dismissed)  # the report lists accepted ones apart
    highlights = pdf_highlights(docs, stored, author)
    for k, (doc, name) in enumerate(zip(docs, names, strict=True)):
        _check(cancel)
        result = export_article_pdf(doc, highlights.get(doc.id, []), out / name, author=author)
        summary.articles.append(result.path)
        summary.highlights += len(result.placed)
        summary.notes += [
            f"{name}: highlight {h.id or h.start} is outside the text" for h in result.skipped
        ]
        progress(0.45 * (k + 1) / len(docs), f"wrote {name}")
    summary.contradictions, summary.flags = (
        len(user) + len(accepted),
        len(unreviewed_flags(alignment, flags, accepted)),
    )
    summary.report = out / REPORT_NAME
    export_report_pdf(
        alignment, flags, user, highlights, summary.report,
        accepted=accepted, progress=_sub(progress, 0.45, 0.95), cancel=cancel,
    )  # fmt: skip
    from app.core.w3c import annotation_collection

    summary.annotations = out / ANNOTATIONS_NAME
    _write_json(summary.annotations, annotation_collection(stored.w3c_items))
    progress(1.0, "export finished")
    return summary


def _resolve(options: ExportOptions) -> tuple[ProgressFn, CancelToken | None, str]:
    """`options` with their defaults, progress made monotonic; TypeError for an unknown one."""
    unknown = options.keys() - ExportOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown export options: {', '.join(sorted(unknown))}")
    progress = _monotonic(options.get("progress", no_progress))
    return progress, options.get("cancel"), options.get("author", EXPORT_DEFAULT_AUTHOR)


def _monotonic(progress: ProgressFn) -> ProgressFn:
    """Never report less than before (sub-steps round differently; a bar must not go back)."""
    high = [0.0]

    def report(fraction: float, label: str) -> None:
        high[0] = max(high[0], min(1.0, fraction))
        progress(high[0], label)

    return report


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise Cancelled("export cancelled")

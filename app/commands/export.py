"""`parallax export FILE... --out DIR [--db PATH]`: annotated PDFs, report.pdf, annotations.json.

Exit status per DESIGN.md: 0 ok, 2 usage, 3 unreadable input (or an unwritable output
folder), 4 store problem; errors are one line on stderr, raised as ParallaxError and printed by
app.cli.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK = 0


def add_export_parser(subparsers: Any) -> None:
    """Register `export` on the main parser's subcommands."""
    p = subparsers.add_parser(
        "export",
        help="write one annotated PDF per article, report.pdf and annotations.json",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--db", metavar="PATH", help="annotation store (default: the user data dir)")
    p.set_defaults(func=_cmd_export)


def _distinct_files(paths: list[str]) -> list[str]:
    """`paths` without repeats (the same file twice, a copy with the same text), noted on stderr.

    A second PDF of one article and its self-matches in the report would only mislead. The
    files are imported once more than export does; import is quick next to alignment and
    PDF writing, and skipped when no two paths are left to compare.
    """
    from app.core.importers import load_document
    from app.core.importers.duplicates import (
        DuplicateArticle,
        drop_repeated_paths,
        drop_repeated_texts,
    )

    kept, repeated = drop_repeated_paths(paths)
    same_text: list[DuplicateArticle] = []
    if len(kept) > 1:
        docs = [load_document(path) for path in kept]
        _docs, kept, same_text = drop_repeated_texts(docs, kept)
    for note in [*repeated, *same_text]:
        print(f"parallax: {note}", file=sys.stderr)
    return kept


def _cmd_export(args: argparse.Namespace) -> int:
    from app.commands.reimport import reanchor_files
    from app.core.counts import plural
    from app.core.export import export_case  # heavy (reportlab, aligner): load only when used

    files = _distinct_files(list(args.files))
    # Changed articles first hand their highlights to the new text, so the PDFs show them.
    reanchor_files(files, args.db)
    summary = export_case(files, args.out, args.db)
    for note in summary.notes:
        print(f"parallax: {note}", file=sys.stderr)
    for path in summary.articles:
        print(f"wrote {path}")
    print(f"wrote {summary.report}")
    print(f"wrote {summary.annotations}")
    counts = [
        plural(len(summary.articles), "article"),
        plural(summary.highlights, "highlight"),
        plural(summary.contradictions, "contradiction"),
        plural(summary.flags, "flag") + " to review",  # accepted and dismissed ones left out
    ]
    print(", ".join(counts))
    return EXIT_OK

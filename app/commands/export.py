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


def _cmd_export(args: argparse.Namespace) -> int:
    from app.commands.reimport import reanchor_files
    from app.core.counts import plural
    from app.core.export import export_case  # heavy (reportlab, aligner): load only when used

    def reanchor(kept: list[str]) -> None:
        # Changed articles first hand their highlights to the new text, so the PDFs show them.
        reanchor_files(kept, args.db)

    summary = export_case(list(args.files), args.out, args.db, imported=reanchor)
    for note in summary.notes:  # repeated files skipped first, then orphans and the like
        print(f"parallax: {note}", file=sys.stderr)
    for path in summary.articles:
        print(f"wrote {path}")
    print(f"wrote {summary.report}")
    print(f"wrote {summary.annotations}")
    print(f"{plural(len(summary.articles), 'article')}, {summary.counts_text()}")
    return EXIT_OK

"""The headless command line; its contract lives in DESIGN.md and other tools rely on it.

Heavy modules (Qt, trafilatura, the aligner) are imported inside the command that needs them so
`parallax show` starts quickly and never loads Qt.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

from app.core.errors import ParallaxError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_STORE = 4


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok, 2 usage, 3 input, 4 store)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("--screenshot"):
        args_list = ["open", *args_list]
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except ParallaxError as err:
        # One line, always: a path in the message may hold a newline.
        print(f"parallax: {err}".replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line for the user, details in the log
        from app.core.logs import log_exception

        where = log_exception(exc)
        print(f"parallax: internal error: {exc!r} (details in {where})", file=sys.stderr)
        return 1


def gui_main() -> int:
    """Entry of the `parallax-gui` script (desktop launchers): always the app."""
    return main(["open", *sys.argv[1:]])


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; each subcommand sets `func`."""
    parser = argparse.ArgumentParser(
        prog="parallax", description="Compare how outlets report the same story."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_open(sub)
    _add_show(sub)
    _add_align(sub)
    _add_flags(sub)
    try:
        from app.commands.highlights import add_highlights_parser
    except ImportError:
        pass
    else:
        add_highlights_parser(sub)
    try:
        from app.commands.export import add_export_parser
    except ImportError:
        pass
    else:
        add_export_parser(sub)
    return parser


def _add_open(sub: Any) -> None:
    p = sub.add_parser("open", help="start the desktop app (default: the bundled corpus)")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window and exit")
    p.set_defaults(func=_cmd_open)


def _add_show(sub: Any) -> None:
    p = sub.add_parser("show", help="what the importer made of one file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_show)


def _add_align_options(p: argparse.ArgumentParser) -> None:
    from app.core import thresholds

    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--min-score",
        type=_score_0_100,
        default=thresholds.MIN_SCORE,
        metavar="N",
        help=(
            "lowest match score kept, on a 0-100 scale where 100 is a verbatim copy "
            f"(default {thresholds.MIN_SCORE:g})"
        ),
    )
    p.add_argument(
        "--semantic",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="use sentence embeddings when installed (default: when available)",
    )


def _score_0_100(value: str) -> float:
    """argparse type of --min-score: a finite number from 0 to 100 (a usage error otherwise).

    Scores are on a 0-100 scale, so 500 would silently keep nothing, -5 everything, and nan
    compares false with every score; 0.5 is a valid (very low) score, not a fraction of 100.
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"must be a score from 0 to 100, not {value!r}")
    return number


def _add_align(sub: Any) -> None:
    p = sub.add_parser("align", help="align the passages of several articles")
    _add_align_options(p)
    p.set_defaults(func=_cmd_align)


def _add_flags(sub: Any) -> None:
    p = sub.add_parser("flags", help="likely contradictions inside aligned passages")
    _add_align_options(p)
    p.set_defaults(func=_cmd_flags)


def _cmd_open(args: argparse.Namespace) -> int:
    from app.ui.launch import run

    return run(list(args.files), screenshot=args.screenshot)


def _cmd_show(args: argparse.Namespace) -> int:
    from app.core.importers import load_document

    doc = load_document(args.file)
    if args.json:
        _print_json(
            {
                "id": doc.id,
                "title": doc.title,
                "outlet": doc.outlet,
                "date": doc.date,
                "url": doc.url,
                "language": doc.language,
                "text": doc.text,
                "junk": [{"start": j.start, "end": j.end, "why": j.why} for j in doc.junk],
            }
        )
        return EXIT_OK
    from app.commands.tables import print_document

    print_document(doc)
    return EXIT_OK


def _cmd_align(args: argparse.Namespace) -> int:
    from app.commands.tables import print_alignment
    from app.core.report_json import alignment_json

    alignment, paths = _run_alignment(args)
    if args.json:
        _print_json(alignment_json(alignment, paths))
    else:
        print_alignment(alignment, paths)
    return EXIT_OK


def _cmd_flags(args: argparse.Namespace) -> int:
    from app.commands.tables import print_flags
    from app.core.flags import find_flags
    from app.core.report_json import flags_json

    alignment, paths = _run_alignment(args)
    flags = find_flags(alignment)
    if args.json:
        _print_json(flags_json(alignment, flags, paths))
    else:
        print_flags(alignment, flags, paths)
    return EXIT_OK


def _run_alignment(args: argparse.Namespace) -> tuple[Any, list[str]]:
    """Import every file (failing on the first bad one, named) and align them.

    A file given twice, or a copy with the same text, is skipped with a note on stderr:
    aligning an article against itself only yields meaningless 100-score matches.
    """
    from app.core.align import align_documents
    from app.core.importers.duplicates import distinct_documents

    if args.semantic and not _semantic_available():
        print("parallax: semantic scoring is not installed; using lexical scores", file=sys.stderr)
    docs, paths, skipped = distinct_documents(list(args.files))
    for note in skipped:  # the names in it are already made printable
        print(f"parallax: {note}", file=sys.stderr)
    from app.core.align.cache import cache_beside

    cache = cache_beside(getattr(args, "db", None))  # pair alignments reused across runs
    alignment = align_documents(docs, min_score=args.min_score, semantic=args.semantic, cache=cache)
    return alignment, paths


def _semantic_available() -> bool:
    """Whether a packaged sentence model loads (the semantic extra is installed and works)."""
    from app.core.semantic import available

    return available()


def _print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")

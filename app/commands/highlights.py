"""`parallax highlights ...`: add, link, list, remove, export and import stored annotations.

Each command takes the parsed arguments and returns an exit status (DESIGN.md: 0 ok, 2 usage,
3 unreadable input, 4 store problem); errors are one line on stderr, never a traceback.
`add_highlights_parser` registers the subcommand tree on the main parser.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from typing import Any

from app.core.counts import plural
from app.core.errors import InputError, ParallaxError
from app.core.store import Repository, open_store

EXIT_OK = 0
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _fail(message: str, code: int) -> int:
    print(f"parallax: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace, create: bool) -> Repository:
    """Open the store named by --db (or the default) and report a recovery on stderr; with
    `create` False a missing store reads as empty and nothing is made on disk."""
    repo = open_store(getattr(args, "db", None), create=create)
    if repo.recovery is not None:
        print(f"parallax: {repo.recovery.message}", file=sys.stderr)
    return repo


def _guarded(
    handler: Callable[[argparse.Namespace, Repository], int], *, create: bool = True
) -> Handler:
    """Run `handler` with an open store; turn ParallaxError into its one-line message + code.
    Commands that only read or remove pass `create=False`: listing a store that does not exist
    must not make one (nor its folders)."""

    def run(args: argparse.Namespace) -> int:
        try:
            with _open(args, create) as repo:
                return handler(args, repo)
        except ParallaxError as err:
            return _fail(str(err), err.exit_code)

    run.__doc__ = handler.__doc__
    return run


def _add(args: argparse.Namespace, repo: Repository) -> int:
    """Import FILE, find --quote in its clean text, store document + highlight, print the id."""
    from app.commands.reimport import reanchor_reimported
    from app.core.anchors import find_quote
    from app.core.annotations import AddHighlight, new_highlight
    from app.core.importers import load_document  # heavy (trafilatura): load only when used

    doc = load_document(args.file)
    found = find_quote(doc.text, args.quote)
    if found is None:
        raise InputError(args.file, "quote not found")
    highlight = new_highlight(doc.id, doc.text, found[0], found[1], args.kind, args.note)
    reanchor_reimported(repo, doc)  # an older text of FILE: move its highlights first
    with repo.transaction():  # one user action, one transaction
        repo.upsert_document(doc)
        AddHighlight(highlight).apply(repo)
    print(highlight.id)
    return EXIT_OK


def _link(args: argparse.Namespace, repo: Repository) -> int:
    """Link two highlights as a contradiction; print its id."""
    from app.core.annotations import AddContradiction, new_contradiction

    if args.id_a == args.id_b:  # a claim cannot contradict itself
        return _fail(f"cannot link highlight {args.id_a} with itself", EXIT_USAGE)
    for highlight_id in (args.id_a, args.id_b):
        if repo.get_highlight(highlight_id) is None:
            return _fail(f"unknown highlight {highlight_id}", EXIT_USAGE)
    contradiction = new_contradiction(args.id_a, args.id_b, note=args.note)
    AddContradiction(contradiction).apply(repo)
    print(contradiction.id)
    return EXIT_OK


def _listing(repo: Repository) -> dict[str, list[dict[str, Any]]]:
    """The `list --json` payload of the CLI contract."""
    return {
        "highlights": [
            {"id": h.id, "doc": h.doc_id, "start": h.start, "end": h.end}
            | {"quote": h.exact, "kind": h.kind, "note": h.note, "orphan": h.orphan}
            for h in repo.list_highlights()
        ],
        "contradictions": [
            {"id": c.id, "a": c.a, "b": c.b, "note": c.note} for c in repo.list_contradictions()
        ],
    }


def _snippet(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)] + "…"


def _print_table(repo: Repository) -> None:
    width = max(80, min(shutil.get_terminal_size((120, 24)).columns, 160))
    highlights = repo.list_highlights()
    print(plural(len(highlights), "highlight"))
    for h in highlights:
        where = f"{h.doc_id[:8]} {h.start}-{h.end}"
        orphan = " (orphan)" if h.orphan else ""
        head = f"  {h.id}  {where:<20} {h.kind:<13}{orphan} "
        print(head + _snippet(h.exact, width - len(head)))
        if h.note:
            print(f"  {'':36}  note: {_snippet(h.note, width - 46)}")
    contradictions = repo.list_contradictions()
    print(plural(len(contradictions), "contradiction"))
    for c in contradictions:
        print(f"  {c.id}  {c.a} <-> {c.b}")
        if c.note:
            print(f"  {'':36}  note: {_snippet(c.note, width - 46)}")


def _list(args: argparse.Namespace, repo: Repository) -> int:
    """Print every highlight and contradiction, as JSON with --json, else a table."""
    if args.json:
        json.dump(_listing(repo), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(repo)
    return EXIT_OK


def _remove(args: argparse.Namespace, repo: Repository) -> int:
    """Remove a highlight (with its contradiction links) or a contradiction, by id."""
    from app.core.annotations import RemoveContradiction, RemoveHighlight

    if repo.get_highlight(args.id) is not None:
        RemoveHighlight(args.id).apply(repo)
    elif repo.get_contradiction(args.id) is not None:
        RemoveContradiction(args.id).apply(repo)
    else:
        return _fail(f"unknown highlight {args.id}", EXIT_USAGE)
    return EXIT_OK


def _export(args: argparse.Namespace, repo: Repository) -> int:
    """Write every annotation to stdout as W3C Web Annotation JSON or CSV."""
    from app.core.w3c import export_csv, export_w3c_json

    sys.stdout.write(export_w3c_json(repo) if args.format == "w3c" else export_csv(repo))
    return EXIT_OK


def _import(args: argparse.Namespace, repo: Repository) -> int:
    """Store the annotations of a W3C JSON file; print what was imported."""
    from app.core.w3c import import_w3c_file

    result = import_w3c_file(repo, args.file)
    print(f"imported {result.highlights} highlights, {result.contradictions} contradictions")
    return EXIT_OK


cmd_add = _guarded(_add)
cmd_link = _guarded(_link)
cmd_list = _guarded(_list, create=False)
cmd_remove = _guarded(_remove, create=False)
cmd_export = _guarded(_export, create=False)
cmd_import = _guarded(_import)


def _non_blank(value: str) -> str:
    """argparse type of --quote: an empty quote would match everywhere, so refuse it early."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def _db_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="annotation store (default: $PARALLAX_HOME/parallax.db or the user data folder)",
    )


def _leaf(sub: Any, name: str, help_text: str, func: Handler) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    # SUPPRESS: a --db given before the subcommand name is not overwritten by a default here.
    _db_option(parser, argparse.SUPPRESS)
    parser.set_defaults(func=func)
    return parser


def add_highlights_parser(subparsers: Any) -> None:
    """Register `highlights {add,link,list,remove,export,import}` on the main parser.

    Args:
        subparsers: the object returned by `ArgumentParser.add_subparsers()`.
    """
    top = subparsers.add_parser("highlights", help="stored highlights and contradiction links")
    _db_option(top, None)
    sub = top.add_subparsers(dest="highlights_command", metavar="ACTION", required=True)

    add = _leaf(sub, "add", "highlight a quote of an article; prints the new id", cmd_add)
    add.add_argument("file", metavar="FILE")
    add.add_argument(
        "--quote",
        required=True,
        type=_non_blank,
        metavar="TEXT",
        help="the passage to highlight",
    )
    add.add_argument("--kind", default="claim", metavar="K", help="claim, evidence, ... (claim)")
    add.add_argument("--note", default="", metavar="TEXT")

    link = _leaf(sub, "link", "mark two highlights as contradicting; prints its id", cmd_link)
    link.add_argument("id_a", metavar="ID_A")
    link.add_argument("id_b", metavar="ID_B")
    link.add_argument("--note", default="", metavar="TEXT")

    listing = _leaf(sub, "list", "list highlights and contradictions", cmd_list)
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    remove = _leaf(sub, "remove", "remove a highlight or contradiction", cmd_remove)
    remove.add_argument("id", metavar="ID")

    export = _leaf(sub, "export", "write all annotations to stdout", cmd_export)
    export.add_argument("--format", choices=["w3c", "csv"], default="w3c")

    imp = _leaf(sub, "import", "import a W3C Web Annotation JSON file", cmd_import)
    imp.add_argument("file", metavar="FILE")

"""`highlights import FILE`: check that FILE holds W3C annotations before anything is stored.

app.core.w3c reads what `highlights export` writes and is lenient about the rest; a JSON file of
some other kind (a list of numbers, the `list --json` output) must not import "0 highlights" and
exit 0, and a missing field must be named in words rather than as a bare key. The problem is
reported as "FILE: not a W3C annotation export (WHAT)".
"""

from __future__ import annotations

import json
from typing import Any

from app.core.errors import InputError

EXPECTED = (
    "expected an AnnotationCollection, an AnnotationPage, an Annotation or a list of "
    "annotations, as written by 'parallax highlights export'"
)


def read_annotations(path: str) -> list[dict[str, Any]]:
    """The annotations in the W3C JSON file `path`, each checked to be importable.

    Raises:
        InputError: the file cannot be read, is not JSON, is not a W3C annotation export, or
            one annotation lacks what an import needs (its target, quote, or linked ids).
    """
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read W3C annotation JSON ({exc})") from exc
    items = _annotations(data, path)
    for number, annotation in enumerate(items, start=1):
        problem = _problem(annotation)
        if problem:
            raise InputError(path, f"not a W3C annotation export (annotation {number} {problem})")
    return items


def _not_w3c(path: str, found: str) -> InputError:
    return InputError(path, f"not a W3C annotation export ({EXPECTED}; found {found})")


def _annotations(data: Any, path: str) -> list[dict[str, Any]]:
    """The annotation objects of a collection, page, list or single annotation."""
    if isinstance(data, list):
        if not all(isinstance(item, dict) for item in data):
            raise _not_w3c(path, "a list of " + _kinds(data))
        return data
    if not isinstance(data, dict):
        raise _not_w3c(path, f"a single {_kind(data)}")
    kind = data.get("type")
    if kind == "AnnotationCollection":
        page = data.get("first", data)  # some tools put "items" on the collection itself
        return _page_items(page if isinstance(page, dict) else {}, path)
    if kind == "AnnotationPage":
        return _page_items(data, path)
    if kind == "Annotation" or "target" in data:
        return [data]
    keys = ", ".join(sorted(str(k) for k in data)[:5])
    raise _not_w3c(path, f"an object with the keys {keys}" if keys else "an empty object")


def _page_items(page: dict[str, Any], path: str) -> list[dict[str, Any]]:
    items = page.get("items")
    if not isinstance(items, list):
        raise _not_w3c(path, "a collection without a list of items")
    if not all(isinstance(item, dict) for item in items):
        raise _not_w3c(path, "items that are " + _kinds(items))
    return items


def _problem(annotation: dict[str, Any]) -> str:
    """What an annotation lacks for the import, in words ("" when it is fine)."""
    target = annotation.get("target")
    if target is None:
        return "has no target naming the text it marks"
    extra = annotation.get("parallax", {})
    if not isinstance(extra, dict) or not isinstance(extra.get("document", {}), dict):
        return "has a 'parallax' field that is not an object as Parallax writes it"
    if annotation.get("motivation") == "linking":
        return _link_problem(annotation, target)
    if not isinstance(target, dict):
        return "has a target that is not an object"
    if not str(target.get("source") or "").strip():
        return "has a target without a source naming its document"
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    quote = by_type.get("TextQuoteSelector")
    if quote is None:
        return "has no TextQuoteSelector giving the quoted text"
    if not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return "has a TextQuoteSelector without its exact text"
    position = by_type.get("TextPositionSelector")
    if position is not None and not _offsets_ok(position):
        return "has a TextPositionSelector whose start and end are not whole numbers"
    return ""


def _link_problem(annotation: dict[str, Any], target: Any) -> str:
    extra = annotation.get("parallax", {})
    if extra.get("a") and extra.get("b"):
        return ""
    targets = target if isinstance(target, list) else []
    ids = [t.get("id") for t in targets[:2] if isinstance(t, dict)]
    if len(ids) == 2 and all(ids):
        return ""
    return "links a contradiction but does not name its two highlights"


def _offsets_ok(position: dict[str, Any]) -> bool:
    """Whole non-negative numbers (digits in a string, as some tools write them, also do)."""
    values = (position.get("start"), position.get("end"))
    return all(
        (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
        or (isinstance(v, str) and v.isdigit())
        for v in values
    )


_KINDS = {bool: "true/false", int: "number", float: "number", str: "string", list: "list"}


def _kind(value: Any) -> str:
    """The JSON kind of a value, for "found ..." in the message."""
    return "null" if value is None else _KINDS.get(type(value), "object")


def _kinds(values: list[Any]) -> str:
    """ "numbers", "numbers and strings", ...: the kinds of the entries of a list."""
    plural = {"true/false": "true/false values", "null": "nulls"}
    return " and ".join(plural.get(k, k + "s") for k in sorted({_kind(v) for v in values}))

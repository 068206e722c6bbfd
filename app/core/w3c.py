"""Export and import annotations as W3C Web Annotation JSON; export them as CSV.

Each highlight becomes an Annotation (motivation "highlighting") whose target carries a
TextQuoteSelector and a TextPositionSelector (half-open character offsets into the clean text);
its kind is a "tagging" body, its note a "commenting" body. Each contradiction is an Annotation
with motivation "linking" whose two targets are its highlights. Fields W3C has no place for
(colour, orphan flag, document title, highlight ids of a link, origin) sit under the key
"parallax", so export → import into an empty store → export gives identical JSON.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.annotations import Contradiction, Highlight, colour_for
from app.core.errors import InputError
from app.core.model import Document
from app.core.store.repository import Repository

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_DOC_URN = "urn:parallax:document:"
_UUID_URN = "urn:uuid:"
CSV_COLUMNS = [
    "record", "id", "doc", "start", "end", "quote", "kind", "colour", "note",
    "a", "b", "origin", "orphan", "created", "modified",
]  # fmt: skip


@dataclass(frozen=True)
class ImportResult:
    """How many annotations an import stored (new or updated)."""

    highlights: int
    contradictions: int


def _bodies(kind: str, note: str) -> list[dict[str, str]]:
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": kind}]
    if note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    return bodies


def _target(h: Highlight) -> dict[str, Any]:
    return {
        "id": _UUID_URN + h.id,
        "source": _DOC_URN + h.doc_id,
        "selector": [
            {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
            {"type": "TextPositionSelector", "start": h.start, "end": h.end},
        ],
    }


def _annotation_head(row: Highlight | Contradiction, motivation: str) -> dict[str, Any]:
    """The keys every Annotation starts with (id, dates, kind/note bodies), in export order.

    Highlights and contradictions carry the same id, timestamp, kind and note fields; only
    the motivation, target and "parallax" extras differ.
    """
    return {
        "id": _UUID_URN + row.id,
        "type": "Annotation",
        "motivation": motivation,
        "created": row.created,
        "modified": row.modified,
        "body": _bodies(row.kind, row.note),
    }


def highlight_annotation(h: Highlight, doc: Document | None) -> dict[str, Any]:
    """One highlight as a W3C Annotation dict; `doc` is its stored document (or None)."""
    return {
        **_annotation_head(h, "highlighting"),
        "target": {k: v for k, v in _target(h).items() if k != "id"},
        "parallax": {
            "colour": h.colour,
            "orphan": h.orphan,
            "document": {
                "title": doc.title if doc else "",
                "outlet": doc.outlet if doc else "",
                "url": doc.url if doc else "",
            },
        },
    }


def contradiction_annotation(c: Contradiction, highlights: dict[str, Highlight]) -> dict[str, Any]:
    """One contradiction as a W3C Annotation dict linking its two highlights (id -> Highlight)."""
    targets = [_target(highlights[end]) for end in (c.a, c.b) if end in highlights]
    return {
        **_annotation_head(c, "linking"),
        "target": targets,
        "parallax": {"a": c.a, "b": c.b, "origin": c.origin},
    }


def export_w3c(repo: Repository) -> dict[str, Any]:
    """Every highlight then every contradiction, as one W3C AnnotationCollection."""
    docs = {d.id: d for d in repo.list_documents()}
    highlights = repo.list_highlights()
    by_id = {h.id: h for h in highlights}
    items = [highlight_annotation(h, docs.get(h.doc_id)) for h in highlights]
    items += [contradiction_annotation(c, by_id) for c in repo.list_contradictions()]
    return annotation_collection(items)


def annotation_collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    """`items` (W3C Annotation dicts) wrapped as one AnnotationCollection with a single page.

    Shared by `export_w3c` (the whole store) and the case export (the exported articles only),
    so both files have the same envelope.
    """
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Parallax highlights and contradictions",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_w3c_json(repo: Repository) -> str:
    """`export_w3c` as indented JSON text (UTF-8 safe, stable key order)."""
    return json.dumps(export_w3c(repo), indent=2, ensure_ascii=False) + "\n"


def write_json_atomic(path: str | Path, payload: dict[str, Any]) -> None:
    """Write `payload` as indented UTF-8 JSON through a temporary file, so a failed write
    leaves no half file behind (the case export and the app's "save unsaved annotations"
    share it). Raises OSError."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def export_csv(repo: Repository) -> str:
    """Highlights and contradictions as one CSV table, one row each (`record` tells which)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for h in repo.list_highlights():
        writer.writerow(
            {"record": "highlight", "id": h.id, "doc": h.doc_id, "start": h.start, "end": h.end}
            | {"quote": h.exact, "kind": h.kind, "colour": h.colour, "note": h.note}
            | {"orphan": int(h.orphan), "created": h.created, "modified": h.modified}
        )
    for c in repo.list_contradictions():
        writer.writerow(
            {"record": "contradiction", "id": c.id, "kind": c.kind, "note": c.note, "a": c.a}
            | {"b": c.b, "origin": c.origin, "created": c.created, "modified": c.modified}
        )
    return out.getvalue()


_EXPECTED = (
    "expected an AnnotationCollection, an AnnotationPage, an Annotation or a list of "
    "annotations, as written by 'parallax highlights export'"
)


def _not_w3c(found: str) -> ValueError:
    """The whole file is of another kind: say what was expected and what was found."""
    return ValueError(f"{_EXPECTED}; found {found}")


def _items(data: Any) -> list[dict[str, Any]]:
    """The annotations inside a collection, a page, a list or a single annotation.

    Strict on purpose: a JSON file of another kind (a list of numbers, the `list --json` output)
    must not import as "0 highlights". Raises ValueError saying what was found.
    """
    if isinstance(data, list):
        if not all(isinstance(item, dict) for item in data):
            raise _not_w3c("a list of " + _kinds(data))
        return data
    if not isinstance(data, dict):
        raise _not_w3c(f"a single {_kind(data)}")
    kind = data.get("type")
    if kind == "AnnotationCollection":
        page = data.get("first", data)  # some tools put "items" on the collection itself
        return _page_items(page if isinstance(page, dict) else {})
    if kind == "AnnotationPage":
        return _page_items(data)
    if kind == "Annotation" or "target" in data:
        return [data]
    keys = ", ".join(sorted(str(k) for k in data)[:5])
    raise _not_w3c(f"an object with the keys {keys}" if keys else "an empty object")


def _page_items(page: dict[str, Any]) -> list[dict[str, Any]]:
    items = page.get("items")
    if not isinstance(items, list):
        raise _not_w3c("a collection without a list of items")
    if not all(isinstance(item, dict) for item in items):
        raise _not_w3c("items that are " + _kinds(items))
    return items


_KINDS = {bool: "true/false", int: "number", float: "number", str: "string", list: "list"}


def _kind(value: Any) -> str:
    """The JSON kind of a value, for "found ..." in the message."""
    return "null" if value is None else _KINDS.get(type(value), "object")


def _kinds(values: list[Any]) -> str:
    """ "numbers", "numbers and strings", ...: the kinds of the entries of a list."""
    plural = {"true/false": "true/false values", "null": "nulls"}
    return " and ".join(plural.get(k, k + "s") for k in sorted({_kind(v) for v in values}))


def _strip(value: str, prefix: str) -> str:
    return value[len(prefix) :] if value.startswith(prefix) else value


def _body_value(ann: dict[str, Any], purpose: str) -> str | None:
    bodies = ann.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and body.get("purpose") == purpose:
            return str(body.get("value", ""))
    return None


def _extra(ann: dict[str, Any]) -> dict[str, Any]:
    """The "parallax" field of an annotation, checked to be shaped as Parallax writes it.

    Also checks the target is there at all, first: that is the problem a user must hear about.
    Raises ValueError worded to follow "annotation N".
    """
    if ann.get("target") is None:
        raise ValueError("has no target naming the text it marks")
    extra = ann.get("parallax", {})
    if not isinstance(extra, dict) or not isinstance(extra.get("document", {}), dict):
        raise ValueError("has a 'parallax' field that is not an object as Parallax writes it")
    return extra


def _offsets_ok(position: dict[str, Any]) -> bool:
    """Whole non-negative numbers (digits in a string, as some tools write them, also do)."""
    values = (position.get("start"), position.get("end"))
    return all(
        (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
        or (isinstance(v, str) and v.isdigit())
        for v in values
    )


def _selectors(target: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The quote and (optional) position selectors of a highlight's target.

    Raises ValueError worded to follow "annotation N" when the target cannot be imported.
    """
    if not isinstance(target, dict):
        raise ValueError("has a target that is not an object")
    if not str(target.get("source") or "").strip():
        raise ValueError("has a target without a source naming its document")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    quote = by_type.get("TextQuoteSelector")
    if quote is None:
        raise ValueError("has no TextQuoteSelector giving the quoted text")
    if not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise ValueError("has a TextQuoteSelector without its exact text")
    position = by_type.get("TextPositionSelector")
    if position is not None and not _offsets_ok(position):
        raise ValueError("has a TextPositionSelector whose start and end are not whole numbers")
    return quote, position


def _read_highlight(repo: Repository, ann: dict[str, Any]) -> Highlight:
    """A Highlight from an annotation (ours or another tool's); stores a document stub.

    Raises ValueError worded to follow "annotation N" when the annotation lacks what is needed.
    """
    extra = _extra(ann)
    target = ann["target"]
    quote, position = _selectors(target)
    doc_id = _strip(str(target["source"]), _DOC_URN)
    meta = extra.get("document", {})
    repo.ensure_document_stub(
        doc_id, meta.get("title", ""), meta.get("outlet", ""), meta.get("url", "")
    )
    exact = str(quote["exact"])
    start = int(position["start"]) if position else 0
    kind = _body_value(ann, "tagging") or "claim"
    return Highlight(
        id=_strip(str(ann.get("id") or uuid.uuid4()), _UUID_URN),
        doc_id=doc_id,
        exact=exact,
        prefix=str(quote.get("prefix", "")),
        suffix=str(quote.get("suffix", "")),
        start=start,
        end=int(position["end"]) if position else start + len(exact),
        kind=kind,
        colour=str(extra.get("colour") or colour_for(kind)),
        note=_body_value(ann, "commenting") or "",
        created=str(ann.get("created", "")),
        modified=str(ann.get("modified", ann.get("created", ""))),
        orphan=bool(extra.get("orphan", False)),
    )


def _link_ends(ann: dict[str, Any], extra: dict[str, Any]) -> tuple[str, str]:
    """The two highlight ids a linking annotation joins: from "parallax", else its targets."""
    ends = [str(extra.get("a") or ""), str(extra.get("b") or "")]
    if not all(ends):
        targets = ann["target"] if isinstance(ann["target"], list) else []
        ends = [
            _strip(str(t.get("id") or ""), _UUID_URN) for t in targets[:2] if isinstance(t, dict)
        ]
    if len(ends) != 2 or not all(ends):
        raise ValueError("links a contradiction but does not name its two highlights")
    return ends[0], ends[1]


def _read_contradiction(ann: dict[str, Any]) -> Contradiction:
    """A Contradiction from a linking annotation (stores nothing).

    Raises ValueError worded to follow "annotation N" when it does not name two highlights.
    """
    extra = _extra(ann)
    a, b = _link_ends(ann, extra)
    return Contradiction(
        id=_strip(str(ann.get("id") or uuid.uuid4()), _UUID_URN),
        a=a,
        b=b,
        note=_body_value(ann, "commenting") or "",
        kind=_body_value(ann, "tagging") or "contradiction",
        origin="flag" if extra.get("origin") == "flag" else "user",
        created=str(ann.get("created", "")),
        modified=str(ann.get("modified", ann.get("created", ""))),
    )


def _store_highlight(repo: Repository, h: Highlight) -> None:
    if repo.get_highlight(h.id) is None:
        repo.insert_highlight(h)
    else:
        repo.update_highlight(h)


def _store_contradiction(repo: Repository, c: Contradiction, source: str) -> None:
    for end in (c.a, c.b):
        if repo.get_highlight(end) is None:
            raise InputError(source, f"contradiction {c.id} links unknown highlight {end}")
    if repo.get_contradiction(c.id) is None:
        repo.insert_contradiction(c)
    else:
        repo.update_contradiction(c)


def _store_items(repo: Repository, items: list[dict[str, Any]], source: str) -> ImportResult:
    """Read every annotation in file order (so the first broken one is the one named), storing
    highlights as they come and contradictions after them (their ends must exist by then)."""
    links: list[Contradiction] = []
    for number, ann in enumerate(items, start=1):
        try:
            if ann.get("motivation") == "linking":
                links.append(_read_contradiction(ann))
            else:
                _store_highlight(repo, _read_highlight(repo, ann))
        except ValueError as exc:
            raise ValueError(f"annotation {number} {exc}") from exc
    for link in links:
        _store_contradiction(repo, link, source)
    return ImportResult(len(items) - len(links), len(links))


def import_w3c(repo: Repository, data: Any, source: str = "<input>") -> ImportResult:
    """Store the annotations in parsed W3C JSON `data` (one transaction; same ids update).

    Args:
        data: a collection, page, list or single annotation, as produced by `export_w3c`.
        source: the file name, for error messages.

    Raises:
        InputError: the data is not a W3C annotation export, or one annotation lacks what an
            import needs, said in words ("not a W3C annotation export (annotation 2 has no
            target naming the text it marks)"); nothing is stored then.
        StoreError: the store cannot be written.
    """
    try:
        items = _items(data)
        with repo.transaction():
            return _store_items(repo, items, source)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(source, f"not a W3C annotation export ({exc})") from exc


def import_w3c_file(repo: Repository, path: str) -> ImportResult:
    """Read and import a W3C JSON file (a byte-order mark, as some Windows tools write, is
    allowed). Raises InputError (unreadable / not JSON / not W3C), StoreError."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read W3C annotation JSON ({exc})") from exc
    return import_w3c(repo, data, path)

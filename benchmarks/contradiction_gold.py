"""Contradiction gold sets and how `parallax flags` output is scored against them.

Three kinds of gold share one shape here, a `Case`: the files `flags` is run on together and the
annotated pairs of those files. The repository's own gold (tests/data/contradictions/gold.json) has
one case per story; an external set laid out like it (a folder of `gold_<split>.json` with
`pairs`, each `file_a`, `file_b` and `items` with `category`, `a`, `b`) has one case per pair; the
seeds' gold (tests/data/seed_contradictions.json) is one case of five files whose quotes are found
in the clean texts.

The matching rule is the same everywhere: a flag counts for an item when its A span overlaps the
item's A span and its B span the item's B span (either way round). Flags' spans are whole passages,
so a flag can hit an item for a reason that is not the item's (two sentences that differ in the
day a statement was made, say); a second, stricter figure also asks that the flag's two values
(`a_value`, `b_value`, found in its passages) overlap the item's two quotes. Nothing here runs the
CLI, so the scoring can be tested on fabricated flags.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTRADICTION = "contradiction"


@dataclass(frozen=True)
class Item:
    """One annotated pair of statements: a contradiction (with a kind) or a negative."""

    category: str
    kind: str
    a: tuple[int, int]
    b: tuple[int, int]
    a_text: str
    b_text: str
    ref: str


@dataclass(frozen=True)
class Pair:
    """Two files of a case and the items between them."""

    file_a: Path
    file_b: Path
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Case:
    """The files `flags` runs on together, and their annotated pairs."""

    name: str
    files: tuple[Path, ...]
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class Flag:
    """One flag of `flags --json`, its two spans tied to files."""

    file_a: Path
    file_b: Path
    a: tuple[int, int]
    b: tuple[int, int]
    kind: str
    reason: str
    a_text: str
    b_text: str
    a_value: tuple[int, int] | None = None
    b_value: tuple[int, int] | None = None


@dataclass
class Score:
    """Counts over one split; `summary()` turns them into the printed figures."""

    contradictions: int = 0
    found: int = 0
    flags: int = 0
    true_flags: int = 0
    found_by_value: int = 0
    true_flags_by_value: int = 0
    negatives: Counter[str] = field(default_factory=Counter)
    false_on: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_found: Counter[str] = field(default_factory=Counter)
    flag_kinds: Counter[tuple[str, bool]] = field(default_factory=Counter)
    hits: list[str] = field(default_factory=list)
    misses: list[dict[str, str]] = field(default_factory=list)
    false_flags: list[dict[str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        negatives = sum(self.negatives.values())
        on_negatives = sum(n for cat, n in self.false_on.items() if cat != "stray")
        return {
            "contradictions": self.contradictions,
            "found": self.found,
            "recall": _ratio(self.found, self.contradictions),
            "flags": self.flags,
            "true_flags": self.true_flags,
            "precision": _ratio(self.true_flags, self.flags),
            "recall_values_in_quotes": _ratio(self.found_by_value, self.contradictions),
            "precision_values_in_quotes": _ratio(self.true_flags_by_value, self.flags),
            "negative_items": negatives,
            "false_flags_per_negative_item": _ratio(on_negatives, negatives),
            "false_flags_by_category": {
                cat: f"{self.false_on[cat]}/{n}" for cat, n in sorted(self.negatives.items())
            },
            "stray_flags": self.false_on["stray"],
            "recall_by_kind": {
                k: f"{self.kinds_found[k]}/{n}" for k, n in sorted(self.kinds.items())
            },
            "found_items": self.hits,
            "true_flags_by_flag_kind": self._flag_kinds(True),
            "false_flags_by_flag_kind": self._flag_kinds(False),
        }

    def _flag_kinds(self, true: bool) -> dict[str, int]:
        return {k: n for (k, t), n in sorted(self.flag_kinds.items()) if t == true}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """True when the two half-open character ranges share at least one character."""
    return x[0] < y[1] and y[0] < x[1]


def _item(raw: dict[str, Any], ref: str) -> Item:
    return Item(
        category=str(raw["category"]),
        kind=str(raw.get("kind", "")),
        a=(int(raw["a"][0]), int(raw["a"][1])),
        b=(int(raw["b"][0]), int(raw["b"][1])),
        a_text=str(raw.get("a_text", "")),
        b_text=str(raw.get("b_text", "")),
        ref=ref,
    )


def _pair(root: Path, raw: dict[str, Any]) -> Pair:
    pid = str(raw["pair_id"])
    items = tuple(_item(it, f"{pid}#{i + 1}") for i, it in enumerate(raw["items"]))
    return Pair(root / raw["file_a"], root / raw["file_b"], items)


def load_gold(path: Path) -> dict[str, list[Case]]:
    """The repository's gold: split -> one case per story (every file of the story)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    root = path.parent
    out: dict[str, list[Case]] = {}
    for story in data["stories"]:
        raws = [p for p in data["pairs"] if p["story"] == story["id"]]
        pairs = tuple(_pair(root, p) for p in raws)
        files = sorted({p.file_a for p in pairs} | {p.file_b for p in pairs})
        out.setdefault(story["split"], []).append(Case(story["id"], tuple(files), pairs))
    return out


def load_dev_set(folder: Path) -> dict[str, list[Case]]:
    """An external set: every gold_<split>.json of the folder, one case per pair."""
    out: dict[str, list[Case]] = {}
    for path in sorted(folder.glob("gold_*.json")):
        split = path.stem.removeprefix("gold_")
        data = json.loads(path.read_text(encoding="utf-8"))
        cases = []
        for raw in data["pairs"]:
            pair = _pair(folder, raw)
            cases.append(Case(str(raw["pair_id"]), (pair.file_a, pair.file_b), (pair,)))
        out[split] = cases
    return out


def load_seed_gold(path: Path, seeds: Path, clean_text: Callable[[Path], str]) -> Case:
    """The seeds' gold as one case: its quotes located in the clean texts `clean_text` gives.

    Contradictions keep their kind; agreements are the negatives. Items are grouped into the
    pairs of files they join (in the file order the gold gives).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    files = tuple(sorted(seeds.glob("*.txt")))
    texts = {f.name: clean_text(f) for f in files}
    grouped: dict[tuple[str, str], list[Item]] = {}
    for section, category in (("contradictions", CONTRADICTION), ("agreements", "agreement")):
        for e in data[section]:
            fa, fb = e["a"]["file"], e["b"]["file"]
            item = Item(
                category=category,
                kind=str(e.get("kind", "")),
                a=_locate(texts[fa], e["a"]["quote"], fa),
                b=_locate(texts[fb], e["b"]["quote"], fb),
                a_text=e["a"]["quote"],
                b_text=e["b"]["quote"],
                ref=str(e["id"]),
            )
            grouped.setdefault((fa, fb), []).append(item)
    pairs = tuple(Pair(seeds / fa, seeds / fb, tuple(items)) for (fa, fb), items in grouped.items())
    return Case("seeds", files, pairs)


def _locate(text: str, quote: str, name: str) -> tuple[int, int]:
    at = text.find(quote)
    if at < 0:
        raise ValueError(f"{name}: quote not in the clean text: {quote[:60]!r}")
    return (at, at + len(quote))


Spans = tuple[tuple[int, int] | None, tuple[int, int] | None]


def _matching(flag: Flag, pair: Pair, by_value: bool = False) -> list[Item]:
    """The pair's items the flag matches, in either orientation (both, within one file).

    By passage: the flag's two passages overlap the item's two quotes. By value: its two values do.
    """
    straight: Spans = (flag.a_value, flag.b_value) if by_value else (flag.a, flag.b)
    ways: list[Spans] = []
    if (flag.file_a, flag.file_b) == (pair.file_a, pair.file_b):
        ways.append(straight)
    if (flag.file_b, flag.file_a) == (pair.file_a, pair.file_b):
        ways.append((straight[1], straight[0]))
    return [
        it
        for it in pair.items
        if any(a and b and overlap(a, it.a) and overlap(b, it.b) for a, b in ways)
    ]


def score_case(case: Case, flags: Iterable[Flag], score: Score) -> None:
    """Add one case's items and flags to the split's score."""
    matched: Counter[Item] = Counter()
    by_value: Counter[Item] = Counter()
    for flag in flags:
        items = [it for pair in case.pairs for it in _matching(flag, pair)]
        strict = [it for pair in case.pairs for it in _matching(flag, pair, by_value=True)]
        matched.update(items)
        by_value.update(it for it in strict if it.category == CONTRADICTION)
        score.true_flags_by_value += any(it.category == CONTRADICTION for it in strict)
        score.flags += 1
        true = any(it.category == CONTRADICTION for it in items)
        score.flag_kinds[flag.kind, true] += 1
        if true:
            score.true_flags += 1
            continue
        on = items[0].category if items else "stray"
        score.false_on[on] += 1
        score.false_flags.append(_flag_example(case, flag, on))
    for pair in case.pairs:
        for item in pair.items:
            _count_item(item, matched[item] > 0, score)
            score.found_by_value += by_value[item] > 0


def _count_item(item: Item, hit: bool, score: Score) -> None:
    if item.category != CONTRADICTION:
        score.negatives[item.category] += 1
        return
    score.contradictions += 1
    score.kinds[item.kind] += 1
    if hit:
        score.found += 1
        score.kinds_found[item.kind] += 1
        score.hits.append(item.ref)
    else:
        score.misses.append(
            {"item": item.ref, "kind": item.kind, "a": item.a_text[:200], "b": item.b_text[:200]}
        )


def _flag_example(case: Case, flag: Flag, on: str) -> dict[str, str]:
    return {
        "case": case.name,
        "on": on,
        "kind": flag.kind,
        "reason": flag.reason[:200],
        "a": flag.a_text[:200],
        "b": flag.b_text[:200],
    }


def flags_from_json(result: dict[str, Any], texts: dict[Path, str]) -> list[Flag]:
    """The flags of one `flags --json` answer, their documents mapped back to the files run.

    `texts` maps each file run to the text its offsets should index. When a span's text is not at
    its offsets there (the importer cleaned the file), the span is found by its text instead.
    """
    by_id = {str(d["id"]): _file_of(str(d["path"]), texts) for d in result["documents"]}
    out = []
    for f in result["flags"]:
        fa, fb = by_id[str(f["a"]["doc"])], by_id[str(f["b"]["doc"])]
        a, b = _span(f["a"], texts[fa]), _span(f["b"], texts[fb])
        out.append(
            Flag(
                file_a=fa,
                file_b=fb,
                a=a,
                b=b,
                kind=str(f.get("kind", "")),
                reason=str(f.get("reason", "")),
                a_text=str(f["a"].get("text", "")),
                b_text=str(f["b"].get("text", "")),
                a_value=_value(str(f.get("a_value", "")), a, texts[fa]),
                b_value=_value(str(f.get("b_value", "")), b, texts[fb]),
            )
        )
    return out


def _value(value: str, passage: tuple[int, int], text: str) -> tuple[int, int] | None:
    """Where the flag's value stands in its passage (its first occurrence), or None."""
    at = text.find(value, passage[0], passage[1]) if value else -1
    return (at, at + len(value)) if at >= 0 else None


def _file_of(path: str, texts: dict[Path, str]) -> Path:
    resolved = Path(path).resolve()
    for file in texts:
        if file.resolve() == resolved:
            return file
    raise ValueError(f"flags named a document that was not asked for: {path}")


def _span(span: dict[str, Any], text: str) -> tuple[int, int]:
    start, end = int(span["start"]), int(span["end"])
    quoted = str(span.get("text", ""))
    if quoted and text[start:end] != quoted:
        at = text.find(quoted)
        if at >= 0:
            return (at, at + len(quoted))
    return (start, end)

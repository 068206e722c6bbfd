"""Build clean text from classified units: paragraphs, junk spans, marks and a title.

Conventions: paragraphs are separated by exactly "\\n\\n"; units of one source paragraph are
joined by their `sep`; a paragraph broken by a stray blank line (it ends without sentence-final
punctuation and the next starts in lowercase) is rejoined with a space. `JunkSpan.at` is the
length of the clean text emitted before the junk stood; consecutive junk units with the same
reason merge into one span. Mark offsets index the clean text (half-open).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core import clean
from app.core import thresholds as th
from app.core.model import JunkSpan, Mark


@dataclass
class _State:
    """The clean text being written and what has been collected so far."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    junk: list[JunkSpan] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    last: clean.Unit | None = None  # last kept unit
    broken: bool = True  # junk (or nothing) stands since the last kept unit
    last_why: str | None = None  # reason of the previous unit when it was junk
    closed: bool = False  # the previous junk unit ended a teaser: do not extend its span

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)


def _separator(state: _State, unit: clean.Unit) -> str:
    """What goes between the previous kept unit and this one."""
    last = state.last
    if last is None:
        return ""
    if not state.broken and last.block == unit.block and unit.kind == last.kind:
        return unit.sep
    prose = last.kind == unit.kind == "para"
    first = unit.text[:1]
    if not state.broken and prose and not clean.ends_sentence(last.text) and first.islower():
        return " "  # one sentence split by a stray blank line
    return "\n\n"


def _add_junk(state: _State, unit: clean.Unit, why: str) -> None:
    prev = state.junk[-1] if state.junk else None
    if prev is not None and state.last_why == why and state.broken and not state.closed:
        state.junk[-1] = JunkSpan(prev.start, unit.end, why, prev.at)
    else:
        state.junk.append(JunkSpan(unit.start, unit.end, why, state.pos))
    state.broken = True
    state.last_why = why
    state.closed = clean.is_teaser_end(unit.text)


def _add_kept(state: _State, unit: clean.Unit) -> None:
    sep = _separator(state, unit)
    state.write(sep)
    start = state.pos
    state.write(unit.text)
    state.marks.extend(Mark(start + m.start, start + m.end, m.kind, m.value) for m in unit.marks)
    if unit.kind == "heading":
        state.marks.append(Mark(start, state.pos, f"heading{unit.level}"))
    elif unit.kind in ("quote", "list_item"):
        state.marks.append(Mark(start, state.pos, unit.kind))
    state.last = unit
    state.broken = False
    state.last_why = None


_NOT_TITLE_END = (".", ",", ";", ":")


def _title_and_headings(text: str, marks: list[Mark], markdown: bool) -> str:
    """Pick a title and, for plain text, mark short standalone lines as headings.

    The title is the first heading1/heading2 when the source had Markdown headings; else the
    first line of the first paragraph when it is short and does not end in a full stop (a
    headline), marked heading1. Later short unpunctuated paragraphs in plain text become
    heading2 (section heads).
    """
    top = ("heading1", "heading2")
    headed = sorted((m for m in marks if m.kind in top), key=lambda m: m.start)
    if headed:
        return text[headed[0].start : headed[0].end]
    title = ""
    pos = 0
    top_max = th.SECTION_HEAD_MAX_WORDS
    for index, para in enumerate(text.split("\n\n")):
        end = pos + len(para)
        line = para.split("\n", 1)[0]  # a headline may stand on the first hard line
        short = clean.word_count_at_most(line, th.TITLE_MAX_WORDS)
        short = short and not line.endswith(_NOT_TITLE_END)
        if short and index == 0:
            title = line
            marks.append(Mark(pos, pos + len(line), "heading1"))
        elif short and line == para and not markdown and clean.word_count_at_most(line, top_max):
            marks.append(Mark(pos, end, "heading2"))
        pos = end + 2
    return title


def assemble(
    units: list[clean.Unit],
    whys: list[str | None],
    junk: list[JunkSpan],
    meta: dict[str, str],
    markdown: bool = False,
) -> clean.Cleaned:
    """Write the clean text for `units` given their junk reasons (None = keep).

    Args:
        units: the units in source order.
        whys: one reason per unit, None for kept units.
        junk: junk already cut from inside units (e.g. a date prefix); merged into the result.
        meta: metadata read from junk lines; source/date lines met here are added to it.
        markdown: the units came from Markdown (headings are known, no guessing).
    """
    state = _State()
    for unit, why in zip(units, whys, strict=True):
        if why is None:
            _add_kept(state, unit)
        else:
            clean.read_meta(unit.text, why, meta)
            _add_junk(state, unit, why)
    text = "".join(state.parts)
    marks = state.marks
    title = _title_and_headings(text, marks, markdown)
    marks.sort(key=lambda m: (m.start, -m.end))
    spans = sorted(junk + state.junk, key=lambda j: j.start)
    return clean.Cleaned(text, spans, marks, meta, title)


def clean_units(units: list[clean.Unit], markdown: bool = False) -> clean.Cleaned:
    """Classify and assemble: the whole cleaning step for text and Markdown importers."""
    meta: dict[str, str] = {}
    cut = clean.split_leading_date(units, meta)
    whys = clean.classify_units(units)
    return assemble(units, whys, cut, meta, markdown)

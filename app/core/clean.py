"""Junk detection and clean-text assembly for plain-text and Markdown articles.

Input is a list of `Unit`s (a line of a plain-text file, or a block of a Markdown file) carrying
half-open raw offsets. Each unit is either kept (article body, headings, standfirst) or set aside
as junk with a short `why`. The rules are general page-furniture patterns (captions printed twice,
"keep reading" teasers, numbered reader comments, donation and newsletter boxes, "Source:" lines),
not strings of any one article.

Conventions: `JunkSpan.start/end` index the raw text; `JunkSpan.at` is the length of clean text
emitted before the junk stood (so `0 <= at <= len(text)`). `Mark` offsets index the clean text.
Every rule looks at one unit or a short window, so cleaning is linear in the input size; rules that
only make sense for short lines are skipped for long ones, which also bounds regex cost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core import thresholds as th
from app.core.model import JunkSpan, Mark

# Reasons shown to the user for text set aside.
WHY_NAV = "navigation"
WHY_CAPTION = "photo caption"
WHY_PROMO = "promotion"
WHY_DONATION = "donation appeal"
WHY_NEWSLETTER = "newsletter"
WHY_TEASER = "teaser article"
WHY_COMMENTS = "reader comments"
WHY_SOURCE = "source line"
WHY_BYLINE = "byline"
WHY_DATE = "date line"
WHY_COOKIE = "cookie banner"
WHY_FOOTER = "site footer"

_SPACES = re.compile(r"[^\S\n]+")
_TERMINAL = tuple('.!?:;"”’…)»')
# An outlet name: short, no clause punctuation (so "Source: officials said, ..." is prose).
_SOURCE = re.compile(
    r"^(?:source|originally published (?:by|in|at))\s*:\s*([^\s,;:][^,;:]{0,60})$", re.I
)
_ORIGINAL_URL = re.compile(r"^(?:original url|original article|source url)\s*:?\s*(\S*)$", re.I)
_URL_ONLY = re.compile(r"^<?(https?://\S+?)>?$")
_TRANSLATION = re.compile(r"^(?:machine )?translated (?:from|by) [\w -]{2,40}\.?$", re.I)
_BYLINE = re.compile(r"^by\s+[\w\[\]().,'’ -]{2,80}$", re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_LINE = re.compile(
    rf"^(?:(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})$",
    re.I,
)
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.I)
_PROMO = re.compile(
    r"^(?:related(?: articles?| stories| story)?|read (?:more|also)|see also)\s*:", re.I
)
_DONATION = re.compile(
    r"\b(?:tax-exempt donation|consider (?:a |making a )?donation|donate (?:now|today)"
    r"|thanks to our readers|support (?:our|independent) journalism)\b",
    re.I,
)
_NEWSLETTER = re.compile(
    r"^newsletter$|\bsign up\b.{0,80}\bnewsletter\b|^subscribe (?:now|today|to (?:our|the))\b"
    r"|\bsubscribe to our (?:free )?(?:newsletter|mailing list)\b",
    re.I,
)
_DONATION_GATE = ("donat", "our readers", "support our", "support independent")
_COOKIE = re.compile(r"\bcookies?\b.{0,200}\b(?:accept|consent|agree|use|settings)\b", re.I)
_NAV_WORDS = re.compile(
    r"^(?:follow us(?: on \w+)?|share(?: this)?|menu|home|latest|most read|trending|skip to"
    r" content|advertisement|tags?)$",
    re.I,
)
_SECTION_LABEL = re.compile(r"^[A-Z][\w&-]*(?: [\w&-]+)?(?: \| [A-Z][\w&-]*(?: [\w&-]+)?)+$")
_PHOTO_CREDIT = re.compile(
    r"^(?:(?:top )?(?:photo|image|picture)(?: credit)?\s*:|credit\s*:)"
    r"|\((?:[^()]{0,60}/)?\s*(?:shutterstock|afp|reuters|getty images|ap|epa|tass|ria novosti"
    r"|sputnik|anadolu|aa)\)",
    re.I,
)
_FOOTER = re.compile(
    r"^(?:(?:copyright|©).{0,120}|.{0,120}all rights reserved\.?|privacy policy"
    r"|terms of (?:use|service)|cookie policy|about us|contact us)$",
    re.I,
)
_SLUG = re.compile(r"^[A-Za-z]+(?:[-_][a-z0-9]+)+$")
_CAPTION_TAIL = re.compile(r"^\s*\([^()]{1,60}\)$")
_TEASER_END = re.compile(r"keep reading\s*(?:show less)?$", re.I)
_COMMENT_HEAD = re.compile(r"^(?:\d{1,4}\.\s+)?[\w .'’-]{1,50}\s+says:?$", re.I)
_COMMENT_WORDS = re.compile(
    r"^(?:leave a (?:reply|comment)|\d+ comments?|comments|your email address will not be"
    r" published\.?|reply|cancel reply|post comment)$",
    re.I,
)

# Line rules in order; the first match names the junk.
_SHORT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_SOURCE, WHY_SOURCE),
    (_ORIGINAL_URL, WHY_SOURCE),
    (_TRANSLATION, WHY_SOURCE),
    (_DATE_LINE, WHY_DATE),
    (_PROMO, WHY_PROMO),
    (_NAV_WORDS, WHY_NAV),
    (_SECTION_LABEL, WHY_NAV),
    (_COMMENT_WORDS, WHY_COMMENTS),
    (_TEASER_END, WHY_TEASER),
    (_FOOTER, WHY_FOOTER),
)


@dataclass
class Unit:
    """One line (plain text) or block (Markdown) with its half-open raw offsets.

    `text` is the unit's plain text with spaces collapsed; `block` groups units of one source
    paragraph; `sep` joins the unit to the previous kept unit of the same block (" " for a wrapped
    line, "\\n" for a hard line); `marks` are relative to `text`.
    """

    start: int
    end: int
    text: str
    block: int
    sep: str = "\n"
    kind: str = "para"  # para | heading | list_item | quote
    level: int = 0
    indent: int = 0
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Cleaned:
    """Clean text, the junk set aside, the marks kept, and metadata read from junk lines."""

    text: str
    junk: list[JunkSpan]
    marks: list[Mark]
    meta: dict[str, str]
    title: str = ""


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace (including no-break spaces) to one space."""
    if "\n" in text:
        return _SPACES.sub(" ", text)
    # One line: split/join runs in C and is several times faster than a regex substitution.
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    return lead + inner + (" " if text[-1].isspace() else "")


def word_count_at_most(text: str, limit: int) -> bool:
    """True when `text` has at most `limit` words (cheap for long text: bounded by length)."""
    return len(text) <= limit * th.MAX_WORD_CHARS and len(text.split()) <= limit


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence-final punctuation (or a closing quote/bracket)."""
    return text.rstrip().endswith(_TERMINAL)


def units_from_text(raw: str) -> list[Unit]:
    """Split plain text (newlines already normalised to "\\n") into one unit per non-blank line.

    A line is joined to the previous line of its paragraph with a space when the previous line
    looks wrapped (long, without sentence-final punctuation), else with a hard "\\n".
    """
    units: list[Unit] = []
    block = 0
    pos = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if not stripped:
            block += 1
        else:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            text = collapse_spaces(stripped)
            prev = units[-1] if units and units[-1].block == block else None
            wrapped = prev is not None and len(prev.text) >= th.WRAP_MIN_CHARS
            sep = " " if wrapped and prev is not None and not ends_sentence(prev.text) else "\n"
            units.append(Unit(start, start + len(stripped), text, block, sep, indent=lead))
        pos += len(line) + 1
    return units


def split_leading_date(units: list[Unit], meta: dict[str, str]) -> list[JunkSpan]:
    """Cut a "date 2021-12-20" prefix off the first unit (some scrapes glue it to the title)."""
    if not units:
        return []
    first = units[0]
    found = _LEADING_DATE.match(first.text)
    if not found or len(found.group(0)) >= len(first.text):
        return []
    meta.setdefault("date", found.group(1))
    prefix = found.group(0).rstrip()
    junk = JunkSpan(first.start, first.start + len(prefix), WHY_DATE, 0)
    cut = len(found.group(0))
    first.start += cut
    first.text = first.text[cut:]
    first.marks = [Mark(m.start - cut, m.end - cut, m.kind, m.value) for m in first.marks]
    return [junk]


def classify_line(text: str) -> str | None:
    """The junk reason for one short line or paragraph judged on its own, or None to keep it."""
    if len(text) > th.JUNK_PARAGRAPH_MAX_CHARS:
        return None
    lower = text.lower()  # substring gates first: most lines are body and skip the regexes
    if any(word in lower for word in _DONATION_GATE) and _DONATION.search(text):
        return WHY_DONATION
    short_box = len(text) < th.JUNK_LINE_MAX_CHARS * 2
    newsy = "newsletter" in lower or "subscribe" in lower
    if short_box and newsy and _NEWSLETTER.search(text):
        return WHY_NEWSLETTER
    if short_box and "cookie" in lower and _COOKIE.search(text):
        return WHY_COOKIE
    if len(text) > th.JUNK_LINE_MAX_CHARS:
        return None
    return _classify_short(text)


def _classify_short(text: str) -> str | None:
    """Rules for short lines: labels, credits, source and date lines, comment furniture."""
    for pattern, why in _SHORT_RULES:
        if pattern.search(text) if pattern is _TEASER_END else pattern.match(text):
            return why
    if _BYLINE.match(text) and not ends_sentence(text):
        return WHY_BYLINE
    if _PHOTO_CREDIT.search(text) and not text.endswith((".", "!", "?")):
        return WHY_CAPTION
    return None


def is_teaser_end(text: str) -> bool:
    """True for the "keep reading" line that closes one teaser (the next junk is a new span)."""
    return len(text) <= th.JUNK_LINE_MAX_CHARS and _TEASER_END.search(text) is not None


def read_meta(text: str, why: str, meta: dict[str, str]) -> None:
    """Keep what a source or date line says (first one wins)."""
    if why == WHY_SOURCE:
        if found := _SOURCE.match(text):
            meta.setdefault("outlet", found.group(1).strip())
        elif (found := _ORIGINAL_URL.match(text)) and found.group(1):
            meta.setdefault("url", found.group(1).strip("<>"))
        elif found := _URL_ONLY.match(text):
            meta.setdefault("url", found.group(1))
        elif _TRANSLATION.match(text):
            meta.setdefault("translated", text)
    elif why == WHY_DATE and _DATE_LINE.match(text):
        meta.setdefault("date_text", text)


def _mark_single_units(units: list[Unit], whys: list[str | None]) -> None:
    """Per-unit rules, plus the URL line that follows an "Original url:" line."""
    for i, unit in enumerate(units):
        why = classify_line(unit.text)
        if why is None and i > 0 and whys[i - 1] == WHY_SOURCE and _URL_ONLY.match(unit.text):
            why = WHY_SOURCE
        if why is None and _is_markdown_caption(unit):
            why = WHY_CAPTION
        if whys[i] is None:
            whys[i] = why


def _is_markdown_caption(unit: Unit) -> bool:
    """A short unpunctuated paragraph ending in a bold run is a photo caption with its credit."""
    if len(unit.text) > th.JUNK_LINE_MAX_CHARS or ends_sentence(unit.text):
        return False
    return any(m.kind == "strong" and m.end >= len(unit.text) and m.start > 0 for m in unit.marks)


def _mark_duplicate_captions(units: list[Unit], whys: list[str | None]) -> None:
    """A line followed by itself, or by itself plus "(AGENCY)", is a photo caption printed twice."""
    for i in range(len(units) - 1):
        a, b = units[i].text, units[i + 1].text
        if len(a) > th.JUNK_PARAGRAPH_MAX_CHARS or not b.startswith(a):
            continue
        if b == a or _CAPTION_TAIL.match(b[len(a) :]):
            whys[i] = whys[i + 1] = WHY_CAPTION


def _mark_comment_threads(units: list[Unit], whys: list[str | None]) -> None:
    """A "NAME says" header starts a reader comment; indented lines after it belong to it."""
    in_thread = False
    for i, unit in enumerate(units):
        short = len(unit.text) <= th.JUNK_LINE_MAX_CHARS
        if short and _COMMENT_HEAD.match(unit.text) and not ends_sentence(unit.text):
            in_thread = True
        elif not (in_thread and unit.indent >= th.COMMENT_INDENT_MIN):
            in_thread = False
        if in_thread:
            whys[i] = WHY_COMMENTS


def _mark_teasers(units: list[Unit], whys: list[str | None]) -> None:
    """A "keep reading" line ends a teaser for another article; walk back to where it starts.

    The teaser takes in its label, slug and photo credit lines and stops after other junk (an
    earlier teaser, an appeal), looking back at most TEASER_MAX_UNITS units so a stray marker
    cannot eat the article.
    """
    for i, why in enumerate(whys):
        if why != WHY_TEASER:
            continue
        j = i - 1
        while j >= 0 and i - j < th.TEASER_MAX_UNITS and whys[j] in _TEASER_PARTS:
            j -= 1
        for k in range(j + 1, i):
            whys[k] = WHY_TEASER


_TEASER_PARTS = (None, WHY_CAPTION, WHY_NAV)


def is_body(text: str) -> bool:
    """A unit that reads like an article sentence: several words ending in punctuation.

    Public because the HTML importer judges a wholly linked paragraph the same way.
    """
    return ends_sentence(text) and not word_count_at_most(text, th.BODY_MIN_WORDS - 1)


def _mark_edges(units: list[Unit], whys: list[str | None]) -> None:
    """Short unpunctuated lines after the last body paragraph are tags and menus; a lone
    file-name-like slug ("Putin-biden") before the first body paragraph is a photo slug."""
    kept_body = [i for i, u in enumerate(units) if whys[i] is None and is_body(u.text)]
    if not kept_body:
        return
    for i in range(kept_body[-1] + 1, len(units)):
        text = units[i].text
        short = word_count_at_most(text, th.TAG_MAX_WORDS) and not ends_sentence(text)
        if whys[i] is None and short and units[i].kind == "para":
            whys[i] = WHY_NAV
    for i in range(kept_body[0]):
        if whys[i] is None and _SLUG.match(units[i].text):
            whys[i] = WHY_CAPTION


def classify_units(units: list[Unit]) -> list[str | None]:
    """Junk reason per unit (None = keep), applying every rule in a fixed order."""
    whys: list[str | None] = [None] * len(units)
    _mark_duplicate_captions(units, whys)
    _mark_comment_threads(units, whys)
    _mark_single_units(units, whys)
    _mark_teasers(units, whys)
    _mark_edges(units, whys)
    return whys

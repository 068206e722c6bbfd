"""One place for every tunable number and colour, so no literal is scattered (DESIGN.md rule).

Why these values: see the comment beside each; they were set by reading the seed corpus.
"""

from __future__ import annotations

# Match kinds by score (0-100). DESIGN.md fixes verbatim at >= 95.
VERBATIM_MIN = 95.0
CLOSE_MIN = 75.0  # below this and above MIN_SCORE a match is a loose paraphrase/translation
MIN_SCORE = 55.0  # default --min-score: below it lexical similarity is mostly noise

# Import limits.
MAX_FILE_BYTES = 50 * 1024 * 1024

# Highlight kinds and their colours (RGB hex), shared by the UI and the PDF export.
HIGHLIGHT_COLOURS: dict[str, str] = {
    "claim": "#ffe066",
    "evidence": "#8ce99a",
    "contradiction": "#ff8787",
    "question": "#74c0fc",
}

# --- Annotation store and anchors (app/core/store, app/core/anchors.py) ---
# Colour for a highlight whose kind is a custom name not in HIGHLIGHT_COLOURS (neutral grey).
HIGHLIGHT_DEFAULT_COLOUR = "#ced4da"
# Rotating backups: keep the newest N, and take one on open at most once per interval.
BACKUP_KEEP = 5
BACKUP_INTERVAL_HOURS = 24
# Characters of context stored before/after a quote (W3C TextQuote prefix/suffix).
ANCHOR_CONTEXT_CHARS = 32
# Fuzzy re-anchoring (rapidfuzz, 0-100). The quote plus its context must align at least this
# well, so a deleted passage does not latch onto some unrelated sentence (unrelated English
# prose scores about 50-65 against a 100-character needle).
ANCHOR_FUZZY_MIN_CONTEXT = 80.0
# ...and the quote itself must still be this similar to what it found (a few words changed).
ANCHOR_FUZZY_MIN_QUOTE = 70.0

# --- Desktop reader (UI engineer, part 1): colours and limits shown on screen --------------------
# Family tints: light pastels so black text keeps a contrast ratio above 10:1 on every one; hues
# spaced round the wheel so neighbouring families (assigned in order of first appearance) differ.
FAMILY_COLOURS: tuple[str, ...] = (
    "#ffd8a8",  # orange
    "#a5d8ff",  # blue
    "#b2f2bb",  # green
    "#eebefa",  # grape
    "#ffec99",  # yellow
    "#99e9f2",  # cyan
    "#ffc9c9",  # red
    "#bac8ff",  # indigo
    "#c0eb75",  # lime
    "#fcc2d7",  # pink
    "#96f2d7",  # teal
    "#d0bfff",  # violet
)
BAND_ALPHA = 110  # 0-255: connector bands stay see-through so crossing bands remain readable
DIFF_INSERT_COLOUR = "#2b8a3e"  # words only in this version: green, underlined
DIFF_INSERT_BG = "#d3f9d8"
DIFF_DELETE_COLOUR = "#c92a2a"  # words only in the clicked version: red, struck through
DIFF_REPLACE_COLOUR = "#8a5a00"  # changed words: dark amber text on a light amber ground
DIFF_REPLACE_BG = "#ffe8a3"
JUNK_COLOUR = "#8a8f98"  # revealed junk: grey enough to read as "not the article"
MAX_PANES = 8  # beyond this, panes get too narrow to read a sentence per line
MIN_PANE_WIDTH = 270  # px; below it the splitter scrolls horizontally instead of squeezing
PROGRESS_INTERVAL_MS = 50  # worker progress is batched to at most one signal per interval

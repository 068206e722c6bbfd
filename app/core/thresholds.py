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
# well, so a deleted passage does not latch onto some other sentence. Measured on the seeds:
# 200 random 164-character needles (quote + context) against the other four articles scored
# median 48, 95th percentile 55, max 70 (the articles share quoted passages).
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
    "#ffc078",  # deeper orange, cyan, indigo, grape: a second round before colours repeat
    "#66d9e8",
    "#91a7ff",
    "#e599f7",
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

# --- Importers and cleaning (app/core/importers, app/core/clean.py) ---
# Bytes read to sniff a file's kind and to judge whether it is text at all.
SNIFF_BYTES = 64 * 1024
# More than this share of control characters (other than tab/newline/CR/FF) means binary.
MAX_CONTROL_RATIO = 0.05
# A line at least this long without final punctuation was wrapped by the source: join with " ".
WRAP_MIN_CHARS = 40
# Junk rules for single lines only look at lines up to this length (captions, labels, credits).
JUNK_LINE_MAX_CHARS = 200
# Whole-paragraph junk (donation appeals, newsletter boxes) is never longer than this.
JUNK_PARAGRAPH_MAX_CHARS = 1000
# Reader comment bodies are indented under their "NAME says" header by at least this many spaces.
COMMENT_INDENT_MIN = 2
# A "keep reading" teaser (label, credit, title, section, two paragraphs) spans at most this many
# lines; looking further back would risk eating the article it follows.
TEASER_MAX_UNITS = 10
# A kept unit with this many words ending in punctuation reads as article body.
BODY_MIN_WORDS = 6
# Tag and menu lines after the body have at most this many words.
TAG_MAX_WORDS = 4
# A first paragraph this short without a full stop is a headline.
TITLE_MAX_WORDS = 20
# A later standalone line this short without a full stop is a section heading.
SECTION_HEAD_MAX_WORDS = 10
# Markdown is sniffed in .txt files when at least this many Markdown constructs appear.
MARKDOWN_MIN_SIGNALS = 2
# Share of Cyrillic among letters above which a text is Russian.
CYRILLIC_MIN_RATIO = 0.3
# Word-count limits are checked only for text shorter than limit * this many characters, so a
# huge line is never split into words just to learn that it is long.
MAX_WORD_CHARS = 30

# --- Alignment (app/core/align, segment/worddiff engineer) ---------------------------------------
# Stems are word prefixes this long: enough to tell "withdrawal" from "within", short enough to
# join "offer"/"offered" and "withdraw"/"withdrawal".
ALIGN_STEM_LEN = 6
# Stems in more than this share of all sentences (but at least ALIGN_COMMON_MIN_DF of them) are
# treated as generic ("Russia", "Central Asia", "bases" in the seeds): they generate no
# candidates.
ALIGN_COMMON_DF_FRACTION = 0.15
ALIGN_COMMON_MIN_DF = 12
# IDF is normalised to 0..1 (1 = a stem found in one sentence of the corpus), so these hold for
# 5 documents or 500. A candidate pair must share this much IDF weight (about two rare stems)...
# 1.4 rather than 1.0 (measured 23 Nov 2026): the seeds lose two loose matches, one of them a
# gold known-wrong pair (2001 airspace coordination vs the 2021 bases arrangement), the other
# two outlets' opposite headlines; gold strong 7/7 and weak pairs (lexical 8, semantic 9) and
# the contradiction flags (11, recall 10/13) are unchanged. On 100 generated articles it drops
# 151 loose matches between unrelated sentences and 22 % of the candidates, planted recall
# unchanged (96.8 %). At 1.6 a strong seed pair is lost.
ALIGN_MIN_SHARED_IDF = 1.4
# ...and at least this share of the lighter sentence's content weight.
ALIGN_MIN_SHARED_FRACTION = 0.12
# Or both sentences share at least this share of their rare weight (short sentences).
ALIGN_FULL_SHARE = 0.8
# Sentences with fewer words than SHORT_WORDS, or fewer content words than SHORT_CONTENT, match
# only near-verbatim (fuzz.ratio >= SHORT_MIN): "Source: TRT World" vs "Source: Kommersant", or
# two "X did not comment" lines, share too little to prove anything.
ALIGN_SHORT_WORDS = 5
ALIGN_SHORT_CONTENT = 3
ALIGN_SHORT_MIN = 90.0
# Loose-match blend: W_RATIO*fuzz.ratio + W_TOKEN_SET*token_set_ratio + W_OVERLAP*IDF overlap
# + OFFSET. Set by reading the seeds: loose paraphrases land about 55-65, sentences sharing only
# generic words about 40-50. Capped below VERBATIM_MIN: only fuzz.ratio can call a pair verbatim.
ALIGN_W_RATIO = 0.35
ALIGN_W_TOKEN_SET = 0.35
ALIGN_W_OVERLAP = 0.5
ALIGN_BLEND_OFFSET = 8.0
ALIGN_BLEND_MAX = 94.0
# When one text is this many times longer, partial_ratio (best window) also counts, discounted
# by ALIGN_PARTIAL_DISCOUNT because a matching window says less than a matching whole.
ALIGN_PARTIAL_LENGTH_RATIO = 1.8
ALIGN_PARTIAL_DISCOUNT = 0.85
# ...and only when the pair shares at least this share of the shorter text's content weight.
ALIGN_PARTIAL_MIN_COVER = 0.6
# One-to-many merging: up to this many adjacent sentences on one side, each added only if it
# raises the score by at least ALIGN_MERGE_GAIN; candidates this far below the minimum score
# are still tried, since a merged span can lift them over it.
ALIGN_MAX_MERGE = 3
ALIGN_MERGE_GAIN = 2.0
ALIGN_MERGE_SLACK = 15.0
# Only a side at least this many times shorter than the other is grown.
ALIGN_MERGE_LENGTH_RATIO = 1.4
# Names (words capitalised mid-sentence) tell who, not what: in the overlap they weigh this much
# of a plain content word, and a loose (blend) match needs at least ALIGN_MIN_FACT_IDF of shared
# non-name content (IDF is 0..1, so two shared words unless one is unique to the pair):
# "Khalilzad visited Uzbekistan" and "Khalilzad refused to comment" share the man, not the fact.
# A sentence with at least TITLE_CASE_SHARE of its content words capitalised is in title case (a
# headline) and has no names.
ALIGN_NAME_WEIGHT = 0.75
ALIGN_MIN_FACT_IDF = 1.0
ALIGN_TITLE_CASE_SHARE = 0.8
# A sentence already matched in a document pair may match one more sentence there when that
# match scores within this many points of the first (see merge._may_share).
ALIGN_REUSE_MARGIN = 3.0

# --- Contradiction flags (app/core/flags) ---
FLAG_YEAR_MIN = 1800  # a bare four-digit number in this range is a year (a date), not a count
FLAG_YEAR_MAX = 2100
FLAG_NAME_VARIANT_MIN = 80.0  # rapidfuzz ratio at or above which two names are one person
# ("Sergei"/"Sergey" scores 83, "Lavrov"/"Ryabkov" 46)
FLAG_PLACE_MIN_POPULATION = 100_000  # smaller towns collide with ordinary words and surnames
FLAG_NEGATION_REACH = 4  # tokens after a negation cue searched for the word it negates
# A change block (word-diff stretch) longer than this on either side is a paraphrase, not a
# substituted fact: values inside it are not paired by position (loose matches flood otherwise).
FLAG_BLOCK_MAX_TOKENS = 6
# Families with more unmatched version pairs than this get no indirect flags (flags/family.py).
# The seeds' largest family (11 versions) has 30; a quote copied by dozens of outlets has few,
# since its copies all match each other directly.
FLAG_FAMILY_MAX_PAIRS = 60
FLAG_CONTEXT_REACH = 3  # tokens either side of a date/number whose content words anchor it

# --- Export: annotated article PDFs and report.pdf (app/core/export) -----------------------------
# Page geometry in PDF points (A4 is 595 x 842). 62 pt (about 22 mm) margins and 10.5/15 pt text
# give about 85 characters a line, the comfortable range for reading on paper.
EXPORT_MARGIN = 62.0
EXPORT_BODY_SIZE = 10.5
EXPORT_BODY_LEADING = 15.0  # leaves a gap between lines so highlight quads never overlap
EXPORT_HEADING_SIZE = 13.0
EXPORT_TITLE_SIZE = 16.0
EXPORT_META_SIZE = 8.5
# Author written as /T on every highlight annotation when the user has not named one.
EXPORT_DEFAULT_AUTHOR = "Parallax"
# Coverage heat map: white (0 %) to this colour (100 %); dark enough that labels switch to white.
EXPORT_HEATMAP_COLOUR = "#1c7ed6"
# Above this share the cell is dark, so its percentage is printed in white.
EXPORT_HEATMAP_DARK_SHARE = 0.55
# Quotes in the report and in contradiction notes are cut to this many characters.
EXPORT_QUOTE_MAX_CHARS = 400
# A side of a family pair is cut here: a table row taller than a page cannot be laid out, and
# 1500 characters (about 15 lines in a half-page column) is more than any merged passage needs.
EXPORT_PAIR_MAX_CHARS = 1500

# --- Store reliability: concurrent instances (app/core/store, issue 7) ---------------------------
# SQLite waits this long for another instance's write lock before reporting "busy"; a user
# action is a few milliseconds, so 5 s only runs out when the other side is stuck.
BUSY_TIMEOUT_MS = 5000
# How long opening the store keeps trying while another instance holds it (store/connection.py).
STORE_OPEN_WAIT_S = 20.0
# After a busy timeout a transaction is retried this many times (short growing sleeps) before
# the user is told the store is locked; the unsaved change stays retryable either way.
BUSY_RETRIES = 3
# Fuzzy re-anchoring, measured for issue 7: ANCHOR_FUZZY_MIN_CONTEXT now gates the ratio of
# quote + context against the stretch it aligns to (not partial_ratio's fixed-size window,
# which sank 47 of 100 seed highlights with four words inserted inside). Same 200 needles
# against the other articles: median 46, 95th percentile 54, max 73, so 80 still keeps a
# deleted passage from latching on elsewhere. partial_ratio only has to locate the passage:
ANCHOR_FUZZY_MIN_LOCATE = 65.0

# --- Scale: parallel and cached alignment (app/core/align/pairs.py, cache.py; issue 8) ---
# Below this many document pairs (about 90 articles) one process is used when workers must be
# spawned (the desktop app). This process shares the pairs with spawned workers (parallel.py),
# which take 0.3-0.5 s to start and must read the indexes: measured on the 2-core machine
# (`benchmarks/scale_bench.py --crossover`, serial and shared runs interleaved, best of 4), the
# shared path lost at 30-75 articles (0.40 vs 0.15 s at 30, 0.63 vs 0.53 s at 75), won from 100
# (0.79 vs 0.87 s best, 0.89 vs 1.10 s median) and 150 (1.58 vs 1.84 s).
ALIGN_PARALLEL_MIN_PAIRS = 4000
# The same when workers can be forked (command line, scripts): a forked worker is up at once
# and inherits the indexes. Crossover, same script, two runs (best / median of 4): 30 articles
# 0.24 / 0.25 s alone vs 0.29 / 0.30 s shared, and 0.14 / 0.23 vs 0.22 / 0.25 s; 50 articles
# 0.49 / 0.55 vs 0.46 / 0.47 s, and 0.28 / 0.28 vs 0.32 / 0.39 s (a draw); 75 articles
# 0.78 / 0.86 vs 0.53 / 0.70 s, and 0.76 / 0.77 vs 0.54 / 0.65 s: sharing pays from about 60
# articles (2,000 pairs).
ALIGN_PARALLEL_MIN_PAIRS_FORKED = 2000
# Pair blocks per process (this one and the workers): more blocks even out uneven pairs and give
# finer progress; fewer cost less pickling.
ALIGN_BLOCKS_PER_WORKER = 24
# Seconds between cancel checks while workers run.
ALIGN_CANCEL_POLL = 0.1
# Blocks of pairs (or chunks of documents to index) handed to each worker ahead of time
# (parallel.py). The pool learns of a finished block only between this process's own blocks, so
# with two queued a worker sat idle about a third of the time at 100 articles; with four it is
# busy to the end. Blocks no worker has started are taken back when this process runs out.
ALIGN_POOL_QUEUE = 4
# A row (one document against later ones) with fewer pairs than this finds candidates pair by
# pair (candidates.pair_candidates) rather than with the vectorised join (blocks.py), whose
# set-up costs more than a few pairs.
ALIGN_VECTOR_MIN_ROW = 8

# --- Semantic matching (app/core/semantic, app/core/align/semantic_pass.py; issue 9) ----------
# Cosines of all-MiniLM-L6-v2 (int8) sentence embeddings, swept on the seed gold (docs/semantic.md).
# A pair no lexical match took is a semantic match when its margin (combine.margins: cosine over
# the mean cosine of both sentences to their SEM_MARGIN_K nearest neighbours in the other
# article) is at least SEM_MIN_MARGIN (below it the pair is only on-topic) and its cosine reaches
# SEM_COS_HIGH, or SEM_COS_LOW when the two also share SEM_MIN_SUPPORT of rare-stem IDF (0..1 per
# stem; stems in more than SEM_SUPPORT_MAX_DF of the sentences count for nothing). Looser values
# found at most one weak gold pair more, each for about one wrong match more.
SEM_MARGIN_K = 4
SEM_MIN_MARGIN = 1.0
SEM_COS_HIGH = 0.80
SEM_COS_LOW = 0.60
SEM_MIN_SUPPORT = 2.0
SEM_SUPPORT_MAX_DF = 0.05
# A loose lexical match whose two sides embed further apart than this is dropped. Off (0): on the
# seeds no veto level removed a known wrong match (their cosines are 0.47-0.68, as high as the
# weak gold pairs'), and 0.45 dropped a strong gold pair.
SEM_VETO_COS = 0.0
# A sentence a lexical match already took may take one semantic partner more at this cosine.
SEM_COS_REUSE = 0.70
# Two sentences that are each other's nearest in the other article (headings aside) are a match
# from this cosine and margin without shared rare words (combine.accepts). On the seeds this adds
# three matches, one a gold contradiction's pair (Uzbekistan's "doctrine" / "Constitution");
# a margin of 1.0 instead added about ten matches a reader rejects.
SEM_COS_MUTUAL = 0.70
SEM_MARGIN_MUTUAL = 1.12
# A sentence of this many words or more may take two semantic partners: it often joins two facts
# that another article tells in two sentences (35-45 give the same result on the seeds).
SEM_TWO_FACT_WORDS = 40
# Articles in different scripts (app/core/align/crosslingual.py). Multilingual E5 cosines of a
# Russian sentence and its English translation were 0.90-0.91 on the Kommersant sample, an
# unrelated pair 0.80 and the best wrong partner of a translated sentence about 0.85.
XL_COS = 0.87
# Without the model: a pair must share this many anchors (numbers, transliterated names)...
XL_MIN_ANCHORS = 2
# ...names compared on their first letters (Russian case endings vary) at this fuzz.ratio.
XL_NAME_PREFIX = 6
XL_NAME_MIN_RATIO = 80.0

# --- Importer size limits (restored by the semantic engineer: an edit of mine truncated the
# importer engineer's block appended here; values from tests/core/nasty_corpus.py, wording mine:
# the importer engineer should check it). Cleaning larger HTML or text would take too long.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_HTML_BYTES = 4 * 1024 * 1024

# --- Contradiction flags, issue 9 item 3 (app/core/flags: units, attribution, hedging) ------
# Two amounts in different units of one measure ("145 kilometers" / "90 miles" = 144.8 km) agree
# when they differ by at most this share of the larger: a converted figure is rounded.
FLAG_UNIT_TOLERANCE = 0.05
# Tokens before a reporting verb searched for who speaks ("A July 17 Reuters article reported").
FLAG_SPEAKER_REACH = 6
# Tokens before "sources" searched for the "according to" / "citing" that opens the hedge.
FLAG_HEDGE_REACH = 4
# Two legal/institutional terms outside a shared change block are compared only when their
# passages share at least this many content words (the doctrine/Constitution pair shares 4).
FLAG_TERM_SHARED_WORDS = 3
# Story map cells (app/ui/story_map.py): a dark blue for the origin, then blues fading with the
# distance from it (verbatim copy darkest, loose paraphrase lightest); absent stays near white so
# what a document left out reads as a gap. Text on each keeps a contrast ratio above 4.5:1.
STORY_MAP_COLOURS: dict[str, str] = {
    "origin": "#1c3d6e",
    "verbatim": "#1971c2",
    "close": "#74c0fc",
    "loose": "#d0ebff",
    "absent": "#f8f9fa",
}
STORY_MAP_TEXT_COLOURS: dict[str, str] = {
    "origin": "#ffffff",
    "verbatim": "#ffffff",
    "close": "#0b2545",
    "loose": "#0b2545",
    "absent": "#868e96",
}

# --- Claim grid, issue 9 item 4 (app/core/claim_grid.py, report_grid.py, ui/claim_grid_view.py) -
# Row divergence = (100 - mean similarity to the reference version) + CLAIM_GRID_FLAG_WEIGHT per
# distinct flag + CLAIM_GRID_OMISSION_WEIGHT x share of articles that left the passage out.
# A flagged fact (a different number, date, name) matters more to a fact-checker than rewording,
# so one flag weighs like a 15-point drop in similarity; an omission is weaker evidence (a short
# article may simply not go that far), so even a passage nearly everyone left out adds at most 20.
CLAIM_GRID_FLAG_WEIGHT = 15.0
CLAIM_GRID_OMISSION_WEIGHT = 20.0
# Characters of a version printed in a report cell before it is cut with an ellipsis: five
# landscape columns of about 8 lines each keep a row under a third of a page.
CLAIM_GRID_REPORT_CELL_CHARS = 320
# Flag values are bold red in the grid (the app and the report).
CLAIM_GRID_FLAG_COLOUR = "#c92a2a"
# At most this many article columns per grid table in the report (more articles: the table is
# repeated for the next articles, the passage column kept): about 110 pt each on landscape A4.
CLAIM_GRID_REPORT_COLUMNS = 6
# The report prints this many rows of the grid, most divergent first (a case of 100 articles can
# hold thousands of families; the app's grid shows them all).
CLAIM_GRID_REPORT_MAX_ROWS = 60
# The grid window (app/ui/claim_grid_view.py): the reference version's cell is tinted this pale
# cream (the report's tint), absent cells this grey; a cell shows at most this many characters
# of its version (double-click opens it whole in the comparison panel).
CLAIM_GRID_REFERENCE_BG = "#f7f7ed"
CLAIM_GRID_ABSENT_BG = "#f8f9fa"
CLAIM_GRID_UI_CELL_CHARS = 420
# A cell lists at most this many of its flags (then "+N more"): one passage can carry a dozen
# flags against many outlets, and a report table row taller than a page cannot be laid out.
CLAIM_GRID_CELL_FLAGS = 4

# --- Semantic pass at scale (app/core/align/semantic_pass.py) ----------------------------------
# "Use when available" means up to this many articles: the first reading of a case embeds every
# sentence (about 100-170 a second on 2 cores), minutes for hundreds of articles, while wording
# alone already finds copies and rewrites there. --semantic (True) still forces it.
SEM_MAX_DOCUMENTS = 30
# Sentences embedded per model call: progress moves and cancel is checked between batches.
SEM_EMBED_BATCH = 64

# --- Translation confidence wording (app/core/translation.py) ----------------------------------
# Bands for CrossAlignment.confidence (the share of the shorter article's sentences paired) of
# a model alignment. Russian Kommersant sample (6 sentences) against the five seeds: 0.83 beside
# its English translation, 0.00-0.17 beside the four other articles.
XL_CONFIDENCE_HIGH = 0.6
XL_CONFIDENCE_MEDIUM = 0.3
# An anchor alignment is never called more than "low": beside the Moscow Times rewrite (not a
# translation) the sample paired 5 of 6 sentences, as many as beside its real translation.
XL_ANCHORS_BAND = "low"
# The translation note's background in the comparison panel (a pale information blue).
XL_NOTE_BG = "#e7f5ff"
# A model-matched translated sentence scores 55-74.9 (crosslingual._model_pairs); from this
# score it is called "a strong match". Kommersant sample: its 5 true pairs scored 62.9-68.3, the
# best pairs it found in two unrelated seeds 55.2 and 57.6.
XL_MATCH_STRONG = 62.0

# --- Embedding speed (app/core/semantic/embedder.py) -------------------------------------------
# Sentences are sorted by token count and sent to the model this many at a time, so a batch pads
# little. CPU seconds to embed the 204 seed sentences, one thread: 1 -> 2.8, 4 -> 2.2-2.5,
# 8 -> 2.2, 16 -> 2.4, 32 -> 2.6 (unsorted batches of 16: 3.5).
SEM_MODEL_BATCH = 8
# Model calls run at once, each on a single onnxruntime thread (at most one per core). On the
# loaded 2-core machine two single-threaded calls side by side embedded the seeds in 1.0-2.3 s
# where one call on two onnxruntime threads took 1.6-4.1 s for the same batches: its threads
# meet after every layer and wait whenever another process has the second core.
SEM_MODEL_THREADS = 2

# --- Lexical aligner batches (app/core/align/pairs.py; issue 8 speed) -------------------------
# In one process, consecutive rows of document pairs are aligned as one block until it holds
# this many pairs: a block's candidates are scored in one numpy/rapidfuzz batch, whose fixed
# cost would dominate blocks of a pair or two (adding one article makes rows of one pair each).
ALIGN_SERIAL_BLOCK_PAIRS = 64

# --- Closest passages (app/core/nearest.py, app/ui/panels/nearest_panel.py) -------------------
# Rows listed per other article. On the seeds the gold partner of a weak pair is in the top 3
# far more often than at rank 1 (tests/core/test_nearest.py), and three rows still fit a glance.
NEAREST_PER_DOCUMENT = 3

# --- Import checks (app/core/importers: decode.py, html.py; review round 5) -------------------
# UTF-16 without a byte-order mark (Windows "Unicode" exports): in the first SNIFF_BYTES, at
# least this share of the 2-byte units must have a NUL in one half (spaces, digits and Latin
# letters do; Cyrillic text still has its spaces and punctuation) ...
UTF16_MIN_NUL_UNITS = 0.1
# ... at most this share a NUL in the other half (U+0100, U+0400... have a NUL low byte) ...
UTF16_MAX_OTHER_NULS = 0.02
# ... and at least this share of the decoded characters must be printable or whitespace.
UTF16_MIN_PRINTABLE = 0.95
# An HTML page whose extracted paragraphs are this share (by characters) of link texts is a
# navigation page, not an article: trafilatura falls back to the menu when there is no body.
# 0.9, not lower: a real short article followed by a long "related links" list stays.
NAV_MAX_LINK_SHARE = 0.9

# --- Closing with background work (app/ui/workers.py, app/ui/main_window.py; review round 5) ---
# Longest wait, after cancelling, for background work (loading, aligning, flags, closest
# passages) to stop when the window closes, with the window already hidden. Python must not shut
# down under a running pool thread (the process aborts). Cancel checks make loading the seeds
# stop in 0.1-2 s; the first flags run loads its gazetteers (0.7 s) before its first check.
CLOSE_WAIT_MS = 30_000

"""Candidate generation: which sentence pairs of two documents are worth scoring at all.

Each document is indexed once (`index_document`: its sentences' content stems, how many
sentences hold each stem, postings); a document *pair* then finds its candidates by walking the
stems both documents share. Statistics are those of the pair alone (IDF over the two documents'
sentences), so a pair's matches depend on its two texts and nothing else: they can be cached by
document hash, computed in any order or process, and adding an article never changes the
matches of pairs already aligned. A pair qualifies when the two sentences share enough rare
content (IDF-weighted). Generic stems that occur in a large share of the pair's sentences
("russia", "asia" in the seeds) are left out: they would make everything a candidate and prove
nothing about shared content. Headlines (title-case sentences) are always paired, since their
shared words are exactly those generic ones. Each unit also records which of its stems are
names (tokens.name_stems), for the scorer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

from app.core import thresholds
from app.core.align.tokens import fold, names_of_words, stems_of_words, words
from app.core.model import Document, Passage
from app.core.segment import paragraphs

# Digits weights and shared sums are rounded to before threshold tests (see blocks.py).
_ROUND = 9


@dataclass(frozen=True)
class Unit:
    """One sentence prepared for alignment: its normalised text and content stems."""

    start: int
    end: int
    norm: str
    stems: frozenset[str]
    names: dict[str, float]  # stems written as names here -> share of the name (name_stems)
    n_content: int  # number of content stems (short sentences need near-verbatim matches)
    n_words: int  # number of words
    paragraph: int  # index of the paragraph holding it (merges stay inside one paragraph)
    title: bool  # written in title case: a headline
    first: str | None  # stem of the first word, if a content word (its capital proves nothing)


@dataclass(frozen=True)
class DocIndex:
    """One document's sentences as units plus the counts pair statistics are made of."""

    units: tuple[Unit, ...]
    stems: frozenset[str]  # every content stem of the document
    df: dict[str, int]  # stem -> number of sentences holding it
    cap: dict[str, int]  # stem -> sentences writing it as a name (not as the first word)
    low: dict[str, int]  # stem -> sentences writing it lower-case (not as the first word)
    titles: tuple[int, ...]  # indexes of title-case sentences (headlines)
    _postings: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _solo: dict[int, tuple[list[int], list[float]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _weighted: dict[int, tuple[float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def postings(self) -> dict[str, list[int]]:
        """Stem -> indexes of the sentences holding it, ascending (built on first use: only
        the per-pair rule, `pair_candidates`, walks them)."""
        if not self._postings and self.df:
            for k, u in enumerate(self.units):
                for s in u.stems:
                    self._postings.setdefault(s, []).append(k)
        return self._postings

    def weighted_logs(self, k: int) -> tuple[float, float]:
        """For sentence k: the summed weights m of its stems (ALIGN_NAME_WEIGHT x share for a
        name, else 1) and the sum of m x log(df in this document), memoised. Pair IDF is
        1 - log(df) / log(n), so a pair's weighted IDF is mass - logs / log(n) once the logs of
        stems the other document holds are corrected."""
        found = self._weighted.get(k)
        if found is None:
            u = self.units[k]
            w = thresholds.ALIGN_NAME_WEIGHT
            mass = logs = 0.0
            for s in u.stems:
                m = w * u.names[s] if s in u.names else 1.0
                mass += m
                logs += m * _log(self.df[s])
            found = (mass, logs)
            self._weighted[k] = found
        return found

    def solo(self, top: int) -> tuple[list[int], list[float]]:
        """Per sentence, how many of its stems are held by at most `top` sentences of this
        document, and the sum of their log document frequencies (memoised per `top`)."""
        found = self._solo.get(top)
        if found is None:
            counts: list[int] = []
            logs: list[float] = []
            for u in self.units:
                dfs = [self.df[s] for s in u.stems if self.df[s] <= top]
                counts.append(len(dfs))
                logs.append(sum(math.log(d) for d in dfs))
            found = (counts, logs)
            self._solo[top] = found
        return found


def index_document(doc: Document, passages: Sequence[Passage]) -> DocIndex:
    """Index `passages` (the sentences of `doc`, in order) for pair candidate generation."""
    return index_units(_units(doc, passages))


def index_units(units: Sequence[Unit]) -> DocIndex:
    """The DocIndex of a document's units (also rebuilds a cached document cheaply)."""
    # Counters over chained iterables count in C; a unit's names are among its stems.
    df = Counter(chain.from_iterable(u.stems for u in units))
    cap = Counter(chain.from_iterable(u.names for u in units))
    low = Counter(chain.from_iterable(u.stems.difference(u.names, (u.first,)) for u in units))
    return DocIndex(
        tuple(units),
        frozenset(df),
        dict(df),
        dict(cap),
        dict(low),
        tuple(k for k, u in enumerate(units) if u.title),
    )


class PairIdf(dict[str, float]):
    """IDF of stems over the sentences of two documents, normalised to 0..1 (1 = a stem found in
    one sentence), computed on first use: a pair looks up only the stems it scores."""

    def __init__(self, a: DocIndex, b: DocIndex) -> None:
        super().__init__()
        self._a, self._b = a.df, b.df
        self.inv_log_n = 1.0 / math.log(max(2, len(a.units) + len(b.units)))

    def __missing__(self, stem: str) -> float:
        c = max(1, self._a.get(stem, 0) + self._b.get(stem, 0))
        value = 1.0 - _log(c) * self.inv_log_n
        self[stem] = value
        return value


_LOG = [0.0] + [math.log(c) for c in range(1, 1024)]  # document frequencies are small ints


def _log(c: int) -> float:
    return _LOG[c] if c < len(_LOG) else math.log(c)


@dataclass
class Corpus:
    """Two documents' sentences (0 = the earlier document, 1 = the later) with the pair's
    statistics, as candidate scoring and merging need them."""

    docs: tuple[DocIndex, DocIndex]
    idf: PairIdf
    _names: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)
    views: dict[tuple[int, int], object] = field(default_factory=dict)  # scoring.View memo

    @property
    def units(self) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
        return self.docs[0].units, self.docs[1].units

    def names(self, doc: int, k: int) -> dict[str, float]:
        """Name stems of sentence k of document `doc` (0/1), its first word included when the
        pair mostly writes that word as a name.

        A sentence-initial capital proves nothing, so the first word is judged by the other
        sentences: a name if it is capitalised mid-sentence more often than not ("Tajikistan, as
        a member..." yes; "Today, ..." no).
        """
        key = (doc, k)
        found = self._names.get(key)
        if found is None:
            u = self.docs[doc].units[k]
            found = u.names
            f = u.first
            if f is not None and f in u.stems:
                a, b = self.docs
                if a.cap.get(f, 0) + b.cap.get(f, 0) > a.low.get(f, 0) + b.low.get(f, 0):
                    found = {**u.names, f: 1.0}
            self._names[key] = found
        return found

    def total(self, doc: int, k: int, names: dict[str, float] | None = None) -> float:
        """Weighted IDF of sentence k of document `doc` (see `weighted_idf`).

        Computed from the document's own counts (`DocIndex.weighted_logs`) corrected for the
        stems the other document also holds, which are few; same value as `weighted_idf`.
        Not memoised: its one caller (scoring.view_of) memoises the whole view. `names`, when
        given, is `self.names(doc, k)` already looked up by the caller.
        """
        mine, other = self.docs[doc], self.docs[1 - doc]
        u = mine.units[k]
        if names is None:
            names = self.names(doc, k)
        if names is not u.names:  # the first word became a name in this pair: rare
            return weighted_idf(self.idf, u.stems, names)
        mass, logs = mine.weighted_logs(k)
        w = thresholds.ALIGN_NAME_WEIGHT
        df_mine, df_other = mine.df, other.df
        # Hot loop (every candidate sentence of every pair): _LOG inlined.
        table, size = _LOG, len(_LOG)
        for s in u.stems & other.stems:
            m = w * names[s] if s in names else 1.0
            da = df_mine[s]
            c = da + df_other[s]
            log_c = table[c] if c < size else math.log(c)
            log_a = table[da] if da < size else math.log(da)
            logs += m * (log_c - log_a)
        return mass - logs * self.idf.inv_log_n


def pair_corpus(a: DocIndex, b: DocIndex) -> Corpus:
    """The scoring context of documents a (earlier) and b (later)."""
    return Corpus((a, b), PairIdf(a, b))


def _units(doc: Document, sentences: Sequence[Passage]) -> list[Unit]:
    """Units of one document's sentences, each tagged with its paragraph."""
    starts = [p.start for p in paragraphs(doc)]
    units: list[Unit] = []
    para = 0
    for p in sentences:
        while para + 1 < len(starts) and starts[para + 1] <= p.start:
            para += 1
        folded = fold(doc.text[p.start : p.end])
        norm = folded.casefold()
        # One split per sentence serves stems, names and the word count. For ASCII text the
        # words of the case-folded text are the case-folded words (same boundaries); other
        # text is split again after folding, as `words` would.
        found = words(folded)
        lowered = [w.casefold() for w in found]
        norm_words = lowered if folded.isascii() else words(norm)
        stems = stems_of_words(norm_words)
        stem_set = frozenset(stems)
        names, first, title = names_of_words(found, lowered)
        units.append(
            Unit(
                p.start,
                p.end,
                norm,
                stem_set,
                {s: w for s, w in names.items() if s in stem_set},
                len(stems),
                len(norm_words),
                para,
                title,
                first,
            )
        )
    return units


def weighted_idf(idf: dict[str, float], stems: frozenset[str], names: dict[str, float]) -> float:
    """Summed IDF of `stems`, a name stem counted at ALIGN_NAME_WEIGHT times its share of the
    name: sharing who is involved says less than sharing what happened."""
    w = thresholds.ALIGN_NAME_WEIGHT
    # A list comprehension (same order, same sum) is faster than a generator here.
    return sum([idf[s] * (w * names[s] if s in names else 1.0) for s in stems])


def pair_candidates(a: DocIndex, b: DocIndex) -> list[tuple[int, int]]:
    """Candidate sentence pairs (index in a, index in b) between two documents.

    A pair qualifies when the IDF of its shared rare stems reaches ALIGN_MIN_SHARED_IDF and
    ALIGN_MIN_SHARED_FRACTION of either sentence's rare weight, or when nearly all the rare
    content of both is shared (ALIGN_FULL_SHARE: short sentences like "It will be a screen.",
    which the scorer then holds to near-verbatim). Only stems both documents hold are walked,
    so the cost grows with shared content, not with the number of sentence pairs. Rare means
    held by at most max(ALIGN_COMMON_MIN_DF, ALIGN_COMMON_DF_FRACTION of the pair's sentences).

    Returns:
        Sorted (a, b) pairs, headline pairs included.
    """
    n = max(2, len(a.units) + len(b.units))
    log_n = math.log(n)
    top = int(max(thresholds.ALIGN_COMMON_MIN_DF, thresholds.ALIGN_COMMON_DF_FRACTION * n))
    acc: dict[tuple[int, int], float] = {}
    fix_a: dict[int, list[float]] = {}  # sentence -> [rare-stem count change, log-sum change]
    fix_b: dict[int, list[float]] = {}
    for s in a.stems & b.stems:
        da, db = a.df[s], b.df[s]
        c = da + db
        rare = c <= top
        pa, pb = a.postings[s], b.postings[s]
        _fix(fix_a, pa, rare, c, da <= top, da)
        _fix(fix_b, pb, rare, c, db <= top, db)
        if rare:
            w = 1.0 - math.log(c) / log_n
            for x in pa:
                for y in pb:
                    acc[x, y] = acc.get((x, y), 0.0) + w
    out = {(x, y) for x in a.titles for y in b.titles}
    if acc:
        weight_a = _weights(a.solo(top), fix_a, log_n)
        weight_b = _weights(b.solo(top), fix_b, log_n)
        min_shared = thresholds.ALIGN_MIN_SHARED_IDF
        frac, full = thresholds.ALIGN_MIN_SHARED_FRACTION, thresholds.ALIGN_FULL_SHARE
        for (x, y), total in acc.items():
            # Rounded like blocks.py, so that mathematically equal sums tie the same way.
            shared, wa, wb = round(total, _ROUND), weight_a[x], weight_b[y]
            if shared >= min_shared:
                if shared >= round(frac * wa, _ROUND) or shared >= round(frac * wb, _ROUND):
                    out.add((x, y))
            elif shared >= round(full * wa, _ROUND) and shared >= round(full * wb, _ROUND):
                # Little rare content, but nearly all of it shared, on both sides.
                out.add((x, y))
    return sorted(out)


def _fix(
    fixes: dict[int, list[float]],
    postings: Sequence[int],
    rare: bool,
    c: int,
    solo_rare: bool,
    solo_c: int,
) -> None:
    """Record how a stem both documents hold changes its sentences' rare weight: alone in its
    document it counted with df `solo_c` (if rare there); in the pair it counts with df `c`."""
    if not rare and not solo_rare:
        return
    d_count = int(rare) - int(solo_rare)
    d_log = (math.log(c) if rare else 0.0) - (math.log(solo_c) if solo_rare else 0.0)
    for x in postings:
        f = fixes.get(x)
        if f is None:
            fixes[x] = [d_count, d_log]
        else:
            f[0] += d_count
            f[1] += d_log


def _weights(
    solo: tuple[list[int], list[float]], fixes: dict[int, list[float]], log_n: float
) -> list[float]:
    """Per sentence, the summed pair IDF (1 - log df / log n) of its rare stems: the document's
    own counts (`solo`: rare-stem count and log-df sum) corrected for the stems both share."""
    counts, logs = solo
    out = [round(cnt - lg / log_n, _ROUND) for cnt, lg in zip(counts, logs, strict=True)]
    for x, (d_count, d_log) in fixes.items():
        out[x] = round((counts[x] + d_count) - (logs[x] + d_log) / log_n, _ROUND)
    return out


def shared_weight(
    idf: dict[str, float],
    stems: tuple[frozenset[str], frozenset[str]],
    names: tuple[dict[str, float], dict[str, float]],
    total: float,
) -> tuple[float, float]:
    """IDF-weighted Dice overlap (0..1) of two stem sets, and the IDF of their shared facts.

    Every stem counts, common ones too; a stem written as a name on either side counts at
    ALIGN_NAME_WEIGHT. Shared facts are the shared stems that are a name on neither side: the
    verbs, nouns and numbers that say what happened.

    Args:
        stems: the two stem sets; names: the name stems of each, with their shares.
        total: the summed weighted IDF of both sets (precomputed by the caller).
    Returns:
        (overlap 0..1, summed IDF of the shared non-name stems).
    """
    if total <= 0.0:
        return 0.0, 0.0
    shared = stems[0] & stems[1]
    na, nb = names
    # Hot path (every candidate): list comprehensions, each stem's IDF looked up once; the
    # sums run in the same order as before, so the result is bit-identical.
    values = [idf[s] for s in shared]
    named = [k for k, s in enumerate(shared) if s in na or s in nb] if na or nb else []
    facts = sum(values) - sum([values[k] for k in named])
    if not named:
        return 2.0 * facts / total, facts
    w = thresholds.ALIGN_NAME_WEIGHT
    keys = list(shared)
    # A stem shared as a name counts as little as its lighter side (Dice stays within 0..1).
    overlap = facts + sum(
        [values[k] * w * min(na.get(keys[k], 1.0), nb.get(keys[k], 1.0)) for k in named]
    )
    return 2.0 * overlap / total, facts

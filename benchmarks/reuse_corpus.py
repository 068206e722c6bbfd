"""A generated corpus that looks like one story's coverage, with gold at character offsets.

Why another generator: `corpus_gen.py` draws words from a random vocabulary, so its articles
barely overlap; a wire story reprinted by hundreds of outlets is the opposite - every article
shares most of its text with every other, in rewritten, trimmed and reordered forms, beside
prose that uses the same names and phrasing but says something else.

The story: a pool of source passages (2-3 consecutive sentences each) made of the seed story's
own sentences (`seeds/003_…txt`, the Kommersant report) and of generated story prose built from
templates over the story's names, places and numbers. Articles:
- reprints (85 %): the lede-heavy head of the pool, trimmed from the bottom, a few passages
  dropped or swapped, each passage rendered with one PAN obfuscation kind (KINDS), with a few
  sentences of the outlet's own prose (distractors) between passages;
- analyses (15 %): mostly distractor prose, quoting one to three pool sentences.
Distractor sentences come from the same templates and vocabulary as the generated story prose
but are never in the pool, and none shares more than half its words with a pool sentence: they
share vocabulary and phrasing, not content.

Gold: per article, its passages (`GoldPassage`: character range, pool passage id, kind) and
its sentences (`GoldSentence`: range, the pool sentences it carries). Deterministic per seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core.model import Document, document_id

KINDS = (
    "verbatim",
    "edit10",
    "edit20",
    "edit30",
    "synonyms",
    "clause_move",
    "split_join",
    "summary",
)
# How often a reprinted passage gets each kind: most wire reprints are verbatim or lightly edited.
_KIND_WEIGHTS = (30, 10, 8, 6, 12, 12, 12, 10)
_SEED_STORY = Path(__file__).resolve().parents[1] / "seeds" / "003_75d49b24c4eb6244.txt"


@dataclass(frozen=True)
class GoldPassage:
    """A rendering of pool passage `source` at [start, end) of an article, made by `kind`."""

    start: int
    end: int
    source: int
    kind: str


@dataclass(frozen=True)
class GoldSentence:
    """One generated sentence at [start, end) and the pool sentences it carries (empty for the
    article's own prose and distractors)."""

    start: int
    end: int
    carries: frozenset[int]


@dataclass
class ReuseCorpus:
    documents: list[Document]
    passages: list[list[GoldPassage]]  # per article
    sentences: list[list[GoldSentence]]  # per article
    pool: list[list[str]] = field(default_factory=list)  # pool passages as sentences


_NAMES = [
    "Sergei Lavrov",
    "Joe Biden",
    "Vladimir Putin",
    "Anthony Blinken",
    "Zalmay Khalilzad",
    "Shavkat Mirziyoyev",
    "Abdulaziz Kamilov",
    "Sirojiddin Mukhriddin",
    "Mark Milley",
    "Valery Gerasimov",
]
_ROLES = [
    "the foreign minister",
    "a senior diplomat",
    "a Kremlin spokesman",
    "a Pentagon official",
    "an Uzbek official",
    "a Tajik security source",
    "a CSTO officer",
    "a State Department spokesperson",
]
_PLACES = [
    "Tashkent",
    "Dushanbe",
    "Termez",
    "Kabul",
    "Geneva",
    "Helsinki",
    "Bishkek",
    "Manas",
    "Khanabad",
    "Mazar-i-Sharif",
]
_SUBJECTS = [
    "military bases",
    "drone flights",
    "intelligence sharing",
    "refugee camps",
    "border patrols",
    "transit routes",
    "counterterrorism cooperation",
    "air corridors",
    "radar data",
    "logistics hubs",
]
_VERBS = [
    "discussed",
    "rejected",
    "welcomed",
    "questioned",
    "proposed",
    "postponed",
    "criticised",
    "reviewed",
]
_WHEN = [
    "on Monday",
    "on Tuesday",
    "last week",
    "in June",
    "on July 1",
    "after the summit",
    "during the conference",
    "late on Friday",
]
_TEMPLATES = [
    "{name} {verb} the question of {subject} with {role} in {place} {when}.",
    "According to {role}, {subject} near {place} were {verb} {when}, and {n} people were affected.",
    "{when_cap}, {role} said that {subject} in {place} would cost about {n} million dollars.",
    "In {place}, {name} told reporters that {subject} had been {verb} by the government.",
    "Talks on {subject} between {place} and Moscow were {verb} {when}, {role} confirmed.",
    "{name}, speaking in {place}, warned that {subject} could draw {n} fighters to the border.",
    "The plan for {subject}, which {role} {verb} {when}, would involve {n} troops in {place}.",
    "{role_cap} said {when} that {name} had {verb} a proposal on {subject} for {place}.",
]


def _fill(rng: random.Random, template: str) -> str:
    when = rng.choice(_WHEN)
    role = rng.choice(_ROLES)
    return template.format(
        name=rng.choice(_NAMES),
        verb=rng.choice(_VERBS),
        subject=rng.choice(_SUBJECTS),
        role=role,
        role_cap=role[0].upper() + role[1:],
        place=rng.choice(_PLACES),
        when=when,
        when_cap=when[0].upper() + when[1:],
        n=rng.choice([12, 40, 100, 250, 600, 1500, 3000, 8]),
    )


def _seed_sentences() -> list[str]:
    """The seed story's body sentences of eight words or more (headings and fragments left)."""
    parts: list[str] = []
    for line in _SEED_STORY.read_text(encoding="utf-8").splitlines():
        parts += re.split(r"(?<=[.!?”])\s+(?=[“A-Z])", " ".join(line.split()))
    return [p for p in parts if len(p.split()) >= 8 and p[-1] in ".!?”"]


def _words(sentence: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", sentence)}


def _too_close(sentence: str, pool: list[set[str]]) -> bool:
    """Whether `sentence` shares more than half its words with a pool sentence."""
    mine = _words(sentence)
    return any(len(mine & other) * 2 > len(mine) for other in pool)


def _build_pool(rng: random.Random, extra: int) -> list[list[str]]:
    """Pool passages of 2-3 sentences: the seed story's sentences, then `extra` generated
    story sentences, cut in order into passages."""
    flat = _seed_sentences() + [_fill(rng, rng.choice(_TEMPLATES)) for _ in range(extra)]
    passages: list[list[str]] = []
    k = 0
    while k < len(flat):
        size = rng.choice((2, 3))
        passages.append(flat[k : k + size])
        k += size
    return passages


_SYNONYMS = {
    "said": "stated",
    "announced": "declared",
    "warned": "cautioned",
    "offered": "proposed",
    "situation": "state of affairs",
    "countries": "nations",
    "country": "nation",
    "authorities": "officials",
    "military": "armed",
    "bases": "installations",
    "region": "area",
    "threat": "danger",
    "risks": "dangers",
    "however": "yet",
    "also": "additionally",
    "said that": "stated that",
    "interested": "keen",
    "sources": "informants",
    "large": "big",
    "rapidly": "quickly",
    "key": "main",
    "conference": "meeting",
    "stressed": "emphasised",
    "United States": "US",
    "Americans": "US officials",
    "government": "administration",
    "request": "demand",
    "plans": "proposals",
    "problems": "difficulties",
    "continues": "keeps on",
    "reported": "wrote",
    "talks": "negotiations",
    "people": "persons",
    "foreign": "overseas",
    "recent": "latest",
    "prospects": "outlook",
    "would": "could",
    "near": "close to",
    "told": "informed",
    "confirmed": "acknowledged",
    "proposal": "offer",
    "cost": "require",
}
_FILLERS = ["reportedly", "indeed", "now", "also", "officially", "again", "still", "widely"]


def _edit_words(rng: random.Random, sentence: str, rate: float, vocab: list[str]) -> str:
    """Random word edits: each word, with probability `rate`, dropped, replaced by a word of
    the story's vocabulary, or followed by an inserted one."""
    out: list[str] = []
    for w in sentence.split():
        if rng.random() >= rate:
            out.append(w)
            continue
        action = rng.random()
        if action < 0.4:
            continue
        if action < 0.8:
            out.append(rng.choice(vocab) + (w[-1] if w[-1] in ",.;:!?”" else ""))
        else:
            out.extend([w, rng.choice(_FILLERS)])
    return _sentence_case(" ".join(out) if out else sentence)


def _synonyms(rng: random.Random, sentence: str) -> str:
    out = sentence
    for word, syn in _SYNONYMS.items():
        if rng.random() < 0.85:
            out = re.sub(rf"\b{re.escape(word)}\b", syn, out)
    return out


def _sentence_case(s: str) -> str:
    s = s.strip()
    if not s:
        return s
    s = s[0].upper() + s[1:]
    return s if s[-1] in ".!?”" else s.rstrip(",;:") + "."


def _clause_moves(rng: random.Random, sents: list[str]) -> list[str]:
    """Each sentence's trailing clause (after its last comma) moved to the front of the next
    sentence, so a sentence's words straddle a boundary; the last sentence's clause moves to the
    front of its own sentence."""
    out = list(sents)
    for k in range(len(out)):
        head, sep, tail = out[k].rpartition(", ")
        if not sep or len(tail.split()) < 3 or len(head.split()) < 4:
            continue
        tail = tail.rstrip(".!?”")
        if k + 1 < len(out):
            out[k] = _sentence_case(head)
            nxt = out[k + 1]
            out[k + 1] = _sentence_case(tail + ", " + nxt[0].lower() + nxt[1:])
        else:
            out[k] = _sentence_case(tail + ", " + head[0].lower() + head[1:])
    return out


def _split_join(rng: random.Random, sents: list[str]) -> list[tuple[str, frozenset[int]]]:
    """Long sentences split at a comma or "and", short neighbours joined with "; "."""
    out: list[tuple[str, frozenset[int]]] = []
    k = 0
    while k < len(sents):
        s = sents[k]
        cut = max(s.find(", ", len(s) // 3), s.find(" and ", len(s) // 3))
        if len(s.split()) > 16 and cut > 0:
            first, rest = s[:cut], s[cut:].lstrip(", ").removeprefix("and ").strip()
            out += [(_sentence_case(first), frozenset([k])), (_sentence_case(rest), frozenset([k]))]
        elif k + 1 < len(sents):
            nxt = sents[k + 1]
            joined = s.rstrip(".!?") + "; " + nxt[0].lower() + nxt[1:]
            out.append((_sentence_case(joined), frozenset([k, k + 1])))
            k += 1
        else:
            out.append((s, frozenset([k])))
        k += 1
    return out


_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "that",
        "this",
        "is",
        "was",
        "were",
        "be",
        "by",
        "for",
        "on",
        "with",
        "as",
        "at",
        "it",
        "its",
    ]
)


def _summary(rng: random.Random, sents: list[str]) -> str:
    """Compression: the passage's content words, about half of the other words dropped, in one
    sentence."""
    words: list[str] = []
    for s in sents:
        for w in s.rstrip(".!?”").split():
            if w.lower() in _STOP and rng.random() < 0.6:
                continue
            if rng.random() < 0.25:
                continue
            words.append(w)
    return _sentence_case(" ".join(words))


def render(
    rng: random.Random, sents: list[str], kind: str, vocab: list[str]
) -> list[tuple[str, frozenset[int]]]:
    """A passage's sentences rewritten by `kind`, each with the passage sentences (local
    indexes) it carries."""
    each = [frozenset([k]) for k in range(len(sents))]
    if kind == "verbatim":
        return list(zip(sents, each, strict=True))
    if kind.startswith("edit"):
        rate = int(kind[4:]) / 100
        return [(_edit_words(rng, s, rate, vocab), c) for s, c in zip(sents, each, strict=True)]
    if kind == "synonyms":
        return [(_synonyms(rng, s), c) for s, c in zip(sents, each, strict=True)]
    if kind == "clause_move":
        moved = _clause_moves(rng, sents)
        # A sentence that received the previous one's clause carries both.
        carries = [
            frozenset([k - 1, k]) if k and moved[k] != sents[k] else c for k, c in enumerate(each)
        ]
        return list(zip(moved, carries, strict=True))
    if kind == "split_join":
        return _split_join(rng, sents)
    return [(_summary(rng, sents), frozenset(range(len(sents))))]


def _distractors(rng: random.Random, count: int, pool_words: list[set[str]]) -> list[str]:
    """`count` different distractor sentences: each is printed once in the whole corpus, since a
    sentence two articles both print is shared text, whatever its origin."""
    out: dict[str, None] = {}
    while len(out) < count:
        s = _fill(rng, rng.choice(_TEMPLATES))
        if not _too_close(s, pool_words):
            out[s] = None
    return list(out)


def generate(n_articles: int = 100, seed: int = 1, extra_pool: int = 60) -> ReuseCorpus:
    """`n_articles` articles covering one story (see the module docstring), deterministic per
    `seed`; the first article is the wire original (the pool's head, verbatim)."""
    rng = random.Random(seed)
    pool = _build_pool(rng, extra_pool)
    offsets = [0]
    for p in pool:
        offsets.append(offsets[-1] + len(p))
    pool_words = [_words(s) for p in pool for s in p]
    vocab = sorted({w for p in pool for s in p for w in re.findall(r"[A-Za-z]{4,}", s)})
    distractors = _distractors(rng, 16 * n_articles, pool_words)
    corpus = ReuseCorpus([], [], [], pool)
    for k in range(n_articles):
        if k and rng.random() < 0.15:
            plan = _analysis_plan(rng, pool)
        else:
            plan = _reprint_plan(rng, pool, original=k == 0)
        text, gold_p, gold_s = _write(rng, plan, pool, offsets, vocab, distractors)
        doc = Document(document_id(text), f"article {k}", f"outlet {k}", "", "", "en", "", text)
        corpus.documents.append(doc)
        corpus.passages.append(gold_p)
        corpus.sentences.append(gold_s)
    return corpus


Plan = list[tuple[str, int, str]]  # ("pool", passage, kind) or ("own", count, "")


def _reprint_plan(rng: random.Random, pool: list[list[str]], original: bool) -> Plan:
    """A reprint: the head of the pool trimmed from the bottom, a few passages dropped, a pair
    swapped, kinds drawn by _KIND_WEIGHTS, own prose between some passages."""
    keep = len(pool) if original else rng.randint(4, min(len(pool), 16))
    chosen = [p for p in range(keep) if original or rng.random() > 0.25]
    if not original and len(chosen) > 3:
        a = rng.randrange(len(chosen) - 1)
        chosen[a], chosen[a + 1] = chosen[a + 1], chosen[a]
    plan: Plan = []
    for p in chosen:
        kind = "verbatim" if original else rng.choices(KINDS, _KIND_WEIGHTS)[0]
        plan.append(("pool", p, kind))
        if not original and rng.random() < 0.25:
            plan.append(("own", rng.randint(1, 2), ""))
    return plan


def _analysis_plan(rng: random.Random, pool: list[list[str]]) -> Plan:
    """An analysis: own prose with one to three quoted pool passages, verbatim or lightly
    edited."""
    plan: Plan = [("own", rng.randint(2, 4), "")]
    for p in sorted(rng.sample(range(len(pool)), rng.randint(1, 3))):
        plan.append(("pool", p, rng.choice(("verbatim", "edit10"))))
        plan.append(("own", rng.randint(2, 4), ""))
    return plan


def _write(
    rng: random.Random,
    plan: Plan,
    pool: list[list[str]],
    offsets: list[int],
    vocab: list[str],
    distractors: list[str],
) -> tuple[str, list[GoldPassage], list[GoldSentence]]:
    """The article's text (paragraph per plan item) with its gold passages and sentences."""
    parts: list[str] = []
    gold_p: list[GoldPassage] = []
    gold_s: list[GoldSentence] = []
    at = 0
    for what, n, kind in plan:
        if what == "own":
            rendered = [(distractors.pop(), frozenset[int]()) for _ in range(n)]
        else:
            base = offsets[n]
            rendered = [
                (s, frozenset(base + c for c in carried))
                for s, carried in render(rng, pool[n], kind, vocab)
            ]
        if parts:
            parts.append("\n\n")
            at += 2
        start = at
        for idx, (s, carried) in enumerate(rendered):
            if idx:
                parts.append(" ")
                at += 1
            gold_s.append(GoldSentence(at, at + len(s), carried))
            parts.append(s)
            at += len(s)
        if what == "pool":
            gold_p.append(GoldPassage(start, at, n, kind))
    return "".join(parts), gold_p, gold_s

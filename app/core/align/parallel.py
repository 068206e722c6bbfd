"""Many document pairs on all cores: this process and a pool of worker processes share the work.

Pure-Python scoring holds the GIL, so threads would not run pairs in parallel; processes do.
Workers are forked when that is safe - the aligning process is single-threaded, as in the
command line and scripts - and spawned otherwise (the GUI aligns from a Qt thread pool, and
forking such a process copies its other threads' locks in whatever state they were). See
`start_method`.

A spawned worker takes a while to start (a fresh interpreter importing the aligner, 0.3-0.5 s
on the 2-core machine), so this process never waits for one: it indexes documents while the
workers start, then aligns blocks of pairs from the front of the list while the workers take
blocks from the back, a few at a time. A forked worker is up at once and inherits what this
process holds (`_forked`). With one process per core in all (this one included), nothing is
left idle. A pair's result is a function of its two texts alone, so it
is the same whoever aligns it (tests/core/test_align_scale.py).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.core import thresholds
from app.core.align.candidates import DocIndex, index_document
from app.core.align.pairs import Pair, PairHit, RowAligner, indexing_progress, row_blocks
from app.core.model import Document, Passage
from app.core.progress import CancelToken, ProgressFn

_T = TypeVar("_T")
_R = TypeVar("_R")
_W = TypeVar("_W")
_Results = list[tuple[Pair, list[PairHit]]]


def align_in_pool(
    docs: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    pairs: Sequence[Pair],
    indexes: dict[int, DocIndex],
    needed: list[int],
    min_score: float,
    processes: int,
    progress: ProgressFn,
    cancel: CancelToken | None,
    method: str,
) -> Iterator[tuple[Pair, list[PairHit]]]:
    """`pairs.align_pairs` on `processes` processes: this one and processes - 1 workers.

    Args: as align_pairs; `needed` are the documents still to index into `indexes`; `method`
        starts the workers, "fork" or "spawn" (`start_method`).
    Raises: Cancelled when `cancel` fires (the pool is shut down first).
    """
    helpers = max(1, processes - 1)
    blocks = row_blocks(pairs, processes * thresholds.ALIGN_BLOCKS_PER_WORKER)
    job = _Job(docs, passages, indexes, needed, helpers, min_score, blocks, progress, cancel)
    done = 0
    for results in (_forked if method == "fork" else _spawned)(job):
        done += len(results)
        yield from results
        progress(done / len(pairs), f"aligned {done} of {len(pairs)} document pairs")


@dataclass(frozen=True)
class _Job:
    """What both ways of running workers need (see align_in_pool for the fields)."""

    docs: Sequence[Document]
    passages: Sequence[Sequence[Passage]]
    indexes: dict[int, DocIndex]
    needed: list[int]
    helpers: int
    min_score: float
    blocks: list[list[Pair]]
    progress: ProgressFn
    cancel: CancelToken | None

    def index(self, pool: ProcessPoolExecutor, ready: Future[None] | None) -> None:
        """Index the needed documents, shared with the pool (`_index_shared`)."""
        _index_shared(
            pool,
            ready,
            self.docs,
            self.passages,
            self.needed,
            self.indexes,
            self.helpers,
            self.progress,
            self.cancel,
        )
        self.progress(0.0, "indexed documents")


def _spawned(job: _Job) -> Iterator[_Results]:
    """Spawned workers: they start with nothing, so documents and indexes go through files."""
    with tempfile.TemporaryDirectory(prefix="parallax-align-") as tmp:
        # The documents go through a file, not the pool's initargs: a spawned worker reads its
        # start-up data only after importing the main module, and the parent's write of a
        # large payload blocks until then - one worker after the other (measured: 1 s of a
        # 3 s alignment of 100 articles on 2 cores).
        docs_file = _dump(Path(tmp) / "documents.pickle", [_light(d) for d in job.docs])
        with _pool(job.helpers, "spawn", docs_file) as pool:
            ready = pool.submit(_ready)  # starts the workers; done once one is up
            job.index(pool, ready)
            index_file = _dump(Path(tmp) / "indexes.pickle", job.indexes)
            shared = _SharedBlocks(pool, ready, job.helpers, index_file, job.min_score, job.blocks)
            yield from shared.run(RowAligner(job.docs, job.indexes), job.cancel)


def _forked(job: _Job) -> Iterator[_Results]:
    """Forked workers inherit what this process holds at the fork, so nothing goes through
    files: a first pool shares the indexing (its workers inherit the documents), a second one,
    forked once the row aligner is built, inherits it whole (building it again in a worker
    cost 0.1 s at 100 articles, pickling the indexes across 0.03 s more)."""
    global _worker_docs
    _worker_docs = list(job.docs)
    try:
        with _pool(job.helpers, "fork", None) as pool:
            job.index(pool, None)
        rows = RowAligner(job.docs, job.indexes)
        _worker_rows[_INHERITED] = rows
        with _pool(job.helpers, "fork", None) as pool:
            shared = _SharedBlocks(pool, None, job.helpers, _INHERITED, job.min_score, job.blocks)
            yield from shared.run(rows, job.cancel)
    finally:
        _worker_docs = []
        _worker_rows.clear()


@contextmanager
def _pool(helpers: int, method: str, docs_file: str | None) -> Iterator[ProcessPoolExecutor]:
    """A pool of `helpers` workers started by `method`; shut down on the way out (queued work
    dropped, so a cancel or an error does not wait for it)."""
    pool = ProcessPoolExecutor(
        helpers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(docs_file,),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_fork_allowed = True


def forbid_fork() -> None:
    """Never fork workers in this process: the desktop app calls this at start-up, since Qt runs
    threads of its own that Python's `threading` does not see."""
    global _fork_allowed
    _fork_allowed = False


def start_method() -> str:
    """ "fork" when forking is safe, else "spawn".

    Forking skips a worker's interpreter start and imports (0.3-0.5 s each) and lets workers
    inherit the documents and indexes instead of reading them from files. It is safe only when
    no other thread can hold a lock at the moment of the fork: this process has no other Python
    thread, aligns from its main thread, and has not called `forbid_fork` (the desktop app).
    PARALLAX_ALIGN_START=spawn or =fork decides instead (tests cover both paths with it).
    """
    forced = os.environ.get("PARALLAX_ALIGN_START", "")
    if forced in ("fork", "spawn"):
        return forced
    alone = threading.active_count() == 1
    main = threading.current_thread() is threading.main_thread()
    can = "fork" in multiprocessing.get_all_start_methods()
    return "fork" if _fork_allowed and alone and main and can else "spawn"


def parallel_min_pairs(method: str) -> int:
    """Fewer document pairs than this are aligned in this process alone when workers would be
    started by `method`: sharing them costs more than it gains (thresholds.py has the crossover
    measured for each start method)."""
    if method == "fork":
        return thresholds.ALIGN_PARALLEL_MIN_PAIRS_FORKED
    return thresholds.ALIGN_PARALLEL_MIN_PAIRS


class _SharedBlocks:
    """Blocks of pairs aligned from both ends: this process takes the front, the pool the back.

    The pool gets blocks only once a worker is up, and at most ALIGN_POOL_QUEUE per worker
    ahead, so when the two ends meet little is left queued: blocks not yet picked up are taken
    back and aligned here.
    """

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        ready: Future[None] | None,
        helpers: int,
        index_file: str,
        min_score: float,
        blocks: list[list[Pair]],
    ) -> None:
        self._pool, self._ready = pool, ready
        self._index_file, self._min_score = index_file, min_score
        self._ahead = helpers * thresholds.ALIGN_POOL_QUEUE
        self._blocks = deque(blocks)
        self._sent: dict[Future[_Results], list[Pair]] = {}

    def run(self, rows: RowAligner, cancel: CancelToken | None) -> Iterator[_Results]:
        """Results block by block, in whatever order blocks finish. Should the pool break (a
        worker killed, or a script without the `if __name__ == "__main__"` guard that spawn
        needs), its blocks come back here and are aligned in this process."""
        self._top_up()
        while self._blocks or self._sent:
            if cancel is not None:
                cancel.check()
            yield from self._collect(block=not self._blocks)
            if self._blocks:
                yield list(rows.align(self._blocks.popleft(), self._min_score))
                self._top_up()
            else:
                self._take_back()

    def _top_up(self) -> None:
        """Queue blocks from the back for the pool, once a worker is up (see _index_shared)."""
        if not _usable(self._ready):
            return
        while len(self._sent) < self._ahead and len(self._blocks) > 1:
            block = self._blocks.pop()
            try:
                future = self._pool.submit(_pair_block, self._index_file, block, self._min_score)
            except BrokenProcessPool:
                self._blocks.append(block)
                return
            self._sent[future] = block

    def _take_back(self) -> None:
        """Blocks no worker has picked up yet: cheaper here than waiting for a worker."""
        self._blocks.extend(_take_back(self._sent))

    def _collect(self, block: bool) -> Iterator[_Results]:
        """Results of the pool's finished blocks; with `block`, waits (a cancel poll at most)
        for at least one. A block the broken pool lost goes back on the list."""
        if block:
            wait(self._sent, timeout=thresholds.ALIGN_CANCEL_POLL, return_when=FIRST_COMPLETED)
        for future in [f for f in self._sent if f.done()]:
            block_of = self._sent.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                self._blocks.append(block_of)
                continue
            yield results


def _take_back(sent: dict[Future[_R], _W]) -> list[_W]:
    """The work of `sent` that no worker has started, withdrawn from the pool and from `sent`
    (last queued first): cheaper to do here than to wait for a worker."""
    taken: list[_W] = []
    for future, work in reversed(list(sent.items())):
        if future.cancel():
            del sent[future]
            taken.append(work)
    return taken


def _usable(ready: Future[None] | None) -> bool:
    """Whether a worker has started (and the pool has not broken); None: forked workers, up
    at once (waiting for the probe's answer cost 0.1 s of indexing)."""
    return ready is None or (ready.done() and not ready.cancelled() and ready.exception() is None)


# Worker-process state. Spawned workers: the documents read by _init_worker, the indexes loaded
# once per worker from a file. Forked workers: both set here by `_forked` before the fork.
_worker_docs: list[Document] = []
_worker_rows: dict[str, RowAligner] = {}
# The key of the row aligner a forked worker inherits (in place of an index file's path).
_INHERITED = ""


def _init_worker(docs_file: str | None) -> None:
    """Worker start: a spawned worker reads the documents from the file the parent wrote; a
    forked one has them already (see `_forked`)."""
    global _worker_docs
    gc.disable()  # the worker only aligns, and lives as long as one alignment (see paused_gc)
    # A worker's heap dies with its process: tearing it down object by object at exit cost
    # 0.5 s at 400 articles, which the parent waits for. Registered last, this runs first at
    # exit; a worker has nothing else to flush (results go back synchronously, nothing printed).
    atexit.register(os._exit, 0)
    if docs_file is not None:
        _worker_docs = pickle.loads(Path(docs_file).read_bytes())


def _ready() -> None:
    """Nothing: done as soon as a worker has started (align_in_pool hands work out after)."""


def _pair_block(index_file: str, block: list[Pair], min_score: float) -> _Results:
    rows = _worker_rows.get(index_file)
    if rows is None:
        _worker_rows.clear()
        rows = RowAligner(_worker_docs, pickle.loads(Path(index_file).read_bytes()))
        _worker_rows[index_file] = rows
    return list(rows.align(block, min_score))


def _light(doc: Document) -> Document:
    """The fields a worker needs (ids and text), without raw text, junk and marks."""
    return Document(doc.id, doc.title, "", "", "", "", "", doc.text)


def _dump(path: Path, value: object) -> str:
    """Pickle `value` to `path`; the path as a string (what workers are handed)."""
    path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return str(path)


def _index_shared(
    pool: ProcessPoolExecutor,
    ready: Future[None] | None,
    docs: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    needed: list[int],
    indexes: dict[int, DocIndex],
    helpers: int,
    progress: ProgressFn,
    cancel: CancelToken | None,
) -> None:
    """Index the `needed` documents into `indexes`, sharing the work with started workers.

    Every pair waits for the indexes, and a worker takes a while to start: so this process
    indexes from the front of the list at once, and hands chunks from the back to the pool only
    once a worker is up (`ready`): work queued for a worker still starting would hold this
    process up at the end. The result is the same whoever indexes a document (a function of its
    text).
    """
    todo = deque(needed)
    size = max(1, len(needed) // (8 * (helpers + 1)))
    sent: dict[Future[list[tuple[int, DocIndex]]], list[int]] = {}
    while todo:
        if cancel is not None:
            cancel.check()
        running = sum(not f.done() for f in sent)
        if _usable(ready) and running < helpers * thresholds.ALIGN_POOL_QUEUE and len(todo) > size:
            chunk = [todo.pop() for _ in range(size)]
            try:
                future = pool.submit(_index_chunk, [(k, list(passages[k])) for k in chunk])
            except BrokenProcessPool:
                todo.extend(chunk)
            else:
                sent[future] = chunk
        k = todo.popleft()
        indexing_progress(progress, len(needed) - len(todo) - 1, len(needed))
        indexes[k] = index_document(docs[k], passages[k])
    for chunk in _take_back(sent):
        indexes.update((k, index_document(docs[k], passages[k])) for k in chunk)
    for future in _completed(list(sent), cancel):
        try:
            indexes.update(future.result())
        except BrokenProcessPool:  # the pool broke: index its share here
            indexes.update((k, index_document(docs[k], passages[k])) for k in sent[future])


def _index_chunk(items: list[tuple[int, list[Passage]]]) -> list[tuple[int, DocIndex]]:
    """In a worker: `index_document` of each (document number, its sentences)."""
    return [(k, index_document(_worker_docs[k], sents)) for k, sents in items]


def _completed(futures: list[Future[_T]], cancel: CancelToken | None) -> Iterator[Future[_T]]:
    """`futures` as they finish; checks `cancel` at least every ALIGN_CANCEL_POLL seconds."""
    pending = set(futures)
    while pending:
        if cancel is not None:
            cancel.check()
        done, pending = wait(
            pending, timeout=thresholds.ALIGN_CANCEL_POLL, return_when=FIRST_COMPLETED
        )
        yield from done

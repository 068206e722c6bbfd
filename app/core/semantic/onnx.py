"""The one way Parallax loads onnxruntime and opens a model session: with telemetry off.

Why: the official onnxruntime wheels (1.29 and later on Linux) write a telemetry queue with a
device id, the OS, CPU, memory and the Python path to `~/.cache/Microsoft/DeveloperTools/
.onnxruntime/` as soon as the module is imported, outside PARALLAX_HOME and without asking. The
library reads `ORT_DISABLE_TELEMETRY` once, when it is imported, so the variable has to be set
before the first import; `disable_telemetry_events()` is called as well for builds that only
honour the API switch.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

_TELEMETRY_OFF = "ORT_DISABLE_TELEMETRY"


def load_runtime() -> Any:
    """The onnxruntime module, imported with its telemetry turned off.

    Raises ImportError when onnxruntime is not installed (it is an optional extra).
    """
    os.environ[_TELEMETRY_OFF] = "1"
    # Imported by name: optional (the semantic extra), and it ships no type information.
    ort: Any = importlib.import_module("onnxruntime")
    switch = getattr(ort, "disable_telemetry_events", None)
    if switch is not None:
        switch()
    return ort


def open_session(path: Path, options: Any = None) -> Any:
    """An onnxruntime CPU session for the model file at `path`, telemetry off.

    `options` is an `onnxruntime.SessionOptions` (built from `load_runtime()`), or None for the
    library's defaults.
    """
    ort = load_runtime()
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

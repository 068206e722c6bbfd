"""A run writes nothing outside Parallax's own folders: the model-backed CLI alignment, an
export and a whole GUI session offscreen, each in a home of its own (HOME and every XDG folder
pointed into a temporary tree), which must hold nothing afterwards but PARALLAX_HOME and the
output the run was asked for. The onnxruntime wheels otherwise leave a telemetry queue with a
device id under ~/.cache/Microsoft."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.semantic import embedder

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("00[1-3]_*.txt"))


def _isolated_env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PARALLAX_HOME=str(tmp / "parallax"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    env.pop("ORT_DISABLE_TELEMETRY", None)  # the app must turn telemetry off by itself
    for folder in (home, home / "run", tmp / "work", tmp / "out"):
        folder.mkdir(parents=True, exist_ok=True)
    (home / "run").chmod(0o700)
    return env


def _written_outside(tmp: Path, allowed: set[str]) -> list[str]:
    """Every file under `tmp` that is not in PARALLAX_HOME or an allowed output folder."""
    found = []
    for path in tmp.rglob("*"):
        top = path.relative_to(tmp).parts[0]
        if top not in allowed and not path.is_dir():
            found.append(str(path.relative_to(tmp)))
    return sorted(found)


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=tmp / "work",
        env=_isolated_env(tmp),
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


@pytest.fixture
def model_ready() -> None:
    if not embedder.available():
        pytest.fail(f"the semantic extra is needed here: {embedder.why_unavailable()}")


@pytest.mark.usefixtures("model_ready")
def test_model_alignment_writes_only_parallax_folders(tmp_path: Path) -> None:
    done = _run(tmp_path, "align", *SEEDS, "--semantic", "--json")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "parallax" / "cache" / "embeddings.db").is_file()  # the model ran
    assert _written_outside(tmp_path, {"parallax"}) == []


@pytest.mark.usefixtures("model_ready")
def test_gui_session_and_export_write_only_parallax_folders(tmp_path: Path) -> None:
    shot = _run(tmp_path, "--screenshot", str(tmp_path / "out" / "window.png"), *SEEDS)
    assert shot.returncode == 0, shot.stderr
    export = _run(tmp_path, "export", *SEEDS, "--out", str(tmp_path / "out" / "export"))
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "out" / "window.png").is_file()
    assert (tmp_path / "out" / "export" / "report.pdf").is_file()
    assert _written_outside(tmp_path, {"parallax", "out"}) == []

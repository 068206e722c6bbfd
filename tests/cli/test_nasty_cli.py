"""`parallax show` on every nasty file (issue 7): exit 0, or exit 3 with one stderr line naming
the file — never a traceback. Each file runs in its own process, as a user would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.importers import printable_name
from tests.core.nasty_corpus import OK, NastyCase, build_corpus, unprivileged

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[NastyCase]:
    return build_corpus(tmp_path_factory.mktemp("nasty"))


def _show(case: NastyCase) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "app", "show", str(case.path)]
    return subprocess.run(
        unprivileged(command) if case.unreadable else command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,  # a hang fails the test instead of the suite
    )


def test_show_on_every_nasty_file(corpus: list[NastyCase]) -> None:
    failures = []
    for case in corpus:
        done = _show(case)
        if case.expect == OK:
            ok = done.returncode == 0 and done.stderr == "" and done.stdout.strip() != ""
        else:
            line = f"parallax: {printable_name(str(case.path))}: {case.expect}\n"
            ok = done.returncode == 3 and done.stderr == line
        if not ok:
            failures.append((case.name, done.returncode, done.stderr[-300:]))
    assert failures == []

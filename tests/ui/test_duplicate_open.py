"""One article opened twice (same path, or a copy under another name) gets one pane, and the
"skipped" dialog names each dropped file and the file it repeats."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.progress import CancelToken
from app.ui import launch
from app.ui.case_loader import load_documents

from .annotation_helpers import sized_window


def _copy_of(seed: str, folder: Path) -> str:
    copy = folder / "the same story.txt"
    shutil.copy(seed, copy)
    return str(copy)


def test_loader_drops_repeats_with_a_note(tmp_path: Path) -> None:
    first, second = launch.seed_files()[1:3]
    copy = _copy_of(first, tmp_path)
    docs, paths, errors = load_documents(
        [first, first, copy, second], lambda _f, _l: None, CancelToken()
    )
    assert paths == [first, second]
    assert [d.source_path for d in docs] == [first, second]
    assert [str(e) for e in errors] == [
        f"{first}: skipped (listed twice)",
        f"{copy}: skipped (same text as {first})",
    ]


def test_seed_twice_and_a_copy_open_one_pane(
    qtbot: QtBot, tmp_path: Path, no_modal_boxes: list[tuple[str, str]]
) -> None:
    seed = launch.seed_files()[1]
    copy = _copy_of(seed, tmp_path)
    win = sized_window(qtbot)
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files([seed, seed, copy])
    assert len(win.case_view.panes) == 1
    assert win.paths == [seed]
    assert len(no_modal_boxes) == 1
    title, text = no_modal_boxes[0]
    assert title == "Could not open some files"
    assert f"{seed}: skipped (listed twice)" in text
    assert f"{copy}: skipped (same text as {seed})" in text


def test_adding_a_copy_to_an_open_case_keeps_the_panes(
    qtbot: QtBot, tmp_path: Path, no_modal_boxes: list[tuple[str, str]]
) -> None:
    seeds = launch.seed_files()[1:3]
    win = sized_window(qtbot)
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files(seeds)
    assert len(win.case_view.panes) == 2 and no_modal_boxes == []
    copy = _copy_of(seeds[0], tmp_path)
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files([copy], replace=False)
    assert len(win.case_view.panes) == 2
    assert win.paths == seeds
    assert no_modal_boxes == [
        ("Could not open a file", f"{copy}: skipped (same text as {seeds[0]})")
    ]

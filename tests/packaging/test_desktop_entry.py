"""The Linux desktop entry and the app icons it names (packaging/linux, resources/icons)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "packaging" / "linux" / "parallax.desktop"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
OPENED_TYPES = {"text/plain", "text/markdown", "text/html", "application/pdf"}


def read_entry(path: Path) -> dict[str, str]:
    """The keys of the [Desktop Entry] group (the only group the file has)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    keys: dict[str, str] = {}
    for line in lines[1:]:
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            assert key not in keys, f"{key} given twice"
            keys[key] = value
    return keys


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; fails on anything that is not a PNG."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool is not None, (
        "desktop-file-validate is missing: install desktop-file-utils "
        "(packaging/bootstrap.sh does it on Debian)"
    )
    result = subprocess.run([tool, str(ENTRY)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # The validator exits 0 on hints and deprecation warnings too; there must be none.
    assert result.stdout.strip() == "", result.stdout


def test_entry_opens_the_article_formats_as_files() -> None:
    keys = read_entry(ENTRY)
    assert keys["Type"] == "Application"
    assert keys["Version"] == "1.4"
    assert keys["Terminal"] == "false"
    assert set(keys["Categories"].rstrip(";").split(";")) >= {"Office", "Viewer"}
    assert set(keys["MimeType"].rstrip(";").split(";")) >= OPENED_TYPES
    # %F: the desktop passes every selected file; `open` makes them the panes.
    assert keys["Exec"].split() == ["parallax", "open", "%F"]
    assert keys["TryExec"] == "parallax"


def test_entry_icon_is_a_theme_name_with_every_size_rendered() -> None:
    icon = read_entry(ENTRY)["Icon"]
    assert "/" not in icon and not icon.endswith((".png", ".svg"))
    assert (ICONS / f"{icon}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        assert png_size(ICONS / f"{icon}-{size}.png") == (size, size)


def test_open_with_files_hands_them_to_the_window_instead_of_the_seeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the launcher runs for a double-clicked article: `parallax open FILE...`.
    import app.ui.launch
    from app.cli import main

    calls: list[tuple[list[str], str | None]] = []

    def fake_run(files: list[str], screenshot: str | None = None) -> int:
        calls.append((files, screenshot))
        return 0

    monkeypatch.setattr(app.ui.launch, "run", fake_run)
    assert main(["open", "/tmp/a b.html", "/tmp/c.pdf"]) == 0
    assert main(["open"]) == 0
    assert calls == [(["/tmp/a b.html", "/tmp/c.pdf"], None), ([], None)]

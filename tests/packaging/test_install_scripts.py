"""packaging/linux/install.sh and uninstall.sh in a throw-away HOME with a fake tiny bundle.

The fake bundle is a shell script standing in for the PyInstaller executable: it writes the
arguments it was given to a file, so a test can check what a desktop launch would run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
UNINSTALL = ROOT / "packaging" / "linux" / "uninstall.sh"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
# What the scripts need on PATH besides the cache tools (for the "tools absent" run).
BASIC_TOOLS = ("env", "bash", "dirname", "cp", "rm", "mv", "mkdir", "ln", "readlink", "grep")
FAKE_EXE = '#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$(readlink -f "$0")")/args.txt"\n'


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A HOME with a space and shell/desktop-special characters in its path."""
    path = tmp_path / "ho me $x %y"
    path.mkdir()
    return path


def make_bundle(where: Path, version: str) -> Path:
    """A tiny stand-in for dist/Parallax: the executable plus one file naming the version."""
    bundle = where / f"bundle-{version}"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "parallax"
    exe.write_text(FAKE_EXE, encoding="utf-8")
    exe.chmod(0o755)
    (bundle / "_internal" / f"v{version}.txt").write_text(version, encoding="utf-8")
    return bundle


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return make_bundle(tmp_path, "1")


def run_script(
    script: Path, home: Path, *args: str, path: str | None = None, xdg: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    if path is not None:
        env["PATH"] = path
    if xdg is not None:
        env["XDG_DATA_HOME"] = str(xdg)
    return subprocess.run(
        [str(script), *args], env=env, capture_output=True, text=True, check=False
    )


def install(home: Path, bundle: Path, **kw: object) -> None:
    result = run_script(INSTALL, home, str(bundle), **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr


def uninstall(home: Path, **kw: object) -> None:
    result = run_script(UNINSTALL, home, **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and symlink under root (relative path -> content or link target)."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def split_exec(value: str) -> list[str]:
    """Split an Exec value into words: spaces separate, double quotes group, and inside quotes
    a backslash takes the next of " ` $ \\ literally (Desktop Entry spec 1.4, "Exec key")."""
    words: list[str] = []
    word, quoted, chars = "", False, iter(value)
    for ch in chars:
        if quoted and ch == "\\":
            word += next(chars)
        elif ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            if word:
                words.append(word)
            word = ""
        else:
            word += ch
    assert not quoted, f"unbalanced quotes in {value!r}"
    return [*words, word] if word else words


def desktop_exec_argv(entry: Path, files: list[str]) -> list[str]:
    """The command a desktop runs for the entry's Exec with %F = files."""
    lines = entry.read_text(encoding="utf-8").splitlines()
    value = next(ln for ln in lines if ln.startswith("Exec=")).removeprefix("Exec=")
    value = value.replace("\\\\", "\\")  # the string-level escape comes off first
    argv: list[str] = []
    for word in split_exec(value):
        argv += files if word == "%F" else [word.replace("%%", "%")]
    return argv


def test_files_land_where_expected(home: Path, bundle: Path) -> None:
    install(home, bundle)
    share = home / ".local" / "share"
    app_dir = share / "parallax-app"
    assert (app_dir / "_internal" / "v1.txt").read_text() == "1"
    assert os.access(app_dir / "parallax", os.X_OK)
    entry = share / "applications" / "parallax.desktop"
    assert f"TryExec={app_dir}/parallax" in entry.read_text(encoding="utf-8").splitlines()
    for size in ICON_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "parallax.png"
        assert (
            icon.read_bytes()
            == (ROOT / "resources" / "icons" / f"parallax-{size}.png").read_bytes()
        )
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "parallax.svg").is_file()
    launcher = home / ".local" / "bin" / "parallax"
    assert launcher.is_symlink() and launcher.resolve() == (app_dir / "parallax").resolve()
    subprocess.run([str(launcher), "show", "x.txt"], check=True)
    assert (share / "parallax-app" / "args.txt").read_text().split() == ["show", "x.txt"]


def test_installed_entry_validates_and_opens_the_given_files(home: Path, bundle: Path) -> None:
    install(home, bundle)
    entry = home / ".local" / "share" / "applications" / "parallax.desktop"
    tool = shutil.which("desktop-file-validate")
    assert tool is not None, "desktop-file-validate is missing: install desktop-file-utils"
    check = subprocess.run([tool, str(entry)], capture_output=True, text=True, check=False)
    assert check.returncode == 0 and check.stdout.strip() == "", check.stdout
    files = [str(home / "my article.html"), "/tmp/100% true.pdf"]
    argv = desktop_exec_argv(entry, files)
    assert argv[0] == str(home / ".local" / "share" / "parallax-app" / "parallax")
    subprocess.run(argv, check=True)
    args = (home / ".local" / "share" / "parallax-app" / "args.txt").read_text().splitlines()
    assert args == ["open", *files]


def test_installing_twice_leaves_one_entry_and_one_icon_set(home: Path, bundle: Path) -> None:
    install(home, bundle)
    install(home, bundle)
    share = home / ".local" / "share"
    assert sorted(p.name for p in (share / "applications").glob("*.desktop")) == [
        "parallax.desktop"
    ]
    icons = sorted(str(p.relative_to(share)) for p in (share / "icons").rglob("parallax.*"))
    expected = [f"icons/hicolor/{s}x{s}/apps/parallax.png" for s in ICON_SIZES]
    assert icons == sorted([*expected, "icons/hicolor/scalable/apps/parallax.svg"])
    assert [p.name for p in share.iterdir() if p.name.startswith("parallax-app")] == [
        "parallax-app"
    ]


def test_upgrade_replaces_the_old_bundle(home: Path, bundle: Path, tmp_path: Path) -> None:
    install(home, bundle)
    install(home, make_bundle(tmp_path, "2"))
    internal = home / ".local" / "share" / "parallax-app" / "_internal"
    assert sorted(p.name for p in internal.iterdir()) == ["v2.txt"]


def test_the_users_store_is_never_touched(home: Path, bundle: Path, tmp_path: Path) -> None:
    store = home / ".local" / "share" / "Parallax"
    store.mkdir(parents=True)
    (store / "parallax.db").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 4)
    (store / "backups").mkdir()
    (store / "backups" / "parallax-1.db").write_bytes(b"backup")
    before = snapshot(store)
    install(home, bundle)
    install(home, make_bundle(tmp_path, "2"))
    assert snapshot(store) == before
    uninstall(home)
    assert snapshot(store) == before


def test_uninstall_removes_what_install_put_and_nothing_else(home: Path, bundle: Path) -> None:
    share = home / ".local" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / "other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8"
    )
    (share / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (share / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"png")
    (home / ".local" / "bin").mkdir()
    (home / ".local" / "bin" / "other").write_text("#!/bin/sh\n", encoding="utf-8")
    before = snapshot(home)
    install(home, bundle)
    assert snapshot(home) != before
    uninstall(home)
    assert snapshot(home) == before


def test_uninstall_keeps_a_mime_cache_that_was_there(home: Path, bundle: Path) -> None:
    apps = home / ".local" / "share" / "applications"
    apps.mkdir(parents=True)
    cache = apps / "mimeinfo.cache"
    cache.write_text("[MIME Cache]\n", encoding="utf-8")
    install(home, bundle)
    uninstall(home)
    assert cache.is_file()
    assert "parallax" not in cache.read_text(encoding="utf-8")


def test_a_launcher_that_is_not_ours_is_kept(home: Path, bundle: Path) -> None:
    launcher = home / ".local" / "bin" / "parallax"
    launcher.parent.mkdir(parents=True)
    launcher.write_text("#!/bin/sh\necho pip-installed\n", encoding="utf-8")
    install(home, bundle)
    assert not launcher.is_symlink()
    assert launcher.read_text(encoding="utf-8") == "#!/bin/sh\necho pip-installed\n"
    uninstall(home)
    assert launcher.read_text(encoding="utf-8") == "#!/bin/sh\necho pip-installed\n"


def test_works_without_the_cache_tools(home: Path, bundle: Path, tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in BASIC_TOOLS:
        found = shutil.which(name)
        assert found is not None, f"{name} is needed to run the install scripts"
        (tools / name).symlink_to(found)
    install(home, bundle, path=str(tools))
    apps = home / ".local" / "share" / "applications"
    assert sorted(p.name for p in apps.iterdir()) == ["parallax.desktop"]  # no cache made
    uninstall(home, path=str(tools))
    assert not (apps / "parallax.desktop").exists()
    assert not (home / ".local" / "share" / "parallax-app").exists()


def test_xdg_data_home_is_honoured(home: Path, bundle: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    install(home, bundle, xdg=xdg)
    assert (xdg / "parallax-app" / "parallax").is_file()
    assert (xdg / "applications" / "parallax.desktop").is_file()
    assert not (home / ".local" / "share").exists()
    uninstall(home, xdg=xdg)
    assert not (xdg / "parallax-app").exists()


def test_a_missing_bundle_is_one_clear_error(home: Path, tmp_path: Path) -> None:
    result = run_script(INSTALL, home, str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"parallax install: {tmp_path / 'nowhere'}: no executable 'parallax' here; "
        "build it first with packaging/build.sh"
    ]
    assert not (home / ".local").exists()

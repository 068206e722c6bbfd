#!/usr/bin/env bash
# Build the double-click app: a one-folder PyInstaller bundle in dist/Parallax/.
#
#   packaging/build.sh            # from anywhere; sets up .venv/ first if needed
#
# Result: dist/Parallax/parallax (run it; `parallax open FILE...`, `parallax show FILE`, ...) and
# dist/Parallax/_internal/ with seeds/ and resources/. Installs PyInstaller (the `package` extra)
# into .venv/ when missing. Scratch files go to build/pyinstaller/. Exit status: PyInstaller's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$PARALLAX_ROOT"
say() { printf 'parallax build: %s\n' "$*" >&2; }

if ! "$VENV/bin/python" -c 'import PyInstaller' 2>/dev/null; then
  say "installing PyInstaller into .venv"
  "$VENV/bin/python" -m pip install -q -e "$PARALLAX_ROOT[package]"
fi

say "building dist/Parallax/ (about a minute)"
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$PARALLAX_ROOT/dist" --workpath "$PARALLAX_ROOT/build/pyinstaller" \
  "$PARALLAX_ROOT/packaging/parallax.spec"
say "built $PARALLAX_ROOT/dist/Parallax/parallax"

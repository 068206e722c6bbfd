#!/usr/bin/env bash
# Shared set-up for ./run-app.sh and ./run-tests.sh: system packages, then .venv/ with the
# project installed. Sourced, not run. Every step is skipped when already done, so a second
# run starts in seconds.
set -euo pipefail

PARALLAX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PARALLAX_ROOT/.venv"
# The extras every checkout gets: the test tools, PyInstaller for the bundle smoke test, and
# meaning-aware matching so its path is tested for real (the app announces when it is absent).
EXTRAS="test,semantic,package"

# Debian packages Qt needs offscreen and under X, fonts (without them the window draws empty
# boxes), poppler for looking at exported PDFs, desktop-file-utils for the desktop entry.
DEBIAN_PACKAGES=(
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth poppler-utils desktop-file-utils
)

say() { printf 'parallax setup: %s\n' "$*" >&2; }

python_ok() {
  command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

missing_debian_packages() {
  local pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      printf '%s\n' "$pkg"
  done
  python_ok || printf '%s\n' python3 python3-venv
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian system: skipping system packages"; return 0; }
  local missing
  missing=$(missing_debian_packages | sort -u | tr '\n' ' ')
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    say "missing Debian packages; install them with:"
    say "  sudo apt-get install $missing"
    python_ok || exit 1
  fi
}

venv_stamp() {
  # What the installed environment depends on: the dependency list and the interpreter.
  { cat "$PARALLAX_ROOT/pyproject.toml"; echo "$EXTRAS"; python3 -c 'import sys; print(sys.version)'; } |
    sha256sum | cut -c1-16
}

ensure_venv() {
  local stamp_file="$VENV/.parallax-installed" want
  want=$(venv_stamp)
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
    say "creating $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  if [ "$(cat "$stamp_file" 2>/dev/null)" != "$want" ] || [ ! -x "$VENV/bin/parallax" ]; then
    say "installing Parallax and its dependencies into .venv (first run takes a minute)"
    "$VENV/bin/python" -m pip install -q -e "$PARALLAX_ROOT[$EXTRAS]"
    printf '%s\n' "$want" >"$stamp_file"
  fi
}

ensure_system_packages
ensure_venv

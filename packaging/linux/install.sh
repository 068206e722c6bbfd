#!/usr/bin/env bash
# Install the Parallax bundle for the current user (no root, nothing outside $HOME).
#
#   packaging/linux/install.sh [BUNDLE_DIR]
#
# BUNDLE_DIR (or $PARALLAX_BUNDLE; default: dist/Parallax next to this repository) is the folder
# PyInstaller made, holding the executable `parallax`. Puts:
#   the bundle   in  $XDG_DATA_HOME/parallax-app/          (default ~/.local/share/parallax-app)
#   the entry    in  $XDG_DATA_HOME/applications/parallax.desktop
#   the icons    in  $XDG_DATA_HOME/icons/hicolor/<size>/apps/parallax.png (+ scalable .svg)
#   a launcher   at  ~/.local/bin/parallax (a symlink; an existing file that is not ours is kept)
# Installing again replaces all of these (an upgrade). The user's store, ~/.local/share/Parallax/
# (capital P, platformdirs' user_data_dir), is never read or written: the bundle directory is
# named parallax-app so it cannot meet it even on a case-insensitive file system.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=packaging/linux/paths.sh
source "$HERE/paths.sh"

say() { printf 'parallax install: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

BUNDLE="${1:-${PARALLAX_BUNDLE:-$REPO/dist/Parallax}}"
[ -x "$BUNDLE/parallax" ] || die "$BUNDLE: no executable 'parallax' here; build it first with packaging/build.sh"
BUNDLE="$(cd "$BUNDLE" && pwd)"

# Icons: the bundle's own copy first (a bundle shipped without the repository), else the repo's.
ICON_SRC="$BUNDLE/_internal/resources/icons"
[ -f "$ICON_SRC/parallax.svg" ] || ICON_SRC="$REPO/resources/icons"
[ -f "$ICON_SRC/parallax.svg" ] || die "$ICON_SRC: app icons not found"

# Escape a path for a quoted argument of a desktop entry's Exec key: inside double quotes \ " `
# and $ take a backslash, then the whole value is a string where \ itself doubles, and a literal
# % is written %%.
exec_quote() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//\`/\\\`}"; s="${s//\$/\\\$}"
  s="${s//\\/\\\\}"; s="${s//%/%%}"
  printf '"%s"' "$s"
}

install_bundle() {
  # Copy beside the old one, then swap, so a failed copy never leaves a half-installed app.
  mkdir -p "$DATA_HOME"
  rm -rf "$APP_DIR.new"
  cp -R "$BUNDLE" "$APP_DIR.new"
  rm -rf "$APP_DIR"
  mv "$APP_DIR.new" "$APP_DIR"
}

install_entry() {
  # Absolute Exec/TryExec: a desktop session's PATH often lacks ~/.local/bin. Written line by
  # line in bash, not sed, so nothing in the path is read as a pattern or a replacement.
  local exe try line
  exe="$(exec_quote "$APP_DIR/parallax")"
  try="${APP_DIR//\\/\\\\}/parallax"
  mkdir -p "$APPS_DIR"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      "Exec=parallax "*) line="Exec=$exe ${line#Exec=parallax }" ;;
      "TryExec=parallax") line="TryExec=$try" ;;
    esac
    printf '%s\n' "$line"
  done <"$HERE/parallax.desktop" >"$ENTRY.tmp"
  mv "$ENTRY.tmp" "$ENTRY"
}

install_icons() {
  local size
  for size in $ICON_SIZES; do
    mkdir -p "$ICON_ROOT/${size}x${size}/apps"
    cp "$ICON_SRC/parallax-$size.png" "$ICON_ROOT/${size}x${size}/apps/parallax.png"
  done
  mkdir -p "$ICON_ROOT/scalable/apps"
  cp "$ICON_SRC/parallax.svg" "$ICON_ROOT/scalable/apps/parallax.svg"
}

install_launcher() {
  mkdir -p "$BIN_DIR"
  if [ -e "$LAUNCHER" ] || [ -L "$LAUNCHER" ]; then
    if ! is_our_launcher; then
      say "kept $LAUNCHER: it is not ours (run the app as $APP_DIR/parallax)"
      return 0
    fi
    rm -f "$LAUNCHER"
  fi
  ln -s "$APP_DIR/parallax" "$LAUNCHER"
}

# Remember whether the MIME cache is ours (made by our first install) across upgrades, so
# uninstall can take it away again when nothing else is left in it.
if [ ! -e "$MIME_CACHE" ] || [ -e "$CACHE_MARK" ]; then cache_is_ours=1; else cache_is_ours=0; fi
install_bundle
[ "$cache_is_ours" = 1 ] && : >"$CACHE_MARK"
install_entry
install_icons
install_launcher
refresh_caches
say "installed $APP_DIR (menu entry: Parallax; command: $LAUNCHER)"

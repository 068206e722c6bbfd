# Where install.sh puts things and uninstall.sh takes them from: one place for both. Sourced.
# shellcheck shell=bash

# $XDG_DATA_HOME only counts when absolute (the XDG base directory spec says to ignore others).
if [[ "${XDG_DATA_HOME:-}" == /* ]]; then DATA_HOME="$XDG_DATA_HOME"; else DATA_HOME="$HOME/.local/share"; fi
APP_DIR="$DATA_HOME/parallax-app"      # never "Parallax": that is the user's store
APPS_DIR="$DATA_HOME/applications"
ENTRY="$APPS_DIR/parallax.desktop"
ICON_ROOT="$DATA_HOME/icons/hicolor"
ICON_SIZES="16 32 48 64 128 256 512"
MIME_CACHE="$APPS_DIR/mimeinfo.cache"
# Present in the bundle directory when our first install created mimeinfo.cache.
CACHE_MARK="$APP_DIR/.created-mimeinfo-cache"
BIN_DIR="$HOME/.local/bin"
LAUNCHER="$BIN_DIR/parallax"

# True when the launcher is a symlink into our bundle directory (and so ours to replace/remove).
is_our_launcher() {
  [ -L "$LAUNCHER" ] && [ "$(readlink "$LAUNCHER")" = "$APP_DIR/parallax" ]
}

# Menus and "Open with" read caches; refresh them when the tools exist, never fail without them.
# The icon cache is only refreshed when one already exists: creating one would hide icons that
# other programs later install without updating it.
refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
  fi
  if [ -f "$ICON_ROOT/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$ICON_ROOT" 2>/dev/null || true
  fi
}

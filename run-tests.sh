#!/usr/bin/env bash
# The whole check: lint, format, types, the Qt fence, then every test. Sets up .venv/ first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/packaging/bootstrap.sh"
cd "$PARALLAX_ROOT"
export QT_QPA_PLATFORM=offscreen
bin="$VENV/bin"
step() { printf '\n== %s\n' "$*"; }
step "ruff check";        "$bin/ruff" check app tests benchmarks
step "ruff format";       "$bin/ruff" format --check app tests benchmarks
step "mypy app/core";     "$bin/mypy"
step "import contracts";  "$bin/lint-imports"
# The double-click app: build the one-folder bundle and run it offscreen with an empty
# environment (about 1.5 minutes; the suite stays well under 10).
step "bundle smoke test"; bash packaging/smoke.sh
# Last, so its summary line closes the output.
step "pytest";            "$bin/pytest" "$@"

#!/usr/bin/env bash
# Launch Parallax on the bundled corpus (or on the files given), setting up .venv/ first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/packaging/bootstrap.sh"
exec "$VENV/bin/parallax" open "$@"

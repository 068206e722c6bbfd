"""`python -m app` is the same entry as the `parallax` console script."""

import sys

from app.cli import main

sys.exit(main())

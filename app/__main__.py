"""`python -m app` is the same entry as the `parallax` console script.

The guard matters: alignment of large cases spawns worker processes, which re-import the
main module; without it each worker would start the app again. freeze_support() does the
same job inside the PyInstaller bundle, whose entry script is this file.
"""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

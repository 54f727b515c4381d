"""Entry point of the frozen program (PyInstaller): the same as ``python -m gaic_desktop``."""

import sys

from gaic_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

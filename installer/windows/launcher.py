"""Entry script of the frozen Windows program (both gaic-desktop.exe and gaic-desktop-cli.exe).

gaic_desktop/__main__.py uses a relative import, which only works when run as a package
(``python -m gaic_desktop``); PyInstaller runs its entry as a top-level script, hence this file.
"""

import sys

from gaic_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

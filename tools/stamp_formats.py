"""Record the bundled format definitions as validated: after editing resources/formats/*.json
(or the models in core/formats.py / core/format_rules.py), run

    python tools/stamp_formats.py

It validates every definition in full (and stops with the error if one does not validate), then
rewrites gaic_desktop/core/format_stamps.py with their SHA-256. Until then the program validates
an edited definition at every start (slower, never wrong) and tests/core/test_format_trusted.py
fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaic_desktop.core import format_trusted  # noqa: E402


def main() -> int:
    stamps = format_trusted.stamp_files()
    lines = [f'    "{fid}": "{digest}",' for fid, digest in sorted(stamps.items())]
    text = ('"""SHA-256 of the bundled format definitions as validated (see format_trusted).\n\n'
            'Written by ``python tools/stamp_formats.py``; do not edit by hand."""\n\n'
            "VALIDATED = {\n" + "\n".join(lines) + "\n}\n")
    target = Path(format_trusted.__file__).with_name("format_stamps.py")
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {', '.join(sorted(stamps))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

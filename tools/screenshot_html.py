"""Render the exported web page (.html) of a report in headless Chromium, for looking at it.

    python tools/screenshot_html.py OUT_DIR [--report FILE] [--widths 1366,390]

Exports the report (default: the seed sample) with ``gaic_desktop.publish.html`` and writes
OUT_DIR/<name>-<width>.png for each width (desktop 1366 px, phone 390 px). Needs Debian's
``chromium``. A machine without a Chinese font would draw boxes: the program's bundled fonts
(resources/fonts) are offered to Chromium through a temporary fontconfig file, as a phone's
or an officer's PC's own Chinese fonts would be.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder for the PNG files")
    ap.add_argument("--report", default=str(ROOT / "resources/samples/hanyang-2020.gaic.json"))
    ap.add_argument("--widths", default="1366,390")
    ap.add_argument("--height", type=int, default=9000)
    args = ap.parse_args(argv)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("没有找到 chromium：apt-get install -y chromium", file=sys.stderr)
        return 2
    from gaic_desktop.core.storage import load
    from gaic_desktop.publish.html import export_html

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report = load(args.report)
    name = Path(args.report).name.split(".")[0]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{name}.html"
        export_html(report, page)
        conf = Path(tmp) / "fonts.conf"
        conf.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
                        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
                        f"<dir>{ROOT / 'resources' / 'fonts'}</dir>"
                        f"<cachedir>{tmp}/fc-cache</cachedir></fontconfig>", encoding="utf-8")
        env = {"FONTCONFIG_FILE": str(conf), "HOME": tmp, "PATH": "/usr/bin:/bin"}
        for width in (int(w) for w in args.widths.split(",")):
            png = out / f"{name}-{width}.png"
            profile = tempfile.mkdtemp(dir=tmp)
            subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}",
                            f"--window-size={width},{args.height}", f"--screenshot={png}",
                            page.as_uri()], env=env, check=True, capture_output=True, timeout=120)
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())

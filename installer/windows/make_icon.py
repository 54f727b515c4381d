"""Draws the program icon (gaic-desktop.ico) with Pillow, so that the committed .ico can be
remade and reviewed: a red rounded square (the colour of official documents' headers), a white
sheet with a table grid (the statutory tables) and a check mark (the consistency checks).

    python installer/windows/make_icon.py [OUT.ico] [--png OUT.png]
    python installer/windows/make_icon.py --wizard wizard.bmp     # the setup's side picture

Each size is drawn at 8x and scaled down, so small sizes stay crisp without hand hinting.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
RED = (183, 28, 28, 255)
WHITE = (255, 255, 255, 255)
GRID = (183, 28, 28, 255)
CHECK = (46, 125, 50, 255)


def draw(size: int) -> Image.Image:
    s = size * 8
    u = s / 64  # drawing unit: the design is on a 64 x 64 grid
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((2 * u, 2 * u, 62 * u, 62 * u), radius=12 * u, fill=RED)
    # the sheet, with a folded top-right corner
    left, top, right, bottom, fold = 14 * u, 9 * u, 50 * u, 55 * u, 9 * u
    d.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)], fill=WHITE)
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=(239, 154, 154, 255))
    # a table: filled header row, an outlined body with row and column rules
    line = max(u * 1.6, 8)
    tl, tr, tt, tb = left + 4 * u, right - 4 * u, 19 * u, 45 * u
    d.rectangle((tl, tt, tr, tt + 5 * u), fill=GRID)
    d.rectangle((tl, tt, tr, tb), outline=GRID, width=int(line))
    rows = (31, 38) if size >= 24 else (33,)
    for y in rows:
        d.rectangle((tl, y * u, tr, y * u + line), fill=GRID)
    if size >= 24:
        d.rectangle((26 * u, tt, 26 * u + line, tb), fill=GRID)
    # check mark in a green disc at the bottom right
    cx, cy, r = 46 * u, 48 * u, 12 * u
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=CHECK, outline=WHITE, width=int(2.2 * u))
    w = int(3.4 * u)
    d.line([(cx - 6 * u, cy), (cx - 1.5 * u, cy + 4.5 * u), (cx + 6.5 * u, cy - 5 * u)], fill=WHITE, width=w, joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def wizard_bitmap(out: Path) -> None:
    """The setup's welcome/finish page picture (164 x 314, 24-bit BMP as NSIS needs): the icon
    on a light ground with a red band along the bottom."""
    w, h = 164, 314
    img = Image.new("RGB", (w, h), (247, 243, 243))
    d = ImageDraw.Draw(img)
    d.rectangle((0, h - 10, w, h), fill=RED[:3])
    icon = draw(128)
    img.paste(icon, ((w - 128) // 2, 48), icon)
    img.save(out, format="BMP")


def main(argv: list[str]) -> int:
    if "--wizard" in argv:
        out = Path(argv[argv.index("--wizard") + 1])
        wizard_bitmap(out)
        print(f"{out}: {out.stat().st_size} bytes")
        return 0
    out = Path(argv[0]) if argv and not argv[0].startswith("--") else Path(__file__).with_name("gaic-desktop.ico")
    images = [draw(n) for n in SIZES]
    images[-1].save(out, format="ICO", sizes=[(n, n) for n in SIZES], append_images=images[:-1])
    if "--png" in argv:
        png = Path(argv[argv.index("--png") + 1])
        Image.new("RGBA", (256 + 48 + 32 + 16 + 40, 256), (240, 240, 240, 255)).save(png)
        sheet = Image.open(png)
        x = 0
        for img in (images[-1], images[5], images[3], images[0]):
            sheet.alpha_composite(img, (x, 0))
            x += img.width + 8
        sheet.save(png)
    print(f"{out}: {out.stat().st_size} bytes, sizes {', '.join(map(str, SIZES))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

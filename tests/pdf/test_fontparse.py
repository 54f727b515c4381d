"""pdf/fontparse.py reads a TrueType face faster than ReportLab and must read the same face:
every attribute of the face and of the font equal to ReportLab's own parse."""
from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from gaic_desktop.pdf import fonts as F
from gaic_desktop.pdf.fontparse import FastTTFont

BUNDLED = sorted(F.BUNDLED_FONT_DIR.glob("*.ttf"))


def _state(font) -> dict:
    out = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    face = dict(vars(font.face))
    scale = face.pop("_pdfScale")
    face["_pdfScale(1234)"] = scale(1234)
    for k, v in face.items():
        if isinstance(v, dict):
            face[k] = list(v.items())  # the same order too
    out["face"] = face
    out["encoding"] = type(font.encoding)
    return out


def _assert_same_parse(path: Path, index: int = 0) -> None:
    want = TTFont("T", str(path), subfontIndex=index)
    got = FastTTFont("T", str(path), subfontIndex=index)
    a, b = _state(want), _state(got)
    assert a.keys() == b.keys()
    assert a["face"].keys() == b["face"].keys()
    for key in a["face"]:
        assert a["face"][key] == b["face"][key], key
    assert {k: v for k, v in a.items() if k != "face"} == {k: v for k, v in b.items() if k != "face"}


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_the_bundled_faces_parse_as_reportlab_parses_them(path):
    _assert_same_parse(path)


def _cmap_formats(path: Path) -> list[int]:
    data = path.read_bytes()
    (_, tables), = [struct.unpack_from(">HH", data, 4)]
    offsets = {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">L", data, 20 + 16 * i)[0]
               for i in range(tables)}
    cmap = offsets[b"cmap"]
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    return [struct.unpack_from(">H", data, cmap + struct.unpack_from(">L", data, cmap + 8 + 8 * i)[0])[0]
            for i in range(count)]


def _glyph_array_segments(path: Path) -> int:
    """Segments of the (only) format 4 map that use idRangeOffset."""
    data = path.read_bytes()
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next(struct.unpack_from(">L", data, 20 + 16 * i)[0] for i in range(tables)
                if data[12 + 16 * i:16 + 16 * i] == b"cmap")
    pos = cmap + struct.unpack_from(">L", data, cmap + 8)[0]
    seg = struct.unpack_from(">H", data, pos + 6)[0] // 2
    return sum(1 for r in struct.unpack_from(f">{seg}H", data, pos + 16 + 6 * seg) if r)


def test_a_face_with_a_format_4_character_map_parses_as_reportlab_parses_it(tmp_path):
    """The bundled faces carry format 12 maps; most installed Windows faces carry format 4 only.
    A subset of the bundled Kai face with scattered glyphs, saved with a format 4 map alone
    (segments by delta and segments by glyph array both occur)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as ToolsFont

    chars = "政府信息公开年度报告申请件（）“”，。0123456789abcXYZ" + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400, 7))
    options = subset.Options()
    options.retain_gids = True  # keep the original, scattered glyph ids
    font = ToolsFont(str(F.BUNDLED_FONT_DIR / "GAICKai-Regular.ttf"))
    sub = subset.Subsetter(options)
    sub.populate(text=chars)
    sub.subset(font)
    font["cmap"].tables = [t for t in font["cmap"].tables if t.format == 4]
    assert font["cmap"].tables
    # a run of consecutive code points on scattered glyphs: written with a glyph array
    rng = random.Random(4)
    names = sorted(set(font["cmap"].tables[0].cmap.values()))
    for k in range(64):
        glyph = rng.choice(names)
        for table in font["cmap"].tables:  # (0, 3) and (3, 1): ReportLab reads the last one
            table.cmap[0xE000 + k] = glyph
    path = tmp_path / "kai-format4.ttf"
    font.save(str(path))
    assert set(_cmap_formats(path)) == {4}
    assert _glyph_array_segments(path) > 0
    _assert_same_parse(path)
    face = FastTTFont("T", str(path)).face
    assert face.charToGlyph[ord("政")] and face.charWidths[ord("政")] == 1000
    assert len({face.charToGlyph[0xE000 + k] for k in range(64)}) > 30


def test_a_face_with_another_character_map_is_left_to_reportlab(tmp_path):
    """Only a Macintosh Roman format 6 map: ReportLab parses it, with the same result."""
    from fontTools.ttLib import TTFont as ToolsFont
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = ToolsFont(str(F.BUNDLED_FONT_DIR / "GAICHei-Medium.ttf"))
    mapping = {c: g for c, g in font.getBestCmap().items() if 0x20 <= c < 0x7F}
    table = CmapSubtable.newSubtable(6)
    table.platformID, table.platEncID, table.language = 1, 0, 0
    table.cmap = mapping
    font["cmap"].tables = [table]
    path = tmp_path / "hei-format6.ttf"
    font.save(str(path))
    assert _cmap_formats(path) == [6]
    _assert_same_parse(path)

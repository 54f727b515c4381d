"""Parsing font files with ReportLab, registering them, and the glyph metrics read from them.

Parsed faces are cached for the process, keyed by path, face index, size and mtime (a file
changed or replaced on disk is parsed again). ReportLab keeps a face's subsetting state per
document (``TTFont.state``, keyed by the document), so one parsed face serves any number of
exports.
"""
from __future__ import annotations

from dataclasses import dataclass

from .fontchoice import FontChoice
from .fontdiscovery import _cache_lock, _probe, _probe_cache, _skipped_cache, _system_cache


@dataclass
class _Loaded:
    choice: FontChoice
    name: str
    ttfont: object  # reportlab.pdfbase.ttfonts.TTFont
    cmap: frozenset[int]


_loaded_cache: dict[tuple[str, int, int, int], _Loaded] = {}
_extent_cache: dict[tuple[str, int, str], tuple[float, float]] = {}

generation = 0
"""Moves whenever a font object is registered with ReportLab under a name: what was measured
with the fonts before (the layout memo, :mod:`.layoutcache`) no longer holds."""

_registered: dict[str, object] = {}  # name -> the TTFont this module last registered under it


def _register(tt) -> None:
    """Register ``tt`` under its name, in place of a face registered under that name before
    (parsed from the file before it changed on disk): ReportLab's ``registerFont`` keeps the
    first font of a name and ignores the next, so a rewritten file would go on being measured
    and embedded from its old data."""
    global generation
    from reportlab.pdfbase import pdfmetrics

    name = tt.fontName
    with _cache_lock:
        if _registered.get(name) is tt and name in pdfmetrics._fonts:
            return
        old = pdfmetrics._fonts.get(name)
        if old is not None and name in _registered:
            del pdfmetrics._fonts[name]
            face = getattr(getattr(old, "face", None), "name", None)
            if getattr(old, "fontName", None) == name and pdfmetrics._dynFaceNames.get(face) is old:
                del pdfmetrics._dynFaceNames[face]  # else the new face would be an alias of it
        pdfmetrics.registerFont(tt)
        _registered[name] = tt
        generation += 1


def _load(choice: FontChoice) -> _Loaded:
    """Parse ``choice`` with ReportLab, register it, and cache its cmap as a set."""
    from reportlab.lib.fonts import addMapping

    from .fontparse import FastTTFont

    st = choice.path.stat()  # a file removed since is an error here (FontSet falls back)
    # nanoseconds: a face rewritten within the same second is parsed again
    key = (str(choice.path), choice.subfont_index, st.st_size, st.st_mtime_ns)
    with _cache_lock:
        hit = _loaded_cache.get(key)
    if hit is not None:
        _register(hit.ttfont)  # unless it is the face registered under its name already
        return hit
    if not choice.is_bundled:
        probe = _probe(choice.path, choice.subfont_index)
        if not probe.ok:
            raise ValueError(f"{choice.display_name}：{probe.reason}")
    name = choice.registered_name
    tt = FastTTFont(name, str(choice.path), subfontIndex=choice.subfont_index)
    _register(tt)
    # <b>/<i> inside Paragraph markup must not fail on a face without a
    # bold/italic sibling: map them to the face itself.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    cmap = frozenset(c for c, g in tt.face.charToGlyph.items() if g)
    loaded = _Loaded(choice, name, tt, cmap)
    with _cache_lock:
        _loaded_cache[key] = loaded
    return loaded


def any_loaded() -> bool:
    """Whether a face has been parsed in this process (the next export's fonts load at once)."""
    with _cache_lock:
        return bool(_loaded_cache)


def clear_caches() -> None:
    """Forget discovered system fonts, probes and loaded cmaps (tests, refresh)."""
    with _cache_lock:
        _system_cache.clear()
        _skipped_cache.clear()
        _probe_cache.clear()
        _loaded_cache.clear()


def _glyph_y_extent(font: "_Loaded", ch: str) -> tuple[float, float]:
    """(yMin, yMax) in em of ``ch``'s glyph, read from the glyph's header in the font data
    ReportLab has parsed already (fontTools would decompile the whole ``glyf`` table of a CJK
    font first: most of a second)."""
    import struct

    face = font.ttfont.face
    data, table = face._ttf_data, face.table
    head = table["head"]["offset"]
    upm = struct.unpack_from(">H", data, head + 18)[0]
    long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
    gid = face.charToGlyph.get(ord(ch), 0)
    loca = table["loca"]["offset"]
    if long_loca:
        start, end = struct.unpack_from(">II", data, loca + 4 * gid)
    else:
        start, end = (2 * x for x in struct.unpack_from(">HH", data, loca + 2 * gid))
    if end <= start:  # a blank glyph
        return 0.0, 0.0
    _, _, y_min, _, y_max = struct.unpack_from(">hhhhh", data, table["glyf"]["offset"] + start)
    return y_min / upm, y_max / upm


def _advance(font: "_Loaded", ch: str) -> float:
    """Advance width of ``ch`` in ``font`` (1000 units per em; 0 if the font lacks it)."""
    if ord(ch) not in font.cmap:
        return 0.0
    return font.ttfont.stringWidth(ch, 1000)

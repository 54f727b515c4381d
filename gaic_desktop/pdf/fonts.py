"""CJK fonts for the PDF export: discovery, choice, ReportLab registration, fallback.

Qt-free.  Overview:

* Five *roles* are used by the PDF layout: ``song`` (body and tables, 宋体),
  ``fangsong`` (body, 仿宋), ``hei`` (level-1 headings, 黑体), ``kai``
  (level-2 headings, 楷体) and ``title`` (document title, 小标宋).
* Official fonts installed on the machine (SimSun, SimHei, FangSong_GB2312,
  方正小标宋 …) are found by file name (plus ``fc-list`` on Linux when it is
  there) and preferred; bundled fonts from ``resources/fonts`` are the
  fallback.  Only fonts with TrueType ``glyf`` outlines whose licence bits
  allow embedding are accepted, because ReportLab embeds nothing else.
* :func:`list_choices` gives the choices per role for an export dialog;
  :class:`FontSet` registers one choice per role with ReportLab and offers
  per-character fallback (:meth:`FontSet.split_runs`, :meth:`FontSet.markup`)
  and a report of characters that no font has (:meth:`FontSet.check`), so the
  export can warn instead of leaving silent gaps.

Typical use::

    fonts = FontSet()                       # best choice per role
    style.fontName = fonts.font_name("fangsong")
    para = Paragraph(fonts.markup(text, "fangsong"), style)
    report = fonts.check([text, ...])
    if report: warn(report.message())
    # Keep ReportLab from adding its default, unembedded Helvetica:
    SimpleDocTemplate(out, initialFontName=fonts.font_name("song"), ...)
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from ..core.formats import resources_dir

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "BUNDLED_FONT_DIR",
    "FontChoice",
    "FontSet",
    "GlyphReport",
    "bundled_fonts",
    "discover_system_fonts",
    "list_choices",
    "default_choice",
    "font_search_dirs",
    "clear_caches",
    "escape_markup",
]

#: The roles the PDF layout asks fonts for, in display order.
ROLES: tuple[str, ...] = ("song", "fangsong", "hei", "kai", "title")

#: Chinese labels of the roles, for the export dialog.
ROLE_LABELS: dict[str, str] = {
    "song": "宋体（正文、表格）",
    "fangsong": "仿宋（正文）",
    "hei": "黑体（一级标题）",
    "kai": "楷体（二级标题）",
    "title": "小标宋（文件标题）",
}

# Font styles (what a font *is*) that may serve a role, best first.  A role
# whose own style is missing everywhere falls back to the next style.
_ROLE_STYLES: dict[str, tuple[str, ...]] = {
    "song": ("song",),
    "fangsong": ("fangsong", "song"),
    "hei": ("hei",),
    "kai": ("kai", "song"),
    "title": ("title", "hei", "song"),
}

_STYLE_SUFFIX = {"song": "宋体", "fangsong": "仿宋", "hei": "黑体", "kai": "楷体", "title": "小标宋"}


#: Folder of the bundled fonts (located like every other resource, see resources_dir()).
BUNDLED_FONT_DIR: Path = resources_dir() / "fonts"


# --------------------------------------------------------------------------
# Choices
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FontChoice:
    """One font file (or one face of a TTC collection) usable for the PDF."""

    key: str
    """Stable identifier, e.g. ``"bundled:song"`` or ``"system:simfang.ttf"``;
    suitable for saving the user's choice in settings."""
    style: str
    """What the font is: one of ``song``, ``fangsong``, ``hei``, ``kai``, ``title``."""
    display_name: str
    """Chinese name for the export dialog, e.g. 「仿宋_GB2312（系统）」."""
    path: Path
    subfont_index: int = 0
    source: str = "bundled"
    """``"system"`` or ``"bundled"``."""
    official: bool = False
    """True for the fonts named by the official-document standard (GB/T 9704
    practice): SimSun, SimHei, FangSong(_GB2312), KaiTi(_GB2312), 方正 fonts."""

    @property
    def is_bundled(self) -> bool:
        return self.source == "bundled"

    @property
    def registered_name(self) -> str:
        """The name under which :class:`FontSet` registers it with ReportLab."""
        if self.source == "bundled":
            return "GAIC-" + self.style.capitalize()
        stem = re.sub(r"[^A-Za-z0-9]+", "", self.path.stem) or "font"
        digest = hashlib.sha1(f"{self.path}#{self.subfont_index}".encode("utf-8")).hexdigest()[:8]
        return f"GAIC-sys-{stem}-{self.subfont_index}-{digest}"


@dataclass(frozen=True)
class _Bundled:
    file: str
    style: str
    display_name: str


# The bundled fonts (see resources/fonts/README.md), in fallback order: the
# Song face comes first because it covers all Han characters of GBK.
_BUNDLED: tuple[_Bundled, ...] = (
    _Bundled("GAICSong-Regular.ttf", "song", "Noto 宋体（内置）"),
    _Bundled("GAICHei-Medium.ttf", "hei", "Noto 黑体（内置）"),
    _Bundled("GAICKai-Regular.ttf", "kai", "文楷（内置）"),
    _Bundled("GAICSongTitle-Bold.ttf", "title", "Noto 宋体粗体（内置，标题）"),
)


@dataclass(frozen=True)
class _Known:
    """A font looked for on the system."""

    style: str
    display: str
    files: tuple[str, ...]  # lower-case file names
    families: tuple[str, ...] = ()  # lower-case family names (for fc-list)
    index: int = 0
    official: bool = True


# Known system fonts, best first within a style.
_KNOWN: tuple[_Known, ...] = (
    _Known("fangsong", "仿宋_GB2312", ("fs_gb2312.ttf", "fsgb2312.ttf", "仿宋_gb2312.ttf",
                                      "fangsong_gb2312.ttf", "simfang_gb2312.ttf"),
           ("仿宋_gb2312", "fangsong_gb2312")),
    _Known("fangsong", "仿宋", ("simfang.ttf", "仿宋.ttf"), ("仿宋", "fangsong")),
    _Known("fangsong", "方正仿宋_GBK", ("fzfsk.ttf", "方正仿宋_gbk.ttf"), ("方正仿宋_gbk", "fzfangsong-z02")),
    _Known("fangsong", "方正仿宋简体", ("fzfsjw.ttf", "方正仿宋简体.ttf"), ("方正仿宋简体", "fzfangsong-z02s")),
    _Known("song", "宋体", ("simsun.ttc",), ("宋体", "simsun"), 0),
    _Known("song", "宋体", ("simsun.ttf",), ()),
    _Known("song", "方正书宋_GBK", ("fzssk.ttf", "方正书宋_gbk.ttf"), ("方正书宋_gbk",)),
    _Known("hei", "黑体", ("simhei.ttf", "黑体.ttf"), ("黑体", "simhei")),
    _Known("hei", "方正黑体_GBK", ("fzhtk.ttf", "方正黑体_gbk.ttf"), ("方正黑体_gbk",)),
    _Known("hei", "方正黑体简体", ("fzhtjw.ttf", "方正黑体简体.ttf"), ("方正黑体简体",)),
    _Known("kai", "楷体_GB2312", ("kaiti_gb2312.ttf", "楷体_gb2312.ttf", "simkai_gb2312.ttf",
                                "kt_gb2312.ttf"), ("楷体_gb2312", "kaiti_gb2312")),
    _Known("kai", "楷体", ("simkai.ttf", "楷体.ttf"), ("楷体", "kaiti")),
    _Known("kai", "方正楷体_GBK", ("fzktk.ttf", "方正楷体_gbk.ttf"), ("方正楷体_gbk",)),
    _Known("kai", "方正楷体简体", ("fzktjw.ttf", "方正楷体简体.ttf"), ("方正楷体简体",)),
    _Known("title", "方正小标宋简体", ("fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋简体.ttf"),
           ("方正小标宋简体", "fzxiaobiaosong-b05s")),
    _Known("title", "方正小标宋_GBK", ("fzxbsk.ttf", "方正小标宋_gbk.ttf"),
           ("方正小标宋_gbk", "fzxiaobiaosong-b05")),
    # Free fonts often installed on Linux; listed after the bundled ones.
    _Known("song", "AR PL UMing", ("uming.ttc",), ("ar pl uming cn",), 0, False),
    _Known("song", "AR PL SungtiL GB", ("gbsn00lp.ttf",), ("ar pl sungtil gb",), 0, False),
    _Known("kai", "AR PL UKai", ("ukai.ttc",), ("ar pl ukai cn",), 0, False),
    _Known("kai", "AR PL KaitiM GB", ("gkai00mp.ttf",), ("ar pl kaitim gb",), 0, False),
    _Known("hei", "文泉驿正黑", ("wqy-zenhei.ttc",), ("wenquanyi zen hei",), 0, False),
    _Known("hei", "文泉驿微米黑", ("wqy-microhei.ttc",), ("wenquanyi micro hei",), 0, False),
)
_KNOWN_BY_FILE: dict[str, _Known] = {f: k for k in _KNOWN for f in k.files}
_KNOWN_BY_FAMILY: dict[str, _Known] = {f: k for k in _KNOWN for f in k.families}
# Loose file-name patterns for renamed copies of the title font.
_TITLE_PATTERN = re.compile(r"(小标宋|xiaobiaosong|^fzxbs)", re.IGNORECASE)

_FONT_EXTS = (".ttf", ".ttc")
_MAX_SCAN_DEPTH = 6


def font_search_dirs() -> list[Path]:
    """Directories searched for system fonts on this platform (existing or not)."""
    dirs: list[Path] = []
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts")]
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
                 Path(xdg) / "fonts" if xdg else home / ".local" / "share" / "fonts"]
    return dirs


def _walk_font_files(root: Path, depth: int = 0) -> Iterator[Path]:
    """Yield font files under ``root`` by name only (no file is opened)."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                if depth < _MAX_SCAN_DEPTH:
                    yield from _walk_font_files(Path(entry.path), depth + 1)
            elif entry.name.lower().endswith(_FONT_EXTS):
                yield Path(entry.path)
        except OSError:
            continue


def _fc_list() -> list[tuple[Path, int, list[str]]]:
    """(file, index, lower-case families) from ``fc-list``; empty when unavailable."""
    exe = shutil.which("fc-list")
    if not exe or sys.platform.startswith("win"):
        return []
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\t%{family}\n", ":fontformat=TrueType"],
            capture_output=True, timeout=5, check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        try:
            idx = int(parts[1] or 0)
        except ValueError:
            idx = 0
        rows.append((Path(parts[0]), idx, [f.strip().lower() for f in parts[2].split(",")]))
    return rows


@dataclass(frozen=True)
class _Probe:
    ok: bool
    reason: str = ""


_probe_cache: dict[tuple[str, int, int, int], _Probe] = {}
_cache_lock = threading.RLock()


def _probe(path: Path, index: int = 0) -> _Probe:
    """Check outlines and embedding rights, reading only the table directory,
    ``OS/2`` and ``maxp``.  Cached by (path, index, size, mtime)."""
    try:
        st = path.stat()
    except OSError as exc:
        return _Probe(False, f"无法读取：{exc}")
    key = (str(path), index, st.st_size, int(st.st_mtime))
    with _cache_lock:
        hit = _probe_cache.get(key)
    if hit is not None:
        return hit
    result = _probe_uncached(path, index)
    with _cache_lock:
        _probe_cache[key] = result
    return result


def _probe_uncached(path: Path, index: int) -> _Probe:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(str(path), fontNumber=index, lazy=True)
    except (TTLibError, OSError, ValueError, IndexError, AssertionError) as exc:
        return _Probe(False, f"不是可用的 TrueType 字体：{exc}")
    try:
        if "glyf" not in font or "loca" not in font:
            return _Probe(False, "字形不是 TrueType（glyf）轮廓，ReportLab 无法嵌入")
        if "cmap" not in font:
            return _Probe(False, "缺少字符映射表（cmap）")
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
        if fs_type == 0x0002 or fs_type & 0x0300:
            from reportlab import rl_config

            if path.name not in getattr(rl_config, "allowTTFSubsetting", ()):
                return _Probe(False, f"字体许可不允许嵌入或子集化（fsType={fs_type:#06x}）")
        return _Probe(True)
    except Exception as exc:  # a damaged font must not break the export dialog
        return _Probe(False, f"字体文件损坏：{exc}")
    finally:
        font.close()


_system_cache: dict[tuple[str, ...], tuple[FontChoice, ...]] = {}


def discover_system_fonts(dirs: Sequence[os.PathLike | str] | None = None, *,
                          use_fc_list: bool | None = None,
                          refresh: bool = False) -> list[FontChoice]:
    """Known official (and common free) CJK fonts installed on this machine.

    Files are matched by name first (directory walk plus, on Linux, ``fc-list``
    family names), then each match is checked with fontTools for ``glyf``
    outlines and embedding rights; unusable files are left out.  The result
    is cached per ``dirs``; pass ``refresh=True`` to look again.
    ``dirs`` defaults to :func:`font_search_dirs`; ``use_fc_list`` defaults to
    True only when ``dirs`` is not given.
    """
    search = [Path(d) for d in (dirs if dirs is not None else font_search_dirs())]
    if use_fc_list is None:
        use_fc_list = dirs is None
    cache_key = tuple(str(d) for d in search) + (f"fc={use_fc_list}",)
    with _cache_lock:
        if not refresh and cache_key in _system_cache:
            return list(_system_cache[cache_key])

    found: dict[tuple[str, int], _Known] = {}
    for root in search:
        for path in _walk_font_files(root):
            name = path.name.lower()
            known = _KNOWN_BY_FILE.get(name)
            if known is None and _TITLE_PATTERN.search(path.stem):
                known = _Known("title", path.stem, (name,))
            if known is not None:
                found.setdefault((str(path), known.index), known)
    if use_fc_list:
        for path, idx, families in _fc_list():
            known = _KNOWN_BY_FILE.get(path.name.lower())
            if known is None:
                known = next((_KNOWN_BY_FAMILY[f] for f in families if f in _KNOWN_BY_FAMILY), None)
                if known is None or known.index != idx:
                    continue
            elif known.index != idx:
                continue
            found.setdefault((str(path), idx), known)

    order = {k: i for i, k in enumerate(_KNOWN)}
    choices: list[FontChoice] = []
    seen_names: set[tuple[str, str]] = set()
    for (path_s, idx), known in sorted(found.items(), key=lambda kv: (order.get(kv[1], len(order)), kv[0])):
        path = Path(path_s)
        if not _probe(path, idx).ok:
            continue
        # The same font installed twice (machine-wide and per user): keep the first.
        ident = (known.style, known.display)
        if ident in seen_names:
            continue
        seen_names.add(ident)
        choices.append(FontChoice(
            key=f"system:{path.name.lower()}#{idx}",
            style=known.style,
            display_name=f"{known.display}（系统）",
            path=path,
            subfont_index=idx,
            source="system",
            official=known.official,
        ))
    with _cache_lock:
        _system_cache[cache_key] = tuple(choices)
    return choices


def bundled_fonts() -> list[FontChoice]:
    """The fonts shipped in ``resources/fonts`` that are present, in fallback order."""
    out = []
    for b in _BUNDLED:
        path = BUNDLED_FONT_DIR / b.file
        if path.is_file():
            out.append(FontChoice(key=f"bundled:{b.style}", style=b.style,
                                  display_name=b.display_name, path=path, source="bundled"))
    return out


def list_choices(role: str, system: Sequence[FontChoice] | None = None) -> list[FontChoice]:
    """Choices for ``role``, best first, for the export dialog.

    Order: official system fonts of the role's style, the bundled font of
    that style, then (for roles that fall back, e.g. 仿宋 → 宋体) the same for
    the fallback styles, then every other usable font.  ``system`` defaults
    to :func:`discover_system_fonts`.
    """
    _check_role(role)
    if system is None:
        system = discover_system_fonts()
    bundled = bundled_fonts()
    ordered: list[FontChoice] = []
    for style in _ROLE_STYLES[role]:
        ordered += [c for c in system if c.style == style and c.official]
        ordered += [c for c in bundled if c.style == style]
        ordered += [c for c in system if c.style == style and not c.official]
    rest = [c for c in list(system) + bundled if c not in ordered]
    rest.sort(key=lambda c: (0 if c.official else 1 if c.is_bundled else 2, ROLES.index(c.style)))
    result: list[FontChoice] = []
    for c in ordered + rest:
        if c not in result:
            result.append(c)
    return result


def default_choice(role: str, system: Sequence[FontChoice] | None = None) -> FontChoice | None:
    """The best available font for ``role`` (None only if no font exists at all)."""
    choices = list_choices(role, system)
    return choices[0] if choices else None


def _check_role(role: str) -> None:
    if role not in _ROLE_STYLES:
        raise ValueError(f"unknown font role {role!r}; expected one of {ROLES}")


# --------------------------------------------------------------------------
# Loading and registration
# --------------------------------------------------------------------------


@dataclass
class _Loaded:
    choice: FontChoice
    name: str
    ttfont: object  # reportlab.pdfbase.ttfonts.TTFont
    cmap: frozenset[int]


_loaded_cache: dict[tuple[str, int, int, int], _Loaded] = {}


def _load(choice: FontChoice) -> _Loaded:
    """Parse ``choice`` with ReportLab, register it, and cache its cmap as a set."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    st = choice.path.stat()
    key = (str(choice.path), choice.subfont_index, st.st_size, int(st.st_mtime))
    with _cache_lock:
        hit = _loaded_cache.get(key)
    if hit is not None:
        if hit.name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(hit.ttfont)
        return hit
    if not choice.is_bundled:
        probe = _probe(choice.path, choice.subfont_index)
        if not probe.ok:
            raise ValueError(f"{choice.display_name}：{probe.reason}")
    name = choice.registered_name
    tt = TTFont(name, str(choice.path), subfontIndex=choice.subfont_index)
    pdfmetrics.registerFont(tt)
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


def clear_caches() -> None:
    """Forget discovered system fonts, probes and loaded cmaps (tests, refresh)."""
    with _cache_lock:
        _system_cache.clear()
        _probe_cache.clear()
        _loaded_cache.clear()


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_markup(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for ReportLab Paragraph markup."""
    return text.translate(_ESCAPES)


def _is_ignorable(ch: str) -> bool:
    """Invisible characters that need no glyph and are dropped from runs:
    format characters (ZWSP, BOM, ZWJ …), variation selectors, and control
    characters other than tab/newline/carriage return."""
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x180B <= cp <= 0x180F:
        return True
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return True
    return cat == "Cc" and ch not in "\t\n\r"


def _is_whitespace_control(ch: str) -> bool:
    return ch in "\t\n\r"


@dataclass
class GlyphReport:
    """Characters that no font of a :class:`FontSet` can draw."""

    missing: dict[str, int] = field(default_factory=dict)
    """Character → number of occurrences, in order of first appearance."""

    def __bool__(self) -> bool:
        return bool(self.missing)

    @property
    def chars(self) -> list[str]:
        return list(self.missing)

    def message(self, limit: int = 20) -> str:
        """User-facing Chinese warning naming the characters (empty if none)."""
        if not self.missing:
            return ""
        items = [f"「{c}」(U+{ord(c):04X})" for c in list(self.missing)[:limit]]
        more = len(self.missing) - limit
        tail = f" 等 {len(self.missing)} 个字符" if more > 0 else ""
        return ("以下字符在所有可用字体中都没有字形，PDF 中将显示为空框：" + "、".join(items)
                + tail + "。建议安装包含这些字符的字体，或改用常用字。")


class FontSet:
    """One font per role, registered with ReportLab, with per-character fallback.

    ``choices`` maps a role to a :class:`FontChoice`, a choice ``key`` (as
    saved in settings) or None; roles not given get :func:`default_choice`.
    An unknown or unusable choice falls back to the default, and the reason
    is kept in :attr:`warnings` (Chinese, for the user).

    The fallback chain of a role is: its chosen font → the bundled font of
    the same style → the bundled Song face (widest coverage) → the other
    bundled fonts → the fonts chosen for the other roles.
    """

    def __init__(self, choices: Mapping[str, FontChoice | str | None] | None = None, *,
                 system: Sequence[FontChoice] | None = None,
                 include_bundled_fallbacks: bool = True) -> None:
        t0 = time.perf_counter()
        choices = dict(choices or {})
        unknown = set(choices) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown font role(s): {sorted(unknown)}")
        self._system = list(system) if system is not None else None
        self.warnings: list[str] = []
        self._role_font: dict[str, _Loaded] = {}
        for role in ROLES:
            self._role_font[role] = self._resolve(role, choices.get(role))

        # Fallback chains.
        self._bundled: list[_Loaded] = []
        if include_bundled_fallbacks:
            for c in bundled_fonts():
                try:
                    self._bundled.append(_load(c))
                except Exception as exc:  # pragma: no cover - damaged install
                    self.warnings.append(f"内置字体 {c.display_name} 无法加载：{exc}")
        self._chains: dict[str, tuple[_Loaded, ...]] = {}
        for role in ROLES:
            primary = self._role_font[role]
            chain: list[_Loaded] = [primary]
            chain += [b for b in self._bundled if b.choice.style == primary.choice.style]
            chain += [b for b in self._bundled if b.choice.style == "song"]
            chain += self._bundled
            chain += [self._role_font[r] for r in ROLES]
            uniq: list[_Loaded] = []
            for f in chain:
                if all(f.name != u.name for u in uniq):
                    uniq.append(f)
            self._chains[role] = tuple(uniq)
        self._all_cmaps: frozenset[int] = frozenset().union(
            *(f.cmap for chain in self._chains.values() for f in chain))
        self.load_seconds: float = time.perf_counter() - t0
        """Wall time spent resolving, parsing and registering the fonts."""

    # -- construction helpers ------------------------------------------------

    def _resolve(self, role: str, wanted: FontChoice | str | None) -> _Loaded:
        options = list_choices(role, self._system)
        if isinstance(wanted, str):
            match = next((c for c in options if c.key == wanted), None)
            if match is None:
                self.warnings.append(f"{ROLE_LABELS[role]}：找不到所选的字体（{wanted}），已改用默认字体。")
            wanted = match
        candidates = ([wanted] if wanted is not None else []) + [c for c in options if c != wanted]
        for cand in candidates:
            try:
                return _load(cand)
            except Exception as exc:
                self.warnings.append(f"{ROLE_LABELS[role]}：{cand.display_name} 无法使用（{exc}），已改用其他字体。")
        raise RuntimeError(f"没有可用于{ROLE_LABELS[role]}的字体：内置字体缺失（{BUNDLED_FONT_DIR}）。")

    # -- per role ----------------------------------------------------------------

    def choice(self, role: str) -> FontChoice:
        """The font actually used for ``role``."""
        _check_role(role)
        return self._role_font[role].choice

    def font_name(self, role: str) -> str:
        """ReportLab font name registered for ``role`` (use as a style's fontName)."""
        _check_role(role)
        return self._role_font[role].name

    @property
    def font_names(self) -> dict[str, str]:
        """Role → registered ReportLab font name."""
        return {r: self._role_font[r].name for r in ROLES}

    def fallback_chain(self, role: str) -> list[str]:
        """Registered font names tried for ``role``, in order."""
        _check_role(role)
        return [f.name for f in self._chains[role]]

    def registered_names(self) -> list[str]:
        """Every font name this set registered (chosen and fallback fonts)."""
        names: list[str] = []
        for chain in self._chains.values():
            for f in chain:
                if f.name not in names:
                    names.append(f.name)
        return names

    def cmap(self, name_or_role: str) -> frozenset[int]:
        """Code points of a registered font (by role or by registered name)."""
        if name_or_role in self._role_font:
            return self._role_font[name_or_role].cmap
        for chain in self._chains.values():
            for f in chain:
                if f.name == name_or_role:
                    return f.cmap
        raise KeyError(name_or_role)

    # -- coverage -----------------------------------------------------------------

    def covers(self, text: str, role: str | None = None) -> bool:
        """True if the role's chosen font (or, with ``role=None``, some font
        of the set) has a glyph for every visible character of ``text``."""
        cmap = self._all_cmaps if role is None else self.cmap(role)
        return all(ord(ch) in cmap or _is_ignorable(ch) or _is_whitespace_control(ch)
                   for ch in text)

    def missing_chars(self, text: str, role: str) -> list[str]:
        """Distinct characters of ``text`` the role's *chosen* font lacks
        (they will be drawn by a fallback font, or not at all)."""
        cmap = self.cmap(role)
        out: dict[str, None] = {}
        for ch in text:
            if ord(ch) not in cmap and not _is_ignorable(ch) and not _is_whitespace_control(ch):
                out[ch] = None
        return list(out)

    def unsupported_chars(self, text: str) -> list[str]:
        """Distinct characters of ``text`` that no font of the set has."""
        out: dict[str, None] = {}
        for ch in text:
            if ord(ch) not in self._all_cmaps and not _is_ignorable(ch) and not _is_whitespace_control(ch):
                out[ch] = None
        return list(out)

    def check(self, texts: Iterable[str] | str) -> GlyphReport:
        """Count the characters of ``texts`` that no font has (for a warning)."""
        if isinstance(texts, str):
            texts = [texts]
        report = GlyphReport()
        for text in texts:
            for ch in text:
                if (ord(ch) not in self._all_cmaps and not _is_ignorable(ch)
                        and not _is_whitespace_control(ch)):
                    report.missing[ch] = report.missing.get(ch, 0) + 1
        return report

    # -- runs -----------------------------------------------------------------------

    def font_for_char(self, ch: str, role: str) -> str | None:
        """First font in the role's chain with a glyph for ``ch`` (None: no font)."""
        cp = ord(ch)
        for f in self._chains[role]:
            if cp in f.cmap:
                return f.name
        return None

    def split_runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Split ``text`` into ``(font name, substring)`` runs for ``role``.

        Each character goes to the first font of the fallback chain that has
        it.  Tabs/newlines stay in the current run; invisible format
        characters and variation selectors are dropped; characters no font
        has stay in the chosen font (drawn as its empty box — see
        :meth:`check` for the warning).
        """
        _check_role(role)
        primary = self._role_font[role].name
        runs: list[tuple[str, list[str]]] = []
        for ch in text:
            if _is_ignorable(ch):
                continue
            if _is_whitespace_control(ch):
                name = runs[-1][0] if runs else primary
            else:
                name = self.font_for_char(ch, role) or primary
            if runs and runs[-1][0] == name:
                runs[-1][1].append(ch)
            else:
                runs.append((name, [ch]))
        return [(name, "".join(chars)) for name, chars in runs]

    def markup(self, text: str, role: str, *, wrap_primary: bool = False) -> str:
        """Escaped Paragraph markup of plain ``text`` for ``role``.

        Runs in a fallback font are wrapped in ``<font name="…">``; runs in the
        chosen font are left bare (the Paragraph style's ``fontName`` should be
        :meth:`font_name` of the role) unless ``wrap_primary`` is True.
        """
        primary = self._role_font[role].name
        parts = []
        for name, chunk in self.split_runs(text, role):
            esc = escape_markup(chunk)
            if name == primary and not wrap_primary:
                parts.append(esc)
            else:
                parts.append(f'<font name="{name}">{esc}</font>')
        return "".join(parts)

    def describe(self) -> dict[str, str]:
        """Role label → display name of the chosen font (for logs and dialogs)."""
        return {ROLE_LABELS[r]: self._role_font[r].choice.display_name for r in ROLES}

"""Installed CJK fonts: where officers have them, found by file and family name, and
checked for TrueType outlines and embedding rights before they are offered."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .fontchoice import FontChoice


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
    # The GB 2312 fonts of 统信 UOS / 麒麟 Kylin (CESI, 中国电子技术标准化研究院).
    _Known("fangsong", "CESI仿宋-GB2312", ("cesi_fs_gb2312.ttf",), ("cesi仿宋-gb2312", "cesi_fs_gb2312")),
    _Known("kai", "CESI楷体-GB2312", ("cesi_kt_gb2312.ttf",), ("cesi楷体-gb2312", "cesi_kt_gb2312")),
    _Known("hei", "CESI黑体-GB2312", ("cesi_ht_gb2312.ttf",), ("cesi黑体-gb2312", "cesi_ht_gb2312")),
    _Known("song", "CESI宋体-GB2312", ("cesi_ss_gb2312.ttf",), ("cesi宋体-gb2312", "cesi_ss_gb2312")),
    _Known("title", "CESI小标宋-GB2312", ("cesi_xbs_gb2312.ttf",),
           ("cesi小标宋-gb2312", "cesi_xbs_gb2312")),
    # 华文仿宋 (installed with Microsoft Office): a FangSong, though not the 公文 one.
    _Known("fangsong", "华文仿宋", ("stfangso.ttf",), ("华文仿宋", "stfangsong"), 0, False),
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
# Loose file-name patterns for renamed copies (「仿宋_GB2312 (1).ttf」, 「方正小标宋.TTF」).
_NAME_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("title", re.compile(r"(小标宋|xiaobiaosong|^fzxbs)", re.IGNORECASE)),
    ("fangsong", re.compile(r"(仿宋|fangsong)", re.IGNORECASE)),
    ("kai", re.compile(r"(楷体|kaiti)", re.IGNORECASE)),
)

# .otf/.otc are looked at too, so that a CFF-only 仿宋 is named with the reason it is skipped.
_FONT_EXTS = (".ttf", ".ttc", ".otf", ".otc")
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
        # WPS Office keeps its own fonts (per machine or per user, under a version folder).
        for var in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                dirs.append(Path(base) / "Kingsoft" / "WPS Office")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts")]
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
                 Path(xdg) / "fonts" if xdg else home / ".local" / "share" / "fonts",
                 # WPS Office for Linux (preinstalled on 统信 UOS / 麒麟) ships its fonts here.
                 Path("/opt/kingsoft/wps-office/office6/fonts")]
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
            return _Probe(False, "字形是 PostScript（CFF）轮廓，本程序只能嵌入 TrueType（glyf）轮廓的字体")
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
            if known is None:
                style = next((st for st, pat in _NAME_PATTERNS if pat.search(path.stem)), None)
                if style is not None:
                    known = _Known(style, path.stem, (name,))
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
    skipped: list[SkippedFont] = []
    seen_names: set[tuple[str, str]] = set()
    for (path_s, idx), known in sorted(found.items(), key=lambda kv: (order.get(kv[1], len(order)), kv[0])):
        path = Path(path_s)
        probe = _probe(path, idx)
        if not probe.ok:
            skipped.append(SkippedFont(known.style, known.display, path, probe.reason))
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
        _skipped_cache[cache_key] = tuple(skipped)
    return choices


@dataclass(frozen=True)
class SkippedFont:
    """An installed font found by name but not usable (CFF outlines, no embedding rights…)."""

    style: str
    display: str
    path: Path
    reason: str  # Chinese, for the user


_skipped_cache: dict[tuple[str, ...], tuple[SkippedFont, ...]] = {}


def skipped_system_fonts(dirs: Sequence[os.PathLike | str] | None = None, *,
                         use_fc_list: bool | None = None) -> list[SkippedFont]:
    """The fonts :func:`discover_system_fonts` found but left out, with the reason."""
    search = [Path(d) for d in (dirs if dirs is not None else font_search_dirs())]
    if use_fc_list is None:
        use_fc_list = dirs is None
    cache_key = tuple(str(d) for d in search) + (f"fc={use_fc_list}",)
    discover_system_fonts(dirs, use_fc_list=use_fc_list)
    with _cache_lock:
        return list(_skipped_cache.get(cache_key, ()))


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

import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

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
    "SkippedFont",
    "skipped_system_fonts",
    "substitute_notice",
    "NOTICE_ROLES",
]

from .fontchoice import FontChoice  # noqa: E402 - after __all__ (keeps merges with `linux` clean)
from .fontdiscovery import (_cache_lock, SkippedFont, discover_system_fonts,  # noqa: E402
                            font_search_dirs, skipped_system_fonts)
from .fontload import _advance, _extent_cache, _glyph_y_extent, _load, _Loaded, clear_caches  # noqa: E402
from . import fontload, layoutcache  # noqa: E402
from .fontroles import (BUNDLED_FONT_DIR, NOTICE_ROLES, ROLE_LABELS, ROLES,  # noqa: E402
                        _check_role, bundled_fonts, default_choice, is_substitute, list_choices,
                        substitute_notice)


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_CN_QUOTES = "“”‘’"

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


class _Face:
    """A face of a fallback chain: a chosen face (parsed already) or a bundled fallback, parsed
    the first time a character needs it."""

    __slots__ = ("choice", "name", "_loaded", "_failed", "_warnings")

    def __init__(self, choice: FontChoice, warnings: list[str], loaded: _Loaded | None = None):
        self.choice = choice
        self.name = choice.registered_name
        self._loaded = loaded
        self._failed = False
        self._warnings = warnings

    @property
    def is_loaded(self) -> bool:
        return self._loaded is not None

    def get(self) -> _Loaded | None:
        if self._loaded is None and not self._failed:
            try:
                self._loaded = _load(self.choice)
            except Exception as exc:  # a damaged install: the other faces still serve
                self._failed = True
                self._warnings.append(f"内置字体 {self.choice.display_name} 无法加载：{exc}")
        return self._loaded

    @property
    def cmap(self) -> frozenset[int]:
        loaded = self.get()
        return loaded.cmap if loaded is not None else frozenset()


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
                 include_bundled_fallbacks: bool = True,
                 on_progress: Callable[[float], None] | None = None) -> None:
        """``on_progress(done)``: called with the share (0–1) of the roles resolved so far (the
        first export of a process parses every face: a quarter of a second)."""
        t0 = time.perf_counter()
        choices = dict(choices or {})
        unknown = set(choices) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown font role(s): {sorted(unknown)}")
        self._system = list(system) if system is not None else None
        self.warnings: list[str] = []
        self._role_font: dict[str, _Loaded] = {}
        for i, role in enumerate(ROLES):
            self._role_font[role] = self._resolve(role, choices.get(role))
            if on_progress is not None:
                on_progress((i + 1) / len(ROLES))

        # Fallback chains. The chosen faces are parsed above; a bundled face that no role uses
        # is parsed only when a character needs it (with official fonts installed, the four
        # bundled faces are fallbacks only: most documents never need them).
        self._faces: dict[str, _Face] = {}
        for role in ROLES:
            f = self._role_font[role]
            self._faces.setdefault(f.name, _Face(f.choice, self.warnings, f))
        bundled = [self._faces.setdefault(c.registered_name, _Face(c, self.warnings))
                   for c in (bundled_fonts() if include_bundled_fallbacks else [])]
        self._chains: dict[str, tuple[_Face, ...]] = {}
        for role in ROLES:
            primary = self._faces[self._role_font[role].name]
            chain: list[_Face] = [primary]
            chain += [b for b in bundled if b.choice.style == primary.choice.style]
            chain += [b for b in bundled if b.choice.style == "song"]
            chain += bundled
            chain += [self._faces[self._role_font[r].name] for r in ROLES]
            uniq: list[_Face] = []
            for f in chain:
                if all(f.name != u.name for u in uniq):
                    uniq.append(f)
            self._chains[role] = tuple(uniq)
        # Chinese quotes are full-width; a face whose “ ” ‘ ’ are narrow Latin-style glyphs
        # (the bundled Kai face) borrows them from the Song face when that has full-width ones.
        song = self._role_font["song"]
        wide = {q for q in _CN_QUOTES if _advance(song, q) >= 900}
        self._quote_font: dict[str, dict[str, str]] = {
            role: {q: song.name for q in wide if _advance(self._role_font[role], q) < 900}
            for role in ROLES}
        self._chosen_cmaps: frozenset[int] = frozenset().union(
            *(f.cmap for f in self._role_font.values()))
        self._memo_sig = self._signature()
        self.load_seconds: float = time.perf_counter() - t0
        """Wall time spent resolving, parsing and registering the fonts."""

    # -- construction helpers ------------------------------------------------

    def _signature(self) -> tuple | None:
        """What the markup of a text depends on: the fallback chains and the files of their
        faces as they are on disk now (None: a file is gone — nothing is memoised)."""
        files = []
        for name, face in self._faces.items():
            try:
                st = face.choice.path.stat()
            except OSError:
                return None
            files.append((name, str(face.choice.path), face.choice.subfont_index, st.st_size,
                          st.st_mtime_ns))
        chains = tuple((role, tuple(f.name for f in self._chains[role])) for role in ROLES)
        return chains, tuple(files)

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
        """Every font name this set registered (the chosen fonts, and the fallback fonts that
        a character has needed so far)."""
        names: list[str] = []
        for chain in self._chains.values():
            for f in chain:
                if f.is_loaded and f.name not in names:
                    names.append(f.name)
        return names

    def cmap(self, name_or_role: str) -> frozenset[int]:
        """Code points of a registered font (by role or by registered name)."""
        if name_or_role in self._role_font:
            return self._role_font[name_or_role].cmap
        if name_or_role in self._faces:
            return self._faces[name_or_role].cmap
        raise KeyError(name_or_role)

    def _anyone_has(self, cp: int) -> bool:
        """Some font of the set has code point ``cp`` (fallback faces parsed as needed)."""
        return cp in self._chosen_cmaps or any(cp in f.cmap for f in self._faces.values())

    # -- coverage -----------------------------------------------------------------

    def covers(self, text: str, role: str | None = None) -> bool:
        """True if the role's chosen font (or, with ``role=None``, some font
        of the set) has a glyph for every visible character of ``text``."""
        if role is None:
            return all(self._anyone_has(ord(ch)) or _is_ignorable(ch) or _is_whitespace_control(ch)
                       for ch in text)
        cmap = self.cmap(role)
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
            if not self._anyone_has(ord(ch)) and not _is_ignorable(ch) and not _is_whitespace_control(ch):
                out[ch] = None
        return list(out)

    def check(self, texts: Iterable[str] | str) -> GlyphReport:
        """Count the characters of ``texts`` that no font has (for a warning)."""
        if isinstance(texts, str):
            texts = [texts]
        report = GlyphReport()
        for text in texts:
            for ch in text:
                if (not self._anyone_has(ord(ch)) and not _is_ignorable(ch)
                        and not _is_whitespace_control(ch)):
                    report.missing[ch] = report.missing.get(ch, 0) + 1
        return report

    # -- runs -----------------------------------------------------------------------

    def font_for_char(self, ch: str, role: str) -> str | None:
        """First font in the role's chain with a glyph for ``ch`` (None: no font)."""
        cp = ord(ch)
        primary = self._role_font[role]
        if cp in primary.cmap:
            return primary.name
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
                name = (self._quote_font[role].get(ch) or self.font_for_char(ch, role)
                        or primary)
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
        if self._memo_sig is None:
            return self._markup(text, role, wrap_primary)
        key = (self._memo_sig, text, role, wrap_primary)
        hit = layoutcache.MARKUP.get(key)
        if hit is None:
            generation = fontload.generation
            hit = self._markup(text, role, wrap_primary)
            layoutcache.MARKUP.put(key, hit, generation)
        return hit

    def _markup(self, text: str, role: str, wrap_primary: bool) -> str:
        primary = self._role_font[role].name
        parts = []
        for name, chunk in self.split_runs(text, role):
            esc = escape_markup(chunk)
            if name == primary and not wrap_primary:
                parts.append(esc)
            else:
                parts.append(f'<font name="{name}">{esc}</font>')
        return "".join(parts)

    def font_file(self, role: str, ch: str) -> tuple[Path, int]:
        """(file, face index) of the font that draws ``ch`` for ``role``."""
        font = self._loaded(self.font_for_char(ch, role) or self._role_font[role].name)
        return font.choice.path, font.choice.subfont_index

    def _loaded(self, name: str) -> _Loaded:
        loaded = self._faces[name].get()
        if loaded is None:
            raise KeyError(name)
        return loaded

    def glyph_extent(self, role: str, ch: str) -> tuple[float, float]:
        """Vertical ink extent ``(yMin, yMax)`` of ``ch`` as drawn for ``role``, in em
        (``(0, 0)`` when no font has it) — to place a mark by its ink, e.g. the page
        number's 一字线 7 mm below the text block."""
        name = self.font_for_char(ch, role)
        if name is None:
            return 0.0, 0.0
        font = self._loaded(name)
        key = (str(font.choice.path), font.choice.subfont_index, ch)
        with _cache_lock:
            hit = _extent_cache.get(key)
        if hit is None:
            hit = _glyph_y_extent(font, ch)
            with _cache_lock:
                _extent_cache[key] = hit
        return hit

    def notices(self) -> list[str]:
        """Notices for the roles printed in a stand-in face (see :func:`substitute_notice`)."""
        out = []
        for role in NOTICE_ROLES:
            text = substitute_notice(role, self.choice(role), list_choices(role, self._system),
                                     skipped_system_fonts() if self._system is None else ())
            if text:
                out.append(text)
        return out

    def faces(self) -> list[tuple[str, str, bool]]:
        """(role label, face used, is a substitute) for the roles of :data:`NOTICE_ROLES`."""
        return [(ROLE_LABELS[r], self.choice(r).display_name, is_substitute(r, self.choice(r)))
                for r in NOTICE_ROLES]

    def describe(self) -> dict[str, str]:
        """Role label → display name of the chosen font (for logs and dialogs)."""
        return {ROLE_LABELS[r]: self._role_font[r].choice.display_name for r in ROLES}

"""Font roles and the choices for them: which faces may print a role (宋体 for 仿宋 …), the
bundled faces, the order the export dialog offers them in, and the notice when a role prints in
a stand-in face. Qt-free; no font file is parsed here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..core.formats import resources_dir
from .fontchoice import FontChoice
from .fontdiscovery import SkippedFont, discover_system_fonts

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


#: The roles whose face the export dialog, the CLI and the 审签单 report, in that order.
NOTICE_ROLES: tuple[str, ...] = ("fangsong", "title", "hei", "kai")

_ROLE_USE = {"song": "表格", "fangsong": "正文", "hei": "一级标题", "kai": "二级标题",
             "title": "文件标题"}
_INSTALL_HINT = {
    "song": "宋体（Windows 的 simsun.ttc）",
    "fangsong": "仿宋_GB2312 或 仿宋（Windows 的 simfang.ttf；统信UOS/麒麟的 CESI仿宋-GB2312）",
    "hei": "黑体（Windows 的 simhei.ttf）",
    "kai": "楷体_GB2312 或 楷体（Windows 的 simkai.ttf）",
    "title": "方正小标宋简体（FZXBSJW.TTF）",
}


def is_substitute(role: str, choice: FontChoice) -> bool:
    """True when ``choice`` only stands in for the face the role asks for: another style
    (宋体 for the 仿宋 body), or for the title any face but an installed 小标宋."""
    if choice.style != role:
        return True
    return role == "title" and (choice.is_bundled or not choice.official)


def substitute_notice(role: str, choice: FontChoice | None, available: Sequence[FontChoice] = (),
                      skipped: Sequence["SkippedFont"] = ()) -> str:
    """A plain Chinese notice when ``role`` prints in a stand-in face (empty otherwise), e.g.
    「未找到仿宋字体，正文将以宋体代替。…」, with what to install and where."""
    _check_role(role)
    if choice is None or not is_substitute(role, choice):
        return ""
    want = _STYLE_SUFFIX[role]
    used = choice.display_name
    own = [c for c in available if c.style == role and not is_substitute(role, c)]
    if own:
        return (f"{_ROLE_USE[role]}没有选用{want}字体，将以“{used}”印出"
                f"（可选：{'、'.join(c.display_name for c in own[:3])}）。")
    text = f"未找到{want}字体，{_ROLE_USE[role]}将以“{used}”代替。"
    unusable = [f for f in skipped if f.style == role]
    if unusable:
        f = unusable[0]
        text += f"已找到“{f.display}”（{f.path.name}），但无法使用：{f.reason}。"
    return (text + f"请安装{_INSTALL_HINT[role]}（Windows 双击字体文件安装；统信UOS/麒麟复制到 "
            "~/.local/share/fonts）后重新导出。")


def _check_role(role: str) -> None:
    if role not in _ROLE_STYLES:
        raise ValueError(f"unknown font role {role!r}; expected one of {ROLES}")

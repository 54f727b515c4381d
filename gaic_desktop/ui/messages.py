"""Message boxes with Chinese button texts.

Qt's translation (installed by ``app.install_chinese``) already turns the standard buttons
into Chinese, but its words are not always the ones Word/WPS users know (Qt says 「丢弃」 where
WPS says 「不保存」), and a missing catalogue must not bring English back. Boxes the program
builds itself get these texts explicitly.

Call ``messages.ask(...)`` through the module (``from . import messages``) so tests can replace
it with a recorder.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SB = QMessageBox.StandardButton

BUTTON_TEXTS = {
    SB.Save: "保存(&S)",  # Alt+S, Alt+N as in WPS/Word
    SB.Discard: "不保存(&N)",
    SB.Cancel: "取消",
    SB.Yes: "是",
    SB.No: "否",
    SB.Ok: "确定",
    SB.Close: "关闭",
}


def chinese_buttons(box: QMessageBox) -> QMessageBox:
    """Give the box's standard buttons their Chinese texts."""
    for sb, text in BUTTON_TEXTS.items():
        button = box.button(sb)
        if button is not None:
            button.setText(text)
    return box


def question_box(parent: QWidget | None, title: str, text: str, buttons, default=SB.NoButton) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    if default != SB.NoButton:
        box.setDefaultButton(default)
    return chinese_buttons(box)


def ask(parent: QWidget | None, title: str, text: str, buttons, default=SB.NoButton) -> QMessageBox.StandardButton:
    """Like ``QMessageBox.question`` (returns the StandardButton chosen; Esc gives the box's
    escape button, else Cancel), with Chinese button texts."""
    box = question_box(parent, title, text, buttons, default)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None:
        return SB.Cancel
    return box.standardButton(clicked)


def choose(parent: QWidget | None, title: str, text: str, buttons: list[str], default: int = 0, *,
           icon: QMessageBox.Icon = QMessageBox.Icon.Warning, escape: int | None = None) -> int | None:
    """A message box with the program's own button texts (e.g. 「打开备份」 / 「取消」). Returns
    the index of the button chosen, or None when the box was closed without one (Esc gives
    ``escape``, by default the last button). Tests replace it through the module."""
    box = QMessageBox(icon, title, text, SB.NoButton, parent)
    made = []
    for i, label in enumerate(buttons):
        role = QMessageBox.ButtonRole.RejectRole if i == len(buttons) - 1 and len(buttons) > 1 \
            else QMessageBox.ButtonRole.AcceptRole
        made.append(box.addButton(label, role))
    if made:
        box.setDefaultButton(made[default])
        box.setEscapeButton(made[escape if escape is not None else len(made) - 1])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else None


def os_error_reason(exc: BaseException) -> str:
    """Why a file operation failed, in Chinese (never the system's English text)."""
    import errno

    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间不足"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
        return "没有写入或读取权限（文件夹只读或文件被其他程序占用）"
    if code in (errno.ENOENT, errno.ENOTDIR) or isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "文件或文件夹不存在"
    if isinstance(exc, OSError):
        return "文件读写出错"
    return "程序内部出错"


def error_text(what: str, exc: BaseException) -> str:
    """「<what>失败：<reason>。」 for an OSError or an unexpected exception, in Chinese."""
    if isinstance(exc, OSError):
        return f"{what}失败：{os_error_reason(exc)}。"
    return f"{what}失败：程序内部出错，请重试；如果再次出现，请保存后重新启动程序。"

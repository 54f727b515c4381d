"""帮助 → 使用说明 (F1): the guide inside the program, offline.

The text is data: ``resources/help/guide.html`` (the hand-written chapters), ``rules.json`` (for
every rule id: what it checks, how to resolve it), ``colors.json`` (what each cell colour
means). Generated into it: the colour swatches (the table model's actual colours), every rule of
both formats with its id, severity and message (``resources/formats/*.json``), the kinds of
reason a 说明 must give (``resources/rules/explanations.json``), where files, backups and
autosaves are on this computer, and the shortcuts. Shown in a QTextBrowser (no network, no web
engine). F1 opens the chapter of the current tab.

The window's hook is one call::

    install_help_menu(window)   # after the 帮助 menu exists
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtWidgets import (QDialog, QListWidget, QListWidgetItem, QSplitter, QTextBrowser,
                               QVBoxLayout)

from .. import APP_NAME
from ..core.formats import format_ids, get_format, resources_dir

ERROR_TEXT = "错误"
WARNING_TEXT = "警告"
_MARKER_RE = re.compile(r"<!--@(\w+)-->")
_CHAPTER_RE = re.compile(r'<h2><a name="([\w-]+)"></a>(.*?)</h2>')
_PLACEHOLDERS = {
    "row": "行名", "col": "列名", "left": "数字", "right": "数字", "diff": "差额", "value": "数字",
    "count": "个数", "left_detail": "算式", "right_detail": "算式", "label": "部分", "where": "位置",
    "found": "年份", "year": "报告年度", "section": "部分", "what": "表格", "date": "日期", "next": "次年",
    "context": "原文", "slip": "问题", "replacement": "正确写法",
}
_TABLE_GROUPS = [("t2", "表二　主动公开政府信息情况"), ("t3", "表三　收到和处理政府信息公开申请情况"),
                 ("t4", "表四　政府信息公开行政复议、行政诉讼情况"), ("x", "正文、标题和落款")]


def help_dir() -> Path:
    return resources_dir() / "help"


@lru_cache(maxsize=1)
def rule_help() -> dict[str, dict[str, str]]:
    data = json.loads((help_dir() / "rules.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def color_help() -> list[dict[str, str]]:
    return json.loads((help_dir() / "colors.json").read_text(encoding="utf-8"))["colors"]


def rule_anchor(rule_id: str) -> str:
    """「T2'-2」 → 「rule-T2p-2」 (an anchor name without quotes)."""
    return "rule-" + re.sub(r"[^\w-]", "p", rule_id)


def all_rules() -> list[dict]:
    """Every rule of every format, once per id, in the order of the form: id, severity,
    message (template), source, table group, formats that have it."""
    seen: dict[str, dict] = {}
    for fid in sorted(format_ids(), reverse=True):  # the newest format's wording first
        fmt = get_format(fid)
        for rule in fmt.rules:
            entry = seen.get(rule.id)
            if entry is None:
                table = getattr(rule, "table", None)
                seen[rule.id] = {
                    "id": rule.id, "severity": rule.severity,
                    "message": getattr(rule, "message", "") or "",
                    "source": getattr(rule, "source", "") or "",
                    "group": table if table in ("t2", "t3", "t4") else "x",
                    "formats": [fid],
                }
            else:
                entry["formats"].append(fid)
    return list(seen.values())


def _template(message: str) -> str:
    """A rule's message with its placeholders as 〈行名〉 〈数字〉 …"""
    return re.sub(r"\{(\w+)\}", lambda m: "〈" + _PLACEHOLDERS.get(m.group(1), "…") + "〉", message)


def _format_note(formats: list[str]) -> str:
    if len(formats) == len(format_ids()):
        return ""
    names = "、".join(f"{f}年格式" for f in sorted(formats))
    return f"（仅{names}）"


def rules_html() -> str:
    helps = rule_help()
    rules = all_rules()
    out = []
    for group, title in _TABLE_GROUPS:
        members = [r for r in rules if r["group"] == group]
        if not members:
            continue
        out.append(f'<h3><a name="rules-{group}"></a>{html.escape(title)}</h3>')
        for r in members:
            h = helps.get(r["id"], {})
            sev = ERROR_TEXT if r["severity"] == "error" else WARNING_TEXT
            color = "#a11d1d" if r["severity"] == "error" else "#8a5a00"
            parts = [f'<p><a name="{rule_anchor(r["id"])}"></a><b>{html.escape(r["id"])}</b>　'
                     f'<span style="color:{color}"><b>{sev}</b></span>'
                     f'{html.escape(_format_note(r["formats"]))}</p><ul>']
            example = _template(r["message"]) if r["message"] else h.get("example", "")
            if example:
                parts.append(f'<li>提示内容：“{html.escape(example)}”</li>')
            parts.append(f'<li>检查什么：{html.escape(h.get("checks", ""))}</li>')
            parts.append(f'<li>怎么处理：{html.escape(h.get("resolve", ""))}</li>')
            if r["source"]:
                source = re.sub(r"^推定（弱）：", "程序推定（仅供参考）：", r["source"])
                source = re.sub(r"^推定：", "程序推定：", source)
                parts.append(f'<li style="color:#555">依据：{html.escape(source)}</li>')
            parts.append("</ul>")
            out.append("".join(parts))
    return "\n".join(out)


def colors_html() -> str:
    from . import table_model

    rows = []
    for c in color_help():
        bg = getattr(table_model, c["background"]).name()
        fg = getattr(table_model, c["foreground"]).name()
        sample = html.escape(c.get("sample") or "")
        rows.append(f'<tr><td width="64" align="center" style="background-color:{bg}; color:{fg}; '
                    f'border:1px solid #404040">{sample or "&nbsp;"}</td>'
                    f'<td style="padding-left:8px">{html.escape(c["meaning"])}</td></tr>')
    return ('<table cellspacing="4" cellpadding="4">' + "".join(rows) + "</table>"
            "<p>正在输入的单元格显示输入框；输入的内容不是有效的数字时，状态栏说明原因，内容不会保存。</p>")


def explanation_kinds_html() -> str:
    from ..core.rules import explanation_rules

    kinds = {
        "原因": "原因：用“因……”“由于……”“系……”“属于……”说明差异从何而来，如划转、撤并、修订后重新印发、跨年度办理、统计口径不同；",
        "文件": "依据的文件或台账：如“区政府办〔2024〕12号”“《某某办法》”“申请登记台账”；",
        "数字": "涉及的件数或数字：如“其中3件申请在年底前撤回”；",
        "日期": "日期：如“2024年1月补正后办结”“年底前”。",
    }
    order = dict.fromkeys(kind for kind, _ in explanation_rules().reasons)  # the data's kinds, in order
    items = [kinds.get(k, k) for k in order]
    example = explanation_rules().refusal.split("例如：", 1)[-1]
    return ("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in items) + "</ul>"
            f"<p>例如：{html.escape(example)}</p>")


def _location(loc: QStandardPaths.StandardLocation) -> str:
    return QStandardPaths.writableLocation(loc) or ""


def files_html(window=None) -> str:
    from ..core.report import FILE_SUFFIX
    from ..core.storage import backup_path
    from .recovery import recovery_dir

    current = getattr(window, "current_path", None)
    current = str(Path(current).resolve()) if current else None
    docs = _location(QStandardPaths.StandardLocation.DocumentsLocation)
    items = [
        f"<li><b>年报文件</b>（扩展名 {FILE_SUFFIX}）：保存在您选择的文件夹中。第一次保存时程序建议保存到“文档”文件夹"
        f"{'（' + html.escape(docs) + '）' if docs else ''}，或上年度年报文件所在的文件夹。"
        + (f"当前打开的文件：{html.escape(str(current))}。" if current else "") + "</li>",
        "<li><b>备份</b>：每次保存时，程序先把原来的文件另存为同一文件夹中的“文件名.bak”，再写入新内容；"
        "保存过程中断电或程序意外关闭，原文件也不会损坏。"
        + (f"当前文件的备份：{html.escape(str(backup_path(current)))}。" if current else "")
        + "打开的文件损坏时，程序会提出打开这份备份，检查无误后保存即可替换损坏的文件。</li>",
        "<li><b>自动保存</b>：有未保存的修改时，停止输入约 1 秒后（此外每分钟一次），程序在后台自动保存一份恢复副本，"
        f"每个窗口各一份，存放在：{html.escape(str(recovery_dir()))}。程序意外关闭（停电、死机）后再次启动时，"
        "会提出恢复这些修改；正常保存或关闭后，恢复副本即被删除。恢复副本不能代替保存。</li>",
        "<li><b>从备份恢复</b>：“文件 → 从备份恢复…”打开所选年报文件的备份（.bak），作为未保存的修改显示，"
        "检查无误后再保存。</li>",
        "<li><b>同时打开</b>：打开年报文件时，程序在它旁边放一个锁定文件（.~文件名.lock），"
        "别的窗口或别的同事再打开同一文件时会被告知谁正在编辑；保存前文件已被别人改过时，程序会先询问。</li>",
        "<li><b>导出的PDF</b>：默认保存在年报文件旁边，公开版为“文件名.pdf”，审签版为“文件名（审签版）.pdf”。</li>",
        f"<li><b>程序设置</b>（窗口大小、最近打开的文件、导出选项）：{html.escape(QSettings().fileName())}。</li>",
    ]
    return "<ul>" + "".join(items) + "</ul>"


def shortcuts_html() -> str:
    from .dialogs import SHORTCUTS

    rows = list(SHORTCUTS)
    keys = {k for k, _ in rows}
    for extra in (("Ctrl+P", "打印"), ("F1", "使用说明（打开当前标签页对应的部分）")):
        if extra[0] not in keys:
            rows.append(extra)
    return "<table cellspacing='2' cellpadding='2'>" + "".join(
        f"<tr><td style='padding-right:16px'><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
        for k, v in rows) + "</table>"


def chapters(text: str) -> list[tuple[str, str]]:
    """(anchor, title) of every chapter of the guide."""
    return [(a, re.sub(r"<[^>]+>", "", t)) for a, t in _CHAPTER_RE.findall(text)]


def guide_html(window=None) -> str:
    """The whole guide as HTML (hand-written chapters with the generated parts filled in)."""
    text = (help_dir() / "guide.html").read_text(encoding="utf-8")
    text = re.sub(r"\A\s*<!--(?!@).*?-->\s*", "", text, flags=re.S)  # the file's own comment
    toc = "<p>" + "　".join(f'<a href="#{a}">{html.escape(t)}</a>' for a, t in chapters(text)) + "</p>"
    parts = {"toc": lambda: toc, "colors": colors_html, "rules": rules_html,
             "explanation_kinds": explanation_kinds_html, "files": lambda: files_html(window),
             "shortcuts": shortcuts_html}
    return _MARKER_RE.sub(lambda m: parts[m.group(1)](), text)


def anchor_for(window) -> str:
    """The guide's part for the window's current tab: 基本信息 → basic; a tab with a table →
    that table's rules; a tab of text → the chapter on the narrative."""
    tabs = getattr(window, "tabs", None)
    current = tabs.currentWidget() if tabs is not None else None
    if current is None:
        return "workflow"
    if current is getattr(window, "basic_tab", None):
        return "basic"
    tables = list(getattr(current, "tables", {}) or {})
    if tables:
        return f"rules-{tables[0]}"
    return "text"


class HelpDialog(QDialog):
    """The guide: its chapters on the left, the text on the right. Non-modal."""

    def __init__(self, window=None):
        super().__init__(window)
        self.setWindowTitle(f"使用说明 — {APP_NAME}")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.window_ = window
        text = self._html = guide_html(window)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # only anchors inside the guide; nothing is fetched
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setHtml(text)
        self.contents = QListWidget()
        self.contents.setObjectName("help_contents")
        for anchor, title in chapters(text):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)
        # clicks and Enter only: the list's current item also changes when it gets the focus
        self.contents.itemClicked.connect(lambda item: self.show_anchor(item.data(Qt.ItemDataRole.UserRole)))
        self.contents.itemActivated.connect(lambda item: self.show_anchor(item.data(Qt.ItemDataRole.UserRole)))
        split = QSplitter()
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([230, 700])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(split)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(980, screen.width() - 60) if screen else 980,
                    min(700, screen.height() - 80) if screen else 700)

    def refresh(self) -> None:
        """Generate the guide again (the open file, and so its backup's name, may have changed)."""
        text = guide_html(self.window_)
        if text != self._html:
            self._html = text
            self.browser.setHtml(text)

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme():
            self.show_anchor(url.fragment())

    def show_anchor(self, anchor: str) -> None:
        """Scroll to ``anchor`` (also once the text is laid out, when just opened) and mark its
        chapter in the contents."""
        self.current_anchor = anchor
        self.browser.scrollToAnchor(anchor)
        QTimer.singleShot(0, lambda: self.current_anchor == anchor and self.browser.scrollToAnchor(anchor))
        chapter = self._chapter_of(anchor)
        for i in range(self.contents.count()):
            item = self.contents.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == chapter:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)

    def _chapter_of(self, anchor: str) -> str:
        """The chapter that holds ``anchor`` (rules-t3 and rule-T3-1 are in 「rules」)."""
        if anchor.startswith("rule"):
            return "rules"
        return {"colors": "tables", "totals": "tables"}.get(anchor, anchor)


def show_help(window, anchor: str | None = None) -> HelpDialog:
    """Open (or raise) the guide at ``anchor`` (default: the current tab's part)."""
    dlg = getattr(window, "_help_dialog", None)
    if not isinstance(dlg, HelpDialog):
        dlg = HelpDialog(window)
        window._help_dialog = dlg
    else:
        dlg.refresh()
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    target = anchor or anchor_for(window)
    dlg.show_anchor(target)
    return dlg


def _open(window) -> None:
    try:
        show_help(window)
    except Exception as exc:  # noqa: BLE001 - no exception may escape a Qt slot
        from PySide6.QtWidgets import QMessageBox

        from .messages import error_text

        QMessageBox.critical(window, "使用说明", error_text("打开使用说明", exc))


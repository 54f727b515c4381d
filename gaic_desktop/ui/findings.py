"""The findings panel (a dock): every error and warning of the report, live.

Clicking a finding emits ``findingActivated(finding)``; the window switches to its tab and selects
its cells. A warning can be acknowledged with an explanation (说明) — the core decides whether
the explanation is acceptable and its Chinese message is shown if not.

The text lint's slips (X-8, often dozens) are listed per part of the text as one entry
「正文“一、总体情况”：标点符号不规范 6 处」 that opens (click, Enter) to show each slip indented below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QStackedWidget, QStyledItemDelegate, QVBoxLayout, QWidget)

from ..core.rules import ExplanationError, Finding

#: shown until the rules have been evaluated (right after the window's first paint)
CHECKING = "正在检查…"
ERROR_FG = QColor("#a11d1d")
WARNING_FG = QColor("#8a5a00")
ACK_FG = QColor("#6b6b6b")


def counts_text(findings) -> str:
    """The one count of findings the window shows (status bar and findings panel): every
    warning counts, the explained ones named again in brackets — 「错误 0 处　警告 3 处（已说明 1 处）」."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    explained = sum(1 for f in findings if not f.is_error and f.acknowledged)
    text = f"错误 {errors} 处　警告 {warnings} 处"
    return text + (f"（已说明 {explained} 处）" if explained else "")


@dataclass(frozen=True)
class SlipGroup:
    """The X-8 slips of one text field, shown as one entry of the list."""

    field: str  # "preface" or "sections.s1" …
    label: str  # the form's name of the field: 正文“一、总体情况”
    findings: tuple[Finding, ...]

    @property
    def key(self) -> str:
        return f"X-8:{self.field}:*"

    severity = "warning"
    is_error = False

    @property
    def acknowledged(self) -> bool:
        return all(f.acknowledged for f in self.findings)

    @property
    def message(self) -> str:
        return f"{self.label}：标点符号不规范 {len(self.findings)} 处"

    def text(self, expanded: bool) -> str:
        tag = "已说明" if self.acknowledged else "警告"
        hint = "点击收起" if expanded else "点击展开"
        return f"{'▾' if expanded else '▸'}【{tag}】{self.message}（{hint}）"


# An item's role in the list: a finding of its own, a group of slips, or a slip inside a group.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT = 18  # px: a group's slips sit under their entry


class _FindingsList(QListWidget):
    """The findings list; lays its items out again when its viewport's width changes (a scroll
    bar comes or goes, the dock is resized): the items' heights depend on it.

    A scroll area's ``resizeEvent`` is the viewport's resize. Overriding it, rather than filtering
    ``viewport()``'s events, keeps start-up from asking Qt for the viewport: the first C++ widget
    handed to Python that Python did not create makes PySide6 build the Python types of every
    widget class that could be it (~25 ms, ~60 types), and the first paint need not wait for that."""

    def __init__(self):
        super().__init__()
        self._laid_out_width = -1

    def viewport_width(self) -> int:
        """The viewport's width, as its last resize gave it (the view's own before the first)."""
        return self._laid_out_width if self._laid_out_width >= 0 else self.width()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() != self._laid_out_width:
            self._laid_out_width = event.size().width()
            self.scheduleDelayedItemsLayout()


class _ItemDelegate(QStyledItemDelegate):
    """Every item as high as its wrapped text at the list's present width (the default size was
    taken before the scroll bar appeared: some items got a blank line, others an elided end), a
    group's slips indented."""

    def __init__(self, view: _FindingsList):
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple, int] = {}

    def _indent(self, index) -> int:
        return INDENT if index.data(KIND_ROLE) == "slip" else 0

    def sizeHint(self, option, index) -> QSize:
        width = max(self.view.viewport_width() - 2 * self.view.spacing() - self._indent(index), 40)
        # the list lays out every entry again whenever one comes or goes (each keystroke that
        # changes the findings): the heights of the texts it measured before are kept
        # (the metrics too: on a screen of another scale the same font measures differently)
        key = (index.data(Qt.ItemDataRole.DisplayRole), width, option.font.key(),
               option.fontMetrics.height(), option.fontMetrics.averageCharWidth())
        height = self._heights.get(key)
        if height is None:
            opt = type(option)(option)
            opt.rect.setWidth(width)
            height = super().sizeHint(opt, index).height()
            if len(self._heights) > 2000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(self, painter, option, index) -> None:
        indent = self._indent(index)
        if indent:
            option = type(option)(option)
            option.rect.adjust(indent, 0, 0, 0)
        super().paint(painter, option, index)


def finding_text(f: Finding) -> str:
    tag = "错误" if f.is_error else ("已说明" if f.acknowledged else "警告")
    text = f"【{tag}】{f.message}"
    if f.acknowledged:
        text += f"\n说明：{f.acknowledged}"
    return text


class FindingsPanel(QWidget):
    findingActivated = Signal(object)

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.list = _FindingsList()
        self.list.setObjectName("findings_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setItemDelegate(_ItemDelegate(self.list))
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.placeholder = QLabel("未发现错误或警告。")
        self.placeholder.setObjectName("findings_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.placeholder.setContentsMargins(8, 24, 8, 8)
        self.placeholder.setStyleSheet("color:#6b6b6b")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.placeholder)
        lay.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.ack_button = QPushButton("添加说明…")
        self.ack_button.setToolTip("对选中的警告写明原因（说明）；错误必须改正，不能说明")
        self.ack_button.clicked.connect(self.acknowledge_current)
        self.unack_button = QPushButton("删除说明")
        self.unack_button.clicked.connect(self._unacknowledge)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.unack_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._shown: list[tuple] | None = None  # nothing shown yet
        self._open: set[str] = set()  # the fields whose slip group is open
        self._toggling: str | None = None
        doc.findingsChanged.connect(self.refresh)
        self.refresh()
        self._update_buttons()

    def findings(self) -> list[Finding]:
        """Every finding the panel lists, also those inside a closed group."""
        return list(self.doc.findings)

    def _entries(self) -> list[tuple[str, object]]:
        """(kind, finding or group) in list order: X-8 slips of a field with more than one
        grouped where the first of them stands, the group's slips after it when it is open."""
        by_field: dict[str, list[Finding]] = {}
        for f in self.doc.findings:
            if f.fix is not None:
                by_field.setdefault(f.fix.field, []).append(f)
        out: list[tuple[str, object]] = []
        for f in self.doc.findings:
            slips = by_field.get(f.fix.field, []) if f.fix is not None else []
            if len(slips) < 2:
                out.append(("finding", f))
            elif f is slips[0]:
                group = SlipGroup(f.fix.field, self.doc.report.field_label(f.fix.field), tuple(slips))
                out.append(("group", group))
                if group.field in self._open:
                    out += [("slip", s) for s in slips]
        return out

    def _signature(self, kind: str, x) -> tuple:
        """What an entry's item shows (text, colour, tooltip): an item whose signature did not
        change is kept as it is."""
        return (kind, x.key, x.message, x.acknowledged, x.severity,
                kind == "group" and x.field in self._open)

    def _make_item(self, kind: str, x) -> QListWidgetItem:
        if kind == "group":
            item = QListWidgetItem(x.text(x.field in self._open))
            item.setToolTip(f"规则 X-8：{x.label}中标点符号、序号的书写问题共 {len(x.findings)} 处；"
                            "点击展开逐条查看，可逐条修正或全部修正")
        else:
            item = QListWidgetItem(finding_text(x))
            item.setToolTip(f"规则 {x.rule_id}：{x.message}")
        item.setData(Qt.ItemDataRole.UserRole, x)
        item.setData(KIND_ROLE, kind)
        item.setForeground(QBrush(ERROR_FG if x.is_error else (ACK_FG if x.acknowledged else WARNING_FG)))
        return item

    def refresh(self) -> None:
        """Show the document's findings. Only the entries that changed are replaced (a
        keystroke in a cell typically adds or removes one or two): rebuilding the whole list
        laid out and painted every entry again on every keystroke."""
        findings = self.doc.findings
        entries = self._entries()
        sigs = [self._signature(kind, x) for kind, x in entries]
        if self._shown is not None and sigs == self._shown[1:] and self._shown[0] == self.doc.checked:
            # same entries: keep the selection, just swap the objects; the summary still counts
            # the findings (a closed group's entry does not change when one of its slips loses
            # or gains an explanation)
            for i, (_, x) in enumerate(entries):
                self.list.item(i).setData(Qt.ItemDataRole.UserRole, x)
            self._show_summary(findings)
            return
        current = self.list.currentItem()
        current_key = current.data(Qt.ItemDataRole.UserRole).key if current else None
        old = self._shown[1:] if self._shown is not None else []
        self._shown = [self.doc.checked, *sigs]
        self.list.blockSignals(True)
        # from the end, so that the rows of the blocks before stay where they are
        for tag, i1, i2, j1, j2 in reversed(SequenceMatcher(None, old, sigs, autojunk=False).get_opcodes()):
            if tag == "equal":
                for k in range(i2 - i1):
                    self.list.item(i1 + k).setData(Qt.ItemDataRole.UserRole, entries[j1 + k][1])
                continue
            for _ in range(i2 - i1):
                self.list.takeItem(i1)
            for k in range(j2 - j1):
                self.list.insertItem(i1 + k, self._make_item(*entries[j1 + k]))
        current = self.list.currentItem()
        if current_key is not None and (current is None
                                        or current.data(Qt.ItemDataRole.UserRole).key != current_key):
            for i in range(self.list.count()):
                if self.list.item(i).data(Qt.ItemDataRole.UserRole).key == current_key:
                    self.list.setCurrentRow(i)
                    break
            else:
                self.list.setCurrentItem(None)
        self.list.blockSignals(False)
        self.placeholder.setText("未发现错误或警告。" if self.doc.checked else CHECKING)
        self.stack.setCurrentWidget(self.list if findings else self.placeholder)
        self._show_summary(findings)
        self._update_buttons()

    def _show_summary(self, findings) -> None:
        # with nothing to list, the placeholder says it: no second line saying the same
        self.summary.setVisible(bool(findings))
        self.summary.setText(f"{counts_text(findings)}。点击一条可跳到相应单元格。" if findings else "")

    def _update_buttons(self) -> None:
        f = self.current_finding()
        self.ack_button.setEnabled(bool(f and not f.is_error))
        self.unack_button.setEnabled(bool(f and f.acknowledged))

    def _activated(self, item: QListWidgetItem) -> None:
        x = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(x, SlipGroup):
            # a click may report the item both clicked and activated (style): open or close once
            if self._toggling != x.field:
                self._toggling = x.field
                QTimer.singleShot(0, self._toggled)
                self.set_group_open(x.field, x.field not in self._open)
            return
        self.findingActivated.emit(x)

    def _toggled(self) -> None:
        self._toggling = None

    def set_group_open(self, field: str, show: bool) -> None:
        """Open (list each slip below the entry) or close the slip group of text field ``field``."""
        if show:
            self._open.add(field)
        else:
            self._open.discard(field)
        self.refresh()

    def current_finding(self) -> Finding | None:
        """The selected finding (None for a group's entry: it names many)."""
        item = self.list.currentItem()
        x = item.data(Qt.ItemDataRole.UserRole) if item else None
        return x if isinstance(x, Finding) else None

    def current_slip_field(self) -> str | None:
        """The text field of the selected slip group or X-8 slip (what 全部修正… works on)."""
        item = self.list.currentItem()
        x = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(x, SlipGroup):
            return x.field
        return x.fix.field if isinstance(x, Finding) and x.fix is not None else None

    def select_finding(self, f: Finding) -> bool:
        """Select ``f``'s entry (its group opened first if it is in one); False if it is not listed."""
        if f.fix is not None and f.fix.field not in self._open:
            self.set_group_open(f.fix.field, True)
        for i in range(self.list.count()):
            x = self.list.item(i).data(Qt.ItemDataRole.UserRole)
            if isinstance(x, Finding) and x.key == f.key:
                self.list.setCurrentRow(i)
                self.list.scrollToItem(self.list.item(i))
                return True
        return False

    def acknowledge_current(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        if f.is_error:
            QMessageBox.information(self, "添加说明", "错误必须改正，不能以说明代替；只有警告可以附说明。")
            return
        from . import explain_dialog  # (not needed before the window's first paint)

        # the dialog itself refuses a thin 说明 (its text stays in the box, the reason shown)
        text, ok = explain_dialog.ask_explanation(self, f, f.acknowledged or "")
        if ok:
            self.acknowledge(f, text)

    def acknowledge(self, f: Finding, text: str) -> bool:
        try:
            self.doc.acknowledge(f, text)
        except ExplanationError as exc:
            QMessageBox.warning(self, "说明未保存", str(exc))
            return False
        return True

    def _unacknowledge(self) -> None:
        f = self.current_finding()
        if f is not None and f.acknowledged:
            self.doc.remove_acknowledgement(f.key)

"""Small dialogs: 新建年报, 快捷键, 关于."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..core.formats import FormatError, format_for_year
from ..core.report import DRAFT_MARK, FILE_SUFFIX
from . import file_dialogs
from .messages import chinese_buttons

FILE_FILTER = f"年报文件 (*{FILE_SUFFIX} *.json);;所有文件 (*)"


class NewReportDialog(QDialog):
    """Organisation and year (the format follows from the year), optionally last year's file.

    ``candidates``: (label, path) of files offered as last year's (the open file, recent
    files, the samples); ``last_year``: the one chosen at the start (新建下一年度报告)."""

    def __init__(self, parent=None, organisation: str = "", year: int | None = None, *,
                 candidates: list[tuple[str, str]] | None = None, last_year: str | None = None,
                 title: str = "新建年报"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.org = QLineEdit(organisation)
        self.org.setObjectName("new_org")
        self.org.setPlaceholderText("如：武汉市汉阳区人民政府")
        form.addRow("机关名称", self.org)
        self.org_note = QLabel()
        self.org_note.setObjectName("new_org_note")
        self.org_note.setWordWrap(True)
        self.use_file_org = QPushButton()
        self.use_file_org.setObjectName("new_use_file_org")
        self.use_file_org.clicked.connect(self._use_file_org)
        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.org_note, 1)
        note_row.addWidget(self.use_file_org)
        self.org_note_holder = QWidget()
        self.org_note_holder.setLayout(note_row)
        self.org_note_holder.setVisible(False)
        form.addRow("", self.org_note_holder)
        self.year = QSpinBox()
        self.year.setObjectName("new_year")
        self.year.setRange(2019, 2100)
        self.year.setSuffix(" 年度")
        self.year.setValue(year or dt.date.today().year - 1)
        form.addRow("报告年度", self.year)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        form.addRow("报告格式", self.format_label)
        lay.addLayout(form)
        self.from_last = QCheckBox("从上年度年报文件开始（带入上年结转、机关信息和上年数据）")
        self.from_last.setObjectName("new_from_last")
        lay.addWidget(self.from_last)
        inner = QVBoxLayout()
        inner.setContentsMargins(20, 0, 0, 0)
        self.choice = QComboBox()
        self.choice.setObjectName("new_last_choice")
        self.choice.addItem("（选择上年度年报文件）", "")
        for label, path in candidates or []:
            self.choice.addItem(label, path)
            self.choice.setItemData(self.choice.count() - 1, path, Qt.ItemDataRole.ToolTipRole)
        self.choice.setVisible(self.choice.count() > 1)
        self.choice.activated.connect(self._chosen)
        inner.addWidget(self.choice)
        row = QHBoxLayout()
        self.last_path = QLineEdit()
        self.last_path.setObjectName("new_last_path")
        self.last_path.setPlaceholderText("上年度年报文件（.gaic.json）")
        self.browse = QPushButton("浏览…")
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.last_path, 1)
        row.addWidget(self.browse)
        inner.addLayout(row)
        self.carry_text = QCheckBox("带入上年正文作为草稿（需逐段修改）")
        self.carry_text.setObjectName("new_carry_text")
        self.carry_text.setToolTip("上年的正文开头和各部分文字带入新报告，每部分前加一段"
                                   f"“{DRAFT_MARK}”提示；该提示段删除之前，“错误和警告”中一直有提醒。")
        inner.addWidget(self.carry_text)
        carried = QLabel("表格从空白开始；上年数据附在新报告中，用于跨年度核对（如上年结转）。"
                         "联系人、联系电话和拟稿、审核、签发人取自上年文件。")
        carried.setWordWrap(True)
        carried.setStyleSheet("color:#555")
        inner.addWidget(carried)
        holder = QWidget()
        holder.setLayout(inner)
        lay.addWidget(holder)
        self.from_last.toggled.connect(holder.setEnabled)
        holder.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.year.valueChanged.connect(self._update_format)
        self._update_format()
        self._auto_org = ""  # what the dialog itself filled in from a file (may be replaced)
        self._file_org = ""  # the organisation of the file chosen
        self._filled_from: str | None = None
        self.last_path.editingFinished.connect(self._fill_from_last)
        self.org.textEdited.connect(lambda _t: self._show_org_note())
        if last_year:
            i = self.choice.findData(last_year)
            if i >= 0:
                self.choice.setCurrentIndex(i)
            self.last_path.setText(last_year)
            self.from_last.setChecked(True)
            self._fill_from_last()

    def _update_format(self) -> None:
        try:
            fmt = format_for_year(self.year.value())
            self.format_label.setText(f"{fmt.name}（{fmt.document}）")
        except FormatError as exc:
            self.format_label.setText(str(exc))

    def _chosen(self, index: int) -> None:
        path = self.choice.itemData(index) or ""
        if path:
            self.last_path.setText(path)
            self.from_last.setChecked(True)
            self._fill_from_last()

    def _browse(self) -> None:
        parent = self.parentWidget()
        start = parent.start_folder() if hasattr(parent, "start_folder") else ""
        path, _ = file_dialogs.get_open_file_name(self, "选择上年度年报文件", start, FILE_FILTER)
        if path:
            self.last_path.setText(path)
            self.from_last.setChecked(True)
            self._fill_from_last()

    def _fill_from_last(self) -> None:
        """Last year's file chosen: the new report is for the year after it. 机关名称 is filled
        from the file only while empty (or still what an earlier file filled in); a name already
        there is never replaced silently: a note shows the file's name and offers 「改用」."""
        path = self.last_path.text().strip()
        if not path or path == self._filled_from:
            return
        from ..core.storage import ReportFileError, load

        try:
            last = load(path)
        except (ReportFileError, FormatError, ValueError, OSError):
            return  # 新建 shows the Chinese message
        self._filled_from = path
        self.year.setValue(min(self.year.maximum(), max(self.year.minimum(), last.year + 1)))
        self._file_org = (last.organisation or "").strip()
        if self._file_org and self.org.text().strip() in ("", self._auto_org):
            self._auto_org = self._file_org
            self.org.setText(self._file_org)
        self._show_org_note()

    def _show_org_note(self) -> None:
        typed, file_org = self.org.text().strip(), self._file_org
        if not file_org or not self.from_last.isChecked():
            self.org_note_holder.setVisible(False)
        elif typed == file_org:
            self.org_note.setText("机关名称取自上年度年报文件。")
            self.use_file_org.setVisible(False)
            self.org_note_holder.setVisible(True)
        else:
            self.org_note.setText(f"上年度年报文件的机关名称是“{file_org}”，与上面填写的不同；"
                                  "新报告使用上面填写的名称。")
            self.org_note.setStyleSheet("color:#8a5a00")
            self.use_file_org.setText("改用上年名称")
            self.use_file_org.setVisible(True)
            self.org_note_holder.setVisible(True)
            return
        self.org_note.setStyleSheet("color:#555")

    def _use_file_org(self) -> None:
        self.org.setText(self._file_org)
        self._auto_org = self._file_org
        self._show_org_note()

    def _accept(self) -> None:
        if not self.org.text().strip() and not self.from_last.isChecked():
            QMessageBox.warning(self, "新建年报", "请填写机关名称。")
            return
        if self.from_last.isChecked() and not self.last_path.text().strip():
            QMessageBox.warning(self, "新建年报", "请选择上年度年报文件。")
            return
        self.accept()

    def values(self) -> tuple[str, int, str | None]:
        last = self.last_path.text().strip() if self.from_last.isChecked() else None
        return self.org.text().strip(), self.year.value(), last or None

    def carry_text_wanted(self) -> bool:
        """Last year's narrative as a draft (only with last year's file)."""
        return self.from_last.isChecked() and self.carry_text.isChecked()


SHORTCUTS = [
    ("方向键", "在单元格之间移动"),
    ("Enter / Shift+Enter", "确认并移到下方 / 上方的填写格"),
    ("Tab / Shift+Tab", "确认并移到右侧 / 左侧的填写格"),
    ("直接输入数字", "覆盖单元格原有内容"),
    ("F2 或 双击", "修改单元格内容"),
    ("Esc", "放弃正在输入的内容"),
    ("Delete", "清除选中的单元格（清为空白，不是0）"),
    ("/", "填“/”表示不适用"),
    ("Ctrl+C / Ctrl+V", "复制 / 粘贴（可粘贴从Excel或WPS表格复制的整块数字）"),
    ("Ctrl+Z / Ctrl+Y（或 Ctrl+Shift+Z）", "撤销 / 重做（在正文和基本信息中同样适用）"),
    ("右键单击单元格", "复制、粘贴、清除、标记“/”、添加批注、查看相关规则"),
    ("Ctrl+N / Ctrl+O", "新建 / 打开年报"),
    ("Ctrl+S / Ctrl+Shift+S", "保存 / 另存为"),
    ("Ctrl+E", "导出PDF（输入文字或数字时也可使用）"),
    ("Ctrl+P", "打印"),
    ("F1", "使用说明"),
    ("Ctrl+PgUp / Ctrl+PgDown", "切换到上一个 / 下一个标签页"),
]


def show_shortcuts(parent) -> None:
    rows = "".join(f"<tr><td style='padding:2px 16px 2px 0'><b>{k}</b></td><td>{v}</td></tr>"
                   for k, v in SHORTCUTS)
    box = QMessageBox(parent)
    box.setWindowTitle("快捷键")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<table>{rows}</table>")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    chinese_buttons(box)
    box.exec()


def show_about(parent) -> None:
    QMessageBox.about(parent, "关于",
                      f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
                      "<p>按国务院办公厅政府信息与政务公开办公室印发的年度报告格式"
                      "（国办公开办函〔2019〕60号、国办公开办函〔2021〕30号）编制、检查和打印"
                      "政府信息公开工作年度报告。</p><p>本程序完全离线运行，数据只保存在本机。</p>")

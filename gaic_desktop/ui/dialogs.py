"""Small dialogs: 新建年报, 快捷键, 关于."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..core.formats import FormatError, format_for_year
from ..core.report import FILE_SUFFIX
from . import file_dialogs
from .messages import chinese_buttons

FILE_FILTER = f"年报文件 (*{FILE_SUFFIX} *.json);;所有文件 (*)"


class NewReportDialog(QDialog):
    """Organisation and year (the format follows from the year), optionally last year's file."""

    def __init__(self, parent=None, organisation: str = "", year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建年报")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.org = QLineEdit(organisation)
        self.org.setObjectName("new_org")
        self.org.setPlaceholderText("如：武汉市汉阳区人民政府")
        form.addRow("机关名称", self.org)
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
        row = QHBoxLayout()
        self.last_path = QLineEdit()
        self.last_path.setObjectName("new_last_path")
        self.last_path.setPlaceholderText("上年度年报文件（.gaic.json）")
        self.browse = QPushButton("浏览…")
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.last_path, 1)
        row.addWidget(self.browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(20, 0, 0, 0)
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
        self._auto_org = organisation.strip()  # what the dialog filled in itself (may be replaced)
        self._filled_from: str | None = None
        self.last_path.editingFinished.connect(self._fill_from_last)

    def _update_format(self) -> None:
        try:
            fmt = format_for_year(self.year.value())
            self.format_label.setText(f"{fmt.name}（{fmt.document}）")
        except FormatError as exc:
            self.format_label.setText(str(exc))

    def _browse(self) -> None:
        parent = self.parentWidget()
        start = parent.start_folder() if hasattr(parent, "start_folder") else ""
        path, _ = file_dialogs.get_open_file_name(self, "选择上年度年报文件", start, FILE_FILTER)
        if path:
            self.last_path.setText(path)
            self.from_last.setChecked(True)
            self._fill_from_last()

    def _fill_from_last(self) -> None:
        """Last year's file chosen: the new report is for the year after it, of the same
        organisation (unless the user has typed another name)."""
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
        if self.org.text().strip() in ("", self._auto_org) and (last.organisation or "").strip():
            self._auto_org = last.organisation.strip()
            self.org.setText(self._auto_org)

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

"""文件 → 汇总下级单位报告 / 导出汇总明细, and the breakdown by unit in a consolidated report's tooltips.

The dialog reads the units' files in a worker thread (progress bar, 取消), lists every unit with
its own errors and warnings (a unit with errors is marked; the office ticks it out to send it
back), lists the roster's units without a file as 未报送, sums in the worker thread and opens
the consolidated report as the current document (unsaved). The work is ``merge_io`` /
``core.merge``; this module only shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QProgressBar, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from ..core.merge import MergeRefused, Unit, check_units
from ..merge_io import MergeCancelled, MergeRun, collect_files, load_units, read_roster, run_merge
from .merge_menu import BreakdownTips, install_merge_action  # noqa: F401 - the menu part
from .table_model import CELL_REF_ROLE  # noqa: F401 - (used by the tests of the tooltips)

UNIT_FILTER = ("年报文件和已发布的年报 (*.gaic.json *.json *.pdf *.docx *.html *.htm *.txt);;"
               "年报文件 (*.gaic.json);;所有文件 (*)")
ROSTER_FILTER = "单位名单 (*.txt *.csv *.xlsx);;所有文件 (*)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
ERROR_BG = QColor("#f6c9c9")
COLUMNS = ["参加汇总", "单位名称", "文件", "错误", "警告", "说明"]


class _Worker(QThread):
    """Runs ``fn(progress, cancelled)`` off the GUI thread; reports back through signals."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn, parent=None):
        super().__init__(parent)
        self._fn = fn
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            result = self._fn(self.progress.emit, lambda: self._cancel)
        except MergeCancelled:
            self.cancelled.emit()
        except MergeRefused as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a defect must reach the user as a message
            self.failed.emit(f"程序内部出错（{type(exc).__name__}），未作任何改动。")
        else:
            self.succeeded.emit(result)


class MergeDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("汇总下级单位报告")
        self.resize(1000, 640)
        self.inputs: list[Path] = []
        self.roster: list[str] | None = None
        self.roster_path: Path | None = None
        self.units: list[Unit] = []
        self.run: MergeRun | None = None
        self.worker: _Worker | None = None

        lay = QVBoxLayout(self)
        intro = QLabel("选择存放各单位年报的文件夹（或选择文件）。可以是本程序的年报文件（.gaic.json），也可以是"
                       "已发布的年报（PDF、Word、网页、文本），后者先导入。各栏按单元格精确相加，每个数字都可追溯到单位。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        pick = QHBoxLayout()
        self.folder_button = QPushButton("选择文件夹…")
        self.files_button = QPushButton("选择文件…")
        self.roster_button = QPushButton("单位名单…")
        self.roster_button.setToolTip("每行一个单位名称的 .txt，或一列的 .csv/.xlsx：列出未报送的单位")
        for b in (self.folder_button, self.files_button, self.roster_button):
            pick.addWidget(b)
        self.source_label = QLabel("尚未选择")
        pick.addWidget(self.source_label, 1)
        lay.addLayout(pick)

        prog = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)
        lay.addLayout(prog)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        h = self.table.horizontalHeader()
        for c in range(len(COLUMNS) - 1):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.table)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("选中一个单位，这里列出它自己的错误和警告（以及导入说明）。")
        split.addWidget(self.details)
        split.setSizes([380, 140])
        lay.addWidget(split, 1)
        self.missing_label = QLabel("")
        self.missing_label.setWordWrap(True)
        lay.addWidget(self.missing_label)

        form = QFormLayout()
        self.org_edit = QLineEdit(getattr(window.report, "organisation", ""))
        self.org_edit.setPlaceholderText("如 某某区人民政府")
        form.addRow("汇总报告的机关名称：", self.org_edit)
        self.own_combo = QComboBox()
        self.own_combo.addItem("（不拆分）")
        self.own_combo.setToolTip("正文草稿写「其中本级…件，各部门、各街道（乡镇）共…件」时的本级单位")
        form.addRow("正文中单列的本级单位：", self.own_combo)
        self.printed_box = QCheckBox("照印刷录入（合计栏按各单位填报的合计相加，不自动计算）")
        form.addRow("", self.printed_box)
        self.update_box = QCheckBox("只替换所选单位的数字（其余单位沿用当前打开的汇总报告中记录的数字）")
        self.update_box.setVisible(bool(window.report.sources))
        form.addRow("", self.update_box)
        lay.addLayout(form)

        buttons = QHBoxLayout()
        self.merge_button = QPushButton("汇总")
        self.merge_button.setEnabled(False)
        self.detail_button = QPushButton("导出汇总明细…")
        self.detail_button.setEnabled(False)
        self.open_button = QPushButton("打开汇总报告")
        self.open_button.setEnabled(False)
        close = QPushButton("关闭")
        buttons.addStretch(1)
        for b in (self.merge_button, self.detail_button, self.open_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)

        self.folder_button.clicked.connect(self._pick_folder)
        self.files_button.clicked.connect(self._pick_files)
        self.roster_button.clicked.connect(self._pick_roster)
        self.cancel_button.clicked.connect(self.cancel)
        self.merge_button.clicked.connect(self.start_merge)
        self.detail_button.clicked.connect(self._export_detail)
        self.open_button.clicked.connect(self.open_result)
        close.clicked.connect(self.reject)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._show_details)

    # ------------------------------------------------------------------ choosing

    def _start_folder(self) -> str:
        return self.window_.start_folder() if hasattr(self.window_, "start_folder") else ""

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放各单位年报的文件夹", self._start_folder())
        if folder:
            self.set_inputs([folder])

    def _pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择各单位的年报", self._start_folder(), UNIT_FILTER)
        if files:
            self.set_inputs(files)

    def _pick_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择单位名单", self._start_folder(), ROSTER_FILTER)
        if path:
            self.set_roster(path)

    def set_roster(self, path: str | Path) -> bool:
        try:
            self.roster = read_roster(path)
        except MergeRefused as exc:
            self._say(str(exc), error=True)
            return False
        self.roster_path = Path(path)
        self._show_missing()
        self._say(f"单位名单：{len(self.roster)}个单位（{Path(path).name}）。")
        return True

    def set_inputs(self, paths: list[str | Path]) -> None:
        """Read the units of ``paths`` (files or one folder) in the worker thread."""
        if self.worker is not None:
            return
        skip = (self.roster_path,) if self.roster_path else ()
        files = collect_files([Path(p) for p in paths], skip=skip)
        self.inputs = files
        self.units, self.run = [], None
        self._fill_table()
        self._set_result_buttons()
        if not files:
            self._say("所选位置没有年报文件（.gaic.json）或已发布的年报（.pdf/.docx/.html/.txt）。", error=True)
            return
        self.source_label.setText(str(paths[0]) if len(paths) == 1 else f"{len(paths)}个文件")
        self._start(lambda progress, cancelled: load_units(files, progress=progress, cancelled=cancelled),
                    self._loaded, f"正在读取{len(files)}个文件…", len(files))

    # ------------------------------------------------------------------ worker

    def _start(self, fn, done, text: str, total: int) -> None:
        self.worker = _Worker(fn, self)
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(done)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.finished.connect(self._on_finished)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        for b in (self.folder_button, self.files_button, self.roster_button, self.merge_button):
            b.setEnabled(False)
        self._say(text)
        self.worker.start()

    def busy(self) -> bool:
        return self.worker is not None

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self._say("正在取消…")

    def _on_progress(self, i: int, n: int, name: str) -> None:
        self.progress.setValue(i)
        self._say(f"正在读取（{i + 1}/{n}）：{name}")

    def _on_failed(self, message: str) -> None:
        self._say(f"未汇总：{message}", error=True)

    def _on_cancelled(self) -> None:
        self._say("已取消，未作任何改动。")

    def _on_finished(self) -> None:
        self.worker.deleteLater()
        self.worker = None
        self.cancel_button.setEnabled(False)
        for b in (self.folder_button, self.files_button, self.roster_button):
            b.setEnabled(True)
        self.merge_button.setEnabled(bool(self.units))

    def _loaded(self, units: list[Unit]) -> None:
        self.units = units
        self.progress.setValue(self.progress.maximum())
        self._fill_table()
        self.own_combo.clear()
        self.own_combo.addItem("（不拆分）")
        self.own_combo.addItems([u.name for u in units])
        try:
            check_units(units)
        except MergeRefused as exc:
            self._say(f"不能汇总：{exc}", error=True)
            self.units = []
            return
        bad = sum(1 for u in units if u.errors)
        self._say(f"已读取{len(units)}个单位的{units[0].report.year}年度报告"
                  + (f"，其中{bad}个单位有错误（已标红，可取消勾选，退回修改）" if bad else "，各单位均无错误") + "。")

    # ------------------------------------------------------------------ units table

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.units))
        for r, u in enumerate(self.units):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if u.include else Qt.CheckState.Unchecked)
            note = "由已发布年报导入：" + u.import_summary if u.import_summary else ""
            items = [check] + [QTableWidgetItem(str(t)) for t in (u.name, u.file, u.errors, u.warnings, note)]
            for c, item in enumerate(items):
                if u.errors:
                    item.setBackground(QBrush(ERROR_BG))
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self._show_missing()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not 0 <= item.row() < len(self.units):
            return
        self.units[item.row()].include = item.checkState() == Qt.CheckState.Checked
        self.run = None
        self._set_result_buttons()
        self._show_details()

    def set_included(self, row: int, include: bool) -> None:
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if include else Qt.CheckState.Unchecked)

    def _show_details(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1 or not 0 <= min(rows) < len(self.units):
            self.details.clear()
            return
        from ..merge_cli import unit_lines

        self.details.setPlainText("\n".join(unit_lines(self.units[min(rows)])))

    def _show_missing(self) -> None:
        if self.roster is None:
            self.missing_label.clear()
            return
        have = {u.name for u in self.units}
        missing = [n for n in self.roster if n not in have]
        self.missing_label.setText(f"未报送（{len(missing)}个）：" + "、".join(missing) if missing
                                   else f"名单中的{len(self.roster)}个单位均已报送。")

    # ------------------------------------------------------------------ merging

    def start_merge(self) -> None:
        if not self.units or self.worker is not None:
            return
        units, roster = self.units, self.roster
        current = self.window_.report
        previous = current if current.sources else None
        org = self.org_edit.text().strip()
        own = self.own_combo.currentText() if self.own_combo.currentIndex() > 0 else None
        mode = "printed" if self.printed_box.isChecked() else "auto"
        update = previous is not None and self.update_box.isChecked()

        def work(progress, cancelled):
            progress(0, 1, "汇总")
            return run_merge(units, roster=roster, previous=previous, organisation=org, totals_mode=mode,
                             own_unit=own, update=update)

        self._start(work, self._merged, "正在汇总…", 1)

    def _merged(self, run: MergeRun) -> None:
        self.run = run
        self.progress.setValue(self.progress.maximum())
        result = run.result
        errors = sum(1 for f in result.findings if f.is_error)
        lines = [f"已汇总{len(result.included)}个单位（{'照印刷录入' if result.report.totals_mode == 'printed' else '合计自动计算'}）："
                 f"汇总报告有{errors}处错误、{len(result.findings) - errors}处警告。"]
        if result.blanks:
            lines.append(f"{len(result.blanks)}个单元格部分单位未填写（按已填写的数字相加；鼠标停在单元格上可看各单位的数字）。")
        if run.changes is not None:
            lines.append("与当前打开的汇总报告相比：" + ("没有变化。" if run.changes.empty else
                                                     "；".join(run.changes.lines(result.report)[:8])))
        self._say("".join(lines))
        self._set_result_buttons()

    def _set_result_buttons(self) -> None:
        self.detail_button.setEnabled(self.run is not None)
        self.open_button.setEnabled(self.run is not None)

    def open_result(self) -> bool:
        if self.run is None or not self.window_.maybe_save():
            return False
        self.window_.load_report(self.run.result.report, None, modified=True)
        self.window_.statusBar().showMessage(
            f"已汇总{len(self.run.result.included)}个单位（尚未保存；正文第二至四部分为按表格生成的草稿）", 10000)
        self.accept()
        return True

    def _export_detail(self) -> None:
        if self.run is not None:
            export_detail(self, self.run.result.report, units=self.run.result.units,
                          missing=self.run.missing, unknown=self.run.unknown)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #9b1c1c;" if error else "")

    def done(self, r: int) -> None:
        if self.worker is not None:  # finish the worker first: it must not outlive its dialog
            self.worker.cancel()
            self.worker.wait()
        super().done(r)


# --------------------------------------------------------------------------- detail workbook


def export_detail(parent, report, *, units=None, missing=(), unknown=(), path: str | None = None) -> bool:
    """Ask for a file name (unless ``path``) and write the detail workbook of ``report``."""
    from ..core.atomic import atomic_write
    from ..merge_xlsx import detail_workbook_bytes

    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, "导出汇总明细", f"{report.display_title()}汇总明细.xlsx",
                                              XLSX_FILTER)
        if not path:
            return False
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    try:
        data = detail_workbook_bytes(report, units=units, missing=missing, unknown=unknown)
        atomic_write(Path(path), data)
    except OSError as exc:
        from .messages import error_text

        QMessageBox.warning(parent, "导出失败", error_text(f"保存“{Path(path).name}”", exc))
        return False
    except Exception as exc:  # noqa: BLE001 - no exception may escape a slot
        QMessageBox.warning(parent, "导出失败", f"导出汇总明细时程序内部出错（{type(exc).__name__}），未写入文件。")
        return False
    return True


def _export_current(window) -> bool:
    report = window.report
    if not report.sources:
        QMessageBox.information(window, "导出汇总明细", "当前年报不是汇总报告。请先用“文件 → 汇总下级单位报告”汇总。")
        return False
    return export_detail(window, report)


# --------------------------------------------------------------------------- hand out


def hand_out(window, roster: str | None = None, folder: str | None = None, year: int | None = None) -> int:
    """按单位名单下发空白年报: one blank report per unit of a roster, in a folder. Returns how many
    files were written (0 when cancelled or refused; the reason is shown)."""
    from PySide6.QtWidgets import QInputDialog

    from ..merge_io import write_roster_reports

    try:
        if roster is None:
            roster, _ = QFileDialog.getOpenFileName(window, "选择单位名单", window.start_folder(), ROSTER_FILTER)
            if not roster:
                return 0
        names = read_roster(roster)
        if year is None:
            year, ok = QInputDialog.getInt(window, "下发空白年报", f"单位名单中有{len(names)}个单位。报告年度：",
                                           window.report.year, 2019, 2100, 1)
            if not ok:
                return 0
        if folder is None:
            folder = QFileDialog.getExistingDirectory(window, "选择存放各单位空白年报的文件夹", window.start_folder())
            if not folder:
                return 0
        variant = window.report.variant if window.report.year == year else None
        paths = write_roster_reports(int(year), names, folder, variant=variant)
    except MergeRefused as exc:
        QMessageBox.warning(window, "下发空白年报", str(exc))
        return 0
    except Exception as exc:  # noqa: BLE001 - no exception may escape a slot
        from .messages import error_text

        QMessageBox.warning(window, "下发空白年报", error_text("创建空白年报", exc) if isinstance(exc, OSError)
                            else f"创建空白年报失败（{type(exc).__name__}），未写入文件。")
        return 0
    QMessageBox.information(window, "下发空白年报", f"已在“{folder}”中为{len(paths)}个单位各创建一份{year}年度空白年报"
                            "（已填写机关名称），可分发给各单位填报。")
    return len(paths)


# --------------------------------------------------------------------------- menu


def show_merge_dialog(window) -> MergeDialog | None:
    try:
        if not window.commit_pending_edits():
            return None
        dlg = MergeDialog(window)
        dlg.open()
        return dlg
    except Exception as exc:  # noqa: BLE001
        QMessageBox.warning(window, "汇总下级单位报告", f"无法打开汇总窗口（{type(exc).__name__}）。")
        return None


__all__ = ["MergeDialog", "install_merge_action", "export_detail", "BreakdownTips", "show_merge_dialog", "hand_out"]

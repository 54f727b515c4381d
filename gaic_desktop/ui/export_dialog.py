"""文件 → 导出PDF (Ctrl+E): choose the copy (公开版/审签版), the fonts and the file; render in a
worker thread (ReportLab code is Qt-free, see gaic_desktop.pdf) so the window stays responsive;
optionally open the PDF with the system viewer when done.

Opened from 文件 → 导出PDF (see ``file_actions.py``, which imports this module only when used).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRect, QRunnable, QSettings, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from ..core.report import FILE_SUFFIX, Report
from . import file_dialogs, messages
from ..core.rules import error_count, evaluate
from ..pdf.fonts import (NOTICE_ROLES, ROLE_LABELS, ROLES, is_substitute, list_choices,
                         skipped_system_fonts, substitute_notice)
from ..pdf.render import (VARIANT_PUBLIC, VARIANT_SIGN, ExportError, ExportOptions,
                          ExportResult, export_pdf)

_SETTINGS_GROUP = "export_pdf"


SIGN_SUFFIX = "（审签版）"


def default_pdf_path(report: Report, current_path: str | None, folder: str | None = None,
                     variant: str = VARIANT_PUBLIC) -> str:
    """「<name>.pdf」 for the 公开版, 「<name>（审签版）.pdf」 for the 审签版 — two files, so
    exporting one copy does not overwrite the other."""
    suffix = SIGN_SUFFIX if variant == VARIANT_SIGN else ""
    if current_path:
        p = Path(current_path)
        name = p.name[: -len(FILE_SUFFIX)] if p.name.endswith(FILE_SUFFIX) else p.stem
        return str(p.with_name(name + suffix + ".pdf"))
    return str(Path(folder or Path.home()) / f"{report.display_title()}{suffix}.pdf")


class ReservedLabel(QLabel):
    """A word-wrapped label that always takes the height of ``reserve`` (its longest text),
    also while it shows nothing: the dialog does not jump when the text comes and goes."""

    def __init__(self, reserve: str, parent=None):
        super().__init__("", parent)
        self.reserve = reserve
        self.setWordWrap(True)

    def _reserved_height(self, width: int) -> int:
        if not self.reserve:
            return 0
        m = self.contentsMargins()
        w = max(10, width - m.left() - m.right() - 2 * self.margin())
        r = self.fontMetrics().boundingRect(QRect(0, 0, w, 100000), int(Qt.TextFlag.TextWordWrap), self.reserve)
        return r.height() + m.top() + m.bottom() + 2 * self.margin()

    def fit(self) -> None:
        need = self._reserved_height(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)  # for the width it got: the layout follows

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


def missing_for_sign_copy(report: Report) -> list[str]:
    """What the 审签版 would print blank: 拟稿/审核/签发 names, 落款日期."""
    missing = [label for label, name in (("拟稿", report.people.drafter), ("审核", report.people.reviewer),
                                          ("签发", report.people.approver)) if not (name or "").strip()]
    if report.signoff.date is None:
        missing.append("落款日期")
    return missing


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)  # ExportResult
    failed = Signal(str)


class ExportJob(QRunnable):
    """Renders a snapshot of the report in a pool thread (no Qt objects touched there
    except through the queued signals)."""

    def __init__(self, report: Report, path: str, options: ExportOptions):
        super().__init__()
        self.report = report
        self.path = path
        self.options = options
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:  # pragma: no cover - exercised through the dialog
        try:
            result = export_pdf(self.report, self.path, self.options,
                                progress=lambda f, msg: self.signals.progress.emit(f, msg))
        except ExportError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # never let a worker die silently; never show English
            self.signals.failed.emit(messages.error_text("导出", exc))
        else:
            self.signals.finished.emit(result)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, report: Report, current_path: str | None = None,
                 parent: QWidget | None = None, *, folder: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("导出PDF")
        self.setMinimumWidth(520)
        # Export a snapshot: the user may go on typing while the PDF is made.
        self.report = report.model_copy(deep=True)
        self.result: ExportResult | None = None
        self._job: ExportJob | None = None
        settings = QSettings()
        settings.beginGroup(_SETTINGS_GROUP)

        lay = QVBoxLayout(self)
        fp = self.report.fingerprint()
        errors = error_count(evaluate(self.report))
        info = QLabel(f"{self.report.display_title()}\n数据指纹：{fp}")
        info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(info)
        if errors:
            warn = QLabel(f"年报还有 {errors} 处错误：导出的PDF每页将带有“草稿”水印。")
            warn.setStyleSheet("color: #b00020;")
            lay.addWidget(warn)

        box = QGroupBox("版本")
        bl = QVBoxLayout(box)
        self.rb_public = QRadioButton("公开版（用于公开发布）")
        self.rb_sign = QRadioButton("审签版（另附审签单：拟稿、审核、签发签名，单位盖章，已说明的警告）")
        self._variants = QButtonGroup(self)
        for rb in (self.rb_public, self.rb_sign):
            self._variants.addButton(rb)
            bl.addWidget(rb)
        (self.rb_sign if settings.value("variant") == VARIANT_SIGN else self.rb_public).setChecked(True)
        missing = missing_for_sign_copy(self.report)
        self._sign_hint_text = ("提示：" + "、".join(missing) + "尚未填写（在“基本信息”中填写），"
                                "审签版上这些位置将留空。") if missing else ""
        # always there, empty for the 公开版: its space is kept, so the dialog does not jump
        self.sign_hint = ReservedLabel(self._sign_hint_text)
        self.sign_hint.setObjectName("sign_hint")
        self.sign_hint.setStyleSheet("color: #8a5a00;")
        bl.addWidget(self.sign_hint)
        lay.addWidget(box)

        fbox = QGroupBox("字体（已安装的公文字体优先；所有字体都嵌入PDF）")
        form = QFormLayout(fbox)
        self.font_boxes: dict[str, QComboBox] = {}
        self._font_choices = {role: list_choices(role) for role in ROLES}
        for role in ROLES:
            combo = QComboBox()
            for choice in self._font_choices[role]:
                # a face that only stands in for the role's own (宋体 for 仿宋) says so
                mark = "（代用）" if is_substitute(role, choice) and role in NOTICE_ROLES else ""
                combo.addItem(choice.display_name + mark, choice.key)
            saved = settings.value(f"font_{role}")
            if saved:
                i = combo.findData(saved)
                if i >= 0:
                    combo.setCurrentIndex(i)
            self.font_boxes[role] = combo
            form.addRow(ROLE_LABELS[role] + "：", combo)
            combo.currentIndexChanged.connect(self._update_font_notice)
        self.font_notice = ReservedLabel("")  # takes the height its wrapped text needs
        self.font_notice.setObjectName("font_notice")
        self.font_notice.setStyleSheet("color: #8a5a00;")
        form.addRow(self.font_notice)
        self._update_font_notice()
        lay.addWidget(fbox)

        row = QHBoxLayout()
        self._current_path, self._folder = current_path, folder
        self._suggested = default_pdf_path(self.report, current_path, folder, self.variant())
        self._confirmed_path: str | None = None  # chosen in the file dialog, which asked already
        self.path_edit = QLineEdit(self._suggested)
        self.path_edit.setObjectName("pdf_path")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel("保存到："))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        lay.addLayout(row)

        self.open_after = QCheckBox("完成后打开PDF")
        self.open_after.setChecked(settings.value("open_after", True, type=bool))
        lay.addWidget(self.open_after)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel("")
        lay.addWidget(self.progress)
        lay.addWidget(self.status)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.RejectRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        settings.endGroup()
        # Show the progress bar only if the export takes more than a moment.
        self._progress_timer = QTimer(self, singleShot=True, interval=300)
        self._progress_timer.timeout.connect(lambda: self.progress.setVisible(True))
        self.rb_sign.toggled.connect(self._variant_changed)
        self._variant_changed()

    def showEvent(self, event) -> None:
        # the 审签版 hint's room, for the width the dialog opens with: it opens at its final
        # height instead of growing a line right after
        self.layout().activate()
        self.sign_hint.fit()
        self.layout().activate()
        super().showEvent(event)

    # ------------------------------------------------------------------ options

    def variant(self) -> str:
        return VARIANT_SIGN if self.rb_sign.isChecked() else VARIANT_PUBLIC

    def options(self) -> ExportOptions:
        return ExportOptions(variant=self.variant(),
                             fonts={r: c.currentData() for r, c in self.font_boxes.items()})

    def _variant_changed(self, _on: bool = False) -> None:
        self.sign_hint.setText(self._sign_hint_text if self.rb_sign.isChecked() else "")
        # the suggested name follows the copy, unless the user typed or chose another one
        if self.path_edit.text().strip() == self._suggested:
            self._suggested = default_pdf_path(self.report, self._current_path, self._folder, self.variant())
            self.path_edit.setText(self._suggested)
        else:
            self._suggested = default_pdf_path(self.report, self._current_path, self._folder, self.variant())

    def _update_font_notice(self, *_args) -> None:
        """Name every role printed in a stand-in face, and what to install (e.g.
        「未找到仿宋字体，正文将以“Noto 宋体（内置）”代替。…」)."""
        try:
            skipped = skipped_system_fonts()
            notices = []
            for role in NOTICE_ROLES:
                choices = self._font_choices[role]
                i = self.font_boxes[role].currentIndex()
                chosen = choices[i] if 0 <= i < len(choices) else None
                text = substitute_notice(role, chosen, choices, skipped)
                if text:
                    notices.append(text)
            text = "\n".join(notices)
            self.font_notice.reserve = text
            self.font_notice.setText(text)
            self.font_notice.setVisible(bool(notices))
            self.font_notice.fit()
        except Exception as exc:  # a slot must not raise; the export still works
            self.font_notice.setText(messages.error_text("检查字体", exc))

    def _browse(self) -> None:
        path, _ = file_dialogs.get_save_file_name(self, "导出PDF", self.path_edit.text(), "PDF 文件 (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            else:
                self._confirmed_path = path  # the file dialog has asked about replacing it
            self.path_edit.setText(path)

    def _save_settings(self) -> None:
        s = QSettings()
        s.beginGroup(_SETTINGS_GROUP)
        s.setValue("variant", self.variant())
        s.setValue("open_after", self.open_after.isChecked())
        for role, combo in self.font_boxes.items():
            s.setValue(f"font_{role}", combo.currentData())
        s.endGroup()

    # ------------------------------------------------------------------ export

    def start_export(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            QMessageBox.warning(self, "导出PDF", "请选择PDF的保存位置。")
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
            self.path_edit.setText(path)
        if Path(path).exists() and path != self._confirmed_path:
            if Path(path).is_dir():
                QMessageBox.warning(self, "导出PDF", f"“{path}”是文件夹，请填写PDF文件的名称。")
                return
            ans = messages.ask(self, "导出PDF", f"“{Path(path).name}”已存在。是否替换？",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               QMessageBox.StandardButton.No)
            if ans != QMessageBox.StandardButton.Yes:
                return
        self._save_settings()
        self.export_button.setEnabled(False)
        self.status.setText("正在导出…")
        self.progress.setValue(0)
        self._progress_timer.start()
        self._job = ExportJob(self.report, path, self.options())
        self._job.signals.progress.connect(self._on_progress)
        self._job.signals.finished.connect(self._on_finished)
        self._job.signals.failed.connect(self._on_failed)
        QThreadPool.globalInstance().start(self._job)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.status.setText(message)

    def _on_finished(self, result: ExportResult) -> None:
        self._progress_timer.stop()
        self.progress.setValue(100)
        self.result = result
        self.status.setText(f"已导出：{result.path}（{result.pages}页）")
        if result.warnings:
            QMessageBox.warning(self, "导出PDF", "PDF已导出，但请注意：\n\n" + "\n\n".join(result.warnings))
        self.exported.emit(result)
        self.accept()
        if self.open_after.isChecked() and result.path is not None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path))):
                QMessageBox.information(
                    self.parentWidget() or self, "导出PDF",
                    f"PDF已导出到：\n{result.path}\n\n但没能打开PDF阅读程序（本机可能没有安装，"
                    "或没有设置打开PDF文件的默认程序）。请到上述文件夹中找到该文件，用PDF阅读程序打开或打印。")

    def _on_failed(self, message: str) -> None:
        self._progress_timer.stop()
        self.progress.setVisible(False)
        self.status.setText("")
        self.export_button.setEnabled(True)
        QMessageBox.critical(self, "导出PDF", message)

    def done(self, r: int) -> None:
        # Don't close while the worker still writes (the job holds its own report copy,
        # but the signals need the dialog alive).
        running = self._job is not None and self.result is None and not self.export_button.isEnabled()
        if running and r == QDialog.Rejected:
            self.status.setText("正在导出，请稍候…")
            return
        super().done(r)


def exported_message(result: ExportResult) -> str:
    return f"已导出 {result.path}（{result.pages}页）"


def show_export_dialog(window) -> ExportDialog:
    folder = window.start_folder() if hasattr(window, "start_folder") else None
    dlg = ExportDialog(window.report, window.current_path, window, folder=folder)
    # feedback in the window, after the dialog has closed
    dlg.exported.connect(lambda result: window.statusBar().showMessage(exported_message(result), 15000))
    dlg.open()
    return dlg

"""打印 / 打印预览: the pages of the exported PDF, through Qt's print dialog and print preview.

What is printed is exactly the PDF that 导出PDF writes (the same ``export_pdf`` call with the
same saved font choices, into a temporary folder): its pages are rasterised with pypdfium2 at
the printer's resolution (capped, see ``PRINT_MAX_DPI``) and drawn at 100 % in full-page mode,
one PDF point = resolution/72 device pixels from the paper's top-left corner, so the GB/T 9704
geometry (top 37 mm, left 28 mm …) survives. Page range, copies and duplex are the print
dialog's and the printer's business.

Imported on first use by ``printing.py`` (the menu entries), so start-up does not load
QtPrintSupport or pypdfium2.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import (QEventLoop, QMarginsF, QObject, QRectF, QSettings, QSizeF, Qt, QThread,
                            QThreadPool, Signal)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPaintEngine
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (QBoxLayout, QButtonGroup, QComboBox, QDialog, QDialogButtonBox,
                               QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QRadioButton,
                               QToolBar, QVBoxLayout, QWidget)

from ..core.report import Report
from ..core.rules import error_count, evaluate
from ..pdf.fonts import ROLES
from ..pdf.render import VARIANT_PUBLIC, VARIANT_SIGN, VARIANTS, ExportOptions, ExportResult
from . import messages
from .export_dialog import _SETTINGS_GROUP as EXPORT_SETTINGS
from .export_dialog import ExportJob, ReservedLabel, missing_for_sign_copy

PRINT_MAX_DPI = 600  # a 600 dpi A4 page is 4961 × 7016 px (≈100 MB as RGB); printers above get it scaled
PREVIEW_MAX_DPI = 150  # the preview keeps every page's image: sharp enough on screen, small
_SETTINGS_GROUP = "print"

ProgressFn = Callable[[int, int], bool]  # (pages done, pages in all) -> go on?


class PrintError(Exception):
    """Printing failed; ``str(exc)`` is a Chinese message for the user."""


def watermark_text(errors: int) -> str:
    """The watermark every page of a report with errors carries (as ``pdf.render`` draws it)."""
    return f"草稿（存在{errors}处错误）"


def errors_notice(errors: int) -> str:
    return (f"年报还有 {errors} 处错误。打印件每页将带有“{watermark_text(errors)}”水印，"
            "不能作为正式文本签发。建议先在“错误和警告”面板中改正错误再打印。")


# ---------------------------------------------------------------- the PDF's pages


class PdfPages:
    """The pages of a PDF (its bytes), rasterised for a QPainter."""

    def __init__(self, data: bytes):
        self.data = data
        try:
            self.doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise PrintError("生成的PDF无法读取，未打印。请把年报文件发给技术支持人员。") from exc

    def __len__(self) -> int:
        return len(self.doc)

    def size_pt(self, index: int) -> tuple[float, float]:
        return tuple(self.doc[index].get_size())

    def page_size(self) -> QPageSize:
        """The size of the first page (A4 for every page the program makes)."""
        w, h = self.size_pt(0)
        return QPageSize(QSizeF(w, h), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)

    def _render(self, index: int, dpi: float, for_print: bool):
        page = self.doc[index]
        try:
            return page.render(scale=dpi / 72.0, optimize_mode="print" if for_print else None,
                               force_bitmap_format=pdfium.raw.FPDFBitmap_BGR)
        finally:
            page.close()

    @staticmethod
    def _wrap(bitmap) -> QImage:
        """A QImage over the bitmap's pixels (valid while the bitmap is open)."""
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_BGR888)

    def image(self, index: int, dpi: float, *, for_print: bool = True) -> QImage:
        """Page ``index`` at ``dpi`` as a QImage that owns its pixels."""
        bitmap = self._render(index, dpi, for_print)
        try:
            return self._wrap(bitmap).copy()
        finally:
            bitmap.close()

    def draw(self, painter: QPainter, index: int, dpi: float, scale: float, *, keep: bool) -> None:
        """Draw page ``index`` rendered at ``dpi`` with its top-left corner at the painter's
        origin, one image pixel = ``scale`` device pixels.

        Only the bands of rows with ink are drawn, each at its own place (the white between
        lines and the margins are paper anyway): a print engine encodes about 40 % of the
        page, and a 600 dpi page is painted 2.3 times faster (bench/bench_print.py). ``keep``:
        the paint engine keeps the images (the preview records pictures), so they get their
        own copy; a printer's engine encodes them at once, so a 600 dpi page is not copied."""
        bitmap = self._render(index, dpi, not keep)
        try:
            pixels = memoryview(bitmap.buffer).cast("B")
            w, stride = bitmap.width, bitmap.stride
            for top, bottom in ink_bands(pixels, w * 3, bitmap.height, stride, gap=max(1, int(dpi / 10))):
                band = QImage(pixels[top * stride:], w, bottom - top, stride, QImage.Format.Format_BGR888)
                if keep:
                    band = band.copy()
                painter.drawImage(QRectF(0, top * scale, w * scale, (bottom - top) * scale), band)
        finally:
            bitmap.close()

    def close(self) -> None:
        self.doc.close()


def ink_bands(pixels: memoryview, row_bytes: int, height: int, stride: int, *,
              gap: int) -> list[tuple[int, int]]:
    """[top, bottom) of the runs of rows that are not pure white, runs closer than ``gap``
    white rows joined."""
    white = b"\xff" * row_bytes
    bands: list[tuple[int, int]] = []
    for y in range(height):
        # bytes(): a memcmp; comparing the memoryview itself goes item by item (25 × slower)
        if bytes(pixels[y * stride: y * stride + row_bytes]) != white:
            if bands and y - bands[-1][1] < gap:
                bands[-1] = (bands[-1][0], y + 1)
            else:
                bands.append((y, y + 1))
    return bands


def prepare_printer(printer: QPrinter, pages: PdfPages, title: str) -> None:
    """A4 (the PDF's size), portrait, no margins, full page: the painter's origin is the
    paper's top-left corner, so the PDF's geometry maps 1:1."""
    layout = QPageLayout(pages.page_size(), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    printer.setPageLayout(layout)
    printer.setFullPage(True)  # (the layout's mode is the printer's full-page flag)
    printer.setDocName(title)
    printer.setFromTo(1, len(pages))


def page_sequence(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages to paint, in order: the dialog's page range, its order, and the copies
    when the printing system does not make them itself."""
    pages = list(range(count))
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            pages = [i for i in pages if ranges.contains(i + 1)]
        elif printer.fromPage() > 0:
            pages = [i for i in pages if printer.fromPage() <= i + 1 <= (printer.toPage() or count)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        pages = pages * copies if printer.collateCopies() else [p for p in pages for _ in range(copies)]
    return pages


def is_preview(printer: QPrinter) -> bool:
    """True while QPrintPreviewDialog records the pages (its engine keeps pictures)."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint_pages(printer: QPrinter, pages: PdfPages, *, max_dpi: float | None = None,
                progress: ProgressFn | None = None) -> int:
    """Paint the selected pages on ``printer`` (begun here, ended here). Returns the number of
    pages painted; raises PrintError (Chinese) when the printer cannot be opened. A progress
    callback returning False cancels (the job is aborted)."""
    preview = is_preview(printer)
    if max_dpi is None:
        max_dpi = PREVIEW_MAX_DPI if preview else PRINT_MAX_DPI
    sequence = page_sequence(printer, len(pages))
    if not sequence:
        raise PrintError("所选的页码范围内没有页面，未打印。")
    res = printer.resolution()
    dpi = min(float(res), float(max_dpi))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("无法开始打印：打印机不可用，或输出文件无法写入。")
    done = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, dpi != res)
        for n, index in enumerate(sequence):
            if progress is not None and not progress(n, len(sequence)):
                printer.abort()
                break
            if n and not printer.newPage():
                raise PrintError("打印机不接受新的一页，打印已中止。")
            # one image pixel = res/dpi device pixels, from the paper's corner: exact geometry
            pages.draw(painter, index, dpi, res / dpi, keep=preview)
            done += 1
    finally:
        painter.end()
    if progress is not None and done == len(sequence):
        progress(done, len(sequence))
    return done


# ---------------------------------------------------------------- making the PDF


def _settings(window) -> QSettings:
    """The window's settings (tests give it its own file), else the program's."""
    s = getattr(window, "settings", None)
    return s if isinstance(s, QSettings) else QSettings()


def saved_variant(window=None) -> str:
    """The copy printed last, else the one exported last, else the 公开版."""
    v = (_settings(window).value(f"{_SETTINGS_GROUP}/variant")
         or QSettings().value(f"{EXPORT_SETTINGS}/variant"))
    return v if v in VARIANTS else VARIANT_PUBLIC


def save_variant(window, variant: str) -> None:
    _settings(window).setValue(f"{_SETTINGS_GROUP}/variant", variant)


def export_options(variant: str) -> ExportOptions:
    """The options 导出PDF would use now: its saved font choices."""
    s = QSettings()
    fonts = {role: s.value(f"{EXPORT_SETTINGS}/font_{role}") for role in ROLES}
    return ExportOptions(variant=variant, fonts={r: k for r, k in fonts.items() if k})


class PdfMaker(QObject):
    """Runs the export (``export_pdf`` in a pool thread, as 导出PDF does) into a temporary
    folder and hands over the bytes."""

    progress = Signal(float, str)
    finished = Signal(bytes, object)  # PDF bytes, ExportResult
    failed = Signal(str)

    def __init__(self, report: Report, variant: str, parent: QObject | None = None):
        super().__init__(parent)
        self._tmp = tempfile.TemporaryDirectory(prefix="gaic-print-")
        path = Path(self._tmp.name) / "print.pdf"
        self.job = ExportJob(report.model_copy(deep=True), str(path), export_options(variant))
        self.job.signals.progress.connect(self.progress)
        self.job.signals.finished.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self.job)

    def _done(self, result: ExportResult) -> None:
        self.running = False
        try:
            data = Path(result.path).read_bytes()
        except OSError as exc:
            self._failed(f"读取生成的PDF时出错（{exc.strerror or exc}），未打印。")
            return
        finally:
            self._tmp.cleanup()
        self.finished.emit(data, result)

    def _failed(self, message: str) -> None:
        self.running = False
        self._tmp.cleanup()
        self.failed.emit(message)


def make_pdf_blocking(report: Report, variant: str, parent: QWidget | None,
                      title: str) -> tuple[bytes, ExportResult] | None:
    """Make the PDF with a progress dialog (shown when it takes more than a moment); the
    window keeps painting meanwhile. None if it failed (the message was shown)."""
    maker = PdfMaker(report, variant)
    box = QProgressDialog("正在生成打印页面…", "", 0, 100, parent)
    box.setWindowTitle(title)
    box.setCancelButton(None)
    box.setMinimumDuration(400)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    out: dict = {}
    loop = QEventLoop()
    maker.progress.connect(lambda f, msg: (box.setValue(int(f * 100)), box.setLabelText(msg)))
    maker.finished.connect(lambda data, result: (out.update(data=data, result=result), loop.quit()))
    maker.failed.connect(lambda msg: (out.update(error=msg), loop.quit()))
    maker.start()
    loop.exec()  # the window keeps painting; input goes to the (window-modal) progress box
    box.close()
    box.deleteLater()
    if "error" in out or "data" not in out:
        QMessageBox.critical(parent, title, out.get("error", "生成打印页面失败，未打印。"))
        return None
    return out["data"], out["result"]


# ---------------------------------------------------------------- 打印


class PrintSetupDialog(QDialog):
    """Before the print dialog: which copy (公开版/审签版) and — for a report with errors — the
    draft watermark and the error count, in one dialog."""

    def __init__(self, report: Report, parent: QWidget | None = None, variant: str = VARIANT_PUBLIC):
        super().__init__(parent)
        self.setWindowTitle("打印")
        self.setMinimumWidth(480)
        self.errors = error_count(evaluate(report))
        lay = QVBoxLayout(self)
        info = QLabel(f"{report.display_title()}\n数据指纹：{report.fingerprint()}")
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(info)
        self.rb_public = QRadioButton("公开版（用于公开发布）")
        self.rb_sign = QRadioButton("审签版（另附审签单：拟稿、审核、签发签名，单位盖章，已说明的警告）")
        group = QButtonGroup(self)
        for rb in (self.rb_public, self.rb_sign):
            group.addButton(rb)
            lay.addWidget(rb)
        (self.rb_sign if variant == VARIANT_SIGN else self.rb_public).setChecked(True)
        missing = missing_for_sign_copy(report)
        hint = ("提示：" + "、".join(missing) + "尚未填写（在“基本信息”中填写），打印的审签版上这些位置将留空。"
                if missing else "")
        self.sign_hint = ReservedLabel(hint)  # keeps its room: the dialog does not jump
        self.sign_hint.setStyleSheet("color: #8a5a00;")
        lay.addWidget(self.sign_hint)

        def show_hint(_on: bool = False) -> None:
            self.sign_hint.setText(hint if self.rb_sign.isChecked() else "")
        self.rb_sign.toggled.connect(show_hint)
        show_hint()
        self.notice = QLabel(errors_notice(self.errors) if self.errors else "")
        self.notice.setObjectName("errors_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.setVisible(bool(self.errors))
        lay.addWidget(self.notice)
        lay.addWidget(QLabel("按原大（100%）打印在A4纸上，与导出的PDF完全相同。"))
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton("仍然打印…" if self.errors else "打印…",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def showEvent(self, event) -> None:
        # the hint's room for the width the dialog opens with (as the export dialog does)
        lay = self.layout()
        lay.activate()
        self.sign_hint.fit()
        lay.activate()
        # word-wrapped labels: a top-level dialog does not grow to their height by itself
        need = lay.totalHeightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)
        super().showEvent(event)

    def variant(self) -> str:
        return VARIANT_SIGN if self.rb_sign.isChecked() else VARIANT_PUBLIC


def new_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_dialog(printer: QPrinter, count: int, parent: QWidget | None) -> QPrintDialog:
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle("打印")
    dlg.setMinMax(1, count)
    dlg.setOptions(QAbstractPrintDialog.PrintDialogOption.PrintPageRange
                   | QAbstractPrintDialog.PrintDialogOption.PrintToFile
                   | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
                   | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize)
    return dlg


class _PaintThread(QThread):
    """Paints the pages on the printer in a thread of its own (Qt supports QPainter on a
    QPrinter outside the GUI thread): at 600 dpi Qt's PDF/CUPS engine takes ~1.3 s to encode a
    page (bench/bench_print.py), which must not freeze the window. pdfium is only used by
    this thread while it runs."""

    pageStarted = Signal(int, int)  # pages done, pages in all

    def __init__(self, printer: QPrinter, pages: PdfPages):
        super().__init__()
        self.printer, self.pages = printer, pages
        self.cancelled = False
        self.done = 0
        self.error: str | None = None

    def run(self) -> None:
        try:
            self.done = paint_pages(self.printer, self.pages, progress=self._progress)
        except PrintError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the user by the GUI thread
            self.error = messages.error_text("打印", exc)

    def _progress(self, done: int, total: int) -> bool:
        self.pageStarted.emit(done, total)
        return not self.cancelled


def paint_with_progress(printer: QPrinter, pages: PdfPages, parent: QWidget | None, title: str) -> int:
    """Paint in a worker thread with a progress dialog (after half a second) that can cancel;
    the window keeps responding. Returns the pages painted; raises PrintError."""
    box = QProgressDialog("正在准备打印…", "取消", 0, len(pages), parent)
    box.setWindowTitle(title)
    box.setMinimumDuration(500)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAutoClose(False)
    box.setAutoReset(False)
    worker = _PaintThread(printer, pages)

    def step(done: int, total: int) -> None:
        box.setMaximum(total)
        box.setValue(done)
        box.setLabelText(f"正在打印第 {min(done + 1, total)} 页，共 {total} 页…" if done < total
                         else "正在发送到打印机…")

    def cancel() -> None:
        worker.cancelled = True
        box.setLabelText("正在取消…")

    worker.pageStarted.connect(step)
    box.canceled.connect(cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    done = 0 if worker.cancelled else worker.done
    box.canceled.disconnect(cancel)  # closing a progress dialog emits canceled()
    box.close()
    box.deleteLater()
    if worker.error:
        raise PrintError(worker.error)
    return done


def print_report(window, *, printer: QPrinter | None = None, ask_printer: bool = True) -> int:
    """文件 → 打印 (Ctrl+P). Returns the number of pages sent (0 when cancelled or failed).
    ``printer``/``ask_printer`` let tests print to a PDF file without the print dialog."""
    report: Report = window.report
    setup = PrintSetupDialog(report, window, saved_variant(window))
    if setup.exec() != QDialog.DialogCode.Accepted:
        return 0
    variant = setup.variant()
    save_variant(window, variant)
    made = make_pdf_blocking(report, variant, window, "打印")
    if made is None:
        return 0
    pages = PdfPages(made[0])
    try:
        printer = printer or new_printer()
        prepare_printer(printer, pages, report.display_title())
        if ask_printer and print_dialog(printer, len(pages), window).exec() != QDialog.DialogCode.Accepted:
            return 0
        done = paint_with_progress(printer, pages, window, "打印")
    except PrintError as exc:
        QMessageBox.warning(window, "打印", str(exc))
        return 0
    finally:
        pages.close()
    if done and hasattr(window, "statusBar"):
        window.statusBar().showMessage(f"已发送到打印机：{variant}，{done}页", 15000)
    return done


# ---------------------------------------------------------------- 打印预览


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview of the PDF's pages, with the copy (公开版/审签版) to choose and the
    draft notice in its tool bar. Printing from here goes through the print dialog."""

    def __init__(self, report: Report, data: bytes, result: ExportResult, variant: str,
                 parent: QWidget | None = None):
        self.printer = new_printer()
        super().__init__(self.printer, parent)
        self.setWindowTitle(f"打印预览 — {report.display_title()}")
        self.report = report.model_copy(deep=True)
        self.pages = PdfPages(data)
        self.result = result
        prepare_printer(self.printer, self.pages, report.display_title())
        self.paintRequested.connect(self._paint)
        self.variant_box = QComboBox()
        self.variant_box.setObjectName("print_variant")
        self.variant_box.addItems(list(VARIANTS))
        self.variant_box.setCurrentText(variant)
        self.variant_box.setToolTip("预览并打印公开版或审签版")
        self.variant_box.currentTextChanged.connect(self._variant_changed)
        self.notice = QLabel()
        self.notice.setObjectName("errors_notice")
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.setWordWrap(True)
        # a row under the pages: the copy to print and, for a report with errors, the notice
        row = QWidget()
        row.setObjectName("print_options")
        rl = QHBoxLayout(row)
        rl.setContentsMargins(8, 4, 8, 4)
        rl.addWidget(QLabel("版本："))
        rl.addWidget(self.variant_box)
        rl.addSpacing(12)
        rl.addWidget(self.notice, 1)
        lay = self.layout()
        if isinstance(lay, QBoxLayout):
            lay.addWidget(row)
        else:  # pragma: no cover - Qt's dialog has a box layout
            bar = self.findChild(QToolBar)
            if bar is not None:
                bar.addWidget(row)
        self._show_notice()
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1000, screen.width() - 40) if screen else 1000,
                    min(760, screen.height() - 60) if screen else 760)

    def _show_notice(self) -> None:
        n = self.result.errors
        self.notice.setText(errors_notice(n) if n else "")
        self.notice.setVisible(bool(n))

    def _paint(self, printer: QPrinter) -> None:
        try:
            if is_preview(printer):
                paint_pages(printer, self.pages)
            else:  # the preview's own 打印 button, after its print dialog
                paint_with_progress(printer, self.pages, self, "打印")
        except PrintError as exc:
            QMessageBox.warning(self, "打印预览", str(exc))
        except Exception as exc:  # noqa: BLE001 - no exception may escape a Qt slot
            QMessageBox.critical(self, "打印预览", messages.error_text("打印", exc))

    def _variant_changed(self, variant: str) -> None:
        made = make_pdf_blocking(self.report, variant, self, "打印预览")
        if made is None:
            return
        save_variant(self.parentWidget(), variant)
        self.pages.close()
        self.pages, self.result = PdfPages(made[0]), made[1]
        self.printer.setFromTo(1, len(self.pages))
        self._show_notice()
        preview = self.preview_widget()
        if preview is not None:
            preview.updatePreview()

    def preview_widget(self):
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        return self.findChild(QPrintPreviewWidget)

    def done(self, r: int) -> None:
        super().done(r)
        self.pages.close()


def show_preview(window) -> PrintPreview | None:
    """文件 → 打印预览. Opens the preview non-modally and returns it (None if the PDF failed)."""
    report: Report = window.report
    variant = saved_variant(window)
    made = make_pdf_blocking(report, variant, window, "打印预览")
    if made is None:
        return None
    dlg = PrintPreview(report, made[0], made[1], variant, window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg

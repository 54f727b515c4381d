"""打印 / 打印预览: the printed pages are the exported PDF's pages, at 100 % on A4."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog

pypdfium2 = pytest.importorskip("pypdfium2")

from gaic_desktop.pdf.render import VARIANT_PUBLIC, VARIANT_SIGN, render_pdf  # noqa: E402
from gaic_desktop.ui import print_job  # noqa: E402

A4_PT = (595.28, 841.89)
LOW_DPI = 50
MM = LOW_DPI / 25.4  # pixels per millimetre at LOW_DPI


def exported(report, variant=VARIANT_PUBLIC) -> bytes:
    data, _ = render_pdf(report, print_job.export_options(variant))
    return data


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    doc = pypdfium2.PdfDocument(data)
    try:
        return [tuple(doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def gray(data: bytes, index: int) -> list[list[int]]:
    """Page ``index`` at LOW_DPI as rows of grey values (0 black … 255 white)."""
    pages = print_job.PdfPages(data)
    try:
        img = pages.image(index, LOW_DPI).convertToFormat(QImage.Format.Format_Grayscale8)
    finally:
        pages.close()
    bits = bytes(img.constBits())
    bpl = img.bytesPerLine()
    return [list(bits[y * bpl: y * bpl + img.width()]) for y in range(img.height())]


def inked_box(rows: list[list[int]], threshold: int = 160) -> tuple[int, int, int, int]:
    """First and last inked row and column."""
    ys = [y for y, row in enumerate(rows) if min(row) < threshold]
    xs = [x for x in range(len(rows[0])) if min(row[x] for row in rows) < threshold]
    return ys[0], xs[0], ys[-1], xs[-1]


def block_diff(a: list[list[int]], b: list[list[int]], k: int = 2) -> float:
    """Mean absolute difference of the k×k block averages (k = 2 px ≈ 1 mm at LOW_DPI): the
    printout's page is a raster of the PDF re-rendered, so single pixels at the glyphs' edges
    differ; a shift of 1 mm doubles the difference (measured: 4.6 aligned, 10.8 shifted)."""
    total = n = 0
    for y in range(0, min(len(a), len(b)) - k + 1, k):
        for x in range(0, min(len(a[0]), len(b[0])) - k + 1, k):
            sa = sum(a[y + j][x + i] for j in range(k) for i in range(k))
            sb = sum(b[y + j][x + i] for j in range(k) for i in range(k))
            total += abs(sa - sb) / (k * k)
            n += 1
    return total / n


def accept_setup(monkeypatch, seen: list | None = None):
    def exec_(self):
        if seen is not None:
            seen.append((self.notice.isVisibleTo(self), self.notice.text(), self.print_button.text()))
        self.rb_public.setChecked(True)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(print_job.PrintSetupDialog, "exec", exec_)


def pdf_printer(path, resolution: int = 150) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(resolution)
    return printer


# ---------------------------------------------------------------------------- menu


def test_print_actions_in_the_file_menu_and_toolbar(window):
    act, preview = window.actions["print"], window.actions["print_preview"]
    assert act.shortcut() == QKeySequence("Ctrl+P")
    items = window.file_menu.actions()
    export = window.actions["export_pdf"]
    assert items.index(export) < items.index(preview) < items.index(act)
    assert act in window.toolbar.actions()
    assert act.text().startswith("打印") and preview.text().startswith("打印预览")


# ---------------------------------------------------------------------------- preview


def test_preview_shows_the_pdf_pages_in_their_size(qtbot, window):
    expected = page_sizes(exported(window.report))
    dlg = print_job.show_preview(window)
    qtbot.addWidget(dlg)
    widget = dlg.preview_widget()
    assert isinstance(widget, QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=20000)
    assert widget.pageCount() == len(expected)
    layout = dlg.printer.pageLayout()
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    size = layout.pageSize().size(QPageSize.Unit.Point)
    assert (size.width(), size.height()) == pytest.approx(expected[0], abs=0.5)
    assert expected[0] == pytest.approx(A4_PT, abs=0.5)
    assert dlg.printer.fullPage()
    assert not dlg.notice.isVisibleTo(dlg)  # the seed has no errors

    # the 审签版: its 审签单 pages too
    sign = page_sizes(exported(window.report, VARIANT_SIGN))
    assert len(sign) > len(expected)
    dlg.variant_box.setCurrentText(VARIANT_SIGN)
    qtbot.waitUntil(lambda: widget.pageCount() == len(sign), timeout=20000)
    assert print_job.saved_variant(window) == VARIANT_SIGN  # 打印 offers it next time


def test_printing_from_the_preview_prints_its_pages(qtbot, window, tmp_path):
    dlg = print_job.show_preview(window)
    qtbot.addWidget(dlg)
    out = tmp_path / "from-preview.pdf"
    printer = pdf_printer(out, 72)
    print_job.prepare_printer(printer, dlg.pages, "x")
    dlg._paint(printer)  # what the preview's 打印 button does after its print dialog
    assert len(page_sizes(out.read_bytes())) == len(dlg.pages)
    dlg.close()


def test_preview_of_a_report_with_errors_says_so(qtbot, window):
    window.document.set_cells({"t3.new.natural": 999})
    dlg = print_job.show_preview(window)
    qtbot.addWidget(dlg)
    assert dlg.notice.isVisibleTo(dlg) and "草稿（存在" in dlg.notice.text()
    dlg.close()


# ---------------------------------------------------------------------------- printing


def test_printing_to_a_pdf_file_gives_the_exported_pages_at_full_size(qtbot, window, tmp_path, monkeypatch):
    accept_setup(monkeypatch)
    data = exported(window.report)
    out = tmp_path / "printed.pdf"
    done = print_job.print_report(window, printer=pdf_printer(out), ask_printer=False)
    expected = page_sizes(data)
    assert done == len(expected)
    printed_data = out.read_bytes()
    printed = page_sizes(printed_data)
    assert len(printed) == len(expected)
    for size in printed:
        assert size == pytest.approx(A4_PT, abs=1.0)
    # the text page and a table page look the same, with the same margins (±1 mm)
    for index in (0, len(expected) // 2):
        a, b = gray(data, index), gray(printed_data, index)
        assert (len(a), len(a[0])) == (len(b), len(b[0]))
        box_a, box_b = inked_box(a), inked_box(b)
        for ea, eb in zip(box_a, box_b):
            assert abs(ea - eb) <= MM, (index, box_a, box_b)
        diff = block_diff(a, b)
        assert diff < 7.0, (index, diff)
        assert block_diff(a, [row[2:] + row[:2] for row in b]) > 7.0  # 1 mm off would fail
        # ... and not a blank page (the comparison would be empty otherwise)
        assert sum(1 for row in a for p in row if p < 160) > 500
    # the GB/T 9704 text block starts 37 mm from the top and 28 mm from the left
    top, left, _, _ = inked_box(gray(printed_data, 1))
    assert abs(top - 37 * MM) <= 2 * MM and abs(left - 28 * MM) <= 1.5 * MM


def test_page_range_is_printed(window, tmp_path, monkeypatch):
    accept_setup(monkeypatch)
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out, 72)

    def choose_pages(dlg_printer, pages, title):
        prepare(dlg_printer, pages, title)
        dlg_printer.setPrintRange(QPrinter.PrintRange.PageRange)
        dlg_printer.setFromTo(2, 3)  # as the print dialog's 页数从 2 到 3
    prepare = print_job.prepare_printer
    monkeypatch.setattr(print_job, "prepare_printer", choose_pages)
    assert print_job.print_report(window, printer=printer, ask_printer=False) == 2
    assert len(page_sizes(out.read_bytes())) == 2


def test_page_sequence_follows_order_and_copies(monkeypatch):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    assert print_job.page_sequence(printer, 3) == [0, 1, 2]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert print_job.page_sequence(printer, 3) == [2, 1, 0]
    printer.setPageOrder(QPrinter.PageOrder.FirstPageFirst)
    printer.setCopyCount(2)
    monkeypatch.setattr(QPrinter, "supportsMultipleCopies", lambda self: False)
    printer.setCollateCopies(True)
    assert print_job.page_sequence(printer, 2) == [0, 1, 0, 1]
    printer.setCollateCopies(False)
    assert print_job.page_sequence(printer, 2) == [0, 0, 1, 1]
    monkeypatch.setattr(QPrinter, "supportsMultipleCopies", lambda self: True)
    assert print_job.page_sequence(printer, 2) == [0, 1]  # the printing system makes the copies


def test_a_report_with_errors_shows_watermark_and_count_once_before_printing(window, tmp_path, monkeypatch):
    window.document.set_cells({"t3.new.natural": 999})
    errors = sum(1 for f in window.document.findings if f.is_error)
    assert errors
    seen: list = []
    accept_setup(monkeypatch, seen)
    out = tmp_path / "draft.pdf"
    assert print_job.print_report(window, printer=pdf_printer(out, 72), ask_printer=False)
    ((visible, text, button),) = seen  # one dialog
    assert visible and f"{errors} 处错误" in text and f"草稿（存在{errors}处错误）" in text
    assert button == "仍然打印…"


def test_no_errors_no_notice_and_cancel_prints_nothing(window, tmp_path, monkeypatch):
    seen = []

    def reject(self):
        seen.append((self.notice.isVisibleTo(self), self.print_button.text()))
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(print_job.PrintSetupDialog, "exec", reject)
    out = tmp_path / "none.pdf"
    assert print_job.print_report(window, printer=pdf_printer(out, 72), ask_printer=False) == 0
    assert seen == [(False, "打印…")] and not out.exists()


def test_an_unwritable_output_is_a_chinese_message(window, tmp_path, monkeypatch, dialogs):
    accept_setup(monkeypatch)
    printer = pdf_printer(tmp_path / "no-such-folder" / "x.pdf", 72)
    assert print_job.print_report(window, printer=printer, ask_printer=False) == 0
    assert "无法开始打印" in dialogs.texts("warning")[-1]


def test_the_sign_copy_names_what_it_would_print_blank(qtbot, window):
    window.report.people.drafter = ""
    dlg = print_job.PrintSetupDialog(window.report, window, VARIANT_PUBLIC)
    qtbot.addWidget(dlg)
    assert dlg.sign_hint.text() == ""
    dlg.rb_sign.setChecked(True)
    assert "拟稿" in dlg.sign_hint.text() and dlg.variant() == VARIANT_SIGN


def test_the_window_keeps_responding_while_pages_are_painted(window, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    accept_setup(monkeypatch)
    ticks = []
    timer = QTimer(window, interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    pages_painted = []
    draw = print_job.PdfPages.draw

    def slow_draw(self, *a, **k):  # a slow printer: 50 ms a page
        import time
        time.sleep(0.05)
        pages_painted.append(len(ticks))  # the ticks so far
        return draw(self, *a, **k)
    monkeypatch.setattr(print_job.PdfPages, "draw", slow_draw)
    done = print_job.print_report(window, printer=pdf_printer(tmp_path / "slow.pdf", 72), ask_printer=False)
    timer.stop()
    assert done == len(pages_painted) > 5
    # the event loop ran while the pages were painted (if the pages were painted in the GUI
    # thread, processing events between pages, there would be one tick per page at most)
    assert pages_painted[-1] - pages_painted[0] > 2 * (done - 1)


def test_cancel_stops_after_the_current_page(window, tmp_path, monkeypatch, dialogs):
    accept_setup(monkeypatch)
    progress = print_job._PaintThread._progress

    def cancel_on_third(self, done, total):
        if done == 2:
            self.cancelled = True
        return progress(self, done, total)
    monkeypatch.setattr(print_job._PaintThread, "_progress", cancel_on_third)
    assert print_job.print_report(window, printer=pdf_printer(tmp_path / "c.pdf", 72), ask_printer=False) == 0
    assert "已发送" not in window.statusBar().currentMessage()


def test_ink_bands_join_close_rows_and_skip_white():
    w, stride = 4, 12  # 4 BGR pixels a row
    rows = [b"\xff" * 12] * 10
    for y in (1, 2, 4, 8):
        rows[y] = b"\xff" * 6 + b"\x00\x00\x00" + b"\xff" * 3
    pixels = memoryview(bytearray(b"".join(rows))).cast("B")
    assert print_job.ink_bands(pixels, w * 3, 10, stride, gap=1) == [(1, 3), (4, 5), (8, 9)]
    assert print_job.ink_bands(pixels, w * 3, 10, stride, gap=2) == [(1, 5), (8, 9)]  # 1 white row
    assert print_job.ink_bands(pixels, w * 3, 10, stride, gap=4) == [(1, 9)]  # 3 white rows
    assert print_job.ink_bands(memoryview(bytearray(b"\xff" * 120)), 12, 10, 12, gap=2) == []

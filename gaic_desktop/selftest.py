"""``gaic-desktop --selftest``: prove that an installed or frozen copy of the program is complete.

For builders and support staff, not for officers. It imports every part the program loads
lazily, finds the resources, validates and exports the bundled sample, imports a PDF (the one
just exported, or ``--pdf FILE``), exports the sample as a Word document and reads it back, and opens the main window (offscreen when there is no
display). Every step prints one line; the exit code is 0 only when every step passed.

    gaic-desktop --selftest [--out DIR] [--pdf FILE] [--screenshot PNG]
    gaic-desktop --selftest --first-paint     # open the window on the sample, print the
                                              # time of its first paint, quit (start-up bench)
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

#: Every module of the program, including those only imported inside functions.
PROGRAM_MODULES = (
    "gaic_desktop.cli",
    "gaic_desktop.core.formats", "gaic_desktop.core.report", "gaic_desktop.core.rules",
    "gaic_desktop.core.storage", "gaic_desktop.core.narrative", "gaic_desktop.core.paste",
    "gaic_desktop.pdf.cli", "gaic_desktop.pdf.fonts", "gaic_desktop.pdf.render",
    "gaic_desktop.pdf.linebreak",
    "gaic_desktop.importer", "gaic_desktop.importer.cli", "gaic_desktop.importer.sources",
    "gaic_desktop.importer.build", "gaic_desktop.importer.normalize",
    "gaic_desktop.ui.app", "gaic_desktop.ui.main_window", "gaic_desktop.ui.export_dialog",
    "gaic_desktop.ui.import_dialog", "gaic_desktop.ui.recovery", "gaic_desktop.ui.file_dialogs",
    "gaic_desktop.core.merge", "gaic_desktop.merge_io", "gaic_desktop.merge_cli", "gaic_desktop.merge_xlsx",
    "gaic_desktop.ui.merge_dialog",
    "gaic_desktop.publish.docx",
)
#: Third-party modules imported lazily at run time (a frozen build must contain them).
LIBRARY_MODULES = (
    "fontTools.ttLib", "openpyxl", "pdfplumber", "pdfminer.pdfparser", "pypdfium2", "pydantic",
    "reportlab.pdfbase.ttfonts", "reportlab.platypus", "docx", "docx.oxml", "lxml.etree",
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
)
SAMPLE = "hanyang-2020.gaic.json"


class SelftestFailed(Exception):
    pass


def _check_imports() -> str:
    import importlib
    import pkgutil

    import gaic_desktop

    names = set(PROGRAM_MODULES)
    # everything the package really contains (catches modules added after this list was written)
    for info in pkgutil.walk_packages(gaic_desktop.__path__, "gaic_desktop."):
        if not info.name.endswith("__main__"):
            names.add(info.name)
    names.discard("gaic_desktop.selftest")
    for name in sorted(names) + list(LIBRARY_MODULES):
        importlib.import_module(name)
    return f"{len(names)} 个程序模块、{len(LIBRARY_MODULES)} 个库模块"


def _check_resources() -> str:
    from .core.formats import format_ids, get_format, resources_dir
    from .pdf.fonts import BUNDLED_FONT_DIR, bundled_fonts

    root = resources_dir()
    formats = format_ids()
    if not formats:
        raise SelftestFailed(f"{root / 'formats'} 中没有格式定义")
    for fid in formats:
        get_format(fid)
    if not (root / "samples" / SAMPLE).is_file():
        raise SelftestFailed(f"缺少示例 {root / 'samples' / SAMPLE}")
    fonts = bundled_fonts()
    if len(fonts) < 4:
        raise SelftestFailed(f"内置字体不全（{BUNDLED_FONT_DIR}）：{[f.file for f in fonts]}")
    return f"{root}；格式 {', '.join(formats)}；内置字体 {len(fonts)} 个"


def _run_cli(argv: list[str]) -> str:
    from .cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(argv)
    if code not in (0, 1) or (argv[0] != "validate" and code != 0):
        raise SelftestFailed(f"{argv[0]} 返回 {code}：{err.getvalue().strip() or out.getvalue().strip()}")
    return out.getvalue().strip().splitlines()[0] if out.getvalue().strip() else ""


def _sample() -> Path:
    from .core.formats import resources_dir

    return resources_dir() / "samples" / SAMPLE


def _check_export(out_dir: Path) -> str:
    pdf = out_dir / "sample.pdf"
    line = _run_cli(["export", str(_sample()), "-o", str(pdf)])
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise SelftestFailed(f"没有生成 PDF：{pdf}")
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    if "政府信息公开" not in text:
        raise SelftestFailed("导出的 PDF 中找不到“政府信息公开”字样")
    return line


def _check_docx(out_dir: Path) -> str:
    """The Word document: written from python-docx's bundled template (a frozen build must carry
    docx/templates), and read back by the importer to the sample's title and figures."""
    from .core.storage import load
    from .importer import import_file

    docx = out_dir / "sample.docx"
    line = _run_cli(["export", str(_sample()), "-o", str(docx)])
    want = load(_sample())
    got = import_file(docx).report
    if got.display_title() != want.display_title() or got.effective_values() != want.effective_values():
        raise SelftestFailed(f"导出的 Word 文档读回后与示例不一致：{docx}")
    return line


def _check_import(pdf: Path, out_dir: Path) -> str:
    from .core.storage import load

    target = out_dir / "imported.gaic.json"
    _run_cli(["import", str(pdf), "-o", str(target), "--force", "--quiet"])
    report = load(target)
    return f"{pdf.name} → {target.name}：{report.display_title()}"


def _app():
    if not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .ui.app import make_app

    return make_app()


def _open_window():
    """The main window on the sample, shown; returns (app, window, [time of first paint]).
    Settings go to a throw-away file and nothing is autosaved: a selftest leaves no trace."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer

    from .core.storage import load
    from .ui.main_window import MainWindow

    app = _app()
    ini = Path(tempfile.mkdtemp(prefix="gaic-selftest-settings-")) / "settings.ini"
    win = MainWindow(load(_sample()), str(_sample()),  # checked after its first paint, as app.run() does
                     settings=QSettings(str(ini), QSettings.Format.IniFormat), autosave=False, check_later=True)
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and not painted:
                painted.extend((time.time(), time.process_time()))
                QTimer.singleShot(0, loop.quit)
            return False

    loop = QEventLoop()
    spy = FirstPaint()
    win.installEventFilter(spy)
    win.resize(1280, 860)
    win.show()
    QTimer.singleShot(15000, loop.quit)
    if not painted:
        loop.exec()
    win.removeEventFilter(spy)
    return app, win, painted


def _check_window(screenshot: Path | None) -> str:
    app, win, painted = _open_window()
    try:
        if not painted:
            raise SelftestFailed("主窗口 15 秒内没有绘制")
        title = win.windowTitle()
        if screenshot is not None:
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            if not win.grab().save(str(screenshot)):
                raise SelftestFailed(f"无法保存截图 {screenshot}")
        platform = app.platformName()
    finally:
        win.hide()
        win.deleteLater()
    return f"平台插件 {platform}；标题“{title}”"


def first_paint() -> int:
    """Open the window on the sample, print ``first-paint <epoch seconds> cpu <CPU seconds used
    so far>``, then ``checked …`` the same way once its findings are shown, and quit. Starts like
    ``python -m gaic_desktop FILE`` (see ``cli._cmd_open``)."""
    from PySide6.QtCore import QEventLoop, QTimer

    gc.disable()
    app, win, painted = _open_window()
    if not painted:
        print("主窗口 15 秒内没有绘制", file=sys.stderr)
        return 1
    print(f"first-paint {painted[0]:.6f} cpu {painted[1]:.6f}", flush=True)
    if not win.document.checked:  # the findings follow the first paint
        loop = QEventLoop()
        win.document.findingsChanged.connect(loop.quit)
        QTimer.singleShot(15000, loop.quit)
        loop.exec()
    print(f"checked {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
    # skip interpreter teardown: the measurement is over and Qt's exit is not start-up
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="gaic-desktop --selftest",
                                description="检查本程序的安装是否完整（供构建和维护人员使用）")
    p.add_argument("--out", help="保存导出的 PDF 和导入结果的文件夹（默认：临时文件夹，用后删除）")
    p.add_argument("--pdf", help="要试导入的 PDF（默认：刚导出的示例 PDF）")
    p.add_argument("--screenshot", help="把主窗口截图保存为 PNG")
    p.add_argument("--first-paint", action="store_true", help="只打开主窗口，输出首次绘制的时刻后退出")
    args = p.parse_args(argv)
    if args.first_paint:
        return first_paint()

    with contextlib.ExitStack() as stack:
        out_dir = Path(args.out) if args.out else Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="gaic-selftest-")))
        out_dir.mkdir(parents=True, exist_ok=True)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("模块", _check_imports),
            ("资源", _check_resources),
            ("检查示例", lambda: _run_cli(["validate", str(_sample())])),
            ("导出PDF", lambda: _check_export(out_dir)),
            ("导出Word", lambda: _check_docx(out_dir)),
            ("导入PDF", lambda: _check_import(Path(args.pdf) if args.pdf else out_dir / "sample.pdf",
                                            out_dir)),
            ("主窗口", lambda: _check_window(Path(args.screenshot) if args.screenshot else None)),
        ]
        failed = 0
        for name, step in steps:
            t0 = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # every failure is reported, then the next step runs
                failed += 1
                print(f"[失败] {name}：{type(exc).__name__}: {exc}", flush=True)
                if not isinstance(exc, SelftestFailed):
                    traceback.print_exc(limit=6)
                continue
            print(f"[通过] {name}（{time.perf_counter() - t0:.2f}秒）：{detail}", flush=True)
    print("自检通过。" if not failed else f"自检失败：{failed} 项未通过。", flush=True)
    return 1 if failed else 0

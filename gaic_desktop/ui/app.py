"""Start-up: ``python -m gaic_desktop [FILE]`` calls ``run(path)``."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import APP_NAME

# System CJK UI fonts, best first (Windows, UOS/Kylin/Linux, macOS).
SYSTEM_UI_FONTS = [
    "Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "思源黑体", "WenQuanYi Micro Hei", "文泉驿微米黑",
    "Unifont", "PingFang SC", "Hiragino Sans GB", "SimHei", "黑体", "DengXian", "等线",
]
_registered: list[str] = []


def fonts_dir() -> Path:
    from ..core.formats import resources_dir

    return resources_dir() / "fonts"


def register_fonts() -> list[str]:
    """Register every bundled .ttf with Qt; returns the family names (once per process)."""
    if _registered:
        return _registered
    for path in sorted(fonts_dir().glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            for fam in QFontDatabase.applicationFontFamilies(fid):
                if fam not in _registered:
                    _registered.append(fam)
    return _registered


def setup_fonts(app: QGuiApplication) -> QFont:
    """Make the window readable on a machine without any CJK font: prefer a system CJK UI
    font; otherwise the bundled Hei, then Song; the others stay as fallbacks."""
    bundled = register_fonts()
    families = set(QFontDatabase.families())
    chosen = [f for f in SYSTEM_UI_FONTS if f in families][:1]
    for pref in ("GAIC Hei", "GAIC Song", "GAIC Kai"):
        if pref in bundled:
            chosen.append(pref)
    for fam in bundled:
        if fam not in chosen:
            chosen.append(fam)
    font = QFont(app.font())
    if chosen:
        font.setFamilies(chosen + [app.font().family()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return font


CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

#: Qt's own texts that its zh_CN catalogue lacks (Qt 6.11 added the "&" to these labels of the
#: non-native file dialog; the 类型 column of its file list comes from QAbstractFileIconProvider,
#: a context the catalogue does not have), keyed by (context, source text). Qt 6 has no "%1 KB"
#: texts any more: sizes and dates of the file list are formatted by file_dialogs.ChineseFileModel.
MISSING_QT_TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPlatformTheme", "Don't Save"): "不保存",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "替身",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
    ("QFileSystemModel", "Size"): "大小",  # the catalogue says 「体积」; Windows says 大小
    ("QPrintSettingsOutput", "Page &Set:"): "奇偶页(&S)：",
}

_translators: list[QTranslator] = []  # installed translators must stay alive


class _SupplementTranslator(QTranslator):
    """Answers the few Qt texts the bundled catalogue does not translate."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (a null string) lets Qt ask the next translator; "" would blank the text
        return MISSING_QT_TEXTS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


def install_chinese(app: QCoreApplication) -> list[QTranslator]:
    """Chinese everywhere Qt draws its own texts: the default locale (calendar month and day
    names, number formats) and Qt's translation (standard buttons of message boxes, the file
    dialog, context menus of text fields). Once per process; returns the translators."""
    QLocale.setDefault(CHINESE)
    if _translators:
        return _translators
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QTranslator(app)
        if tr.load(name, folder) and app.installTranslator(tr):
            _translators.append(tr)
            break
    extra = _SupplementTranslator(app)
    if app.installTranslator(extra):  # installed last = asked first
        _translators.append(extra)
    if sys.platform.startswith("linux") and QLocale.system().language() != QLocale.Language.Chinese:
        # The native (GTK / portal) file dialogs speak the system's language; on a system that
        # is not set to Chinese, Qt's own dialog (translated above) is the Chinese one.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    return _translators


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName("GAIC")
        QCoreApplication.setApplicationName("GAIC Desktop")
        QLocale.setDefault(CHINESE)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationDisplayName(APP_NAME)
    install_chinese(app)
    setup_fonts(app)
    return app


def after_show(win, path: str | None, error_path: str | None) -> None:
    """Once the window is up: warn about a locked file, offer recovery; then show why the file
    given could not be opened, or, started without a file, reopen the file worked on last."""
    gc.enable()  # paused until the first paint (cli._cmd_open)
    win.warn_if_locked()
    restored = win.offer_recovery()
    if error_path and not restored:
        win.open_file(error_path, ask=False)
    elif not path and not restored:
        win.reopen_last()


def run(path: str | None) -> int:
    """Open the main window (with ``path`` if given) and run the event loop."""
    app = make_app()
    from ..core.storage import ReportFileError, load
    from . import guard
    from .first_paint import after_first_paint
    from .main_window import MainWindow

    guard.install()  # no exception escapes into Qt's event loop untold

    report, error_path = None, None
    if path:
        try:
            report = load(path)  # before the first paint, so the file shows at once
        except ReportFileError:
            error_path = path  # open_file() shows the Chinese message once the window is up
    try:
        win = MainWindow(report, path if report is not None else None, check_later=True)
    except Exception:  # noqa: BLE001 - a report the window cannot show: start empty, say why
        guard.report(*sys.exc_info(), action=f"显示“{Path(path).name}”")
        report = None
        win = MainWindow(None, None)
    if report is not None:
        win._add_recent(path)
    win.show()

    # the messages and questions of after_show come once the window is on the screen
    after_first_paint(win, lambda: after_show(win, path, error_path))
    return app.exec()

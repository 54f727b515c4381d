"""Render every tab of the editor to PNG files, offscreen, for looking at the layout.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py OUT_DIR [--sample FILE]

Writes OUT_DIR/<size>-<scenario>-<nn>-<tab>.png for 1366×768 and 1920×1080, with the seed
sample loaded as is ("seed") and with one deliberate error typed into table 三 ("error", the
finding selected so its cells are highlighted), plus one shot of a cell being edited.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = [(1366, 768), (1920, 1080)]


def type_into_cell(app, win, ref: str, text: str) -> None:
    """Open the editor of cell ``ref`` and type ``text`` into it, leaving it open (the shot of a
    cell being edited)."""
    tab = win.section_tab_for_table(ref.split(".")[0])
    win.tabs.setCurrentWidget(tab)
    view = tab.tables[ref.split(".")[0]]
    idx = view.table_model.index_of(ref)
    view.setCurrentIndex(idx)
    view.edit(idx)
    app.processEvents()
    editor = view.focusWidget()
    if editor is not None and hasattr(editor, "setText"):
        editor.setText(text)
        editor.textEdited.emit(text)
    app.processEvents()


def close_unsaved(app, win) -> None:
    """Close ``win`` without saving, whatever it holds. The shot of a cell being edited leaves
    its editor open: closing the window commits the typed text, which makes the report modified
    again, and the 「是否保存？」 box then waited forever for an answer nobody gives offscreen
    (the tool hung after the 1366×768 shots). Commit first, then mark the report unchanged; a
    box that still comes up is answered 「不保存」 and named on stderr."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    win.commit_pending_edits()
    win.document.undo_stack.setClean()
    win._force_modified = False

    def dismiss() -> None:
        box = app.activeModalWidget()
        if box is None:
            return
        print(f"screenshots: closing “{box.windowTitle()}” left unanswered", file=sys.stderr)
        discard = box.button(QMessageBox.StandardButton.Discard) if isinstance(box, QMessageBox) else None
        if discard is not None:
            discard.click()
        else:
            box.reject()

    watchdog = QTimer(interval=200)
    watchdog.timeout.connect(dismiss)
    watchdog.start()
    try:
        win.close()
    finally:
        watchdog.stop()
    win.deleteLater()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder for the PNG files")
    ap.add_argument("--sample", default=str(ROOT / "resources/samples/hanyang-2020.gaic.json"))
    ap.add_argument("--sample2021", default=str(ROOT / "resources/samples/sample-2021.gaic.json"),
                    help="a 2021-format report, shot at 1366×768 too (skipped if missing)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    from gaic_desktop.core.storage import load
    from gaic_desktop.ui.app import make_app
    from gaic_desktop.ui.main_window import MainWindow

    app = make_app([sys.argv[0]])
    tmp = tempfile.mkdtemp()
    written = []
    for w, h in SIZES:
        for scenario in ("seed", "error"):
            settings = QSettings(os.path.join(tmp, f"{w}-{scenario}.ini"), QSettings.Format.IniFormat)
            win = MainWindow(load(args.sample), args.sample, settings=settings, autosave=False)
            win.resize(w, h)
            win.show()
            app.processEvents()
            if scenario == "error":
                win.document.set_cells({"t3.new.natural": "205"})  # 撤销 names it as typing would
                app.processEvents()
                win.findings_panel.list.setCurrentRow(0)
                f = win.document.findings[0]
                win.go_to_finding(f)
            for i in range(win.tabs.count()):
                win.tabs.setCurrentIndex(i)
                app.processEvents()
                app.processEvents()
                name = f"{w}x{h}-{scenario}-{i}.png"
                win.grab().save(str(out / name))
                written.append(name)
            if scenario == "error" and w == SIZES[0][0]:
                type_into_cell(app, win, "t3.carried_in.natural", "7")
                name = f"{w}x{h}-editing.png"
                win.grab().save(str(out / name))
                written.append(name)
            close_unsaved(app, win)
    if Path(args.sample2021).exists():
        settings = QSettings(os.path.join(tmp, "2021.ini"), QSettings.Format.IniFormat)
        win = MainWindow(load(args.sample2021), args.sample2021, settings=settings, autosave=False)
        win.resize(*SIZES[0])
        win.show()
        for i in range(win.tabs.count()):
            win.tabs.setCurrentIndex(i)
            app.processEvents()
            app.processEvents()
            name = f"2021-{SIZES[0][0]}x{SIZES[0][1]}-{i}.png"
            win.grab().save(str(out / name))
            written.append(name)
        close_unsaved(app, win)
    for n in written:
        print(out / n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

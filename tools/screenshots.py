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
                view = win.table_view("t3")
                win.document.set_cells({"t3.new.natural": "205"}, "演示")
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
                tab = win.section_tab_for_table("t3")
                win.tabs.setCurrentWidget(tab)
                view = tab.tables["t3"]
                idx = view.table_model.index_of("t3.carried_in.natural")
                view.setCurrentIndex(idx)
                view.edit(idx)
                app.processEvents()
                editor = view.focusWidget()
                if editor is not None and hasattr(editor, "setText"):
                    editor.setText("7")
                    editor.textEdited.emit("7")
                app.processEvents()
                name = f"{w}x{h}-editing.png"
                win.grab().save(str(out / name))
                written.append(name)
            win.document.undo_stack.setClean()
            win._force_modified = False
            win.close()
            win.deleteLater()
            app.processEvents()
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
        win.close()
    for n in written:
        print(out / n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

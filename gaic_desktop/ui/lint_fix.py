"""One-click fixes of the text lint (rule X-8, ``core/lint.py``) in the window.

- Findings panel: 「修正」 applies the selected warning's fix — exactly its replacement at exactly its
  place — as one undo step; 「全部修正…」 lists every change in that part of the text and applies
  them together (one undo step) only after 确定.
- Narrative editors: the context menu over a slip offers the same two actions.
- Activating an X-8 warning selects the slip in its editor.

Nothing changes the text without the user asking: the lint only warns. Kept apart from the panel
and the editors (``install(window)`` adds the buttons, menus and the selection).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton

from ..core.rules import Finding
from .commands import get_path
from .section_tab import NarrativeEdit, paragraphs_to_text

if TYPE_CHECKING:
    from ..core.lint import Fix

# core/lint.py (with its patterns) is imported by the functions that use it: it is not needed
# before the window's first paint.

FIX_STEP = "修正标点和序号"
MAX_LISTED = 40  # changes named one by one in the 全部修正 dialog (the rest counted)


# ------------------------------------------------------------------ positions in an editor

def _line_of_paragraph(editor_text: str, para: int) -> tuple[int, int] | None:
    """(position of the line's first character, its leading spaces) of paragraph ``para`` in
    the editor's text (paragraphs are its non-blank lines, stripped)."""
    pos, n = 0, 0
    for line in editor_text.split("\n"):
        if line.strip():
            if n == para:
                return pos, len(line) - len(line.lstrip())
            n += 1
        pos += len(line) + 1
    return None


def editor_span(editor_text: str, fix: Fix) -> tuple[int, int] | None:
    """Where ``fix`` is in the editor's text (start, end), or None."""
    line = _line_of_paragraph(editor_text, fix.para)
    if line is None:
        return None
    start = line[0] + line[1] + fix.start
    if editor_text[start:start + len(fix.found)] != fix.found:
        return None
    return start, start + len(fix.found)


def fix_at(editor_text: str, pos: int, fixes: list[Fix]) -> Fix | None:
    """The fix whose span holds editor position ``pos`` (or ends right at it)."""
    for fix in fixes:
        span = editor_span(editor_text, fix)
        if span and span[0] <= pos <= span[1]:
            return fix
    return None


# ------------------------------------------------------------------ applying

def field_findings(doc, path: str) -> list[Finding]:
    """The X-8 warnings of one text field that have not been explained away."""
    return [f for f in doc.findings if f.fix is not None and f.fix.field == path and not f.acknowledged]


def editors(window, *, built_only: bool = False) -> list[NarrativeEdit]:
    """The window's text editors now (the tabs are rebuilt when a report of another format opens);
    ``built_only``: only those of section tabs already shown (the others are made when shown)."""
    tabs = window.built_section_tabs() if built_only else window.section_tabs.values()
    out = [tab.narrative for tab in tabs]
    preface = getattr(window.basic_tab, "preface", None)
    return out + ([preface] if isinstance(preface, NarrativeEdit) else [])


def _editor_for(window, path: str) -> NarrativeEdit | None:
    return next((e for e in editors(window) if e.path == path), None)


def apply(window, fixes: list[Fix], parent=None) -> bool:
    """Apply ``fixes`` (all of one field) as one undo step. Text changed meanwhile: nothing is
    changed and the user is told."""
    if not fixes:
        return False
    doc = window.document
    path = fixes[0].field
    paras = get_path(doc.report, path)
    from ..core.lint import apply_fixes

    try:
        new = apply_fixes(paras, fixes)
    except (ValueError, IndexError):
        QMessageBox.information(parent or window, "修正", "这段文字已经改动，请重新选择要修正的地方。")
        return False
    editor = _editor_for(window, path)
    old_text = new_text = None
    if editor is not None:  # the editor keeps its blank lines and shows exactly the change
        old_text = editor.toPlainText()
        new_text = old_text
        spans = [editor_span(old_text, f) for f in fixes]
        if all(spans):
            for (a, b), fix in sorted(zip(spans, fixes), key=lambda x: x[0][0], reverse=True):
                new_text = new_text[:a] + fix.replacement + new_text[b:]
        else:  # (blank lines the editor shows cannot be placed: it shows the paragraphs)
            old_text, new_text = None, paragraphs_to_text(new)
    return doc.set_field(path, new, FIX_STEP, old_editor_text=old_text, new_editor_text=new_text, merge=False)


def fix_one(window, finding: Finding | None) -> bool:
    if finding is None or finding.fix is None:
        return False
    return apply(window, [finding.fix])


def describe(fix: Fix, paras: list[str]) -> str:
    """「第3段：“…等,并及…” 半角逗号“,” → “，”」"""
    from ..core.lint import context

    excerpt = context(paras[fix.para], fix)  # the excerpt the warning quotes
    to = f"“{fix.replacement}”" if fix.replacement else "删去"
    return f"第{fix.para + 1}段“{excerpt}”：{fix.what} → {to}"


def fix_all(window, path: str, parent=None, *, confirm=None) -> bool:
    """List every change of field ``path`` and apply them after 确定 (``confirm(text) -> bool``
    replaces the dialog in tests)."""
    findings = field_findings(window.document, path)
    if not findings:
        return False
    fixes = [f.fix for f in findings]
    paras = get_path(window.document.report, path)
    lines = [describe(f, paras) for f in fixes[:MAX_LISTED]]
    if len(fixes) > MAX_LISTED:
        lines.append(f"……另有 {len(fixes) - MAX_LISTED} 处")
    label = window.document.report.field_label(path)
    text = f"{label}中将修改以下 {len(fixes)} 处（可用“撤销”一步恢复）：\n\n" + "\n".join(lines)
    if confirm is None:
        box = QMessageBox(QMessageBox.Icon.Question, "全部修正", text,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent or window)
        box.button(QMessageBox.StandardButton.Ok).setText("修正")
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        ok = box.exec() == QMessageBox.StandardButton.Ok
    else:
        ok = confirm(text)
    return bool(ok) and apply(window, fixes, parent)


# ------------------------------------------------------------------ the window

def install(window) -> None:
    """Add 修正 / 全部修正… to the findings panel, the editors' context menus and the selection
    of a slip when its warning is activated."""
    panel = window.findings_panel
    fix_button = QPushButton("修正")
    fix_button.setObjectName("lint_fix")
    fix_button.setToolTip("按提示改正选中的这一处标点或序号（可撤销）")
    all_button = QPushButton("全部修正…")
    all_button.setObjectName("lint_fix_all")
    all_button.setToolTip("列出这一部分文字中所有标点、序号问题，确认后一起改正（可撤销）")
    row = next(item.layout() for item in (panel.layout().itemAt(i) for i in range(panel.layout().count()))
               if item.layout() is not None and item.layout().indexOf(panel.ack_button) >= 0)
    row.insertWidget(0, all_button)
    row.insertWidget(0, fix_button)
    window.lint_buttons = (fix_button, all_button)

    def update() -> None:
        f = panel.current_finding()
        field = panel.current_slip_field()  # a slip, or a group of slips (修正 needs one slip)
        editable = window.document.read_only is None  # (只读: the text cannot be changed here)
        fix_button.setVisible(field is not None)
        all_button.setVisible(field is not None)
        fix_button.setEnabled(bool(editable and f and f.fix))
        all_button.setEnabled(bool(editable and field and field_findings(window.document, field)))

    window.update_lint_buttons = update  # read_only_mode calls it when the window goes 只读 or back

    panel.list.currentItemChanged.connect(lambda *_: update())
    window.document.findingsChanged.connect(update)
    fix_button.clicked.connect(lambda: fix_one(window, panel.current_finding()))
    all_button.clicked.connect(lambda: _fix_all_current(window))
    panel.findingActivated.connect(lambda f: QTimer.singleShot(0, lambda: select_slip(window, f)))
    update()
    attach_editors(window)


def _fix_all_current(window) -> None:
    field = window.findings_panel.current_slip_field()
    if field is not None:
        fix_all(window, field)


def select_slip(window, finding: Finding) -> None:
    """Select the slip of an X-8 warning in its editor (after the window switched to it)."""
    if finding is None or finding.fix is None:
        return
    editor = _editor_for(window, finding.fix.field)
    if editor is None:
        return
    span = editor_span(editor.toPlainText(), finding.fix)
    if span is None:
        return
    cur = editor.textCursor()
    cur.setPosition(span[0])
    cur.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cur)
    editor.ensureCursorVisible()


def editor_menu(window, editor: NarrativeEdit, pos: int) -> QMenu:
    """The editor's standard menu, with 修正 / 全部修正… first when ``pos`` is on a slip."""
    menu = editor.createStandardContextMenu()
    findings = field_findings(window.document, editor.path)
    fix = fix_at(editor.toPlainText(), pos, [f.fix for f in findings])
    if fix is not None:
        to = f"“{fix.replacement}”" if fix.replacement else "删去"
        first = menu.actions()[0] if menu.actions() else None
        one = menu.addAction(f"修正：{fix.what} → {to}")
        one.setObjectName("lint_fix_here")
        one.triggered.connect(lambda: apply(window, [fix], editor))
        every = menu.addAction(f"全部修正本部分（{len(findings)} 处）…")
        every.setObjectName("lint_fix_field")
        every.triggered.connect(lambda: fix_all(window, editor.path, editor))
        if first is not None:  # ours first, then the editor's own
            menu.removeAction(one)
            menu.removeAction(every)
            menu.insertActions(first, [one, every])
            menu.insertSeparator(first)
    return menu


def attach_editors(window) -> None:
    """Give every text editor of the window the 修正 menu (once each; a section tab's editor when
    the tab is built)."""
    for editor in editors(window, built_only=True):
        if not editor.property("lint_menu"):
            editor.setProperty("lint_menu", True)
            attach_editor(window, editor)


def attach_editor(window, editor: NarrativeEdit) -> None:
    editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(point) -> None:
        pos = editor.cursorForPosition(point).position()
        menu = editor_menu(window, editor, pos)
        menu.exec(editor.viewport().mapToGlobal(point))
        menu.deleteLater()

    editor.customContextMenuRequested.connect(show)

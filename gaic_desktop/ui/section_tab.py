"""Editors of the report's text and one tab per section 一 … 六.

``NarrativeEdit`` edits a list of paragraphs (one per line) of the report — a section's
narrative (``sections.sN``) or the preface — through undo commands: the editor's own undo is
off; every edit becomes a ``SetFieldCommand`` (merged while typing continues), so Ctrl+Z in the
window undoes text and cells in one history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
                               QSplitter, QTextEdit, QVBoxLayout, QWidget)

from .commands import get_path

if TYPE_CHECKING:  # imported when a tab is built (the table view is not needed at start-up)
    from .legend import ColourLegend
    from .table_view import ReportTableView


def standard_paragraphs(report) -> dict[str, list[str]]:
    """core ``standard_paragraphs``, imported when a section tab first needs it: core/narrative*
    are not loaded before the window's first paint."""
    from ..core.narrative import standard_paragraphs as write

    return write(report)


#: sections whose tables give standard sentences (core ``standard_paragraphs``)
STANDARD_SECTIONS = ("s2", "s3", "s4")


def paragraphs_to_text(paras: list[str]) -> str:
    return "\n".join(paras)


def text_to_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


class NarrativeEdit(QPlainTextEdit):
    """Edits ``doc.report.<path>`` (a list of paragraphs) with undoable commands."""

    def __init__(self, doc, path: str, label: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.path = path
        self.label = label
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._shown = ""
        self.reload()
        self.textChanged.connect(self._on_text_changed)
        doc.fieldChanged.connect(self._on_field_changed)
        doc.reportReset.connect(self.reload)

    def reload(self) -> None:
        self._set_text(paragraphs_to_text(get_path(self.doc.report, self.path)))

    def _set_text(self, text: str) -> None:
        if text == self.toPlainText():
            self._shown = text
            return
        pos = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._shown = text
        cur = self.textCursor()
        cur.setPosition(min(pos, len(text)))
        self.setTextCursor(cur)

    def _on_text_changed(self) -> None:
        text = self.toPlainText()
        if text == self._shown:
            return
        if self.finding_passage() is not None:  # the sentence shown is being edited
            self.setExtraSelections(self._other_marks())
        old = self._shown
        self._shown = text
        paras = text_to_paragraphs(text)
        if paras == get_path(self.doc.report, self.path):
            return  # only blank lines/spaces changed: nothing to store
        self.doc.set_field(self.path, paras, f"编辑“{self.label}”", old_editor_text=old, new_editor_text=text)

    #: marks the underline of a finding's sentence among the editor's extra selections
    FINDING_MARK = QTextFormat.Property.UserProperty + 10

    def show_passage(self, start: int, end: int) -> None:
        """Select ``start:end`` (a finding's sentence), scroll to it and underline it until the
        text changes or another finding is shown; other extra selections are kept."""
        cur = self.textCursor()
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.centerCursor()
        mark = QTextEdit.ExtraSelection()
        mark.cursor = QTextCursor(cur)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#c07000"))
        fmt.setBackground(QColor("#fff1c8"))
        fmt.setProperty(self.FINDING_MARK, True)
        mark.format = fmt
        self.setExtraSelections(self._other_marks() + [mark])

    def finding_passage(self) -> tuple[int, int] | None:
        """The span underlined by ``show_passage`` (None if none is)."""
        for sel in self.extraSelections():
            if sel.format.property(self.FINDING_MARK):
                return sel.cursor.selectionStart(), sel.cursor.selectionEnd()
        return None

    def clear_passage(self) -> None:
        """Remove the underline of ``show_passage`` and its selection."""
        cur = self.textCursor()
        cur.clearSelection()
        self.setTextCursor(cur)
        self.setExtraSelections(self._other_marks())

    def _other_marks(self) -> list:
        return [sel for sel in self.extraSelections() if not sel.format.property(self.FINDING_MARK)]

    def _on_field_changed(self, path: str, editor_text) -> None:
        if path != self.path:
            return
        if editor_text is None:
            editor_text = paragraphs_to_text(get_path(self.doc.report, self.path))
        self._set_text(editor_text)


def heading_label(text: str) -> QLabel:
    lab = QLabel(text)
    f = QFont(lab.font())
    f.setPointSizeF(f.pointSizeF() * 1.25)
    f.setBold(True)
    lab.setFont(f)
    lab.setContentsMargins(2, 4, 2, 4)
    return lab


class SectionTab(QWidget):
    """A section of the form: its heading, its narrative, then its table(s) (as printed).

    The content is built the first time the tab is shown or any of it is asked for
    (``tables``, ``narrative``, ``splitter``, ``legend``, ``standard_button``, ``heading_label``):
    the window opens on 基本信息, and building the six sections with their tables up front was
    about a tenth of the start-up. ``on_built(tab)`` is called once the content exists."""

    def __init__(self, doc, section_key: str, parent=None, *, on_built=None):
        super().__init__(parent)
        self.doc = doc
        self.section_key = section_key
        sec = doc.report.fmt.section(section_key)
        self.heading = sec.heading
        #: the keys of this section's tables, known without building the tab
        self.table_keys: tuple[str, ...] = tuple(sec.tables)
        self.split_restored = False  # set by the window when QSettings had the positions
        self._on_built = on_built
        self._built = False
        self._retired = False
        # where the content's widgets belong in the window's focus chain (see
        # _move_into_focus_chain); never shown, so never focused
        self._focus_anchor = QWidget(self)
        self._focus_anchor.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._focus_anchor.hide()

    @property
    def is_built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        if not self._built:
            self._built = True
            self._build()
            self._move_into_focus_chain()
            if self._on_built is not None:
                self._on_built(self)

    def _move_into_focus_chain(self) -> None:
        """Widgets created now join the window's focus chain at its end (after the findings
        panel); put the focusable ones right after this tab (its hidden anchor: Qt moves a widget
        only after a focusable one), where building them with the window had put them, so Tab
        and the focus Qt gives a page that is shown stay as they were."""
        window = self.window()
        if window is self:
            return
        tail: list[QWidget] = []  # the chain's end, walked backwards: what was just created
        w = window.previousInFocusChain()
        while w is not None and w is not window and len(tail) < 10000:
            try:
                if not self.isAncestorOf(w):
                    break
            except RuntimeError:  # a wrapper of a widget Qt has deleted: not one of ours
                break
            if w.focusProxy() is None and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                tail.append(w)
            w = w.previousInFocusChain()
        prev = self._focus_anchor
        for w in reversed(tail):
            QWidget.setTabOrder(prev, w)
            prev = w

    def retire(self) -> None:
        """The window is replacing this tab (another report): never build it any more (the tab
        stack shows each remaining page in turn while the old ones are removed)."""
        self._on_built = None
        self._retired = True

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        if visible and not self._retired:
            self.ensure_built()  # before Qt shows the children, so the first paint has them
        super().setVisible(visible)

    def _built_attr(name: str):  # noqa: N805 - a property factory used in the class body
        def get(self):
            self.ensure_built()
            return self.__dict__[name]

        return property(get)

    tables = _built_attr("_tables")
    narrative = _built_attr("_narrative")
    splitter = _built_attr("_splitter")
    legend = _built_attr("_legend")
    standard_button = _built_attr("_standard_button")
    heading_label = _built_attr("_heading_label")
    del _built_attr

    def _build(self) -> None:
        from .legend import ColourLegend
        from .table_view import ReportTableView

        doc, section_key = self.doc, self.section_key
        sec = doc.report.fmt.section(section_key)
        self._tables: dict[str, ReportTableView] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self._heading_label = heading_label(sec.heading)
        lay.addWidget(self._heading_label)
        self._narrative = NarrativeEdit(doc, f"sections.{section_key}", sec.heading)
        self._narrative.setPlaceholderText("在此填写本部分的文字内容（每段一行）。")
        self._narrative.setFrameShape(QFrame.Shape.StyledPanel)
        self._standard_button: QPushButton | None = None
        self._legend: ColourLegend | None = None
        if section_key in STANDARD_SECTIONS:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self._heading_label)
            if sec.tables:
                self._legend = ColourLegend()
                row.addWidget(self._legend, 1)
                row.addSpacing(12)
            else:
                row.addStretch(1)
            self._standard_button = QPushButton("插入标准表述")
            self._standard_button.setObjectName(f"standard_{section_key}")
            self._standard_button.setToolTip("根据表格数字生成标准表述，插入到正文末尾")
            self._standard_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._standard_button.clicked.connect(self.insert_standard)
            row.addWidget(self._standard_button)
            lay.removeWidget(self._heading_label)
            lay.addLayout(row)
            self._update_standard_button()
            doc.reportReset.connect(self._update_standard_button)
            # a blank table has no sentence: follow the stored cells (not every keystroke of text)
            doc.cellsChanged.connect(self._cells_changed)
        if not sec.tables:
            lay.addWidget(self._narrative, 1)
            self._splitter = None
            return
        self._splitter = QSplitter(Qt.Orientation.Vertical)
        self._splitter.setObjectName(f"splitter_{section_key}")
        self._splitter.setChildrenCollapsible(False)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self._narrative)
        self._narrative.setMinimumHeight(60)
        self._splitter.addWidget(top)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 4, 0, 0)
        for tkey in sec.tables:
            view = ReportTableView(doc, tkey)
            view.setObjectName(f"table_{tkey}")
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self._tables[tkey] = view
            bl.addWidget(view, 1)
        bl.addStretch(0)
        self._splitter.addWidget(bottom)
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 4)
        lay.addWidget(self._splitter, 1)

    def standard_paragraphs(self) -> list[str]:
        """This section's standard sentences, written from the tables as they are now."""
        doc = self.doc
        return list(standard_paragraphs(doc.report).get(self.section_key, []))

    def _cells_changed(self, _refs) -> None:
        if not self.doc.previewing:  # a value being typed is not stored yet: nothing to redo
            self._update_standard_button()

    def _update_standard_button(self) -> None:
        b = self._standard_button
        if b is None:
            return
        has = bool(standard_paragraphs(self.doc.report).get(self.section_key))
        b.setEnabled(has)
        b.setToolTip("根据表格数字生成标准表述，插入到正文末尾" if has
                     else "相关表格尚未填写，或本格式的这一部分没有标准表述")

    def insert_standard(self) -> bool:
        """Append the standard sentences to the narrative: one undo step, never merged with typing."""
        paras = self.standard_paragraphs()
        if not paras:
            return False
        path = f"sections.{self.section_key}"
        old = get_path(self.doc.report, path)
        old_text = self.narrative.toPlainText()
        head = old_text.rstrip()
        new_text = (head + "\n" if head else "") + paragraphs_to_text(paras)
        self.doc.set_field(path, old + paras, "插入标准表述", old_editor_text=old_text,
                           new_editor_text=new_text, merge=False)
        return True

    def default_split(self) -> None:
        """The narrative as tall as its text (between 100 px and 45 %), the table right below it
        with the rest; a tall table takes space from the narrative down to 100 px."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        ed = self.narrative
        lines = ed.document().documentLayout().documentSize().height()  # in lines for QPlainTextEdit
        content = int(lines * ed.fontMetrics().lineSpacing()) + 2 * ed.frameWidth() + 12
        text_h = max(100, min(content, int(total * 0.45)))
        table_need = sum(v.full_height() for v in self.tables.values()) + 8
        if text_h + table_need > total:
            text_h = max(100, total - table_need)
        self.splitter.setSizes([text_h, total - text_h])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.splitter is not None and not self.split_restored:
            self.split_restored = True
            self.default_split()

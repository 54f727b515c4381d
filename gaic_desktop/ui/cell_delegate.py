"""The table cells' delegate: the line-edit editor with its validator (characters that can
never be part of a value are refused on the spot), the live preview on every keystroke, and the
painting of the grid like the printed form. Used by ``table_view.ReportTableView``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QValidator
from PySide6.QtWidgets import (QAbstractItemDelegate, QLineEdit, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem)

from ..core.values import normalize_text
from .table_model import EDITING_FRAME, KIND_ROLE

# characters that may appear while a value is being typed, after the core's normalisation
# (full-width digits and signs become ASCII; blanks normalise to ""). Every numeric cell takes
# the same signs and separators — a count cell too: "1.5" or "-3" must reach the core's parse
# on commit and be refused there with the reason (refusing the "." on the spot would silently
# turn "1.5" into 15). Only characters that can never be part of a number (letters) are
# refused on the spot. 「。」 is what a Chinese input method gives for "."; the core decides.
_NUMBER_CHARS = set("0123456789,./-+。")
_ALLOWED = {
    "count": _NUMBER_CHARS,
    "signed": _NUMBER_CHARS,
    "money": _NUMBER_CHARS | set("万元"),
}


def allowed_char(kind: str, ch: str) -> bool:
    """Whether ``ch`` can be part of a value of ``kind`` (full-width forms included)."""
    n = normalize_text(ch)
    return n == "" or all(c in _ALLOWED.get(kind, _ALLOWED["money"]) for c in n)


def balanced_text(text: str, fm: QFontMetrics, width: int) -> str:
    """Short header labels that need two or more lines are broken into equal parts
    ("社会公益\n组织" rather than "社会公益组\n织"), as a typesetter would."""
    if "\n" in text or len(text) > 12 or fm.horizontalAdvance(text) <= width:
        return text
    for lines in range(2, 5):
        per = -(-len(text) // lines)
        parts = [text[i:i + per] for i in range(0, len(text), per)]
        if all(fm.horizontalAdvance(p) <= width for p in parts):
            return "\n".join(parts)
    return text


class CellValidator(QValidator):
    """Refuses characters that cannot be part of a value of the cell's kind."""

    def __init__(self, kind: str, on_refused, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.on_refused = on_refused

    def validate(self, text: str, pos: int):
        bad = next((ch for ch in text if not allowed_char(self.kind, ch)), None)
        if bad is not None:
            self.on_refused(bad)
            return QValidator.State.Invalid
        return QValidator.State.Intermediate if text.strip() == "" else QValidator.State.Acceptable


class CellDelegate(QStyledItemDelegate):
    """Line-edit editor with a validator; live preview on every keystroke; draws the grid like
    the printed form (thin black lines around every merged cell, wrapped labels)."""

    GRID = QColor("#404040")

    def __init__(self, view: "ReportTableView"):
        super().__init__(view)
        self.view = view

    # -- editing -----------------------------------------------------------------------

    def createEditor(self, parent, option, index):
        ref = self.view.table_model.ref_at(index.row(), index.column())
        if ref is None:
            return None
        doc = self.view.doc
        kind = doc.report.cell_info(ref).kind
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.cell_ref = ref
        editor.setValidator(CellValidator(kind, lambda ch, r=ref, k=kind: self.view.refused(r, k, ch), editor))
        editor.textEdited.connect(lambda text, r=ref, e=editor: self.view.typed(r, text, e))
        return editor

    def setEditorData(self, editor, index):
        # Qt calls this again whenever the cell's data changes while it is edited — which the
        # live preview does on every keystroke. Only the first call may fill the editor.
        if getattr(editor, "filled", False):
            return
        editor.filled = True
        editor.setText(self.view.table_model.data(index, Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        self.view.commit_text(getattr(editor, "cell_ref", None), editor.text())

    def updateEditorGeometry(self, editor, option, index):
        editor.setGeometry(option.rect.adjusted(1, 1, -1, -1))

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            key = event.key()
            mods = event.modifiers()
            move = None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                move = "up" if mods & Qt.KeyboardModifier.ShiftModifier else "down"
            elif key == Qt.Key.Key_Tab:
                move = "next"
            elif key == Qt.Key.Key_Backtab:
                move = "prev"
            elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                move = "up_any" if key == Qt.Key.Key_Up else "down_any"
            elif key == Qt.Key.Key_Escape:
                editor.reverting = True
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                self.view.doc.clear_preview()
                return True
            if move is not None:
                if self.view.editor_error(editor):
                    return True  # invalid text: the editor stays open with it (Esc cancels)
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.view.move(move)
                return True
        if event.type() == QEvent.Type.FocusOut and isinstance(editor, QLineEdit) \
                and not getattr(editor, "reverting", False) and self.view.editor_error(editor):
            return False  # focus left with invalid text: keep the editor and its text
        return super().eventFilter(editor, event)

    def destroyEditor(self, editor, index):
        self.view.doc.clear_preview()
        super().destroyEditor(editor, index)

    # -- painting --------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index):
        data = self.view.table_model.data  # the Python method: no QVariant round trip
        kind = data(index, KIND_ROLE)
        rect = option.rect
        bg = data(index, Qt.ItemDataRole.BackgroundRole)
        painter.save()
        if bg is not None:
            painter.fillRect(rect, bg)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and kind == "value"
        if selected:
            sel = QColor(option.palette.highlight().color())
            sel.setAlpha(70)
            painter.fillRect(rect, sel)
        fg = data(index, Qt.ItemDataRole.ForegroundRole)
        painter.setPen(fg.color() if fg is not None else QColor("#111111"))
        font = data(index, Qt.ItemDataRole.FontRole)
        painter.setFont(font if font is not None else option.font)
        align = data(index, Qt.ItemDataRole.TextAlignmentRole) or int(Qt.AlignmentFlag.AlignCenter)
        text = data(index, Qt.ItemDataRole.DisplayRole) or ""
        pad = self.view.cell_padding()
        if kind == "header":
            text = balanced_text(text, QFontMetrics(painter.font()), rect.width() - 2 * pad)
        elif kind == "label" and rect.width() < 2 * QFontMetrics(painter.font()).horizontalAdvance("中") + 2 * pad:
            text = "\n".join(text)  # a one-character column: vertical text, as printed
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        area = self._label_area(rect, text, flags, pad, painter.font()) if kind == "label" else rect
        painter.drawText(area.adjusted(pad, 2, -pad, -2), flags, text)
        # the grid: a line on the right and bottom edges of every (merged) cell
        painter.setPen(QPen(self.GRID, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if option.state & QStyle.StateFlag.State_HasFocus and kind == "value":
            painter.setPen(QPen(EDITING_FRAME, 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _label_area(self, rect: QRect, text: str, flags: int, pad: int, font) -> QRect:
        """Where a label is drawn: a merged label taller than the visible part of the table (「三、
        本年度办理结果」 spans 22 rows) is drawn in the middle of its visible part — kept inside
        its cell — so that it stays readable while the table scrolls (the view repaints the
        viewport on every scroll step, see ``ReportTableView``)."""
        vp = self.view.viewport().rect()
        if rect.top() >= vp.top() and rect.bottom() <= vp.bottom():
            return rect
        inner_w = max(1, rect.width() - 2 * pad)
        h = QFontMetrics(font).boundingRect(0, 0, inner_w, 1 << 20, flags, text).height() + 4
        visible = rect.intersected(vp)
        if visible.isEmpty() or h >= rect.height():
            return rect
        top = max(rect.top(), min(visible.center().y() - h // 2, rect.bottom() + 1 - h))
        return QRect(rect.left(), top, rect.width(), h)

    def sizeHint(self, option, index):
        return QSize(40, 24)

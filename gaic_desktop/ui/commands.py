"""Undo commands. Every change to the report goes through one of these, and each calls the
core API (``Report.set_cell``, plain attribute assignment, ``set_totals_mode``).

The commands only know the ``ReportDocument`` (``doc``); after changing the report they call
``doc.changed(...)`` so the models and widgets refresh exactly what changed.

A redo or undo that raises (a bug, or a value the rules cannot handle) must not leave half a
change: ``guarded`` puts the report back as it was before the step, refreshes the views, drops
the step from the stack (obsolete) and lets ``guard`` tell the user.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..core.rules import acknowledge
from ..core.values import CellValue
from . import guard

# ids for mergeWith(); commands with the same id may merge
ID_FIELD = 1001


def guarded(cmd: QUndoCommand, step, revert, action: str) -> None:
    """Run ``step()`` (changes the report, refreshes the views); if it raises, ``revert()``
    restores the state before it, the command becomes obsolete (QUndoStack deletes it instead
    of keeping a step that did not happen) and the error is reported."""
    failed = True
    with guard.rolled_back(revert, action=action):
        step()
        failed = False
    if failed:
        cmd.failed = True
        cmd.setObsolete(True)


class SetCellsCommand(QUndoCommand):
    """Set one or more cells (a typed value, Delete of a selection, a paste) as one step."""

    def __init__(self, doc, new: dict[str, CellValue], text: str):
        super().__init__(text)
        self.doc = doc
        self.new = dict(new)
        self.old = {ref: doc.report.stored(ref) for ref in new}

    def _apply(self, values: dict[str, CellValue]) -> None:
        report = self.doc.report
        for ref, v in values.items():
            report.set_cell(ref, v)
        self.doc.changed(cells=set(values))

    def redo(self) -> None:
        guarded(self, lambda: self._apply(self.new), lambda: self._apply(self.old), self.text())

    def undo(self) -> None:
        guarded(self, lambda: self._apply(self.old), lambda: self._apply(self.new), f"撤销{self.text()}")


#: "not there at all" (a section without a narrative key), as opposed to an empty list
_ABSENT = object()


def get_path(obj: Any, path: str) -> Any:
    """``"signoff.date"`` -> report.signoff.date; ``"sections.s1"`` -> report.sections.get("s1")."""
    head, _, rest = path.partition(".")
    if head == "sections":
        return list(obj.sections.get(rest, []))
    value = getattr(obj, head)
    return get_path(value, rest) if rest else value


def get_stored(obj: Any, path: str) -> Any:
    """As ``get_path`` but exact, for undo: a missing section narrative is ``_ABSENT`` (an
    empty list stays ``[]``); values are deep copies."""
    head, _, rest = path.partition(".")
    if head == "sections":
        return copy.deepcopy(obj.sections[rest]) if rest in obj.sections else _ABSENT
    return copy.deepcopy(get_path(obj, path))


def set_path(obj: Any, path: str, value: Any) -> None:
    """Set the value at ``path``. A section narrative set to an empty list is removed;
    ``_ABSENT`` removes it, and any other value (``[]`` from ``get_stored``) is stored as is."""
    head, _, rest = path.partition(".")
    if head == "sections":
        if value is _ABSENT:
            obj.sections.pop(rest, None)
        elif value or isinstance(value, _Exact):
            obj.sections[rest] = list(value)
        else:
            obj.sections.pop(rest, None)
        return
    if rest:
        set_path(getattr(obj, head), rest, value)
    else:
        setattr(obj, head, value)


class _Exact(list):
    """A narrative list put back exactly by undo (an empty one too)."""


def _same(a: Any, b: Any) -> bool:
    """Whether setting ``a`` and setting ``b`` (with ``set_path``) store the same thing."""
    def effect(v):
        if v is _ABSENT or (isinstance(v, list) and not v and not isinstance(v, _Exact)):
            return _ABSENT
        return list(v) if isinstance(v, list) else v

    ea, eb = effect(a), effect(b)
    if ea is _ABSENT or eb is _ABSENT:
        return ea is eb
    return ea == eb and type(ea) is type(eb)


#: A field that follows another while it is empty or equal to it: 落款单位 follows 机关名称.
FOLLOWERS = {"organisation": "signoff.organisation"}


class SetFieldCommand(QUndoCommand):
    """Change a plain attribute of the report (基本信息 fields, narrative paragraphs).

    Consecutive edits of the same field within a few seconds merge into one undo step, like
    typing in a word processor. ``editor_text`` keeps what the editor showed (narratives are
    stored as paragraphs; the editor text keeps blank lines the user typed)."""

    MERGE_SECONDS = 3.0

    def __init__(self, doc, path: str, new: Any, text: str, *, old_editor_text: str | None = None,
                 new_editor_text: str | None = None, merge: bool = True):
        super().__init__(text)
        self.merge = merge
        self.doc = doc
        self.path = path
        old = get_stored(doc.report, path)
        self.old = _Exact(old) if isinstance(old, list) and path.startswith("sections.") else old
        self.new = copy.deepcopy(new)
        self.old_editor_text = old_editor_text
        self.new_editor_text = new_editor_text
        self.stamp = time.monotonic()
        # 落款单位 follows 机关名称 while it is empty or the same; once typed otherwise, it stays
        self.follower: str | None = None
        self.follower_old: Any = None
        follower = FOLLOWERS.get(path)
        if follower is not None:
            current = get_stored(doc.report, follower)
            if not (current or "").strip() or current == old:
                self.follower, self.follower_old = follower, current

    def id(self) -> int:
        return ID_FIELD if self.merge else -1  # -1: QUndoStack never merges

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.path != self.path \
                or getattr(other, "failed", False):
            return False
        if other.stamp - self.stamp > self.MERGE_SECONDS:
            return False
        self.new = other.new
        self.new_editor_text = other.new_editor_text
        self.stamp = other.stamp
        # typed, then deleted again: no step at all (and no unsaved marker)
        self.setObsolete(_same(self.new, self.old)
                         and (self.follower is None or self.follower_old == self.new))
        return True

    def _set(self, value, editor_text, follower_value=None) -> None:
        set_path(self.doc.report, self.path, value if value is _ABSENT else copy.deepcopy(value))
        if self.follower is not None:
            set_path(self.doc.report, self.follower, follower_value)
            self.doc.fieldChanged.emit(self.follower, None)
        self.doc.changed(field=self.path, editor_text=editor_text)

    def redo(self) -> None:
        guarded(self, lambda: self._set(self.new, self.new_editor_text, self.new),
                lambda: self._set(self.old, self.old_editor_text, self.follower_old), self.text())

    def undo(self) -> None:
        guarded(self, lambda: self._set(self.old, self.old_editor_text, self.follower_old),
                lambda: self._set(self.new, self.new_editor_text, self.new), f"撤销{self.text()}")


class TotalsModeCommand(QUndoCommand):
    """合计自动计算 <-> 照印刷录入. Keeps the core's cells snapshot so undo restores typed totals exactly."""

    def __init__(self, doc, mode: str):
        super().__init__("切换为“照印刷录入”" if mode == "printed" else "切换为“合计自动计算”")
        self.doc = doc
        self.mode = mode
        self.old = doc.report.cells_snapshot()
        self.new = None  # the state after the first redo

    def _restore(self, snapshot) -> None:
        self.doc.report.restore_cells(snapshot)
        self.doc.changed(field="totals_mode", all_cells=True)

    def _switch(self) -> None:
        self.doc.report.set_totals_mode(self.mode)
        self.doc.changed(field="totals_mode", all_cells=True)

    def redo(self) -> None:
        guarded(self, self._switch, lambda: self._restore(self.old), self.text())

    def undo(self) -> None:
        new = self.doc.report.cells_snapshot()
        guarded(self, lambda: self._restore(self.old), lambda: self._restore(new), f"撤销{self.text()}")


class AcknowledgeCommand(QUndoCommand):
    """Store the 说明 of a warning (``finding`` and ``explanation``: the core's ``acknowledge``
    makes the stored object on the first redo), or remove it (neither given).

    The acknowledgement values are the core's objects: the command keeps copies of the value
    before and after (or their absence) and puts exactly those back on undo/redo."""

    def __init__(self, doc, key: str, *, finding=None, explanation: str | None = None):
        super().__init__("添加说明" if finding is not None else "删除说明")
        self.doc = doc
        self.key = key
        self.finding = finding
        self.explanation = explanation
        acks = doc.report.acknowledgements
        self.old = copy.deepcopy(acks[key]) if key in acks else _ABSENT
        self.new = _ABSENT if finding is None else None  # None: not made yet

    def _apply(self, value) -> None:
        acks = self.doc.report.acknowledgements
        if value is _ABSENT:
            acks.pop(self.key, None)
        else:
            acks[self.key] = copy.deepcopy(value)
        self.doc.changed(field="acknowledgements")

    def _first_redo(self) -> None:
        acknowledge(self.doc.report, self.finding, self.explanation)  # validated by the document
        self.new = copy.deepcopy(self.doc.report.acknowledgements[self.key])
        self.doc.changed(field="acknowledgements")

    def redo(self) -> None:
        if self.new is None:
            guarded(self, self._first_redo, lambda: self._apply(self.old), self.text())
            return
        guarded(self, lambda: self._apply(self.new), lambda: self._apply(self.old), self.text())

    def undo(self) -> None:
        guarded(self, lambda: self._apply(self.old), lambda: self._apply(self.new), f"撤销{self.text()}")

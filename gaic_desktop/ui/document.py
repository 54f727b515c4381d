"""ReportDocument: the open report, its undo stack, its findings, and the live preview.

There is exactly one copy of the data: ``doc.report`` (the core pydantic Report). The document
caches what the views draw — ``values`` (effective cell values, auto totals calculated) and
``states`` (ref -> "error"/"warning") — and after each change works out which cells differ, so
the table models emit ``dataChanged`` only for those.

At start-up the window is shown before the rules are evaluated (``check_later``; ``checked``
is False until ``check()``): the findings follow right after the first paint.

While a cell is being edited, ``preview(ref, value)`` re-evaluates the rules with the typed value
as an override (core ``evaluate(report, overrides=...)``) without storing it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.limits import TextValueError
from ..core.report import FIELD_LABELS, Report
from ..core.rules import ExplanationError, Finding, cell_states, evaluate, validate_explanation
from ..core.values import NA, CellValue, CellValueError
from .commands import AcknowledgeCommand, SetCellsCommand, SetFieldCommand, TotalsModeCommand


def step_name(values) -> str:
    """What setting these values does, for the undo menu: 清除 / 标记不适用 / 填写数字."""
    values = list(values)
    if values and all(v is None for v in values):
        return "清除"
    if values and all(v == NA for v in values):
        return "标记不适用"
    return "填写数字"


def blank_rule_ids(report: Report) -> set[str]:
    return {r.id for r in report.fmt.rules if getattr(r, "kind", None) == "blanks"}


def blank_states(report: Report, states: dict[str, str], findings, values) -> dict[str, str]:
    """The core's states, with "blank" for a blank cell whose only finding is a 未填写 warning
    (so a fresh report is not a wall of warning amber: blank-but-required looks different)."""
    blanks = blank_rule_ids(report)
    if not blanks:
        return states
    other: set[str] = set()
    for f in findings:
        if f.rule_id not in blanks and not f.acknowledged:
            other.update(f.cells)
    for ref, state in states.items():
        if state == "warning" and ref not in other and values.get(ref) is None:
            states[ref] = "blank"
    return states


class ReportDocument(QObject):
    #: a different Report object was loaded (models reset, widgets reload every field)
    reportReset = Signal()
    #: set of refs whose shown value or error state changed
    cellsChanged = Signal(object)
    #: findings list changed (panel, status bar)
    findingsChanged = Signal()
    #: a plain field changed: (path, editor_text or None); e.g. "title", "sections.s1"
    fieldChanged = Signal(str, object)
    #: the committed content changed (fingerprint, title bar)
    contentChanged = Signal()
    #: Typed or pasted text was refused where it entered (over a limit, a broken character):
    #: (Chinese message). The editor shows the stored value again; nothing changed.
    refused = Signal(str)
    #: An edit was refused because the window shows the file 只读 (``read_only``: why, Chinese).
    readOnlyRefused = Signal()
    read_only: str | None = None

    def __init__(self, report: Report, path: str | None = None, parent: QObject | None = None, *,
                 check_later: bool = False):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report: Report = report
        self.path: str | None = path
        self.findings: list[Finding] = []
        self.values: dict[str, CellValue] = {}
        self.states: dict[str, str] = {}
        self.messages: dict[str, list[Finding]] = {}
        self._preview: dict[str, CellValue] = {}
        #: the rules have been evaluated (False only between a ``check_later`` start and ``check()``)
        self.checked = False
        if check_later:
            self.values = report.effective_values()
        else:
            self._recompute_all()

    def check(self) -> None:
        """Evaluate the rules now if the start left it for later (findings, cell states)."""
        if not self.checked:
            self._update()

    # ------------------------------------------------------------------ loading

    def set_report(self, report: Report, path: str | None = None) -> None:
        """Replace the open report (new/open/restore). Clears the undo history."""
        self.undo_stack.clear()
        self.report = report
        self.path = path
        self._preview = {}
        self._recompute_all()
        self.undo_stack.setClean()
        self.reportReset.emit()
        self.findingsChanged.emit()
        self.contentChanged.emit()

    # ------------------------------------------------------------------ edits (undoable)

    def set_cells(self, values: dict[str, CellValue | str], text: str | None = None) -> None:
        """Validate every value first (raises CellValueError, nothing changed), then set them all
        as one undo step. Text values are parsed by the core (full-width digits, "/", "").
        ``text`` names the step (撤销 …); by default it says what the values do."""
        if self._refused_read_only():
            self.clear_preview()
            return
        # each value for its cell, then the calculated totals they give together
        checked = self.report.check_cells(values)
        if text is None:
            text = step_name(checked.values())
        changed = {ref: v for ref, v in checked.items() if self.report.stored(ref) != v
                   or type(self.report.stored(ref)) is not type(v)}
        if not changed:
            self.clear_preview()
            return
        self._preview = {}
        self.undo_stack.push(SetCellsCommand(self, changed, text))

    def set_field(self, path: str, value, text: str, *, old_editor_text: str | None = None,
                  new_editor_text: str | None = None, merge: bool = True) -> bool:
        """``merge=False``: a step of its own, never merged with typing before or after it.
        Text fields are checked with the same rules as a file (``Report.check_field``); a
        refused value changes nothing, is told through ``refused`` and returns False."""
        if self._refused_read_only():
            self.fieldChanged.emit(path, None)  # the editor shows the stored value again
            return False
        if path in FIELD_LABELS or path.startswith("sections."):
            try:
                value = self.report.check_field(path, value)
            except TextValueError as exc:
                self.fieldChanged.emit(path, None)  # the editor shows the stored value again
                self.refused.emit(str(exc))
                return False
        self.undo_stack.push(SetFieldCommand(self, path, value, text, old_editor_text=old_editor_text,
                                             new_editor_text=new_editor_text, merge=merge))
        return True

    # Asked before typed totals are replaced by calculated ones: (differences) -> proceed?
    # The window installs a dialog; without one (tests, scripts) the switch proceeds.
    confirm_replace_totals = None

    def set_totals_mode(self, mode: str) -> bool:
        """Switch auto/"as printed" as one undo step. Going to auto replaces typed totals that
        differ from the calculated ones: ``confirm_replace_totals`` is asked first; if it says
        no, nothing changes (and the mode widgets are told to show the current mode again)."""
        if mode == self.report.totals_mode:
            return True
        if self._refused_read_only():
            self.fieldChanged.emit("totals_mode", None)  # mode widgets show the mode again
            return False
        if mode == "auto" and self.confirm_replace_totals is not None:
            differing = self.report.typed_totals_differing()
            if differing and not self.confirm_replace_totals(differing):
                self.fieldChanged.emit("totals_mode", None)  # mode widgets show the mode again
                self.contentChanged.emit()
                return False
        try:  # tried on a copy first: a calculated total out of range refuses the switch
            self.report.model_copy(deep=True).set_totals_mode(mode)
        except CellValueError as exc:  # nothing changes, no undo step
            self.fieldChanged.emit("totals_mode", None)
            self.contentChanged.emit()
            self.refused.emit(str(exc))
            return False
        self.undo_stack.push(TotalsModeCommand(self, mode))
        return True

    def acknowledge(self, finding: Finding, explanation: str) -> None:
        """Acknowledge a warning with a 说明; raises ExplanationError (Chinese) for an error or a
        thin explanation, before anything is changed. The core's ``acknowledge`` stores it
        (inside the undo command)."""
        if finding.is_error:
            raise ExplanationError("错误必须改正，不能以说明代替；只有提示性的警告可以附说明。")
        validate_explanation(explanation)
        if self._refused_read_only():
            return
        self.undo_stack.push(AcknowledgeCommand(self, finding.key, finding=finding, explanation=explanation))

    def remove_acknowledgement(self, key: str) -> None:
        if key in self.report.acknowledgements and not self._refused_read_only():
            self.undo_stack.push(AcknowledgeCommand(self, key))

    def _refused_read_only(self) -> bool:
        """True (and ``readOnlyRefused`` told) if the report is shown 只读: nothing may change."""
        if self.read_only is None:
            return False
        self.readOnlyRefused.emit()
        return True

    # ------------------------------------------------------------------ live preview

    def preview(self, ref: str, text: str) -> str | None:
        """Re-evaluate with ``text`` typed into ``ref`` (not stored). Returns the Chinese error
        message if the text is not a valid value for the cell (the preview then shows the stored
        value), else None."""
        error = None
        try:
            value = self.report.check(ref, text)
            overrides = {ref: value}
        except CellValueError as exc:
            error = str(exc)
            overrides = {}
        if overrides != self._preview:
            self._preview = overrides
            self._update()
        return error

    @property
    def previewing(self) -> bool:
        """A value being typed is shown (not stored): cellsChanged is about the preview."""
        return bool(self._preview)

    def clear_preview(self) -> None:
        if self._preview:
            self._preview = {}
            self._update()

    # ------------------------------------------------------------------ refresh

    def changed(self, *, cells: set[str] | None = None, field: str | None = None,
                editor_text: str | None = None, all_cells: bool = False) -> None:
        """Called by the undo commands after they changed the report."""
        self._preview = {}
        if field is not None:
            self.fieldChanged.emit(field, editor_text)
        self._update(force=set(self.values) if all_cells else (cells or set()))
        self.contentChanged.emit()

    def _recompute(self) -> tuple[dict, dict, list]:
        overrides = self._preview or None
        values = self.report.effective_values(overrides)
        findings = evaluate(self.report, overrides, values=values)
        states = blank_states(self.report, cell_states(findings), findings, values)
        return values, states, findings

    def _update(self, force: set[str] = frozenset()) -> None:
        old_values, old_states, old_findings = self.values, self.states, self.findings
        was_checked = self.checked
        self.values, self.states, self.findings = self._recompute()
        self.checked = True
        messages: dict[str, list[Finding]] = {}
        for f in self.findings:
            for ref in f.cells:
                messages.setdefault(ref, []).append(f)
        old_messages, self.messages = self.messages, messages
        dirty = set(force)
        for ref, v in self.values.items():
            ov = old_values.get(ref)
            if ov != v or type(ov) is not type(v):
                dirty.add(ref)
        for ref in old_states.keys() | self.states.keys():
            if old_states.get(ref) != self.states.get(ref):
                dirty.add(ref)
        for ref in old_messages.keys() | messages.keys():
            if ([f.message for f in old_messages.get(ref, ())] != [f.message for f in messages.get(ref, ())]):
                dirty.add(ref)
        if dirty:
            self.cellsChanged.emit(dirty)
        if old_findings != self.findings or not was_checked:
            self.findingsChanged.emit()

    # first computation (constructor / set_report)
    def _recompute_all(self) -> None:
        self.values, self.states, self.findings = self._recompute()
        self.checked = True
        self.messages = {}
        for f in self.findings:
            for ref in f.cells:
                self.messages.setdefault(ref, []).append(f)

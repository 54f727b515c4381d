"""Honest progress of a PDF export (Qt-free).

An export runs in phases of very unequal length: loading the fonts (a quarter of a second the
first time in a process, nothing after), preparing the story (rules, tables), laying out the
pages (the bulk of the work), and writing the PDF objects (compression, font subsets). The
fraction reported is the share of the *expected seconds* done so far:

* each phase's expected seconds are the document's work units (:func:`report_units`: characters
  of text, table cells) times a rate in seconds per unit; the rates are those measured on the
  previous export in this process (:data:`_rates`, updated when an export ends), or measured
  defaults before the first one;
* inside the layout phase, the fraction is the share of the story's work units laid out: every
  flowable of the story carries its units (:func:`flowable_units`), a flowable split across a
  page hands its units on to its parts, and they count as done when the last part is drawn;
* while the file is written, the share of its PDF objects written (ReportLab writes them one by
  one; their number per page is the previous export's, or measured).

So the bar moves with the real work instead of reaching 95 % half-way through the layout.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Iterable

from . import fontload

ProgressFn = Callable[[float, str], None]

PHASES = ("fonts", "prepare", "layout", "save")
MESSAGES = {"fonts": "正在加载字体…", "prepare": "正在准备内容…", "layout": "正在排版…",
            "save": "正在生成PDF文件…"}

#: Work units of one table cell, against one character of running text (a cell is a small
#: paragraph in a ruled grid: measured ~270 µs per cell against ~15 µs per character).
CELL_UNITS = 20.0
#: Work units of any flowable, whatever its content (spacers, page-template switches).
FLOWABLE_UNITS = 5.0

#: Seconds per work unit of each phase, measured on the samples (hanyang-2020 ~12 900 units,
#: sample-2021 ~7 000, huaian-2024 ~5 700) on the development machine. ``cold``: the first
#: export of a process (layout caches empty, paragraphs parsed for the first time); ``warm``:
#: the exports after it, whose rates are replaced by the previous export's own figures.
_COLD_RATES = {"prepare": 12e-6, "layout": 17e-6, "save": 9e-6}
_WARM_RATES = {"prepare": 3e-6, "layout": 12e-6, "save": 6e-6}
_FONTS_COLD_SECONDS = 0.25
_FONTS_WARM_SECONDS = 0.002
#: PDF objects written per page (page, contents, font subsets …: 71 for the 16 pages of the
#: 2020 sample), for the progress while the file's objects are written.
_OBJECTS_PER_PAGE = 4.4

_lock = threading.Lock()
_rates: dict[str, float] = dict(_WARM_RATES)
_exports_done = 0
_objects_per_page = _OBJECTS_PER_PAGE


def reset_estimates() -> None:
    """Forget what earlier exports measured (tests; a process that starts afresh)."""
    global _exports_done, _objects_per_page
    with _lock:
        _rates.clear()
        _rates.update(_WARM_RATES)
        _exports_done = 0
        _objects_per_page = _OBJECTS_PER_PAGE


def report_units(report) -> float:
    """The work units of ``report``, from its size alone (before any layout): the characters
    of its text and the cells of its tables."""
    chars = len(report.display_title()) + sum(len(p) for p in report.preface)
    cells = 0
    for sec in report.fmt.sections:
        chars += len(sec.heading) + sum(len(p) for p in report.section_text(sec.key))
        for tkey in sec.tables:
            cells += len(report.fmt.placed(tkey, report.variant))
    return chars + CELL_UNITS * cells + FLOWABLE_UNITS * 10


def flowable_units(f) -> float:
    """The work units of one flowable of the story (its text and cells, nested ones included)."""
    from reportlab.platypus import Paragraph, Table

    if isinstance(f, Paragraph):
        return FLOWABLE_UNITS + len(f.getPlainText())
    if isinstance(f, Table):
        return FLOWABLE_UNITS + CELL_UNITS * sum(len(row) for row in f._cellvalues)
    placed = getattr(f, "placed", None)  # flowables._FormTable
    if placed is not None:
        return FLOWABLE_UNITS + CELL_UNITS * len(placed) + sum(map(flowable_units, getattr(f, "lead", ())))
    parts = getattr(f, "_parts", None)  # flowables._KeepTail
    children = parts() if callable(parts) else getattr(f, "_content", None)  # KeepTogether
    if children:
        return FLOWABLE_UNITS + sum(flowable_units(c) for c in children)
    return FLOWABLE_UNITS


class ExportProgress:
    """Reports the fraction of an export done to ``callback(fraction, message)``: never
    backwards, and only when it moved by at least ``step`` (the window gets a few dozen
    updates, not thousands)."""

    def __init__(self, callback: ProgressFn | None, units: float, *, step: float = 0.005,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.callback = callback
        self.clock = clock
        self.step = step
        self.units = max(1.0, float(units))
        with _lock:
            self.cold = _exports_done == 0
            rates = dict(_COLD_RATES if self.cold else _rates)
        expected = {p: rates[p] * self.units for p in ("prepare", "layout", "save")}
        expected["fonts"] = _FONTS_WARM_SECONDS if fontload.any_loaded() else _FONTS_COLD_SECONDS
        total = sum(expected.values())
        #: where each phase starts and how much of the bar it takes (the writing of the file
        #: and the glyph check share the last 2 %)
        self._span: dict[str, tuple[float, float]] = {}
        start = 0.0
        for p in PHASES:
            width = 0.98 * expected[p] / total
            self._span[p] = (start, width)
            start += width
        self._phase: str | None = None
        self._started: dict[str, float] = {}
        self._seconds: dict[str, float] = {}
        self._reported = -1.0
        self.values: list[float] = []  # every fraction reported, for tests and the bench
        # layout bookkeeping: id -> (flowable, units) of the story's flowables not yet drawn
        self._pending: dict[int, tuple[object, float]] = {}
        self._layout_total = 0.0
        self._story: object = None
        self._pages, self._objects, self._objects_expected = 1, 0, 1.0

    # -- reporting ---------------------------------------------------------------

    def report(self, fraction: float, message: str, *, force: bool = False) -> None:
        fraction = min(1.0, max(fraction, self._reported, 0.0))
        if not force and fraction - self._reported < self.step:
            return
        self._reported = fraction
        self.values.append(fraction)
        if self.callback is not None:
            self.callback(fraction, message)

    def phase(self, name: str) -> None:
        """Start phase ``name`` (and end the one before)."""
        now = self.clock()
        if self._phase is not None:
            self._seconds[self._phase] = now - self._started[self._phase]
        self._phase = name
        self._started[name] = now
        self.report(self._span[name][0], MESSAGES[name], force=True)

    def within(self, done: float) -> None:
        """``done`` (0–1) of the current phase is done."""
        start, width = self._span[self._phase]
        self.report(start + width * min(1.0, max(0.0, done)), MESSAGES[self._phase])

    # -- layout --------------------------------------------------------------------

    def start_layout(self, story: Iterable) -> None:
        self._story = story
        self._pending = {id(f): (f, flowable_units(f)) for f in story}
        self._layout_total = sum(u for _, u in self._pending.values()) or 1.0
        self.phase("layout")

    def after_step(self, flowables: list) -> None:
        """Called after each step of the layout with the story's remaining flowables: the
        units of a flowable that left the list are done, unless new flowables (its split
        parts, or a group it was put in) took its place — they inherit them. Other lists
        (ReportLab's page-start actions go through the same method) are not the story."""
        if flowables is not self._story:
            return
        present = {id(f) for f in flowables}
        gone = [k for k in self._pending if k not in present]
        if not gone:
            return
        released = sum(self._pending.pop(k)[1] for k in gone)
        fresh = [f for f in flowables if id(f) not in self._pending]
        for f in fresh:
            self._pending[id(f)] = (f, released / len(fresh))
        left = sum(u for _, u in self._pending.values())
        self.within(1.0 - left / self._layout_total)

    # -- save ------------------------------------------------------------------------

    def start_save(self, pages: int) -> None:
        with _lock:
            per_page = _objects_per_page
        self._pages = max(1, pages)
        self._objects_expected = per_page * self._pages
        self._objects = 0
        self.phase("save")

    def object_written(self) -> None:
        self._objects += 1
        self.within(min(0.95, self._objects / self._objects_expected))

    # -- end -------------------------------------------------------------------------

    def finish(self) -> None:
        """The PDF is made (the caller reports the file written): keep the rates measured
        here for the next export's estimate."""
        global _exports_done, _objects_per_page
        now = self.clock()
        if self._phase is not None:
            self._seconds[self._phase] = now - self._started[self._phase]
        self._phase = None
        with _lock:
            if not self.cold:  # the first export's figures say nothing of the next one's
                for p in ("prepare", "layout", "save"):
                    if p in self._seconds:
                        _rates[p] = self._seconds[p] / self.units
            if self._objects:
                _objects_per_page = self._objects / self._pages
            _exports_done += 1
        self.report(0.98, "正在写入文件…", force=True)

"""Import a published annual report (text, web page, PDF, Word) into an "as printed" Report.

Qt-free. ``import_file(path)`` returns an ``ImportResult`` (the report and the list of every cell
that could not be filled or had to be interpreted); a source that is not a report, is damaged or
exceeds a limit (``limits.py``) raises ``ImportFailed`` with a Chinese message and produces no
report. ``import_file`` is the one place where every other exception of the readers and the
libraries under them is translated into ``ImportFailed`` (the detail goes to the log), so the
window and the command line only ever see a Chinese message. ``ImportCancelled`` is raised when
the ``cancel`` event is set (the window's 取消 button).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from ..core.storage import os_error_text
from .blocks import ImportFailed, without_surrogates
from .build import BLANK, INFO, INTERPRETED, MISSING, UNREADABLE, ImportIssue, ImportResult, build_report, first_pass
from .html_reader import read_html
from .limits import DEFAULT_LIMITS, NO_LIMITS, ImportCancelled, Job, LimitExceeded, Limits
from .sources import read_source, read_text

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())
logging.getLogger("pdfminer").addHandler(logging.NullHandler())  # its warnings are not the user's business


def import_file(path: str | Path, *, year: int | None = None, limits: Limits = DEFAULT_LIMITS,
                cancel: threading.Event | None = None,
                progress: Callable[[float, str], None] | None = None) -> ImportResult:
    """Import a published report file. ``progress(fraction, text)`` is called from the importing
    thread between pages and stages."""
    job = Job(limits=limits, cancel_event=cancel, progress=progress)

    def run() -> ImportResult:
        blocks, kind = read_source(path, job)
        return _build(blocks, kind, year, job)

    return _translated(run, job, Path(path).name)


def import_text(text: str, *, year: int | None = None, html: bool = False,
                limits: Limits = DEFAULT_LIMITS) -> ImportResult:
    """Import text pasted from a PDF or a web page (or HTML source with ``html=True``)."""
    job = Job(limits=limits)

    def run() -> ImportResult:
        cap = limits.html_bytes if html else limits.text_bytes
        if len(text) > cap:
            raise job.refuse(f"粘贴的{'网页' if html else '文字'}超过 {cap:,} 个字符的上限，不像是一份年度报告")
        blocks = read_html(text, job) if html else read_text(text, job)
        return _build(blocks, "网页" if html else "文本", year, job)

    return _translated(run, job, "粘贴的内容")


def _build(blocks, kind: str, year: int | None, job: Job) -> ImportResult:
    job.step(0.9, "正在对应表格和栏目")
    result = build_report(first_pass(without_surrogates(blocks)), year=year, source_kind=kind, check=job.check)
    job.step(1.0, "完成")
    return result


def _translated(run: Callable[[], ImportResult], job: Job, name: str) -> ImportResult:
    """Run an import; every failure leaves as ``ImportFailed`` (Chinese) or ``ImportCancelled``."""
    try:
        return run()
    except (ImportFailed, ImportCancelled):
        raise
    except RecursionError:
        raise ImportFailed(f"“{name}”的结构嵌套过深，无法读取（可能是损坏或恶意构造的文件）。") from None
    except MemoryError:
        raise ImportFailed(f"读取“{name}”时内存不足：文件过大或结构异常，无法导入。") from None
    except OSError as exc:
        raise ImportFailed(f"无法读取文件“{name}”：{os_error_text(exc)}。") from None
    except Exception as exc:  # a reader or library failing on a damaged file: never a traceback
        if job.cancelled():  # 取消 raised inside a library that wrapped the exception
            raise ImportCancelled() from None
        if job.over is not None:  # a limit hit inside a library that wrapped the exception
            raise job.over from None
        log.debug("import of %s failed", name, exc_info=exc)
        raise ImportFailed(f"“{name}”的内容无法识别（文件可能已损坏，或不是受支持的年报格式）。") from None


__all__ = ["import_file", "import_text", "ImportFailed", "ImportCancelled", "LimitExceeded", "Limits",
           "DEFAULT_LIMITS", "NO_LIMITS", "ImportIssue", "ImportResult",
           "MISSING", "UNREADABLE", "INTERPRETED", "BLANK", "INFO"]

"""PDF with a text layer: pdfplumber (on pdfminer.six) gives the cells of ruled tables with their
merges and the text lines with positions, from which paragraphs are rebuilt by their first-line
indent."""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import pdf_limits
from .blocks import Block, ImportFailed, Para, Row
from .limits import ImportCancelled, Job, mb

log = logging.getLogger(__name__)

_PAGE_NO_RE = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_HEAD_START_RE = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第二十条)")
_TABLE_WORDS_RE = re.compile(r"第二十条|信息内容|本年.{0,6}(数|数量|金额)|处理决定|申请人情况|行政复议|行政诉讼|"
                             r"上一年项目|采购|自然人|法人或其他组织")
_SENT_END = "。！？；…"


def read_pdf(path: Path, job: Job | None = None) -> list[Block]:
    job = job or Job()
    try:
        import pdfplumber  # noqa: F401
    except ImportError:  # pragma: no cover - dependency missing in a broken install
        raise ImportFailed("缺少读取 PDF 的组件（pdfplumber），请重新安装本程序。") from None
    pdf_limits.install()
    token = pdf_limits.CURRENT_JOB.set(job)
    try:
        items = _read_items(path, job)
        job.check()  # a limit hit inside pdfminer that it swallowed
    except (ImportFailed, ImportCancelled, RecursionError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises all kinds of exceptions for damaged files
        if job.cancelled():  # 取消 inside a page's layout, wrapped by pdfplumber
            raise ImportCancelled() from None
        if job.over is not None:
            raise job.over from None
        raise _pdf_failure(path.name, exc) from None
    finally:
        pdf_limits.CURRENT_JOB.reset(token)
    return _paragraphs(items)


def _pdf_failure(name: str, exc: BaseException) -> ImportFailed:
    from pdfminer.pdfdocument import PDFEncryptionError

    seen: set[int] = set()
    stack = [exc]
    while stack:  # pdfplumber wraps pdfminer's exception in PdfminerException(exc)
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, PDFEncryptionError):
            return ImportFailed(f"“{name}”已加密（需要密码才能打开，或加密方式不受支持），无法读取。"
                                "请使用未加密的 PDF，或复制全文粘贴到文本文件中导入。")
        stack += [*e.args, e.__cause__, e.__context__]
    log.debug("PDF not readable: %s", name, exc_info=exc)
    return ImportFailed(f"“{name}”不是有效的 PDF 文件，或文件已损坏，无法读取。")


def _page_count(pdf, job: Job) -> int:
    """Pages of the document, counted up to one past the limit (the page tree is not trusted)."""
    from pdfminer.pdfpage import PDFPage

    limit = job.limits.pdf_pages
    n = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limit + 1))
    if n > limit:
        raise job.refuse(f"PDF 超过 {limit:,} 页的上限，不像是一份年度报告（年度报告通常不到 30 页）")
    return n


def _count_content(page, job: Job) -> None:
    """Add the page's content streams to what the import lays out, refusing past the limit."""
    from pdfminer.pdftypes import resolve1, stream_value

    for s in page.page_obj.contents or []:
        job.pdf_content_bytes += len(stream_value(resolve1(s)).get_data())
    if job.pdf_content_bytes > job.limits.pdf_content_bytes:
        raise job.refuse(f"PDF 各页的内容解压后超过 {mb(job.limits.pdf_content_bytes)} 的上限，不像是一份年度报告")


def _read_items(path: Path, job: Job) -> list[tuple[int, float, object]]:
    import pdfplumber

    items: list[tuple[int, float, object]] = []  # (page, top, item)
    with pdfplumber.open(str(path)) as pdf:
        n = _page_count(pdf, job)
        if not n:
            raise ImportFailed(f"“{path.name}”没有页面。")
        any_chars = False
        for pno, page in enumerate(pdf.pages):
            job.step(pno / n, f"正在读取第 {pno + 1} 页，共 {n} 页")
            _count_content(page, job)
            if page.chars:
                any_chars = True
            _page_items(page, pno, items, job)
            page.close()  # drop the page's layout objects; only the text and positions are kept
        if not any_chars:
            raise ImportFailed(f"“{path.name}”没有文字层（可能是扫描件或图片），无法读取其中的文字和表格。"
                               "请使用有文字层的 PDF，或将内容录入/粘贴为文本后导入。")
    return items


def _page_items(page, pno: int, items: list[tuple[int, float, object]], job: Job) -> None:
    """The page's table rows and text lines, with their page and vertical position."""
    boxes = []
    try:
        tables = page.find_tables()
    except Exception:  # pragma: no cover - defensive: odd vector graphics
        tables = []
    for t in tables:
        for row, texts in zip(t.rows, t.extract()):
            cells = [None if c is None else re.sub(r"\s*\n\s*", "", c).strip() for c in texts]
            nonempty = [c for c in cells if c]
            if len(nonempty) >= 2 or (len(nonempty) == 1 and len(nonempty[0]) <= 30
                                      and _TABLE_WORDS_RE.search(nonempty[0])
                                      and not re.search(r"[，、。；,;]", nonempty[0])) or \
                    _label_of_blanks(cells):
                boxes.append(row.bbox)
                job.count_block(cells=len(cells))
                items.append((pno, row.bbox[1], Row([c for c in cells if c is not None])))
    if boxes:
        def outside(obj, boxes=boxes):
            if obj.get("object_type") != "char":
                return True
            cx = (obj["x0"] + obj["x1"]) / 2
            cy = (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
        text_page = page.filter(outside)
    else:
        text_page = page
    for line in text_page.extract_text_lines(strip=True, return_chars=True):
        text = line["text"].strip()
        if not text or _PAGE_NO_RE.match(text):
            continue
        size = max((c.get("size", 12) for c in line["chars"]), default=12)
        job.count_block()
        items.append((pno, line["top"], _Line(text, line["x0"], line["x1"], size)))


def _label_of_blanks(cells: list[str | None]) -> bool:
    """A table row printed as a label followed by empty cells only (zero printed as blank): a
    row of the table, not text (its label must not become a piece of the next row's label)."""
    present = [c for c in cells if c is not None]
    nonempty = [c for c in present if c]
    return len(nonempty) == 1 and present[0] == nonempty[0] and len(present) >= 3 and \
        len(nonempty[0]) <= 60 and not re.search(r"[。；;]", nonempty[0])


def _paragraphs(items: list[tuple[int, float, object]]) -> list[Block]:
    """Rows as they are; text lines joined into paragraphs by their first-line indent."""
    items.sort(key=lambda it: (it[0], it[1]))
    lines = [it[2] for it in items if isinstance(it[2], _Line)]
    margin = Counter(round(ln.x0) for ln in lines if len(ln.text) > 12).most_common(1)
    left = margin[0][0] if margin else min((ln.x0 for ln in lines), default=0)
    right = Counter(round(ln.x1) for ln in lines if len(ln.text) > 12).most_common(1)
    right_edge = right[0][0] if right else None
    out: list[Block] = []
    cur: list[str] = []
    prev: _Line | None = None

    def flush():
        if cur:
            out.append(Para("".join(cur)))
            cur.clear()

    for _, _, it in items:
        if isinstance(it, Row):
            flush()
            prev = None
            out.append(it)
            continue
        ln: _Line = it
        indented = ln.x0 > left + 0.8 * ln.size
        new = (indented or prev is None or _HEAD_START_RE.match(ln.text)
               or (prev is not None and right_edge is not None and prev.x1 < right_edge - 1.5 * prev.size
                   and prev.text[-1] in _SENT_END + "）)")
               or (prev is not None and abs(prev.size - ln.size) > 1.5))
        if new:
            flush()
        cur.append(ln.text)
        prev = ln
    flush()
    return out


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float
    extra: dict = field(default_factory=dict)

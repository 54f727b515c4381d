"""From blocks to a Report: sections, title, the three tables mapped by their labels.

Two passes. The first walks the blocks and sorts them into title lines, narrative paragraphs
per section and raw table rows (label text + printed value texts, with the column labels of the
block header in table 二). The second decides year, format and variant, maps every raw row to
its data row by its label (tolerantly; see ``normalize.py``), every value to its column, parses
the printed text and fills an "as printed" report. Everything that is not a plain reading is
recorded as an ``ImportIssue`` with the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formats import FormatDef, FormatError, format_for_year, format_ids, get_format
from ..core.report import Report
from ..core.text import clean_spaces, join_broken_paragraphs
from ..core.values import CellValueError, fmt_value
from .normalize import (CellTextError, LabelParts, clean_cell, group_of, label_parts, looks_like_value, norm,
                        parse_cell, similarity, strip_parens)
from .sources import Block, ImportFailed, Para, Row

# --------------------------------------------------------------------------- issues

MISSING = "missing"  # a cell of the form not found in the source
UNREADABLE = "unreadable"  # source text that could not be read as a value / row
INTERPRETED = "interpreted"  # read, but not literally (a sum, a unit, a misprinted label, ...)
BLANK = "blank"  # printed blank (kept blank)
INFO = "info"  # detected metadata (format, organisation, ...)

KIND_NAMES = {MISSING: "未找到", UNREADABLE: "无法读取", INTERPRETED: "已解释", BLANK: "原文空白", INFO: "识别结果"}


@dataclass(frozen=True)
class ImportIssue:
    kind: str
    message: str  # Chinese
    source: str = ""  # the source text concerned
    cells: tuple[str, ...] = ()

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


@dataclass
class ImportResult:
    report: Report
    issues: list[ImportIssue]
    source_kind: str = ""

    def by_kind(self, kind: str) -> list[ImportIssue]:
        return [i for i in self.issues if i.kind == kind]

    def summary(self) -> str:
        filled = sum(1 for ref in self.report.cells() if self.report.stored(ref) is not None)
        total = len(self.report.cells())
        parts = [f"已填 {filled}/{total} 个单元格"]
        for k in (MISSING, UNREADABLE, INTERPRETED, BLANK):
            n = len(self.by_kind(k))
            if n:
                parts.append(f"{KIND_NAMES[k]} {n} 处")
        return "，".join(parts)


# --------------------------------------------------------------------------- pass 1

@dataclass
class RawRow:
    table: str
    label: str  # normalised label (t4: "")
    fields: list[str]  # printed value texts ("" = blank)
    source: str
    header: list[str] = field(default_factory=list)  # t2: column label keys of the block header
    header_labels: list[str] = field(default_factory=list)  # t2: the same column labels as printed


@dataclass
class RawDoc:
    title_lines: list[str] = field(default_factory=list)
    preface: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    rows: list[RawRow] = field(default_factory=list)
    headings: int = 0
    t2_labels: list[str] = field(default_factory=list)  # header texts seen in table 二
    hubei_glosses: bool = False
    t3_header: list[str] = field(default_factory=list)  # header lines of table 三 (normalised)
    dropped: list[str] = field(default_factory=list)  # page furniture not imported (source texts)
    from_rows: set[tuple[str, int]] = field(default_factory=set)  # (section, index): paragraphs made of table cells
    t4_header: list[str] = field(default_factory=list)  # header lines of table 四 (normalised)


_SECTION_NUM = {"一": "s1", "二": "s2", "三": "s3", "四": "s4", "五": "s5", "六": "s6"}
def _all_headings() -> dict[str, list[str]]:
    """Every section heading and accepted alias of every format (from the format definitions)."""
    out: dict[str, list[str]] = {}
    for fid in format_ids():
        for sec in get_format(fid).sections:
            for h in [sec.heading, *sec.aliases]:
                if h not in out.setdefault(sec.key, []):
                    out[sec.key].append(h)
    return out


_HEADINGS = _all_headings()
_HEADINGS_N = {k: [norm(h) for h in v] for k, v in _HEADINGS.items()}
_SEC_TABLE = {"s2": "t2", "s3": "t3", "s4": "t4"}

_T2_CAPTION_RE = re.compile(r"^第二十条第?\(([一二三四五六七八九十]+)\)项?$")
_T3_MARK_RE = re.compile(r"勾稽关系|申请人情况|^自然人|法人或其他组织|商业企业")
_T4_MARK_RE = re.compile(r"行政复议.*行政诉讼|^行政复议$|^结果维持|未经复议直接起诉|复议后起诉")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")

# Column labels of table 二 in both formats (normalised, glosses removed) -> column key.
_T2_COLS = [
    ("本年新制作数量", "made"), ("本年制发件数", "made"), ("本年新公开数量", "published"),
    ("对外公开总数量", "total_public"), ("上一年项目数量", "prev_items"), ("本年增/减", "delta"),
    ("本年增减", "delta"), ("本年处理决定数量", "decisions"), ("处理决定数量", "decisions"),
    ("采购项目数量", "count"), ("采购总金额", "amount"), ("本年废止件数", "repealed"),
    ("现行有效件数", "effective"), ("本年收费金额", "amount"),
]
_T2_SIG_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_T2_SIG_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")


def _heading_key(n: str, current: str | None) -> str | None:
    """The section a normalised line heads, if it is a section heading after ``current``."""
    if len(n) > 48 or not n or n[0] not in _SECTION_NUM or n[1:2] != "、":
        return None
    key = _SECTION_NUM[n[0]]
    if current is not None and key <= current:
        return None
    best = max(similarity(strip_parens(n), h) for h in _HEADINGS_N[key])
    return key if best >= 0.6 else None


def _t2_header_cols(n: str) -> list[str]:
    """Column keys named in a table-二 header line, in order (longest label wins)."""
    return [k for k, _ in _t2_header(n)]


def _t2_header(n: str) -> list[tuple[str, str]]:
    """(column key, printed label) named in a table-二 header line, in order."""
    s = strip_parens(n)
    found: list[tuple[int, int, str]] = []
    for label, key in sorted(_T2_COLS, key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(label), s):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), key, label))
    return [(k, lab) for _, _, k, lab in sorted(found)]


def _split_fields(cells: list[str]) -> tuple[str, list[str]]:
    """(label text, value fields) of a row: values are the cells after the last label cell."""
    last = -1
    for i, c in enumerate(cells):
        if c.strip() and not looks_like_value(c):
            last = i
    label = "".join(c for c in cells[: last + 1] if c.strip())
    return label, [c.strip() for c in cells[last + 1:]]


def _tokens_row(text: str) -> tuple[str, list[str]] | None:
    """A flattened table row "label v1 v2 …" (one cell per token)."""
    toks = text.split()
    vals: list[str] = []
    while toks and looks_like_value(toks[-1]):
        vals.insert(0, toks.pop())
    if not vals:
        return None
    return " ".join(toks), vals


_FORM_WORDS_RE = re.compile(
    "信息内容|第二十条|本年制发件数|本年新制作数量|处理决定数量|收费金额|采购|规章|规范性文件|行政许可|行政处罚|行政强制|"
    "行政事业性收费|申请人情况|自然人|商业企业|本年新收|上年结转|办理结果|予以公开|结果维持|结果纠正|尚未审结|"
    "未经复议直接起诉|复议后起诉|年度报告")


def _table_runs(blocks: list[Block]) -> dict[int, int]:
    """Start index -> end index (exclusive) of each run of consecutive table rows."""
    runs, i = {}, 0
    while i < len(blocks):
        if isinstance(blocks[i], Row):
            j = i
            while j < len(blocks) and isinstance(blocks[j], Row):
                j += 1
            runs[i] = j
            i = j
        else:
            i += 1
    return runs


def _form_like(rows: list[Block]) -> bool:
    """Whether a table has anything of the report: a form label, a section heading or the title."""
    for r in rows:
        n = norm(" ".join(c for c in r.cells if c.strip()))
        if _FORM_WORDS_RE.search(n):
            return True
        if any(_heading_key(norm(c), None) for c in r.cells if c.strip()):
            return True
    return False


def _split_title(pre: list[str], doc: RawDoc) -> None:
    """Title lines and preface from the paragraphs before the first heading.

    Lines before the title (a saved page's navigation, 「发布日期」, 「当前位置」) are dropped when
    a title line follows; without one the lines are read as before (title hints, then preface).
    """
    start = 0
    j = next((k for k, t in enumerate(pre) if _is_title_line(t, RawDoc()) and "报告" in norm(t)
              and _TITLE_HINT_RE.search(norm(t))), None)
    if j is not None:
        start = j
        if j >= 1 and _is_title_line(pre[j - 1], RawDoc()) and not _TITLE_HINT_RE.search(norm(pre[j - 1])):
            start = j - 1  # the organisation printed on the line above
    doc.dropped += pre[:start]
    seen_body = False
    for t in pre[start:]:
        if not seen_body and _is_title_line(t, doc):
            doc.title_lines.append(t)
        else:
            seen_body = True
            doc.preface.append(t)


def first_pass(blocks: list[Block]) -> RawDoc:
    doc = RawDoc()
    pre: list[str] = []  # paragraphs before the first heading
    section: str | None = None
    ctx: str | None = None  # the table being read
    t2_header: list[tuple[str, str]] = []
    pending = ""  # t3 label text waiting for its values (label split over lines)
    pending_src = ""
    runs = _table_runs(blocks)
    skip_to = -1

    def add_para(text: str, from_row: bool = False):
        if section is None:
            pre.append(text)
        else:
            lst = doc.sections.setdefault(section, [])
            if from_row:
                doc.from_rows.add((section, len(lst)))
            lst.append(text)

    for bi, b in enumerate(blocks):
        if bi < skip_to:
            continue
        if bi in runs and ctx is None and (section is None or section in ("s2", "s3", "s4", "s6")) and \
                not _form_like(blocks[bi:runs[bi]]):
            # a table that is not the report's (navigation, links, footer, an unrelated list)
            doc.dropped += [r.source for r in blocks[bi:runs[bi]]]
            skip_to = runs[bi]
            continue
        if isinstance(b, Row):
            nonempty = [c for c in b.cells if c.strip()]
            if not nonempty:
                continue
            label, fields = _split_fields(b.cells)
            values = [f for f in fields if f]
            if not values and fields and ctx == "t2" and label and _is_t2_row_name(norm(label)):
                values = fields  # a table-二 row printed with blank cells only
            if not values:
                text = " ".join(nonempty)
                item_text, as_row = text, None
            else:
                item_text, as_row = label, (label, fields)
        else:
            text = b.text.strip()
            if not text:
                continue
            item_text, as_row = text, None
            if ctx is not None and not _heading_key(norm(text), section):
                as_row = _tokens_row(text)
                if as_row and len(as_row[0]) > 60:
                    as_row = None
        n = norm(item_text)
        sentence = item_text.strip()[-1:] in "。！？；"
        # --- section headings
        if as_row is None:
            key = _heading_key(n, section)
            if key is not None and not (ctx == "t3" and n.startswith("四、结转")):
                if section is None:
                    _split_title(pre, doc)
                    pre = []
                section, ctx, pending = key, None, ""
                doc.headings += 1
                continue
        # --- table furniture and rows
        if as_row is None:
            if _T2_CAPTION_RE.match(n):
                ctx, t2_header = "t2", []
                continue
            if ctx == "t2" or (section == "s2" and ("信息内容" in n or _t2_header_cols(n))):
                hdr = _t2_header(n)
                cols = [k for k, _ in hdr]
                if cols and (n.startswith("信息内容") or len(n) < 90 and not sentence):
                    ctx = "t2"
                    t2_header = hdr
                    doc.t2_labels.append(n)
                    if "(指" in n:
                        doc.hubei_glosses = True
                    continue
                if n in ("信息内容",):
                    continue
            if _T3_MARK_RE.search(n) and len(n) < 120 and not sentence:
                ctx = "t3"
                pending = ""
                doc.t3_header.append(n)
                continue
            if _T4_MARK_RE.search(n) and len(n) < 160 and not sentence and ctx != "t3":
                ctx = "t4"
                doc.t4_header.append(n)
                continue
            if ctx == "t4" and re.fullmatch(r"(结果维持|结果纠正|其他结果|其他|尚未审结|总计|未经复议直接起诉|复议后起诉|行政复议|行政诉讼)+", n):
                doc.t4_header.append(n)
                continue
            if ctx == "t3" and len(n) <= 60 and not sentence and not n.startswith("注"):
                pending += n
                pending_src = (pending_src + " " + item_text).strip()
                continue
            ctx = None if ctx else ctx
            add_para(text if isinstance(b, Para) else " ".join(c for c in b.cells if c.strip()),
                     from_row=isinstance(b, Row))
            continue
        label, fields = as_row
        table = ctx
        if table is None:
            table = _SEC_TABLE.get(section or "")
            if table is None:
                add_para(b.text if isinstance(b, Para) else b.source, from_row=isinstance(b, Row))
                continue
            ctx = table
        src = b.source if isinstance(b, Row) else b.text
        if table == "t3":
            lab = pending + norm(label)
            if pending:
                src = f"{pending_src} {src}"
            pending, pending_src = "", ""
            doc.rows.append(RawRow("t3", lab, fields, src))
        elif table == "t2":
            doc.rows.append(RawRow("t2", norm(label), fields, src, header=[k for k, _ in t2_header],
                                   header_labels=[lab for _, lab in t2_header]))
        else:
            doc.rows.append(RawRow("t4", norm(label), fields, src))
    if section is None:
        _split_title(pre, doc)
    return doc


# The row labels of table 二 in every format (from the format definitions).
_T2_ROW_NAMES = tuple(dict.fromkeys(r.label for fid in format_ids()
                                    for r in get_format(fid).table("t2").data_rows))


def _is_t2_row_name(n: str) -> bool:
    lab = strip_parens(n)
    return any(similarity(lab, x) >= 0.8 for x in _T2_ROW_NAMES)


_TITLE_HINT_RE = re.compile(r"年度报告|年报|政府信息公开")
_ORG_END_RE = re.compile(r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|中心|院|署|所|会|部|处|街道办事处|管委会|公司)$")


def _is_title_line(text: str, doc: RawDoc) -> bool:
    t = norm(clean_spaces(text))
    if len(doc.title_lines) >= 3 or len(t) > 45 or t[-1:] in "。；，":
        return False
    if any(_TITLE_HINT_RE.search(norm(x)) and "报告" in norm(x) for x in doc.title_lines):
        return False  # the title is complete; what follows is the body
    return bool(_TITLE_HINT_RE.search(t) or _ORG_END_RE.search(t))


# --------------------------------------------------------------------------- pass 2

@dataclass
class _Cand:
    key: str
    parts: LabelParts


def _t3_candidates(fmt: FormatDef) -> list[_Cand]:
    return [_Cand(r.key, label_parts(norm(r.label))) for r in fmt.table("t3").data_rows]


def _match_t3(label: str, cands: list[_Cand], last_group: str | None) -> tuple[str | None, float, LabelParts]:
    p = label_parts(label)
    best, best_score, best_sim = None, -1.0, 0.0
    group = p.group or group_of(label) or last_group
    for c in cands:
        sim = similarity(p.leaf, c.parts.leaf)
        score = sim
        if p.num is not None and c.parts.num is not None:
            score += 0.15 if p.num == c.parts.num else -0.15
        elif (p.num is None) != (c.parts.num is None):
            score -= 0.25
        if c.parts.num is not None and group is not None:
            score += 0.1 if group == c.parts.group else -0.05
        elif c.parts.num is None and p.group is not None and c.parts.group is not None:
            score += 0.1 if p.group == c.parts.group else -0.1
        if p.main is not None and c.parts.main is not None and c.parts.group is None and c.parts.num is None:
            score += 0.1 if p.main == c.parts.main else -0.1
        if score > best_score:
            best, best_score, best_sim = c.key, score, sim
    if best is None or best_sim < 0.55:
        return None, best_sim, p
    return best, best_sim, p


def _official_leaf(fmt: FormatDef, table: str, key: str) -> str:
    row = next(r for r in fmt.table(table).data_rows if r.key == key)
    if table != "t3":
        return row.label
    m = re.search(r"\d+\..*$", row.label)
    if m:
        return m.group(0)
    return "（" + row.label.split("（")[-1] if "（" in row.label else row.label


def _fit_fields(fields: list[str], n: int) -> tuple[list[str], bool]:
    """Exactly n fields: drop layout padding (leading, then trailing empty cells); pad short rows."""
    f = list(fields)
    while len(f) > n and f and f[0] == "":
        f.pop(0)
    while len(f) > n and f and f[-1] == "":
        f.pop()
    padded = False
    if len(f) < n:
        f = f + [""] * (n - len(f))
        padded = True
    return f, padded


def _nums(fields: list[str]) -> list[Decimal] | None:
    """The fields as numbers, or None when one is blank or not a plain number."""
    try:
        out = [Decimal(clean_cell(x)) for x in fields]
    except Exception:
        return None
    return out


def _drop_spurious(fields: list[str]) -> tuple[list[str], str | None]:
    """Table 三 rows with 8 numbers where 7 belong: drop the spurious 0 (format-spec §4.4) — only
    when exactly that makes the total the sum of the other columns; otherwise nothing is guessed."""
    nums = _nums(fields)
    if nums is None:
        return fields, None
    for i in range(1, 7):
        if nums[i] != 0:
            continue
        rest = nums[:i] + nums[i + 1:]
        if sum(rest[:6]) == rest[6]:
            return fields[:i] + fields[i + 1:], "多出的“0”已去掉（标签跨两栏的行在PDF转文字时常多出一个0，去掉后总计等于各栏之和）"
    return fields, None


_T3_MAIN_LABELS = [("自然人", "natural"), ("法人或其他组织", "ORG"), ("小计", "subtotal"), ("合计", "subtotal"),
                   ("总计", "total")]
_T3_SUB_LABELS = [("商业企业", "business"), ("科研机构", "research"), ("社会公益组织", "public_interest"),
                  ("法律服务机构", "legal_service"), ("小计", "subtotal"), ("合计", "subtotal"), ("其他", "other")]


def _labels_in(n: str, labels: list[tuple[str, str]]) -> list[str]:
    found: list[tuple[int, int, str]] = []
    for lab, key in labels:
        for m in re.finditer(re.escape(lab), n):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), key))
    return [k for _, _, k in sorted(found)]


def _t3_header_cols(lines: list[str], form: list[str]) -> list[str] | None:
    """The columns of table 三 in the order printed in its header lines (None: no header read)."""
    main = next((_labels_in(x, _T3_MAIN_LABELS) for x in lines if "自然人" in x), None)
    sub = next((_labels_in(x.replace("法人或其他组织", ""), _T3_SUB_LABELS) for x in lines if "商业企业" in x), None)
    if main is None and sub is None:
        return None
    if main is None:
        main = ["natural", "ORG", "total"]
    org = sub if sub is not None else [c for c in form if c not in ("natural", "total")]
    cols: list[str] = []
    for k in main:
        cols += org if k == "ORG" else [k]
    if "ORG" not in main:
        cols = org + cols if sub is not None and "natural" not in cols else cols
    if "total" not in cols and any("总计" in x for x in lines):
        cols.append("total")  # printed on the line above (「申请人情况 … 总计」)
    return cols


def _t3_header_issue(doc: RawDoc, fmt: FormatDef, issues: list[ImportIssue]) -> list[str] | None:
    """The printed column order of table 三 when it differs from the form's (reported once)."""
    form = [c.key for c in fmt.table("t3").data_columns]
    hdr = _t3_header_cols(doc.t3_header, form)
    if hdr is None or hdr == form:
        return None
    names = {c.key: c.label for c in fmt.table("t3").data_columns} | {"subtotal": "小计"}
    shown = "、".join(names.get(c, c) for c in hdr)
    src = " / ".join(doc.t3_header)
    if len(set(hdr)) != len(hdr):
        issues.append(ImportIssue(UNREADABLE, f"表三的栏目标题（{shown}）有重复的栏目，无法按栏目名称对应；"
                                              "数字个数与本格式不同的行不导入", source=src))
        return None
    extra = "；“小计”栏不导入，只用来核对" if "subtotal" in hdr else ""
    missing = [names[c] for c in form if c not in hdr]
    miss = f"；原文没有“{'、'.join(missing)}”栏，该栏留空" if missing else ""
    issues.append(ImportIssue(INTERPRETED, f"表三的栏目（{shown}）与本格式不同，按栏目名称读取{extra}{miss}", source=src))
    return hdr


def build_report(doc: RawDoc, *, year: int | None = None, source_kind: str = "") -> ImportResult:
    issues: list[ImportIssue] = []
    t3_rows = [r for r in doc.rows if r.table == "t3"]
    if doc.headings < 2 and len(t3_rows) < 5:
        raise ImportFailed("未能识别为政府信息公开工作年度报告：没有找到“一、总体情况”等部分标题，"
                           "也没有找到“收到和处理政府信息公开申请情况”表格。请确认所选文件是已发布的年度报告全文。")
    # ---- title, organisation, year
    title_lines = [clean_spaces(t) for t in doc.title_lines]
    title = "".join(title_lines)
    organisation = ""
    title_n = norm(title)
    if len(title_lines) >= 2 and not _YEAR_RE.search(norm(title_lines[0])):
        organisation = title_lines[0]
    if year is None:
        m = _YEAR_RE.search(title_n)
        if m:
            year = int(m.group(1))
        else:
            for p in doc.preface + doc.sections.get("s1", [])[:2]:
                pn = norm(p)
                m = re.search(r"((?:19|20)\d{2})年1月1日", pn) or _YEAR_RE.search(pn)
                if m:
                    year = int(m.group(1))
                    break
        if year is None:
            raise ImportFailed("没有找到报告年度：标题和正文开头都没有“20XX年”。请在导入时指定年度。",
                               needs_year=True)
        issues.append(ImportIssue(INFO, f"报告年度：{year}年（据{'标题' if m and m.string == title_n else '正文'}识别）"))
    if not organisation:
        m = _YEAR_RE.search(title_n)
        prefix = title_n[: m.start()] if m else ""
        if prefix:
            organisation = prefix
            if re.search(r"(区|县|市|旗|州|盟|省|自治区)$", prefix):
                organisation = prefix + "人民政府"
            issues.append(ImportIssue(INTERPRETED, f"机关名称按标题推断为“{organisation}”，请核对全称", source=title))
        else:
            issues.append(ImportIssue(INFO, "没有从标题中识别出机关名称，请在“基本信息”中填写"))
    try:
        fmt = format_for_year(year)
    except FormatError as exc:
        raise ImportFailed(str(exc)) from None
    # ---- format check from the labels
    labels = "".join(doc.t2_labels)
    sig19 = any(s in labels for s in _T2_SIG_2019) or any(
        r.table == "t2" and strip_parens(r.label) in ("政府集中采购", "其他对外管理服务事项") for r in doc.rows)
    sig21 = any(s in labels for s in _T2_SIG_2021)
    detected = "2019" if sig19 and not sig21 else "2021" if sig21 and not sig19 else None
    if detected and detected != fmt.id:
        issues.append(ImportIssue(INTERPRETED, f"表二的栏目属于{get_format(detected).document}格式，但{year}年度报告应使用"
                                        f"{fmt.document}格式；已按{fmt.document}格式导入，无法对应的单元格未填"))
    variant = None
    if fmt.id == "2019" and "hubei" in fmt.variant_names():
        if doc.hubei_glosses or any(r.table == "t2" and strip_parens(r.label).startswith("其他主动公开文件")
                                    for r in doc.rows):
            variant = "hubei"
            issues.append(ImportIssue(INFO, "识别为湖北省地方格式（含“其他主动公开文件”行及栏目说明）"))
    report = Report(format=fmt.id, year=year, organisation=organisation, variant=variant,
                    totals_mode="printed")
    report.title = title or report.default_title()
    report.signoff.organisation = organisation
    # ---- narrative
    if doc.dropped:
        issues.append(ImportIssue(INTERPRETED, f"原文中与年度报告无关的{len(doc.dropped)}行（网页导航、链接、页脚、无关表格等）未导入",
                                  source=" / ".join(doc.dropped)[:2000]))
    _take_signoff(report, doc, issues)
    report.preface = _paras(doc.preface)
    for key, paras in doc.sections.items():
        report.sections[key] = _paras(paras)
    # ---- tables
    filled: dict[str, str] = {}  # ref -> source of the row that filled it
    _fill_t2(report, doc, issues, filled)
    _fill_t3(report, doc, issues, filled)
    _fill_t4(report, doc, issues, filled)
    # ---- what is missing
    missing_by_row: dict[tuple[str, str], list[str]] = {}
    for ref, info in report.cells().items():
        if ref not in filled:
            missing_by_row.setdefault((info.table, info.row), []).append(ref)
    for (t, r), refs in missing_by_row.items():
        info = report.cell_info(refs[0])
        cols = "、".join(f"「{report.cell_info(x).col_label}」" for x in refs)
        what = "表四" if t == "t4" else f"「{info.row_label}」行"
        issues.append(ImportIssue(MISSING, f"原文中没有找到{what}的{cols}，保持空白", cells=tuple(refs)))
    return ImportResult(report, issues, source_kind)


def _paras(paras: list[str]) -> list[str]:
    return join_broken_paragraphs([clean_spaces(p) for p in paras if clean_spaces(p)])


_DATE_RE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def _take_signoff(report: Report, doc: RawDoc, issues: list[ImportIssue]) -> None:
    """Move a trailing 落款 (organisation and date lines) out of the last section."""
    import datetime as dt

    paras = doc.sections.get("s6")
    if not paras:
        return
    taken: list[str] = []
    for _ in range(3):
        if not paras or ("s6", len(paras) - 1) in doc.from_rows:
            break  # a 落款 is a text paragraph, never a table cell (a page footer's links)
        last = clean_spaces(paras[-1])
        m = _DATE_RE.match(norm(last))
        if not m and len(last) <= 40:
            m2 = re.match(r"^(.*?)((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)$", norm(last))
            if m2 and m2.group(1) and _ORG_END_RE.search(m2.group(1)):
                paras[-1] = last[: len(last) - len(m2.group(2))]
                paras.append(m2.group(2))
                continue
        if m:
            try:
                report.signoff.date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
            taken.insert(0, paras.pop())
            continue
        if len(last) <= 30 and _ORG_END_RE.search(norm(last)) and last[-1] not in "。；" and \
                not re.search(r"[:：|]|版权|主办|承办|链接", last):  # not 「主办单位：…」 page footers
            report.signoff.organisation = last
            taken.insert(0, paras.pop())
            continue
        break
    if report.signoff.date or report.signoff.organisation != report.organisation:
        issues.append(ImportIssue(INTERPRETED, f"正文末尾的“{report.signoff.organisation}"
                                               f"{'　' + report.signoff.date.isoformat() if report.signoff.date else ''}”"
                                               "按落款读取，请核对", source=" / ".join(taken)))


def _set(report: Report, ref: str, text: str, row_src: str, issues: list[ImportIssue],
         filled: dict[str, str]) -> None:
    info = report.cell_info(ref)
    where = f"「{info.row_label}」的「{info.col_label}」" if info.table != "t4" else f"表四「{info.col_label}」"
    if ref in filled:
        issues.append(ImportIssue(UNREADABLE, f"{where}在原文中出现两次，保留第一次的数字", source=row_src,
                                  cells=(ref,)))
        return
    try:
        parsed = parse_cell(text, info.kind, info.unit)
        report.set_cell(ref, parsed.value)
    except (CellTextError, CellValueError) as exc:
        issues.append(ImportIssue(UNREADABLE, f"{where}：{exc}，保持空白", source=text, cells=(ref,)))
        filled[ref] = row_src
        return
    filled[ref] = row_src
    if parsed.note:
        report.cell_notes[ref] = parsed.note
    if parsed.interpretation:
        issues.append(ImportIssue(INTERPRETED, f"{where}：{parsed.interpretation}", source=text, cells=(ref,)))
    if parsed.value is None:
        issues.append(ImportIssue(BLANK, f"{where}原文为空白，保持空白", source=row_src, cells=(ref,)))


def _t2_rows(fmt: FormatDef) -> list[tuple[str, str]]:
    out = [(r.key, strip_parens(norm(r.label))) for r in fmt.table("t2").data_rows]
    extra = {"normative": ["规范性文件", "行政规范性文件"]}
    for key, names in extra.items():
        if any(k == key for k, _ in out):
            out += [(key, n) for n in names]
    return out


def _fill_t2(report: Report, doc: RawDoc, issues, filled) -> None:
    fmt = report.fmt
    rows = _t2_rows(fmt)
    present = report.cells()
    for raw in (r for r in doc.rows if r.table == "t2"):
        lab = strip_parens(raw.label)
        best, sim = None, 0.0
        for key, name in rows:
            s = similarity(lab, name)
            if lab.startswith(name) and len(name) >= 2:
                s = max(s, 0.9 + 0.1 * len(name) / max(len(lab), 1))
            if s > sim:
                best, sim = key, s
        if best is None or sim < 0.6:
            issues.append(ImportIssue(UNREADABLE, f"表二中无法识别的行“{raw.label}”，未导入", source=raw.source))
            continue
        row_refs = [ref for ref in present if ref.startswith(f"t2.{best}.")]
        if sim < 0.99:
            official = next(r.label for r in fmt.table("t2").data_rows if r.key == best)
            issues.append(ImportIssue(INTERPRETED, f"表二行标签“{raw.label}”按“{official}”读取", source=raw.source,
                                      cells=tuple(row_refs)))
        cols = raw.header
        if cols and not all(f"t2.{best}.{c}" in present for c in cols):
            # The printed columns are not this format's (e.g. a 2019-format table in a 2021
            # report): reading by position would store e.g. 上一年项目数量 as 处理决定数量.
            _t2_refuse_row(report, raw, best, row_refs, issues, filled)
            continue
        if not cols:
            cols = [ref.split(".")[2] for ref in row_refs]
            issues.append(ImportIssue(INTERPRETED, f"表二“{raw.label}”行前没有栏目标题，按本格式的栏目顺序"
                                                   f"（{'、'.join(_t2_col_label(report, r) for r in row_refs)}）读取，请核对",
                                      source=raw.source, cells=tuple(row_refs)))
        fields, padded = _fit_fields(raw.fields, len(cols))
        if len(fields) > len(cols):
            issues.append(ImportIssue(UNREADABLE, f"表二“{raw.label}”行的数字多于栏目，多出的未导入", source=raw.source))
            fields = fields[: len(cols)]
        for c, text in zip(cols, fields):
            ref = f"t2.{best}.{c}"
            if ref in present:
                _set(report, ref, text, raw.source, issues, filled)


def _t2_col_label(report: Report, ref: str) -> str:
    return report.cell_info(ref).col_label


def _t2_refuse_row(report: Report, raw: RawRow, key: str, row_refs: list[str], issues, filled) -> None:
    """A table-二 row under column labels that are not this format's: every cell stays blank."""
    printed = "、".join(f"{lab}={(raw.fields[i] if i < len(raw.fields) else '') or '空白'}"
                        for i, lab in enumerate(raw.header_labels))
    extra = [f for f in raw.fields[len(raw.header):] if f]
    if extra:
        printed += "、（无栏目）" + "、".join(extra)
    row_label = report.cell_info(row_refs[0]).row_label if row_refs else raw.label
    for ref in row_refs:
        issues.append(ImportIssue(
            UNREADABLE, f"「{row_label}」的「{_t2_col_label(report, ref)}」：原文表二该行的栏目"
                        f"（{printed}）不是本格式的栏目，无法对应，保持空白",
            source=raw.source, cells=(ref,)))
        filled.setdefault(ref, raw.source)


def _t3_fields(raw: RawRow, fields_in: list[str], cols: list[str], hdr: list[str] | None,
               what: str) -> tuple[list[str | None] | None, str | None, str | None]:
    """The row's texts in the form's column order (None: not in the source).

    Returns (fields, interpretation, refusal): a row whose numbers cannot be placed with
    certainty gives fields None and the reason; nothing is placed by guessing.
    """
    fields = list(fields_in)
    while len(fields) > 7 and fields and fields[0] == "":
        fields.pop(0)
    n_hdr = len(hdr) if hdr else None
    while len(fields) > max(7, n_hdr or 0) and fields and fields[-1] == "":
        fields.pop()
    nv = len(fields)
    if hdr and nv == n_hdr:  # printed columns differ from the form: map by their labels
        by = dict(zip(hdr, fields))
        if "subtotal" in by:
            org = [by[c] for c in cols if c not in ("natural", "total") and c in by]
            nums, sub = _nums(org), _nums([by["subtotal"]])
            if nums is None or sub is None or sum(nums) != sub[0]:
                return None, None, (f"“小计”栏（{by['subtotal'] or '空白'}）不等于法人或其他组织各栏之和，"
                                    "无法确认各数字所属的栏目")
        return [by.get(c) for c in cols], None, None
    if nv == 7:
        if hdr and n_hdr != 7:
            nums = _nums(fields)
            if nums is None or sum(nums[:6]) != nums[6]:
                return None, None, f"有7个数字，而栏目标题有{n_hdr}栏，且总计不等于其余各栏之和，无法确认各数字所属的栏目"
        return list(fields), None, None
    if nv == 8:
        fixed, note = _drop_spurious(fields)
        if note:
            return list(fixed), note, None
        return None, None, "有8个数字（应为7个），去掉任何一个“0”后总计都不等于各栏之和，无法确认各数字所属的栏目"
    if nv == 6:
        nums = _nums(fields)
        if nums is not None and sum(nums[:5]) == nums[5]:
            return [None] * 6 + [fields[5]], None, \
                "只有6个数字（应为7个），最后一个等于其余之和，只按“总计”导入；其余数字无法确认所属的栏目，保持空白"
        return None, None, "只有6个数字（应为7个），且最后一个不等于其余之和，无法确认各数字所属的栏目"
    return None, None, f"有{nv}个数字（应为7个），无法确认各数字所属的栏目"


def _fill_t3(report: Report, doc: RawDoc, issues, filled) -> None:
    fmt = report.fmt
    cands = _t3_candidates(fmt)
    cols = [c.key for c in fmt.table("t3").data_columns]
    hdr = _t3_header_issue(doc, fmt, issues)
    has_sub6 = any(c.key == "o1" for c in cands)
    last_group: str | None = None
    for raw in (r for r in doc.rows if r.table == "t3"):
        g = label_parts(raw.label).group or group_of(raw.label)
        p = label_parts(raw.label)
        # A single （六）其他处理 row (the 2019 shape) in a 2021 table.
        single_six = has_sub6 and p.num is None and (p.group == "六" or p.leaf.startswith("其他处理")) and \
            similarity(p.leaf, "其他处理") > 0.7
        key = None
        if single_six:
            refs = tuple(f"t3.{o}.{c}" for o in ("o1", "o2", "o3") for c in cols)
            what = "（六）其他处理"
            last_group = "六"
        else:
            key, sim, parts = _match_t3(raw.label, cands, last_group)
            if key is None:
                issues.append(ImportIssue(UNREADABLE, f"表三中无法识别的行“{raw.label}”，未导入", source=raw.source))
                continue
            if parts.num is not None:
                last_group = next(c.parts.group for c in cands if c.key == key)
            elif g:
                last_group = g
            refs = tuple(f"t3.{key}.{c}" for c in cols)
            what = _official_leaf(fmt, "t3", key)
            if sim < 0.99:
                issues.append(ImportIssue(INTERPRETED, f"表三行标签“{raw.label}”与官方标签“{what}”不完全一致，按后者读取",
                                          source=raw.source, cells=refs))
        fields, note, refusal = _t3_fields(raw, raw.fields, cols, hdr, what)
        if fields is None:
            issues.append(ImportIssue(UNREADABLE, f"表三“{what}”行{refusal}，整行保持空白", source=raw.source,
                                      cells=refs))
            for r in refs:
                filled.setdefault(r, raw.source)
            continue
        if refusal:  # partly placed (only the total): the others are listed, not "not found"
            blank = tuple(r for r in refs if fields[cols.index(r.rsplit(".", 1)[1])] is None)
            issues.append(ImportIssue(UNREADABLE, f"表三“{what}”行{refusal}", source=raw.source, cells=blank))
            for r in blank:
                filled.setdefault(r, raw.source)
        if note:
            issues.append(ImportIssue(INTERPRETED, f"表三“{what}”行：{note}", source=raw.source, cells=refs))
        if single_six:
            _single_six(report, raw, fields, issues, filled)
            continue
        for c, text in zip(cols, fields):
            if text is not None:
                _set(report, f"t3.{key}.{c}", text, raw.source, issues, filled)


def _single_six(report: Report, raw: RawRow, fields: list[str], issues, filled) -> None:
    cols = [c.key for c in report.fmt.table("t3").data_columns]
    zeros, put = [], []
    for c, text in zip(cols, fields):
        if text is None:
            continue
        try:
            parsed = parse_cell(text, "count", None)
        except CellTextError as exc:
            issues.append(ImportIssue(UNREADABLE, f"「（六）其他处理」的「{c}」：{exc}", source=text))
            continue
        v = parsed.value
        refs = [f"t3.o1.{c}", f"t3.o2.{c}", f"t3.o3.{c}"]
        if v is None:
            for r in refs:
                filled[r] = raw.source
            continue
        if v == 0:
            for r in refs:
                report.set_cell(r, 0)
                filled[r] = raw.source
            zeros.append(c)
        else:
            report.set_cell(refs[2], v)
            report.cell_notes[refs[2]] = f"原文“（六）其他处理”只印一行（2019年格式），该栏为{fmt_value(v)}，记入“3.其他”"
            filled[refs[2]] = raw.source
            put.append(c)
    labels = {c.key: c.label for c in report.fmt.table("t3").data_columns}
    msg = "原文“（六）其他处理”只印了一行（2019年格式的表三），本格式分为三项："
    if zeros:
        msg += "原文为0的栏，三项均按0录入"
    if put:
        msg += ("；" if zeros else "") + "不为0的栏（" + "、".join(labels[c] for c in put) + \
               "）记入“3.其他”，另两项留空，请按实际情况拆分"
    issues.append(ImportIssue(INTERPRETED, msg, source=raw.source,
                              cells=tuple(f"t3.{o}.{c}" for o in ("o1", "o2", "o3") for c in cols)))


_T4_OUTCOME_LABELS = [("结果维持", "keep"), ("结果纠正", "fix"), ("其他结果", "other"), ("尚未审结", "pending"),
                      ("总计", "total"), ("其他", "other")]


def _t4_header_cols(lines: list[str]) -> tuple[list[str] | None, str | None]:
    """(column keys as printed, refusal) from the header lines of table 四; (None, None): no header."""
    joined = "".join(lines)  # the header may be split over lines (PDF text, merged cells)
    outcomes = _labels_in(joined.replace("未经复议直接起诉", "").replace("复议后起诉", ""), _T4_OUTCOME_LABELS)
    if not outcomes:
        return None, None
    if len(outcomes) > 15 and len(outcomes) % 15 == 0 and outcomes == outcomes[:15] * (len(outcomes) // 15):
        outcomes = outcomes[:15]  # header repeated on the next page
    groups_line = joined if "行政复议" in joined and "行政诉讼" in joined else ""
    lit_line = joined if "未经复议直接起诉" in joined and "复议后起诉" in joined else ""
    review_first = not groups_line or groups_line.index("行政复议") < groups_line.index("行政诉讼")
    direct_first = not lit_line or lit_line.index("未经复议直接起诉") < lit_line.index("复议后起诉")
    lit = ["ld", "lr"] if direct_first else ["lr", "ld"]
    groups = ["rv"] + lit if review_first else lit + ["rv"]
    if len(outcomes) != 15:
        return None, f"表四的栏目标题有{len(outcomes)}个结果栏（应为3组各5栏），无法按栏目名称对应"
    cols = []
    for i, g in enumerate(groups):
        chunk = outcomes[5 * i: 5 * i + 5]
        if sorted(chunk) != sorted(["keep", "fix", "other", "pending", "total"]):
            return None, "表四的栏目标题中每组应有结果维持、结果纠正、其他结果、尚未审结、总计各一栏，原文不是这样，无法按栏目名称对应"
        cols += [f"{g}_{o}" for o in chunk]
    return cols, None


def _fill_t4(report: Report, doc: RawDoc, issues, filled) -> None:
    form = [c.key for c in report.fmt.table("t4").data_columns]
    cols, refusal = _t4_header_cols(doc.t4_header)
    rows = [r for r in doc.rows if r.table == "t4"]
    src_hdr = " / ".join(doc.t4_header)
    refs_all = tuple(f"t4.cases.{c}" for c in form)
    if refusal:
        issues.append(ImportIssue(UNREADABLE, refusal + "，表四保持空白",
                                  source=src_hdr + (" / " + rows[0].source if rows else ""), cells=refs_all))
        for r in refs_all:
            filled.setdefault(r, src_hdr)
        return
    if cols is not None and cols != form:
        names = {c.key: c.label for c in report.fmt.table("t4").data_columns}
        issues.append(ImportIssue(INTERPRETED, "表四的栏目顺序与本格式不同，已按栏目名称读取："
                                  + "、".join(names.get(c, c) for c in cols), source=src_hdr, cells=refs_all))
    cols = cols or form
    for raw in rows:
        fields, padded = _fit_fields(raw.fields, 15)
        if len(fields) != 15 or padded:
            issues.append(ImportIssue(UNREADABLE, f"表四的数字行有{len([f for f in raw.fields if f])}个数字（应为15个），未导入",
                                      source=raw.source))
            continue
        for c, text in zip(cols, fields):
            _set(report, f"t4.cases.{c}", text, raw.source, issues, filled)
        break

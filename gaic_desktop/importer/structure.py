"""Pass 1 of the import: from blocks to a ``RawDoc``.

Walks the blocks and sorts them into title lines, narrative paragraphs per section and raw table
rows (label text + printed value texts, with the column labels of the block header in table 二).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.formats import format_ids, get_format
from ..core.text import clean_spaces
from .normalize import looks_like_value, near_misses, nfkc, norm, one_edit, similarity, strip_parens
from .blocks import Block, Para, Row

@dataclass
class RawRow:
    table: str
    label: str  # normalised label (t4: "")
    fields: list[str]  # printed value texts ("" = blank)
    source: str
    header: list[str] = field(default_factory=list)  # t2: column label keys of the block header
    header_labels: list[str] = field(default_factory=list)  # t2: the same column labels as printed
    # t3: the printed lines whose texts were joined into ``label`` (one entry: not joined)
    pieces: list[str] = field(default_factory=list)
    blank: bool = False  # t3: a row printed with a label and empty cells only (zero printed as blank)
    blank_pieces: set[int] = field(default_factory=set)  # t3: indexes of pieces printed with empty cells
    printed: str = ""  # the label as printed, quoted in messages (see ``shown``)

    @property
    def shown(self) -> str:
        """The label as the officer can find it in the original (extraction spaces removed)."""
        return clean_spaces(self.printed) or self.label


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
    header_src: dict[str, list[str]] = field(default_factory=dict)  # t3/t4: the same header lines as printed
    deviations: list[str] = field(default_factory=list)  # what the tables print unlike the form

    def keep_header(self, table: str, text: str) -> None:
        """Keep a header line of ``table`` as printed (runs of spaces made one)."""
        self.header_src.setdefault(table, []).append(" ".join(text.split()))


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

_T2_CAPTION_RE = re.compile(r"^第二十条第?\(?([一二三四五六七八九十]+)\)?项?$")  # 「第二十条第（一）项」, 「第二十条第一项」
_T3_MARK_RE = re.compile(r"勾稽关系|申请人情况|^自然人|法人或其他组织|商业企业")
_T4_MARK_RE = re.compile(r"行政.{0,2}复议.*行政诉讼|行政诉讼.*行政.{0,2}复议|^行政复议$|^结果维持|未经复议直接起诉|复议后起诉")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")

# Column labels of table 二 in both formats (normalised, glosses removed) -> column key.
_T2_COLS = [
    ("本年新制作数量", "made"), ("本年制发件数", "made"), ("本年新公开数量", "published"),
    ("对外公开总数量", "total_public"), ("上一年项目数量", "prev_items"), ("本年增/减", "delta"),
    ("本年增减", "delta"), ("本年处理决定数量", "decisions"), ("处理决定数量", "decisions"),
    ("采购项目数量", "count"), ("采购总金额", "amount"), ("本年废止件数", "repealed"),
    ("现行有效件数", "effective"), ("本年收费金额", "amount"),
]
_T2_LABELS = [lab for lab, _ in _T2_COLS] + ["信息内容"]
_T2_SIG_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_T2_SIG_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")


# A page number on a line of its own in text taken from a PDF (「- 5 -」, 「第 5 页」, 「第5页 共8页」,
# 「5/8」). A bare number is not one of them: it may be a figure printed under its label.
_PAGE_MARK_RE = re.compile(r"^[-—–~]+\s*\d{1,3}\s*[-—–~]+$|^第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?$"
                           r"|^共\s*\d{1,3}\s*页\s*[,/]?\s*第\s*\d{1,3}\s*页$|^\d{1,3}\s*/\s*\d{1,3}$")
_HEADING_SEP = "、.,"  # 「二、」, 「二.」 / 「二．」, 「二，」 (normalised: full-width read as ASCII)
_PART_RE = re.compile(r"^第([一二三四五六])部分[、.,:]?")  # 「第二部分　主动公开政府信息情况」
_RUN_IN_ENDS = "。:：;；"  # where a heading run into its paragraph ends
# A heading run into its text must be the form's words (a point of 一 such as 「二、主动公开情况。…」
# is not the heading of 二).
_RUN_IN_SIM = 0.9


def _heading_key(n: str, current: str | None, min_sim: float = 0.6) -> str | None:
    """The section a normalised line heads, if it is a section heading after ``current``.

    The number may be followed by 「、」, a period or a comma, or by nothing (「五　存在的主要问题…」,
    then the words must be closer to the heading's); 「第二部分」 is read as 「二、」. A note in brackets
    after the heading (「（本表数据截至2020年12月31日，……）」) does not count towards its length."""
    m = _PART_RE.match(n)
    if m:
        n = m.group(1) + "、" + n[m.end():]
    if len(n) < 2 or n[0] not in _SECTION_NUM:
        return None
    key = _SECTION_NUM[n[0]]
    if current is not None and key <= current:
        return None
    bare = strip_parens(n)
    if len(bare) > 48 or len(bare) < 2:
        return None
    sep = bare[1] in _HEADING_SEP
    if not sep and not any(bare[1:3] in h for h in _HEADINGS_N[key]):
        return None  # 「一是…」: quickly told from 「五　存在的主要问题…」
    bare = bare[0] + "、" + bare[2 if sep else 1:]
    best = max(similarity(bare, h) for h in _HEADINGS_N[key])
    return key if best >= (min_sim if sep else max(min_sim, 0.8)) else None


def _run_in_heading(text: str, current: str | None) -> tuple[str, str] | None:
    """(section, the rest) of a paragraph that starts with a section heading ended by 「。」 or
    「：」 (「五、存在的主要问题及改进情况。对照上级新要求……」), else None."""
    if text[:1] not in "一二三四五六第":  # (text is stripped)
        return None
    depth = 0
    for i, c in enumerate(text[:60]):  # the first 「。」/「：」 outside brackets (a note may hold 「单位：件」)
        depth += (c in "(（") - (c in ")）" and depth > 0)
        if depth == 0 and c in _RUN_IN_ENDS:
            rest = text[i + 1:].strip()
            key = _heading_key(norm(text[:i]), current, _RUN_IN_SIM)
            return (key, rest) if key is not None and rest else None
    return None


def _t2_header_cols(n: str) -> list[str]:
    """Column keys named in a table-二 header line, in order (longest label wins)."""
    return [k for k, _ in _t2_header(n)]


def _t2_header(n: str) -> list[tuple[str, str]]:
    """(column key, printed label) named in a table-二 header line, in order; a label misprinted
    by one character (「先行有效件数」) is read as the label it stands for."""
    s = strip_parens(n)
    found: list[tuple[int, int, str, str]] = []
    for label, key in sorted(_T2_COLS, key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(label), s):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), key, label))
    keys = dict(_T2_COLS)
    for a, b, label in near_misses(s, _T2_LABELS) if len(s) <= 120 else ():  # a header line, not a paragraph
        if label in keys and not any(x < b and a < y for x, y, _, _ in found):
            found.append((a, b, keys[label], s[a:b]))
    return [(k, lab) for _, _, k, lab in sorted(found)]


def t2_misprints(header: list[tuple[str, str]]) -> list[str]:
    """The column labels of a table-二 header printed other than the form's, as deviations."""
    official = {lab for lab, _ in _T2_COLS}
    return [f"表二栏目“{next(lab for lab, k2 in _T2_COLS if k2 == k and one_edit(printed, lab))}”印为“{printed}”"
            for k, printed in header if printed not in official]


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
        if j >= 1 and _YEAR_RE.search(norm(pre[j - 1])) and not _YEAR_RE.search(norm(pre[j])) and \
                _is_title_line(pre[j - 1], RawDoc()) and _TITLE_HINT_RE.search(norm(pre[j - 1])) and "报告" not in norm(pre[j - 1]):
            start = j - 1  # the title broken before its end: 「2024年政府信息公开工作」 / 「年度报告」
        if start >= 1 and _is_title_line(pre[start - 1], RawDoc()) and not _TITLE_HINT_RE.search(norm(pre[start - 1])):
            start -= 1  # the organisation printed on the line above
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
    pending_pieces: list[str] = []  # the printed lines in ``pending``
    pending_blank: set[int] = set()  # indexes of those printed with empty cells
    runs = _table_runs(blocks)
    skip_to = -1
    t2_pending: tuple[str, str] | None = None  # a table-二 row label printed without its figures (printed, norm)
    t2_join: tuple[str, str] | None = None  # that label, to be joined to the figures of this block

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
            if len(text) <= 20 and _PAGE_MARK_RE.match(nfkc(text)):  # a page number in text taken from a PDF
                doc.dropped.append(text)
                continue
            item_text, as_row = text, None
            if ctx is not None and not _heading_key(norm(text), section):
                as_row = _tokens_row(text)
                if as_row and not _label_like(norm(as_row[0]), ctx):
                    as_row = None  # a sentence of the narrative that ends in a number
        if t2_pending is not None:
            if as_row is not None and _t2_label_continues(t2_pending[1], norm(as_row[0])):
                t2_join = t2_pending
            else:  # not followed by its figures: text, as any other line
                add_para(t2_pending[0])
                ctx = None
                if isinstance(b, Para):
                    item_text, as_row = b.text.strip(), None
            t2_pending = None
        n = norm(item_text)
        sentence = item_text.strip()[-1:] in "。！？；"
        # --- section headings
        if as_row is None:
            # a heading run into its text first: the text after it is no part of the heading
            key, run_in = (_run_in_heading(text, section) if isinstance(b, Para) else None) or (None, "")
            if key is None:
                key = _heading_key(n, section)
            if key is not None and not (ctx == "t3" and n.startswith("四") and n[2:4] == "结转"):
                if section is None:
                    _split_title(pre, doc)
                    pre = []
                section, ctx, pending, pending_src, pending_pieces, pending_blank = key, None, "", "", [], set()
                doc.headings += 1
                if run_in:
                    add_para(run_in)
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
                    doc.deviations += t2_misprints(hdr)
                    if "(指" in n:
                        doc.hubei_glosses = True
                    continue
                if n in ("信息内容",):
                    continue
            if _T3_MARK_RE.search(n) and len(n) < 120 and not sentence:
                ctx = "t3"
                pending, pending_src, pending_pieces, pending_blank = "", "", [], set()
                doc.t3_header.append(n)
                doc.keep_header("t3", item_text)
                continue
            if _T4_MARK_RE.search(n) and len(n) < 160 and not sentence and ctx != "t3":
                ctx = "t4"
                doc.t4_header.append(n)
                doc.keep_header("t4", item_text)
                continue
            if ctx == "t4" and re.fullmatch(r"(结果维持|结果纠正|其他结果|其他|尚未审结|总计|未经复议直接起诉|复议后起诉|行政复议|行政诉讼)+", n):
                doc.t4_header.append(n)
                doc.keep_header("t4", item_text)
                continue
            if ctx == "t3" and _label_like(n, ctx) and not sentence and not n.startswith("注") and \
                    (isinstance(b, Row) or _tokens_row(text) is None):  # figures are never part of a label
                blank_row = _blank_row(b)
                if blank_row is not None:  # a row of blanks, never a piece of the next row's label
                    doc.rows.append(RawRow("t3", pending + norm(blank_row[0]), blank_row[1],
                                           f"{pending_src} {b.source}".strip(),
                                           pieces=pending_pieces + [blank_row[0]], blank=True,
                                           blank_pieces=pending_blank | {len(pending_pieces)},
                                           printed=_printed(pending_pieces + [blank_row[0]])))
                    pending, pending_src, pending_pieces, pending_blank = "", "", [], set()
                    continue
                if isinstance(b, Row) and _split_fields(b.cells)[1]:  # a label with empty cells
                    pending_blank.add(len(pending_pieces))
                pending += n
                pending_src = (pending_src + " " + item_text).strip()
                pending_pieces.append(item_text.strip())
                continue
            if ctx == "t2" and not sentence and len(n) <= _MAX_LABEL and _is_t2_row_name(n):
                t2_pending = (item_text.strip(), n)  # its figures may follow on the next line
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
            pieces = pending_pieces + [label.strip()]
            if pending:
                src = f"{pending_src} {src}"
            doc.rows.append(RawRow("t3", lab, fields, src, pieces=pieces, blank_pieces=pending_blank,
                                   printed=_printed(pieces)))
            pending, pending_src, pending_pieces, pending_blank = "", "", [], set()
        elif table == "t2":
            pieces = [label.strip()]
            if t2_join is not None:
                pieces, src = [t2_join[0], label.strip()], f"{t2_join[0]} {src}"  # "": figures only
                t2_join = None
            doc.rows.append(RawRow("t2", "".join(norm(x) for x in pieces), fields, src, header=[k for k, _ in t2_header],
                                   header_labels=[lab for _, lab in t2_header], printed=_printed(pieces),
                                   pieces=pieces))
        else:
            doc.rows.append(RawRow("t4", norm(label), fields, src, printed=_printed([label])))
    if t2_pending is not None:
        add_para(t2_pending[0])
    if section is None:
        _split_title(pre, doc)
    return doc


def _printed(pieces: list[str]) -> str:
    """A label as printed, from the printed lines (or cells) it was read from."""
    return "".join(pieces)


_NUMBERED_RE = re.compile(r"^([一二三四]、|\([一二三四五六七]\)|\d{1,2}\.)")
_MAX_LABEL = 60  # a table label longer than this (normalised) is a line of the narrative …
_MAX_GLOSSED_LABEL = 200  # … unless the rest is a note in brackets (「规范性文件（行政机关制定…）」, 「5.要求…（含…）」)


def _label_like(n: str, ctx: str | None) -> bool:
    """Whether normalised text can be a row label of the table being read (``ctx``): short, or a
    short label printed with a long note in brackets; never a sentence of the narrative."""
    if len(n) <= _MAX_LABEL:
        return True
    return ctx is not None and len(n) <= _MAX_GLOSSED_LABEL and len(strip_parens(n)) <= _MAX_LABEL and "。" not in n


def _blank_row(b: Block) -> tuple[str, list[str]] | None:
    """(label as printed, fields) of a table row printed as a numbered label followed by empty
    cells only (a table printing zero as blank), else None."""
    if not isinstance(b, Row):
        return None
    label, fields = _split_fields(b.cells)
    if not fields or any(fields) or not _NUMBERED_RE.search(norm(label)):
        return None
    return clean_spaces(label), fields


# The row labels of table 二 in every format (from the format definitions).
_T2_ROW_NAMES = tuple(dict.fromkeys(r.label for fid in format_ids()
                                    for r in get_format(fid).table("t2").data_rows))


def _t2_label_continues(pending: str, label: str) -> bool:
    """Whether the figures after a table-二 label printed on its own line are that row's: printed
    without a label, or after the rest of the label (「行政规范性」 / 「文件　8　26　66」) — the two
    joined name a row of the form, the second alone does not."""
    return not label or _is_t2_row_name(pending + label) and not _is_t2_row_name(label)


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

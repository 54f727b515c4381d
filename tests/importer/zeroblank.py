"""A 2019-format table 三 printed the way publishers print it when zero is an empty cell.

The printed layout is typed here by hand (as the 2019 template and the portal pages that copy it
print it: the labels, the merged cells), not derived from the format definition the importer
matches against, so a test built on it is not circular. Only the figures come from a sample
report; every 0 is printed as an empty cell.

``PRINTED`` lists the printed rows: (label cells, data-row key). A label cell is (text, rowspan,
colspan). The keys tie each printed row to its figures (the truth of the test).
"""

from __future__ import annotations

import html

from .helpers import docx_bytes

COLS = ["natural", "business", "research", "public_interest", "legal_service", "other", "total"]

HEADER = [
    [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
    [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
    [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
]

PRINTED = [
    ([("一、本年新收政府信息公开申请数量", 1, 3)], "new"),
    ([("二、上年结转政府信息公开申请数量", 1, 3)], "carried_in"),
    ([("三、本年度办理结果", 20, 1), ("（一）予以公开", 1, 2)], "r_open"),
    ([("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)], "r_partial"),
    ([("（三）不予公开", 8, 1), ("1.属于国家秘密", 1, 1)], "d1"),
    ([("2.其他法律行政法规禁止公开", 1, 1)], "d2"),
    ([("3.危及“三安全一稳定”", 1, 1)], "d3"),
    ([("4.保护第三方合法权益", 1, 1)], "d4"),
    ([("5.属于三类内部事务信息", 1, 1)], "d5"),
    ([("6.属于四类过程性信息", 1, 1)], "d6"),
    ([("7.属于行政执法案卷", 1, 1)], "d7"),
    ([("8.属于行政查询事项", 1, 1)], "d8"),
    ([("（四）无法提供", 3, 1), ("1.本机关不掌握相关政府信息", 1, 1)], "u1"),
    ([("2.没有现成信息需要另行制作", 1, 1)], "u2"),
    ([("3.补正后申请内容仍不明确", 1, 1)], "u3"),
    ([("（五）不予处理", 5, 1), ("1.信访举报投诉类申请", 1, 1)], "n1"),
    ([("2.重复申请", 1, 1)], "n2"),
    ([("3.要求提供公开出版物", 1, 1)], "n3"),
    ([("4.无正当理由大量反复申请", 1, 1)], "n4"),
    ([("5.要求行政机关确认或重新出具已获取信息", 1, 1)], "n5"),
    ([("（六）其他处理", 1, 2)], "o"),
    ([("（七）总计", 1, 2)], "r_total"),
    ([("四、结转下年度继续办理", 1, 3)], "carried_out"),
]

TITLE = "汉阳区2020年度政府信息公开工作年度报告"
BODY = [  # (heading, paragraph); the table is printed under 三
    ("一、总体情况", "2020年，汉阳区认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。"),
    ("二、主动公开政府信息情况", "本年度主动公开政府信息情况见下表。"),
    ("三、收到和处理政府信息公开申请情况", None),
    ("四、政府信息公开行政复议、行政诉讼情况", "本年度无因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"),
    ("五、存在的主要问题及改进情况", "政务公开工作还存在一些不足，下一步将继续改进。"),
    ("六、其他需要报告的事项", "无。"),
]


def figures(report, zero_rows: tuple[str, ...] = ()) -> dict[str, dict[str, object]]:
    """key -> column -> printed figure of table 三 (``zero_rows``: rows printed as all zero)."""
    values = report.effective_values()
    return {key: {c: (0 if key in zero_rows else values[f"t3.{key}.{c}"]) for c in COLS} for _, key in PRINTED}


def _text(v) -> str:
    return "" if v in (0, None) else str(v)


def _grid(figs):
    """Rows of cells (text, rowspan, colspan, covered) in print order; ``covered``: the place of a
    cell merged into the one above (Word's vMerge continuation; an empty field in copied text)."""
    rows = [list(r) for r in HEADER]
    for labels, key in PRINTED:
        rows.append(list(labels) + [(_text(figs[key][c]), 1, 1) for c in COLS])
    out = []
    open_spans: dict[int, tuple[int, int]] = {}  # column -> (rows still covered, colspan)
    for row in rows:
        cells, col, pending = [], 0, list(row)
        while pending or any(c >= col and n > 0 for c, (n, _) in open_spans.items()):
            n, cs = open_spans.get(col, (0, 0))
            if n > 0:
                open_spans[col] = (n - 1, cs)
                cells.append(("", 1, cs, True))
                col += cs
                continue
            t, rs, cs = pending.pop(0)
            cells.append((t, rs, cs, False))
            if rs > 1:
                open_spans[col] = (rs - 1, cs)
            col += cs
        out.append(cells)
    return out


def to_text(figs) -> str:
    """Tab-separated, as text copied out of a portal page or a WPS table: a cell covered by a
    merged cell is an empty field, an empty printed cell is an empty field."""
    lines = [TITLE]
    for heading, para in BODY:
        lines.append(heading)
        if para:
            lines.append(para)
        if heading.startswith("三"):
            for row in _grid(figs):
                lines.append("\t".join("\t".join([t] + [""] * (cs - 1)) for t, _, cs, _ in row))
    return "\n".join(lines) + "\n"


def to_html(figs) -> str:
    """A portal page: MS-Word-pasted markup, spans in every cell, &nbsp; in an empty cell."""
    out = ["<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body>",
           "<div class='article'>", f"<p style='text-align:center'><strong><span>{TITLE}</span></strong></p>"]
    for heading, para in BODY:
        out.append(f"<p style='text-indent:2em'><strong><span style='font-family:黑体'>{heading}</span></strong></p>")
        if para:
            out.append(f"<p style='text-indent:2em'><span style='font-family:仿宋_GB2312'>{para}</span></p>")
        if heading.startswith("三"):
            out.append("<table class='MsoNormalTable' border='1' cellspacing='0' cellpadding='0'><tbody>")
            for row in _grid(figs):
                out.append("<tr style='height:20pt'>")
                for t, rs, cs, covered in row:
                    if covered:
                        continue
                    span = (f" rowspan='{rs}'" if rs > 1 else "") + (f" colspan='{cs}'" if cs > 1 else "")
                    inner = f"<span style='font-size:9pt'>{html.escape(t)}</span>" if t else "&nbsp;"
                    out.append(f"<td{span} valign='center'><p class='MsoNormal' align='center'>{inner}</p></td>")
                out.append("</tr>")
            out.append("</tbody></table>")
    out.append("</div></body></html>")
    return "\n".join(out)


def _runs(text: str) -> str:
    """WPS splits a paragraph into several runs (font changes, spell-check marks)."""
    if not text:
        return ""
    cut = max(1, len(text) // 2)
    return "".join(f"<w:r><w:rPr><w:rFonts w:hint='eastAsia'/><w:sz w:val='18'/></w:rPr>"
                   f"<w:t xml:space='preserve'>{html.escape(part)}</w:t></w:r>"
                   for part in (text[:cut], text[cut:]) if part)


def _p(text: str) -> str:
    return f"<w:p><w:pPr><w:jc w:val='center'/></w:pPr>{_runs(text)}</w:p>"


def to_docx(figs) -> bytes:
    """A WPS document: merged cells as gridSpan / vMerge, an empty cell as an empty paragraph."""
    body = [_p(TITLE)]
    for heading, para in BODY:
        body.append(_p(heading))
        if para:
            body.append(_p(para))
        if not heading.startswith("三"):
            continue
        rows_xml = []
        for row in _grid(figs):
            tcs = []
            for t, rs, cs, covered in row:
                grid = f"<w:gridSpan w:val='{cs}'/>" if cs > 1 else ""
                if covered:
                    tcs.append(f"<w:tc><w:tcPr>{grid}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    continue
                merge = "<w:vMerge w:val='restart'/>" if rs > 1 else ""
                tcs.append(f"<w:tc><w:tcPr><w:tcW w:w='800' w:type='dxa'/>{grid}{merge}</w:tcPr>{_p(t)}</w:tc>")
            rows_xml.append("<w:tr><w:trPr><w:trHeight w:val='400'/></w:trPr>" + "".join(tcs) + "</w:tr>")
        body.append("<w:tbl><w:tblPr><w:tblBorders/></w:tblPr>" + "".join(rows_xml) + "</w:tbl>")
    return docx_bytes("".join(body))

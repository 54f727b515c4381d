"""The imported report does not invent what the original does not print (issue 14, item 3): no
落款 taken from the title; and run-in headings (「（一）主动公开情况。主要通过……」, printed bold or
in 楷体 at the start of a paragraph) stay headings, also after export to PDF and a second import."""

from __future__ import annotations

from gaic_desktop.core.storage import load
from gaic_desktop.importer import INFO, import_file, import_text
from gaic_desktop.core.headings import split_heading
from tests.conftest import SAMPLES

from . import zeroblank as zb
from .helpers import docx_bytes

RUN_IN = [("（一）主动公开情况。", "主要通过政府门户网站、政务新媒体公开政府信息1234条。"),
          ("（二）依申请公开情况。", "全年共收到政府信息公开申请36件，均已按期答复。")]


def _page(signoff: str = "") -> str:
    """A portal page: run-in headings as Word pastes them into the CMS (bold 楷体 span, body span)."""
    body = "".join(
        f"<p class='MsoNormal' style='text-indent:32pt'><b><span style='font-family:楷体_GB2312'>{head}"
        f"<span lang='EN-US'><o:p></o:p></span></span></b><span style='font-family:仿宋_GB2312'>{rest}</span></p>"
        for head, rest in RUN_IN)
    return (f"<html><body><p align='center'><b>示例区2024年政府信息公开工作年度报告</b></p>"
            f"<p><b>一、总体情况</b></p>{body}<p><b>二、主动公开政府信息情况</b></p><p>见下表。</p>"
            f"<p><b>三、收到和处理政府信息公开申请情况</b></p><p>见下表。</p>"
            f"<p><b>四、政府信息公开行政复议、行政诉讼情况</b></p><p>无。</p>"
            f"<p><b>五、存在的主要问题及改进情况</b></p><p>无。</p>"
            f"<p><b>六、其他需要报告的事项</b></p><p>无。</p>{signoff}</body></html>")


def _headings(paras: list[str]) -> list[tuple[int, str, str]]:
    return [split_heading(p) for p in paras]


def test_no_signoff_is_taken_from_the_title():
    res = import_text(_page(), html=True)
    rep = res.report
    assert rep.organisation == "示例区人民政府"  # 机关名称 from the title, reported as interpreted
    assert rep.signoff.organisation == "" and rep.signoff.date is None
    assert any(i.kind == INFO and "没有落款" in i.message for i in res.issues)


def test_a_printed_signoff_is_read():
    rep = import_text(_page("<p align='right'>示例区人民政府办公室</p><p align='right'>2025年1月20日</p>"),
                      html=True).report
    assert rep.signoff.organisation == "示例区人民政府办公室" and str(rep.signoff.date) == "2025-01-20"


def test_a_text_without_signoff_leaves_it_blank():
    rep = import_text(zb.to_text(zb.figures(load(SAMPLES / "hanyang-2020.gaic.json")))).report
    assert rep.organisation == "汉阳区人民政府" and rep.signoff.organisation == ""


def test_run_in_headings_stay_headings_in_a_web_page_and_a_word_document(tmp_path):
    want = [(2, head, rest) for head, rest in RUN_IN]
    assert _headings(import_text(_page(), html=True).report.section_text("s1")) == want
    runs = "".join(
        "<w:p><w:pPr><w:ind w:firstLine='640'/></w:pPr>"
        f"<w:r><w:rPr><w:rFonts w:ascii='楷体_GB2312' w:eastAsia='楷体_GB2312'/><w:b/></w:rPr><w:t>{head}</w:t></w:r>"
        f"<w:r><w:rPr><w:rFonts w:eastAsia='仿宋_GB2312'/></w:rPr><w:t>{rest}</w:t></w:r></w:p>"
        for head, rest in RUN_IN)
    heads = ["示例区2024年政府信息公开工作年度报告", "一、总体情况"]
    tail = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "无。"]
    body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in heads) + runs + \
        "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in tail)
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(body))
    assert _headings(import_file(path).report.section_text("s1")) == want


def test_run_in_headings_survive_export_and_a_second_import(tmp_path):
    """import → PDF (the program's exporter) → import: the same headings, the same paragraphs."""
    from gaic_desktop.pdf.render import export_pdf

    first = import_text(_page(), html=True).report
    export_pdf(first, tmp_path / "a.pdf")
    second = import_file(tmp_path / "a.pdf").report
    assert second.section_text("s1") == first.section_text("s1")
    assert _headings(second.section_text("s1")) == [(2, head, rest) for head, rest in RUN_IN]
    assert second.signoff.organisation == "" and second.signoff.date is None  # still nothing invented

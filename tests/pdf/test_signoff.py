"""落款 and 审签单, read back from the exported PDF: a place for the date on the copy to sign,
nothing invented on an "as printed" import, a writable names row, the seal box's date on the
right, 「共N页」 and 公开属性."""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from gaic_desktop.core import load
from gaic_desktop.pdf import ExportOptions
from gaic_desktop.pdf.render import render_pdf

from .pdfprobe import MM, squash

ROOT = Path(__file__).resolve().parents[2]
S2021 = ROOT / "resources" / "samples" / "sample-2021.gaic.json"


def _pages(rep, variant):
    data, res = render_pdf(rep, ExportOptions(variant=variant))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages], [p.chars for p in pdf.pages], res


def test_undated_report_gets_a_date_place_on_the_sign_copy_only():
    rep = load(S2021)
    rep.signoff.date = None
    texts, _, _ = _pages(rep, "审签版")
    body_end = squash(texts[-2] if "审签单" in texts[-1] else texts[-1])
    sign_start = next(i for i, t in enumerate(texts) if "年度报告审签单" in t)
    last_body = squash(texts[sign_start - 1])
    assert last_body.find("示例市示例区人民政府年月日") >= 0, body_end
    pub, _, _ = _pages(rep, "公开版")
    assert "年月日" not in squash(pub[-1]).split("示例市示例区人民政府")[-1]


def test_as_printed_import_invents_no_date():
    rep = load(S2021)
    rep.signoff.date = None
    rep.set_totals_mode("printed")
    texts, _, _ = _pages(rep, "审签版")
    sign_start = next(i for i, t in enumerate(texts) if "年度报告审签单" in t)
    assert "年月日" not in squash(texts[sign_start - 1]).split("示例市示例区人民政府")[-1]


def test_sign_sheet_rows_pages_and_publicity():
    rep = load(S2021)
    rep.people.drafter = rep.people.reviewer = rep.people.approver = ""
    texts, chars, res = _pages(rep, "审签版")
    i = next(k for k, t in enumerate(texts) if "年度报告审签单" in t)
    sheet = squash(texts[i])
    assert f"正文页数共{i}页" in sheet and "公开属性主动公开" in sheet
    # the empty names row keeps a writable height (≥ 8 mm between the 拟稿人 row and 签名)
    label = next(c for c in chars[i] if c["text"] == "拟")
    sign = next(c for c in chars[i] if c["text"] == "签" and c["top"] > label["bottom"])
    assert (sign["top"] - label["bottom"]) / MM >= 8
    # 年 月 日 of the seal box sit on the right half of the box
    seal = next(c for c in chars[i] if c["text"] == "盖")
    day = [c for c in chars[i] if c["text"] == "日" and c["top"] > seal["bottom"]]
    assert day and min(c["x0"] for c in day) > (28 + 156 * 0.6) * MM

"""落款 and 审签单, read back from the exported PDF: a place for the date on the copy to sign,
nothing invented on an "as printed" import, a writable names row, the seal box's date on the
right, 「共N页」 and 公开属性."""
from __future__ import annotations

import datetime
import io
from pathlib import Path

import pdfplumber
import pytest

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


SEED = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"


def _with_explained_warnings(n: int):
    """The seed with ``n`` figures of its 表三 text off by one (X-1 warnings), each explained with a
    two-line 说明, its typing slips (X-8) corrected and a 落款 date (no other warning)."""
    import datetime
    import re

    from gaic_desktop.core.rules import acknowledge, evaluate

    rep = load(SEED)
    rep.signoff.date = datetime.date(2021, 1, 20)
    seen = [0]

    def bump(m):
        seen[0] += 1
        return f"{int(m.group(1)) + 1}件" if seen[0] <= n + 2 else m.group(0)

    rep.sections["s3"] = [re.sub(r"(\d+)件", bump, p) for p in rep.sections["s3"]]
    from gaic_desktop.core.lint import apply_fixes, lint_paragraphs

    for key, paras in rep.sections.items():  # the seed's typing slips corrected first
        rep.sections[key] = apply_fixes(paras, lint_paragraphs(paras, f"sections.{key}"))
    for f in evaluate(rep):
        assert not f.is_error
        acknowledge(rep, f, "正文所称件数含2件人大代表建议和政协提案，表三只统计政府信息公开申请，"
                            "按区政办〔2021〕3号口径填写。")
    return rep


def _sign_pages(rep) -> list[str]:
    texts, _, _ = _pages(rep, "审签版")
    i = next(k for k, t in enumerate(texts) if "年度报告审签单" in t)
    return texts[i:]


def test_the_sign_sheet_fits_one_page():
    """The seed (one unexplained warning), the 2021 sample and a report with six explained
    warnings: the 审签单 is one page (it spilled a line onto a second page before)."""
    many = _with_explained_warnings(6)
    from gaic_desktop.core.rules import evaluate

    assert sum(1 for f in evaluate(many) if f.acknowledged) == 6
    for rep in (load(SEED), load(S2021), many):
        pages = _sign_pages(rep)
        assert len(pages) == 1, squash(pages[-1])[:120]
    # every explained warning and its 说明 are on it, the sheet's own parts too
    sheet = squash(_sign_pages(many)[0])
    assert "已说明的警告（6处）" in sheet and sheet.count("说明：正文所称件数") == 6
    for word in ("拟稿人", "审核人", "签发人", "单位（盖章）"):
        assert word in sheet
    # with nothing explained, one line says so (no heading over a lone 「无。」)
    assert "已说明的警告：无" in squash(_sign_pages(load(S2021))[0])


def test_typing_slips_are_one_line_on_the_sign_sheet():
    """The seed's 36 typing slips (X-8: 22 half-width commas, 14 「1. 」) are counted in one line;
    its other open warning (落款日期, X-6) is listed as itself."""
    sheet = squash(_sign_pages(load(SEED))[0])
    assert "未说明的警告（37处）" in sheet
    assert "1.落款日期尚未填写" in sheet
    assert "2.正文标点、序号的书写问题36处" in sheet
    assert "半角逗号" not in sheet and "3." not in sheet.split("未说明的警告")[1][:200]


@pytest.mark.parametrize("length,dated,right_mm", [
    (28, True, 28 + 156),  # dated: the organisation is centred over the date; 28 characters fill the line
    (26, False, 28 + 156 - 2 * 156 / 28),  # undated: it ends two characters in from the right edge
])
def test_an_organisation_that_fills_the_signoff_line_prints_on_one_line(length, dated, right_mm):
    """A 落款 organisation as long as its line has room for stays on one line (28 characters
    when the date is printed under it, 26 without), its last character at the line's end."""
    from .pdfprobe import read_pages

    rep = load(S2021)
    org = ("示例省示例市示例区人民政府办公室" * 2)[:length]
    rep.signoff.organisation = org
    rep.signoff.date = datetime.date(2022, 1, 20) if dated else None
    data, _ = render_pdf(rep, ExportOptions(variant="公开版"))
    lines = [ln for p in read_pages(data) for ln in p.lines]
    (line,) = [ln for ln in lines if ln.text.startswith("示例省示例市")]
    assert line.text == org
    assert abs(line.chars[-1]["x1"] / MM - right_mm) < 0.3


@pytest.mark.parametrize("org,date", [
    ("示例市示例区人民政府", datetime.date(2022, 1, 20)),
    ("示例区政府办", datetime.date(2022, 11, 2)),
    ("示例市示例区人民政府办公室", datetime.date(2022, 3, 31)),  # longer than the date
])
def test_signoff_date_is_four_characters_in_and_the_organisation_centred_over_it(org, date):
    """GB/T 9704-2012 7.3.5: the date right-indented by four characters, the organisation
    centred over the date (to 0.3 mm: figures are narrower than the character pitch)."""
    from .pdfprobe import read_pages

    pitch = 156 / 28
    rep = load(S2021)
    rep.signoff.organisation, rep.signoff.date = org, date
    lines = [ln for p in read_pages(render_pdf(rep, ExportOptions(variant="公开版"))[0]) for ln in p.lines]
    i = max(k for k, ln in enumerate(lines) if ln.text == org)
    o, d = lines[i], lines[i + 1]
    assert d.text == f"{date.year}年{date.month}月{date.day}日"
    assert abs(d.chars[-1]["x1"] / MM - (28 + 156 - 4 * pitch)) < 0.3

    def centre(ln):
        return (ln.chars[0]["x0"] + ln.chars[-1]["x1"]) / 2 / MM

    assert abs(centre(o) - centre(d)) < 0.3
    assert o.chars[0]["x0"] / MM > 28 + 2 * pitch  # the name is not pushed to the left margin

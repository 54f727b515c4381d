"""Whatever can be saved can be loaded: the same limits where a value enters, in save and in load.

Property tests save random reports at and beyond every limit: either the file reloads exactly, or
the save is refused (Chinese message) and nothing on disk changes."""

import copy
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gaic_desktop.core import evaluate, load, new_report, save
from gaic_desktop.core.limits import (MAX_ACK_KEY_CHARS, MAX_ACK_MESSAGE_CHARS, MAX_ACKNOWLEDGEMENTS,
                                      MAX_EXPLANATION_CHARS, MAX_FILE_BYTES, MAX_NARRATIVE_CHARS,
                                      MAX_NOTE_CHARS, MAX_PARAGRAPHS, MAX_SHORT_TEXT, TextValueError)
from gaic_desktop.core.paste import PasteError, plan_paste
from gaic_desktop.core.report import Acknowledgement
from gaic_desktop.core.storage import ReportFileError, backup_path, dumps, loads
from gaic_desktop.core.values import MAX_COUNT, CellValueError

from ..conftest import SAMPLES

SEED = SAMPLES / "hanyang-2020.gaic.json"
T3_NEW = ["t3.new.natural", "t3.new.business", "t3.new.research"]


def _files(folder):
    return {n: (folder / n).read_bytes() for n in os.listdir(folder)}


# --------------------------------------------------------------------------- calculated totals


def test_entry_refuses_a_value_that_pushes_a_total_beyond_the_limit():
    r = new_report(2024, "某区")
    r.set_cell(T3_NEW[0], 999_999_999)
    with pytest.raises(CellValueError) as exc:
        r.check(T3_NEW[1], "200000010")
    assert "总计" in str(exc.value) and "1199999999" not in str(exc.value)
    assert "1200000009" in str(exc.value) and f"最大 {MAX_COUNT}" in str(exc.value)
    with pytest.raises(CellValueError):
        r.check(T3_NEW[1], 1)
    assert r.check(T3_NEW[1], 0) == 0  # 0 does not raise the total
    # two values that are fine alone but not together
    r.set_cell(T3_NEW[0], 600_000_000)
    r.check(T3_NEW[1], 300_000_000)
    r.check(T3_NEW[2], 300_000_000)
    with pytest.raises(CellValueError, match="超出可填写的范围"):
        r.check_cells({T3_NEW[1]: "300000000", T3_NEW[2]: "300000000"})
    # a paste is checked as a whole
    from gaic_desktop.core.paste import PasteGrid
    grid = PasteGrid(r, "t3")
    start = next(p for p in grid.placed if p.is_value and grid.ref(p) == T3_NEW[1])
    with pytest.raises(PasteError, match="粘贴未执行：.*超出可填写的范围"):
        plan_paste(r, "t3", start.row, start.col, [["300000000", "300000000"]])
    assert r.stored(T3_NEW[1]) is None


def test_a_total_beyond_the_limit_is_an_error_and_the_file_still_reloads_identically(tmp_path):
    r = new_report(2024, "某区")
    r.set_cell(T3_NEW[0], 999_999_999)  # set_cell does not check totals (undo sets cells one by one)
    r.set_cell(T3_NEW[1], 999_999_999)
    assert r.value("t3.new.total") == 1_999_999_998
    assert any(f.rule_id == "V-1" and f.is_error for f in evaluate(r))
    p = tmp_path / "r.gaic.json"
    save(r, p)
    assert "1999999998" not in p.read_text(encoding="utf-8")
    back = load(p)
    assert back == r and back.totals_mode == "auto" and back.value("t3.new.total") == 1_999_999_998
    assert dumps(back) == dumps(r)
    # the toggle to 照印刷录入 refuses as a whole: nothing changes
    before = copy.deepcopy(r)
    with pytest.raises(CellValueError, match="不能切换为“照印刷录入”"):
        r.set_totals_mode("printed")
    assert r == before and r.totals_mode == "auto"
    r.set_cell(T3_NEW[1], 0)
    r.set_totals_mode("printed")
    assert r.totals_mode == "printed" and r.stored("t3.new.total") == MAX_COUNT


def test_toggle_to_printed_and_back_is_exact():
    r = load(SEED)
    shown = r.effective_values()
    r.set_totals_mode("printed")
    assert r.effective_values() == shown
    r.set_totals_mode("auto")
    assert r.effective_values() == shown


# --------------------------------------------------------------------------- text limits

_CHARS = ["a", "中", "\x01", '"', "\\", "\U0001F600", "\n"]  # \x01: 6 bytes in JSON, the worst


def test_a_report_at_every_limit_with_the_worst_characters_fits_and_reloads(tmp_path):
    r = new_report(2024, "某区")
    big = "\x01"
    for f in ("organisation", "title"):
        setattr(r, f, big * MAX_SHORT_TEXT)
    r.signoff.organisation = r.contact.person = r.contact.phone = big * MAX_SHORT_TEXT
    r.people.drafter = r.people.reviewer = r.people.approver = big * MAX_SHORT_TEXT
    per = MAX_NARRATIVE_CHARS // MAX_PARAGRAPHS
    r.preface = [big * per] * (MAX_PARAGRAPHS // 2)
    r.sections["s1"] = [big * per] * (MAX_PARAGRAPHS // 2)
    r.cell_notes = {ref: big * MAX_NOTE_CHARS for ref in r.cells()}
    r.acknowledgements = {f"{i:03d}" + big * (MAX_ACK_KEY_CHARS - 3): Acknowledgement(
        explanation=big * MAX_EXPLANATION_CHARS, message=big * MAX_ACK_MESSAGE_CHARS)
        for i in range(MAX_ACKNOWLEDGEMENTS)}
    p = tmp_path / "max.gaic.json"
    save(r, p)
    size = p.stat().st_size
    assert size <= MAX_FILE_BYTES, size
    assert load(p) == r


@pytest.mark.parametrize("field,limit", [("organisation", MAX_SHORT_TEXT), ("title", MAX_SHORT_TEXT),
                                         ("contact.phone", MAX_SHORT_TEXT), ("people.approver", MAX_SHORT_TEXT)])
def test_short_fields_are_checked_on_entry(field, limit):
    r = new_report(2024, "某区")
    assert r.check_field(field, "中" * limit) == "中" * limit
    with pytest.raises(TextValueError, match=f"过长.*最多 {limit} 字"):
        r.check_field(field, "中" * (limit + 1))
    with pytest.raises(TextValueError, match="无法识别的字符"):
        r.check_field(field, "某\udc80")


def test_narrative_limit_counts_all_sections_together():
    r = new_report(2024, "某区")
    r.sections["s1"] = ["中" * (MAX_NARRATIVE_CHARS - 10)]
    r.check_field("sections.s2", ["中" * 10])
    with pytest.raises(TextValueError, match="开头部分和正文过长"):
        r.check_field("sections.s2", ["中" * 11])
    with pytest.raises(TextValueError, match="段落过多"):
        r.check_field("preface", [""] * (MAX_PARAGRAPHS + 1))
    assert "一、总体情况" in r.field_label("sections.s1")


_FIELDS = ["organisation", "title", "signoff.organisation", "contact.person", "people.drafter",
           "preface", "sections.s1", "sections.s6", "cell_notes", "ack.explanation", "ack.key", "acks"]


def _limit(field):
    return {"preface": MAX_NARRATIVE_CHARS, "sections.s1": MAX_NARRATIVE_CHARS, "sections.s6": MAX_NARRATIVE_CHARS,
            "cell_notes": MAX_NOTE_CHARS, "ack.explanation": MAX_EXPLANATION_CHARS, "ack.key": MAX_ACK_KEY_CHARS,
            "acks": MAX_ACKNOWLEDGEMENTS}.get(field, MAX_SHORT_TEXT)


def _put(r, field, text, n):
    if field in ("preface",):
        r.preface = [text]
    elif field.startswith("sections."):
        r.sections[field.split(".")[1]] = [text]
    elif field == "cell_notes":
        r.cell_notes["t3.new.natural"] = text
    elif field == "ack.explanation":
        r.acknowledgements["k"] = Acknowledgement.model_construct(explanation=text, message="m")
    elif field == "ack.key":
        r.acknowledgements[text] = Acknowledgement(explanation="说明的内容足够长了吧", message="m")
    elif field == "acks":
        for i in range(n):
            r.acknowledgements[f"k{i}"] = Acknowledgement(explanation="说明的内容足够长了吧", message="m")
    else:
        head, _, tail = field.partition(".")
        if tail:
            setattr(getattr(r, head), tail, text)
        else:
            setattr(r, head, text)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_save_reloads_exactly_or_refuses_and_changes_nothing(tmp_path, data):
    """Random reports at and beyond every limit (text lengths, broken characters, cell values,
    calculated totals): save -> load is exact, or save refuses and nothing on disk changes."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    p = folder / "r.gaic.json"
    r = load(SEED)
    save(r, p)
    save(r, p)  # a backup exists too
    before = _files(folder)
    for _ in range(data.draw(st.integers(1, 3))):
        field = data.draw(st.sampled_from(_FIELDS))
        limit = _limit(field)
        n = data.draw(st.sampled_from([0, 1, limit - 1, limit, limit + 1]))
        ch = data.draw(st.sampled_from(_CHARS + ["\udc80"]))
        text = (ch * n)[:n] if field != "acks" else ""
        if field == "ack.key" and n == 0:
            text = "k"
        _put(r, field, text, n)
    for ref in data.draw(st.lists(st.sampled_from(T3_NEW + ["t2.procurement.amount"]), max_size=3)):
        v = data.draw(st.sampled_from([MAX_COUNT, MAX_COUNT + 1, 0, 1]))
        if ref == "t2.procurement.amount":
            v = data.draw(st.sampled_from([Decimal("999999999999"), Decimal("0.000001"), Decimal("1.5")]))
        try:
            r.set_cell(ref, v)
        except CellValueError:
            pass
    try:
        save(r, p)
    except ReportFileError as exc:
        assert str(exc).startswith("没有保存") and "\udc80" not in str(exc)
        assert _files(folder) == before
        return
    back = load(p)
    assert back == r
    assert dumps(back) == p.read_text(encoding="utf-8")


def test_save_refuses_a_text_over_its_limit_and_writes_nothing(tmp_path):
    p = tmp_path / "r.gaic.json"
    r = load(SEED)
    save(r, p)
    before = _files(tmp_path)
    r.sections["s2"] = ["中" * (MAX_NARRATIVE_CHARS + 1)]
    with pytest.raises(ReportFileError, match="没有保存“r.gaic.json”：.*过长"):
        save(r, p)
    assert _files(tmp_path) == before
    r = load(SEED)
    r.title = "标题\udc80"
    with pytest.raises(ReportFileError, match="无法识别的字符"):
        save(r, p)
    assert _files(tmp_path) == before
    r = load(SEED)
    r.previous = None
    r.year = 10**6  # set without its check
    with pytest.raises(ReportFileError, match="报告年度"):
        save(r, p)
    assert _files(tmp_path) == before


# --------------------------------------------------------------------------- file fields


def _doc():
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path,value,fragment", [
    (("year",), Decimal("1e999999999"), "报告年度"),
    (("year",), 10**40, "报告年度"),
    (("year",), True, "报告年度"),
    (("previous",), {"year": Decimal("1e99999"), "format": "2019", "tables": {}}, "上年度数据／报告年度"),
    (("previous",), {"year": 1900, "format": "2019", "tables": {}}, "上年度数据／报告年度：数值过小"),
    (("signoff", "date"), 0, "落款／日期：日期格式不对"),
    (("signoff", "date"), 1700000000, "日期格式不对"),
    (("signoff", "date"), "2025-01-20T00:00:00", "日期格式不对"),
    (("title",), "x" * (MAX_SHORT_TEXT + 1), "报告标题：过长"),
    (("title",), "\udc80", "无法识别的字符"),
    (("sections",), {"s1": ["ok", "\ud800x"]}, "无法识别的字符"),
    (("acknowledgements",), {"\udc80": {"explanation": "x", "message": "y"}}, "无法识别的字符"),
    (("cell_notes",), {"t3.new.natural": "n" * (MAX_NOTE_CHARS + 1)}, "单元格备注过长"),
    (("tables", "t3", "new"), 5, "表三（"),
    (("tables", "t3", "new", "natural"), Decimal("1e-999999999"), "自然人"),
    (("tables", "t3", "new", "natural"), Decimal("1e9999999"), "超出可填写的范围"),
    (("tables", "t3", "new", "natural"), int("9" * 4000), "位数过多的数字（4000 位）"),
    (("tables", "t3", "new", "natural"), 10**40, "超出可填写的范围"),
    (("tables", "t2", "procurement", "amount"), Decimal("-1e-999999999"), "小数位过多"),
    (("tables", "t2", "procurement", "amount"), "1" * 5000, "无效"),
])
def test_every_field_is_checked_on_load(path, value, fragment):
    doc = _doc()
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    text = json.dumps(doc, ensure_ascii=False, default=str)
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool) and value > 10**30):
        text = text.replace(f'"{value}"', str(value))  # a bare JSON number
    with pytest.raises(ReportFileError) as exc:
        loads(text)
    msg = str(exc.value)
    assert fragment in msg, msg
    assert "t3" not in msg and "Traceback" not in msg and len(msg) < 500


def test_load_errors_name_the_forms_labels():
    doc = _doc()
    doc["tables"]["t3"]["new"] = 5
    with pytest.raises(ReportFileError) as exc:
        loads(json.dumps(doc, ensure_ascii=False))
    msg = str(exc.value)
    assert "表格数据／表三（" in msg and "／「一、本年新收政府信息公开申请数量」：类型不对" in msg, msg


def test_a_valid_date_still_loads():
    doc = _doc()
    doc["signoff"]["date"] = "2021-01-20"
    assert str(loads(json.dumps(doc, ensure_ascii=False)).signoff.date) == "2021-01-20"


def test_unknown_cells_of_last_years_figures_are_dropped_not_kept_raw():
    doc = _doc()
    doc["previous"] = {"year": 2019, "format": "2019", "tables": {"t3": {"zz": {"q": [1, {"a": "\u4e2d"}]}}}}
    r = loads(json.dumps(doc, ensure_ascii=False))
    assert r.previous.tables == {}


# --------------------------------------------------------------------------- numbers typed and pasted


@pytest.mark.parametrize("text", ["9" * 5000, "1" * 14, "1e9999999", "1e-999999999", "0." + "0" * 100 + "1",
                                  "１" * 4400, " " * 10**6 + "5" * 10**6])
def test_typed_numbers_are_bounded_before_conversion(text):
    r = new_report(2024, "某区")
    for ref in ("t3.new.natural", "t2.fee.amount"):
        with pytest.raises(CellValueError) as exc:
            r.check(ref, text)
        assert len(str(exc.value)) < 200


def test_a_huge_number_pasted_is_refused_in_chinese():
    r = new_report(2024, "某区")
    from gaic_desktop.core.paste import PasteGrid
    grid = PasteGrid(r, "t3")
    start = next(p for p in grid.placed if p.is_value and grid.ref(p) == T3_NEW[0])
    with pytest.raises(PasteError, match="粘贴未执行") as exc:
        plan_paste(r, "t3", start.row, start.col, [["9" * 5000, "1e999999999"]])
    assert len(str(exc.value)) < 300


def test_set_cell_refuses_an_unbounded_python_number():
    r = new_report(2024, "某区")
    for v in (10**5000, Decimal("1e-999999999"), Decimal("NaN")):
        with pytest.raises(CellValueError):
            r.set_cell("t3.new.natural", v)
    with pytest.raises(CellValueError):
        r.set_cell("t2.fee.amount", Decimal("1e-999999999"))


# --------------------------------------------------------------------------- backups


def test_a_refused_save_keeps_the_backup_too(tmp_path):
    p = tmp_path / "r.gaic.json"
    r = load(SEED)
    save(r, p)
    r.set_cell("t3.d1.natural", 3)
    save(r, p)
    bak = backup_path(p).read_bytes()
    r.organisation = "x" * (MAX_SHORT_TEXT + 1)
    with pytest.raises(ReportFileError):
        save(r, p)
    assert backup_path(p).read_bytes() == bak


_hostile_decimals = st.builds(
    lambda sign, digits, exp: Decimal((sign, tuple(digits) or (0,), exp)),
    st.integers(0, 1), st.lists(st.integers(0, 9), max_size=40),
    st.integers(-999_999_999, 999_999_999) | st.integers(-40, 40))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["count", "signed", "money"]),
       _hostile_decimals | st.integers(-10**60, 10**60) | st.sampled_from([Decimal("NaN"), Decimal("-Infinity")]))
def test_any_number_is_bounded_before_it_is_converted(kind, value):
    """Exponents up to ±999,999,999 and up to 60 digits: accepted within the cell's range or
    refused with a short Chinese message — never expanded (that would take gigabytes)."""
    from gaic_desktop.core.values import check_value, fmt_value

    try:
        got = check_value(kind, value)
    except CellValueError as exc:
        assert 0 < len(str(exc)) < 200
    else:
        assert got is None or abs(got) <= Decimal("999999999999")
    assert len(fmt_value(value)) < 80


_SEED_REPORT = load(SEED)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["t3.new.natural", "t2.procurement.amount"]),
       st.from_regex(r"\A[+-]?[0-9０-９]{0,70}([.。][0-9]{0,40})?([eE][+-]?[0-9]{1,12})?(万元|万)?\Z"))
def test_any_typed_number_is_parsed_or_refused_in_chinese(ref, text):
    try:
        v = _SEED_REPORT.check(ref, text)  # check() changes nothing
    except CellValueError as exc:
        assert len(str(exc)) < 200
    else:
        assert v is None or abs(v) <= Decimal("999999999999")

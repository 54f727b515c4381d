import json
import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gaic_desktop.core import NA, ReportFileError, load, new_report, save
from gaic_desktop.core.report import SCHEMA_VERSION
from gaic_desktop.core.storage import backup_path, dumps, loads

from ..conftest import SAMPLES

SEED_PATH = SAMPLES / "hanyang-2020.gaic.json"


def test_roundtrip_is_exact_and_stable(tmp_path):
    r = load(SEED_PATH)
    p = tmp_path / "x.gaic.json"
    save(r, p)
    again = load(p)
    assert again == r
    assert p.read_text(encoding="utf-8") == dumps(r) == dumps(again)
    text = p.read_text(encoding="utf-8")
    assert "汉阳区" in text and "\\u" not in text  # ensure_ascii=False
    assert '"amount": "17474.57"' in text  # money is an exact decimal string
    assert list(json.loads(text)) == list(json.loads(dumps(r)))


def test_shipped_samples_are_saved_canonically():
    for p in SAMPLES.glob("*.gaic.json"):
        assert p.read_text(encoding="utf-8") == dumps(load(p)), p.name


def test_three_states_survive_save_and_load(tmp_path):
    r = new_report(2024, "某某区人民政府")
    r.set_cell("t3.new.natural", 0)
    r.set_cell("t3.new.business", "/")
    r.set_cell("t2.fee.amount", "0.350")
    p = tmp_path / "s.gaic.json"
    save(r, p)
    back = load(p)
    assert back.value("t3.new.natural") == 0
    assert back.value("t3.new.business") == NA
    assert back.value("t3.new.research") is None
    assert back.value("t2.fee.amount") == Decimal("0.350") and str(back.value("t2.fee.amount")) == "0.350"


def test_save_keeps_previous_version_as_backup(tmp_path):
    p = tmp_path / "r.gaic.json"
    r = load(SEED_PATH)
    save(r, p)
    first = p.read_bytes()
    r.set_cell("t3.d1.natural", 1)
    save(r, p)
    assert backup_path(p).read_bytes() == first
    assert load(p).value("t3.d1.natural") == 1
    assert not [x for x in os.listdir(tmp_path) if x.endswith(".tmp")]


def test_full_disk_leaves_the_file_untouched(tmp_path, monkeypatch):
    p = tmp_path / "r.gaic.json"
    r = load(SEED_PATH)
    save(r, p)
    before = p.read_bytes()

    def no_space(fd):
        raise OSError(28, "No space left on device")  # delayed allocation fails at fsync

    monkeypatch.setattr(os, "fsync", no_space)
    r.set_cell("t3.d1.natural", 1)
    with pytest.raises(ReportFileError, match="磁盘空间不足"):
        save(r, p)
    monkeypatch.undo()
    assert p.read_bytes() == before
    assert not [x for x in os.listdir(tmp_path) if x.endswith(".tmp")]


def _bad_files():
    good = SEED_PATH.read_text(encoding="utf-8")
    data = json.loads(good)
    newer = dict(data, schema_version=SCHEMA_VERSION + 1)
    wrong_type = dict(data, year="二〇二〇")
    bad_cell = json.loads(good)
    bad_cell["tables"]["t3"]["new"]["natural"] = "abc"
    neg = json.loads(good)
    neg["tables"]["t3"]["new"]["natural"] = -5
    unknown_cell = json.loads(good)
    unknown_cell["tables"]["t3"]["new"]["zzz"] = 1
    return {
        "truncated": (good[: len(good) // 2].encode(), "已损坏或不完整"),
        "empty": (b"", "已损坏或不完整"),
        "binary": (bytes(range(256)), "UTF-8"),
        "list": (b"[1, 2, 3]", "结构不对"),
        "newer": (json.dumps(newer, ensure_ascii=False).encode(), "较新版本"),
        "wrong_type": (json.dumps(wrong_type, ensure_ascii=False).encode(), "报告年度"),
        "bad_cell": (json.dumps(bad_cell, ensure_ascii=False).encode(), "自然人"),
        "negative": (json.dumps(neg, ensure_ascii=False).encode(), "负数"),
        "unknown_cell": (json.dumps(unknown_cell, ensure_ascii=False).encode(), "t3.new.zzz"),
        "no_version": (b'{"format": "2021"}', "版本号"),
        "nan": (good.replace('"amount": "17474.57"', '"amount": NaN').encode(), "已损坏或不完整"),
    }


@pytest.mark.parametrize("case", list(_bad_files()))
def test_bad_files_give_a_clear_chinese_error_and_stay_untouched(tmp_path, case):
    content, fragment = _bad_files()[case]
    p = tmp_path / "bad.gaic.json"
    p.write_bytes(content)
    mtime = p.stat().st_mtime_ns
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert fragment in str(exc.value)
    assert p.read_bytes() == content and p.stat().st_mtime_ns == mtime
    assert not (tmp_path / "bad.gaic.json.bak").exists()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReportFileError, match="找不到"):
        load(tmp_path / "nope.gaic.json")
    with pytest.raises(ReportFileError, match="文件夹"):
        load(tmp_path)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "f.gaic.json"


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.binary(max_size=400) | st.binary(max_size=60).map(lambda b: SEED_PATH.read_bytes()[:200] + b))
def test_random_bytes_only_raise_our_error(scratch, blob):
    scratch.write_bytes(blob)
    try:
        load(scratch)
    except ReportFileError as exc:
        assert str(exc)
    assert scratch.read_bytes() == blob


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)

_keys = st.sampled_from(["schema_version", "format", "year", "tables", "sections", "variant",
                         "totals_mode", "previous", "signoff", "cell_notes", "acknowledgements", "title"])


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(_keys, _json, max_size=8), st.sampled_from([1, 0, 2, None]),
       st.sampled_from(["2019", "2021", "x", None]))
def test_random_json_documents_only_raise_our_error(doc, version, fmt):
    doc = dict(doc)
    if version is not None:
        doc["schema_version"] = version
    if fmt is not None:
        doc["format"] = fmt
    try:
        loads(json.dumps(doc))
    except ReportFileError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_reports_roundtrip(tmp_path, data):
    r = new_report(data.draw(st.sampled_from([2020, 2024])), "某某")
    refs = [ref for ref in r.cells() if not r.is_auto(ref)]
    for ref in data.draw(st.lists(st.sampled_from(refs), max_size=30)):
        kind = r.cell_info(ref).kind
        value = data.draw(
            st.none() | st.just(NA) |
            (st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False) if kind == "money"
             else st.integers(min_value=-50 if kind == "signed" else 0, max_value=10**6)))
        r.set_cell(ref, value)
    r.sections["s1"] = [data.draw(st.text(max_size=30))]
    assert loads(dumps(r)) == r


def test_previous_year_of_unknown_format_is_a_clear_error(tmp_path):
    data = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    data["previous"] = {"year": 2019, "format": "1999", "tables": {}}
    with pytest.raises(ReportFileError, match="未知的报告格式"):
        loads(json.dumps(data, ensure_ascii=False))


def test_auto_file_with_disagreeing_totals_opens_as_printed():
    data = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    assert data["totals_mode"] == "auto" and data["tables"]["t3"]["new"]["total"] == 221
    assert loads(json.dumps(data, ensure_ascii=False)).totals_mode == "auto"  # totals agree
    data["tables"]["t3"]["new"]["total"] = 222  # edited by hand or written by another tool
    r = loads(json.dumps(data, ensure_ascii=False))
    assert r.totals_mode == "printed" and r.value("t3.new.total") == 222
    from gaic_desktop.core import evaluate
    assert "T3-3:new" in {f.key for f in evaluate(r)}


def test_no_english_validation_text_reaches_the_user():
    data = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    for field, value, expected in [("year", 1999, "报告年度：数值过小"), ("totals_mode", "x", "合计方式：取值不在允许的范围内"),
                                   ("signoff", {"date": "昨天"}, "落款／日期：日期格式不对")]:
        with pytest.raises(ReportFileError) as exc:
            loads(json.dumps({**data, field: value}, ensure_ascii=False))
        assert expected in str(exc.value)
        assert not any("a" <= ch.lower() <= "z" for ch in str(exc.value).split("：", 1)[1]), str(exc.value)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_save_keeps_file_permissions(tmp_path):
    p = tmp_path / "shared.gaic.json"
    r = load(SEED_PATH)
    save(r, p)
    os.chmod(p, 0o664)
    save(r, p)
    assert (p.stat().st_mode & 0o777) == 0o664


def test_damaged_file_message_points_to_the_backup(tmp_path):
    p = tmp_path / "r.gaic.json"
    r = load(SEED_PATH)
    save(r, p)
    save(r, p)  # now r.gaic.json.bak exists
    p.write_bytes(p.read_bytes()[:100])
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert "r.gaic.json.bak" in str(exc.value) and "已损坏或不完整" in str(exc.value)


def test_escaped_surrogates_in_the_file_text():
    """The quick scan for \\uD800–\\uDFFF escapes decides only whether to look closer: a lone
    one is refused wherever it is, a valid pair (an emoji written by another tool) is read."""
    text = dumps(new_report(2024, "某某局"))
    pair = text.replace('"organisation": "某某局"', '"organisation": "某某局\\ud83d\\ude00"')
    assert loads(pair).organisation == "某某局😀"
    for lone in ("\\udc80", "\\uD800", "\\uDBFFx"):
        bad = text.replace('"organisation": "某某局"', f'"organisation": "某某局{lone}"')
        with pytest.raises(ReportFileError, match="无法识别的字符"):
            loads(bad)
    raw = text.replace('"organisation": "某某局"', '"organisation": "某某局\udc80"')  # in the str itself
    with pytest.raises(ReportFileError, match="无法识别的字符"):
        loads(raw)
    data = json.loads(text)
    data["sections"] = {"\udfff": ["x"]}  # a key; json.dumps writes it as the escape \udfff
    key = json.dumps(data)
    assert "\\udfff" in key
    with pytest.raises(ReportFileError, match="无法识别的字符"):
        loads(key)
    literal = text.replace('"organisation": "某某局"', '"organisation": "某某局\\\\ud800"')  # a backslash, then text
    assert loads(literal).organisation == "某某局\\ud800"


def test_long_numbers_are_read_exactly_wherever_long_digit_runs_appear():
    r = new_report(2024, "某某局")
    r.set_cell("t3.new.natural", 12)
    text = dumps(r)
    assert loads(text).value("t3.new.natural") == 12
    # a 25-digit phone-like string elsewhere takes the bounded path for integers: same result
    slow = text.replace('"organisation": "某某局"', '"organisation": "某某局1234567890123456789012345"')
    assert loads(slow).value("t3.new.natural") == 12
    too_big = text.replace('"natural": 12', '"natural": 1234567890123456789012345')
    with pytest.raises(ReportFileError, match="超出|过大"):
        loads(too_big)

"""What the user is told when a report cannot be saved or read: sizes in MB as a person reads
them, and where in the file the bad value sits, in the form's words."""

from __future__ import annotations

import json
import os

import pytest

from gaic_desktop.core import load
from gaic_desktop.core import storage
from gaic_desktop.core.storage import ReportFileError, check_saveable

from ..conftest import SAMPLES

SEED = SAMPLES / "hanyang-2020.gaic.json"


def test_a_report_too_large_to_save_names_its_size_and_the_limit():
    report = load(SEED)
    report.preface = ["字" * 8_000_000]  # 24 000 000 bytes of UTF-8 (assignment is not checked)
    with pytest.raises(ReportFileError) as exc:
        check_saveable(report)
    assert str(exc.value) == "没有保存“年报”：报告内容过多（23 MB），超过年报文件的上限 20 MB，请删减正文或备注。"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    """The size seen before reading is small, the bytes read are not (a file being written by
    another program): reading stops at the limit and the user is told the limit."""
    p = tmp_path / "growing.gaic.json"
    p.write_bytes(b" " * (20 * 1024 * 1024 + 10))
    real_fstat = os.fstat

    def fstat(fd):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               100, st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(storage.os, "fstat", fstat)
    real_read, read = os.read, []

    def counted(fd, n):
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(storage.os, "read", counted)
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert str(exc.value) == "文件“growing.gaic.json”过大（超过 20 MB），不是年报文件（年报文件不超过 20 MB）。"
    assert sum(read) == 20 * 1024 * 1024 + 1  # one byte past the limit tells, no more is read
    assert len(read) <= 22  # in chunks of 1 MB


def test_a_bad_value_in_the_text_is_located_by_section_heading(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["sections"]["s3"] = [5]
    p = tmp_path / "bad.gaic.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert str(exc.value) == "文件“bad.gaic.json”中的数据有误：正文／“三、收到和处理政府信息公开申请情况”／第 1 项：类型不对"


def test_last_years_figures_survive_save_and_load(tmp_path):
    """The cross-year rules (T3-5, T2-3 …) read last year's figures from this year's file: a
    save must write them and a load must bring them back, figure for figure."""
    from gaic_desktop.core.report import new_report
    from gaic_desktop.core.storage import save

    last = load(SAMPLES / "sample-2021.gaic.json")
    report = new_report(last.year + 1, last.organisation, last_year=last)
    assert report.previous is not None and report.previous.value("t3", "new", "natural") == 118
    path = tmp_path / "next.gaic.json"
    save(report, path)
    again = load(path)
    assert again.previous.value("t3", "new", "natural") == 118
    assert again.previous.value("t3", "carried_out", "total") == last.value("t3.carried_out.total")
    assert again.previous.tables == report.previous.tables


@pytest.mark.parametrize("umask,mode", [(0o027, 0o640), (0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_users_usual_permissions(tmp_path, umask, mode):
    """mkstemp makes 0600 files; a new report in a shared folder must be readable as the user's
    umask says (0o027 → rw-r-----), like any file they create — and never executable."""
    from gaic_desktop.core.storage import save

    old = os.umask(umask)
    try:
        path = tmp_path / "new.gaic.json"
        save(load(SEED), path)
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == mode


def test_a_folder_that_refuses_permission_changes_still_gets_the_report_saved(tmp_path, monkeypatch):
    """Some shared folders (SMB/FAT mounts) refuse chmod with EPERM: keeping the permissions is a
    courtesy, the save itself must go through and read back."""
    import errno

    from gaic_desktop.core.storage import save

    def refuse(path, mode, *args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(storage.os, "chmod", refuse)
    report = load(SEED)
    report.set_cell("t3.new.natural", 77)
    path = tmp_path / "share.gaic.json"
    save(report, path)
    save(report, path)  # a second save: over an existing file, with a backup
    assert load(path).value("t3.new.natural") == 77


def test_a_file_that_cannot_be_read_says_why(tmp_path, monkeypatch):
    import errno

    def refuse(p, limit):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(storage, "read_limited", refuse)
    with pytest.raises(ReportFileError) as exc:
        load(tmp_path / "r.gaic.json")
    msg = str(exc.value)
    assert msg.startswith("无法读取文件“r.gaic.json”：") and "没有权限" in msg and "Permission" not in msg


def test_a_table_of_the_wrong_shape_is_located_by_table_and_row(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["tables"]["t3"]["new"] = 5
    p = tmp_path / "bad.gaic.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert str(exc.value) == ("文件“bad.gaic.json”中的数据有误：表格数据／表三（收到和处理政府信息公开申请情况）／"
                              "「一、本年新收政府信息公开申请数量」：类型不对")


def test_a_number_literal_of_101_characters_is_refused_as_too_long():
    """100 characters is the longest number literal read (int and decimal alike); one more is
    not a report this program saved."""
    from gaic_desktop.core.storage import loads

    base = json.loads((SAMPLES / "sample-2021.gaic.json").read_text(encoding="utf-8"))
    text = json.dumps(base, ensure_ascii=False)
    for literal, n in (("0." + "0" * 97 + "1", 100), ("0." + "0" * 98 + "1", 101)):
        assert len(literal) == n
        bad = text.replace('"year": 2024', f'"year": {literal}', 1)
        assert bad != text
        with pytest.raises(ReportFileError) as exc:
            loads(bad)
        if n > 100:
            assert str(exc.value) == "文件中有位数过多的数字（101 位），不是本程序保存的年报文件。"
        else:
            assert "位数过多" not in str(exc.value)


def test_an_english_validation_text_is_never_shown():
    """A year of 31 digits fails a check that gives no Chinese text: the user gets 「数值无效」
    at the right place, nothing in English."""
    from gaic_desktop.core.storage import loads

    text = (SAMPLES / "sample-2021.gaic.json").read_text(encoding="utf-8")
    bad = text.replace('"year": 2024', '"year": 1000000000000000000000000000000', 1)
    assert bad != text
    with pytest.raises(ReportFileError) as exc:
        loads(bad)
    assert str(exc.value) == "文件中的数据有误：报告年度：数值无效"


@pytest.mark.parametrize("raised,shown", [
    ("not a valid year", "数值无效"),  # a library's English text is never shown
    ("z", "数值无效"),
    ("年份不对", "年份不对"),  # our own validators' Chinese text is kept
    ("应为1至12", "应为1至12"),
])
def test_a_validator_text_is_shown_only_when_it_is_chinese(raised, shown):
    """The guard behind test_an_english_validation_text_is_never_shown, on a validator of its own
    (no file of ours makes a library raise an English ValueError today)."""
    from pydantic import BaseModel, ValidationError, field_validator

    class M(BaseModel):
        year: int

        @field_validator("year")
        @classmethod
        def _check(cls, v):
            raise ValueError(raised)

    with pytest.raises(ValidationError) as exc:
        M(year=1)
    assert storage._describe(exc.value) == f"报告年度：{shown}"


def test_a_file_over_the_limit_is_refused_naming_its_size_in_mb(tmp_path):
    """A 25 MB file (sparse: nothing is written to disk) is refused at once with its size as a
    person reads it, not in bytes."""
    p = tmp_path / "big.gaic.json"
    with open(p, "wb") as f:
        f.truncate(25 * 1024 * 1024 + 300_000)
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert str(exc.value) == "文件“big.gaic.json”过大（25 MB），不是年报文件（年报文件不超过 20 MB）。"


def test_a_long_file_name_is_quoted_by_its_first_eighty_characters(tmp_path):
    name = "n" * 90 + ".gaic.json"  # 100 characters (ASCII: a file name holds 255 bytes)
    p = tmp_path / name
    p.write_text("{", encoding="utf-8")
    with pytest.raises(ReportFileError) as exc:
        load(p)
    assert str(exc.value).startswith(f"文件“{'n' * 80}…”")


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_a_value_that_cannot_be_written_as_json_is_refused_in_chinese():
    """A paragraph that is not text (code assigning to the model skips validation): saving is
    refused with a Chinese message, no TypeError reaches the window."""
    report = load(SEED)
    report.sections["s1"] = [{"not", "text"}]
    with pytest.raises(ReportFileError) as exc:
        check_saveable(report)
    assert str(exc.value).startswith("没有保存“年报”：报告中的数据有误：")


def test_a_value_set_past_its_checks_is_refused_on_save_naming_the_cell():
    """A negative count set directly on the model (no check on assignment): the save is refused
    with the cell and the reason, before anything is written."""
    report = load(SEED)
    report.tables["t3"]["new"]["natural"] = -5
    with pytest.raises(ReportFileError) as exc:
        check_saveable(report)
    assert str(exc.value) == ("没有保存“年报”：报告中的数据有误：「一、本年新收政府信息公开申请数量」的「自然人」："
                              "-5 是负数：本栏填写不小于0的整数")

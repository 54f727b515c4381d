"""The import's messages: a name beyond the file's limit is refused naming the limit; a file that
cannot be read is explained with core's table of system errors (one table for the program)."""

from __future__ import annotations

import errno

import pytest

from gaic_desktop.core.limits import MAX_SHORT_TEXT
from gaic_desktop.core.storage import os_error_text
from gaic_desktop.importer import ImportFailed, import_file, import_text

_BODY = ("2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n"
         "三、收到和处理政府信息公开申请情况\n")


def test_an_organisation_name_past_the_limit_is_refused_naming_the_limit():
    # quotes are dropped when the title is recognised, but kept in the name as printed
    name = "某区" + "「」" * MAX_SHORT_TEXT + "人民政府"
    with pytest.raises(ImportFailed) as exc:
        import_text(name + "\n" + _BODY)
    assert f"机关名称过长（{len(name)} 字，最多 {MAX_SHORT_TEXT} 字）" in str(exc.value)
    assert "无法识别" not in str(exc.value)


def test_a_name_within_the_limit_is_imported():
    name = "某区" + "「」" * 10 + "人民政府"
    assert import_text(name + "\n" + _BODY).report.organisation == name


@pytest.mark.parametrize("code", [errno.EACCES, errno.EIO, errno.ENOENT, errno.EISDIR])
def test_a_file_that_cannot_be_read_is_explained_in_core_words(tmp_path, monkeypatch, code):
    path = tmp_path / "report.txt"
    path.write_text(_BODY, encoding="utf-8")
    err = OSError(code, "English strerror")

    def refuse(*args, **kwargs):
        raise err

    monkeypatch.setattr("gaic_desktop.importer.sources.open", refuse, raising=False)
    with pytest.raises(ImportFailed) as exc:
        import_file(path)
    assert str(exc.value) == f"无法读取文件“report.txt”：{os_error_text(err)}。"
    assert "English" not in str(exc.value)

"""``gaic-desktop --selftest``: passes on a complete copy, names what is missing otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaic_desktop import selftest
from gaic_desktop.pdf import fonts  # noqa: F401  (imported before any test sets GAIC_RESOURCES:
#                                     BUNDLED_FONT_DIR is fixed when the module is first imported)

ROOT = Path(__file__).resolve().parents[1]


def test_selftest_passes_and_leaves_its_outputs(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    env.pop("GAIC_RESOURCES", None)
    out = subprocess.run([sys.executable, "-m", "gaic_desktop", "--selftest", "--out", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    for step in ("模块", "资源", "检查示例", "导出PDF", "导入PDF", "主窗口"):
        assert f"[通过] {step}" in out.stdout
    assert (tmp_path / "sample.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "imported.gaic.json").is_file()


def test_missing_resources_are_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("GAIC_RESOURCES", str(tmp_path))
    with pytest.raises(selftest.SelftestFailed, match="没有格式定义|缺少示例"):
        selftest._check_resources()


def test_a_failing_step_makes_the_exit_code_nonzero(monkeypatch, capsys):
    def broken() -> str:
        raise ModuleNotFoundError("No module named 'fontTools'")

    monkeypatch.setattr(selftest, "_check_imports", broken)
    for name in ("_check_resources", "_check_export", "_check_docx", "_check_import", "_check_window"):
        monkeypatch.setattr(selftest, name, lambda *a, **k: "ok")
    monkeypatch.setattr(selftest, "_run_cli", lambda argv: "ok")
    assert selftest.main([]) == 1
    out = capsys.readouterr().out
    assert "[失败] 模块：ModuleNotFoundError" in out and "自检失败：1 项未通过。" in out

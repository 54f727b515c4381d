import json
import shutil
import subprocess
import sys

from gaic_desktop.core import load

from ..conftest import DATA, ROOT, SAMPLES


def run(*args):
    return subprocess.run([sys.executable, "-m", "gaic_desktop", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_validate_ok_sample():
    out = run("validate", SAMPLES / "hanyang-2020.gaic.json")
    assert out.returncode == 0, out.stderr
    assert "共 0 处错误" in out.stdout and "数据指纹" in out.stdout


def test_validate_errors_exit_1_and_json(tmp_path):
    out = run("validate", DATA / "realreports" / "hongze-2023.gaic.json")
    assert out.returncode == 1
    assert "行政复议：总计（0）应等于" in out.stdout
    out = run("validate", "--json", DATA / "realreports" / "hongze-2023.gaic.json")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["errors"] == 2
    f = next(f for f in doc["findings"] if f["severity"] == "error")
    assert f["rule"] == "T4-1"
    cell = next(c for c in f["cells"] if c["column"] == "rv_total")
    assert cell == {"ref": "t4.cases.rv_total", "table": "t4", "table_title": "政府信息公开行政复议、行政诉讼情况",
                    "row": "cases", "row_label": "案件数", "column": "rv_total", "column_label": "行政复议·总计"}


def test_validate_unreadable_exit_2(tmp_path):
    bad = tmp_path / "bad.gaic.json"
    bad.write_text("{", encoding="utf-8")
    out = run("validate", bad)
    assert out.returncode == 2 and "无法读取" in out.stderr
    out = run("validate", "--json", bad)
    assert out.returncode == 2 and "error" in json.loads(out.stdout)


def test_new_creates_report_of_the_right_format(tmp_path):
    f = tmp_path / "n.gaic.json"
    out = run("new", "--year", 2025, "--org", "某某区人民政府", "-o", f)
    assert out.returncode == 0, out.stderr
    r = load(f)
    assert r.format == "2021" and r.year == 2025 and r.title == "" and r.display_title() == "某某区人民政府2025年政府信息公开工作年度报告"
    assert run("new", "--year", 2025, "--org", "x", "-o", f).returncode == 2  # no overwrite
    f19 = tmp_path / "o.gaic.json"
    assert run("new", "--year", 2020, "--org", "某某", "-o", f19).returncode == 0
    assert load(f19).format == "2019"
    seed = tmp_path / "seed.gaic.json"
    shutil.copy(SAMPLES / "hanyang-2020.gaic.json", seed)
    f21 = tmp_path / "c.gaic.json"
    assert run("new", "--year", 2021, "--org", "汉阳区", "--from", seed, "-o", f21).returncode == 0
    assert load(f21).previous.year == 2020


def test_new_refuses_what_could_not_be_saved_and_reopened(tmp_path):
    f = tmp_path / "n.gaic.json"
    out = run("new", "--year", 2025, "--org", "某" * 501, "-o", f)
    assert out.returncode == 2 and "机关名称过长" in out.stderr and not f.exists()
    out = subprocess.run([sys.executable.encode(), b"-m", b"gaic_desktop", b"new", b"--year", b"2025",
                          b"--org", b"\xff\xfe", b"-o", str(f).encode()], cwd=ROOT, capture_output=True)
    assert out.returncode == 2 and "无法识别的字符" in out.stderr.decode("utf-8") and not f.exists()
    assert b"Traceback" not in out.stderr
    out = run("new", "--year", 99999, "--org", "某", "-o", f)
    assert out.returncode == 2 and "报告年度" in out.stderr and not f.exists()
    f.mkdir()
    out = run("new", "--year", 2025, "--org", "某", "-o", f, "--force")
    assert out.returncode == 2 and "文件夹" in out.stderr and "Is a directory" not in out.stderr


def test_validate_names_the_form_not_internal_keys(tmp_path):
    doc = json.loads((SAMPLES / "hanyang-2020.gaic.json").read_text(encoding="utf-8"))
    doc["tables"]["t3"]["new"] = 5
    bad = tmp_path / "bad.gaic.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = run("validate", bad)
    assert out.returncode == 2 and "表三（" in out.stderr and "t3" not in out.stderr.replace(str(bad), "")

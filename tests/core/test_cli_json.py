"""``validate --json`` gives where each text finding is: X-1's sentence and X-8's slip (``span``)
and X-8's exact replacement (``fix``), as README's "Command line" documents them."""

import json
import subprocess
import sys

from gaic_desktop.core import load, save

from ..conftest import ROOT, SAMPLES


def validate_json(path) -> dict:
    out = subprocess.run([sys.executable, "-m", "gaic_desktop", "validate", "--json", str(path)],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_text_findings_carry_their_span_and_fix(tmp_path):
    report = load(SAMPLES / "hanyang-2020.gaic.json")
    report.sections["s3"] = ["前言。"] + list(report.sections["s3"])
    report.sections["s3"][1] = "2020年本机关收到政府信息公开申请999件，" + report.sections["s3"][1]
    path = tmp_path / "r.gaic.json"
    save(report, path)
    doc = validate_json(path)
    findings = doc["findings"]
    x1 = [f for f in findings if f["rule"] == "X-1"]
    x8 = [f for f in findings if f["rule"] == "X-8"]
    assert x1 and len(x8) == 36
    shown = {k: "\n".join(v) for k, v in report.sections.items()}
    (f,) = [f for f in x1 if "999" in f["message"]]
    assert f["span"]["field"] == "sections.s3" and f["fix"] is None
    a, b = f["span"]["start"], f["span"]["end"]
    assert shown["s3"][a:b] == f["span"]["text"] == "2020年本机关收到政府信息公开申请999件"
    assert a == len("前言。") + 1  # the second paragraph, after the line break
    for f in x8:
        span, fix = f["span"], f["fix"]
        assert span["field"] == fix["field"] == f"sections.{f['section']}"
        text = shown[f["section"]]
        assert text[span["start"]:span["end"]] == span["text"] == fix["found"]
        para = report.sections[f["section"]][fix["paragraph"]]
        assert para[fix["start"]:fix["end"]] == fix["found"] and fix["replacement"] != fix["found"]
        assert fix["what"] in f["message"]
    others = [f for f in findings if f["rule"] not in ("X-1", "X-8")]
    assert others and all(f["span"] is None and f["fix"] is None for f in others)

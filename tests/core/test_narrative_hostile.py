"""Narrative text that is huge or holds absurd figures: no exception anywhere, linear time."""

import json
import re
import subprocess
import sys
import time

from gaic_desktop.core import evaluate, load, save
from gaic_desktop.core.narrative import parse_statements, standard_paragraphs

from ..conftest import ROOT, SAMPLES

SEED = SAMPLES / "hanyang-2020.gaic.json"


def test_a_figure_of_thousands_of_digits_is_no_statement_and_raises_nothing():
    r = load(SEED)
    digits = "9" * 5000
    r.sections["s3"] = [f"本年度共收到政府信息公开申请{digits}件，其中自然人{digits}件。",
                        f"收取信息处理费{digits}.5元。", "1" * 4301 + "件" + "2" * 100000]
    findings = evaluate(r)  # the window evaluates on every keystroke
    assert all(len(f.message) < 1000 for f in findings)
    assert standard_paragraphs(r)


def test_a_file_with_such_a_figure_validates_without_a_traceback(tmp_path):
    r = load(SEED)
    r.sections["s3"] = ["本年度共收到政府信息公开申请" + "9" * 4301 + "件。"]
    p = tmp_path / "digits.gaic.json"
    save(r, p)
    for extra in ([], ["--json"]):
        out = subprocess.run([sys.executable, "-m", "gaic_desktop", "validate", str(p), *extra], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode in (0, 1), out.stderr
        assert "Traceback" not in out.stderr
    json.loads(out.stdout)


def test_rule_evaluation_is_linear_in_paragraph_length():
    """A guard against quadratic parsing (the old code needed many minutes for this paragraph):
    1 MB of text in one sentence, under a bound generous for a loaded machine.
    The timing itself is measured in bench/bench_core.py."""
    r = load(SEED)
    # the report's own prose as one sentence of 1 MB (the old parser rescanned the sentence up to
    # each figure: ~7,000 figures here)
    prose = re.sub("[。；！？]", "，", "".join(p for k in sorted(r.sections) for p in r.sections[k]))
    r.sections["s3"] = [(prose * (1_000_000 // len(prose) + 1))[:1_000_000]]
    parse_statements.cache_clear()
    t0 = time.perf_counter()
    findings = evaluate(r)
    elapsed = time.perf_counter() - t0
    assert findings
    assert elapsed < 20, f"rule evaluation of 1 MB of text took {elapsed:.1f} s"


def test_the_year_named_last_before_a_figure_still_decides():
    r = load(SEED)
    r.sections["s3"] = ["2019年收到申请99件，2020年收到申请77件。"]
    topics = [(s.topic, int(s.value)) for s in parse_statements((("s3", tuple(r.sections["s3"])),), r.year)]
    assert ("new", 77) in topics and ("new", 99) not in topics

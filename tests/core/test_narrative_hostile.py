"""Narrative text that is huge or holds absurd figures: no exception anywhere, read in full
(the time it takes: bench/bench_core.py)."""

import json
import re
import subprocess
import sys

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


def test_a_paragraph_of_one_megabyte_is_checked_in_full():
    """1 MB of the report's own prose in one sentence (the old parser rescanned the sentence up to
    each figure: ~7,000 figures here, many minutes). Every half-width comma in it is flagged, each
    with its own key: the whole paragraph was read, not a prefix. How long it takes is measured
    in bench/bench_core.py (1 MB against one regex scan), not asserted here."""
    r = load(SEED)
    prose = re.sub("[。；！？]", "，", "".join(p for k in sorted(r.sections) for p in r.sections[k]))
    text = (prose * (1_000_000 // len(prose) + 1))[:1_000_000]
    r.sections["s3"] = [text]
    parse_statements.cache_clear()
    findings = evaluate(r)
    commas = [f for f in findings if f.section == "s3" and "半角逗号" in f.message]
    assert text.count(",") > 3000
    assert len(commas) == len({f.key for f in commas}) == text.count(",")
    assert all(f.rule_id == "X-8" for f in findings if f.section == "s3")


def test_the_year_named_last_before_a_figure_still_decides():
    r = load(SEED)
    r.sections["s3"] = ["2019年收到申请99件，2020年收到申请77件。"]
    topics = [(s.topic, int(s.value)) for s in parse_statements((("s3", tuple(r.sections["s3"])),), r.year)]
    assert ("new", 77) in topics and ("new", 99) not in topics

"""Huge and hostile report files, generated here, checked by ``validate`` under a memory cap.

Each file is a few bytes of JSON that would expand to gigabytes if a number were converted before
it is bounded (``1e-999999999``, ``1e999999999``), or a file at or over the size limit, or text
and nesting meant to exhaust memory or time. One child process, its address space capped with
``resource.setrlimit(RLIMIT_AS)``, validates them all through the command line entry point,
each under a generous time bound: exit 0/1 (checked) or 2 (refused with a Chinese message),
never a traceback, never MemoryError, never a hang."""

import json
import subprocess
import sys

import pytest

from gaic_desktop.core.limits import MAX_FILE_BYTES

from ..conftest import ROOT, SAMPLES

resource = pytest.importorskip("resource")

MEMORY_CAP = 1024 * 1024 * 1024  # the reported cases took 4-6 GB
PER_CASE_SECONDS = 60
SEED = SAMPLES / "hanyang-2020.gaic.json"

DRIVER = r"""
import contextlib, io, json, signal, sys, time
from gaic_desktop.cli import main

class Timeout(Exception):
    pass

def alarm(*_):
    raise Timeout()

signal.signal(signal.SIGALRM, alarm)
results = {}
for path in sys.argv[2:]:
    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    signal.alarm(int(sys.argv[1]))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", path])
    except Timeout:
        code = "timeout"
    except BaseException as exc:
        code = f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.alarm(0)
    results[path] = [code, err.getvalue()[:300], round(time.perf_counter() - t0, 3)]
sys.__stdout__.write(json.dumps(results, ensure_ascii=False))
"""


def _seed() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def _with(raw_value: str, *path) -> str:
    doc = _seed()
    node = doc
    for k in path[:-1]:
        node = node.setdefault(k, {})
    node[path[-1]] = "@@@"
    return json.dumps(doc, ensure_ascii=False).replace('"@@@"', raw_value)


def _cases() -> dict[str, tuple[bytes, set]]:
    """name -> (file content, acceptable exit codes)"""
    natural = ("tables", "t3", "new", "natural")
    money = ("tables", "t2", "procurement", "amount")
    prev = '{"year": 1e99999, "format": "2019", "tables": {}}'
    long_text = _seed()
    long_text["sections"]["s3"] = ["本年度共收到政府信息公开申请12件，其中自然人10件，" * 30000]
    digits = _seed()
    digits["sections"]["s3"] = ["本年度共收到政府信息公开申请" + "9" * 5000 + "件。"]
    title = _seed()
    title["title"] = "标" * ((MAX_FILE_BYTES - 100_000) // 3)
    over = SEED.read_bytes() + b" " * (MAX_FILE_BYTES + 1)
    cases = {
        "count 1e-999999999": (_with("1e-999999999", *natural), {2}),
        "count 1e9999999": (_with("1e9999999", *natural), {2}),
        "count of 90 digits": (_with("9" * 90, *natural), {2}),
        "count of 5000 digits": (_with("9" * 5000, *natural), {2}),
        "money 1e999999999": (_with("1e999999999", *money), {2}),
        "money -1e-999999999": (_with("-1e-999999999", *money), {2}),
        "money 0E-999999999": (_with("0E-999999999", *money), {2}),
        "year 1e999999999": (_with("1e999999999", "year"), {2}),
        "previous.year 1e99999": (_with(prev, "previous"), {2}),
        "signoff.date 0": (_with("0", "signoff", "date"), {2}),
        "lone surrogate": (_with('"\\udc80"', "title"), {2}),
        "nesting a million deep": (_with("[" * 1_000_000 + "]" * 1_000_000, "title"), {2}),
        "title of nearly 20 MB": (json.dumps(title, ensure_ascii=False), {2}),
        "file over 20 MB": (over, {2}),
        "narrative figure of 5000 digits": (json.dumps(digits, ensure_ascii=False), {0, 1}),
        "narrative of 1 MB": (json.dumps(long_text, ensure_ascii=False), {0, 1}),
    }
    return {k: (v.encode("utf-8") if isinstance(v, str) else v, ok) for k, (v, ok) in cases.items()}


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def test_hostile_files_are_refused_quickly_under_a_memory_cap(tmp_path):
    files = {}
    for i, (name, (content, ok)) in enumerate(_cases().items()):
        p = tmp_path / f"case{i}.gaic.json"
        p.write_bytes(content)
        files[str(p)] = (name, ok)
    run = subprocess.run([sys.executable, "-c", DRIVER, str(PER_CASE_SECONDS), *files], cwd=ROOT,
                         preexec_fn=_cap, capture_output=True, text=True,
                         timeout=PER_CASE_SECONDS * len(files) + 60)
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout)
    bad = []
    for path, (code, err, seconds) in results.items():
        name, ok = files[path]
        if code not in ok or "Traceback" in err or "MemoryError" in err:
            bad.append(f"{name}: exit {code} after {seconds} s: {err!r}")
        elif code == 2 and not any("\u4e00" <= ch <= "\u9fff" for ch in err):
            bad.append(f"{name}: no Chinese message: {err!r}")
    assert not bad, "\n".join(bad)
    assert len(results) == len(files)
    print({files[p][0]: f"exit {c}, {s} s" for p, (c, _, s) in results.items()})

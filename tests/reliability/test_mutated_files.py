"""1,200 mutated report files: load() either opens one or refuses it with ReportFileError — never
another exception, never a hang. Every file that opens can be saved and opens again the same.

Mutations of real files: byte flips, truncations, insertions, deletions, duplicated ranges, and
JSON-level ones (a value somewhere replaced by a hostile one: huge or tiny exponents, thousands of
digits, broken characters, wrong types, deep nesting; keys dropped or added)."""

import copy
import json
import os
import random
import signal
import time
from decimal import Decimal

import pytest

from gaic_desktop.core import load, save
from gaic_desktop.core.storage import ReportFileError

from ..conftest import DATA, SAMPLES

BYTE_CASES = 600
JSON_CASES = 600
PER_CASE_SECONDS = 10  # generous for a loaded 2-core machine; a load takes milliseconds

SOURCES = [SAMPLES / "hanyang-2020.gaic.json", SAMPLES / "sample-2021.gaic.json",
           *sorted((DATA / "realreports").glob("*.gaic.json"))]

# Raw JSON texts spliced in for a value (some are not expressible as Python values).
HOSTILE = [
    "null", "true", "false", "-1", "0", "1.5", "999999999", "1000000000", "1e-999999999", "1e9999999",
    "1e999999999", "-1e-999999999", "9" * 5000, "0." + "0" * 5000 + "1", "1E+400", '"/"', '""',
    '"\\udc80"', '"\\ud800x"', '"x\\u0000y"', '"' + "中" * 60000 + '"', '"2024-13-45"', '"0"', "[]", "{}",
    "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, '"1e999999999"', '"NaN"', "[1,2,3]",
    '{"year": 1e99999, "format": "2019", "tables": {}}', '{"t3": {"new": {"natural": 1e9999999}}}',
]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _json_mutation(rng: random.Random, doc: dict) -> tuple[str, str]:
    doc = copy.deepcopy(doc)
    paths = [p for p in _paths(doc) if p]
    path = rng.choice(paths)
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    how = rng.random()
    marker = "\u0000MUTATION\u0000"
    if how < 0.15 and isinstance(parent, dict):
        del parent[path[-1]]
        return json.dumps(doc, ensure_ascii=False, default=str), f"drop {path}"
    if how < 0.25 and isinstance(parent, dict):
        parent[rng.choice(["zz", "total", "\u4e2d", "t9", "natural"])] = 1
        return json.dumps(doc, ensure_ascii=False, default=str), f"add key beside {path}"
    raw = rng.choice(HOSTILE)
    parent[path[-1]] = marker
    text = json.dumps(doc, ensure_ascii=False, default=str).replace(json.dumps(marker), raw)
    return text, f"{path} = {raw[:40]}"


def _byte_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    b = bytearray(data)
    kind = rng.randrange(6)
    i = rng.randrange(len(b))
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            j = rng.randrange(len(b))
            b[j] = rng.randrange(256)
        return bytes(b), "byte flips"
    if kind == 1:
        return bytes(b[:i]), f"truncated at {i}"
    if kind == 2:
        return bytes(b[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + b[i:]), f"insert at {i}"
    if kind == 3:
        return bytes(b[:i] + b[i + rng.randint(1, 200):]), f"delete at {i}"
    if kind == 4:
        n = rng.randint(1, 300)
        return bytes(b[:i] + b[i:i + n] + b[i:]), f"duplicate at {i}"
    digits = [j for j in range(len(b)) if 48 <= b[j] <= 57]
    j = rng.choice(digits)
    return bytes(b[:j] + rng.choice([b"e999999999", b"e-999999999", b"9" * 5000, b".5"]) + b[j:]), f"number at {j}"


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_mutated_files_load_or_are_refused_and_what_loads_saves_again(tmp_path):
    rng = random.Random(9_2024)
    sources = [(p.name, p.read_bytes()) for p in SOURCES if p.is_file()]
    docs = [(name, json.loads(data)) for name, data in sources]
    cases = []
    for _ in range(BYTE_CASES):
        name, data = rng.choice(sources)
        blob, what = _byte_mutation(rng, data)
        cases.append((f"{name}: {what}", blob))
    for _ in range(JSON_CASES):
        name, doc = rng.choice(docs)
        text, what = _json_mutation(rng, doc)
        cases.append((f"{name}: {what}", text.encode("utf-8", "surrogatepass")))
    f = tmp_path / "m.gaic.json"
    out = tmp_path / "again.gaic.json"
    problems = []
    opened = refused = 0
    slowest = 0.0
    old = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        for what, blob in cases:
            f.write_bytes(blob)
            t0 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, PER_CASE_SECONDS)
            try:
                report = load(f)
                opened += 1
                try:
                    save(report, out, keep_backup=False)
                    if load(out) != report:
                        problems.append(f"{what}: reopens different")
                except ReportFileError as exc:
                    problems.append(f"{what}: loads but cannot be saved: {exc}")
            except ReportFileError as exc:
                refused += 1
                msg = str(exc)
                if not msg or "Traceback" in msg or len(msg) > 2000:
                    problems.append(f"{what}: bad message {msg[:200]!r}")
            except _Timeout:
                problems.append(f"{what}: took over {PER_CASE_SECONDS} s")
            except Exception as exc:  # noqa: BLE001 - exactly what must not happen
                problems.append(f"{what}: {type(exc).__name__}: {str(exc)[:200]}")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            slowest = max(slowest, time.perf_counter() - t0)
            assert f.read_bytes() == blob, what  # load never changes the file
    finally:
        signal.signal(signal.SIGALRM, old)
    assert not problems, "\n".join(problems[:20])
    assert opened + refused == len(cases) >= 1000
    assert opened > 50 and refused > 500  # the mutations reach both outcomes
    print(f"{len(cases)} mutated files: {opened} opened, {refused} refused, slowest {slowest * 1000:.0f} ms")

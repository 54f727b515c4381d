"""Kill a saving process at random moments: the report and its backup always load.

A child process saves two different reports alternately in a tight loop; the parent SIGKILLs it
after a random delay spread over a save's duration (so every phase of a save is hit: the reload
check, the backup, the temp file, fsync, the rename), then loads the file and the backup. The
temporary files killed saves leave behind are removed by the next save.

The fork-and-kill loop runs in a fresh interpreter that imports only the core: forking the test
process itself (Qt, ReportLab and everything the suite loaded) would cost more than the saves."""

import json
import os
import subprocess
import sys

import pytest

from ..conftest import ROOT, SAMPLES

KILLS = 300

DRIVER = r"""
import json, os, random, signal, sys, time
from gaic_desktop.core import load, save
from gaic_desktop.core.storage import backup_path

seed, folder, kills = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = os.path.join(folder, "k.gaic.json")
a = load(seed)
b = load(seed)
b.sections["s1"] = b.sections["s1"] * 8  # a different size: a torn write would show
b.set_cell("t3.d1.natural", 7)
save(a, p)
t0 = time.perf_counter()
for _ in range(5):
    save(b, p)
one_save = (time.perf_counter() - t0) / 5
rng = random.Random(20240917)
problems, temps_seen, with_backup = [], 0, 0
for i in range(kills):
    pid = os.fork()
    if pid == 0:  # child: save until killed
        try:
            n = rng.randrange(2)
            while True:
                save(b if n % 2 else a, p)
                n += 1
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0, 1.5 * one_save))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    temps_seen += sum(n.endswith(".tmp") for n in os.listdir(folder))  # load() below removes them
    try:
        if load(p) not in (a, b):
            problems.append(f"kill {i}: the file holds neither version")
        if os.path.exists(backup_path(p)):
            with_backup += 1
            if load(backup_path(p)) not in (a, b):
                problems.append(f"kill {i}: the backup holds neither version")
    except Exception as exc:
        problems.append(f"kill {i}: {type(exc).__name__}: {exc}")
save(a, p)  # the next save removes what killed saves left
print(json.dumps({"problems": problems, "one_save_ms": round(one_save * 1000, 1), "temps_seen": temps_seen,
                  "with_backup": with_backup, "left": sorted(os.listdir(folder)), "final_ok": load(p) == a}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_killed_mid_save_never_leaves_a_broken_or_missing_file(tmp_path):
    run = subprocess.run([sys.executable, "-c", DRIVER, str(SAMPLES / "hanyang-2020.gaic.json"), str(tmp_path),
                          str(KILLS)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout)
    assert result["problems"] == []
    assert result["with_backup"] == KILLS
    assert result["left"] == ["k.gaic.json", "k.gaic.json.bak"]  # no temp file of a killed save is left
    assert result["final_ok"]
    assert result["temps_seen"] > 0  # kills did land while a temp file was written (and it went)
    print(result)

"""Kill a saving process at random moments: the report and its backup always load.

A child process saves two different reports alternately in a tight loop; the parent SIGKILLs it
after a random delay spread over two save durations (so every phase of a save is hit: the
reload check, the backup, the temp file, fsync, the rename), then loads the file and the backup.
The temporary files killed saves leave behind are removed by the next save."""

import os
import random
import signal
import time

import pytest

from gaic_desktop.core import load, save
from gaic_desktop.core.storage import backup_path

from ..conftest import SAMPLES

KILLS = 300


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_killed_mid_save_never_leaves_a_broken_or_missing_file(tmp_path):
    p = tmp_path / "k.gaic.json"
    a = load(SAMPLES / "hanyang-2020.gaic.json")
    b = load(SAMPLES / "hanyang-2020.gaic.json")
    b.sections["s1"] = b.sections["s1"] * 8  # a different size: a torn write would show
    b.set_cell("t3.d1.natural", 7)
    save(a, p)
    t0 = time.perf_counter()
    for _ in range(5):
        save(b, p)
    one_save = (time.perf_counter() - t0) / 5
    rng = random.Random(20240917)
    temps_seen = 0
    for i in range(KILLS):
        pid = os.fork()
        if pid == 0:  # child: save until killed
            try:
                n = rng.randrange(2)
                while True:
                    save(b if n % 2 else a, p)
                    n += 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 2 * one_save))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        got = load(p)  # must exist and be complete
        assert got in (a, b), i
        if backup_path(p).exists():
            assert load(backup_path(p)) in (a, b), i
        temps_seen = max(temps_seen, sum(n.endswith(".tmp") for n in os.listdir(tmp_path)))
    save(a, p)  # the next save removes what killed saves left
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")] == []
    assert sorted(os.listdir(tmp_path)) == ["k.gaic.json", "k.gaic.json.bak"]
    assert load(p) == a

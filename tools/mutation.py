#!/usr/bin/env python3
"""Mutation testing per module with cosmic-ray (``pip install -e .[mutation]``).

    python tools/mutation.py gaic_desktop/core/values.py
    python tools/mutation.py core/totals.py --tests tests/core/test_formats.py tests/core/test_report.py
    python tools/mutation.py core/values.py --report      # re-print a finished session

Each module is mutated against the tests that exercise it (MODULE_TESTS below, or --tests), so
one module takes minutes, not the whole suite per mutant. cosmic-ray writes each mutant into the
file on disk, runs the test command, and restores the file; do not edit the module while a run is
going, and do not run two sessions on the same checkout at once. Sessions are kept in
``.mutation/`` (ignored by git), so an interrupted run continues where it stopped.

Prints killed / survived / score and, with --show-survivors (default on), every surviving
mutant's diff. Not part of .ci/run: see docs/mutation.md.
"""

from __future__ import annotations

import argparse
import glob
import json
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = ROOT / ".mutation"

# module (relative to gaic_desktop/) -> test path globs (relative to the checkout)
MODULE_TESTS: dict[str, list[str]] = {
    "core/values.py": ["tests/core/test_values*.py", "tests/core/test_limits.py"],
    "core/totals.py": ["tests/core/test_totals*.py", "tests/core/test_formats.py", "tests/core/test_report.py"],
    "core/paste.py": ["tests/core/test_paste*.py"],
    "core/rules.py": ["tests/core/test_rules*.py"],
    "core/storage.py": ["tests/core/test_storage*.py"],
    "core/narrative.py": ["tests/core/test_narrative*.py"],
    "core/limits.py": ["tests/core/test_limits.py", "tests/core/test_values*.py"],
    "pdf/render.py": ["tests/pdf/test_geometry*.py", "tests/pdf/test_export.py", "tests/pdf/test_layout.py",
                      "tests/pdf/test_tables.py"],
    "importer/": ["tests/importer/test_import.py", "tests/core/test_realreports*.py"],
}


def module_path(arg: str) -> Path:
    p = Path(arg)
    for cand in (p, ROOT / p, ROOT / "gaic_desktop" / p):
        if cand.exists():
            return cand.resolve()
    sys.exit(f"no such module: {arg}")


def default_tests(mod: Path) -> list[str]:
    rel = mod.relative_to(ROOT / "gaic_desktop").as_posix()
    pats = MODULE_TESTS.get(rel)
    if pats is None:  # a file inside a mapped package (importer/build.py -> importer/)
        pats = next((v for k, v in MODULE_TESTS.items() if k.endswith("/") and rel.startswith(k)), None)
    if pats is None:
        sys.exit(f"no tests known for {rel}: pass --tests PATHS")
    # The module's own tests first: with -x most mutants die in the first seconds.
    files: list[str] = []
    for pat in pats:
        files += [f for f in sorted(glob.glob(str(ROOT / pat))) if f not in files]
    return files


def write_config(mod: Path, tests: list[str], timeout: float) -> tuple[Path, Path]:
    SESSIONS.mkdir(exist_ok=True)
    (SESSIONS / ".gitignore").write_text("*\n", encoding="utf-8")
    name = mod.relative_to(ROOT).as_posix().replace("/", "_").removesuffix(".py")
    cfg, db = SESSIONS / f"{name}.toml", SESSIONS / f"{name}.sqlite"
    # -x: the first failing test kills the mutant; no random order, no cache writes.
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
           *[str(Path(t).resolve().relative_to(ROOT)) for t in tests]]
    text = (
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(mod.relative_to(ROOT).as_posix())}\n"
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(shlex.join(cmd))}\n\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )
    if not cfg.exists() or cfg.read_text(encoding="utf-8") != text:
        cfg.write_text(text, encoding="utf-8")
        db.unlink(missing_ok=True)  # a different test selection: start afresh
    return cfg, db


def cosmic(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("cosmic-ray")
    return subprocess.run([str(exe), *args], cwd=ROOT, text=True, capture_output=True,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def summarise(db: Path, show_survivors: bool) -> int:
    out = cosmic("dump", str(db))
    if out.returncode:
        sys.exit(out.stderr)
    killed = survived = incompetent = pending = 0
    survivors = []
    for line in out.stdout.splitlines():
        item, result = json.loads(line)
        if not result:
            pending += 1
            continue
        outcome, worker = result.get("test_outcome"), result.get("worker_outcome")
        if worker == "timeout" or outcome == "killed":
            killed += 1
        elif outcome == "survived":
            survived += 1
            survivors.append((item, result))
        else:
            incompetent += 1
    if show_survivors:
        for item, result in survivors:
            m = item["mutations"][0]
            print(f"--- survived: {m['module_path']}:{m['start_pos'][0]} {m['operator_name']} #{m['occurrence']}")
            print((result.get("diff") or "").rstrip())
    total = killed + survived
    score = 100.0 * killed / total if total else 0.0
    print(f"\n{db.stem}: killed {killed}  survived {survived}  incompetent {incompetent}"
          f"  pending {pending}  score {score:.1f}%")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("module", help="e.g. gaic_desktop/core/values.py or core/values.py")
    ap.add_argument("--tests", nargs="+", help="test files to run against each mutant")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant (a timeout counts as killed)")
    ap.add_argument("--report", action="store_true", help="only print the stored session's result")
    ap.add_argument("--quiet", action="store_true", help="do not print surviving mutants' diffs")
    args = ap.parse_args()

    mod = module_path(args.module)
    tests = [str(Path(t).resolve()) for t in args.tests] if args.tests else default_tests(mod)
    cfg, db = write_config(mod, tests, args.timeout)
    if not args.report:
        print(f"mutating {mod.relative_to(ROOT)} against {len(tests)} test file(s)", flush=True)
        base = cosmic("baseline", str(cfg))
        if base.returncode:
            print(base.stdout, base.stderr, sep="\n")
            sys.exit("the tests fail on the unmutated code: fix them first")
        if not db.exists():
            r = cosmic("init", str(cfg), str(db))
            if r.returncode:
                sys.exit(r.stderr)
        r = cosmic("exec", str(cfg), str(db))
        if r.returncode:
            sys.exit(r.stderr)
    return summarise(db, not args.quiet)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Mutation testing per module with cosmic-ray (``pip install -e .[mutation]``).

    python tools/mutation.py gaic_desktop/core/values.py
    python tools/mutation.py core/totals.py --tests tests/core/test_formats.py tests/core/test_report.py
    python tools/mutation.py core/values.py --report      # re-print a finished session
    python tools/mutation.py pdf/render.py -k "not split_at_any"   # narrow the tests further
    python tools/mutation.py --table                      # the score of every stored session

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
import ast
import glob
import json
import os
import random
import shlex
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = ROOT / ".mutation"

# module (relative to gaic_desktop/) -> test path globs (relative to the checkout)
MODULE_TESTS: dict[str, list[str]] = {
    "core/values.py": ["tests/core/test_values*.py", "tests/core/test_limits.py"],
    "core/totals.py": ["tests/core/test_totals*.py", "tests/core/test_formats.py", "tests/core/test_report.py"],
    "core/paste.py": ["tests/core/test_paste*.py"],
    "core/rules.py": ["tests/core/test_rules*.py", "tests/core/test_explanations.py"],
    "core/storage.py": ["tests/core/test_storage*.py", "tests/core/test_merge.py"],  # merge: 汇总 files (sources) round trip
    "core/narrative.py": ["tests/core/test_narrative*.py"],
    "core/limits.py": ["tests/core/test_limits.py", "tests/core/test_values*.py"],
    # the fast PDF tests (geometry, fonts, typesetting, 落款, export) first; the slow page-break
    # sweeps (test_layout, split_at_any_page_position, …) are left out: pass -k "" and --tests to add them
    "pdf/render.py": ["tests/pdf/test_geometry_truth.py", "tests/pdf/test_render_progress.py", "tests/pdf/test_signsheet_pages.py",
                      "tests/pdf/test_page_drawing.py",
                      "tests/pdf/test_typeset.py", "tests/pdf/test_signoff.py",
                      "tests/pdf/test_export.py"],
    "pdf/progress.py": ["tests/pdf/test_render_progress.py"],
    # every importer test that reads imports (docs/mutation-importer.md), the files written against
    # single importer modules first (with -x most mutants die there); hostile/fuzz inputs and the
    # two Qt files are left out (slow, and they check refusals, not placements)
    "importer/": ["tests/importer/test_structure.py", "tests/importer/test_tables.py", "tests/importer/test_t3_labels.py",
                  "tests/importer/test_normalize.py", "tests/importer/test_build.py", "tests/importer/test_variants.py",
                  "tests/importer/test_import_mapping.py", "tests/importer/test_import.py", "tests/importer/test_realreports_truth.py",
                  "tests/importer/test_import_printed_errors.py", "tests/importer/test_signoff_headings.py",
                  "tests/importer/test_deviations.py", "tests/importer/test_messages.py", "tests/importer/test_zero_blank.py"],
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


def annotation_spans(mod: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) positions of the annotations in functions (arguments, returns, local
    ``x: T = ...``). With ``from __future__ import annotations`` these are never evaluated, so a
    mutant inside one is equivalent by construction. Class-level annotations are kept: pydantic
    and dataclasses read them."""
    tree = ast.parse(mod.read_text(encoding="utf-8"))
    if not any(isinstance(n, ast.ImportFrom) and n.module == "__future__"
               and any(a.name == "annotations" for a in n.names) for n in tree.body):
        return []
    spans = []

    def add(node: ast.AST | None) -> None:
        if node is not None:
            spans.append(((node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)))

    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = fn.args
            for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
                if arg is not None:
                    add(arg.annotation)
            add(fn.returns)
            for node in ast.walk(fn):
                if isinstance(node, ast.AnnAssign):
                    add(node.annotation)
    return spans


def prune(db: Path, mod: Path, sample: int | None, seed: int) -> dict:
    """Drop annotation-only mutants and, with ``sample``, keep a seeded random sample of the
    rest. Done once, right after ``cosmic-ray init``; what was dropped is kept beside the
    session (``.json``) so the report says what the score is of."""
    spans = annotation_spans(mod)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT job_id, start_pos_row, start_pos_col FROM mutation_specs").fetchall()
    inside = {j for j, r, c in rows if any(a <= (r, c) < b for a, b in spans)}
    keep = sorted(j for j, _, _ in rows if j not in inside)
    if sample is not None and sample < len(keep):
        keep = sorted(random.Random(seed).sample(keep, sample))
    drop = [j for j, _, _ in rows if j not in set(keep)]
    with con:
        for table in ("work_results", "mutation_specs", "work_items"):
            con.executemany(f"DELETE FROM {table} WHERE job_id = ?", [(j,) for j in drop])
    con.close()
    info = {"mutants": len(rows), "annotation_only": len(inside), "run": len(keep),
            "sample": sample, "seed": seed if sample is not None else None}
    db.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")
    return info


def rerun_survivors(db: Path) -> tuple[int, int]:
    """Make the surviving mutants pending again (to check them against tests added since), and
    drop the mutants never run (an interrupted session: its score is then of those it ran).
    Returns (survivors reset, never-run dropped)."""
    con = sqlite3.connect(db)
    with con:
        done = {j for (j,) in con.execute("SELECT job_id FROM work_results")}
        survived = [j for (j,) in con.execute(
            "SELECT job_id FROM work_results WHERE lower(test_outcome) = 'survived'"
            " AND lower(worker_outcome) != 'timeout'")]
        never = [j for (j,) in con.execute("SELECT job_id FROM work_items") if j not in done]
        con.executemany("DELETE FROM work_results WHERE job_id = ?", [(j,) for j in survived])
        for table in ("mutation_specs", "work_items"):
            con.executemany(f"DELETE FROM {table} WHERE job_id = ?", [(j,) for j in never])
    con.close()
    info_path = db.with_suffix(".json")
    if info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        info["run"] = info.get("run", 0) - len(never)
        info["rerun_survivors"] = info.get("rerun_survivors", 0) + len(survived)
        info_path.write_text(json.dumps(info), encoding="utf-8")
    return len(survived), len(never)


def write_config(mod: Path, tests: list[str], timeout: float, keyword: str | None,
                 sample: int | None, seed: int, keep: bool = False) -> tuple[Path, Path]:
    SESSIONS.mkdir(exist_ok=True)
    (SESSIONS / ".gitignore").write_text("*\n", encoding="utf-8")
    name = mod.relative_to(ROOT).as_posix().replace("/", "_").removesuffix(".py")
    cfg, db = SESSIONS / f"{name}.toml", SESSIONS / f"{name}.sqlite"
    # -x: the first failing test kills the mutant; no random order, no cache writes.
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
           *(["-k", keyword] if keyword else []),
           *[str(Path(t).resolve().relative_to(ROOT)) for t in tests]]
    text = (
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(mod.relative_to(ROOT).as_posix())}\n"
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(shlex.join(cmd))}\n\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n'
        f"# tools/mutation.py: sample {sample} seed {seed}\n"
    )
    if not cfg.exists() or cfg.read_text(encoding="utf-8") != text:
        cfg.write_text(text, encoding="utf-8")
        if not keep:  # a different test selection: start afresh
            db.unlink(missing_ok=True)
            db.with_suffix(".json").unlink(missing_ok=True)
    return cfg, db


def cosmic(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("cosmic-ray")
    return subprocess.run([str(exe), *args], cwd=ROOT, text=True, capture_output=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def tally(db: Path) -> tuple[dict[str, int], list]:
    """Outcome counts of a stored session, and its surviving mutants."""
    out = cosmic("dump", str(db))
    if out.returncode:
        sys.exit(out.stderr)
    n = dict(killed=0, timeout=0, survived=0, incompetent=0, pending=0)
    survivors = []
    for line in out.stdout.splitlines():
        item, result = json.loads(line)
        if not result:
            n["pending"] += 1
            continue
        outcome, worker = result.get("test_outcome"), result.get("worker_outcome")
        if worker == "timeout":
            n["timeout"] += 1
        elif outcome == "killed":
            n["killed"] += 1
        elif outcome == "survived":
            n["survived"] += 1
            survivors.append((item, result))
        else:
            n["incompetent"] += 1
    return n, survivors


def score_line(db: Path, n: dict[str, int]) -> str:
    # A timeout counts as killed (an endless loop is a failure a user notices), but is shown
    # apart: many timeouts mean the test selection is too slow for --timeout, not sharp tests.
    dead = n["killed"] + n["timeout"]
    total = dead + n["survived"]
    score = f"{100.0 * dead / total:5.1f}%" if total else "    -"
    info_path = db.with_suffix(".json")
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
    note = []
    if info.get("annotation_only"):
        note.append(f"{info['annotation_only']} in annotations skipped")
    if info.get("sample"):
        note.append(f"random sample (seed {info['seed']})")
    return (f"{db.stem:<34} {info.get('mutants', '?'):>7} {total:>5} {n['killed']:>6} {n['timeout']:>7}"
            f" {n['survived']:>8} {n['pending']:>7}  {score}  {'; '.join(note)}")


HEADER = (f"{'session':<34} {'mutants':>7} {'run':>5} {'killed':>6} {'timeout':>7} {'survived':>8}"
          f" {'pending':>7}  score")


def summarise(db: Path, show_survivors: bool) -> int:
    n, survivors = tally(db)
    if show_survivors:
        for item, result in survivors:
            m = item["mutations"][0]
            print(f"--- survived: {m['module_path']}:{m['start_pos'][0]} {m['operator_name']} #{m['occurrence']}")
            print((result.get("diff") or "").rstrip())
    print()
    print(HEADER)
    print(score_line(db, n))
    if n["incompetent"]:
        print(f"({n['incompetent']} incompetent mutants: not counted)")
    return 0


def table() -> int:
    """The score of every session stored in .mutation/ (finished or not)."""
    dbs = sorted(SESSIONS.glob("*.sqlite"))
    if not dbs:
        sys.exit("no stored sessions: run tools/mutation.py MODULE first")
    print(HEADER)
    for db in dbs:
        print(score_line(db, tally(db)[0]))
    print("score = (killed + timeout) / run; equivalent mutants are listed in docs/mutation.md")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("module", nargs="?", help="e.g. gaic_desktop/core/values.py or core/values.py")
    ap.add_argument("--tests", nargs="+", help="test files (or node ids) to run against each mutant")
    ap.add_argument("-k", dest="keyword", help="pytest -k expression to narrow the tests further")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per mutant (a timeout counts as killed)")
    ap.add_argument("--sample", type=int, help="run a seeded random sample of N mutants (a big module)")
    ap.add_argument("--seed", type=int, default=15, help="seed of --sample")
    ap.add_argument("--rerun-survivors", action="store_true",
                    help="run the surviving mutants again (after adding tests); mutants never run are dropped")
    ap.add_argument("--report", action="store_true", help="only print the stored session's result")
    ap.add_argument("--table", action="store_true", help="print the score of every stored session")
    ap.add_argument("--quiet", action="store_true", help="do not print surviving mutants' diffs")
    args = ap.parse_args()
    if args.table:
        return table()
    if not args.module:
        ap.error("name a module, or pass --table")

    mod = module_path(args.module)
    shared = Path(os.environ.get("GAIC_TEST_SHARED") or ROOT.parent / "shared")
    if not shared.is_dir():  # e.g. a copy of the checkout in /tmp (docs/mutation.md)
        print(f"warning: {shared} is missing: the tests that read it are skipped, and mutants only they"
              " would kill survive. Set GAIC_TEST_SHARED to the shared folder.", flush=True)
    tests = [str(Path(t).resolve()) for t in args.tests] if args.tests else default_tests(mod)
    cfg, db = write_config(mod, tests, args.timeout, args.keyword, args.sample, args.seed,
                           keep=args.rerun_survivors)
    if args.rerun_survivors:
        if not db.exists():
            sys.exit("no stored session to re-run")
        n, dropped = rerun_survivors(db)
        print(f"{n} surviving mutants to run again" + (f"; {dropped} never run, dropped" if dropped else ""),
              flush=True)
    if not args.report:
        print(f"mutating {mod.relative_to(ROOT)} against {len(tests)} test file(s)", flush=True)
        t0 = time.monotonic()
        base = cosmic("baseline", str(cfg))
        if base.returncode:
            print(base.stdout, base.stderr, sep="\n")
            sys.exit("the tests fail on the unmutated code: fix them first")
        took = time.monotonic() - t0
        print(f"baseline: the selected tests pass in {took:.0f} s", flush=True)
        if took > args.timeout / 2:
            print(f"warning: that is more than half of --timeout {args.timeout:.0f} s; a slow machine"
                  " would count surviving mutants as timeouts (killed). Raise --timeout or narrow -k.",
                  flush=True)
        if not db.exists():
            r = cosmic("init", str(cfg), str(db))
            if r.returncode:
                sys.exit(r.stderr)
            info = prune(db, mod, args.sample, args.seed)
            print(f"{info['mutants']} mutants, {info['annotation_only']} in annotations (never evaluated,"
                  f" skipped), {info['run']} to run" + (" (random sample)" if args.sample else ""), flush=True)
        r = cosmic("exec", str(cfg), str(db))
        if r.returncode:
            sys.exit(r.stderr)
    return summarise(db, not args.quiet)


if __name__ == "__main__":
    sys.exit(main())

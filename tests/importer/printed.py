"""The printed huaian-2024 report (../shared/realreports) with a few lines changed: the base of
the tests that change one thing of a real report and check where the figures land."""

from __future__ import annotations

from tests.conftest import SHARED

HUAIAN = SHARED / "realreports" / "huaian-2024.txt"


def huaian(replace: dict[str, str] | None = None, after: dict[str, list[str]] | None = None,
           before: dict[str, list[str]] | None = None) -> str:
    """The printed report with lines replaced, or lines inserted after / before a line (each
    keyed by the start of that line; the first match only)."""
    out: list[str] = []
    replace, after, before = dict(replace or {}), dict(after or {}), dict(before or {})
    for line in HUAIAN.read_text(encoding="utf-8").split("\n"):
        for start in list(before):
            if line.startswith(start):
                out += before.pop(start)
        for start in list(replace):
            if line.startswith(start):
                line = replace.pop(start)
        out.append(line)
        for start in list(after):
            if line.startswith(start):
                out += after.pop(start)
    assert not (replace or after or before), "a line to change was not found"
    return "\n".join(out)

"""The part of ``export`` that the Word document and the web page share: write the 公开版, say
how long it took, and warn (exit 0) when the report still has errors — as the PDF export writes
its 草稿 copy. Chinese on stdout/stderr."""
from __future__ import annotations

import sys
import time
from typing import Callable


def write_public_copy(report, output: str, write: Callable[[object, str], None],
                      failures: tuple[type[Exception], ...], what: str, with_errors: str) -> int:
    """``write(report, output)``; ``failures``: its exceptions with a Chinese message (exit 2);
    ``what``: 「Word 文档」/「网页」; ``with_errors``: the notice after 「注意：年报存在N处错误」."""
    from ..core.rules import error_count, evaluate

    t0 = time.perf_counter()
    try:
        write(report, output)
    except failures as exc:
        print(f"导出失败：{exc}", file=sys.stderr)
        return 2
    errors = error_count(evaluate(report))
    if errors:
        print(f"注意：年报存在{errors}处错误{with_errors}", file=sys.stderr)
    print(f"已导出 {output}（{what}，公开版，用时{time.perf_counter() - t0:.2f}秒）")
    return 0

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "resources" / "samples"
DATA = Path(__file__).resolve().parent / "data"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch):
    """A modal QMessageBox in a headless test would wait forever: make an unexpected one fail
    the test at once (tests that expect a message patch these themselves)."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind):
        def box(*args, **kwargs):
            text = args[2] if len(args) > 2 else kwargs.get("text", "")
            raise AssertionError(f"unexpected modal QMessageBox.{kind}: {text}")
        return box

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected(kind)))
    yield


def pytest_collection_modifyitems(config, items):
    """Tests that read ../shared (the seed text and the real reports) are skipped, with a
    reason, when that folder is not beside the checkout (CI always has it)."""
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason="需要仓库旁边的 ../shared（种子年报与真实年报），此处没有")
    for item in items:
        path = Path(str(item.fspath))
        if "SHARED" in path.read_text(encoding="utf-8"):
            item.add_marker(skip)

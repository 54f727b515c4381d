"""What the export dialog's progress bar receives while a PDF is made: fractions that only go
forward, from 0 to 1, with Chinese captions — and a layout that reports progress per flowable."""

from __future__ import annotations

from gaic_desktop.core import load
from gaic_desktop.pdf import export_pdf
from tests.conftest import SAMPLES


def test_progress_goes_forward_from_zero_to_one_with_chinese_captions(tmp_path):
    seen: list[tuple[float, str]] = []
    res = export_pdf(load(SAMPLES / "hanyang-2020.gaic.json"), tmp_path / "r.pdf",
                     progress=lambda f, text: seen.append((f, text)))
    assert res.pages >= 3
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) and all(0.0 <= f <= 1.0 for f in fractions)
    captions = [t for _, t in seen]
    assert captions[0] == "正在加载字体…" and captions[-1] == "导出完成"
    layout = [f for f, t in seen if t == "正在排版…"]
    assert len(layout) > 20  # one step per flowable of the story, not a single jump
    assert len(set(layout)) > 20  # the steps move the bar
    assert layout[0] < 0.15 and max(layout) > 0.9  # layout fills the bar from its start to near the end
    # the bar is not at its end a third of the way in (today it reaches 0.95 after about 55 % of
    # the steps: split parts of flowables are counted as steps but not in the total)
    assert layout[len(layout) // 3] < 0.8
    assert max(layout) <= 0.95 and "正在写入文件…" in captions


def test_the_time_reported_is_the_time_the_export_took(tmp_path):
    """「用时N秒」 of the command line's export message: at most the time measured around the call."""
    import time

    t0 = time.perf_counter()
    res = export_pdf(load(SAMPLES / "sample-2021.gaic.json"), tmp_path / "r.pdf")
    took = time.perf_counter() - t0
    assert 0 < res.seconds <= took

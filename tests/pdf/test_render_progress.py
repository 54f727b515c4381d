"""What the export dialog's progress bar receives while a PDF is made: fractions that only go
forward, from 0 to 1, with Chinese captions, in proportion to the work done (the layout per
flowable, the writing per PDF object), so the bar is not at its end half-way through."""

from __future__ import annotations

import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf import VARIANT_PUBLIC, VARIANT_SIGN, ExportOptions, export_pdf
from gaic_desktop.pdf.progress import ExportProgress, reset_estimates
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
    assert all(not any("a" <= c.lower() <= "z" for c in t.replace("PDF", "")) for t in captions)
    layout = [f for f, t in seen if t == "正在排版…"]
    assert len(layout) > 20  # one step per flowable of the story, not a single jump
    assert len(set(layout)) > 20  # the steps move the bar
    assert "正在生成PDF文件…" in captions and "正在写入文件…" in captions


def _export_counting_pages(tmp_path, monkeypatch, sample, variant=VARIANT_PUBLIC):
    """(pages begun when each fraction was reported, fraction), and the result."""
    from gaic_desktop.pdf import render

    begun = [0]
    on_page = render._Renderer.on_page

    def counting(self, canv, doc, numbered=True):
        begun[0] += 1
        return on_page(self, canv, doc, numbered)

    monkeypatch.setattr(render._Renderer, "on_page", counting)
    seen: list[tuple[int, float]] = []
    res = export_pdf(load(sample), tmp_path / "r.pdf", ExportOptions(variant=variant),
                     progress=lambda f, text: seen.append((begun[0], f)))
    return seen, res


@pytest.mark.parametrize("sample,variant", [
    (SAMPLES / "hanyang-2020.gaic.json", VARIANT_PUBLIC),
    (SAMPLES / "hanyang-2020.gaic.json", VARIANT_SIGN),
    (SAMPLES / "sample-2021.gaic.json", VARIANT_PUBLIC),
])
@pytest.mark.parametrize("earlier_exports", [0, 2])
def test_the_bar_is_not_near_its_end_before_the_pages_are_laid_out(tmp_path, monkeypatch, sample,
                                                                   variant, earlier_exports):
    """The bar used to reach 95 % when about half of the pages were laid out and sit there (split
    parts of flowables were counted as steps but not in the total; writing the file, a quarter
    of the time, was not counted at all). Now 90 % comes only after the last page has begun,
    and half-way only after the first page — whether the export is the process's first (the
    measured defaults) or follows others (the previous export's own rates)."""
    reset_estimates()
    for _ in range(earlier_exports):
        export_pdf(load(sample), tmp_path / "before.pdf", ExportOptions(variant=variant))
    seen, res = _export_counting_pages(tmp_path, monkeypatch, sample, variant)
    first_at_90 = next(pages for pages, f in seen if f >= 0.9)
    assert first_at_90 == res.pages
    # while the pages are laid out, the bar moves with them (a page every few per cent)
    during = [f for pages, f in seen if 1 <= pages < res.pages]
    assert max(during) - min(during) > 0.15


def test_split_flowables_hand_their_units_to_their_parts():
    clock = iter(range(100)).__next__
    p = ExportProgress(None, 100, clock=clock, step=0.0)
    a, b, a1, a2 = object(), object(), object(), object()
    story = [a, b]
    p.phase("fonts")
    p.phase("prepare")
    p.start_layout(story)
    p._pending = {id(a): (a, 60.0), id(b): (b, 40.0)}
    p._layout_total = 100.0
    start, width = p._span["layout"]
    story[:] = [a1, a2, b]  # a did not fit: split in two
    p.after_step(story)
    assert p.values[-1] == pytest.approx(start)  # nothing done yet: a's units went to its parts
    story[:] = [a2, b]  # the first part drawn
    p.after_step(story)
    assert p.values[-1] == pytest.approx(start + 0.3 * width)
    p.after_step([object()])  # another list (ReportLab's page-start actions): not the story
    assert p.values[-1] == pytest.approx(start + 0.3 * width)
    story[:] = []
    p.after_step(story)
    assert p.values[-1] == pytest.approx(start + width)


def test_the_next_export_is_estimated_from_the_previous_one():
    """Phases take the bar in proportion to their expected seconds: after an export whose layout
    took three times its writing, the next one gives the layout three times the room."""
    reset_estimates()
    ExportProgress(None, 1000).finish()  # the process's first export: its figures are not kept
    times = iter([0.0, 0.0, 1.0, 4.0, 5.0])  # fonts 0 s, prepare 1 s, layout 3 s, save 1 s
    p = ExportProgress(None, 1000, clock=lambda: next(times))
    for phase in ("fonts", "prepare", "layout", "save"):
        p.phase(phase)
    p.finish()
    q = ExportProgress(None, 2000)
    assert q._span["layout"][1] == pytest.approx(3 * q._span["save"][1])
    assert q._span["layout"][1] == pytest.approx(3 * q._span["prepare"][1])
    assert sum(w for _, w in q._span.values()) == pytest.approx(0.98)
    reset_estimates()


def test_the_time_reported_is_the_time_the_export_took(tmp_path):
    """「用时N秒」 of the command line's export message: at most the time measured around the call."""
    import time

    t0 = time.perf_counter()
    res = export_pdf(load(SAMPLES / "sample-2021.gaic.json"), tmp_path / "r.pdf")
    took = time.perf_counter() - t0
    assert 0 < res.seconds <= took

"""Random damage to real sources: every mutated file either imports or is refused with a Chinese
``ImportFailed`` — never another exception. Deterministic (fixed seeds), so a failure repeats.

The real published reports come from ../shared; those tests skip themselves when it is missing
(the .docx and web-page cases are generated from the bundled sample and always run).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.core.storage import load
from gaic_desktop.core.text import clean_spaces, join_broken_paragraphs
from gaic_desktop.importer import ImportFailed, ImportResult, import_file
from gaic_desktop.importer.build import _paras
from tests.conftest import ROOT, SAMPLES

from .helpers import to_docx, to_html

REAL_DIR = ROOT.parent / "shared" / "realreports"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flipped bits, overwritten/inserted/deleted/duplicated ranges,
    truncation."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not b:
            break
        op = rng.randrange(6)
        i = rng.randrange(len(b))
        n = rng.randint(1, 64)
        if op == 0:
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[i:i + n] = bytes(rng.randrange(256) for _ in range(len(b[i:i + n])))
        elif op == 2:
            b[i:i] = bytes(rng.randrange(256) for _ in range(n))
        elif op == 3:
            del b[i:i + n * rng.choice((1, 16))]
        elif op == 4:
            j = rng.randrange(len(b))
            b[j:j] = b[i:i + n * 8]
        else:
            del b[i:]
    return bytes(b)


def check_import(path: Path) -> None:
    try:
        res = import_file(path)
    except ImportFailed as exc:
        text = re.sub(r"“[^”]*”", "", str(exc))  # without the quoted file name or source text
        assert re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]{6,}", text), str(exc)
    else:
        assert isinstance(res, ImportResult)


def fuzz(tmp_path: Path, name: str, data: bytes, seeds: range) -> None:
    for seed in seeds:
        path = tmp_path / name
        path.write_bytes(mutate(data, random.Random(seed)))
        try:
            check_import(path)
        except AssertionError:
            raise
        except BaseException as exc:  # report the seed that reproduces it
            raise AssertionError(f"{name}, seed {seed}: {type(exc).__name__}: {exc}") from exc


def _real(name: str) -> bytes:
    if not REAL_DIR.is_dir():
        pytest.skip("需要仓库旁边的 ../shared（真实年报），此处没有")
    return (REAL_DIR / name).read_bytes()


@pytest.mark.parametrize("name", ["hongze-2023.txt", "hongze-2024.txt", "huaian-2024.txt"])
def test_mutated_real_text(tmp_path, name):
    fuzz(tmp_path, name, _real(name), range(80))


_PIECES = ["\t", "\n", "。", "、", "（一）", "一、", "二、", "三、", "四、", "总计", "自然人", "0", "9" * 30, "1e99999",
           "+", "/", "-", "万元", "(", ")", "2023年", "\u3000", "年度报告"]


@pytest.mark.parametrize("name", ["hongze-2023.txt", "hongze-2024.txt", "huaian-2024.txt"])
def test_mutated_real_text_words(tmp_path, name):
    """Damage at the level of the text: the form's words, numbers, tabs and line breaks moved,
    dropped and inserted (reaches the parser, where damaged bytes mostly stop at decoding)."""
    text = _real(name).decode("utf-8")
    for seed in range(80):
        rng = random.Random(seed)
        chars = list(text)
        for _ in range(rng.randint(1, 12)):
            i = rng.randrange(len(chars))
            op = rng.randrange(3)
            if op == 0:
                chars[i:i] = [rng.choice(_PIECES)]
            elif op == 1:
                del chars[i:i + rng.randint(1, 40)]
            else:
                j = rng.randrange(len(chars))
                chars[j:j] = chars[i:i + rng.randint(1, 200)]
        (tmp_path / name).write_text("".join(chars), encoding="utf-8")
        check_import(tmp_path / name)


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf"])
def test_mutated_real_pdf(tmp_path, name):
    fuzz(tmp_path, name, _real(name), range(30))


def _sample_docx() -> bytes:
    return to_docx(load(SAMPLES / "sample-2021.gaic.json"))


def test_mutated_docx_bytes(tmp_path):
    fuzz(tmp_path, "report.docx", _sample_docx(), range(150))


def test_mutated_docx_xml(tmp_path):
    """Damage inside word/document.xml, re-packed so the zip itself is sound."""
    xml = zipfile.ZipFile(io.BytesIO(_sample_docx())).read("word/document.xml")
    for seed in range(150):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", mutate(xml, random.Random(seed)))
        (tmp_path / "report.docx").write_bytes(buf.getvalue())
        check_import(tmp_path / "report.docx")


def test_mutated_web_page(tmp_path):
    page = to_html(load(SAMPLES / "sample-2021.gaic.json")).encode()
    fuzz(tmp_path, "report.html", page, range(150))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="一二十、（）。；a 5\t", max_size=60), max_size=20))
def test_paragraphs_are_joined_as_core_joins_them(paras):
    """The importer's linear-time joining gives exactly core.text.join_broken_paragraphs."""
    assert _paras(paras) == join_broken_paragraphs([clean_spaces(p) for p in paras if clean_spaces(p)])

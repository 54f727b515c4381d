"""Bounds on what pdfminer decodes and lays out during an import.

pdfminer.six inflates a stream in one call (``zlib.decompress``: a 1 MB flate bomb becomes
2 GB), has a byte-at-a-time recovery for damaged streams that copies the growing output per
byte, and lays out every glyph of a page before anyone can count them. It has no hooks for
limits, so ``install()`` replaces, once per process, the few module-level names it decodes
through (``pdftypes.zlib``, ``decompress_corrupted``, ``lzwdecode``, ``rldecode``) and wraps
``PDFStream.decode`` and the layout analyser's ``render_char``/``paint_path`` with counting
versions.

The replacements only limit while an import runs in the current thread (the ``Job`` in the
context variable set by ``pdf_reader``); anywhere else they behave exactly like pdfminer's own.
A limit hit raises ``LimitExceeded`` and is also remembered on the job, because pdfplumber wraps
every exception from pdfminer (``PdfminerException``) and some pdfminer code swallows errors.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import logging
import types
import zlib

from .limits import Job, LimitExceeded, mb

log = logging.getLogger(__name__)

CURRENT_JOB: contextvars.ContextVar[Job | None] = contextvars.ContextVar("gaic_import_job", default=None)

_installed = False


def _stream_limit() -> int | None:
    job = CURRENT_JOB.get()
    return None if job is None else job.limits.pdf_stream_bytes


def _too_big(job: Job | None) -> LimitExceeded:
    assert job is not None
    return job.refuse(f"PDF 中有数据流解压后超过 {mb(job.limits.pdf_stream_bytes)} 的上限（可能是恶意构造的文件）")


def _inflate(data: bytes) -> bytes:
    """``zlib.decompress`` that stops one byte past the per-stream limit."""
    limit = _stream_limit()
    if limit is None:
        return zlib.decompress(data)
    d = zlib.decompressobj()
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise _too_big(CURRENT_JOB.get())
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (a stream with a bad checksum: keep what inflates;
    an error before the last 3 bytes is raised), in linear time and bounded."""
    limit = _stream_limit()
    d = zlib.decompressobj()
    cap = 0 if limit is None else limit + 1
    out = bytearray(d.decompress(data[:-3], cap))  # raises zlib.error for damage before the tail
    for i in range(max(len(data) - 3, 0), len(data)):
        if limit is not None and (len(out) > limit or d.unconsumed_tail):
            break
        try:
            out += d.decompress(d.unconsumed_tail + data[i:i + 1], cap and cap - len(out))
        except zlib.error:
            log.debug("data lost while inflating a damaged PDF stream")
            break
    if limit is not None and (len(out) > limit or d.unconsumed_tail):
        raise _too_big(CURRENT_JOB.get())
    return bytes(out)


def _lzw(data: bytes, _original=None) -> bytes:
    from pdfminer.lzw import LZWDecoder

    limit = _stream_limit()
    if limit is None:
        return _original(data)
    out, n = [], 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        n += len(piece)
        if n > limit:
            raise _too_big(CURRENT_JOB.get())
        out.append(piece)
    return b"".join(out)


def _run_length(data: bytes, _original=None) -> bytes:
    """RunLengthDecode (PDF 1.7 §7.4.5), stopping at the limit; a truncated run ends the data."""
    limit = _stream_limit()
    if limit is None:
        return _original(data)
    out = bytearray()
    i, n = 0, len(data)
    while i < n and data[i] != 128:
        length = data[i]
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) > limit:
            raise _too_big(CURRENT_JOB.get())
    return bytes(out)


def _wrap_decode(original):
    def decode(self) -> None:
        original(self)
        job = CURRENT_JOB.get()
        if job is None or self.data is None:
            return
        if len(self.data) > job.limits.pdf_stream_bytes:
            raise _too_big(job)
        job.decoded_bytes += len(self.data)
        if job.decoded_bytes > job.limits.pdf_decoded_bytes:
            raise job.refuse(f"PDF 解压后的数据总量超过 {mb(job.limits.pdf_decoded_bytes)} 的上限")
    return decode


def _wrap_layout(original, what: str):
    def counted(self, *args, **kwargs):
        job = CURRENT_JOB.get()
        if job is not None:
            job.pdf_objects += 1
            if job.pdf_objects > job.limits.pdf_objects:
                raise job.refuse(f"PDF 的文字和图形对象超过 {job.limits.pdf_objects:,} 个的上限，不像是一份年度报告")
            if job.pdf_objects % 1024 == 0:
                job.check()  # 取消 within a heavy page
        return original(self, *args, **kwargs)
    counted.__name__ = what
    return counted


_originals: dict[tuple[object, str], object] = {}
_disabled = False


def _replace(owner, name: str, value) -> None:
    _originals[(owner, name)] = getattr(owner, name)
    setattr(owner, name, value)


def install() -> None:
    """Put the bounded decoders into pdfminer (once per process)."""
    global _installed
    if _installed or _disabled:
        return
    from pdfminer import converter, pdftypes

    missing = [n for n in ("zlib", "decompress_corrupted", "lzwdecode", "rldecode") if not hasattr(pdftypes, n)]
    if missing:  # pragma: no cover - a pdfminer.six that moved its decoders: the limits would not hold
        log.warning("pdfminer.pdftypes has no %s; PDF stream limits not installed", missing)
        return
    lzw, rl = pdftypes.lzwdecode, pdftypes.rldecode
    _replace(pdftypes, "zlib", types.SimpleNamespace(decompress=_inflate, decompressobj=zlib.decompressobj,
                                                     error=zlib.error))
    _replace(pdftypes, "decompress_corrupted", _inflate_damaged)
    _replace(pdftypes, "lzwdecode", lambda data: _lzw(data, lzw))
    _replace(pdftypes, "rldecode", lambda data: _run_length(data, rl))
    _replace(pdftypes.PDFStream, "decode", _wrap_decode(pdftypes.PDFStream.decode))
    analyzer = converter.PDFLayoutAnalyzer
    _replace(analyzer, "render_char", _wrap_layout(analyzer.render_char, "render_char"))
    _replace(analyzer, "paint_path", _wrap_layout(analyzer.paint_path, "paint_path"))
    _installed = True


@contextlib.contextmanager
def disabled():
    """pdfminer exactly as shipped, for measuring what the bounds cost (bench/bench_import.py)."""
    global _installed, _disabled
    for (owner, name), value in _originals.items():
        setattr(owner, name, value)
    _originals.clear()
    _installed, _disabled = False, True
    try:
        yield
    finally:
        _disabled = False

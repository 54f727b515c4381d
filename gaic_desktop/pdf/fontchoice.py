"""One usable font file (or face of a TTC collection) for the PDF export."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FontChoice:
    """One font file (or one face of a TTC collection) usable for the PDF."""

    key: str
    """Stable identifier, e.g. ``"bundled:song"`` or ``"system:simfang.ttf"``;
    suitable for saving the user's choice in settings."""
    style: str
    """What the font is: one of ``song``, ``fangsong``, ``hei``, ``kai``, ``title``."""
    display_name: str
    """Chinese name for the export dialog, e.g. 「仿宋_GB2312（系统）」."""
    path: Path
    subfont_index: int = 0
    source: str = "bundled"
    """``"system"`` or ``"bundled"``."""
    official: bool = False
    """True for the fonts named by the official-document standard (GB/T 9704
    practice): SimSun, SimHei, FangSong(_GB2312), KaiTi(_GB2312), 方正 fonts."""

    @property
    def is_bundled(self) -> bool:
        return self.source == "bundled"

    @property
    def registered_name(self) -> str:
        """The name under which :class:`FontSet` registers it with ReportLab."""
        if self.source == "bundled":
            return "GAIC-" + self.style.capitalize()
        stem = re.sub(r"[^A-Za-z0-9]+", "", self.path.stem) or "font"
        digest = hashlib.sha1(f"{self.path}#{self.subfont_index}".encode("utf-8")).hexdigest()[:8]
        return f"GAIC-sys-{stem}-{self.subfont_index}-{digest}"

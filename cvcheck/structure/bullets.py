"""Bullets: the glyphs and numbers that open list items, and dashes that only look like one."""

from __future__ import annotations

import re
from collections import Counter

from cvcheck.structure.work import WorkLine

_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")


def undo_lone_dashes(work: list[WorkLine]) -> list[WorkLine]:
    """A dash opening one line only is a wrapped "– Specialty", not a list: keep it as text."""
    counts = Counter(w.marker.strip()[:1] for w in work if w.marker)
    for w in work:
        glyph = w.marker.strip()[:1]
        if glyph and glyph in "-–—" and counts[glyph] < 2:
            w.kind, w.text, w.marker = "text", w.marker + w.text, ""
    return work


def strip_bullet(text: str, glyphs: frozenset[str]) -> str | None:
    """The text after a leading bullet glyph or item number, or None when there is none."""
    first = text[0]
    if first in glyphs:
        rest = text[1:]
        if rest[:1] in (" ", "\t"):
            return rest.lstrip(" \t") or None
        # "•Led the..." and PDF's "-Italian" (no space) are bullets too; "-5%" is not
        if first not in "-+*–—" or rest[:1].isupper():
            return rest or None
        return None
    m = _NUMBERED.match(text)
    if m and len(text) > m.end() + 12:
        return text[m.end() :]
    return None

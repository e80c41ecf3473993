"""Text clean-up shared by every format: Unicode normalisation and extraction debris."""

from __future__ import annotations

import re
import unicodedata

_CID = re.compile(r"\(cid:\d+\)")
_URI_SCHEME = re.compile(r"\b(?:mailto|tel):(?=\S)", re.IGNORECASE)  # link targets, never printed
# zero-width spaces, word joiners, BOMs, soft hyphens and unmapped glyphs; the zero-width
# joiner stays (emoji sequences and Indic scripts need it)
_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad\ufffd\ue000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1: never reach a terminal
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TABS = re.compile(r"\s*\t[\s\t]*")


def clean(text: str) -> str:
    """NFKC (ligatures, full-width forms, Kangxi radicals), debris dropped, spaces folded.

    Tabs (field gaps) survive as single tabs; callers decide how to show them.
    """
    text = _CID.sub("", text)
    text = _URI_SCHEME.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TABS.sub("\t", text)
    return text.strip(" \t")


def display(text: str) -> str:
    """A line as people read it: field gaps shown as two spaces."""
    return text.replace("\t", "  ")

"""The reading vocabulary (cvcheck/data/reading.toml), loaded once and compiled for lookups."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ReadingVocab:
    headings: dict[str, str]  # heading key → canonical section
    bullet_glyphs: frozenset[str]
    title_words: frozenset[str]
    present_words: frozenset[str]
    location_words: frozenset[str]
    stopwords: dict[str, frozenset[str]]  # language → function words


@cache
def vocab() -> ReadingVocab:
    raw = tomllib.loads(resources.files("cvcheck").joinpath("data/reading.toml").read_text("utf-8"))
    headings: dict[str, str] = {}
    for section, names in raw["sections"].items():
        for name in names:
            headings.setdefault(heading_key(name), section)
    return ReadingVocab(
        headings=headings,
        bullet_glyphs=frozenset(raw["bullets"]["glyphs"]),
        title_words=frozenset(w.casefold() for w in raw["roles"]["title_words"]),
        present_words=frozenset(w.casefold() for w in raw["roles"]["present"]),
        location_words=frozenset(w.casefold() for w in raw["roles"]["location_words"]),
        stopwords={lang: frozenset(words) for lang, words in raw["language"].items()},
    )


_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def heading_key(text: str) -> str:
    """Normalise a heading for lookup: case, accents kept, punctuation and '&'/'and' folded."""
    key = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    key = _NON_WORD.sub(" ", key)
    key = _SPACES.sub(" ", key).strip()
    words = key.split(" ")
    if len(words) > 3 and all(len(w) == 1 for w in words):  # "E X P E R I E N C E"
        key = "".join(words)
    key = re.sub(r"^(\d+|[ivx]+)\s+", "", key)  # "1. Experience", "II Education"
    return " ".join(w for w in key.split(" ") if w != "and")


_COMPOUND = re.compile(r"\s*(?:&|\band\b|[与和及・·/])\s*")


def classify_heading(text: str, *, loose: bool = False) -> str | None:
    """The canonical section a heading names, or None when it is not a known heading.

    ``loose`` is for lines already known to be headings (by format or style): it also reads
    compound and qualified headings ("Education & Certificates", "Relevant Clinical
    Experience", "项目与论文") by their known parts, the rightmost and longest first.
    """
    headings = vocab().headings
    key = heading_key(text)
    if key in headings or not loose:
        return headings.get(key)
    # "Education & Certificates": the first part names the section
    for part in _COMPOUND.split(unicodedata.normalize("NFKC", text).casefold()):
        words = heading_key(part).split()
        for size in range(len(words), 0, -1):  # longest, then rightmost: the head noun
            for start in range(len(words) - size, -1, -1):
                sub = " ".join(words[start : start + size])
                if sub in headings:
                    return headings[sub]
        part_key = " ".join(words)
        for known in _cjk_keys():
            if known in part_key:
                return headings[known]
    return None


@cache
def _cjk_keys() -> tuple[str, ...]:
    """Known headings in scripts written without spaces, longest first."""
    keys = [k for k in vocab().headings if len(k) >= 2 and all(ord(c) > 0x2E80 for c in k if c != " ")]
    return tuple(sorted(keys, key=len, reverse=True))

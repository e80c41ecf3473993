"""The posting vocabulary (cvcheck/data/postings.toml), loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class PostingVocab:
    sections: tuple[tuple[str, str], ...]  # (heading phrase, section kind), longest first
    preferred_markers: tuple[str, ...]
    title_labels: tuple[str, ...]
    role_words: tuple[str, ...]
    seniority: tuple[tuple[str, tuple[str, ...]], ...]  # (level, title words), in priority order
    years: tuple[tuple[int, str], ...]  # (min years, level), ascending
    hourly_below: float
    currencies: dict[str, str]
    periods: tuple[tuple[str, str], ...]  # (period word, period), longest first
    pay_context: tuple[str, ...]
    languages: dict[str, str]
    stoplist: frozenset[str]


def normalise(text: str) -> str:
    """Casefolded words only: Markdown marks, bullets, trailing colons and curly quotes gone."""
    text = text.replace("’", "'").casefold()
    text = re.sub(r"[#*_`>|:•·▪\-–—]+\s*$", "", text.strip())
    text = re.sub(r"^[#*_`>•·▪\-–—\s]+", "", text)
    return " ".join(re.sub(r"[*_`!?.,()]", " ", text).split())


@cache
def posting_vocab() -> PostingVocab:
    raw = tomllib.loads(resources.files("cvcheck").joinpath("data/postings.toml").read_text("utf-8"))
    sections = [(normalise(p), kind) for kind, phrases in raw["sections"].items() for p in phrases]
    pay = raw["pay"]
    periods = [(w, period) for period in ("hour", "month", "year") for w in pay[period]]
    return PostingVocab(
        sections=tuple(sorted(sections, key=lambda pk: (-len(pk[0]), pk[0]))),
        preferred_markers=tuple(raw["markers"]["preferred"]),
        title_labels=tuple(sorted(raw["markers"]["title_labels"], key=len, reverse=True)),
        role_words=tuple(raw["markers"]["role_words"]),
        seniority=tuple((s["level"], tuple(s["words"])) for s in raw["seniority"]),
        years=tuple(sorted((y["min_years"], y["level"]) for y in raw["years"])),
        hourly_below=float(pay["hourly_below"]),
        currencies={k.casefold(): v for k, v in pay["currencies"].items()},
        periods=tuple(sorted(periods, key=lambda wp: -len(wp[0]))),
        pay_context=tuple(pay["context"]),
        languages=dict(raw["languages"]),
        stoplist=frozenset(w.casefold() for w in raw["unknown_phrases"]["stoplist"]),
    )

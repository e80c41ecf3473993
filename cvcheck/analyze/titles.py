"""Title variants recruiters and ATS searches use: which the resume carries, where, and
whether it repeats them beyond natural use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from cvcheck.analyze import nlp
from cvcheck.analyze.model import TitleHit
from cvcheck.document import Document, Line
from cvcheck.lexicon.model import Lexicon, Title

# Beyond these, title variants read as stuffing rather than natural use (000: "use multiple
# job-title keywords naturally ... without keyword stuffing").
STUFFED_MENTIONS = 6
STUFFED_DISTINCT_ON_A_LINE = 3


@dataclass(frozen=True)
class TitleReport:
    found: tuple[TitleHit, ...]
    missing: tuple[str, ...]  # core variants the resume never uses
    headline: Line | None  # the line that states the candidate's current title
    headline_kind: str | None  # core | specialisation | adjacent | None
    stuffing: tuple[Line, ...]  # lines where variants pile up; empty when natural


@cache
def _matcher(lexicon: Lexicon):  # type: ignore[no-untyped-def]
    return nlp.phrase_matcher({variant: [variant] for t in lexicon.titles for variant in t.variants})


def _owners(lexicon: Lexicon) -> dict[str, Title]:
    return {v: t for t in lexicon.titles for v in t.variants}


def find_titles(doc: Document, lexicon: Lexicon) -> TitleReport:
    """Every title variant in the document, the headline title, and signs of stuffing."""
    owners = _owners(lexicon)
    matcher = _matcher(lexicon)
    hits: dict[str, list[int]] = defaultdict(list)
    per_line: dict[int, set[str]] = defaultdict(set)
    # a certification's name ("... Machine Learning Engineer – Associate") is not a job title
    lines = [ln for ln in doc.lines if ln.section != "certifications"]
    for line, parsed in zip(lines, nlp.parse_all(ln.text for ln in lines), strict=True):
        for variant, _span in nlp.matches(matcher, parsed):
            hits[variant].append(line.number)
            if owners[variant].kind != "adjacent":
                per_line[line.number].add(owners[variant].id + ":" + variant)
    found = tuple(
        TitleHit(v, owners[v].id, owners[v].kind, len(lines), tuple(dict.fromkeys(lines)))
        for v, lines in sorted(hits.items(), key=lambda kv: (kv[1][0], kv[0]))
    )
    core_variants = [v for t in lexicon.titles if t.kind == "core" for v in t.variants]
    missing = tuple(v for v in core_variants if v not in hits)
    headline, headline_kind = _headline(doc, hits, owners)
    mentions = sum(len(lines) for v, lines in hits.items() if owners[v].kind != "adjacent")
    crowded = [n for n, vs in per_line.items() if len(vs) >= STUFFED_DISTINCT_ON_A_LINE]
    by_number = {ln.number: ln for ln in doc.lines}
    stuffing: tuple[Line, ...] = ()
    if crowded or mentions > STUFFED_MENTIONS:
        numbers = crowded or sorted({n for v, ls in hits.items() if owners[v].kind != "adjacent" for n in ls})
        stuffing = tuple(by_number[n] for n in numbers)
    return TitleReport(found, missing, headline, headline_kind, stuffing)


_RANK = {"core": 0, "specialisation": 1, "adjacent": 2}


def _headline(
    doc: Document, hits: dict[str, list[int]], owners: dict[str, Title]
) -> tuple[Line | None, str | None]:
    """The current title: the most recent role's title line, else a title under the name."""
    candidates: list[int] = []
    if doc.roles:
        latest = doc.roles[0]
        for role in doc.roles:
            if (
                role.dates
                and latest.dates
                and (role.dates.end is None or (latest.dates.end and role.dates.end > latest.dates.end))
            ):
                latest = role
        candidates += [latest.line, latest.line + 1, latest.line + 2]
    candidates += [ln.number for ln in doc.lines[:4] if ln.section == "contact"]
    best: tuple[int, int] | None = None
    for variant, lines in hits.items():
        for n in lines:
            if n in candidates:
                rank = _RANK[owners[variant].kind]
                if best is None or rank < best[0]:
                    best = (rank, n)
    if best is None:
        return None, None
    kind = next(k for k, r in _RANK.items() if r == best[0])
    return next(ln for ln in doc.lines if ln.number == best[1]), kind

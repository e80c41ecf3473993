"""Market context the resume shows: which table stakes and differentiators it names (and
where), and which certifications. Phrase matching like the rest of the analysis; the report
and the JSON only show the result."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from cvcheck.analyze import nlp
from cvcheck.document import Document
from cvcheck.lexicon.model import Lexicon


@dataclass(frozen=True)
class SkillShown:
    term: str
    phrase: str  # the first of its phrases the resume uses ("" when absent)
    lines: tuple[int, ...]


@dataclass(frozen=True)
class MarketFacts:
    table_stakes: tuple[SkillShown, ...]
    differentiators: tuple[SkillShown, ...]
    certifications: dict[str, tuple[int, ...]]  # certification id → lines naming it


@cache
def _matcher(lexicon: Lexicon):  # type: ignore[no-untyped-def]
    groups: dict[str, list[str]] = {}
    for prefix, skills in (("ts", lexicon.table_stakes), ("df", lexicon.differentiators)):
        for skill in skills:
            groups[f"{prefix}:{skill.term}"] = list(skill.phrases)
    for cert in lexicon.certifications:
        groups[f"cert:{cert.id}"] = list(cert.aliases)
    return nlp.phrase_matcher(groups)


def market_facts(doc: Document, lexicon: Lexicon) -> MarketFacts:
    """Skills and certifications named anywhere in the resume. Where a short name sits inside
    a longer one ("AWS Certified" in a full certification name) the longer one counts."""
    matcher = _matcher(lexicon)
    lines: dict[str, list[int]] = defaultdict(list)
    first: dict[str, str] = {}
    for line, parsed in zip(doc.lines, nlp.parse_all(ln.text for ln in doc.lines), strict=True):
        for key, span in nlp.matches(matcher, parsed):
            if line.number not in lines[key]:
                lines[key].append(line.number)
            first.setdefault(key, span.text)

    def shown(prefix: str, term: str) -> SkillShown:
        key = f"{prefix}:{term}"
        return SkillShown(term, first.get(key, ""), tuple(lines.get(key, ())))

    return MarketFacts(
        table_stakes=tuple(shown("ts", s.term) for s in lexicon.table_stakes),
        differentiators=tuple(shown("df", s.term) for s in lexicon.differentiators),
        certifications={
            c.id: tuple(lines[f"cert:{c.id}"]) for c in lexicon.certifications if lines.get(f"cert:{c.id}")
        },
    )

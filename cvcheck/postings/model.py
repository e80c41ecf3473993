"""Job postings as plain typed records: what a reader found, and what the analysis made of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SectionKind = Literal["intro", "requirements", "preferred", "responsibilities", "other"]


@dataclass(frozen=True)
class PostingLine:
    """One non-blank line of a posting, numbered from 1 in reading order."""

    number: int
    text: str
    source_line: int | None = None  # the line in the file, where the format has lines
    heading: bool = False
    level: int | None = None
    bullet: bool = False


@dataclass(frozen=True)
class Posting:
    """A posting as read from a file: its lines, and nothing inferred yet."""

    path: str
    format: str  # html | markdown | text | pdf | docx ...
    lines: tuple[PostingLine, ...]
    sha256: str

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class LineRef:
    line: int
    text: str


@dataclass(frozen=True)
class TitleVariantHit:
    """A lexicon title variant the posting uses, and where."""

    variant: str
    title_id: str
    kind: str  # core | specialisation | adjacent
    lines: tuple[int, ...]


@dataclass(frozen=True)
class SkillHit:
    """A lexicon term (or table-stakes skill) named in a requirement or preference line."""

    skill: str  # the words as the posting wrote them
    term_id: str  # the lexicon term id, or "skill:<name>" for a table-stakes/differentiator skill
    stage: str | None
    line: LineRef


@dataclass(frozen=True)
class UnknownPhrase:
    """A skill-like phrase from the requirement lines that no lexicon entry knows yet."""

    phrase: str
    weight: float  # higher: more specific (tool-shaped words, more lines)
    lines: tuple[int, ...]


@dataclass(frozen=True)
class StageCount:
    stage: str
    count: int  # lines with evidence of the stage


@dataclass(frozen=True)
class LaneScore:
    id: str
    name: str
    signals: tuple[str, ...]  # distinct signals found
    evidence: tuple[LineRef, ...]
    occurrences: int


@dataclass(frozen=True)
class SegmentScore:
    id: str
    name: str
    score: float  # sum of the matched signals' segment weights
    signals: tuple[str, ...]
    evidence: tuple[LineRef, ...]


@dataclass(frozen=True)
class PayRange:
    low: float
    high: float  # equal to ``low`` for a single figure
    currency: str  # ISO 4217
    period: Literal["year", "month", "hour"]
    line: LineRef


@dataclass(frozen=True)
class PostingAnalysis:
    """What one posting asks for, read against a lexicon."""

    path: str
    language: str  # ISO 639-1, "und" when too short to tell
    is_posting: bool
    reason: str  # why it is (or is not) read as a job posting
    role_fit: Literal["mlops", "adjacent", "off_topic"]
    title: str | None
    title_line: int | None
    title_variants: tuple[TitleVariantHit, ...]
    seniority: str | None
    seniority_evidence: str | None
    required: tuple[SkillHit, ...]
    preferred: tuple[SkillHit, ...]
    unknown_skills: tuple[UnknownPhrase, ...]
    stages: tuple[StageCount, ...]  # most evidence first
    lane: str | None  # None when no lane leads
    lanes: tuple[LaneScore, ...]
    segment: str | None
    segments: tuple[SegmentScore, ...]
    pay: tuple[PayRange, ...]
    sections: tuple[tuple[int, str], ...]  # (line number, section kind) for every line

    @property
    def required_skills(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.skill for h in self.required))

    @property
    def preferred_skills(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.skill for h in self.preferred))

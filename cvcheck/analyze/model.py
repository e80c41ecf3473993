"""The analysis as plain records: every score carries the lines that earned it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cvcheck.analyze.bullets import BulletJudgment
from cvcheck.document import Document, Finding
from cvcheck.lexicon.model import Lexicon


@dataclass(frozen=True)
class Unit:
    """A line the analysis judges: a bullet, or a sentence-like line of a work section."""

    line: int
    text: str
    section: str
    judgment: BulletJudgment
    tutorial: bool = False  # names a tutorial, course or toy dataset

    @property
    def is_work(self) -> bool:
        """Experience or project lines, tutorials aside: where work is evidenced, not claimed."""
        return self.section in ("experience", "projects") and not self.tutorial


@dataclass(frozen=True)
class LineRef:
    line: int
    text: str


@dataclass(frozen=True)
class TitleHit:
    variant: str
    title_id: str
    kind: str  # core | specialisation | adjacent
    count: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class StageCoverage:
    stage: str
    name: str
    covered: bool
    evidence: tuple[LineRef, ...]
    claimed: tuple[str, ...]  # stage tools named only outside work lines (skills lists)


@dataclass(frozen=True)
class Points:
    """A contribution to a dimension score, with the lines behind it."""

    reason: str
    points: float
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Dimension:
    id: str  # titles | lifecycle | outcomes | clarity
    name: str
    score: int  # 0-100
    weight: float
    points: tuple[Points, ...]
    summary: str


@dataclass(frozen=True)
class SegmentFit:
    id: str
    name: str
    fit: float  # 0-1
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]
    evidence: tuple[LineRef, ...]
    arithmetic: str


@dataclass(frozen=True)
class Rewrite:
    line: int
    original: str
    segment: str
    suggestion: str
    why: str


@dataclass(frozen=True)
class Analysis:
    document: Document
    lexicon: Lexicon
    applicable: bool  # False when the market analysis does not apply (not English, no text)
    units: tuple[Unit, ...]
    titles_found: tuple[TitleHit, ...]
    titles_missing: tuple[str, ...]
    lifecycle: tuple[StageCoverage, ...]
    dimensions: tuple[Dimension, ...]
    overall: int | None
    findings: tuple[Finding, ...]
    segments: tuple[SegmentFit, ...]  # best first
    chosen_segment: str | None
    rewrites: tuple[Rewrite, ...]
    arithmetic: str = ""  # how the overall score is made up
    fixes: tuple[Any, ...] = ()  # analyze.fixes.Fix, biggest gain first
    market: Any = None  # analyze.market.MarketFacts: skills and certifications shown
    job: Any = None  # analyze.job.JobMatch when checked against a posting (--job)

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.flag for f in self.findings if f.flag))

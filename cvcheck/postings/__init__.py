"""Job postings as market signals: read a posting (``read_posting``) and say what it asks for
(``analyze_posting``). Data flows one way: bytes → Posting → PostingAnalysis."""

from __future__ import annotations

from cvcheck.postings.extract import analyze_posting, require_posting, section_kinds
from cvcheck.postings.model import (
    LaneScore,
    LineRef,
    PayRange,
    Posting,
    PostingAnalysis,
    PostingLine,
    SegmentScore,
    SkillHit,
    StageCount,
    TitleVariantHit,
    UnknownPhrase,
)
from cvcheck.postings.read import html_lines, read_posting

__all__ = [
    "LaneScore",
    "LineRef",
    "PayRange",
    "Posting",
    "PostingAnalysis",
    "PostingLine",
    "SegmentScore",
    "SkillHit",
    "StageCount",
    "TitleVariantHit",
    "UnknownPhrase",
    "analyze_posting",
    "html_lines",
    "read_posting",
    "require_posting",
    "section_kinds",
]

"""Document + Lexicon → Analysis: the lines judged, the lifecycle covered, the titles found,
four dimension scores and the overall score, findings, segment fit and rewrites."""

from __future__ import annotations

import re
from functools import cache

from cvcheck.analyze.ats import ats_findings
from cvcheck.analyze.bullets import BulletJudge
from cvcheck.analyze.fixes import fixes
from cvcheck.analyze.flags import document_findings, line_findings, tutorial_lines
from cvcheck.analyze.lifecycle import coverage
from cvcheck.analyze.market import market_facts
from cvcheck.analyze.model import Analysis, Unit
from cvcheck.analyze.score import clarity_score, lifecycle_score, outcomes_score, overall, titles_score
from cvcheck.analyze.segments import segment_fits
from cvcheck.analyze.titles import find_titles
from cvcheck.document import Document, Line
from cvcheck.lexicon.compiled import prime_tokens
from cvcheck.lexicon.model import Lexicon
from cvcheck.structure.roles import find_date_range

_UNIT_SECTIONS = ("experience", "projects", "summary", "other", "publications")
_CLAIM_SECTIONS = ("skills", "certifications", "contact")
MIN_SENTENCE_WORDS = 5
# "Brightpath Insurance · Austin, TX": an entry's employer or place line, not a sentence
_HEADER_LIKE = re.compile(r"^[^.!?]{0,80}\s[·|•]\s[^.!?]{0,60}$|,\s*[A-Z]{2}\s*$")


@cache
def judge_for(lexicon: Lexicon) -> BulletJudge:
    prime_tokens(lexicon)
    return BulletJudge(lexicon)


def build_matchers(lexicon: Lexicon) -> None:
    """Build every phrase matcher the analysis uses (for `cvcheck lexicons build`)."""
    from cvcheck.analyze import flags, market, segments, titles

    judge_for(lexicon)
    titles._matcher(lexicon)
    flags._flag_matcher(lexicon)
    segments._matcher(lexicon)
    market._matcher(lexicon)


def _is_unit(line: Line, role_lines: set[int]) -> bool:
    """Bullets of work-like sections, and their prose lines that read as sentences."""
    if line.section not in _UNIT_SECTIONS or line.kind == "heading":
        return False
    if line.kind == "bullet":
        return True
    return (
        line.number not in role_lines
        and len(line.text.split()) >= MIN_SENTENCE_WORDS
        and "\t" not in line.text
        and find_date_range(line.text) is None
        and not _HEADER_LIKE.search(line.text)
    )


def analyze(doc: Document, lexicon: Lexicon, segment: str | None = None) -> Analysis:
    """Judge a document against a lexicon; ``segment`` picks the rewrites' target (default:
    the best-fitting segment)."""
    findings = ats_findings(doc)
    applicable = (
        doc.is_english
        and bool(doc.lines)
        and not (doc.facts.pages_without_text and len(doc.facts.pages_without_text) >= (doc.pages_read or 0))
    )
    if not applicable:
        return Analysis(doc, lexicon, False, (), (), (), (), (), None, tuple(findings), (), segment, ())
    judge = judge_for(lexicon)
    role_lines = {r.line for r in doc.roles}
    unit_lines = [ln for ln in doc.lines if _is_unit(ln, role_lines)]
    claim_lines = [ln for ln in doc.lines if ln.section in _CLAIM_SECTIONS and ln.kind != "heading"]
    judged = judge.judge([ln.text for ln in unit_lines + claim_lines])
    tutorials = tutorial_lines(doc, lexicon)
    units = tuple(
        Unit(ln.number, ln.text, ln.section, j, ln.number in tutorials)
        for ln, j in zip(unit_lines, judged, strict=False)
    )
    claims = [(ln.number, j) for ln, j in zip(claim_lines, judged[len(unit_lines) :], strict=True)]
    lifecycle = coverage(units, claims, lexicon)
    titles = find_titles(doc, lexicon)
    per_line = line_findings(units, lexicon)
    whole = document_findings(doc, units, lifecycle, titles, lexicon)
    dimensions = (
        titles_score(titles),
        lifecycle_score(lifecycle),
        outcomes_score(units),
        clarity_score(units, per_line),
    )
    score, arithmetic = overall(dimensions)
    fits = segment_fits(units, lifecycle, lexicon)
    chosen = segment or (fits[0].id if fits else None)
    from cvcheck.rewrite import rewrites_for

    rewrites = rewrites_for(units, lexicon, chosen) if chosen else ()
    ordered = sorted(findings + whole + per_line, key=lambda f: (f.line or 0, f.code))
    return Analysis(
        document=doc,
        lexicon=lexicon,
        applicable=True,
        units=units,
        titles_found=titles.found,
        titles_missing=titles.missing,
        lifecycle=lifecycle,
        dimensions=dimensions,
        overall=score,
        findings=tuple(ordered),
        segments=fits,
        chosen_segment=chosen,
        rewrites=tuple(rewrites),
        arithmetic=arithmetic,
        fixes=fixes(dimensions, lifecycle, units, titles, lexicon),
        market=market_facts(doc, lexicon),
    )

"""The analysis as the HTML report a candidate reads: one self-contained file (inline CSS and
SVG, no scripts, no network), printable, readable at 320 px.

This module builds a plain view of the analysis (strings, numbers, lists) so the templates in
``reports/templates`` only lay it out. A resume is untrusted input: the environment escapes
every value (``autoescape=True``) and its ``finalize`` hook turns control characters into
a visible replacement character, so nothing a resume holds can run, style the page or reach it raw.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)
from jinja2 import __version__ as jinja2_version
from markupsafe import Markup

from cvcheck import __version__
from cvcheck.analyze.fixes import Fix
from cvcheck.analyze.market import market_facts
from cvcheck.analyze.model import Analysis, Dimension, StageCoverage, Unit
from cvcheck.analyze.quantities import Evidence
from cvcheck.document import Finding
from cvcheck.lexicon.model import Lexicon, Skill
from cvcheck.paths import shipped
from cvcheck.rules import BY_CODE, Rule

REPORT_TEMPLATE = "report.html.j2"
TOP_FIXES = 3

# --- text safety --------------------------------------------------------------------------

# C0 controls except newline, DEL, C1 controls, and lone surrogates (which cannot be encoded).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    """A visible stand-in for a control character. U+FFFD rather than the Unicode control
    pictures (ESC → ␛): every font has it, so it never shows as an empty box."""
    return "  " if match.group() == "\t" else "\ufffd"  # a tab is a field gap, as display() shows it


def visible(value: Any) -> Any:
    """Jinja ``finalize`` hook: every string printed loses its control characters. Applied
    to escaped Markup too (joins return it), which stays safe: U+FFFD is plain text."""
    if isinstance(value, str):
        cleaned = _CONTROL.sub(_picture, value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def environment(templates: str | os.PathLike[str] | None = None) -> Environment:
    """The report's Jinja environment: a user's template folder first, then ours."""
    if templates is not None and not Path(templates).is_dir():
        raise NotADirectoryError(f"{os.fspath(templates)}: not a folder of templates")
    return _environment(os.fspath(templates) if templates is not None else None)


@lru_cache(maxsize=8)
def _environment(templates: str | None) -> Environment:
    # One environment per template folder and process: Jinja compiles each template once and
    # re-checks its file's mtime, so an edited template is still picked up.
    folders = [templates] if templates is not None else []
    loader = ChoiceLoader([FileSystemLoader(f) for f in [*folders, str(shipped("templates"))]])
    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        finalize=visible,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (like .pyc files): a check on the command line
    otherwise compiles every partial at each start. Keyed by template source, so an edited
    template is recompiled; without a writable cache folder, templates compile as usual."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "cvcheck" / f"jinja-{jinja2_version}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".writable"
        probe.touch()
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def render_html(analysis: Analysis, *, templates: str | os.PathLike[str] | None = None) -> str:
    """The report as one HTML document; the same analysis always gives the same text."""
    return environment(templates).get_template(REPORT_TEMPLATE).render(r=report_view(analysis))


# --- the view the templates read ----------------------------------------------------------


@dataclass(frozen=True)
class LineLink:
    number: int
    href: str  # "" when the line does not exist in the document


@dataclass(frozen=True)
class Cite:
    id: str
    title: str
    file: str
    date: str
    href: str  # "" when the lexicon does not know the source

    @property
    def anchor(self) -> str:
        return self.href.removeprefix("#")


@dataclass(frozen=True)
class Piece:
    """A run of a resume line: plain text, or a highlight linking to its explanation."""

    text: str
    kind: str = ""  # "" | vague | outcome | stage (resume lines) | slot (rewrites) | cite (sources)
    href: str = ""
    label: str = ""


@dataclass(frozen=True)
class FindingRef:
    id: str
    code: str
    severity: str


def report_view(analysis: Analysis) -> dict[str, Any]:
    """Everything the templates show, as plain data."""
    doc, lex = analysis.document, analysis.lexicon
    lines = {ln.number for ln in doc.lines}
    cites = _Citer(lex)
    findings = _findings(analysis.findings, lines, cites)
    by_line = _findings_by_line(analysis.findings)
    resume = _resume_lines(analysis, by_line)
    used_rules = {f["code"] for f in findings["all"]}
    used_rules |= {
        p.href.removeprefix("#rule-") for ln in resume for p in ln["pieces"] if p.href.startswith("#rule-")
    }
    years = doc.years_experience
    return {
        "title": doc.path.replace("\\", "/").rsplit("/", 1)[-1] or "resume",
        "tool": {"name": "cvcheck", "version": __version__},
        "lexicon": {
            "id": lex.id,
            "title": lex.title,
            "version": lex.version,
            "as_of": lex.as_of,
            "digest": lex.digest[:12],
        },
        "source": {
            "format": doc.format,
            "pages": doc.pages,
            "language": doc.language,
            "years": f"{round(years)}" if years is not None else "",
        },
        "applicable": analysis.applicable,
        "overall": analysis.overall,
        "tone": _tone(analysis.overall or 0),
        "gauge": _gauge(analysis.overall or 0),
        "arithmetic": analysis.arithmetic,
        "dimensions": [_dimension(d, lines) for d in analysis.dimensions],
        "breakdown": _breakdown(analysis.dimensions),
        "fixes": [_fix(i, f, lines, analysis) for i, f in enumerate(analysis.fixes, start=1)],
        "top_fixes": TOP_FIXES,
        "flags": list(analysis.flags),
        "stages": [_stage(i, s, lex, lines, cites) for i, s in enumerate(analysis.lifecycle)],
        "segments": _segments(analysis, lines, cites),
        "titles": _titles(analysis, lines),
        "lines": resume,
        "findings": findings,
        "rewrites": _rewrites(analysis, lines),
        "market": _market(analysis, cites),
        "job": job_view(analysis.job, lines),
        "rules": [_rule(BY_CODE[c], cites) for c in sorted(used_rules) if c in BY_CODE],
        "sources": cites.all(),
    }


_JOB_MARKS = {"evidenced": "\u2713", "claimed": "~", "missing": "\u2717"}


def job_view(job: Any, lines: set[int]) -> dict[str, Any] | None:
    """The match against a posting (``analyze.job.JobMatch``) for ``_job.html.j2``, or None."""
    if job is None:
        return None
    p = job.posting
    return {
        "title": p.title or "",
        "facts": [x for x in (p.seniority, p.lane, p.segment) if x],
        "pay": [
            f"{_money(r.low, r.period)}"
            + (f"–{_money(r.high, r.period)}" if r.high != r.low else "")
            + f" {r.currency}/{r.period}"
            for r in p.pay
        ],
        "role_fit": p.role_fit,
        "score": job.score,
        "tone": _tone(job.score) if job.score is not None else None,
        "arithmetic": job.arithmetic,
        "skills": [
            {
                "skill": s.skill,
                "group": s.group,
                "status": s.status,
                "mark": _JOB_MARKS[s.status],
                "lines": _links(s.lines, lines),
                "shown_as": [w for w in s.shown_as if w.casefold() != s.skill.casefold()],
            }
            for s in job.skills
        ],
        "title_status": job.title.status,
        "title_summary": job.title.summary,
        "title_lines": _links((n for _, found in job.title.found for n in found), lines),
        "advice": [
            {"skill": a.skill, "text": a.text, "line": _link(a.line, lines) if a.line else None}
            for a in job.advice
        ],
        "notes": list(job.notes),
    }


def _tone(score: float) -> dict[str, str]:
    """The same thresholds as the terminal scorecard, with a word so colour is not the only cue."""
    if score >= 75:
        return {"id": "good", "label": "Strong"}
    if score >= 50:
        return {"id": "fair", "label": "Fair"}
    return {"id": "low", "label": "Needs work"}


def _gauge(score: int, radius: float = 52.0) -> dict[str, str]:
    """The ring's stroke lengths for a 0-100 score."""
    circumference = 2 * math.pi * radius
    filled = circumference * max(0, min(score, 100)) / 100
    return {"r": f"{radius:g}", "dash": f"{filled:.2f} {circumference:.2f}"}


def _link(number: int, lines: set[int]) -> LineLink:
    return LineLink(number, f"#line-{number}" if number in lines else "")


def _links(numbers: Iterable[int], lines: set[int]) -> list[LineLink]:
    return [_link(n, lines) for n in dict.fromkeys(numbers)]


def _points(value: float) -> str:
    return f"{value:+.1f}".replace("+", "+\u2009").replace("-", "\u2212\u2009")


def _dimension(d: Dimension, lines: set[int]) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "score": d.score,
        "tone": _tone(d.score),
        "weight": f"{d.weight * 100:g}",
        "summary": d.summary,
        "moves": [
            {
                "reason": p.reason,
                "points": _points(p.points),
                "negative": p.points < 0,
                "lines": _links(p.lines, lines),
            }
            for p in d.points
        ],
    }


def _breakdown(dimensions: Sequence[Dimension]) -> dict[str, Any]:
    """Each dimension's share of the 100 points: earned (weight × score) and not earned, laid
    out left to right on one 0-100 bar."""
    parts, x = [], 0.0
    for d in dimensions:
        most = d.weight * 100
        earned = d.weight * d.score
        parts.append(
            {
                "id": d.id,
                "name": d.name,
                "x": f"{x:.2f}",
                "earned": f"{earned:.2f}",
                "lost_x": f"{x + earned:.2f}",
                "lost": f"{most - earned:.2f}",
                "earned_text": f"{earned:.1f}",
                "most_text": f"{most:g}",
                "weight": f"{d.weight * 100:g}",
                "score": d.score,
            }
        )
        x += most
    total = sum(d.weight * d.score for d in dimensions)
    return {"parts": parts, "total": f"{total:.1f}"}


def _fix(rank: int, fix: Fix, lines: set[int], analysis: Analysis) -> dict[str, Any]:
    dim = analysis.dimension(fix.dimension)
    return {
        "rank": rank,
        "title": fix.title,
        "detail": fix.detail,
        "gain": f"+{fix.gain:.1f}",
        "dimension": dim.name if dim else fix.dimension,
        "lines": _links(fix.lines, lines),
    }


# --- lifecycle ----------------------------------------------------------------------------

_STATES = {
    "covered": ("\u2713", "covered"),
    "thin": ("~", "thin"),
    "missing": ("\u2717", "missing"),
}


def stage_state(stage: StageCoverage) -> str:
    """covered (two or more work lines), thin (one) or missing: the scorecard's marks."""
    return "covered" if len(stage.evidence) >= 2 else "thin" if stage.evidence else "missing"


def _stage(index: int, stage: StageCoverage, lex: Lexicon, lines: set[int], cites: _Citer) -> dict[str, Any]:
    state = stage_state(stage)
    mark, label = _STATES[state]
    about = next((s for s in lex.stages if s.id == stage.stage), None)
    count = len(stage.evidence)
    return {
        "id": stage.stage,
        "anchor": f"stage-{_slug(stage.stage)}",
        "name": stage.name,
        "description": about.description if about else "",
        "state": state,
        "mark": mark,
        "label": label,
        "count": f"{count} work line{'s' if count != 1 else ''}",
        "evidence": [{"link": _link(e.line, lines), "text": e.text} for e in stage.evidence],
        "claimed": list(stage.claimed),
        "cites": cites.ids(about.sources if about else ()),
        # geometry of the two pipeline pictures (wide: a row; narrow: a column)
        "x": 6 + index * 160,
        "y": 6 + index * 74,
    }


# --- segments and titles ------------------------------------------------------------------


def _segments(analysis: Analysis, lines: set[int], cites: _Citer) -> list[dict[str, Any]]:
    out = []
    for rank, fit in enumerate(analysis.segments):
        seg = analysis.lexicon.segment(fit.id)
        out.append(
            {
                "id": fit.id,
                "name": fit.name,
                "fit": round(fit.fit * 100),
                "best": rank == 0,
                "chosen": fit.id == analysis.chosen_segment,
                "strengths": list(fit.strengths),
                "gaps": list(fit.gaps),
                "arithmetic": fit.arithmetic,
                "lines": _links((e.line for e in fit.evidence), lines),
                "cites": cites.ids(seg.sources if seg else ()),
            }
        )
    return out


def _titles(analysis: Analysis, lines: set[int]) -> dict[str, Any]:
    """Variants found, and the ones missing grouped by the title they are a form of (core
    titles first, in the lexicon's order)."""
    found = [
        {"variant": h.variant, "kind": h.kind, "count": h.count, "lines": _links(h.lines, lines)}
        for h in analysis.titles_found
    ]
    missing = set(analysis.titles_missing)
    order = {"core": 0, "specialisation": 1}
    families = []
    for title in sorted(analysis.lexicon.titles, key=lambda t: order.get(t.kind, 2)):
        variants = [v for v in title.variants if v in missing]
        if variants:
            families.append({"name": title.name, "kind": title.kind, "variants": variants})
    return {"headline": analysis.document.latest_title or "", "found": found, "missing": families}


# --- the resume's own lines ---------------------------------------------------------------

_PRIORITY = {"vague": 0, "outcome": 1, "stage": 2}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    href: str
    label: str


def _findings_by_line(findings: Sequence[Finding]) -> dict[int, list[FindingRef]]:
    out: dict[int, list[FindingRef]] = {}
    for i, f in enumerate(findings, start=1):
        if f.line is not None:
            out.setdefault(f.line, []).append(FindingRef(f"finding-{i}", f.code, f.severity))
    return out


def _spans(unit: Unit | None, text: str, names: dict[str, str], vague_targets: dict[str, str]) -> list[_Span]:
    """The highlights of one judged line, each pointing at what explains it."""
    if unit is None:
        return []
    j = unit.judgment
    out: list[_Span] = []

    def add(ev: Evidence, kind: str, href: str, label: str) -> None:
        # offsets that do not land on the evidence's words are skipped, never guessed
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text:
            out.append(_Span(ev.start, ev.end, kind, href, label))

    for ev in j.vague:
        add(ev, "vague", vague_targets.get(ev.text, "#rule-CLR001"), "vague phrase")
    for ev in j.outcomes:
        add(ev, "outcome", "#rule-OUT001", "outcome or scale")
    for ev in j.stage_evidence:
        if ev.kind in ("term", "verb") and ev.stage in names:
            add(ev, "stage", f"#stage-{_slug(ev.stage)}", f"{names[ev.stage].lower()} work")
    return out


def pieces(text: str, spans: Sequence[_Span]) -> list[Piece]:
    """Cut a line at every highlight edge; each run takes the highest-priority highlight over
    it (vague, then outcome, then stage) and names all of them. Runs that end up alike merge."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Piece] = []
    for a, b in itertools.pairwise(cuts):
        over = sorted(
            (s for s in spans if s.start <= a and b <= s.end), key=lambda s: (_PRIORITY[s.kind], s.start)
        )
        piece = Piece(text[a:b])
        if over:
            label = "; ".join(dict.fromkeys(s.label for s in over))
            piece = Piece(text[a:b], over[0].kind, over[0].href, label)
        if out and (out[-1].kind, out[-1].href, out[-1].label) == (piece.kind, piece.href, piece.label):
            piece = Piece(out.pop().text + piece.text, piece.kind, piece.href, piece.label)
        out.append(piece)
    return out


def _resume_lines(analysis: Analysis, by_line: dict[int, list[FindingRef]]) -> list[dict[str, Any]]:
    # a vague highlight links to its own CLR001 finding on that line (evidence = the phrase)
    vague: dict[int, dict[str, str]] = {}
    for i, f in enumerate(analysis.findings, start=1):
        if f.line is not None and f.code == "CLR001":
            vague.setdefault(f.line, {}).setdefault(f.evidence, f"#finding-{i}")
    units = {u.line: u for u in analysis.units}
    names = {s.id: s.name for s in analysis.lexicon.stages}
    return [
        {
            "number": ln.number,
            "anchor": f"line-{ln.number}",
            "kind": ln.kind,
            "section": ln.section,
            "pieces": pieces(ln.text, _spans(units.get(ln.number), ln.text, names, vague.get(ln.number, {}))),
            "findings": by_line.get(ln.number, []),
        }
        for ln in analysis.document.lines
    ]


# --- findings and rules -------------------------------------------------------------------

_SEVERITY_MARK = {"error": "\u2716", "warning": "\u26a0", "info": "\u2139"}


def _finding_group(f: Finding) -> str:
    """problems (errors, warnings), strengths (the green-flag family, GRN) or notes."""
    if f.code.startswith("GRN"):
        return "strengths"
    return "problems" if f.severity in ("error", "warning") else "notes"


def _badge(f: Finding) -> dict[str, str]:
    """The finding's label: a symbol and a word, so colour is never the only cue."""
    if _finding_group(f) == "strengths":
        return {"text": "\u2713 green flag", "class": "tone-good"}
    return {"text": f"{_SEVERITY_MARK.get(f.severity, '')} {f.severity}", "class": f"sev-{f.severity}"}


def _findings(findings: Sequence[Finding], lines: set[int], cites: _Citer) -> dict[str, Any]:
    rows = []
    for i, f in enumerate(findings, start=1):
        rule = BY_CODE.get(f.code)
        rows.append(
            {
                "id": f"finding-{i}",
                "code": f.code,
                "name": rule.name if rule else "",
                "rule_href": f"#rule-{f.code}" if rule else "",
                "severity": f.severity,
                "group": _finding_group(f),
                "badge": _badge(f),
                "message": f.message,
                "evidence": f.evidence,
                "line": _link(f.line, lines) if f.line is not None else None,
                "source": cites.linked(f.source or (rule.source if rule else "")),
            }
        )
    groups = [
        {"id": g, "name": name, "rows": [r for r in rows if r["group"] == g]}
        for g, name in (
            ("problems", "Problems"),
            ("notes", "Notes"),
            ("strengths", "Strengths (green flags)"),
        )
    ]
    return {"all": rows, "groups": [g for g in groups if g["rows"]]}


def _rule(rule: Rule, cites: _Citer) -> dict[str, Any]:
    return {
        "code": rule.code,
        "anchor": f"rule-{rule.code}",
        "name": rule.name,
        "severity": rule.severity,
        "summary": rule.summary,
        "why": rule.why,
        "bad": rule.bad,
        "better": rule.better,
        "source": cites.linked(rule.source),
    }


# --- rewrites -----------------------------------------------------------------------------

_SLOT = re.compile(r"\[[^\[\]]{1,120}\]")


def _suggestion(original: str, suggestion: str) -> list[Piece]:
    """The suggestion with its placeholders marked: bracketed text the original lacks."""
    out: list[Piece] = []
    at = 0
    for m in _SLOT.finditer(suggestion):
        if m.group() in original:
            continue
        out += [Piece(suggestion[at : m.start()]), Piece(m.group(), "slot")]
        at = m.end()
    return [p for p in [*out, Piece(suggestion[at:])] if p.text]


def _rewrites(analysis: Analysis, lines: set[int]) -> list[dict[str, Any]]:
    """One group per segment, the chosen segment first, then the lexicon's order."""
    order = sorted(analysis.lexicon.segments, key=lambda s: s.id != analysis.chosen_segment)
    groups = []
    for seg in order:
        items = [
            {
                "link": _link(r.line, lines),
                "original": r.original,
                "suggestion": _suggestion(r.original, r.suggestion),
                "why": r.why,
            }
            for r in analysis.rewrites
            if r.segment == seg.id
        ]
        groups.append(
            {"id": seg.id, "name": seg.name, "chosen": seg.id == analysis.chosen_segment, "rows": items}
        )
    return groups if analysis.applicable else []


# --- market context -----------------------------------------------------------------------


def _skills(
    skills: Sequence[Skill], shown: Sequence[Any], known: set[int], cites: _Citer
) -> list[dict[str, Any]]:
    out = []
    for skill, hit in zip(skills, shown, strict=True):
        out.append(
            {
                "term": skill.term,
                "present": bool(hit.lines),
                "phrase": hit.phrase,
                "lines": _links(hit.lines, known),
                "note": skill.note,
                "cites": cites.ids(skill.sources),
            }
        )
    return sorted(out, key=lambda s: not s["present"])


def _certifications(
    lex: Lexicon, named: dict[str, tuple[int, ...]], known: set[int], cites: _Citer
) -> list[dict[str, Any]]:
    names = {c.id: c.name for c in lex.certifications}
    out = []
    for cert in lex.certifications:
        out.append(
            {
                "name": cert.name,
                "issuer": cert.issuer,
                "status": cert.status,
                "retires": cert.retires or "",
                "replacement": names.get(cert.replacement or "", cert.replacement or ""),
                "value": cert.value,
                "lines": _links(named.get(cert.id, []), known),
                "cites": cites.ids(cert.sources),
            }
        )
    return sorted(out, key=lambda c: (not c["lines"], c["status"] == "active"))


def _market(analysis: Analysis, cites: _Citer) -> dict[str, Any]:
    lex = analysis.lexicon
    known = {ln.number for ln in analysis.document.lines}
    facts = analysis.market or market_facts(analysis.document, lex)
    seg = lex.segment(analysis.chosen_segment or "") or (lex.segments[0] if lex.segments else None)
    segment = None
    if seg is not None:
        segment = {
            "id": seg.id,
            "name": seg.name,
            "optimises_for": seg.optimises_for,
            "looks_for": list(seg.looks_for),
            "cites": cites.ids(seg.sources),
        }
    return {
        "as_of": lex.as_of,
        "segment": segment,
        "table_stakes": _skills(lex.table_stakes, facts.table_stakes, known, cites),
        "differentiators": _skills(lex.differentiators, facts.differentiators, known, cites),
        "certifications": _certifications(lex, facts.certifications, known, cites),
        "salaries": _salaries(lex, analysis.document.years_experience, cites),
        "disagreements": [
            {
                "topic": d.get("topic", ""),
                "summary": d.get("summary", ""),
                "cites": cites.ids(d.get("sources", ())),
            }
            for d in lex.disagreements
        ],
    }


# --- salaries: each source on its own, never averaged -------------------------------------

# Career levels as the sources name them ("senior / staff", "early-career / junior"): the
# first word decides the row of the comparison.
_LEVELS = (
    ("all", "All levels", ("all levels",)),
    ("entry", "Entry / junior", ("entry", "junior", "early")),
    ("mid", "Mid", ("mid",)),
    ("senior", "Senior", ("senior",)),
    ("staff", "Staff / principal", ("staff", "principal")),
    ("director", "Director", ("director",)),
)
_PERIOD = {"year": "/yr", "hour": "/hr", "day": "/day"}


def _level(level: str) -> str:
    low = level.lower()
    for key, _, words in _LEVELS:
        if any(low.startswith(w) for w in words):
            return key
    return ""


def _money(amount: float, period: str) -> str:
    if period == "year" and amount >= 1000:
        return f"${amount / 1000:,.0f}K" if amount % 1000 == 0 else f"${amount / 1000:,.1f}K"
    return f"${amount:,.0f}"


def _band(s: dict[str, Any]) -> str:
    period = str(s.get("period", "year"))
    low, high = _money(s["low"], period), _money(s["high"], period)
    text = low if s["low"] == s["high"] else f"{low}\u2013{high}"
    return f"{text}{'+' if s.get('open_high') else ''}{_PERIOD.get(period, '/' + period)}"


def _years_match(years: str, have: float | None) -> bool:
    """Whether a band's years of experience ("5-8", "8+") include the resume's."""
    if have is None or not years:
        return False
    m = re.fullmatch(r"(\d+)\s*(?:[-\u2013]\s*(\d+)|(\+))", years.strip())
    if not m:
        return False
    low = int(m.group(1))
    high = int(m.group(2)) if m.group(2) else float("inf")
    return low <= have < high if m.group(2) else have >= low


def _salary_row(s: dict[str, Any], cites: _Citer, have: float | None) -> dict[str, Any]:
    return {
        "source": str(s["source"]),
        "cite": cites.one(str(s["source"])),
        "role": s.get("role", ""),
        "level": s.get("level", ""),
        "metro": s.get("metro", ""),
        "years": s.get("years", ""),
        "band": _band(s),
        "pay": s.get("pay", ""),
        "measure": s.get("measure", ""),
        "aggregator": s.get("aggregator", ""),
        "note": s.get("note", ""),
        "yours": _years_match(str(s.get("years", "")), have),
    }


def _salaries(lex: Lexicon, have: float | None, cites: _Citer) -> dict[str, Any]:
    """The lexicon's pay figures, each kept with its source: the role's annual ranges by level
    on one scale (for the metro most figures cover, the national one in a national lexicon),
    and every source's figures in its own column."""
    rows = [s for s in lex.salaries if {"source", "low", "high"} <= s.keys()]
    ranges = [
        s
        for s in rows
        if s.get("period") == "year"
        and s.get("role") == lex.role
        and s.get("measure") in ("range", "posted range")
        and _level(str(s.get("level", "")))
    ]
    metros = Counter(str(s.get("metro", "")) for s in ranges)
    metro = min(metros, key=lambda m: (-metros[m], m)) if metros else ""
    annual = [s for s in ranges if str(s.get("metro", "")) == metro]
    if not annual:
        scale_low, scale_high = 0.0, 1.0
    else:
        scale_low = 50_000 * (min(s["low"] for s in annual) // 50_000)
        scale_high = 50_000 * -(-max(s["high"] for s in annual) // 50_000)
    span = max(scale_high - scale_low, 1)
    levels = []
    for key, name, _ in _LEVELS:
        bands = []
        for s in sorted(
            (s for s in annual if _level(str(s.get("level", ""))) == key),
            key=lambda s: (str(s["source"]), str(s.get("aggregator", "")), s["low"]),
        ):
            row = _salary_row(s, cites, have)
            x = 100 * (s["low"] - scale_low) / span
            width = max(100 * (s["high"] - s["low"]) / span, 0.8)  # a single figure still shows
            bands.append({**row, "x": f"{x:.2f}", "width": f"{width:.2f}"})
        if bands:
            levels.append({"id": key, "name": name, "bands": bands})
    step = 50_000 if span <= 250_000 else 100_000  # labels that fit a narrow column
    ticks = (
        [
            {"x": f"{100 * (v - scale_low) / span:.2f}", "label": _money(v, "year")}
            for v in range(int(-(-scale_low // step) * step), int(scale_high) + 1, step)
        ]
        if annual
        else []
    )
    by_source = []
    for source_id in sorted({str(s["source"]) for s in rows}):
        mine = [_salary_row(s, cites, have) for s in rows if str(s["source"]) == source_id]
        by_source.append(
            {
                "cite": cites.one(source_id),
                "main": [r for r in mine if r["role"] == lex.role],
                "other": [r for r in mine if r["role"] != lex.role],
            }
        )
    return {
        "role": lex.role,
        "metro": metro,
        "levels": levels,
        "ticks": ticks,
        "by_source": by_source,
        "years": f"{round(have)}" if have is not None else "",
    }


# --- citations ----------------------------------------------------------------------------


class _Citer:
    """Turns lexicon source ids and file names into citations that link to the report's
    list of sources."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lex = lexicon

    def one(self, source_id: str) -> Cite:
        src = self._lex.sources.get(source_id)
        if src is None:
            return Cite(source_id, source_id, source_id, "", "")
        return Cite(src.id, src.title, src.file, src.date, f"#source-{_slug(src.id)}")

    def linked(self, text: str) -> list[Piece]:
        """A free-text citation as written, each source file name in it linked to the source."""
        files = {s.file: s.id for s in self._lex.sources.values() if s.file}
        if not files:
            return [Piece(text)] if text else []
        out: list[Piece] = []
        at = 0
        for m in re.finditer("|".join(re.escape(f) for f in sorted(files, key=len, reverse=True)), text):
            cite = self.one(files[m.group()])
            out += [Piece(text[at : m.start()]), Piece(m.group(), "cite", cite.href, cite.title)]
            at = m.end()
        return [p for p in [*out, Piece(text[at:])] if p.text]

    def ids(self, source_ids: Iterable[str]) -> list[Cite]:
        return [self.one(s) for s in dict.fromkeys(source_ids)]

    def all(self) -> list[dict[str, Any]]:
        return [
            {"cite": self.one(s.id), "publisher": s.publisher, "kind": s.kind, "gives": s.what_it_gives}
            for s in sorted(self._lex.sources.values(), key=lambda s: s.id)
        ]


def _slug(text: str) -> str:
    """An id-safe form of a lexicon id (ids come from data, which a user's lexicon may shape)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"

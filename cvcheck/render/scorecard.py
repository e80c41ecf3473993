"""The terminal scorecard: the overall score, what moved it and what to fix first.

Plain rows of at most 80 columns; on a terminal (and unless NO_COLOR is set) rich colours
them. Resume text is passed to rich as Text, never as markup, so a resume cannot style or
control the terminal.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from typing import IO, Any

from cvcheck.analyze.model import Analysis
from cvcheck.structure.text import display

WIDTH = 80
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
Row = list[tuple[str, str]]  # (text, rich style) pieces of one row


def _tone(score: int) -> str:
    return "green" if score >= 75 else "yellow" if score >= 50 else "red"


def _bar(score: int, width: int = 20) -> str:
    filled = round(score * width / 100)
    return "█" * filled + "·" * (width - filled)


def _wrapped(text: str, style: str = "", indent: str = "") -> Iterator[Row]:
    for line in textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_long_words=True) or [""]:
        yield [(line, style)]


def rows(analysis: Analysis, *, top: int = 3) -> list[Row]:
    """The scorecard as rows of styled pieces."""
    doc, lex = analysis.document, analysis.lexicon
    name = display(doc.path.rsplit("/", 1)[-1])
    out: list[Row] = [*_wrapped(f"{name}: judged against {lex.title} (as of {lex.as_of})", "bold")]
    if not analysis.applicable:
        out += _wrapped("No score: the market analysis does not apply to this file.", "yellow")
        for f in analysis.findings:
            if f.severity != "info":
                out += _wrapped(f"  {f.code} {display(f.message)}", "", "    ")
        return out + _job_rows(analysis.job)
    score = analysis.overall or 0
    out.append([("Overall ", "bold"), (f"{score}/100", f"bold {_tone(score)}")])
    out += _wrapped(f"  = {analysis.arithmetic}", "dim", "    ")
    out.append([])
    for d in analysis.dimensions:
        out.append(
            [(f"  {d.name:<26} ", ""), (f"{d.score:>3} ", _tone(d.score)), (_bar(d.score), _tone(d.score))]
        )
        out += _wrapped(f"      {d.summary}", "dim", "      ")
    out.append([])
    stages: Row = [("Lifecycle: ", "bold")]
    for s in analysis.lifecycle:
        mark, style = (
            ("✓", "green") if len(s.evidence) >= 2 else ("~", "yellow") if s.evidence else ("✗", "red")
        )
        stages += [(f"{mark} {s.stage} ", style)]
    out.append(stages)
    if analysis.segments:
        best = analysis.segments[0]
        fits = ", ".join(f"{s.id} {s.fit:.2f}" for s in analysis.segments)
        out += _wrapped(f"Segment fit: {fits} (best: {best.name})", "", "  ")
    if analysis.flags:
        out += _wrapped("Red flags: " + ", ".join(analysis.flags), "red", "  ")
    if analysis.fixes:
        out += [[], [("Fix first (points each would add):", "bold")]]
        for i, fix in enumerate(analysis.fixes[:top], start=1):
            lines = f" (lines {', '.join(map(str, fix.lines[:6]))})" if fix.lines else ""
            out += _wrapped(f"  {i}. +{fix.gain:.1f}  {fix.title}{lines}: {fix.detail}", "", "       ")
    worst = sorted(
        (f for f in analysis.findings if f.severity != "info"),
        key=lambda f: (_SEVERITY_ORDER[f.severity], f.line or 0),
    )[:5]
    if worst:
        out += [[], [("Findings:", "bold")]]
        for f in worst:
            where = f"line {f.line}" if f.line else "resume"
            style = "red" if f.severity == "error" else "yellow"
            out += _wrapped(f"  {f.code} ({where}) {display(f.message)}", style, "    ")
    return out + _job_rows(analysis.job)


_STATUS_STYLE = {"evidenced": "green", "claimed": "yellow", "missing": "red"}


def _where(skill: Any) -> str:
    """ " (15, as GitHub Actions)": the resume lines, and its own words when they differ."""
    if not skill.lines:
        return ""
    other = [w for w in skill.shown_as if w.casefold() != skill.skill.casefold()]
    words = f", as {display(' / '.join(other))}" if other else ""
    return f" ({', '.join(map(str, skill.lines[:3]))}{words})"


def _job_rows(job: Any) -> list[Row]:
    """The match against a posting (--job): score, skills by status, title, advice."""
    if job is None:
        return []
    p = job.posting
    what = " · ".join(
        display(x) for x in (p.title or "untitled posting", p.seniority, p.lane, p.segment) if x
    )
    out: list[Row] = [[], *_wrapped(f"Job match: {what}", "bold", "  ")]
    if job.score is not None:
        out.append([("  Score ", ""), (f"{job.score}/100", _tone(job.score))])
    out += _wrapped(f"  = {job.arithmetic}", "dim", "    ")
    for status in ("evidenced", "claimed", "missing"):
        skills = [s for s in job.skills if s.status == status]
        if skills:
            names = ", ".join(display(s.skill) + _where(s) for s in skills)
            out += _wrapped(f"  {status.capitalize()}: {names}", _STATUS_STYLE[status], "    ")
    out += _wrapped(f"  Title: {display(job.title.summary)}", "", "    ")
    for a in job.advice:
        out += _wrapped(f"  - {display(a.skill)}: {display(a.text)}", "", "    ")
    for note in job.notes:
        out += _wrapped(f"  Note: {note}", "yellow", "    ")
    return out


def scorecard(analysis: Analysis, *, top: int = 3) -> list[str]:
    """The scorecard as plain text rows."""
    return ["".join(text for text, _ in row) for row in rows(analysis, top=top)]


def print_scorecard(analysis: Analysis, stream: IO[str]) -> None:
    """Print with colour only on a terminal, and never when NO_COLOR is set."""
    colour = stream.isatty() and not os.environ.get("NO_COLOR")
    if not colour:
        stream.write("\n".join(scorecard(analysis)) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, width=WIDTH, highlight=False, soft_wrap=True)
    for row in rows(analysis):
        line = Text()
        for text, style in row:
            line.append(text, style=style or None)
        console.print(line)

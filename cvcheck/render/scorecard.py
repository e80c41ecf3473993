"""The terminal scorecard: the overall score and what moved it, in 80 columns of plain text."""

from __future__ import annotations

import textwrap

from cvcheck.analyze.model import Analysis
from cvcheck.structure.text import display

WIDTH = 80
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _bar(score: int, width: int = 20) -> str:
    filled = round(score * width / 100)
    return "█" * filled + "·" * (width - filled)


def scorecard(analysis: Analysis, *, top: int = 5) -> list[str]:
    """Rows of the scorecard, each at most WIDTH characters."""
    doc, lex = analysis.document, analysis.lexicon
    name = doc.path.rsplit("/", 1)[-1]
    rows = [_wrap(f"{name}: judged against {lex.title} (as of {lex.as_of})")]
    if not analysis.applicable:
        rows.append("No score: the market analysis does not apply to this file.")
        rows += [_wrap(f"  {f.code} {f.message}") for f in analysis.findings if f.severity != "info"]
        return [r for row in rows for r in row.split("\n")]
    rows.append(_wrap(f"Overall {analysis.overall}/100 = {analysis.arithmetic}"))
    rows.append("")
    for d in analysis.dimensions:
        rows.append(f"  {d.name:<26} {d.score:>3} {_bar(d.score)}")
        rows.append(_wrap(f"      {d.summary}", indent="      "))
    stages = "  ".join(("✓ " if s.covered else "✗ ") + s.stage for s in analysis.lifecycle)
    rows += ["", _wrap(f"Lifecycle: {stages}")]
    if analysis.segments:
        fits = ", ".join(f"{s.id} {s.fit:.2f}" for s in analysis.segments)
        rows.append(_wrap(f"Segment fit: {fits}"))
    if analysis.flags:
        rows.append(_wrap("Red flags: " + ", ".join(analysis.flags)))
    worst = sorted(
        (f for f in analysis.findings if f.severity != "info"),
        key=lambda f: (_SEVERITY_ORDER[f.severity], f.line or 0),
    )[:top]
    if worst:
        rows += ["", "Fix first:"]
        for f in worst:
            where = f"line {f.line}" if f.line else "resume"
            rows.append(_wrap(f"  {f.code} ({where}) {display(f.message)}", indent="    "))
    return [r for row in rows for r in row.split("\n")]


def _wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_long_words=True)) or text

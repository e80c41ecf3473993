"""The four dimension scores and the overall score, each point traced to resume lines.

Deterministic arithmetic, shown in the result: the same file and lexicon give the same
numbers, and a reader can recompute every one from the points listed.
"""

from __future__ import annotations

from cvcheck.analyze.model import Dimension, Points, StageCoverage, Unit
from cvcheck.analyze.titles import TitleReport
from cvcheck.document import Finding

WEIGHTS = {"titles": 0.15, "lifecycle": 0.35, "outcomes": 0.30, "clarity": 0.20}
NAMES = {"titles": "Title variants", "lifecycle": "ML lifecycle", "outcomes": "Quantified outcomes",
         "clarity": "Clear, specific phrasing"}  # fmt: skip
OUTCOME_SHARE = 0.6  # a resume with outcomes on 60% of its work lines scores full marks
MIN_WORK_LINES = 3
STUFFED_CAP = 30
NON_ML_SHARE = 1 / 3


def _dimension(dim_id: str, points: list[Points], summary: str) -> Dimension:
    total = sum(p.points for p in points)
    return Dimension(
        dim_id, NAMES[dim_id], max(0, min(100, round(total))), WEIGHTS[dim_id], tuple(points), summary
    )


def titles_score(report: TitleReport) -> Dimension:
    points: list[Points] = []
    head = report.headline
    if head is not None and report.headline_kind in ("core", "specialisation"):
        points.append(Points(f"current title uses a searched-for variant: '{head.text}'", 50, (head.number,)))
    elif head is not None:
        points.append(Points(f"current title is an adjacent role: '{head.text}'", 25, (head.number,)))
    strong = [h for h in report.found if h.kind in ("core", "specialisation")]
    elsewhere = sorted({n for h in strong for n in h.lines if head is None or n != head.number})
    if elsewhere:
        points.append(
            Points("a searched-for variant also appears in the summary or experience", 30, tuple(elsewhere))
        )
    distinct = {h.variant for h in strong}
    if len(distinct) >= 2:
        lines = tuple(sorted({h.lines[0] for h in strong}))
        points.append(Points(f"{len(distinct)} distinct variants, so more searches match", 20, lines))
    if report.stuffing:
        earned = sum(p.points for p in points)
        if earned > STUFFED_CAP:
            points.append(Points("variants repeated beyond natural use: capped", STUFFED_CAP - earned,
                                 tuple(ln.number for ln in report.stuffing[:5])))  # fmt: skip
    summary = f"{len(distinct)} searched-for variant(s) found" + (", stuffed" if report.stuffing else "")
    return _dimension("titles", points, summary)


def lifecycle_score(stages: tuple[StageCoverage, ...]) -> Dimension:
    share = 100 / max(len(stages), 1)
    points: list[Points] = []
    for stage in stages:
        lines = tuple(ref.line for ref in stage.evidence)
        if len(lines) >= 2:
            points.append(Points(f"{stage.name}: {len(lines)} work lines", share, lines))
        elif lines:
            points.append(Points(f"{stage.name}: one work line", share * 2 / 3, lines))
        else:
            claimed = f" (claimed only: {', '.join(stage.claimed[:3])})" if stage.claimed else ""
            points.append(Points(f"{stage.name}: no work line{claimed}", 0))
    covered = sum(1 for s in stages if s.covered)
    return _dimension("lifecycle", points, f"{covered} of {len(stages)} stages evidenced by work lines")


def outcomes_score(units: tuple[Unit, ...]) -> Dimension:
    work = [u for u in units if u.is_work]
    quantified = [u for u in work if u.judgment.quantified]
    target = max(MIN_WORK_LINES, OUTCOME_SHARE * len(work))
    each = 100 / target
    points: list[Points] = []
    for u in quantified:
        stated = ", ".join(ev.text for ev in u.judgment.outcomes[:2]) or "stated"
        if u.judgment.stages:
            points.append(Points(f"outcome of ML work: {stated}", each, (u.line,)))
        else:
            # an MLOps hiring manager weighs outcomes of model work; others count a third
            points.append(
                Points(f"outcome outside the ML lifecycle: {stated}", each * NON_ML_SHARE, (u.line,))
            )
    over = sum(p.points for p in points) - 100
    if over > 0:
        points.append(Points("capped at 100", -over))
    summary = f"{len(quantified)} of {len(work)} work lines state an outcome or scale"
    outside = sum(1 for u in quantified if not u.judgment.stages)
    if outside:
        summary += f" ({outside} outside the ML lifecycle, counted at a third)"
    return _dimension("outcomes", points, summary)


def clarity_score(units: tuple[Unit, ...], findings: list[Finding]) -> Dimension:
    """Start from 100; each vague claim or tool-list line costs a share of the lines judged."""
    cost = 100 / max(len(units), 4)
    points = [Points("no filler or unverifiable phrasing", 100)]
    for f in findings:
        if f.code == "CLR001":
            weight = 1.0 if f.severity == "warning" else 0.5
            points.append(Points(f"vague: '{f.evidence}'", -cost * weight, (f.line,) if f.line else ()))
        elif f.code == "KWS002":
            points.append(Points("a list of tools, no work described", -cost, (f.line,) if f.line else ()))
    vague = sum(1 for f in findings if f.code == "CLR001")
    return _dimension("clarity", points, f"{vague} vague phrase(s) in {len(units)} lines judged")


def overall(dimensions: tuple[Dimension, ...]) -> tuple[int, str]:
    """The weighted sum, and its arithmetic as text."""
    total = sum(d.weight * d.score for d in dimensions)
    parts = " + ".join(f"{d.weight:.2f}×{d.score} ({d.id})" for d in dimensions)
    return round(total), f"{parts} = {total:.1f}"

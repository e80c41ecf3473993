"""What to fix first: the changes that would raise the overall score most, each with the
points it is worth under the same arithmetic and the lines it concerns."""

from __future__ import annotations

from dataclasses import dataclass

from cvcheck.analyze.model import Dimension, StageCoverage, Unit
from cvcheck.analyze.score import MIN_WORK_LINES, NON_ML_SHARE, OUTCOME_SHARE, WEIGHTS
from cvcheck.analyze.titles import TitleReport
from cvcheck.lexicon.model import Lexicon


@dataclass(frozen=True)
class Fix:
    title: str
    detail: str
    gain: float  # overall points the fix would add
    lines: tuple[int, ...]
    dimension: str


def fixes(
    dimensions: tuple[Dimension, ...],
    lifecycle: tuple[StageCoverage, ...],
    units: tuple[Unit, ...],
    titles: TitleReport,
    lexicon: Lexicon,
) -> tuple[Fix, ...]:
    """Every fix worth at least half a point, biggest gain first."""
    score = {d.id: d.score for d in dimensions}
    out: list[Fix] = []
    share = 100 / max(len(lifecycle), 1)
    for stage in lifecycle:
        lines = tuple(ref.line for ref in stage.evidence)
        missing = share if not lines else share / 3 if len(lines) == 1 else 0
        if missing:
            claimed = (
                f" You list {', '.join(stage.claimed[:3])}: describe the work you did with it."
                if stage.claimed
                else ""
            )
            detail = (
                f"Add a line about your {stage.name.lower()} work.{claimed}"
                if not lines
                else f"One line shows {stage.name.lower()} work; a second makes it credible."
            )
            out.append(
                Fix(
                    f"Show {stage.name.lower()} work",
                    detail,
                    WEIGHTS["lifecycle"] * missing,
                    lines,
                    "lifecycle",
                )
            )
    work = [u for u in units if u.is_work]
    bare = [u for u in work if not u.judgment.quantified]
    if bare:
        each = 100 / max(MIN_WORK_LINES, OUTCOME_SHARE * len(work))
        room = 100 - score.get("outcomes", 0)
        ml_first = sorted(bare, key=lambda u: (not u.judgment.stages, u.line))
        gain = 0.0
        picked: list[int] = []
        for u in ml_first:
            if gain >= room:
                break
            gain += each if u.judgment.stages else each * NON_ML_SHARE
            picked.append(u.line)
        out.append(
            Fix(
                f"State outcomes on {len(picked)} line(s)",
                "Say what changed and by how much: latency, cost, MTTR, models in production.",
                WEIGHTS["outcomes"] * min(gain, room),
                tuple(sorted(picked)),
                "outcomes",
            )
        )
    vague_lines = tuple(u.line for u in units if u.judgment.vague)
    if vague_lines:
        phrases = list(dict.fromkeys(ev.text.lower() for u in units for ev in u.judgment.vague))[:3]
        said = ", ".join(f"'{p}'" for p in phrases)
        out.append(
            Fix(
                "Replace vague phrasing",
                f"Name what you did and what came of it instead of {said}.",
                WEIGHTS["clarity"] * (100 - score.get("clarity", 100)),
                vague_lines,
                "clarity",
            )
        )
    if titles.headline_kind not in ("core", "specialisation"):
        names = " or ".join([t.name for t in lexicon.titles if t.kind == "core"][:2])
        out.append(
            Fix(
                "Use a searched-for title",
                f"If it describes your work, title it {names}.",
                WEIGHTS["titles"] * min(50, 100 - score.get("titles", 0)),
                (titles.headline.number,) if titles.headline else (),
                "titles",
            )
        )
    if titles.stuffing:
        out.append(
            Fix(
                "Stop repeating title variants",
                "Keep one accurate title per role; use a variant once.",
                WEIGHTS["titles"] * 20,
                tuple(ln.number for ln in titles.stuffing[:5]),
                "titles",
            )
        )
    return tuple(sorted((f for f in out if f.gain >= 0.5), key=lambda f: (-f.gain, f.title)))

"""Coverage of the ML lifecycle: which stages the resume's work lines evidence, and which
tools it only claims (skills lists, "familiar with")."""

from __future__ import annotations

from cvcheck.analyze.bullets import BulletJudgment
from cvcheck.analyze.model import LineRef, StageCoverage, Unit
from cvcheck.lexicon.model import Lexicon


def coverage(
    units: tuple[Unit, ...], claims: list[tuple[int, BulletJudgment]], lexicon: Lexicon
) -> tuple[StageCoverage, ...]:
    """Per stage: the work lines that evidence it, and tools named for it only elsewhere.

    ``claims`` are judgments of lines that are not work (skills, certifications, summary):
    their tools are claimed, not evidenced.
    """
    stage_of_term = {t.id: t.stage for t in lexicon.terms}
    out: list[StageCoverage] = []
    for stage in lexicon.stages:
        evidence = tuple(
            LineRef(u.line, u.text) for u in units if u.is_work and stage.id in u.judgment.stages
        )
        # the same tool may be written differently in skills and in work lines: compare entries
        evidenced_tools = {t.id for u in units if u.is_work for t in u.judgment.tools}
        evidenced_tools |= {ev.id for u in units if u.is_work for ev in u.judgment.stage_evidence}
        claimed: list[str] = []
        sources = [j for _, j in claims] + [u.judgment for u in units if not u.is_work]
        sources += [u.judgment for u in units if u.is_work and stage.id not in u.judgment.stages]
        for judgment in sources:
            for tool in judgment.tools:
                name = tool.text
                if stage_of_term.get(tool.id) == stage.id and tool.id not in evidenced_tools:
                    claimed.append(name)
        out.append(
            StageCoverage(
                stage=stage.id,
                name=stage.name,
                covered=bool(evidence),
                evidence=evidence,
                # what matters is a stage claimed but not shown; for a covered stage, a tool
                # spelled differently in the skills list is not a finding
                claimed=() if evidence else tuple(dict.fromkeys(claimed)),
            )
        )
    return tuple(out)

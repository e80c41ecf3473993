"""Analysis + PostingAnalysis → JobMatch: each skill a posting asks for as evidenced, claimed
or missing on the resume, title alignment, a match score with its arithmetic, and advice that
never asks a candidate to add what they did not do.

Score (0-100), each part a 0-1 mean times its weight:
  required skills  × 0.7   evidenced 1.0, claimed 0.5, missing 0
  preferred skills × 0.2   same values
  title alignment  × 0.1   a posting variant on the resume 1.0, the same title family 0.5, none 0
A group the posting does not have (no preferred skills) hands its weight to required skills;
with no skills at all the score is None and a note says why, never a silent zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cvcheck.analyze import nlp
from cvcheck.analyze.model import Analysis
from cvcheck.lexicon.model import Lexicon
from cvcheck.postings.extract import skill_groups
from cvcheck.postings.model import PayRange, PostingAnalysis, SkillHit

Status = Literal["evidenced", "claimed", "missing"]
STATUS_VALUE: dict[str, float] = {"evidenced": 1.0, "claimed": 0.5, "missing": 0.0}
WEIGHTS = {"required": 0.7, "preferred": 0.2, "title": 0.1}
TITLE_VALUE = {"exact": 1.0, "family": 0.5, "none": 0.0}
# Lines that name a skill without showing it done: a list, a headline, a certificate.
CLAIM_SECTIONS = ("skills", "summary", "certifications")
ONLY_ADD = "only add it if you did it"


@dataclass(frozen=True)
class SkillMatch:
    skill: str  # as the posting wrote it
    term_id: str
    group: Literal["required", "preferred"]
    stage: str | None
    status: Status
    lines: tuple[int, ...]  # resume lines: work lines when evidenced, claim lines when claimed
    posting_lines: tuple[int, ...]
    # The resume's own words on those lines: a term's other phrases count ("GitHub Actions"
    # for a posting's "Jenkins": both are CI/CD), so the words are shown, not hidden.
    shown_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class TitleAlignment:
    posting_title: str | None
    status: Literal["exact", "family", "none"]
    found: tuple[tuple[str, tuple[int, ...]], ...]  # (variant, resume lines) the posting also uses
    closest: str | None  # the posting's core variant to use when none is found

    @property
    def summary(self) -> str:
        if self.status == "exact":
            return "your resume uses the posting's title: " + ", ".join(v for v, _ in self.found)
        if self.status == "family":
            return f"your resume uses a form of the same title ({', '.join(v for v, _ in self.found)})"
        if self.closest:
            return f"none of the posting's title variants appears; closest core variant: {self.closest}"
        return "the posting names no title variant the lexicon knows"


@dataclass(frozen=True)
class Advice:
    skill: str
    status: Status
    line: int | None  # the work line that already shows the skill's stage
    text: str


@dataclass(frozen=True)
class PostingSummary:
    path: str
    title: str | None
    seniority: str | None
    lane: str | None
    segment: str | None
    role_fit: str
    pay: tuple[PayRange, ...]


@dataclass(frozen=True)
class JobMatch:
    posting: PostingSummary
    skills: tuple[SkillMatch, ...]
    title: TitleAlignment
    score: int | None
    arithmetic: str
    advice: tuple[Advice, ...]
    notes: tuple[str, ...] = ()

    def of(self, status: Status) -> tuple[SkillMatch, ...]:
        return tuple(s for s in self.skills if s.status == status)


def match_job(analysis: Analysis, posting: PostingAnalysis, lexicon: Lexicon) -> JobMatch:
    """Read a resume's analysis against one posting's analysis (both on the same lexicon)."""
    wanted = _wanted(posting)
    skills = _statuses(analysis, wanted, lexicon)
    title = _title(analysis, posting)
    score, arithmetic = _score(skills, title)
    notes = []
    if posting.role_fit == "off_topic":
        notes.append("the posting is not an MLOps role: the lexicon knows few of the skills it asks for")
    if not skills:
        notes.append("no skill the lexicon knows was found in the posting's requirements: no score")
    if not analysis.applicable:
        notes.append("the resume could not be analysed, so every skill reads as missing")
    summary = PostingSummary(
        posting.path,
        posting.title,
        posting.seniority,
        posting.lane,
        posting.segment,
        posting.role_fit,
        posting.pay,
    )
    return JobMatch(
        summary, skills, title, score, arithmetic, _advice(analysis, skills, lexicon), tuple(notes)
    )


def _wanted(posting: PostingAnalysis) -> list[tuple[str, list[SkillHit]]]:
    """Distinct skills by term, required first; a skill both required and preferred is required."""
    groups: dict[str, tuple[str, list[SkillHit]]] = {}
    for group, hits in (("required", posting.required), ("preferred", posting.preferred)):
        for hit in hits:
            if hit.term_id not in groups:
                groups[hit.term_id] = (group, [])
            if groups[hit.term_id][0] == group:
                groups[hit.term_id][1].append(hit)
    return list(groups.values())


def _statuses(
    analysis: Analysis, wanted: list[tuple[str, list[SkillHit]]], lexicon: Lexicon
) -> tuple[SkillMatch, ...]:
    phrases = skill_groups(lexicon)
    keys = {hits[0].term_id: phrases.get(hits[0].term_id, (hits[0].skill,)) for _, hits in wanted}
    matcher = nlp.phrase_matcher(keys)
    work = {u.line for u in analysis.units if u.is_work}
    claim = {ln.number for ln in analysis.document.lines if ln.section in CLAIM_SECTIONS}
    lines = analysis.document.lines
    found: dict[str, list[int]] = {}
    words: dict[tuple[str, int], list[str]] = {}
    for line, doc in zip(lines, nlp.parse_all(ln.text for ln in lines), strict=True):
        for key, span in nlp.matches(matcher, doc):
            found.setdefault(key, []).append(line.number)
            words.setdefault((key, line.number), []).append(span.text)
    out = []
    for group, hits in wanted:
        hit = hits[0]
        at = list(dict.fromkeys(found.get(hit.term_id, ())))
        evidenced = tuple(n for n in at if n in work)
        claimed = tuple(n for n in at if n in claim)
        status: Status = "evidenced" if evidenced else "claimed" if claimed else "missing"
        shown = [w for n in evidenced or claimed for w in words[(hit.term_id, n)]]
        out.append(
            SkillMatch(
                skill=hit.skill,
                term_id=hit.term_id,
                group=group,  # type: ignore[arg-type]
                stage=hit.stage,
                status=status,
                lines=evidenced or claimed,
                posting_lines=tuple(dict.fromkeys(h.line.line for h in hits)),
                shown_as=tuple(dict.fromkeys(shown)),
            )
        )
    return tuple(out)


def _title(analysis: Analysis, posting: PostingAnalysis) -> TitleAlignment:
    on_resume = {h.variant.casefold(): h for h in analysis.titles_found}
    exact = tuple(
        (v.variant, on_resume[v.variant.casefold()].lines)
        for v in posting.title_variants
        if v.variant.casefold() in on_resume
    )
    ids = {v.title_id for v in posting.title_variants}
    family = tuple((h.variant, h.lines) for h in analysis.titles_found if h.title_id in ids)
    core = [v.variant for v in posting.title_variants if v.kind == "core"]
    closest = next(iter(core or [v.variant for v in posting.title_variants]), None)
    if exact:
        return TitleAlignment(posting.title, "exact", tuple(dict.fromkeys(exact)), None)
    if family:
        return TitleAlignment(posting.title, "family", family, closest)
    return TitleAlignment(posting.title, "none", (), closest)


def _score(skills: tuple[SkillMatch, ...], title: TitleAlignment) -> tuple[int | None, str]:
    if not skills:
        return None, "no skills to match"
    parts = []
    weights = dict(WEIGHTS)
    if not any(s.group == "preferred" for s in skills):
        weights["required"] += weights.pop("preferred")
    if not any(s.group == "required" for s in skills):
        weights["preferred"] = weights.get("preferred", 0.0) + weights.pop("required")
    total = 0.0
    for group in ("required", "preferred"):
        if group not in weights:
            continue
        mine = [s for s in skills if s.group == group]
        got = sum(STATUS_VALUE[s.status] for s in mine)
        total += got / len(mine) * weights[group]
        parts.append(f"{group} {got:g}/{len(mine)} × {weights[group]:.1f}")
    value = TITLE_VALUE[title.status]
    total += value * weights["title"]
    parts.append(f"title {value:g} × {weights['title']:.1f}")
    score = round(total * 100)
    return score, f"({' + '.join(parts)}) × 100 = {score}"


def _advice(analysis: Analysis, skills: tuple[SkillMatch, ...], lexicon: Lexicon) -> tuple[Advice, ...]:
    work = {u.line for u in analysis.units if u.is_work}
    shown = {s.stage: next((e.line for e in s.evidence if e.line in work), None) for s in analysis.lifecycle}
    stage_names = {s.id: s.name for s in lexicon.stages}
    out = []
    for s in skills:
        if s.status == "evidenced":
            continue
        line = shown.get(s.stage) if s.stage else None
        words = " / ".join(s.shown_as) or s.skill
        listed = f"line {s.lines[0]} lists {words} but no work line shows {s.skill}; " if s.lines else ""
        if line is not None:
            stage = stage_names.get(s.stage or "", s.stage or "").lower()
            text = f"{listed}the line {line} already shows {stage} work: "
            text += f"if that work involved {s.skill}, name it there in the posting's words"
        else:
            text = f"{listed}{ONLY_ADD}"
        out.append(Advice(s.skill, s.status, line, text))
    return tuple(out)

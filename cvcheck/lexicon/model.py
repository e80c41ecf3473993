"""A lexicon set as plain typed records: what the analysis matches and cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str
    publisher: str
    kind: str
    date: str
    what_it_gives: str


@dataclass(frozen=True)
class Title:
    id: str
    name: str
    variants: tuple[str, ...]
    kind: str  # core | specialisation | adjacent
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    id: str
    stage: str
    kind: str  # tool | practice | artifact | verb_object
    phrases: tuple[str, ...]
    strength: str  # strong | weak
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Verb:
    stage: str
    lemmas: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    name: str
    phrases: tuple[str, ...]
    units: tuple[str, ...]
    why: str
    sources: tuple[str, ...]
    stage: str | None = None  # the stage a stated value evidences in an ML line (latency → deployment)


@dataclass(frozen=True)
class ChangeWord:
    id: str
    kind: str  # verb | pattern
    phrases: tuple[str, ...]
    factor: float | None
    direction: str | None
    sources: tuple[str, ...]
    quantifies: bool = True  # False: the words state a change too loosely to count as a number


@dataclass(frozen=True)
class VaguePhrase:
    id: str
    phrases: tuple[str, ...]
    category: str
    severity: str
    why: str
    instead: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    optimises_for: str
    looks_for: tuple[str, ...]
    signals: tuple[str, ...]
    rewrite_focus: tuple[str, ...]
    outcome_placeholders: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    description: str
    signals: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Skill:
    """A table-stakes or differentiating skill."""

    term: str
    phrases: tuple[str, ...]
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    aliases: tuple[str, ...]
    issuer: str
    status: str  # active | retiring | retired
    retires: str | None
    replacement: str | None
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str  # green | red
    name: str
    description: str
    what_to_look_for: str
    phrases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Marker:
    """A tutorial-project marker."""

    id: str
    phrases: tuple[str, ...]
    strength: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class NonRoleContext:
    """Objects that show a stage word was used for work outside the role."""

    id: str
    not_stage: str
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class NotOutcome:
    """Words around a number that say it is not an outcome ("team of ...", "... interns").

    Each phrase holds ``...`` where the number stands; ``reason`` names why (team_size,
    experience, cadence ...)."""

    id: str
    reason: str
    phrases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class NotVague:
    """Cues that a vague phrase is negated, only mentioned, or part of a technical term."""

    id: str
    kind: str  # negation | mention | technical
    position: str  # before | after | "" (technical phrases contain the vague words)
    phrases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ContextWords:
    """Phrases that set the context of a line: ML context words (``ml_context``, with
    ``kind`` context or not_context) and markers of claims without activity (``claim_marker``)."""

    id: str
    kind: str
    phrases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Combination:
    """Stages that both count when work in one is applied to the other (alerts on features)."""

    id: str
    stages: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once per folder
class Lexicon:
    id: str
    title: str
    market: str
    role: str
    as_of: str
    version: str
    description: str
    path: str
    digest: str  # sha256 over the folder's TOML files: a result names the exact lexicon
    sources: dict[str, Source]
    titles: tuple[Title, ...]
    stages: tuple[Stage, ...]
    terms: tuple[Term, ...]
    verbs: tuple[Verb, ...]
    outcomes: tuple[Outcome, ...]
    change_words: tuple[ChangeWord, ...]
    vague: tuple[VaguePhrase, ...]
    segments: tuple[Segment, ...]
    lanes: tuple[Lane, ...]
    table_stakes: tuple[Skill, ...]
    differentiators: tuple[Skill, ...]
    certifications: tuple[Certification, ...]
    flags: tuple[Flag, ...]
    tutorial_markers: tuple[Marker, ...]
    non_role_contexts: tuple[NonRoleContext, ...]
    salaries: tuple[dict[str, Any], ...] = ()
    disagreements: tuple[dict[str, Any], ...] = ()
    not_outcomes: tuple[NotOutcome, ...] = ()
    not_vague: tuple[NotVague, ...] = ()
    ml_context: tuple[ContextWords, ...] = ()
    claim_markers: tuple[ContextWords, ...] = ()
    combinations: tuple[Combination, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    def source_file(self, source_id: str) -> str:
        """The file a source id names (for citations), or the id itself when unknown."""
        source = self.sources.get(source_id)
        return source.file if source else source_id

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

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
    kind: str  # tool | practice | verb_object
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


@dataclass(frozen=True)
class ChangeWord:
    id: str
    kind: str  # verb | pattern
    phrases: tuple[str, ...]
    factor: float | None
    direction: str | None
    sources: tuple[str, ...]


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

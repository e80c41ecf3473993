"""The lexicon folder's schema as data, and the checks that go with it (lexicons/SCHEMA.md is
the human version). Every problem is reported with its file, table, entry and key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Key types: str, strs (array of strings), int, float, bool, date (YYYY-MM-DD string),
# id (snake_case string), tables (array of tables, validated by `nested`).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class Key:
    type: str
    required: bool = True
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A TOML table (``many=False``) or array of tables (``many=True``) and its keys."""

    keys: dict[str, Key]
    many: bool = True
    required: bool = True
    id_key: str | None = "id"  # unique within the table when present
    nested: dict[str, Table] = field(default_factory=dict)


_SOURCES = Key("strs")
_NOTE = Key("str", required=False)
_ADDED = Key("strs", required=False)
# how many postings support an entry, and their share: written by `cvcheck market build`
_SUPPORT = Key("int", required=False)
_SHARE = Key("float", required=False)

SCHEMA: dict[str, dict[str, Table]] = {
    "lexicon.toml": {
        "lexicon": Table(
            {
                "id": Key("str"),
                "title": Key("str"),
                "market": Key("str"),
                "role": Key("str"),
                "as_of": Key("date"),
                "version": Key("str"),
                "description": Key("str"),
            },
            many=False,
            id_key=None,
        ),
        "source": Table(
            {
                "id": Key("str"),
                "file": Key("str"),
                "title": Key("str"),
                "publisher": Key("str"),
                "kind": Key("str"),
                "date": Key("str"),
                "date_as_stated": Key("str", required=False),
                "what_it_gives": Key("str"),
            }
        ),
        "disagreement": Table(
            {"topic": Key("str"), "sources": _SOURCES, "summary": Key("str")}, required=False, id_key=None
        ),
    },
    "titles.toml": {
        "title": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "variants": Key("strs"),
                "added_forms": _ADDED,
                "kind": Key("str", allowed=("core", "specialisation", "adjacent")),
                "sources": _SOURCES,
                "note": _NOTE,
                "support": _SUPPORT,
                "share": _SHARE,
            }
        )
    },
    "stages.toml": {
        "stage": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "description": Key("str"),
                "sources": _SOURCES,
                "support": _SUPPORT,
                "share": _SHARE,
            }
        ),
        "term": Table(
            {
                "id": Key("id", required=False),
                "stage": Key("str"),
                "kind": Key("str", allowed=("tool", "practice", "artifact", "verb_object")),
                "phrases": Key("strs"),
                "strength": Key("str", allowed=("strong", "weak")),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
                "support": _SUPPORT,
                "share": _SHARE,
            }
        ),
        "verb": Table(
            {"stage": Key("str"), "lemmas": Key("strs"), "added_forms": _ADDED, "sources": _SOURCES},
            id_key=None,
        ),
        "ml_context": Table(
            {
                "id": Key("id"),
                "kind": Key("str", required=False, allowed=("context", "not_context")),
                "phrases": Key("strs"),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
        "claim_marker": Table(
            {
                "id": Key("id"),
                "phrases": Key("strs"),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
        "combination": Table(
            {
                "id": Key("id"),
                "stages": Key("strs"),
                "description": Key("str"),
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
    },
    "outcomes.toml": {
        "outcome": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "phrases": Key("strs"),
                "units": Key("strs", required=False),
                "added_forms": _ADDED,
                "stage": Key("str", required=False),
                "why": Key("str"),
                "sources": _SOURCES,
                "note": _NOTE,
            }
        ),
        "change_word": Table(
            {
                "id": Key("id"),
                "kind": Key("str", allowed=("verb", "pattern")),
                "phrases": Key("strs"),
                "factor": Key("float", required=False),
                "direction": Key("str", required=False, allowed=("down", "up")),
                "quantifies": Key("bool", required=False),
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
        "not_outcome": Table(
            {
                "id": Key("id"),
                "reason": Key("id"),
                "phrases": Key("strs"),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
    },
    "vague.toml": {
        "phrase": Table(
            {
                "id": Key("id"),
                "phrases": Key("strs"),
                "category": Key("str", allowed=("role_hiding", "familiarity", "cliche", "filler_verb")),
                "severity": Key("str", allowed=("warning", "info")),
                "why": Key("str"),
                "instead": Key("str"),
                "sources": _SOURCES,
                "note": _NOTE,
            }
        ),
        "not_vague": Table(
            {
                "id": Key("id"),
                "kind": Key("str", allowed=("negation", "mention", "technical")),
                "position": Key("str", required=False, allowed=("before", "after")),
                "phrases": Key("strs"),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
    },
    "segments.toml": {
        "segment": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "optimises_for": Key("str"),
                "looks_for": Key("strs"),
                "signals": Key("strs"),
                "added_forms": _ADDED,
                "rewrite_focus": Key("strs"),
                "outcome_placeholders": Key("strs"),
                "sources": _SOURCES,
                "note": _NOTE,
            }
        ),
        "lane": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "description": Key("str"),
                "signals": Key("strs"),
                "added_forms": _ADDED,
                "sources": _SOURCES,
            },
            required=False,
        ),
        "table_stakes": Table(
            {"note": _NOTE, "items": Key("tables")},
            many=False,
            required=False,
            id_key=None,
            nested={
                "items": Table(
                    {"term": Key("str"), "phrases": Key("strs"), "sources": _SOURCES, "note": _NOTE},
                    id_key="term",
                )
            },
        ),
        "differentiators": Table(
            {"note": _NOTE, "items": Key("tables")},
            many=False,
            required=False,
            id_key=None,
            nested={
                "items": Table(
                    {"term": Key("str"), "phrases": Key("strs"), "sources": _SOURCES, "note": _NOTE},
                    id_key="term",
                )
            },
        ),
    },
    "certifications.toml": {
        "certification": Table(
            {
                "id": Key("id"),
                "name": Key("str"),
                "aliases": Key("strs"),
                "added_forms": _ADDED,
                "issuer": Key("str"),
                "status": Key("str", allowed=("active", "retiring", "retired")),
                "retires": Key("date", required=False),
                "replacement": Key("str", required=False),
                "cost_usd": Key("int", required=False),
                "value": Key("str"),
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        )
    },
    "flags.toml": {
        "flag": Table(
            {
                "id": Key("id"),
                "kind": Key("str", allowed=("green", "red")),
                "name": Key("str"),
                "description": Key("str"),
                "what_to_look_for": Key("str"),
                "phrases": Key("strs", required=False),
                "sources": _SOURCES,
            },
            required=False,
        ),
        "tutorial_marker": Table(
            {
                "id": Key("id"),
                "phrases": Key("strs"),
                "strength": Key("str", required=False, allowed=("strong", "weak")),
                "added_forms": _ADDED,
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
        "non_ml_context": Table(
            {
                "id": Key("id"),
                "not_stage": Key("str"),
                "verbs": Key("strs"),
                "objects": Key("strs"),
                "sources": _SOURCES,
                "note": _NOTE,
            },
            required=False,
        ),
    },
    "salaries.toml": {
        "band": Table(
            {
                "source": Key("str"),
                "role": Key("str", required=False),
                "level": Key("str"),
                "years": Key("str", required=False),
                "metro": Key("str"),
                "low": Key("int"),
                "high": Key("int"),
                "open_high": Key("bool", required=False),
                "currency": Key("str"),
                "period": Key("str", allowed=("year", "hour", "day")),
                "pay": Key("str", allowed=("base", "total", "rate", "unspecified")),
                "measure": Key("str"),
                "aggregator": Key("str", required=False),
                "note": Key("str"),
                "support": _SUPPORT,
            },
            required=False,
            id_key=None,
        ),
        "premium": Table(
            {
                "source": Key("str"),
                "what": Key("str"),
                "low": Key("int"),
                "high": Key("int"),
                "currency": Key("str"),
                "period": Key("str", allowed=("year", "hour", "day")),
                "open_high": Key("bool", required=False),
                "note": Key("str"),
            },
            required=False,
            id_key=None,
        ),
        "adjustment": Table(
            {
                "source": Key("str"),
                "what": Key("str"),
                "low_pct": Key("int"),
                "high_pct": Key("int"),
                "note": Key("str"),
            },
            required=False,
            id_key=None,
        ),
    },
}

REQUIRED_FILES = (
    "lexicon.toml",
    "titles.toml",
    "stages.toml",
    "outcomes.toml",
    "vague.toml",
    "segments.toml",
)


def _type_ok(value: Any, kind: str) -> bool:
    if kind in ("str", "date", "id"):
        if not isinstance(value, str) or not value.strip():
            return False
        return (
            bool(_DATE.match(value)) if kind == "date" else bool(_ID.match(value)) if kind == "id" else True
        )
    if kind == "strs":
        return (
            isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)
        )
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "tables":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError(kind)


_TYPE_WORDS = {
    "str": "a non-empty string",
    "strs": "a non-empty array of strings",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "date": "a date string YYYY-MM-DD",
    "id": "a snake_case id",
    "tables": "an array of tables",
}


def check_table(file: str, name: str, spec: Table, value: Any) -> list[str]:
    """Problems with one top-level table (or array of tables) of a lexicon file."""
    entries = value if spec.many else [value]
    if spec.many and not isinstance(value, list):
        return [f"{file}: '{name}' must be an array of tables, written [[{name}]]"]
    if not spec.many and not isinstance(value, dict):
        return [f"{file}: '{name}' must be a table, written [{name}]"]
    problems: list[str] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        where = _where(file, name, spec, index, entry)
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        for key in entry:
            if key not in spec.keys:
                known = ", ".join(spec.keys)
                problems.append(f"{where}: unknown key '{key}' (known keys: {known})")
        for key, rule in spec.keys.items():
            if key not in entry:
                if rule.required:
                    problems.append(f"{where}: missing required key '{key}'")
                continue
            val = entry[key]
            if not _type_ok(val, rule.type):
                problems.append(f"{where}: '{key}' must be {_TYPE_WORDS[rule.type]} (got {val!r:.60})")
            elif rule.allowed and val not in rule.allowed:
                problems.append(f"{where}: '{key}' must be one of {', '.join(rule.allowed)} (got {val!r})")
            elif rule.type == "tables":
                for sub_name, sub in spec.nested.items():
                    if sub_name == key:
                        problems += check_table(file, f"{name}.{key}", sub, val)
        if spec.id_key and isinstance(entry.get(spec.id_key), str):
            ident = entry[spec.id_key]
            if ident in seen:
                problems.append(f"{where}: duplicate {spec.id_key} '{ident}'")
            seen.add(ident)
    return problems


def _where(file: str, name: str, spec: Table, index: int, entry: Any) -> str:
    if not spec.many:
        return f"{file}: [{name}]"
    label = f"{file}: [[{name}]] #{index}"
    if spec.id_key and isinstance(entry, dict) and isinstance(entry.get(spec.id_key), str):
        label += f" ({spec.id_key} '{entry[spec.id_key]}')"
    return label

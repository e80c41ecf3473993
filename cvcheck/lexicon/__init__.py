"""Load, validate and describe lexicon folders (lexicons/SCHEMA.md).

``load_lexicon(path)`` returns a :class:`Lexicon` or raises :class:`LexiconError` listing every
problem; ``validate(path)`` returns the problems without raising.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from cvcheck.errors import CvcheckError, E
from cvcheck.lexicon.model import (
    Certification,
    ChangeWord,
    Combination,
    ContextWords,
    Flag,
    Lane,
    Lexicon,
    Marker,
    NonRoleContext,
    NotOutcome,
    NotVague,
    Outcome,
    Segment,
    Skill,
    Source,
    Stage,
    Term,
    Title,
    VaguePhrase,
    Verb,
)
from cvcheck.lexicon.schema import REQUIRED_FILES, SCHEMA, check_table
from cvcheck.paths import shipped

DEFAULT_ID = "us-mlops-2026"


class LexiconError(Exception):
    """A lexicon folder that cannot be used; ``problems`` lists each one, with its place."""

    exit_code = 2

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        first = problems[0] if problems else "unknown problem"
        more = (
            f" (and {len(problems) - 1} more; run 'cvcheck lexicons validate {path}')"
            if len(problems) > 1
            else ""
        )
        super().__init__(str(CvcheckError(E.INVALID_LEXICON, path, detail=f"{first}{more}")))


def default_path() -> Path:
    return shipped("lexicons") / DEFAULT_ID


def _read(folder: Path) -> tuple[dict[str, dict[str, Any]], list[str], str]:
    problems: list[str] = []
    data: dict[str, dict[str, Any]] = {}
    digest = hashlib.sha256()
    if not folder.is_dir():
        return {}, [f"{folder}: not a folder of lexicon files (see lexicons/SCHEMA.md)"], ""
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            problems.append(f"{name}: required file missing")
    for name in sorted(SCHEMA):
        path = folder / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        digest.update(name.encode() + b"\0" + raw)
        try:
            data[name] = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: not valid TOML: {exc}")
    return data, problems, digest.hexdigest()


def _check(data: dict[str, dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    for file, tables in SCHEMA.items():
        content = data.get(file)
        if content is None:
            continue
        for key in content:
            if key not in tables:
                problems.append(f"{file}: unknown table '{key}' (known: {', '.join(tables)})")
        for name, spec in tables.items():
            if name not in content:
                if spec.required:
                    problems.append(
                        f"{file}: missing [{'[' if spec.many else ''}{name}{']' if spec.many else ''}]"
                    )
                continue
            problems += check_table(file, name, spec, content[name])
    return problems or _cross_check(data)


def _entries(data: dict[str, dict[str, Any]], file: str, table: str) -> list[dict[str, Any]]:
    value = data.get(file, {}).get(table, [])
    return value if isinstance(value, list) else [value]


def _cross_check(data: dict[str, dict[str, Any]]) -> list[str]:
    """References between entries: sources, stages, outcomes, replacements; phrase clashes."""
    problems: list[str] = []
    sources = {s["id"] for s in _entries(data, "lexicon.toml", "source")}
    stages = [s["id"] for s in _entries(data, "stages.toml", "stage")]
    outcomes = {o["id"] for o in _entries(data, "outcomes.toml", "outcome")}
    certs = {c["id"] for c in _entries(data, "certifications.toml", "certification")}
    for file, tables in SCHEMA.items():
        for table in tables:
            for index, entry in enumerate(_entries(data, file, table), start=1):
                label = f"{file}: [[{table}]] #{index}" + (f" (id '{entry['id']}')" if "id" in entry else "")
                cited = list(entry.get("sources", [])) + ([entry["source"]] if "source" in entry else [])
                for nested in entry.get("items", []) if isinstance(entry.get("items"), list) else []:
                    cited += nested.get("sources", [])
                for sid in cited:
                    if sid not in sources:
                        problems.append(f"{label}: cites unknown source '{sid}' (declare it in lexicon.toml)")
                for key in ("stage", "not_stage"):
                    if key in entry and entry[key] not in stages:
                        problems.append(
                            f"{label}: '{key}' names unknown stage '{entry[key]}' "
                            f"(stages: {', '.join(stages)})"
                        )
                for named in entry.get("stages", []) if table == "combination" else []:
                    if named not in stages:
                        problems.append(
                            f"{label}: 'stages' names unknown stage '{named}' (stages: {', '.join(stages)})"
                        )
                if (
                    table == "not_vague"
                    and entry.get("kind") in ("negation", "mention")
                    and "position" not in entry
                ):
                    problems.append(f"{label}: a {entry['kind']} cue needs 'position' (before or after)")
                for focus in entry.get("rewrite_focus", []):
                    if focus not in outcomes:
                        problems.append(f"{label}: rewrite_focus names unknown outcome '{focus}'")
                if entry.get("replacement") and entry["replacement"] not in certs:
                    problems.append(
                        f"{label}: replacement names unknown certification '{entry['replacement']}'"
                    )
    problems += _phrase_clashes(data, "stages.toml", "term", "phrases")
    problems += _phrase_clashes(data, "vague.toml", "phrase", "phrases")
    problems += _phrase_clashes(data, "stages.toml", "verb", "lemmas")
    return problems


def _phrase_clashes(data: dict[str, dict[str, Any]], file: str, table: str, key: str) -> list[str]:
    owner: dict[str, str] = {}
    problems: list[str] = []
    for index, entry in enumerate(_entries(data, file, table), start=1):
        label = entry.get("id") or entry.get("stage") or f"#{index}"
        for phrase in entry.get(key, []):
            folded = " ".join(phrase.casefold().split())
            if folded in owner and owner[folded] != label:
                problems.append(
                    f"{file}: [[{table}]] '{label}': {key[:-1]} '{phrase}' is also in '{owner[folded]}'"
                )
            owner.setdefault(folded, label)
    return problems


def validate(path: str | Path) -> list[str]:
    """Every problem with the lexicon folder at ``path`` (empty when it is valid)."""
    data, problems, _ = _read(Path(path))
    return problems or _check(data)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load a lexicon folder (default: the shipped US MLOps 2026 set).

    Loaded sets are kept by folder and content digest: an edited folder loads afresh.
    """
    folder = (Path(path) if path is not None else default_path()).resolve()
    return _load(str(folder), _digest(folder))


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in sorted(SCHEMA):
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _load(folder: str, digest: str) -> Lexicon:
    stored = _validated_copy(Path(folder), digest)
    if stored is not None:
        return _build(stored, folder, digest)
    data, problems, digest = _read(Path(folder))
    problems = problems or _check(data)
    if problems:
        raise LexiconError(folder, problems)
    return _build(data, folder, digest)


def _validated_copy(folder: Path, digest: str) -> dict[str, dict[str, Any]] | None:
    """The files' content as `cvcheck lexicons build` stored it after validating them, when
    built from exactly these files: parsing JSON skips re-reading and re-checking the TOML at
    every start. Anything else (no build, a stale one) falls back to the files themselves."""
    import json

    try:
        stored = json.loads((folder / "compiled.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("digest") != digest or not digest:
        return None
    data = stored.get("lexicon_data")
    return data if isinstance(data, dict) else None


def parsed_files(folder: str | Path) -> dict[str, dict[str, Any]]:
    """The lexicon files as parsed TOML (for `cvcheck lexicons build` to store)."""
    data, problems, _ = _read(Path(folder))
    problems = problems or _check(data)
    if problems:
        raise LexiconError(str(folder), problems)
    return data


def _t(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(entry.get(key, ()))


def _build(data: dict[str, dict[str, Any]], folder: str, digest: str) -> Lexicon:
    head = data["lexicon.toml"]["lexicon"]

    def rows(file: str, table: str) -> list[dict[str, Any]]:
        return _entries(data, file, table)

    def skills(table: str) -> tuple[Skill, ...]:
        block = data.get("segments.toml", {}).get(table, {})
        return tuple(
            Skill(i["term"], _t(i, "phrases"), _t(i, "sources"), i.get("note", ""))
            for i in block.get("items", [])
        )

    return Lexicon(
        id=head["id"],
        title=head["title"],
        market=head["market"],
        role=head["role"],
        as_of=head["as_of"],
        version=head["version"],
        description=head["description"],
        path=folder,
        digest=digest,
        sources={
            s["id"]: Source(
                s["id"], s["file"], s["title"], s["publisher"], s["kind"], s["date"], s["what_it_gives"]
            )
            for s in rows("lexicon.toml", "source")
        },
        titles=tuple(
            Title(t["id"], t["name"], _t(t, "variants"), t["kind"], _t(t, "sources"), t.get("note", ""))
            for t in rows("titles.toml", "title")
        ),
        stages=tuple(
            Stage(s["id"], s["name"], s["description"], _t(s, "sources"))
            for s in rows("stages.toml", "stage")
        ),
        terms=tuple(
            Term(
                t.get("id") or f"{t['stage']}_{i}",
                t["stage"],
                t["kind"],
                _t(t, "phrases"),
                t["strength"],
                _t(t, "sources"),
            )
            for i, t in enumerate(rows("stages.toml", "term"))
        ),
        verbs=tuple(Verb(v["stage"], _t(v, "lemmas"), _t(v, "sources")) for v in rows("stages.toml", "verb")),
        outcomes=tuple(
            Outcome(
                o["id"],
                o["name"],
                _t(o, "phrases"),
                _t(o, "units"),
                o["why"],
                _t(o, "sources"),
                o.get("stage"),
            )
            for o in rows("outcomes.toml", "outcome")
        ),
        change_words=tuple(
            ChangeWord(
                c["id"],
                c["kind"],
                _t(c, "phrases"),
                c.get("factor"),
                c.get("direction"),
                _t(c, "sources"),
                c.get("quantifies", True),
            )
            for c in rows("outcomes.toml", "change_word")
        ),
        not_outcomes=tuple(
            NotOutcome(n["id"], n["reason"], _t(n, "phrases"), _t(n, "sources"))
            for n in rows("outcomes.toml", "not_outcome")
        ),
        not_vague=tuple(
            NotVague(n["id"], n["kind"], n.get("position", ""), _t(n, "phrases"), _t(n, "sources"))
            for n in rows("vague.toml", "not_vague")
        ),
        ml_context=tuple(
            ContextWords(m["id"], m.get("kind", "context"), _t(m, "phrases"), _t(m, "sources"))
            for m in rows("stages.toml", "ml_context")
        ),
        claim_markers=tuple(
            ContextWords(m["id"], "claim", _t(m, "phrases"), _t(m, "sources"))
            for m in rows("stages.toml", "claim_marker")
        ),
        combinations=tuple(
            Combination(c["id"], _t(c, "stages"), _t(c, "sources"))
            for c in rows("stages.toml", "combination")
        ),
        vague=tuple(
            VaguePhrase(
                v["id"],
                _t(v, "phrases"),
                v["category"],
                v["severity"],
                v["why"],
                v["instead"],
                _t(v, "sources"),
            )
            for v in rows("vague.toml", "phrase")
        ),
        segments=tuple(
            Segment(
                s["id"],
                s["name"],
                s["optimises_for"],
                _t(s, "looks_for"),
                _t(s, "signals"),
                _t(s, "rewrite_focus"),
                _t(s, "outcome_placeholders"),
                _t(s, "sources"),
            )
            for s in rows("segments.toml", "segment")
        ),
        lanes=tuple(
            Lane(x["id"], x["name"], x["description"], _t(x, "signals"), _t(x, "sources"))
            for x in rows("segments.toml", "lane")
        ),
        table_stakes=skills("table_stakes"),
        differentiators=skills("differentiators"),
        certifications=tuple(
            Certification(
                c["id"],
                c["name"],
                _t(c, "aliases"),
                c["issuer"],
                c["status"],
                c.get("retires"),
                c.get("replacement"),
                c["value"],
                _t(c, "sources"),
            )
            for c in rows("certifications.toml", "certification")
        ),
        flags=tuple(
            Flag(
                f["id"],
                f["kind"],
                f["name"],
                f["description"],
                f["what_to_look_for"],
                _t(f, "phrases"),
                _t(f, "sources"),
            )
            for f in rows("flags.toml", "flag")
        ),
        tutorial_markers=tuple(
            Marker(m["id"], _t(m, "phrases"), m.get("strength", "strong"), _t(m, "sources"))
            for m in rows("flags.toml", "tutorial_marker")
        ),
        non_role_contexts=tuple(
            NonRoleContext(n["id"], n["not_stage"], _t(n, "verbs"), _t(n, "objects"), _t(n, "sources"))
            for n in rows("flags.toml", "non_ml_context")
        ),
        salaries=tuple(rows("salaries.toml", "band")),
        disagreements=tuple(rows("lexicon.toml", "disagreement")),
    )


def available() -> list[Path]:
    """The shipped lexicon folders."""
    root = shipped("lexicons")
    return sorted(p for p in root.iterdir() if (p / "lexicon.toml").is_file()) if root.is_dir() else []

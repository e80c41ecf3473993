"""`cvcheck lint`: configuration, inline suppressions and diagnostics at source lines.

Files → (settings in force, Document, Analysis) → diagnostics and an exit status. Nothing here
prints: ``cvcheck.render.lintfmt`` turns a :class:`LintResult` into text, JSON, GitHub
annotations or SARIF. The analysis is imported only when a file is read, so that settings,
``--show-config`` and usage errors answer without loading spaCy.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvcheck.document import Document, Finding, Severity
from cvcheck.errors import CvcheckError, E
from cvcheck.rules import BY_CODE, lookup

if TYPE_CHECKING:
    from cvcheck.lexicon.model import Lexicon

RANK = {"info": 0, "warning": 1, "error": 2, "none": 3}
FAIL_LEVELS = ("error", "warning", "info", "none")  # none: only min-score fails
SHOW_LEVELS = ("error", "warning", "info")
CONFIG_FILE = ".cvcheck.toml"
PYPROJECT = "pyproject.toml"
UNUSED = "SUP001"
BELOW_MIN = "SCR001"
# Green flags are praise, not problems: a linter lists what to change.
PRAISE_PREFIX = "GRN"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# ---- Settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintConfig:
    """The settings in force for one file, and where each came from."""

    min_score: int | None = None
    fail_level: str = "error"
    show: str = "info"
    segment: str | None = None
    lexicons: str | None = None  # an absolute folder; None: the shipped lexicon
    ignore: frozenset[str] = frozenset()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    file: str | None = None  # the configuration file in force; None: defaults only
    root: str = "."  # the folder per-file-ignores patterns are relative to
    origins: Mapping[str, str] = field(default_factory=dict)  # setting → "default", a file, an option

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes ignored for ``path``: ``ignore`` plus every per-file-ignores pattern it matches."""
        codes = set(self.ignore)
        resolved = Path(path).resolve()
        try:
            rel = resolved.relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:  # a file outside the configuration's folder: match by path as given
            rel = Path(path).as_posix()
        for pattern, pattern_codes in self.per_file_ignores:
            name_only = "/" not in pattern
            if fnmatchcase(rel, pattern) or (name_only and fnmatchcase(resolved.name, pattern)):
                codes |= pattern_codes
        return frozenset(codes)


# setting name in TOML → LintConfig field
_FIELDS = {
    "min-score": "min_score",
    "fail-level": "fail_level",
    "show": "show",
    "segment": "segment",
    "lexicons": "lexicons",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
}
# command-line option for each setting that has one
_OPTIONS = {
    "min-score": "--min-score",
    "fail-level": "--fail-level",
    "show": "--show",
    "segment": "--segment",
    "lexicons": "--lexicons",
}


def _problem(where: Path | str, detail: str) -> CvcheckError:
    return CvcheckError(E.INVALID_CONFIG, str(where), detail=detail)


def _codes(value: Any, where: Path, key: str) -> frozenset[str]:
    """Rule codes from a list of codes or rule names; unknown ones are a configuration error."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem(where, f"'{key}' must be a list of rule codes, e.g. [\"OUT001\"]")
    codes = set()
    for name in value:
        rule = lookup(name)
        if rule is None:
            raise _problem(where, f"'{key}' names no rule '{name}'; 'cvcheck explain CODE' lists rules")
        if rule.code == BELOW_MIN:
            raise _problem(where, f"'{key}' cannot ignore {BELOW_MIN}; change min-score instead")
        codes.add(rule.code)
    return frozenset(codes)


def _value(key: str, value: Any, where: Path) -> Any:
    """Check one setting's value and turn it into the LintConfig field's type."""
    if key == "min-score":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise _problem(where, f"'min-score' must be a whole number from 0 to 100, not {value!r}")
        return value
    if key in ("fail-level", "show"):
        allowed = FAIL_LEVELS if key == "fail-level" else SHOW_LEVELS
        if value not in allowed:
            raise _problem(where, f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
        return value
    if key in ("segment", "lexicons"):
        if not isinstance(value, str) or not value.strip():
            raise _problem(where, f"'{key}' must be a non-empty string")
        # a lexicon folder is relative to the file that names it, as in any config file
        return str((where.parent / value).resolve()) if key == "lexicons" else value
    if key == "ignore":
        return _codes(value, where, key)
    if not isinstance(value, dict):
        raise _problem(where, '\'per-file-ignores\' must be a table of "glob" = ["CODE", ...]')
    return tuple(
        (pattern, _codes(codes, where, f"per-file-ignores.{pattern}")) for pattern, codes in value.items()
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CvcheckError(E.NOT_FOUND, str(path)) from None
    except OSError as exc:
        raise CvcheckError(E.UNREADABLE, str(path), detail=exc.strerror or type(exc).__name__) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _problem(path, f"not valid TOML: {exc}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The cvcheck settings in a configuration file; None for a pyproject.toml without them."""
    data = _read_toml(path)
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool", {})
    table = tool.get("cvcheck") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise _problem(path, "[tool.cvcheck] must be a table")
    return table


@cache
def _settings(path: Path) -> dict[str, Any] | None:
    """The checked settings of one configuration file, keyed by TOML name."""
    table = _table(path)
    if table is None:
        return None
    out = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _FIELDS:
            raise _problem(path, f"unknown setting '{raw_key}' (known: {', '.join(_FIELDS)})")
        out[key] = _value(key, value, path)
    return out


@cache
def discover(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``: ``.cvcheck.toml``, or a
    ``pyproject.toml`` with a ``[tool.cvcheck]`` table (one without it is passed over)."""
    for directory in (folder, *folder.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = directory / name
            if candidate.is_file() and _settings(candidate) is not None:
                return candidate
    return None


def forget_settings() -> None:
    """Drop the configuration files read so far (they are read once per run)."""
    _settings.cache_clear()
    discover.cache_clear()


def resolve_config(path: str, overrides: Mapping[str, Any] | None = None) -> LintConfig:
    """The settings for the file at ``path``: command-line ``overrides`` > ``overrides["config"]``
    (an explicit file, instead of discovery) > the nearest configuration file > defaults.

    ``overrides`` keys are the setting names with underscores (``min_score``, ``fail_level``,
    ``show``, ``segment``, ``lexicons``) and ``config``; a value of None means not given.
    """
    given = {k.replace("_", "-"): v for k, v in (overrides or {}).items() if v is not None}
    explicit = given.pop("config", None)
    if explicit is not None:
        source: Path | None = Path(explicit).resolve()
        if _settings(source) is None:
            raise _problem(explicit, "it has no [tool.cvcheck] table")
    else:
        source = discover(Path(path).resolve().parent)
    values: dict[str, Any] = {}
    origins = {key: "default" for key in _FIELDS}
    for key, value in (_settings(source) or {}).items() if source else ():
        values[_FIELDS[key]] = value
        origins[key] = str(source)
    for key, value in given.items():
        if key not in _OPTIONS:
            raise TypeError(f"unknown lint override {key!r}")
        option = _OPTIONS[key]
        values[_FIELDS[key]] = (
            _value(key, value, Path(option)) if key != "lexicons" else str(Path(value).resolve())
        )
        origins[key] = option
    root = str(source.parent) if source else str(Path.cwd())
    return LintConfig(**values, file=str(source) if source else None, root=root, origins=origins)


# ---- Inline suppressions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Suppression:
    """A ``cvcheck: ignore`` directive found in the resume's source."""

    line: int  # the source line the directive is on
    column: int
    target: int | None  # the line it applies to; None: the whole file (ignore-file, JSON meta)
    codes: tuple[str, ...]  # rule codes; empty: every rule
    unknown: tuple[str, ...] = ()  # names in the directive that are no rule


_DIRECTIVE = re.compile(r"cvcheck:\s*(?P<kind>ignore-file|ignore)(?![\w-])(?P<codes>.*)", re.IGNORECASE)
_MD_COMMENT = re.compile(r"<!--(?P<body>.*?)-->")
_YAML_COMMENT = re.compile(r"(?:^|(?<=\s))#(?P<body>.*)$")


def _directive(body: str, line: int, column: int, standalone: bool) -> Suppression | None:
    """A directive inside one comment's text: on a line of its own it covers the next line,
    after other text it covers its own line; ``ignore-file`` covers the file."""
    match = _DIRECTIVE.match(body.strip())
    if match is None:
        return None
    names = match["codes"].split("--", 1)[0]  # "-- why" after the codes is a reason
    codes, unknown = [], []
    for name in filter(None, re.split(r"[\s,]+", names)):
        rule = lookup(name)
        if rule is None:
            unknown.append(name)
        else:
            codes.append(rule.code)
    whole = match["kind"].lower() == "ignore-file"
    target = None if whole else (line + 1 if standalone else line)
    return Suppression(line, column, target, tuple(dict.fromkeys(codes)), tuple(unknown))


def _latex_comment(text: str) -> int | None:
    """Index of the ``%`` that starts a comment (``\\%`` is a percent sign), or None."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == "%":
            return i
        else:
            i += 1
    return None


def _line_comments(fmt: str, line: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of each comment on a source line, in the format's own syntax."""
    if fmt == "markdown":
        return [(m.start(), m.end(), m["body"]) for m in _MD_COMMENT.finditer(line)]
    if fmt == "latex":
        start = _latex_comment(line)
        return [] if start is None else [(start, len(line), line[start + 1 :])]
    if fmt in ("rendercv", "yaml"):
        match = _YAML_COMMENT.search(line)
        return [] if match is None else [(match.start(), len(line), match["body"])]
    return []


def _json_meta(text: str) -> list[Suppression]:
    """JSON has no comments; JSON Resume's ``meta`` object carries tooling keys instead:
    ``"meta": {"cvcheck": {"ignore": ["OUT001"]}}`` ignores those codes in the whole file."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    meta = data.get("meta") if isinstance(data, dict) else None
    ours = meta.get("cvcheck") if isinstance(meta, dict) else None
    names = ours.get("ignore") if isinstance(ours, dict) else None
    if not isinstance(names, list):
        return []
    at = text.find('"cvcheck"', max(text.find('"meta"'), 0))
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    rules = [(n, lookup(n)) for n in names if isinstance(n, str)]
    codes = tuple(dict.fromkeys(r.code for _, r in rules if r))
    unknown = tuple(n for n, r in rules if r is None)
    # an empty list would read as "every rule": it ignores nothing instead
    return [Suppression(line, column, None, codes, unknown)] if codes or unknown else []


def suppressions(fmt: str, text: str) -> list[Suppression]:
    """The ``cvcheck: ignore`` directives in a resume's source text, for formats with comments:
    ``<!-- ... -->`` in Markdown, ``%`` in LaTeX, ``#`` in YAML, ``meta`` in JSON Resume."""
    if fmt == "jsonresume":
        return _json_meta(text)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for start, end, body in _line_comments(fmt, line):
            standalone = not line[:start].strip() and not line[end:].strip()
            directive = _directive(body, number, start + 1, standalone)
            if directive is not None:
                found.append(directive)
    return found


# ---- Findings at source lines -----------------------------------------------------------------


@dataclass(frozen=True)
class Diagnostic:
    """A finding at its place in the file: ``path:line:column: CODE message``."""

    path: str
    line: int  # 1-based: the source line for text formats, the `cvcheck text` line otherwise
    column: int  # 1-based
    code: str
    severity: Severity
    message: str
    evidence: str = ""
    document_line: int | None = None  # the `cvcheck text` line; None: the whole file

    @property
    def name(self) -> str:
        return BY_CODE[self.code].name


def column_of(evidence: str, line: str) -> int:
    """1-based column of ``evidence`` in ``line`` (its first words when a wrap or markup splits
    it), or 1 when it is not there."""
    if not evidence:
        return 1
    words = evidence.split()
    for needle in (evidence, " ".join(words[:3])):
        at = line.find(needle)
        if at < 0 and len(line.lower()) == len(line):  # lower() keeps the offsets here
            at = line.lower().find(needle.lower())
        if at >= 0:
            return at + 1
    return 1


def _place(finding: Finding, doc: Document, source: list[str] | None) -> tuple[int, int]:
    """(line, column) of a finding: the source line where the format has one, else the
    document line `cvcheck text` prints; whole-file findings at 1:1."""
    if finding.line is None or not 1 <= finding.line <= len(doc.lines):
        return 1, 1
    line = doc.lines[finding.line - 1]
    number = line.location.source_line
    if source is not None and number is not None and 1 <= number <= len(source):
        return number, column_of(finding.evidence, source[number - 1])
    return line.number, column_of(finding.evidence, line.text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def diagnostics(
    path: str, doc: Document, findings: Sequence[Finding], source: list[str] | None
) -> list[Diagnostic]:
    """The analysis findings as diagnostics, green flags left out."""
    out = []
    for finding in findings:
        if finding.code.startswith(PRAISE_PREFIX):
            continue
        line, column = _place(finding, doc, source)
        out.append(
            Diagnostic(
                path,
                line,
                column,
                finding.code,
                finding.severity,
                _one_line(finding.message),
                finding.evidence,
                finding.line,
            )
        )
    return out


def apply_suppressions(
    path: str, found: Sequence[Diagnostic], directives: Sequence[Suppression]
) -> list[Diagnostic]:
    """The diagnostics no directive suppresses, plus an unused-suppression finding (SUP001) for
    each directive, or code in it, that suppressed nothing."""
    used: set[tuple[int, str]] = set()
    kept = []
    for diag in found:
        hits = [
            i
            for i, d in enumerate(directives)
            if (d.target is None or (diag.document_line is not None and d.target == diag.line))
            and (not d.codes or diag.code in d.codes)
        ]
        used.update((i, diag.code) for i in hits)
        if not hits:
            kept.append(diag)
    for i, d in enumerate(directives):
        where = "in this file" if d.target is None else f"on line {d.target}"
        if not d.codes and not d.unknown:
            stale = [] if any(u == i for u, _ in used) else [f"every rule (nothing to suppress {where})"]
        else:
            stale = [f"{code} (nothing to suppress {where})" for code in d.codes if (i, code) not in used]
        stale += [f"{name} (no such rule)" for name in d.unknown]
        if stale:
            message = f"unused suppression: {', '.join(stale)}"
            kept.append(Diagnostic(path, d.line, d.column, UNUSED, BY_CODE[UNUSED].severity, message))
    return sorted(kept, key=lambda x: (x.line, x.column, x.code))


# ---- Linting files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    """One file's outcome: its diagnostics, or why it was skipped, or the error reading it."""

    path: str
    config: LintConfig
    format: str | None = None
    score: int | None = None
    diagnostics: tuple[Diagnostic, ...] = ()  # after ignores and suppressions, before --show
    skipped: str | None = None  # why this is not a resume to lint (JSON or YAML of another kind)
    error: str | None = None  # the one-line error: the file could not be read

    @property
    def shown(self) -> tuple[Diagnostic, ...]:
        """What the output lists: at or above ``show``, and always whatever fails the run."""
        floor = min(RANK[self.config.show], RANK[self.config.fail_level])
        return tuple(d for d in self.diagnostics if RANK[d.severity] >= floor or d.code == BELOW_MIN)

    @property
    def below_min_score(self) -> bool:
        return any(d.code == BELOW_MIN for d in self.diagnostics)

    @property
    def failing(self) -> tuple[Diagnostic, ...]:
        fail = RANK[self.config.fail_level]
        return tuple(d for d in self.diagnostics if RANK[d.severity] >= fail or d.code == BELOW_MIN)


@dataclass(frozen=True)
class LintResult:
    files: tuple[FileResult, ...]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(d for f in self.files for d in f.shown)

    @property
    def hidden(self) -> int:
        return sum(len(f.diagnostics) - len(f.shown) for f in self.files)

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, else 1 when any file fails, else 0."""
        if any(f.error for f in self.files):
            return 2
        return 1 if any(f.failing for f in self.files) else 0


def _source_lines(data: bytes, path: str, doc: Document) -> list[str] | None:
    """The source text's lines for formats whose document lines point into it."""
    if not any(line.location.source_line is not None for line in doc.lines):
        return None
    from cvcheck.read.base import decode_text

    return decode_text(data, path).split("\n")


class _Skip(Exception):
    """A file the hook matched that is not a resume: skipped, not an error."""


def _not_a_resume(exc: CvcheckError, data: bytes) -> str | None:
    """Why a file is skipped rather than an error: JSON that parses but is not JSON Resume
    (package.json, a schema...) is another kind of file in a resume repository."""
    if exc.error is not E.NOT_A_RESUME_FORMAT:
        return None
    try:
        json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return None
    return "JSON without the JSON Resume keys (basics, work, education...)"


def _skip_yaml(doc: Document) -> str | None:
    """Generic YAML (not RenderCV) with no role and no email address: some other file of the
    repository (a CI workflow, a site config), not a resume. Headings alone do not tell: a
    workflow's ``jobs:`` reads as an experience section."""
    if doc.format == "yaml" and not doc.roles and not _EMAIL.search(doc.text()):
        return "YAML that is neither RenderCV nor a resume (no role, no email address)"
    return None


def _read(path: str) -> tuple[bytes, Document]:
    """The file's bytes and document; :class:`_Skip` for a file that is not a resume."""
    from cvcheck.read import load_bytes, read_document

    data = load_bytes(path)
    try:
        doc = read_document(path, data=data)
    except CvcheckError as exc:
        reason = _not_a_resume(exc, data)
        if reason:
            raise _Skip(reason) from None
        raise
    except Exception as exc:  # a reader bug still gives one line, not a traceback
        raise CvcheckError(E.INTERNAL, path, detail=f"{type(exc).__name__}: {exc}") from None
    reason = _skip_yaml(doc)
    if reason:
        raise _Skip(reason)
    return data, doc


def _lexicon(config: LintConfig) -> Lexicon:
    """The lexicon the settings name (loaded once per folder), with the segment checked."""
    from cvcheck.lexicon import load_lexicon

    lexicon = load_lexicon(config.lexicons)
    if config.segment is not None and lexicon.segment(config.segment) is None:
        known = ", ".join(s.id for s in lexicon.segments)
        where = f"lexicon {lexicon.id} ({config.origins.get('segment', 'segment')})"
        raise CvcheckError(E.UNKNOWN_SEGMENT, where, segment=config.segment, known=known)
    return lexicon


def _judge(path: str, config: LintConfig, data: bytes, doc: Document) -> FileResult:
    from cvcheck.analyze.engine import analyze

    analysis = analyze(doc, _lexicon(config), config.segment)
    source = _source_lines(data, path, doc)
    ignored = config.ignored_for(path)
    found = [d for d in diagnostics(path, doc, analysis.findings, source) if d.code not in ignored]
    directives = suppressions(doc.format, "\n".join(source)) if source is not None else []
    kept = [d for d in apply_suppressions(path, found, directives) if d.code not in ignored]
    score = analysis.overall
    if config.min_score is not None and score is not None and score < config.min_score:
        message = f"overall score {score} is below the minimum {config.min_score} (min-score)"
        kept.insert(0, Diagnostic(path, 1, 1, BELOW_MIN, BY_CODE[BELOW_MIN].severity, message))
    return FileResult(path, config, doc.format, score, tuple(kept))


def lint_file(path: str, config: LintConfig) -> FileResult:
    """Lint one file with the given settings. Raises :class:`CvcheckError` (or LexiconError) for
    settings that cannot be used; a file that cannot be read becomes ``FileResult.error``."""
    try:
        data, doc = _read(path)
    except CvcheckError as exc:
        return FileResult(path, config, error=str(exc))
    except _Skip as skip:
        return FileResult(path, config, skipped=str(skip))
    return _judge(path, config, data, doc)


def lint_paths(paths: Sequence[str], config_overrides: Mapping[str, Any] | None = None) -> LintResult:
    """Lint each file with the settings in force for it (see :func:`resolve_config`).

    Raises :class:`CvcheckError` or LexiconError for settings that cannot be used; files that
    cannot be read are reported in their :class:`FileResult` and make the exit status 2.
    """
    forget_settings()  # configuration files may have changed since an earlier call
    results = []
    for path in paths:
        config = resolve_config(path, config_overrides)
        results.append(lint_file(os.fspath(path), config))
    return LintResult(tuple(results))

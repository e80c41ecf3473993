"""`cvcheck lint` results → text, JSON, GitHub Actions annotations and SARIF 2.1.0.

Only the standard library: the hook runs on every commit, so its output costs nothing to load.
The JSON form is published in cvcheck/schema/lint.schema.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cvcheck import __version__
from cvcheck.lint import RANK, Diagnostic, FileResult, LintConfig, LintResult
from cvcheck.rules import RULES, Rule

JSON_SCHEMA_VERSION = "1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The project has no public home page yet; like the schema ids, a placeholder until it has one.
INFORMATION_URI = "https://cvcheck.invalid/"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_COLOUR = {"error": "31", "warning": "33", "info": "36"}  # SGR red, yellow, cyan


# ---- text -------------------------------------------------------------------------------------


def _paint(text: str, sgr: str, colour: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if colour else text


def diagnostic_line(d: Diagnostic, *, colour: bool = False) -> str:
    """``path:line:col: CODE message``, 1-based, the form editors and CI problem matchers read."""
    where = _paint(f"{d.path}:{d.line}:{d.column}:", "1", colour)
    return f"{where} {_paint(d.code, _COLOUR[d.severity], colour)} {d.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _scores(files: list[FileResult]) -> str:
    if not files:
        return ""
    parts = [f"{'n/a' if f.score is None else f.score} ({f.path})" for f in files]
    return f"; {'score' if len(parts) == 1 else 'scores'} {', '.join(parts)}"


def _failure(result: LintResult) -> str:
    reasons = []
    failing = [d for f in result.files for d in f.failing if d.code != "SCR001"]
    if failing:
        levels = sorted({f.config.fail_level for f in result.files if f.failing}, key=RANK.__getitem__)
        reasons.append(f"{_plural(len(failing), 'problem')} at or above fail-level {'/'.join(levels)}")
    for f in result.files:
        if f.below_min_score:
            reasons.append(f"{f.path} scores {f.score}, below min-score {f.config.min_score}")
    return f" Failed: {'; '.join(reasons)}." if reasons else ""


def summary(result: LintResult) -> str:
    """One line: problems by severity, files, scores, and why the run failed if it did."""
    shown = result.diagnostics
    linted = [f for f in result.files if not f.error and not f.skipped]
    counts = [_plural(n, level) for level in ("error", "warning", "info")
              if (n := sum(d.severity == level for d in shown))]  # fmt: skip
    head = f"Found {_plural(len(shown), 'problem')} ({', '.join(counts)})" if shown else "No problems"
    notes = []
    if result.hidden:
        notes.append(f"{result.hidden} more below the show level")
    skipped = [f.path for f in result.files if f.skipped]
    if skipped:
        notes.append(f"{len(skipped)} skipped as not resumes: {', '.join(skipped)}")
    unreadable = sum(1 for f in result.files if f.error)
    if unreadable:
        notes.append(f"{unreadable} unreadable")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{head} in {_plural(len(linted), 'file')}{extra}{_scores(linted)}.{_failure(result)}"


def text_lines(result: LintResult, *, colour: bool = False) -> list[str]:
    """Every shown diagnostic, then the summary line."""
    return [diagnostic_line(d, colour=colour) for d in result.diagnostics] + [summary(result)]


# ---- JSON -------------------------------------------------------------------------------------


def _file_json(f: FileResult) -> dict[str, Any]:
    c = f.config
    return {
        "path": f.path,
        "format": f.format,
        "score": f.score,
        "skipped": f.skipped,
        "error": f.error,
        "failed": bool(f.failing),
        "settings": {
            "config": c.file,
            "min_score": c.min_score,
            "fail_level": c.fail_level,
            "show": c.show,
            "segment": c.segment,
        },
    }


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "evidence": d.evidence,
        "document_line": d.document_line,
    }


def json_report(result: LintResult) -> dict[str, Any]:
    """The result as plain data, in the published schema (cvcheck/schema/lint.schema.json)."""
    shown = result.diagnostics
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "cvcheck", "version": __version__},
        "exit_code": result.exit_code,
        "files": [_file_json(f) for f in result.files],
        "diagnostics": [_diagnostic_json(d) for d in shown],
        "summary": {
            "problems": len(shown),
            "errors": sum(d.severity == "error" for d in shown),
            "warnings": sum(d.severity == "warning" for d in shown),
            "info": sum(d.severity == "info" for d in shown),
            "hidden": result.hidden,
            "text": summary(result),
        },
    }


# ---- GitHub Actions ---------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: LintResult) -> list[str]:
    """Workflow commands that annotate the file and line in a pull request, then the summary."""
    lines = [
        f"::{_GITHUB_LEVEL[d.severity]} file={_escape_property(Path(d.path).as_posix())},line={d.line},"
        f"col={d.column},title={_escape_property(d.code)}::{_escape_data(d.message)}"
        for d in result.diagnostics
    ]
    return [*lines, summary(result)]


# ---- SARIF 2.1.0 ------------------------------------------------------------------------------


def _rule_json(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.why}\n\nExample: {rule.bad}\nBetter: {rule.better}\n\nSource: {rule.source}"
    help_markdown = (
        f"{rule.why}\n\n**Example:** {rule.bad}\n\n**Better:** {rule.better}\n\n*Source:* {rule.source}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": ["resume", rule.code[:3].lower()]},
    }


def _artifact(path: str, base: Path) -> dict[str, str]:
    """A relative URI with forward slashes under the working folder (the repository root in
    CI), else an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path(os.path.abspath(base)))
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(rel.as_posix()), "uriBaseId": "%SRCROOT%"}


def _result_json(d: Diagnostic, index: dict[str, int], base: Path) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(d.path, base),
                    "region": {"startLine": d.line, "startColumn": d.column},
                }
            }
        ],
    }
    if d.document_line is not None:
        out["properties"] = {"documentLine": d.document_line}  # the `cvcheck text` line
    return out


def _notifications(result: LintResult, base: Path) -> list[dict[str, Any]]:
    """Unreadable files as error notifications: the run did not judge them."""
    return [
        {
            "level": "error",
            "message": {"text": f.error},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path, base)}}],
        }
        for f in result.files
        if f.error
    ]


def sarif_report(result: LintResult, base: Path | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log for code scanning: every rule's metadata, one result per diagnostic.
    ``base`` is the folder URIs are relative to (default: the working folder)."""
    base = base or Path.cwd()
    index = {rule.code: i for i, rule in enumerate(RULES)}
    invocation: dict[str, Any] = {"executionSuccessful": result.exit_code != 2}
    notes = _notifications(result, base)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cvcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_json(rule) for rule in RULES],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": [_result_json(d, index, base) for d in result.diagnostics],
            }
        ],
    }


# ---- settings ---------------------------------------------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, frozenset):
        return json.dumps(sorted(value))
    if isinstance(value, tuple):
        return "{" + ", ".join(f"{json.dumps(p)} = {json.dumps(sorted(c))}" for p, c in value) + "}"
    return json.dumps(value)


def config_lines(path: str, config: LintConfig) -> list[str]:
    """The settings in force for ``path`` as TOML, each with where it came from."""
    values = {
        "min-score": config.min_score,
        "fail-level": config.fail_level,
        "show": config.show,
        "segment": config.segment,
        "lexicons": config.lexicons,
        "ignore": config.ignore,
        "per-file-ignores": config.per_file_ignores,
    }
    unset = {
        "min-score": "no minimum",
        "segment": "the best-fitting segment",
        "lexicons": "the shipped US MLOps 2026 lexicon",
    }
    lines = [f"# settings for {path}", f"# configuration file: {config.file or 'none found (defaults)'}"]
    for key, value in values.items():
        origin = config.origins.get(key, "default")
        if value is None:
            lines.append(f"# {key}: not set, {unset[key]}  ({origin})")
        else:
            lines.append(f"{key} = {_toml(value)}  # {origin}")
    return lines

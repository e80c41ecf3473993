"""The command line, in-process through `cvcheck.cli.main` (exit code, exact stdout, stderr),
once through the installed console script, and the rule registry's documentation."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cvcheck import __version__
from cvcheck.cli import main
from cvcheck.rules import RULES, Rule

Write = Callable[[str, bytes | str], Path]

# A small fictional resume; its `cvcheck text` output is pinned below, character for character.
RESUME_MD = """\
# Alex Example

MLOps Engineer
alex@example.com · +1 (555) 010-0199 · Denver, CO

## Summary

MLOps engineer who takes models from the notebook to production and keeps them healthy.

## Experience

### MLOps Engineer | Example Corp | Jan 2021 – Present

- Deployed 12 models to production with KServe and cut the p99 latency by 40%.
- Built the training pipelines
  on Kubeflow for the data science team.

## Skills

Python, Kubernetes, MLflow, Terraform
"""

# Line numbers right-aligned, the section padded to "experience", '# ' for headings, '• ' for
# bullets (the wrapped bullet joined into one line), two spaces for other text.
RESUME_TEXT = """\
 1  contact       Alex Example
 2  contact       MLOps Engineer
 3  contact       alex@example.com · +1 (555) 010-0199 · Denver, CO
 4  summary     # Summary
 5  summary       MLOps engineer who takes models from the notebook to production and keeps them healthy.
 6  experience  # Experience
 7  experience    MLOps Engineer | Example Corp | Jan 2021 – Present
 8  experience  • Deployed 12 models to production with KServe and cut the p99 latency by 40%.
 9  experience  • Built the training pipelines on Kubeflow for the data science team.
10  skills      # Skills
11  skills        Python, Kubernetes, MLflow, Terraform
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# cvcheck text -----------------------------------------------------------------------------


def test_text_prints_every_line_numbered_with_its_section(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("alex.md", RESUME_MD)
    code, out, err = run(capsys, "text", str(path))
    assert code == 0
    assert out == RESUME_TEXT
    assert err == ""  # a clean resume: no ATS finding


def test_text_sends_findings_to_stderr_as_path_line_col(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "sam-rivera-devops.docx"
    code, out, err = run(capsys, "text", str(path))
    assert code == 0  # `text` shows findings; it does not fail on them
    assert err.splitlines() == [
        f"{path}:1:1: ATS003 1 table: ATS parsers read cells in unpredictable order",
        f"{path}:2:1: ATS004 contact details only in the page header: some ATS drop it",
    ]
    assert out.splitlines()[1].startswith(" 2  contact ")  # the line ATS004 points at


def test_text_json_is_the_document_model(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("alex.md", RESUME_MD)
    code, out, err = run(capsys, "text", "--json", str(path))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"tool", "source", "sections", "roles", "lines", "facts", "findings"} <= set(data)
    assert data["tool"] == {"name": "cvcheck", "version": __version__}
    assert data["source"]["path"] == str(path)
    assert data["source"]["format"] == "markdown"
    assert data["source"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    numbers = [line["number"] for line in data["lines"]]
    assert numbers == list(range(1, len(RESUME_TEXT.splitlines()) + 1))
    assert [s["name"] for s in data["sections"]] == ["contact", "summary", "experience", "skills"]
    assert data["roles"][0]["title"] == "MLOps Engineer" and data["roles"][0]["line"] == 7
    assert data["lines"][8]["kind"] == "bullet"
    assert data["findings"] == []


def test_text_json_carries_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "text", "--json", str(EXAMPLES / "sam-rivera-devops.docx"))
    assert code == 0 and err == ""
    findings = {f["code"]: f for f in json.loads(out)["findings"]}
    assert set(findings) == {"ATS003", "ATS004"}
    assert (findings["ATS004"]["severity"], findings["ATS004"]["line"]) == ("warning", 2)


# cvcheck explain --------------------------------------------------------------------------


def explanation(rule: Rule) -> str:
    return (
        f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\n"
        f"Why it matters: {rule.why}\n\n"
        f"Example:  {rule.bad}\nBetter:   {rule.better}\n\n"
        f"Source:   {rule.source}\n"
    )


@pytest.mark.parametrize("key", ["ATS002", "ats002", "multi-column-layout"])
def test_explain_by_code_or_name(key: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", key)
    assert code == 0 and err == ""
    rule = next(r for r in RULES if r.code == "ATS002")
    assert out == explanation(rule)
    for part in (rule.code, rule.summary, rule.why, rule.bad, rule.better, rule.source):
        assert part in out


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_explain_prints_every_rule(rule: Rule, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "explain", rule.code) == (0, explanation(rule), "")


def test_explain_unknown_rule_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "NOPE")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("cvcheck: error: no rule 'NOPE'; known codes: ATS001, ATS002")


# version, help, usage ---------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, flag) == (0, f"cvcheck, version {__version__}\n", "")


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (["--help"], "cvcheck explain ATS002"),
        (["-h"], "cvcheck explain ATS002"),
        (["text", "--help"], "cvcheck text examples/maya-okafor-mlops.pdf"),
        (["explain", "--help"], "cvcheck explain multi-column-layout"),
    ],
)
def test_help_shows_examples(args: list[str], example: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 0 and err == ""
    assert out.startswith("Usage: cvcheck")
    examples = out.split("Examples:\n", 1)[1]
    assert example in examples


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["text"], "Missing argument 'FILE'"),
        (["text", "--max-pages", "0", "resume.pdf"], "Invalid value for '--max-pages'"),
        (["text", "--no-such-option", "resume.pdf"], "No such option"),
        (["lint-everything"], "No such command 'lint-everything'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert f"Error: {message}" in err
    assert "Traceback" not in err


# The installed console script -------------------------------------------------------------


def test_installed_console_script(tmp_path: Path) -> None:
    """The wheel's entry point (`cvcheck = cvcheck.cli:main`) runs, and main's return value
    becomes the process exit status."""
    exe = shutil.which("cvcheck")
    if exe is None:
        pytest.skip("the cvcheck console script is not installed (pip install -e . puts it on PATH)")
    example = (EXAMPLES / "maya-okafor-mlops.pdf").resolve()
    done = subprocess.run(
        [exe, "text", str(example)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "experience" in done.stdout
    assert "Traceback" not in done.stderr

    missing = subprocess.run(
        [exe, "text", "missing.pdf"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr == "cvcheck: error: missing.pdf: no such file; check the path [E001]\n"


# The rule registry's documentation ---------------------------------------------------------


def test_every_rule_is_documented() -> None:
    """Stable codes and names, and every piece of documentation `cvcheck explain` prints."""
    rule_codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(rule_codes)) == len(rule_codes), "duplicate rule code"
    assert len(set(names)) == len(names), "duplicate rule name"
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in ("error", "warning", "info"), rule.code
        for field in ("summary", "why", "bad", "better", "source"):
            assert getattr(rule, field).strip(), f"{rule.code} has no {field}"

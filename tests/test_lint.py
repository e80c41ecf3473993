"""`cvcheck lint`, in-process through `cvcheck.cli.main`: the diagnostic format, exit codes,
configuration discovery, per-file ignores, inline suppression per format, unused suppressions,
and the json, github and sarif outputs (SARIF checked against a schema of the part GitHub code
scanning reads)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT

import cvcheck.cli_lint  # for monkeypatching its terminal check
from cvcheck import __version__
from cvcheck.cli import main
from cvcheck.rules import BY_CODE, RULES

Write = Callable[[str, bytes | str], Path]

# A small fictional resume: a vague phrase (CLR001, a warning) and two bullets without an
# outcome (OUT001, info); four lifecycle stages and a title variant missing (whole-file, at 1:1).
RESUME_MD = """\
# Alex Example

MLOps Engineer
alex@example.com · +1 (555) 010-0199 · Denver, CO

## Summary

MLOps engineer who takes models from the notebook to production and keeps them healthy.

## Experience

### MLOps Engineer | Example Corp | Jan 2021 – Present

- Deployed 12 models to production with KServe and cut the p99 latency by 40%.
- Responsible for the training pipelines on Kubeflow for the data science team.
- Improved the model deployment process.

## Skills

Python, Kubernetes, MLflow, Terraform
"""

CLR001 = (
    "CLR001 'Responsible for' A duty statement says what the job was, not what you did or what "
    "changed; 004 screens for 'specificity: numbers, named tools with versions, and quantified "
    "outcomes', and 000 says to lead with outcomes. Start with the verb for what you did and end "
    "with the result: 'Built the retraining pipeline for 14 fraud models in Kubeflow Pipelines v2, "
    "cutting manual retraining from 2 days to 0' instead of 'Responsible for model retraining'."
)
OUT001 = "OUT001 no outcome or scale: what changed, by how much, for how many?"
TTL002 = (
    "TTL002 recruiters also search for: ML Ops Engineer, ML-Ops Engineer, Machine Learning "
    "Operations Engineer, Machine Learning Operations (MLOps) Engineer"
)
WHOLE_FILE = [
    "resume.md:1:1: LCY001 Data: no work line shows this stage",
    "resume.md:1:1: LCY001 Registry: no work line shows this stage",
    "resume.md:1:1: LCY001 Monitoring: no work line shows this stage",
    "resume.md:1:1: LCY001 Retraining: no work line shows this stage",
    f"resume.md:1:1: {TTL002}",
]
LINES = [
    f"resume.md:15:3: {CLR001}",
    f"resume.md:15:3: {OUT001}",
    f"resume.md:16:3: {OUT001}",
]
SUMMARY = "Found 8 problems (5 warnings, 3 info) in 1 file; score 47 (resume.md)."


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for a resume repository, as the working folder (paths are relative)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    (tmp_path / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    return tmp_path


# The diagnostic format ------------------------------------------------------------------------


def test_one_diagnostic_per_line_at_the_source_line_then_a_summary(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """path:line:col: CODE message, 1-based; the column is where the evidence starts on the
    source line (after '- '); whole-file findings at 1:1; green flags are not problems."""
    code, out, err = lint(capsys, "resume.md")
    assert out == "\n".join([*WHOLE_FILE, *LINES, SUMMARY]) + "\n"
    assert (code, err) == (0, "")  # warnings do not fail by default; not a TTY: no notes
    assert "GRN" not in out and "\x1b[" not in out


def test_lines_are_source_lines_not_document_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Front matter and blank lines move the source lines; `cvcheck text` numbers stay put."""
    (repo / "resume.md").write_text("---\ntitle: CV\n---\n\n\n" + RESUME_MD, encoding="utf-8")
    _, out, _ = lint(capsys, "--show", "warning", "resume.md")
    assert f"resume.md:20:3: {CLR001}" in out.splitlines()


def test_pdf_findings_use_the_cvcheck_text_line(capsys: pytest.CaptureFixture[str]) -> None:
    pdf = str(EXAMPLES / "jordan-lee-two-column.pdf")
    code, out, _ = lint(capsys, "--format", "json", pdf)
    report = json.loads(out)
    lined = [d for d in report["diagnostics"] if d["document_line"] is not None]
    assert lined and all(d["line"] == d["document_line"] for d in lined)
    assert report["files"][0]["format"] == "pdf" and code == 0


# Exit codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], 0),  # warnings and info only; the default fail level is error
        (["--fail-level", "warning"], 1),
        (["--fail-level", "info"], 1),
        (["--fail-level", "none", "--min-score", "48"], 1),  # score 47
        (["--min-score", "47"], 0),
        (["--fail-level", "error", "--min-score", "0"], 0),
    ],
)
def test_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: int) -> None:
    code, _, _ = lint(capsys, *args, "resume.md")
    assert code == expected  # never a count of findings


def test_failure_is_explained_in_the_summary(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = lint(
        capsys, "--fail-level", "warning", "--show", "warning", "--min-score", "60", "resume.md"
    )
    assert code == 1
    assert out.splitlines() == [
        "resume.md:1:1: SCR001 overall score 47 is below the minimum 60 (min-score)",
        *WHOLE_FILE[:4],
        f"resume.md:15:3: {CLR001}",
        "Found 6 problems (1 error, 5 warnings) in 1 file (3 more below the show level); "
        "score 47 (resume.md). Failed: 5 problems at or above fail-level warning; "
        "resume.md scores 47, below min-score 60.",
    ]


def test_failing_findings_show_whatever_the_show_level(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = lint(capsys, "--fail-level", "warning", "--show", "error", "resume.md")
    assert code == 1 and f"resume.md:15:3: {CLR001}" in out


def test_unreadable_input_exits_2_after_linting_the_rest(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = lint(capsys, "missing.md", "resume.md")
    assert code == 2
    assert err == "cvcheck: error: missing.md: no such file; check the path [E001]\n"
    assert out.splitlines() == [
        *WHOLE_FILE, *LINES,
        "Found 8 problems (5 warnings, 3 info) in 1 file (1 unreadable); score 47 (resume.md).",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give one or more resume files"),
        (["--fail-level", "fatal", "resume.md"], "Invalid value for '--fail-level'"),
        (["--min-score", "101", "resume.md"], "Invalid value for '--min-score'"),
        (["--format", "xml", "resume.md"], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = lint(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_unknown_segment_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = lint(capsys, "--segment", "nope", "resume.md")
    assert (code, out) == (2, "")
    assert err.startswith("cvcheck: error: lexicon us-mlops-2026 (--segment): has no segment 'nope'")
    assert err.endswith("[E016]\n") and len(err.splitlines()) == 1


# Configuration ----------------------------------------------------------------------------------


def _fails(capsys: pytest.CaptureFixture[str], path: str, *args: str) -> bool:
    code, _, err = lint(capsys, *args, path)
    assert code in (0, 1), err
    return code == 1


def test_config_is_found_by_walking_up_from_the_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = repo / "cv" / "2026"
    nested.mkdir(parents=True)
    (nested / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    assert not _fails(capsys, "cv/2026/resume.md")
    (repo / ".cvcheck.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    assert _fails(capsys, "cv/2026/resume.md")


def test_pyproject_without_the_table_is_passed_over(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cv").mkdir()
    (repo / "cv" / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    (repo / "cv" / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.cvcheck]\nfail-level = "warning"\n', encoding="utf-8")
    assert _fails(capsys, "cv/resume.md")
    _, out, _ = lint(capsys, "--show-config", "cv/resume.md")
    assert f"# configuration file: {repo / 'pyproject.toml'}" in out.splitlines()


def test_cvcheck_toml_wins_over_pyproject_in_the_same_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text('[tool.cvcheck]\nfail-level = "warning"\n', encoding="utf-8")
    (repo / ".cvcheck.toml").write_text('fail-level = "error"\n', encoding="utf-8")
    assert not _fails(capsys, "resume.md")


def test_the_nearest_file_wins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".cvcheck.toml").write_text('fail-level = "error"\n', encoding="utf-8")
    (repo / "cv").mkdir()
    (repo / "cv" / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    (repo / "cv" / "pyproject.toml").write_text("[tool.cvcheck]\nmin-score = 90\n", encoding="utf-8")
    assert _fails(capsys, "cv/resume.md")  # the nearer pyproject's min-score; no merging
    assert not _fails(capsys, "resume.md")


def test_explicit_config_overrides_discovery_and_options_override_both(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".cvcheck.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    (repo / "lenient.toml").write_text('fail-level = "error"\nmin-score = 10\n', encoding="utf-8")
    assert _fails(capsys, "resume.md")
    assert not _fails(capsys, "resume.md", "--config", "lenient.toml")
    assert _fails(capsys, "resume.md", "--config", "lenient.toml", "--min-score", "50")


def test_show_config_prints_each_setting_and_where_it_came_from(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.cvcheck]\nmin-score = 60\nignore = ["vague-phrase", "TTL002"]\n'
        '[tool.cvcheck.per-file-ignores]\n"old/*.md" = ["OUT001"]\n',
        encoding="utf-8",
    )
    code, out, err = lint(capsys, "--show-config", "--fail-level", "warning", "resume.md")
    source = repo / "pyproject.toml"
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "# settings for resume.md",
        f"# configuration file: {source}",
        f"min-score = 60  # {source}",
        'fail-level = "warning"  # --fail-level',
        'show = "info"  # default',
        "# segment: not set, the best-fitting segment  (default)",
        "# lexicons: not set, the shipped US MLOps 2026 lexicon  (default)",
        f'ignore = ["CLR001", "TTL002"]  # {source}',
        f'per-file-ignores = {{"old/*.md" = ["OUT001"]}}  # {source}',
    ]


def test_lexicon_folder_is_relative_to_the_config_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = ROOT / "lexicons" / "us-mlops-2026"
    (repo / "cv").mkdir()
    (repo / "cv" / ".cvcheck.toml").write_text(
        f'lexicons = "{os.path.relpath(shipped, repo / "cv")}"\n', encoding="utf-8"
    )
    (repo / "cv" / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    code, _, err = lint(capsys, "cv/resume.md")
    assert code == 0, err
    _, shown, _ = lint(capsys, "--show-config", "cv/resume.md")
    assert f'lexicons = "{shipped.resolve()}"  # {repo / "cv" / ".cvcheck.toml"}' in shown.splitlines()


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("fail-level = [\n", "not valid TOML"),
        ('fail_level = "fatal"\n', "'fail-level' must be one of error, warning, info, none, not 'fatal'"),
        ("min-score = 101\n", "'min-score' must be a whole number from 0 to 100, not 101"),
        ('ignore = ["NOPE01"]\n', "'ignore' names no rule 'NOPE01'"),
        ('ignore = ["SCR001"]\n', "'ignore' cannot ignore SCR001; change min-score instead"),
        ("colour = true\n", "unknown setting 'colour'"),
    ],
)
def test_invalid_config_is_one_error_line_and_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, detail: str
) -> None:
    (repo / ".cvcheck.toml").write_text(content, encoding="utf-8")
    code, out, err = lint(capsys, "resume.md")
    assert (code, out) == (2, "")
    assert err.startswith(f"cvcheck: error: {repo / '.cvcheck.toml'}: is not a valid cvcheck configuration (")
    assert detail in err and err.endswith("[E021]\n") and len(err.splitlines()) == 1


def test_config_without_table_given_explicitly_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = lint(capsys, "--config", "pyproject.toml", "resume.md")
    assert code == 2 and "it has no [tool.cvcheck] table" in err


def test_ignore_and_per_file_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "old").mkdir()
    (repo / "old" / "resume.md").write_text(RESUME_MD, encoding="utf-8")
    (repo / ".cvcheck.toml").write_text(
        'ignore = ["LCY001", "missing-title-variants"]\n'
        '[per-file-ignores]\n"old/*.md" = ["CLR001"]\n"resume.md" = ["OUT001"]\n',
        encoding="utf-8",
    )
    (repo / "old" / "cv.md").write_text(RESUME_MD, encoding="utf-8")
    _, out, _ = lint(capsys, "resume.md", "old/resume.md", "old/cv.md")
    # a pattern with a slash is a path from the config's folder; without one, a file name anywhere
    assert out.splitlines()[:-1] == [
        f"resume.md:15:3: {CLR001}",
        f"old/cv.md:15:3: {OUT001}",
        f"old/cv.md:16:3: {OUT001}",
    ]


# Inline suppression ----------------------------------------------------------------------------


def test_markdown_suppression_on_the_line_above_on_the_line_and_for_the_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = RESUME_MD.replace(
        "- Responsible for", "<!-- cvcheck: ignore CLR001 -- a duty, honestly -->\n- Responsible for"
    ).replace("process.", "process. <!-- cvcheck: ignore OUT001 -->")
    text += "<!-- cvcheck: ignore-file LCY001, missing-title-variants -->\n"
    (repo / "resume.md").write_text(text, encoding="utf-8")
    code, out, _ = lint(capsys, "resume.md")
    assert code == 0
    assert out.splitlines() == [
        f"resume.md:16:3: {OUT001}",
        "Found 1 problem (1 info) in 1 file; score 47 (resume.md).",
    ]


def test_unused_suppressions_are_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = RESUME_MD.replace("- Deployed 12", "<!-- cvcheck: ignore CLR001 -->\n- Deployed 12").replace(
        "process.", "process. <!-- cvcheck: ignore OUT001 NOPE01 -->"
    )
    text += "<!-- cvcheck: ignore-file ATS002 -->\n<!-- cvcheck: ignore -->\n"
    (repo / "resume.md").write_text(text, encoding="utf-8")
    _, out, _ = lint(capsys, "--show", "warning", "resume.md")
    sup = [line for line in out.splitlines() if " SUP001 " in line]
    assert sup == [
        "resume.md:14:1: SUP001 unused suppression: CLR001 (nothing to suppress on line 15)",
        "resume.md:17:42: SUP001 unused suppression: NOPE01 (no such rule)",
        "resume.md:22:1: SUP001 unused suppression: ATS002 (nothing to suppress in this file)",
        "resume.md:23:1: SUP001 unused suppression: every rule (nothing to suppress on line 24)",
    ]
    assert BY_CODE["SUP001"].severity == "warning"


LATEX = r"""\documentclass{article}
\begin{document}
{\LARGE Alex Example}\\
MLOps Engineer\\
alex@example.com \textperiodcentered{} +1 (555) 010-0199

\section*{Experience}
\textbf{MLOps Engineer}, Example Corp \hfill Jan 2021 -- Present
\begin{itemize}
  \item Deployed 12 models to production with KServe and cut the p99 latency by 40\%.
  % cvcheck: ignore CLR001
  \item Responsible for the training pipelines on Kubeflow for the data science team.
  \item Improved the model deployment process. % cvcheck: ignore OUT001
  \item Cut costs by 5\% % not a directive: \% is a percent sign
\end{itemize}

\section*{Skills}
Python, Kubernetes, MLflow, Terraform
\end{document}
"""

RENDERCV = """\
cv:
  name: Alex Example
  email: alex@example.com
  phone: +1-555-010-0199
  sections:
    experience:
      - company: Example Corp
        position: MLOps Engineer
        start_date: 2021-01
        end_date: present
        highlights:
          - "Deployed 12 models to production with KServe and cut the p99 latency by 40%."
          # cvcheck: ignore CLR001
          - "Responsible for the training pipelines on Kubeflow for the data science team."
          - "Improved the model deployment process."  # cvcheck: ignore OUT001
    skills:
      - label: Tools
        details: Python, Kubernetes, MLflow, Terraform
"""

JSON_RESUME = {
    "basics": {"name": "Alex Example", "label": "MLOps Engineer", "email": "alex@example.com",
               "phone": "+1 555 010 0199"},
    "work": [{
        "name": "Example Corp", "position": "MLOps Engineer", "startDate": "2021-01",
        "highlights": [
            "Deployed 12 models to production with KServe and cut the p99 latency by 40%.",
            "Responsible for the training pipelines on Kubeflow for the data science team.",
            "Improved the model deployment process.",
        ],
    }],
    "skills": [{"name": "Tools", "keywords": ["Python", "Kubernetes", "MLflow", "Terraform"]}],
    "meta": {"cvcheck": {"ignore": ["OUT001", "PRJ001"]}},
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # CLR001 suppressed from the line above, OUT001 on its own line; the other OUT001 stays
        ("resume.tex", LATEX, [f"resume.tex:12:9: {OUT001}"]),
        ("resume.yaml", RENDERCV, [f"resume.yaml:14:14: {OUT001}"]),
        # JSON has no comments: meta.cvcheck.ignore covers the file; PRJ001 suppresses nothing
        ("resume.json", json.dumps(JSON_RESUME, indent=2), [
            f"resume.json:15:10: {CLR001}",
            "resume.json:32:5: SUP001 unused suppression: PRJ001 (nothing to suppress in this file)",
        ]),
    ],
)  # fmt: skip
def test_suppression_in_each_format_comment(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, expected: list[str]
) -> None:
    (repo / name).write_text(content, encoding="utf-8")
    config = repo / ".cvcheck.toml"
    config.write_text('ignore = ["LCY001", "TTL002"]\n', encoding="utf-8")
    _, out, _ = lint(capsys, name)
    assert out.splitlines()[:-1] == expected


# Files a resume repository has besides resumes -------------------------------------------------


def test_json_and_yaml_that_are_not_resumes_are_skipped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "package.json").write_text('{"name": "site", "private": true}\n', encoding="utf-8")
    (repo / "ci.yml").write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", encoding="utf-8")
    code, out, err = lint(capsys, "package.json", "ci.yml")
    assert (code, err) == (0, "")
    assert out == "No problems in 0 files (2 skipped as not resumes: package.json, ci.yml).\n"


def test_broken_json_is_still_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "resume.json").write_text('{"basics": {"name": "Alex"', encoding="utf-8")
    code, _, err = lint(capsys, "resume.json")
    assert code == 2 and err.startswith("cvcheck: error: resume.json: is not valid JSON")


# Output formats --------------------------------------------------------------------------------


def test_github_annotations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = lint(capsys, "--format", "github", "--show", "warning", "--min-score", "50", "resume.md")
    lines = out.splitlines()
    assert code == 1
    assert lines[:2] == [
        "::error file=resume.md,line=1,col=1,title=SCR001::"
        "overall score 47 is below the minimum 50 (min-score)",
        "::warning file=resume.md,line=1,col=1,title=LCY001::Data: no work line shows this stage",
    ]
    assert lines[5] == f"::warning file=resume.md,line=15,col=3,title=CLR001::{CLR001[7:]}"
    assert lines[-1].startswith("Found 6 problems (1 error, 5 warnings)")
    _, info, _ = lint(capsys, "--format", "github", "resume.md")
    assert f"::notice file=resume.md,line=16,col=3,title=OUT001::{OUT001[7:]}" in info.splitlines()


def test_github_escapes_workflow_command_characters() -> None:
    from cvcheck.lint import Diagnostic, FileResult, LintConfig, LintResult
    from cvcheck.render.lintfmt import github_lines

    diag = Diagnostic("a,b:c%.md", 2, 1, "OUT001", "info", "50% done\nnext")
    lines = github_lines(LintResult((FileResult("a,b:c%.md", LintConfig(), diagnostics=(diag,)),)))
    assert lines[0] == "::notice file=a%2Cb%3Ac%25.md,line=2,col=1,title=OUT001::50%25 done%0Anext"


def test_json_output_follows_the_published_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "package.json").write_text("{}\n", encoding="utf-8")
    code, out, _ = lint(capsys, "--format", "json", "resume.md", "package.json", "missing.md")
    report = json.loads(out)
    schema = json.loads((ROOT / "cvcheck" / "schema" / "lint.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    assert code == report["exit_code"] == 2
    assert report["tool"] == {"name": "cvcheck", "version": __version__}
    resume, skipped, missing = report["files"]
    assert (resume["format"], resume["score"], resume["failed"]) == ("markdown", 47, False)
    assert resume["settings"] == {"config": None, "min_score": None, "fail_level": "error", "show": "info",
                                  "segment": None}  # fmt: skip
    assert skipped["skipped"].startswith("JSON without the JSON Resume keys") and missing["error"].endswith(
        "[E001]"
    )
    clr = next(d for d in report["diagnostics"] if d["code"] == "CLR001")
    assert clr == {
        "path": "resume.md", "line": 15, "column": 3, "code": "CLR001", "name": "vague-phrase",
        "severity": "warning", "message": CLR001[7:], "evidence": "Responsible for", "document_line": 9,
    }  # fmt: skip
    assert report["summary"] == {
        "problems": 8, "errors": 0, "warnings": 5, "info": 3, "hidden": 0,
        "text": "Found 8 problems (5 warnings, 3 info) in 1 file (1 skipped as not resumes: package.json; "
                "1 unreadable); score 47 (resume.md).",
    }  # fmt: skip


SARIF_SUBSET = ROOT / "tests" / "fixtures" / "sarif-2.1.0-subset.schema.json"


def test_sarif_is_what_github_code_scanning_accepts(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cv").mkdir()
    (repo / "cv" / "my resume.md").write_text(RESUME_MD, encoding="utf-8")
    code, out, _ = lint(capsys, "--format", "sarif", "--min-score", "50", "cv/my resume.md")
    log = json.loads(out)
    schema = json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    assert code == 1
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cvcheck", __version__)
    assert driver["informationUri"].startswith("https://")
    # every rule's metadata, in registry order, so ruleIndex points at the rule
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for described, rule in zip(driver["rules"], RULES, strict=True):
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.summary
        assert rule.why in described["fullDescription"]["text"] and rule.better in described["help"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert described["defaultConfiguration"] == {"level": level}
    results = run["results"]
    assert len(results) == 9  # the 8 problems and SCR001
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": "cv/my%20resume.md", "uriBaseId": "%SRCROOT%"}  # relative, forward slashes
    clr = next(r for r in results if r["ruleId"] == "CLR001")
    assert clr["level"] == "warning" and clr["message"]["text"] == CLR001[7:]
    assert clr["locations"][0]["physicalLocation"]["region"] == {"startLine": 15, "startColumn": 3}
    assert next(r for r in results if r["ruleId"] == "OUT001")["level"] == "note"
    assert next(r for r in results if r["ruleId"] == "SCR001")["level"] == "error"
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_reports_unreadable_files_as_notifications(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = lint(capsys, "--format", "sarif", "missing.md")
    log = json.loads(out)
    jsonschema.Draft7Validator(json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert code == 2 and invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].endswith("[E001]")


def test_sarif_subset_schema_rejects_what_code_scanning_would() -> None:
    """The vendored subset is strict where GitHub is: a result without a location fails."""
    schema = json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "x", "rules": []}},
        "results": [{"ruleId": "X", "message": {"text": "m"}, "locations": []}],
    }]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(log)


# Terminal behaviour --------------------------------------------------------------------------


def test_colour_only_on_a_terminal_and_never_with_no_color(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cvcheck.cli_lint, "_quiet", lambda: False)  # as on a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, err = lint(capsys, "resume.md")
    assert "\x1b[33mCLR001\x1b[0m" in out
    assert err == "cvcheck explain CODE says what a rule checks and how to fix it.\n"
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = lint(capsys, "resume.md")
    assert "\x1b[" not in out


def test_quiet_under_pre_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cvcheck.cli_lint._quiet()


def test_lint_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    """No PDF or DOCX engine, report rendering or scikit-learn for a Markdown resume; jinja2
    and rich only as far as spaCy itself imports them."""
    resume = tmp_path / "resume.md"
    resume.write_text(RESUME_MD, encoding="utf-8")
    probe = (
        "import sys, cvcheck.cli_lint\n"
        "from cvcheck.cli import main\n"
        f"main(['lint', {str(resume)!r}])\n"
        "sys.stderr.write('\\n'.join(sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    lint_run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300
    )
    floor = subprocess.run(
        [sys.executable, "-c", "import sys, spacy; sys.stderr.write('\\n'.join(sys.modules))"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    loaded = set(lint_run.stderr.split("\n")) - set(floor.stderr.split("\n"))
    assert "cvcheck.lint" in loaded
    packages = {"pypdfium2", "pdfplumber", "docx", "sklearn", "jinja2", "rich"}
    modules = {"cvcheck.read.pdf", "cvcheck.read.docx", "cvcheck.render.html", "cvcheck.render.scorecard"}
    assert sorted(m for m in loaded if m.split(".")[0] in packages or m in modules) == []


def test_help_shows_examples_and_the_suppression_comments(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = lint(capsys, "--help")
    assert (code, err) == (0, "")
    assert "<!-- cvcheck: ignore CLR001 -->" in out
    assert "cvcheck lint --format sarif resume.md > cvcheck.sarif" in out.split("Examples:\n", 1)[1]

"""`cvcheck lint`: the thin click command over :func:`cvcheck.lint.lint_paths`.

Importing this module registers the command on the ``cvcheck`` group (cvcheck/cli.py imports it).
Exit status: 0 clean, 1 a finding at or above the fail level or a score below min-score,
2 usage, configuration or unreadable input; never a count.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from cvcheck.cli import _ONE_LINE, _fail, cli, lexicons_option
from cvcheck.lint import FAIL_LEVELS, SHOW_LEVELS, LintResult

FORMATS = ("text", "json", "github", "sarif")


def _quiet() -> bool:
    """Under pre-commit or when piped: no colour, no notes, only results and errors."""
    return os.environ.get("PRE_COMMIT") == "1" or not sys.stdout.isatty()


def _error(message: str) -> None:
    click.echo(f"cvcheck: error: {message.translate(_ONE_LINE)}", err=True)


def _show_config(files: tuple[str, ...], overrides: dict[str, object]) -> None:
    from cvcheck.lint import forget_settings, resolve_config
    from cvcheck.render.lintfmt import config_lines

    forget_settings()
    for i, path in enumerate(files or (".",)):
        # a folder stands for a file in it: the settings a resume there would get
        probe = os.path.join(path, "resume") if Path(path).is_dir() else path
        if i:
            click.echo("")
        for line in config_lines(path, resolve_config(probe, overrides)):
            click.echo(line)


@cli.command("lint")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message; json: cvcheck/schema/lint.schema.json; "
    "github: Actions annotations; sarif: SARIF 2.1.0 for code scanning.",
)
@click.option(
    "--fail-level",
    type=click.Choice(FAIL_LEVELS),
    default=None,
    help="Fail (exit 1) on findings at or above this severity; none: only --min-score "
    "fails. [config, else error]",
)
@click.option(
    "--show",
    type=click.Choice(SHOW_LEVELS),
    default=None,
    help="Show findings at or above this severity; failing ones always show. [config, else info]",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    metavar="N",
    help="Fail when a resume's overall score is below N (0-100). [config, else none]",
)
@click.option(
    "--segment", default=None, metavar="ID", help="Employer segment to judge for (see 'cvcheck check')."
)
@lexicons_option()
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="Use this .cvcheck.toml or pyproject.toml instead of looking for one.",
)
@click.option(
    "--show-config",
    is_flag=True,
    help="Print the settings in force for each FILE (default: this folder) and where each came from.",
)
def lint_command(files: tuple[str, ...], fmt: str, fail_level: str | None, show: str | None,
                 min_score: int | None, segment: str | None, lexicons: str | None, config_file: str | None,
                 show_config: bool) -> None:  # fmt: skip
    """Check resume FILES as a linter: one line per finding at its line in the source.

    Settings come from --options, else --config FILE, else the nearest .cvcheck.toml or
    pyproject.toml [tool.cvcheck] above each file, else defaults. Exit 0 clean, 1 a finding at
    or above the fail level or a score below --min-score, 2 usage or unreadable input.

    Suppress a finding with a comment on the line above it, or at the end of its line
    ('ignore-file' for the whole file); a suppression that suppresses nothing is SUP001:

    \b
      Markdown  <!-- cvcheck: ignore CLR001 -->
      LaTeX     % cvcheck: ignore CLR001, OUT001
      YAML      # cvcheck: ignore vague-phrase
      JSON      "meta": {"cvcheck": {"ignore": ["CLR001"]}}   (the whole file)

    \b
    Examples:
      cvcheck lint resume.md resume.pdf
      cvcheck lint --fail-level warning --min-score 70 resume.tex
      cvcheck lint --format sarif resume.md > cvcheck.sarif
      cvcheck lint --show-config
    """
    from cvcheck.errors import CvcheckError
    from cvcheck.lexicon import LexiconError
    from cvcheck.lint import lint_paths

    overrides: dict[str, object] = {
        "config": config_file, "min_score": min_score, "fail_level": fail_level, "show": show,
        "segment": segment, "lexicons": lexicons,
    }  # fmt: skip
    try:
        if show_config:
            _show_config(files, overrides)
            return
        if not files:
            raise click.UsageError("give one or more resume files, e.g. 'cvcheck lint resume.md'")
        result = lint_paths(files, overrides)
    except (CvcheckError, LexiconError) as exc:
        _fail(str(exc))
        return
    _print(result, fmt)
    if result.exit_code:
        raise SystemExit(result.exit_code)


def _print(result: LintResult, fmt: str) -> None:
    """Results on standard output in the chosen format; errors and notes on standard error."""
    from cvcheck.render import lintfmt

    quiet = _quiet()
    for f in result.files:
        if f.error:
            _error(f.error)
        elif f.skipped and not quiet:
            click.echo(f"cvcheck: skipped {f.path}: {f.skipped}", err=True)
    if fmt == "json":
        click.echo(json.dumps(lintfmt.json_report(result), ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(lintfmt.sarif_report(result), ensure_ascii=False, indent=2))
    elif fmt == "github":
        for line in lintfmt.github_lines(result):
            click.echo(line)
    else:
        colour = not quiet and not os.environ.get("NO_COLOR")
        for line in lintfmt.text_lines(result, colour=colour):
            click.echo(line, color=colour)
        if result.diagnostics and not quiet:
            click.echo("cvcheck explain CODE says what a rule checks and how to fix it.", err=True)

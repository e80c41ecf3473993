"""Thin click commands: parse options, call a function, map errors to exit codes.

Exit codes: 0 success, 1 findings at the failing level (lint), 2 usage or input error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from cvcheck import __version__
from cvcheck.errors import CvcheckError, E

EXIT_INPUT = 2

# Line breaks inside a message (a file name with a newline, an exception's detail) are shown
# escaped, as Python writes them: an error is always exactly one line, which scripts rely on.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on
_ONE_LINE = str.maketrans({ch: ascii(ch)[1:-1] for ch in _LINE_BREAKS})


def _fail(message: str) -> None:
    click.echo(f"cvcheck: error: {message.translate(_ONE_LINE)}", err=True)
    raise SystemExit(EXIT_INPUT)


def _read(path: str, max_pages: int):  # type: ignore[no-untyped-def]
    from cvcheck.read import read_document

    try:
        return read_document(path, max_pages=max_pages)
    except CvcheckError as exc:
        _fail(str(exc))
    except Exception as exc:  # a reader bug must still give one line, not a traceback
        _fail(str(CvcheckError(E.INTERNAL, path, detail=f"{type(exc).__name__}: {exc}")))


def lexicons_option(
    help: str = "A lexicon folder for another market or role (default: US MLOps 2026).",
) -> Any:
    """The ``--lexicons DIR`` option every command that judges with a lexicon set shares."""
    return click.option("--lexicons", type=click.Path(path_type=str), default=None, metavar="DIR", help=help)


max_pages_option = click.option(
    "--max-pages",
    default=12,
    show_default=True,
    type=click.IntRange(1, 500),
    help="Read at most this many PDF pages.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="cvcheck")
def cli() -> None:
    """Judge a resume against what the 2026 US MLOps market hires for.

    \b
    Examples:
      cvcheck check resume.pdf         scores, findings and rewrites against the market
      cvcheck batch applications/      a ranked shortlist of a folder of resumes
      cvcheck lint resume.md           diagnostics per line, for git hooks and CI
      cvcheck text resume.pdf          the text cvcheck reads, with line numbers
      cvcheck explain ATS002           what a rule checks and why
      cvcheck lexicons list            the market lexicons cvcheck ships
    """


@cli.command("text")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the document model as JSON.")
@max_pages_option
def text_command(file: str, as_json: bool, max_pages: int) -> None:
    """Print the normalised text of FILE with line numbers and sections.

    The line numbers are the ones every finding refers to. ATS-readability findings about
    the file itself go to standard error, as path:line:col: CODE message.

    \b
    Examples:
      cvcheck text examples/maya-okafor-mlops.pdf
      cvcheck text resume.docx --json | jq '.sections'
    """
    from cvcheck.analyze.ats import ats_findings
    from cvcheck.render.text import document_json, document_lines, finding_lines

    doc = _read(file, max_pages)
    findings = ats_findings(doc)
    if as_json:
        click.echo(json.dumps(document_json(doc, findings), ensure_ascii=False, indent=2))
        return
    for row in document_lines(doc):
        click.echo(row)
    for row in finding_lines(doc, findings):
        click.echo(row, err=True)


def _lexicon(path: str | None):  # type: ignore[no-untyped-def]
    from cvcheck.lexicon import LexiconError, load_lexicon

    try:
        return load_lexicon(path)
    except LexiconError as exc:
        _fail(str(exc))


@cli.command("check")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--segment",
    "segment",
    default=None,
    metavar="ID",
    help="Employer segment the rewrites target (default: the best-fitting one).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default=None,
    help="Only this: text (the scorecard), json (the full result, see cvcheck/schema) or html "
    "(the report). Default: the scorecard here and the HTML report on disk.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Where to write the report (default: FILE.cvcheck.html beside FILE) or, with --format, the result.",
)
@lexicons_option()
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    default=None,
    metavar="DIR",
    help="Report templates searched before the shipped ones (override one partial).",
)
@click.option(
    "--job",
    "job",
    type=click.Path(dir_okay=True, path_type=str),
    default=None,
    metavar="POSTING",
    help="A job posting (text, Markdown, saved HTML page or PDF): add how the resume matches it.",
)
@max_pages_option
def check_command(
    file: str,
    segment: str | None,
    fmt: str | None,
    output: str | None,
    lexicons: str | None,
    templates: str | None,
    job: str | None,
    max_pages: int,
) -> None:
    """Judge FILE against the market: scores, findings, segment fit and rewrites.

    Prints a scorecard and writes a self-contained HTML report beside FILE (or to --output).

    \b
    Examples:
      cvcheck check examples/maya-okafor-mlops.pdf
      cvcheck check resume.md --segment finance
      cvcheck check resume.pdf --format json -o result.json
      cvcheck check resume.pdf --format html -o report.html --templates my-templates/
      cvcheck check resume.pdf --job posting.html
    """
    from cvcheck.analyze.engine import analyze

    lexicon = _lexicon(lexicons)
    if segment is not None and lexicon.segment(segment) is None:
        known = ", ".join(s.id for s in lexicon.segments)
        _fail(str(CvcheckError(E.UNKNOWN_SEGMENT, f"lexicon {lexicon.id}", segment=segment, known=known)))
    posting = _posting(job, lexicon) if job is not None else None
    doc = _read(file, max_pages)
    analysis = analyze(doc, lexicon, segment)
    if posting is not None:
        import dataclasses

        from cvcheck.analyze.job import match_job

        analysis = dataclasses.replace(analysis, job=match_job(analysis, posting, lexicon))
    if fmt == "json":
        from cvcheck.render.json import analysis_json

        _emit(json.dumps(analysis_json(analysis), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "text":
        from cvcheck.render.scorecard import print_scorecard, scorecard

        if output:
            _emit("\n".join(scorecard(analysis)) + "\n", output)
        else:
            print_scorecard(analysis, sys.stdout)
    else:
        from cvcheck.render.html import render_html
        from cvcheck.render.scorecard import print_scorecard

        target = output or _beside(file)
        _write_atomically(target, render_html(analysis, templates=templates))
        if fmt is None:
            print_scorecard(analysis, sys.stdout)
            click.echo(f"\nReport: {target}")
        else:
            click.echo(target)


def _posting(path: str, lexicon: Any):  # type: ignore[no-untyped-def]
    """The posting's analysis, or one line and exit 2 when it is empty, not a posting or not English."""
    from cvcheck.postings import analyze_posting, read_posting, require_posting

    try:
        posting = analyze_posting(read_posting(path), lexicon)
        require_posting(posting)
    except CvcheckError as exc:
        _fail(str(exc))
    except Exception as exc:  # a reader bug must still give one line, not a traceback
        _fail(str(CvcheckError(E.INTERNAL, path, detail=f"{type(exc).__name__}: {exc}")))
    return posting


def _beside(file: str) -> str:
    """FILE.cvcheck.html next to the resume."""
    from pathlib import Path

    path = Path(file)
    return str(
        path.with_name(path.name + ".cvcheck.html")
        if path.suffix == ""
        else path.with_suffix(".cvcheck.html")
    )


def _emit(text: str, output: str | None) -> None:
    if output:
        _write_atomically(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _write_atomically(path: str, text: str) -> None:
    """Write via a temporary file and a rename: a failure never leaves half a file."""
    import os
    import tempfile
    from pathlib import Path

    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        _fail(str(CvcheckError(E.CANNOT_WRITE, path, detail=exc.strerror or str(exc))))


@cli.command("batch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Where to write the results (default: FOLDER-cvcheck beside the folder).",
)
@click.option("--segment", default=None, metavar="ID", help="Employer segment the reports' rewrites target.")
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: the number of CPU cores).",
)
@lexicons_option()
@click.option(
    "--blind",
    is_flag=True,
    help="Hide names, contact details, links, graduation years and file names from the outputs.",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    help="Sort candidates into 'review first' (at or above) and 'review later'; nobody is rejected.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 3600),
    default=60.0,
    show_default=True,
    help="Seconds a single file may take before it is cut off and recorded as an error.",
)
@click.option("--no-reports", is_flag=True, help="Skip the per-candidate HTML reports (faster).")
def batch_command(
    folder: str,
    output: str | None,
    segment: str | None,
    workers: int | None,
    lexicons: str | None,
    blind: bool,
    min_score: int | None,
    timeout: float,
    no_reports: bool,
) -> None:
    """Score every resume under FOLDER (recursively) into a ranked, explainable shortlist.

    Writes results.csv, results.jsonl, index.html, a report per candidate and manifest.json.
    Unchanged files reuse earlier results; identical files are analysed once. One bad file
    never stops the batch; exit status 1 says some file failed. Ctrl-C keeps what is done.

    \b
    Examples:
      cvcheck batch applications/ -o shortlist/
      cvcheck batch applications/ --blind --min-score 60 --segment finance
    """
    import os
    from pathlib import Path

    from cvcheck.batch import BatchOptions, run_batch

    lexicon = _lexicon(lexicons)
    if segment is not None and lexicon.segment(segment) is None:
        known = ", ".join(s.id for s in lexicon.segments)
        _fail(str(CvcheckError(E.UNKNOWN_SEGMENT, f"lexicon {lexicon.id}", segment=segment, known=known)))
    root = Path(folder)
    out = Path(output) if output else root.resolve().parent / f"{root.resolve().name}-cvcheck"
    options = BatchOptions(
        out,
        segment,
        workers or os.cpu_count() or 1,
        lexicons,
        blind,
        min_score,
        timeout,
        reports=not no_reports,
    )
    with _progress(sys.stderr) as progress:
        result = run_batch(root, options, progress=progress)
    counts = result.manifest["counts"]
    click.echo(
        f"{counts['found']} resumes: {result.analysed} analysed, {result.cached} from cache, "
        f"{counts['duplicates']} duplicates, {result.failed} failed; "
        f"{counts['skipped_not_resume']} other files skipped. Results in {out}/ (index.html, results.csv)",
        err=True,
    )
    if result.interrupted:
        click.echo("cvcheck: interrupted: the results hold the files done so far", err=True)
        raise SystemExit(130)
    raise SystemExit(1 if result.failed else 0)


class _progress:
    """A progress bar (files, rate, time left) on a terminal; nothing otherwise."""

    def __init__(self, stream: Any, label: str = "scoring") -> None:
        self.stream = stream
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        import os

        if not self.stream.isatty() or os.environ.get("PRE_COMMIT"):
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=__import__("rich.console").console.Console(file=self.stream),
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=None, rate="")
        import time

        start = time.monotonic()

        def update(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-6)
            self.bar.update(self.task, completed=done, total=total, rate=f"{rate:.1f} files/s")

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.group("lexicons")
def lexicons_group() -> None:
    """Inspect, validate and build lexicon folders (the market vocabulary cvcheck judges with).

    \b
    Examples:
      cvcheck lexicons list
      cvcheck lexicons validate my-market/
      cvcheck lexicons build my-market/
    """


@lexicons_group.command("list")
def lexicons_list() -> None:
    """List the shipped lexicon sets with their id, version and as-of date.

    \b
    Example:
      cvcheck lexicons list
    """
    from cvcheck.lexicon import available, load_lexicon

    for path in available():
        lex = load_lexicon(path)
        click.echo(f"{lex.id}  {lex.version}  as of {lex.as_of}  {lex.title}  ({path})")


@lexicons_group.command("validate")
@click.argument("folder", type=click.Path(path_type=str))
def lexicons_validate(folder: str) -> None:
    """Check a lexicon folder against the schema; print every problem with its place.

    \b
    Example:
      cvcheck lexicons validate lexicons/us-mlops-2026
    """
    from cvcheck.lexicon import validate

    problems = validate(folder)
    for problem in problems:
        click.echo(f"{folder}: {problem}", err=True)
    if problems:
        _fail(str(CvcheckError(E.INVALID_LEXICON, folder, detail=f"{len(problems)} problem(s) above")))
    click.echo(f"{folder}: valid")


@lexicons_group.command("build")
@click.argument("folder", type=click.Path(path_type=str))
def lexicons_build(folder: str) -> None:
    """Validate a lexicon folder and store its derived data (compiled.json) beside it.

    Checks load the stored segment weights and phrase tokens instead of computing them at
    every start. Run it after editing a lexicon.

    \b
    Example:
      cvcheck lexicons build my-market/
    """
    from cvcheck.lexicon.compiled import write_compiled

    path = write_compiled(_lexicon(folder))
    click.echo(f"wrote {path}")


@cli.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Explain a rule: what it checks, why it matters, an example and a better one.

    \b
    Examples:
      cvcheck explain ATS002
      cvcheck explain multi-column-layout
    """
    from cvcheck.rules import RULES, lookup

    rule = lookup(code)
    if rule is None:
        known = ", ".join(r.code for r in RULES)
        _fail(f"no rule '{code}'; known codes: {known}")
        return
    click.echo(f"{rule.code} {rule.name} ({rule.severity})")
    click.echo(f"\n{rule.summary}\n")
    click.echo(f"Why it matters: {rule.why}\n")
    click.echo(f"Example:  {rule.bad}")
    click.echo(f"Better:   {rule.better}\n")
    click.echo(f"Source:   {rule.source}")


from cvcheck import cli_lint, cli_market  # noqa: E402,F401  register `cvcheck lint` and `cvcheck market` above


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the CLI and return its exit code instead of exiting."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="cvcheck", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("cvcheck: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_INPUT
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_INPUT
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error
        return 0
    return 0


def run() -> None:
    """The console entry point: exit right after the work, skipping interpreter tear-down.

    Freeing spaCy's and the matchers' objects one by one at exit costs about a third of a
    second, longer than a Markdown check itself. Every output is complete and flushed (files
    are written whole before they are renamed into place), so nothing is lost by not waiting.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()

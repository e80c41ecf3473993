"""`cvcheck market build` and `cvcheck market diff`: thin click commands over cvcheck.market.

Importing this module registers the group on the ``cvcheck`` group (cvcheck/cli.py imports it).
"""

from __future__ import annotations

import re
import sys

import click

from cvcheck.cli import _fail, _progress, cli, lexicons_option

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cli.group("market")
def market_group() -> None:
    """Learn a lexicon set from job postings, and compare lexicon sets.

    \b
    Examples:
      cvcheck market build postings/ --out my-market/ --as-of 2026-05-01
      cvcheck market diff lexicons/us-mlops-2026 my-market/
    """


@market_group.command("build")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=str), metavar="DIR",
              help="Where to write the learned lexicon set.")  # fmt: skip
@click.option(
    "--id", "lexicon_id", default=None, metavar="ID", help="The new set's id (default: BASE-market)."
)
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="The set's as-of date, YYYY-MM-DD (default: the base lexicon's).")  # fmt: skip
@lexicons_option("The base lexicon the postings are read with (default: US MLOps 2026).")
@click.option("--min-support", type=click.FloatRange(0, 1), default=0.10, show_default=True,
              help="Keep a term only when this share of postings (at least 2) ask for it.")  # fmt: skip
def market_build(folder: str, out: str, lexicon_id: str | None, as_of: str | None, lexicons: str | None,
                 min_support: float) -> None:  # fmt: skip
    """Read every posting under FOLDER and write a lexicon set learned from them to --out.

    A file that is not an English job posting, or cannot be read, is skipped and reported;
    it never stops the build. The result validates and works at once with --lexicons DIR.

    \b
    Example:
      cvcheck market build postings/ --out my-market/ --as-of 2026-05-01
    """
    from pathlib import Path

    from cvcheck.errors import CvcheckError, E
    from cvcheck.lexicon import LexiconError
    from cvcheck.market import build_market

    if as_of is not None and not _DATE.match(as_of):
        _fail(f"--as-of {as_of!r}: give a date as YYYY-MM-DD")
    try:
        with _progress(sys.stderr, "reading postings") as progress:
            result = build_market(folder, out, base=lexicons, lexicon_id=lexicon_id, as_of=as_of,
                                  min_support=min_support, progress=progress)  # fmt: skip
    except LexiconError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(str(CvcheckError(E.CANNOT_WRITE, out, detail=exc.strerror or str(exc))))
    if not result.read:
        _fail(f"{folder}: no job postings found ({len(result.skipped)} file(s) skipped)")
    echo = click.echo
    echo(f"{result.read} postings read, {len(result.skipped)} files skipped; "
         f"terms kept when at least {result.threshold} postings ask for them.")  # fmt: skip
    for name, reason in result.skipped:
        echo(f"  skipped {name}: {reason}")
    echo("Top skills (share of postings):")
    for s in result.skills[:10]:
        echo(f"  {s['share']:>6.0%}  {s['support']:>3}  {s['name']}")
    echo("Titles:")
    for t in result.titles:
        echo(f"  {t['share']:>6.0%}  {t['support']:>3}  {t['name']}  ({', '.join(t['variants'])})")
    echo("Stage emphasis:")
    for st in result.stages:
        echo(f"  {st['share']:>6.0%}  {st['support']:>3}  {st['name']}")
    echo("Posted pay by level:")
    for b in result.bands:
        echo(f"  {b['level']:<10} {b['low']:>8,}-{b['high']:<8,} {b['currency']}/{b['period']}  "
             f"({b['support']} posting(s))")  # fmt: skip
    echo(f"Wrote {Path(out)}/ (use it with --lexicons {out})")


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


@market_group.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
def market_diff(old: str, new: str) -> None:
    """Show the skills and titles that appeared, vanished, rose or fell from OLD to NEW.

    \b
    Example:
      cvcheck market diff lexicons/us-mlops-2026 my-market/
    """
    from cvcheck.lexicon import LexiconError
    from cvcheck.market import diff_lexicons

    try:
        diff = diff_lexicons(old, new)
    except LexiconError as exc:
        _fail(str(exc))
    if diff.empty:
        click.echo(f"No change in skills or titles between {old} and {new}.")
        return
    for label, changes in (("appeared", diff.appeared), ("vanished", diff.vanished),
                           ("rose", diff.rose), ("fell", diff.fell)):  # fmt: skip
        if not changes:
            continue
        click.echo(f"{label} ({len(changes)}):")
        for c in changes:
            click.echo(f"  {c.kind:<6} {c.key:<32} {_share(c.old):>5} -> {_share(c.new):<5} {c.name}")

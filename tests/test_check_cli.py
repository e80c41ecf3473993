"""`cvcheck check` as a candidate runs it: a scorecard that fits 80 columns, colour only on a
terminal, an HTML report written beside the resume, and clean failures."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from cvcheck.analyze.engine import analyze
from cvcheck.cli import main
from cvcheck.lexicon import load_lexicon
from cvcheck.read import read_document

FIXTURES = ROOT / "tests" / "fixtures" / "resumes"


def test_default_prints_a_scorecard_and_writes_the_report_beside_the_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resume = tmp_path / "jordan.pdf"
    shutil.copy(EXAMPLES / "jordan-lee-two-column.pdf", resume)
    assert main(["check", str(resume)]) == 0
    out = capsys.readouterr().out
    report = tmp_path / "jordan.cvcheck.html"
    assert report.is_file() and report.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    assert out.rstrip().endswith(f"Report: {report}")
    expected = analyze(read_document(resume), load_lexicon()).overall
    assert f"Overall {expected}/100" in out
    assert "Fix first" in out and "Red flags: " in out
    assert all(
        len(row) <= 80 for row in out.splitlines() if not row.startswith("Report: ")
    )  # a path is a path
    assert "\x1b" not in out  # not a terminal: no colour


@pytest.mark.parametrize(
    "name", ["operator_strong.md", "keyword_stuffer.md", "hostile.md", "hostile_ansi.txt"]
)
def test_scorecard_fits_80_columns_and_carries_no_control_bytes(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(FIXTURES / name), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert all(len(row) <= 80 for row in out.splitlines())
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def _run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with its stdout on a pseudo-terminal and return what it wrote."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cvcheck", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
    }
    args = ["check", str(FIXTURES / "vague.md"), "--format", "text"]
    coloured = _run_on_terminal(args, env)
    plain = _run_on_terminal(args, env | {"NO_COLOR": "1"})
    assert "\x1b[" in coloured and "Overall" in coloured
    assert "\x1b[" not in plain and "Overall" in plain


def test_format_html_writes_only_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    assert main(["check", str(EXAMPLES / "maya-okafor-mlops.md"), "--format", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert "<h1" in target.read_text(encoding="utf-8")


def test_format_json_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "maya-okafor-mlops.json"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["format"] == "jsonresume" and data["score"]["overall"] >= 80


def test_unreadable_input_and_unwritable_report_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "missing.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[E001]" in err
    resume = tmp_path / "locked" / "r.md"
    resume.parent.mkdir()
    shutil.copy(EXAMPLES / "maya-okafor-mlops.md", resume)
    target = tmp_path / "no-such-dir" / "r.html"
    assert main(["check", str(resume), "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert "[E015]" in captured.err and not target.exists()

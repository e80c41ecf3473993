"""`cvcheck check RESUME --job POSTING`: each skill the posting asks for as evidenced, claimed or
missing on the resume (line numbers computed from the resume, not hard-coded), the score's
arithmetic, honest advice, and the job section in the JSON, HTML and terminal outputs."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT

from cvcheck.analyze.engine import analyze
from cvcheck.analyze.job import JobMatch, match_job
from cvcheck.analyze.model import Analysis
from cvcheck.cli import main
from cvcheck.lexicon import load_lexicon
from cvcheck.postings import analyze_posting, read_posting
from cvcheck.read import read_document
from cvcheck.render.html import render_html
from cvcheck.render.json import analysis_json
from cvcheck.render.scorecard import scorecard

RESUME = EXAMPLES / "maya-okafor-mlops.md"
POSTINGS = ROOT / "tests" / "fixtures" / "postings"
FINANCE = POSTINGS / "01_nimbus-ai_senior-ml-platform-engineer.md"  # big tech: Vertex AI missing
BANK = POSTINGS / "08_granite-ridge-bank_senior-mlops-engineer.md"
HEALTH = POSTINGS / "14_cellwave-bio_mlops-engineer.md"
FRONTEND = POSTINGS / "91_noise_frontend-web-developer.txt"
SCHEMA = json.loads((ROOT / "cvcheck" / "schema" / "result.schema.json").read_text(encoding="utf-8"))


@cache
def resume() -> Analysis:
    return analyze(read_document(RESUME), load_lexicon(None))


@cache
def matched(posting: Path) -> JobMatch:
    lexicon = load_lexicon(None)
    return match_job(resume(), analyze_posting(read_posting(posting), lexicon), lexicon)


def line_of(text: str, *, section: str | None = None) -> int:
    """The resume line (as `cvcheck text` numbers it) that holds ``text``."""
    return next(
        ln.number
        for ln in resume().document.lines
        if text in ln.text and (section is None or ln.section == section)
    )


def skill(job: JobMatch, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in job.skills if s.skill.casefold() == name.casefold())


# --- statuses -----------------------------------------------------------------------------


def test_finance_posting_statuses_point_at_the_resume_lines() -> None:
    job = matched(BANK)
    airflow = skill(job, "Airflow")
    assert airflow.status == "evidenced"
    assert airflow.lines == (line_of("Built Airflow pipelines"),)
    assert resume().document.lines[airflow.lines[0] - 1].section == "experience"
    python = skill(job, "Python")
    assert python.status == "claimed"  # only in the skills list: the project line is a header
    assert python.lines == (line_of("Languages:", section="skills"),)
    assert skill(job, "MLflow").status == "evidenced"
    assert job.title.status == "exact" and "MLOps Engineer" in dict(job.title.found)


def test_healthcare_posting_and_a_missing_skill() -> None:
    job = matched(HEALTH)
    kfp = skill(job, "Kubeflow Pipelines")
    assert kfp.status == "evidenced"
    assert line_of("Built the bank's shared ML platform") in kfp.lines
    assert job.posting.segment == "healthcare"
    vertex = skill(matched(FINANCE), "Vertex AI")
    assert vertex.status == "missing" and vertex.lines == ()


def test_off_topic_posting_says_so_instead_of_a_silent_zero() -> None:
    job = matched(FRONTEND)
    assert job.posting.role_fit == "off_topic"
    assert job.score is None
    assert any("not an MLOps role" in n for n in job.notes)
    assert any("no score" in n for n in job.notes)


# --- score and advice ---------------------------------------------------------------------


@pytest.mark.parametrize("posting", [FINANCE, BANK, HEALTH])
def test_score_arithmetic_matches_the_numbers(posting: Path) -> None:
    job = matched(posting)
    total = 0.0
    for group, got, count, weight in re.findall(
        r"(required|preferred) ([\d.]+)/(\d+) × ([\d.]+)", job.arithmetic
    ):
        mine = [s for s in job.skills if s.group == group]
        assert len(mine) == int(count)
        assert sum({"evidenced": 1.0, "claimed": 0.5, "missing": 0.0}[s.status] for s in mine) == float(got)
        total += float(got) / int(count) * float(weight)
    title, weight = re.search(r"title ([\d.]+) × ([\d.]+)", job.arithmetic).groups()  # type: ignore[union-attr]
    total += float(title) * float(weight)
    assert job.score == round(total * 100)
    assert job.arithmetic.endswith(f"= {job.score}")


@pytest.mark.parametrize("posting", [FINANCE, BANK, HEALTH, FRONTEND])
def test_advice_never_asks_to_add_a_skill_without_a_line_or_only_add(posting: Path) -> None:
    job = matched(posting)
    assert {a.skill for a in job.advice} == {s.skill for s in job.skills if s.status != "evidenced"}
    work = {u.line for u in resume().units if u.is_work}
    for a in job.advice:
        if a.line is None:
            assert "only add it if you did it" in a.text
        else:
            assert a.line in work
            assert f"the line {a.line} already shows" in a.text and "if that work involved" in a.text


def test_a_missing_skill_whose_stage_the_resume_shows_points_at_that_line() -> None:
    vertex = next(a for a in matched(FINANCE).advice if a.skill == "Vertex AI")
    training = next(s for s in resume().lifecycle if s.stage == "training")
    assert vertex.line in {e.line for e in training.evidence}


# --- outputs ------------------------------------------------------------------------------


def with_job(posting: Path) -> Analysis:
    return replace(resume(), job=matched(posting))


@pytest.mark.parametrize("posting", [BANK, HEALTH, FRONTEND])
def test_json_job_validates_against_the_schema(posting: Path) -> None:
    data = analysis_json(with_job(posting))
    jsonschema.validate(data, SCHEMA)
    job = data["job"]
    assert job["score"] == matched(posting).score and job["arithmetic"] == matched(posting).arithmetic
    assert [s["status"] for s in job["skills"]] == [s.status for s in matched(posting).skills]


def test_json_job_is_null_without_a_posting() -> None:
    data = analysis_json(resume())
    assert data["job"] is None
    jsonschema.validate(data, SCHEMA)


def test_html_has_the_job_section_escaped_and_linked() -> None:
    hostile = replace(matched(HEALTH).posting, title="<script>alert(1)</script> & Co")
    page = render_html(replace(resume(), job=replace(matched(HEALTH), posting=hostile)))
    assert '<section class="card" id="job"' in page and '<a href="#job">Job match</a>' in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert 'data-status="evidenced"' in page and "job-claimed" in page
    assert "> claimed</td>" in page  # the status as a word, not colour only
    assert 'id="job"' not in render_html(resume())


def test_scorecard_job_block_fits_80_columns() -> None:
    rows = scorecard(with_job(FINANCE))
    assert any(r.startswith("Job match: ") for r in rows)
    assert all(len(r) <= 80 for r in rows)
    assert not any("Job match" in r for r in scorecard(resume()))


# --- CLI ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("92_noise_empty.txt", "E022"),
        ("94_noise_meeting-notes.md", "E023"),
        ("93_noise_french-mlops.md", "E024"),
    ],
)
def test_bad_postings_are_one_line_errors(name: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RESUME), "--job", str(POSTINGS / name), "--format", "text"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.rstrip().endswith(f"[{code}]")


def test_missing_posting_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RESUME), "--job", str(tmp_path / "nope.md"), "--format", "text"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_good_posting_prints_job_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RESUME), "--job", str(HEALTH), "--format", "text"]) == 0
    assert "Job match: MLOps Engineer" in capsys.readouterr().out


def test_good_posting_json_and_default_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RESUME), "--job", str(BANK), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["job"]["posting"]["segment"] == "finance"
    report = tmp_path / "r.html"
    assert main(["check", str(RESUME), "--job", str(BANK), "-o", str(report)]) == 0
    assert "Job match" in capsys.readouterr().out and 'id="job"' in report.read_text(encoding="utf-8")

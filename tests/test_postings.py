"""Job postings: every fixture's extraction pinned by tests/fixtures/postings/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvcheck.errors import CvcheckError
from cvcheck.lexicon import load_lexicon
from cvcheck.postings import (
    PostingAnalysis,
    analyze_posting,
    html_lines,
    read_posting,
    require_posting,
)

FIXTURES = Path(__file__).parent / "fixtures" / "postings"


def _table(heading: str) -> list[list[str]]:
    """Rows of the Markdown table under ``heading`` in the fixtures' README."""
    text = (FIXTURES / "README.md").read_text(encoding="utf-8")
    block = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in block.splitlines() if ln.startswith("| ") and not ln.startswith("| file")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


POSTINGS = _table("Postings")


def _analysis(name: str) -> PostingAnalysis:
    return analyze_posting(read_posting(FIXTURES / name), load_lexicon())


def _pay(analysis: PostingAnalysis) -> str:
    return "; ".join(f"{p.low:g}-{p.high:g} {p.currency}/{p.period}" for p in analysis.pay) or "—"


def test_fixture_set_is_varied() -> None:
    assert len(POSTINGS) + len(_table("Noise")) >= 32
    assert {row[4] for row in POSTINGS} == {"big_tech", "finance", "healthcare", "enterprise"}
    assert {row[3] for row in POSTINGS} == {"pipeline_owner", "serving_reliability", "platform_builder"}
    assert {row[2] for row in POSTINGS} >= {
        "intern",
        "junior",
        "mid",
        "senior",
        "staff",
        "principal",
        "lead",
        "manager",
    }
    assert sum(row[0].endswith(".html") for row in POSTINGS) >= 3
    listed = {row[0] for row in POSTINGS} | {row[0] for row in _table("Noise")}
    assert listed == {p.name for p in FIXTURES.iterdir() if p.name != "README.md"}


@pytest.mark.parametrize(("name", "title", "seniority", "lane", "segment", "pay", "skills"), POSTINGS)
def test_posting_extraction(
    name: str, title: str, seniority: str, lane: str, segment: str, pay: str, skills: str
) -> None:
    a = _analysis(name)
    assert a.is_posting, a.reason
    assert a.language == "en"
    assert a.role_fit == "mlops"
    assert (a.title, a.seniority, a.lane, a.segment, _pay(a)) == (title, seniority, lane, segment, pay)
    required = {s.casefold() for s in a.required_skills}
    assert {s.casefold() for s in skills.split(", ")} <= required, a.required_skills
    assert a.title_variants and a.title_line == 1
    # the evidence points at real lines of the posting
    lines = {ln.number: ln.text for ln in read_posting(FIXTURES / name).lines}
    assert all(lines[h.line.line] == h.line.text for h in (*a.required, *a.preferred))
    assert a.stages and all(s.count > 0 for s in a.stages)


def test_preferred_skills_are_kept_apart_from_required() -> None:
    a = _analysis("01_nimbus-ai_senior-ml-platform-engineer.md")
    assert "Ray" in a.preferred_skills and "Ray" not in a.required_skills
    a = _analysis("02_cortexa_staff-ml-infrastructure-engineer.html")
    assert a.preferred_skills == ("SGLang",)


def test_unknown_skill_phrases_are_tool_shaped_words_the_lexicon_lacks() -> None:
    a = _analysis("22_ironclad-manufacturing_ml-platform-lead.txt")
    phrases = [u.phrase for u in a.unknown_skills]
    assert {"MQTT", "OPC UA", "Ignition SCADA"} <= set(phrases)
    assert not {"Terraform", "Python", "SageMaker"} & set(phrases)  # the lexicon knows these
    a = _analysis("91_noise_frontend-web-developer.txt")
    assert {"TypeScript", "CSS", "Next.js"} <= {u.phrase for u in a.unknown_skills}
    assert all(u.weight > 0 for u in a.unknown_skills)


def test_lane_evidence_names_lines() -> None:
    a = _analysis("10_tessellate-capital_staff-mlops-engineer.txt")
    lane = next(x for x in a.lanes if x.id == "serving_reliability")
    assert {"Kubernetes", "Triton", "p99", "canary", "rollback"} <= set(lane.signals)
    assert all(ref.text for ref in lane.evidence)


@pytest.mark.parametrize(
    ("name", "absent"),
    [
        (
            "02_cortexa_staff-ml-infrastructure-engineer.html",
            ["Sign in", "Similar jobs", "Apply now", "dataLayer", "equal opportunity", "font-family"],
        ),
        (
            "09_quillpay_ml-platform-engineer.html",
            ["Contact sales", "cookies", "JobPosting", "enable JavaScript", "All rights reserved"],
        ),
        (
            "16_genomica_ml-platform-engineer.html",
            ["Our science", "Privacy", "__JOB__", "DOMContentLoaded", "@media"],
        ),
    ],
)
def test_html_boilerplate_is_not_text(name: str, absent: list[str]) -> None:
    posting = read_posting(FIXTURES / name)
    assert posting.format == "html"
    text = posting.text
    for words in absent:
        assert words not in text
    assert posting.lines[0].heading and posting.lines[0].level == 1
    assert any(ln.bullet for ln in posting.lines)


def test_html_skills_in_scripts_and_footers_do_not_count() -> None:
    a = _analysis("16_genomica_ml-platform-engineer.html")
    assert "Kubernetes" not in a.required_skills  # named only in the footer and a script
    assert "SOX" not in {s for seg in a.segments for s in seg.signals}  # only in page JSON
    a = _analysis("02_cortexa_staff-ml-infrastructure-engineer.html")
    assert "Terraform" not in a.required_skills and "MLflow" not in a.required_skills


def test_html_lines_keep_entities_and_breaks() -> None:
    lines = html_lines("<h2>What you&#8217;ll do</h2><ul><li>Run <b>vLLM</b></li><li>A<br>B</li></ul>")
    assert [(ln.text, ln.heading, ln.bullet) for ln in lines] == [
        ("What you’ll do", True, False),
        ("Run vLLM", False, True),
        ("A", False, True),
        ("B", False, False),
    ]


def test_sales_posting_is_a_posting_but_off_topic() -> None:
    a = _analysis("90_noise_sales-account-executive.md")
    assert a.is_posting and a.role_fit == "off_topic" and a.lane is None
    assert a.title == "Enterprise Account Executive"
    assert _pay(a) == "140000-140000 USD/year; 280000-280000 USD/year"
    require_posting(a)  # a job posting, even if not an MLOps one


def test_frontend_posting_is_off_topic() -> None:
    a = _analysis("91_noise_frontend-web-developer.txt")
    assert a.is_posting and a.role_fit == "off_topic"
    assert (a.title, a.lane, a.segment, _pay(a)) == (
        "Frontend Web Developer",
        None,
        None,
        "110000-135000 USD/year",
    )
    assert a.required == ()


@pytest.mark.parametrize("name", ["92_noise_empty.txt", "95_noise_boilerplate-only.html"])
def test_empty_posting_is_an_input_error(name: str) -> None:
    with pytest.raises(CvcheckError) as err:
        read_posting(FIXTURES / name)
    assert err.value.code == "E022"
    assert str(err.value) == f"{FIXTURES / name}: is empty; save the job posting's text or page again [E022]"


def test_french_posting_says_so() -> None:
    a = _analysis("93_noise_french-mlops.md")
    assert (a.is_posting, a.language, a.reason) == (False, "fr", "written in French (fr), not English")
    with pytest.raises(CvcheckError) as err:
        require_posting(a)
    assert err.value.code == "E024" and "French, not English" in str(err.value)


def test_meeting_notes_are_not_a_posting() -> None:
    a = _analysis("94_noise_meeting-notes.md")
    assert not a.is_posting
    assert a.reason == "no job title, no requirements section and no responsibilities"
    assert any(v.variant == "MLOps Engineer" for v in a.title_variants)  # mentioned, not advertised
    with pytest.raises(CvcheckError) as err:
        require_posting(a)
    assert err.value.code == "E023"
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Pay: $165,000 – $210,000 + equity", [(165000, 210000, "USD", "year")]),
        ("$180K-$220K base", [(180000, 220000, "USD", "year")]),
        ("$180-$220K base salary", [(180000, 220000, "USD", "year")]),
        ("Rate: $85 to $110 per hour (1099)", [(85, 110, "USD", "hour")]),
        ("$95/hr W2", [(95, 95, "USD", "hour")]),
        ("USD 150,000 - 190,000 per year", [(150000, 190000, "USD", "year")]),
        ("$12K/month stipend during the contract", [(12000, 12000, "USD", "month")]),
        ("A $5,000 learning budget every year you stay", []),  # no pay word: a perk
        ("5+ years; 3-5 engineers on the team", []),
        ("Manage a $2M GPU budget", []),
    ],
)
def test_pay_parsing(line: str, expected: list[tuple[float, float, str, str]]) -> None:
    from cvcheck.postings.model import PostingLine
    from cvcheck.postings.pay import find_pay
    from cvcheck.postings.vocab import posting_vocab

    found = find_pay([PostingLine(1, line)], posting_vocab())
    assert [(p.low, p.high, p.currency, p.period) for p in found] == expected


def test_error_codes_are_appended_not_renumbered() -> None:
    from cvcheck.errors import E

    codes = [e.code for e in E]
    assert len(codes) == len(set(codes))
    assert codes[-3:] == ["E022", "E023", "E024"]

"""The structuring stage: headings and sections, bullets and their wraps, roles and dates,
years of experience, language. Real files (our examples, files built here), no mocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, make_pdf

from cvcheck.document import Document
from cvcheck.read import read_document
from cvcheck.structure.language import detect_language
from cvcheck.structure.roles import find_date_range
from cvcheck.structure.vocab import classify_heading

TODAY = date(2026, 11, 22)
MAYA = sorted(EXAMPLES.glob("maya-okafor-mlops.*"))


def _read(path: Path | str) -> Document:
    return read_document(path, today=TODAY)


def test_examples_exist_in_every_format() -> None:
    assert {p.suffix for p in MAYA} == {".md", ".pdf", ".tex", ".json", ".yaml", ".txt"}


@pytest.mark.parametrize("path", MAYA, ids=lambda p: p.suffix)
def test_same_resume_reads_the_same_in_every_format(path: Path) -> None:
    """One model for all formats: the same person in six formats gives the same structure."""
    doc = _read(path)
    assert {s.name for s in doc.sections} >= {
        "contact", "summary", "experience", "projects", "skills", "certifications", "education",
    }  # fmt: skip
    assert [(r.title, r.employer) for r in doc.roles] == [
        ("Senior ML Platform Engineer", "Ledgerline Capital"),
        ("MLOps Engineer", "Parcelwise"),
        ("Software Engineer, Data Platform", "Tidewater Analytics"),
    ]
    assert [r.dates.start for r in doc.roles if r.dates] == [
        date(2022, 3, 1),
        date(2019, 6, 1),
        date(2016, 8, 1),
    ]
    assert doc.roles[0].dates is not None and doc.roles[0].dates.end is None  # "Present"
    assert doc.latest_title == "Senior ML Platform Engineer"
    assert doc.years_experience == pytest.approx(10.3, abs=0.05)  # Aug 2016 to Nov 2026
    bullets = [ln for ln in doc.lines if ln.kind == "bullet" and ln.section == "experience"]
    assert len(bullets) == 15
    assert doc.language == "en"


def test_wrapped_pdf_bullets_are_joined_into_one_line() -> None:
    """The PDF wraps long bullets over two or three lines; each comes back as one line that
    reads exactly like the Markdown source's bullet."""
    pdf = _read(EXAMPLES / "maya-okafor-mlops.pdf")
    md = _read(EXAMPLES / "maya-okafor-mlops.md")
    pdf_bullets = [ln.text for ln in pdf.lines if ln.kind == "bullet"]
    md_bullets = [ln.text for ln in md.lines if ln.kind == "bullet"]
    assert pdf_bullets == md_bullets
    wrapped = [ln for ln in pdf.lines if ln.end_location is not None]
    assert len(wrapped) >= 10
    assert all(ln.end_location.bbox.top > ln.location.bbox.top for ln in wrapped)  # type: ignore[union-attr]


def test_two_column_example_reads_sidebar_then_main_column() -> None:
    doc = _read(EXAMPLES / "jordan-lee-two-column.pdf")
    order = [s.name for s in doc.sections]
    assert order.index("skills") < order.index("summary") < order.index("experience")
    assert doc.facts.multi_column_pages == (1,)
    sidebar = {ln.location.column for ln in doc.lines if ln.section in ("skills", "education")}
    main = {ln.location.column for ln in doc.lines if ln.section in ("summary", "experience")}
    assert sidebar == {0} and main == {1}
    assert [r.title for r in doc.roles] == ["Data Scientist", "Data Analyst"]


def test_docx_example_headings_bullets_roles() -> None:
    doc = _read(EXAMPLES / "sam-rivera-devops.docx")
    assert {"summary", "experience", "skills", "education"} <= {s.name for s in doc.sections}
    assert any(ln.location.region == "header" for ln in doc.lines)
    assert len(doc.roles) >= 2 and all(r.dates for r in doc.roles)
    assert doc.facts.table_count == 1


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("WORK EXPERIENCE", "experience"),
        ("Professional Experience", "experience"),
        ("Licenses & Certifications", "certifications"),
        ("E X P E R I E N C E", "experience"),
        ("Technical Skills:", "skills"),
        ("Selected Publications", "publications"),
        ("About Me", "summary"),
        ("Expérience professionnelle", "experience"),
        ("工作经历", "experience"),
        ("학력", "education"),
        ("Honors and Awards", "other"),
        ("My Journey", None),
    ],
)
def test_heading_vocabulary(heading: str, section: str | None) -> None:
    assert classify_heading(heading) == section


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Education & Certificates", "education"),
        ("Relevant Clinical Experience", "experience"),
        ("项目与论文", "projects"),
        ("Toolbox", None),
    ],
)
def test_compound_headings_read_loosely(heading: str, section: str | None) -> None:
    assert classify_heading(heading) is None or section == classify_heading(heading)
    assert classify_heading(heading, loose=True) == section


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2015 - Present | New York", date(2015, 1, 1), None),
        ("June 2014 – Sep 2014", date(2014, 6, 1), date(2014, 9, 1)),
        ("2019 - 2021", date(2019, 1, 1), date(2021, 12, 1)),
        ("03/2018 – 06/2020", date(2018, 3, 1), date(2020, 6, 1)),
        ("Mar. 2020 -- Current", date(2020, 3, 1), None),
        ("2013-12-01 – 2014-12-01", date(2013, 12, 1), date(2014, 12, 1)),
        ("Since 2019", date(2019, 1, 1), None),
        ("June - August 2017", date(2017, 6, 1), date(2017, 8, 1)),
        ("Sept 2019 to Aug 2021", date(2019, 9, 1), date(2021, 8, 1)),
        ("2020년 3월 ~ 2022년 1월", date(2020, 3, 1), date(2022, 1, 1)),
        ("Avril 2020 – Août 2020", date(2020, 4, 1), date(2020, 8, 1)),
    ],
)
def test_date_ranges(text: str, start: date, end: date | None) -> None:
    found = find_date_range(text)
    assert found is not None
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["MLflow 2.x on Python 3.11", "Team of 5 since day one", "2014 top 52/2500", "ResNet-50"]
)
def test_numbers_that_are_not_date_ranges(text: str) -> None:
    assert find_date_range(text) is None


def test_bullet_glyphs_numbers_and_lone_dashes(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.txt",
        "Pat Example\npat@example.com\n\nEXPERIENCE\nEngineer, Acme   2020 - 2022\n"
        "• Built the thing with care\n▪ Ran the other thing daily\n1. Numbered item with enough words\n"
        "* Star item\n- Dash item one\n- Dash item two\n\nCERTIFICATIONS\nAWS Certified Machine Learning\n"
        "– Specialty (2023)\n",
    )
    doc = _read(path)
    bullets = [ln.text for ln in doc.lines if ln.kind == "bullet"]
    assert bullets == [
        "Built the thing with care",
        "Ran the other thing daily",
        "Numbered item with enough words",
        "Star item",
        "Dash item one",
        "Dash item two",
    ]
    # a dash opening a single line is a wrapped title, not a list
    assert "– Specialty (2023)" in [ln.text for ln in doc.lines if ln.kind == "text"]


def test_plain_text_wrapped_bullets_join(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.txt",
        "EXPERIENCE\n• Migrated twelve models from a monolith to KServe with autoscaling and\n"
        "  canary releases, cutting p99 latency from 310 ms to 85 ms\n• Second bullet\n",
    )
    bullets = [ln for ln in _read(path).lines if ln.kind == "bullet"]
    assert [b.text for b in bullets] == [
        "Migrated twelve models from a monolith to KServe with autoscaling and canary releases, "
        "cutting p99 latency from 310 ms to 85 ms",
        "Second bullet",
    ]
    assert bullets[0].location.source_line == 2
    assert bullets[0].end_location is not None and bullets[0].end_location.source_line == 3


def test_line_end_hyphenation_is_joined(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.txt",
        "EXPERIENCE\n• Rebuilt the serving infra-\n  structure for end-to-\n  end tests\n",
    )
    bullet = next(ln for ln in _read(path).lines if ln.kind == "bullet")
    assert bullet.text == "Rebuilt the serving infrastructure for end-to-end tests"


def test_unusual_heading_styled_like_known_ones_opens_other_section() -> None:
    pdf = make_pdf(
        [
            [
                "Alex Example",
                "EXPERIENCE",
                "Engineer, Example Corp   2021 - 2023",
                "MY JOURNEY",
                "Walked from Lisbon to Porto",
                "EDUCATION",
                "B.S., Example University",
            ]
        ]
    )
    doc = read_document("journey.pdf", data=pdf, today=TODAY)
    headings = [(ln.text, ln.section) for ln in doc.lines if ln.kind == "heading"]
    assert headings == [("EXPERIENCE", "experience"), ("MY JOURNEY", "other"), ("EDUCATION", "education")]


def test_sections_cover_every_line_in_order() -> None:
    doc = _read(EXAMPLES / "maya-okafor-mlops.md")
    covered = [n for s in doc.sections for n in range(s.start_line, s.end_line + 1)]
    assert covered == [ln.number for ln in doc.lines]
    assert [ln.number for ln in doc.lines] == list(range(1, len(doc.lines) + 1))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Led the migration of twelve models to KServe and cut the p99 latency of the fraud service " * 3,
            "en",
        ),
        ("Développement d'outils d'automatisation pour les équipes et la gestion des données " * 3, "fr"),
        ("Entwicklung von Pipelines für die Daten und den Betrieb mit der Plattform im Team " * 3, "de"),
        (
            "데이터 파이프라인을 구축하고 모델 배포를 자동화했습니다. 팀과 함께 서비스를 운영했습니다. " * 3,
            "ko",
        ),
        ("负责数据平台的设计与开发，优化模型训练流程，提升了系统的稳定性与性能。" * 3, "zh"),
        ("データ基盤の設計と開発を担当し、モデルの学習パイプラインを改善しました。" * 3, "ja"),
        ("Kubernetes", "und"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_present_is_resolved_against_the_given_day() -> None:
    early = read_document(EXAMPLES / "maya-okafor-mlops.md", today=date(2024, 3, 1))
    late = read_document(EXAMPLES / "maya-okafor-mlops.md", today=date(2026, 3, 1))
    assert late.years_experience == pytest.approx((early.years_experience or 0) + 2.0, abs=0.05)

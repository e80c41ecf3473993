"""ATS-readability rules (ATS001..ATS013): for each, a real file that triggers it and a real
file that does not, read end to end (reader, structure, rule). Files are our examples, the
public corpus (those tests skip when it is absent), or built here: Markdown written inline,
PDFs with fpdf2 (one with an "icon font" made from DejaVu Sans), DOCX with python-docx.
Also `has_phone` on the phone formats resumes use."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from conftest import DEJAVU, EXAMPLES, RESUME_LINES, _png, corpus_file, make_pdf
from docx.shared import Inches

from cvcheck.analyze.ats import ats_findings, has_phone
from cvcheck.document import Document, Finding
from cvcheck.read import read_document
from cvcheck.rules import BY_CODE, RULES

Write = Callable[[str, bytes | str], Path]

# A clean fictional resume: every ATS rule stays quiet on it. Tests change one thing at a time.
RESUME_MD = """\
# Alex Example

MLOps Engineer
alex@example.com · +1 (555) 010-0199 · Denver, CO

## Experience

### MLOps Engineer | Example Corp | Jan 2021 – Present

- Deployed 12 models to production with KServe and cut the p99 latency of the fraud service by 40%.
- Built the training pipelines on Kubeflow for the data science team and ran the on-call rotation.

## Education

B.S. Computer Science, Example University, 2018

## Skills

Python, Kubernetes, MLflow, Terraform
"""

# Invented for these tests: a French resume of a fictional engineer.
RESUME_FR = """\
# Camille Exemple

Ingénieure MLOps
camille@example.com · +33 1 99 00 12 34 · Lyon

## Expérience professionnelle

### Ingénieure MLOps | Exemple SA | janv. 2021 – aujourd'hui

- Mise en production de 12 modèles avec KServe et réduction de la latence de la détection de fraude.
- Conception des pipelines d'entraînement sur Kubeflow pour les équipes de science des données.
- Responsable de la supervision des modèles et de l'astreinte de l'équipe plateforme.

## Formation

Diplôme d'ingénieur en informatique, École Exemple, 2018

## Compétences

Python, Kubernetes, MLflow, Terraform
"""

MAYA_PDF = EXAMPLES / "maya-okafor-mlops.pdf"
MAYA_MD = EXAMPLES / "maya-okafor-mlops.md"


def analyse(path: Path, **options: int) -> tuple[Document, list[Finding]]:
    doc = read_document(path, **options)  # type: ignore[arg-type]
    return doc, ats_findings(doc)


def codes(path: Path, **options: int) -> set[str]:
    return {f.code for f in analyse(path, **options)[1]}


def only(code: str, findings: list[Finding]) -> Finding:
    """The one finding with ``code``, checked against the rule registry's severity."""
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [(f.code, f.message) for f in findings]
    assert found[0].severity == BY_CODE[code].severity
    return found[0]


def line_of(doc: Document, text: str) -> int:
    return next(ln.number for ln in doc.lines if ln.text == text)


def join_pdfs(*parts: bytes) -> bytes:
    """One PDF with the pages of each part in turn (PDFium copies the pages as they are)."""
    out = pdfium.PdfDocument.new()
    for part in parts:
        out.import_pages(pdfium.PdfDocument(part))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def grid_table_pdf() -> bytes:
    """A one-page resume whose experience is a 3x2 table drawn with ruling lines."""
    from fpdf import FPDF

    rows = [("2021 - Present", "MLOps Engineer, Example Corp"), ("2018 - 2021", "Data Engineer, Sample Inc"),
            ("2016 - 2018", "Analyst, Demo LLC")]  # fmt: skip
    pdf = FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in RESUME_LINES[:3]:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    x, y, widths, height = pdf.l_margin, pdf.get_y() + 2, (40, 110), 8
    for i, (dates, role) in enumerate(rows):
        pdf.set_xy(x, y + i * height)
        pdf.cell(widths[0], height, dates)
        pdf.cell(widths[1], height, role)
    for i in range(len(rows) + 1):
        pdf.line(x, y + i * height, x + sum(widths), y + i * height)
    for edge in (x, x + widths[0], x + sum(widths)):
        pdf.line(edge, y, edge, y + len(rows) * height)
    pdf.set_xy(x, y + len(rows) * height + 4)
    for line in RESUME_LINES[5:]:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def icon_font_pdf(tmp_path: Path, *, icons_per_line: int) -> bytes:
    """RESUME_LINES, each after ``icons_per_line`` glyphs of an "icon font": DejaVu Sans with
    private-use code points (U+E000...) mapped to a glyph, as Font Awesome and its kin do."""
    from fontTools.ttLib import TTFont
    from fpdf import FPDF

    if not DEJAVU.is_file():
        pytest.skip(f"{DEJAVU} is not installed")
    font = TTFont(str(DEJAVU))
    star = font.getBestCmap()[ord("*")]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({0xE000 + i: star for i in range(icons_per_line)})
    icon_font = tmp_path / "IconSans.ttf"
    font.save(str(icon_font))
    pdf = FPDF(format="letter")
    pdf.add_font("IconSans", fname=str(icon_font))
    pdf.set_font("IconSans", size=11)
    pdf.add_page()
    icons = "".join(chr(0xE000 + i) for i in range(icons_per_line))
    for line in RESUME_LINES:
        pdf.cell(0, 7, f"{icons} {line}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def word_file(path: Path, *, header: str | None = None, body_contact: bool = True, table: bool = False,
              picture: bool = False) -> Path:  # fmt: skip
    """A DOCX built with python-docx: a name, optionally the contact line, a role, skills."""
    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.add_paragraph("Alex Example")
    if body_contact:
        document.add_paragraph("alex@example.com | +1 (555) 010-0199 | Denver, CO")
    document.add_heading("Experience", level=1)
    document.add_paragraph("MLOps Engineer, Example Corp\tJan 2021 - Present")
    document.add_paragraph(
        "Deployed 12 models to production with KServe for the fraud team.", style="List Bullet"
    )
    document.add_heading("Skills", level=1)
    if table:
        grid = document.add_table(rows=2, cols=2)
        for cell, skill in zip(grid._cells, ("Python", "Kubernetes", "MLflow", "Terraform"), strict=True):
            cell.text = skill
    else:
        document.add_paragraph("Python, Kubernetes, MLflow, Terraform")
    if picture:
        document.add_picture(_png(), width=Inches(6))
    document.save(str(path))
    return path


def test_the_clean_fixtures_are_clean(write: Write, tmp_path: Path) -> None:
    """The baselines the tests vary: no ATS finding at all."""
    assert codes(write("alex.md", RESUME_MD)) == set()
    assert codes(write("alex.pdf", make_pdf([RESUME_LINES]))) == set()
    assert codes(word_file(tmp_path / "alex.docx")) == set()
    assert codes(MAYA_PDF) == set()
    assert codes(MAYA_MD) == set()


# One test per rule ------------------------------------------------------------------------


def test_ats001_no_text_layer(write: Write) -> None:
    scan = write("scan.pdf", make_pdf([RESUME_LINES], image=True, text=False))
    _, findings = analyse(scan)
    assert [f.code for f in findings] == ["ATS001"]  # nothing else can be judged
    finding = only("ATS001", findings)
    assert (finding.severity, finding.line) == ("error", None)
    assert finding.message == "no text layer (scanned or image-only): an ATS sees an empty resume"

    half = write(
        "half.pdf", join_pdfs(make_pdf([RESUME_LINES]), make_pdf([RESUME_LINES], image=True, text=False))
    )
    finding = only("ATS001", analyse(half)[1])
    assert finding.message == "no text layer on page 2 (scanned or image-only): an ATS sees it blank"

    assert "ATS001" not in codes(write("text.pdf", make_pdf([RESUME_LINES])))
    assert "ATS001" not in codes(MAYA_PDF)


def test_ats002_multi_column_layout() -> None:
    finding = only("ATS002", analyse(EXAMPLES / "jordan-lee-two-column.pdf")[1])
    assert (finding.severity, finding.line) == ("warning", None)
    assert finding.message.startswith("two-column layout on page 1:")
    assert "ATS002" not in codes(MAYA_PDF)


def test_ats003_tables(write: Write, tmp_path: Path) -> None:
    finding = only("ATS003", analyse(EXAMPLES / "sam-rivera-devops.docx")[1])
    assert (finding.severity, finding.line) == ("warning", None)
    assert finding.message.startswith("1 table:")
    only("ATS003", analyse(word_file(tmp_path / "table.docx", table=True))[1])
    finding = only("ATS003", analyse(write("grid.pdf", grid_table_pdf()))[1])
    assert finding.message.startswith("1 table on page 1:")

    assert "ATS003" not in codes(word_file(tmp_path / "plain.docx"))
    assert "ATS003" not in codes(MAYA_PDF)


def test_ats003_table_drawn_as_cell_rectangles(write: Write) -> None:
    """fpdf2's table() strokes each cell as a rectangle, with no separate ruling lines."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    with pdf.table() as table:
        for dates, role in [("2021 - Present", "MLOps Engineer"), ("2018 - 2021", "Data Engineer")]:
            row = table.row()
            row.cell(dates)
            row.cell(role)
    assert "ATS003" in codes(write("cells.pdf", bytes(pdf.output())))


def test_ats004_contact_only_in_the_page_header(tmp_path: Path) -> None:
    doc, findings = analyse(EXAMPLES / "sam-rivera-devops.docx")
    finding = only("ATS004", findings)
    assert (finding.severity, finding.line) == ("warning", 2)
    header = doc.lines[1]
    assert header.location.region == "header"
    assert "@" in header.text and has_phone(header.text)
    assert finding.message == "contact details only in the page header: some ATS drop it"
    assert {"ATS006", "ATS007"}.isdisjoint(f.code for f in findings)  # found, just in the wrong place

    built = word_file(
        tmp_path / "header.docx", header="alex@example.com | +1 (555) 010-0199", body_contact=False
    )
    doc, findings = analyse(built)
    finding = only("ATS004", findings)
    assert finding.line == line_of(doc, "alex@example.com | +1 (555) 010-0199") == 1
    assert doc.lines[0].location.region == "header"

    both = word_file(tmp_path / "both.docx", header="alex@example.com | +1 (555) 010-0199")
    assert "ATS004" not in codes(both)
    assert "ATS004" not in codes(MAYA_MD)


def test_ats005_text_in_images(write: Write, tmp_path: Path) -> None:
    _, findings = analyse(write("logo.pdf", make_pdf([RESUME_LINES], image=True)))
    finding = only("ATS005", findings)
    assert (finding.severity, finding.line) == ("warning", None)
    assert finding.message.startswith("large images on page 1:")
    assert "ATS001" not in {f.code for f in findings}  # the page has text too
    only("ATS005", analyse(word_file(tmp_path / "picture.docx", picture=True))[1])

    assert "ATS005" not in codes(write("plain.pdf", make_pdf([RESUME_LINES])))
    assert "ATS005" not in codes(word_file(tmp_path / "plain.docx"))


def test_ats006_missing_email(write: Write) -> None:
    no_email = RESUME_MD.replace("alex@example.com · ", "linkedin.com/in/alex-example · ")
    finding = only("ATS006", analyse(write("no-email.md", no_email))[1])
    assert (finding.severity, finding.line) == ("warning", None)
    assert "ATS006" not in codes(write("alex.md", RESUME_MD))


def test_ats006_ats007_contact_behind_icons_is_read() -> None:
    """awesome-cv gives the email and phone as the actual text of FontAwesome icons: real text."""
    found = codes(corpus_file("posquit0__awesome-cv__resume.pdf"))
    assert {"ATS006", "ATS007"}.isdisjoint(found)


def test_ats007_missing_phone(write: Write) -> None:
    no_phone = RESUME_MD.replace(" · +1 (555) 010-0199", "")
    finding = only("ATS007", analyse(write("no-phone.md", no_phone))[1])
    assert (finding.severity, finding.line) == ("info", None)
    # Date ranges are not phone numbers: they must not hide a missing one.
    dated = no_phone.replace("Jan 2021 – Present", "01/2021 - 06/2024")
    only("ATS007", analyse(write("dated.md", dated))[1])
    assert "ATS007" not in codes(write("alex.md", RESUME_MD))


def test_ats008_unusual_section_heading(write: Write) -> None:
    doc, findings = analyse(write("journey.md", RESUME_MD.replace("## Education", "## My Journey")))
    finding = only("ATS008", findings)
    assert (finding.severity, finding.line) == ("info", line_of(doc, "My Journey"))
    assert finding.line == 8  # name, title, contact, Experience, role, two bullets, then the heading
    assert doc.lines[finding.line - 1].kind == "heading"
    assert finding.evidence == "My Journey"

    assert "ATS008" not in codes(write("alex.md", RESUME_MD))  # "# Alex Example" is the name, not a section
    assert "ATS008" not in codes(
        write("compound.md", RESUME_MD.replace("## Skills", "## Technical Skills & Tools"))
    )


def test_ats009_long_resume(write: Write) -> None:
    finding = only("ATS009", analyse(write("three.pdf", make_pdf([RESUME_LINES] * 3)))[1])
    assert (finding.severity, finding.line) == ("warning", None)
    assert finding.message == "3 pages: recruiters skim; keep it to 2"
    bullet = "- Ran the nightly retraining of the demand models and wrote the runbooks for the team.\n"
    long_md = RESUME_MD.replace("## Education", bullet * 100 + "\n## Education")
    finding = only("ATS009", analyse(write("long.md", long_md))[1])
    assert finding.message.startswith(tuple(f"{n} words: about " for n in range(1400, 1700)))

    assert "ATS009" not in codes(write("two.pdf", make_pdf([RESUME_LINES] * 2)))
    assert "ATS009" not in codes(MAYA_MD)


def test_ats009_on_a_real_five_page_cv() -> None:
    finding = only("ATS009", analyse(corpus_file("posquit0__awesome-cv__cv.pdf"))[1])
    assert finding.message.startswith("5 pages:")


def test_ats010_pages_not_read(write: Write) -> None:
    path = write("thirteen.pdf", make_pdf([RESUME_LINES] * 13))
    doc, findings = analyse(path)
    finding = only("ATS010", findings)
    assert (finding.severity, finding.line) == ("info", None)
    assert finding.message == "only the first 12 of 13 pages were read"
    assert doc.pages_read == 12
    assert only("ATS010", analyse(path, max_pages=2)[1]).message == "only the first 2 of 13 pages were read"

    assert "ATS010" not in codes(write("twelve.pdf", make_pdf([RESUME_LINES] * 12)))
    assert "ATS010" not in codes(MAYA_PDF)


def test_ats011_not_english(write: Write) -> None:
    doc, findings = analyse(write("camille.md", RESUME_FR))
    assert doc.language == "fr"
    finding = only("ATS011", findings)
    assert (finding.severity, finding.line) == ("warning", None)
    assert "'fr'" in finding.message
    assert "ATS013" not in {f.code for f in findings}  # the English section check does not apply

    assert "ATS011" not in codes(MAYA_MD)
    assert "ATS011" not in codes(write("alex.md", RESUME_MD))


def test_ats011_on_a_real_korean_resume() -> None:
    doc, findings = analyse(corpus_file("jaepil-choi__rendercv-resume__choi_cv_kr.pdf"))
    assert doc.language == "ko"
    assert "'ko'" in only("ATS011", findings).message


def test_ats011_short_english_resume_with_a_dot_com_email(write: Write) -> None:
    """The 'com' of an email domain is not the Portuguese word."""
    path = write("short.md", "# Jane Doe\n\njane@example.com\n\n## Experience\n\n- Did things\n")
    assert "ATS011" not in codes(path)


def test_ats012_unreadable_glyphs(write: Write, tmp_path: Path) -> None:
    path = write("icons.pdf", icon_font_pdf(tmp_path, icons_per_line=3))  # 3 x 9 lines = 27 glyphs
    doc, findings = analyse(path)
    assert doc.facts.dropped_glyphs == 27
    finding = only("ATS012", findings)
    assert (finding.severity, finding.line) == ("info", None)
    assert finding.message.startswith("27 icon or unmapped glyphs dropped")
    assert doc.lines[1].text == RESUME_LINES[1]  # the glyphs are gone, the text around them is not

    doc, findings = analyse(write("few.pdf", icon_font_pdf(tmp_path, icons_per_line=2)))  # 18: below 20
    assert doc.facts.dropped_glyphs == 18
    assert "ATS012" not in {f.code for f in findings}
    assert "ATS012" not in codes(MAYA_PDF)


def test_ats012_on_a_real_chinese_resume() -> None:
    """Its CJK fonts map glyphs to private-use code points: no text an ATS can use."""
    doc, findings = analyse(corpus_file("dyweb__deedy-resume-for-chinese__resume-cn.pdf"))
    assert doc.facts.dropped_glyphs >= 20
    assert only("ATS012", findings).message.startswith(f"{doc.facts.dropped_glyphs} icon or unmapped")


def test_ats013_no_experience_section(write: Write) -> None:
    doc, findings = analyse(write("done.md", RESUME_MD.replace("## Experience", "## What I have done")))
    finding = only("ATS013", findings)
    assert (finding.severity, finding.line) == ("warning", None)
    assert "experience" not in {s.name for s in doc.sections}
    # Above the first known section, but a level-2 heading like the others: a section, not the name.
    assert only("ATS008", findings).line == line_of(doc, "What I have done") == 4

    assert "ATS013" not in codes(write("alex.md", RESUME_MD))
    assert "ATS013" not in codes(MAYA_PDF)


def test_every_ats_rule_has_a_test_here() -> None:
    tested = {name[8:11] for name in globals() if name.startswith("test_ats")}
    assert {rule.code[3:] for rule in RULES if rule.code.startswith("ATS")} <= tested


# has_phone --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(212) 555-0147",
        "+1 (212) 555-0147",
        "212-555-0147",
        "212.555.0147",
        "+33 6 22 47 37 82",  # French mobile, international form
        "06 22 47 37 82",  # the same, national form
        "+44 20 7946 0958",
        "+82 10-2019-2021",  # groups that look like years, but a '+' makes it a phone
        "010-2019-2021",  # a Korean mobile: "010" is no year
        "alex@example.com | +1 555 010 0199 | Denver",
        "Tel: 123 456 78",  # short, but labelled
    ],
)
def test_has_phone_finds_phone_numbers(text: str) -> None:
    assert has_phone(text)


@pytest.mark.parametrize(
    "text",
    [
        # Seven digits without an area code are not counted: they cannot be told from ids and
        # dates, and a recruiter cannot dial them. Resumes that give one get ATS007 (info).
        "555-0147",
        "Phone: 555-0147",
        # Date ranges, in the forms resumes use.
        "2019 - 2021",
        "2019-2021",
        "2019 – 2021",
        "05/2019 - 06/2021",
        "2019.05 - 2021.06",
        "01.2019 - 12.2021",
        "2015-2019, 2019-2021",
        "2015 - 2019 2019 - 2021",
        "Jan 2019 - Dec 2021",
        # Other long numbers.
        "arXiv:2101.12345",
        "Built a mobile app used by 1,400,000,000 people",
        "https://example.com/2019/2021/post",
    ],
)
def test_has_phone_ignores_dates_and_other_numbers(text: str) -> None:
    assert not has_phone(text)

#!/usr/bin/env python3
"""Build the binary example resumes from the hand-written sources in this folder.

Run by developers, never at test time:

    pip install fpdf2          # dev-only; python-docx is already a cvcheck dependency
    python examples/build.py

Outputs (committed next to their sources so the tests never need fpdf2):

- maya-okafor-mlops.pdf      from maya-okafor-mlops.md: one column, Letter, exactly 2 pages
- jordan-lee-two-column.pdf  from jordan-lee-data-scientist.md: two independent columns, 1 page
- sam-rivera-devops.docx     from SAM_RIVERA below: contact in the page header only,
                             "Heading 1" headings, "List Bullet" bullets, Skills as a 2x3 table

Everything is fictional. Output is deterministic: fixed creation dates (and fixed zip
timestamps for the DOCX), so a rebuild gives identical bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
CREATOR = "cvcheck examples/build.py"


# --------------------------------------------------------------------------------------
# A tiny parser for the Markdown dialect the example sources use:
#   "# Name", then free lines (tagline, contact line), then "## Section" blocks holding
#   paragraphs, "- bullets" and "**Title** | Employer | City | Dates" entry lines.
# --------------------------------------------------------------------------------------

DATE_RE = re.compile(r"^(?:[A-Z][a-z]{2} )?\d{4}(?:\s*–\s*(?:(?:[A-Z][a-z]{2} )?\d{4}|Present))?$")


@dataclass
class Entry:
    """A bold job / education / project line: ``**Title** | field | ... | dates``."""

    title: str
    details: list[str]
    dates: str | None


@dataclass
class Section:
    title: str
    items: list[tuple[str, object]] = field(default_factory=list)  # (kind, payload)


@dataclass
class Resume:
    name: str
    preamble: list[str]
    sections: list[Section]

    def section(self, title: str) -> Section:
        for s in self.sections:
            if s.title.lower() == title.lower():
                return s
        raise KeyError(title)


def parse_entry(line: str) -> Entry:
    parts = [p.strip() for p in line.split("|")]
    title = parts[0].strip("*").strip()
    dates = parts[-1] if len(parts) > 1 and DATE_RE.match(parts[-1]) else None
    details = parts[1:-1] if dates else parts[1:]
    return Entry(title, details, dates)


def parse_markdown(text: str) -> Resume:
    name = ""
    preamble: list[str] = []
    sections: list[Section] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            if sections:
                sections[-1].items.append(("para", joined))
            else:
                preamble.append(joined)
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            sections.append(Section(line[3:].strip()))
        elif line.startswith("# "):
            flush()
            name = line[2:].strip()
        elif line.startswith("- "):
            flush()
            sections[-1].items.append(("bullet", line[2:].strip()))
        elif line.startswith("**") and "|" in line:
            flush()
            sections[-1].items.append(("entry", parse_entry(line)))
        else:
            paragraph.append(line)
    flush()
    if not name:
        raise SystemExit("build.py: a source has no '# Name' line")
    return Resume(name, preamble, sections)


def plain(text: str) -> str:
    """Drop the **bold** markers (for places that style text themselves)."""
    return text.replace("**", "")


# --------------------------------------------------------------------------------------
# PDF helpers (fpdf2)
# --------------------------------------------------------------------------------------


def new_pdf(title: str, author: str, subject: str):
    try:
        from fpdf import FPDF
    except ImportError:  # pragma: no cover - developer environment check
        raise SystemExit("build.py needs fpdf2 (a dev-only dependency): pip install fpdf2") from None
    for font in (FONT_REGULAR, FONT_BOLD):
        if not font.is_file():
            raise SystemExit(
                f"build.py: font {font} is missing; install DejaVu Sans "
                "(Debian/Ubuntu: apt-get install fonts-dejavu-core)"
            )
    pdf = FPDF(orientation="P", unit="pt", format="Letter")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_creator(CREATOR)
    pdf.set_lang("en-US")
    pdf.set_creation_date(FIXED_DATE)
    return pdf


def text_height(pdf, w: float, lh: float, text: str, markdown: bool = False) -> float:
    return pdf.multi_cell(w, lh, text, dry_run=True, output="HEIGHT", markdown=markdown)


# --------------------------------------------------------------------------------------
# 1. Maya Okafor: single column, Letter, exactly two pages
# --------------------------------------------------------------------------------------


def build_single_column(src: Path, out: Path, expected_pages: int) -> int:
    from fpdf.enums import XPos, YPos

    cv = parse_markdown(src.read_text(encoding="utf-8"))
    tagline, contact = cv.preamble[0], cv.preamble[1]
    pdf = new_pdf(f"{cv.name} – Resume", cv.name, tagline)

    margin_x, margin_top, margin_bottom = 50.0, 46.0, 46.0
    body_size, body_lh = 10.0, 13.4
    bullet_indent = 13.0
    pdf.set_margins(margin_x, margin_top, margin_x)
    pdf.set_auto_page_break(True, margin_bottom)
    pdf.add_page()
    width = pdf.w - 2 * margin_x
    bottom = pdf.h - margin_bottom
    dark, grey, accent = (25, 25, 25), (85, 85, 85), (31, 78, 121)

    def ensure(space: float) -> None:
        """Keep the next block together: start a new page if it would not fit."""
        if pdf.get_y() + space > bottom:
            pdf.add_page()

    # Name, tagline, contact
    pdf.set_text_color(*dark)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(width, 28, cv.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 12)
    pdf.set_text_color(*accent)
    pdf.cell(width, 17, tagline, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(*grey)
    pdf.multi_cell(width, 12, contact, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    def heading(title: str, following: float) -> None:
        ensure(30 + following)
        pdf.ln(6)
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.set_text_color(*accent)
        pdf.cell(width, 16, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = pdf.get_y() + 1
        pdf.set_draw_color(*accent)
        pdf.set_line_width(0.7)
        pdf.line(margin_x, y, margin_x + width, y)
        pdf.ln(5)
        pdf.set_text_color(*dark)

    def bullet_height(text: str) -> float:
        pdf.set_font("DejaVu", "", body_size)
        return text_height(pdf, width - bullet_indent, body_lh, text, markdown=True) + 2

    def bullet(text: str) -> None:
        h = bullet_height(text)
        ensure(h)
        y = pdf.get_y()
        pdf.set_font("DejaVu", "", body_size)
        pdf.set_text_color(*dark)
        pdf.set_xy(margin_x + 2, y)
        pdf.cell(bullet_indent - 2, body_lh, "•")
        pdf.set_xy(margin_x + bullet_indent, y)
        pdf.multi_cell(
            width - bullet_indent,
            body_lh,
            text,
            align="L",
            markdown=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(2)

    def entry(e: Entry, first_bullet: str | None) -> None:
        ensure(20 + (bullet_height(first_bullet) if first_bullet else 0))
        pdf.ln(3)
        y = pdf.get_y()
        date_w = 0.0
        if e.dates:
            pdf.set_font("DejaVu", "", 10)
            pdf.set_text_color(*grey)
            date_w = pdf.get_string_width(e.dates) + 2
            pdf.set_xy(margin_x + width - date_w, y)
            pdf.cell(date_w, 15, e.dates, align="R")
        pdf.set_xy(margin_x, y)
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.set_text_color(*dark)
        title_w = pdf.get_string_width(e.title) + 1
        pdf.cell(title_w, 15, e.title)
        if e.details:
            pdf.set_font("DejaVu", "", 10.5)
            pdf.set_text_color(*grey)
            rest = " · " + ", ".join(e.details)
            pdf.cell(width - title_w - date_w - 6, 15, rest)
        pdf.set_xy(margin_x, y + 15)
        pdf.ln(2)

    for section in cv.sections:
        items = section.items
        first = items[0] if items else None
        following = bullet_height(first[1]) if first and first[0] == "bullet" else 34
        heading(section.title, following)
        for i, (kind, payload) in enumerate(items):
            if kind == "para":
                pdf.set_font("DejaVu", "", body_size)
                pdf.set_text_color(*dark)
                pdf.multi_cell(
                    width, body_lh, payload, align="L", markdown=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
                pdf.ln(2)
            elif kind == "bullet":
                bullet(payload)
            else:
                nxt = items[i + 1][1] if i + 1 < len(items) and items[i + 1][0] == "bullet" else None
                entry(payload, nxt)

    pages = pdf.pages_count
    if pages != expected_pages:
        raise SystemExit(f"build.py: {out.name} has {pages} pages, expected {expected_pages}")
    pdf.output(str(out))
    return pages


# --------------------------------------------------------------------------------------
# 2. Jordan Lee: two-column template (sidebar + main), one Letter page
# --------------------------------------------------------------------------------------


def build_two_column(src: Path, out: Path) -> int:
    from fpdf.enums import XPos, YPos

    cv = parse_markdown(src.read_text(encoding="utf-8"))
    tagline, contact = cv.preamble[0], cv.preamble[1]
    pdf = new_pdf(f"{cv.name} – Resume", cv.name, tagline)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    W, H = pdf.w, pdf.h
    banner_h = 84.0
    side_w = round(W * 0.32, 1)
    ink, grey, navy = (30, 30, 30), (90, 90, 90), (33, 47, 71)

    # Full-width name banner
    pdf.set_fill_color(*navy)
    pdf.rect(0, 0, W, banner_h, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 26)
    pdf.set_xy(36, 20)
    pdf.cell(W - 72, 30, cv.name)
    pdf.set_font("DejaVu", "", 12.5)
    pdf.set_xy(36, 52)
    pdf.cell(W - 72, 16, tagline)

    # Left sidebar: light grey, its own font size, line height and vertical rhythm
    pdf.set_fill_color(236, 236, 236)
    pdf.rect(0, banner_h, side_w, H - banner_h, style="F")
    sx, sw = 22.0, side_w - 22.0 - 16.0
    s_size, s_lh = 9.0, 12.6
    sy = banner_h + 20

    def side_heading(title: str) -> None:
        nonlocal sy
        pdf.set_font("DejaVu", "B", 10)
        pdf.set_text_color(*navy)
        pdf.set_xy(sx, sy)
        pdf.cell(sw, 13, title.upper())
        pdf.set_draw_color(*navy)
        pdf.set_line_width(0.5)
        pdf.line(sx, sy + 14.5, sx + sw, sy + 14.5)
        sy += 20

    def side_text(text: str, bold: bool = False, gap: float = 2.5) -> None:
        nonlocal sy
        pdf.set_font("DejaVu", "B" if bold else "", s_size)
        pdf.set_text_color(*ink)
        pdf.set_xy(sx, sy)
        pdf.multi_cell(sw, s_lh, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        sy = pdf.get_y() + gap

    side_heading("Contact")
    for part in contact.split(" · "):
        side_text(part)
    sy += 12

    side_heading("Skills")
    for _, text in cv.section("Skills").items:
        label, _, rest = plain(text).partition(":")
        side_text(label, bold=True, gap=0.5)
        side_text(rest.strip(), gap=6)
    sy += 8

    side_heading("Education")
    for _, e in cv.section("Education").items:
        side_text(e.title, bold=True, gap=0.5)
        side_text(", ".join(e.details[:1]), gap=0.5)
        side_text(" · ".join(e.details[1:] + ([e.dates] if e.dates else [])), gap=7)
    sy += 5

    side_heading("Certifications")
    for _, text in cv.section("Certifications").items:
        side_text(text)

    # Right main column: larger type, different rhythm and start offset
    mx = side_w + 24.0
    mw = W - mx - 30.0
    m_size, m_lh = 10.5, 14.6
    my = banner_h + 24

    def main_heading(title: str) -> None:
        nonlocal my
        pdf.set_font("DejaVu", "B", 13)
        pdf.set_text_color(*navy)
        pdf.set_xy(mx, my)
        pdf.cell(mw, 16, title)
        pdf.set_draw_color(*navy)
        pdf.set_line_width(0.8)
        pdf.line(mx, my + 18, mx + mw, my + 18)
        my += 25

    def main_para(text: str) -> None:
        nonlocal my
        pdf.set_font("DejaVu", "", m_size)
        pdf.set_text_color(*ink)
        pdf.set_xy(mx, my)
        pdf.multi_cell(mw, m_lh, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        my = pdf.get_y() + 4

    def main_bullet(text: str) -> None:
        nonlocal my
        pdf.set_font("DejaVu", "", m_size)
        pdf.set_text_color(*ink)
        pdf.set_xy(mx + 3, my)
        pdf.cell(10, m_lh, "•")
        pdf.set_xy(mx + 14, my)
        pdf.multi_cell(mw - 14, m_lh, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        my = pdf.get_y() + 2.5

    def main_entry(e: Entry) -> None:
        nonlocal my
        my += 4
        if e.dates:
            pdf.set_font("DejaVu", "", 9.5)
            pdf.set_text_color(*grey)
            pdf.set_xy(mx, my)
            pdf.cell(mw, 15, e.dates, align="R")
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*ink)
        pdf.set_xy(mx, my)
        pdf.cell(pdf.get_string_width(e.title) + 2, 15, e.title)
        my += 15
        if e.details:
            pdf.set_font("DejaVu", "", 9.5)
            pdf.set_text_color(*grey)
            pdf.set_xy(mx, my)
            pdf.cell(mw, 13, " · ".join(e.details))
            my += 16

    for title in ("Summary", "Experience", "Projects"):
        main_heading(title)
        for kind, payload in cv.section(title).items:
            if kind == "para":
                main_para(payload)
            elif kind == "bullet":
                main_bullet(payload)
            else:
                main_entry(payload)
        my += 12

    for label, used in (("sidebar", sy), ("main column", my)):
        if used > H - 24:
            raise SystemExit(f"build.py: {out.name}: the {label} overflows the page ({used:.0f} pt)")
    pages = pdf.pages_count
    if pages != 1:
        raise SystemExit(f"build.py: {out.name} has {pages} pages, expected 1")
    pdf.output(str(out))
    return pages


# --------------------------------------------------------------------------------------
# 3. Sam Rivera: DevOps / SRE resume as DOCX (no ML lifecycle at all)
# --------------------------------------------------------------------------------------

SAM_RIVERA = {
    "name": "Sam Rivera",
    "contact": "sam.rivera@example.com · +1 (720) 555-0121 · Denver, CO",
    "summary": (
        "Site reliability engineer with seven years running customer-facing web services on "
        "AWS. Owns Terraform-managed infrastructure, CI/CD and on-call for booking and payment "
        "APIs, with a record of fewer incidents, faster recovery and a smaller cloud bill."
    ),
    "experience": [
        (
            "Senior Site Reliability Engineer",
            "Summitline Travel",
            "Denver, CO",
            "Apr 2021 – Present",
            [
                "Run on-call for 40 booking and payment APIs (Go, Node.js) on EKS serving 9,000 "
                "requests/s at peak; availability rose from 99.5% to 99.95% over 2023.",
                "Cut MTTR from 64 to 18 minutes by rewriting Prometheus and Alertmanager rules, "
                "adding Grafana service dashboards and writing runbooks for the top 20 alerts.",
                "Moved all infrastructure into Terraform (1,400 resources, 60 modules) with "
                "Atlantis plan/apply reviews; building a new environment fell from two weeks to a day.",
                "Reduced the AWS bill by $27K/month with Graviton instances, Savings Plans and "
                "off-hours scaling of non-production clusters.",
                "Led blameless postmortems for 30+ incidents and tracked every follow-up to closure.",
            ],
        ),
        (
            "DevOps Engineer",
            "Greyfield Media",
            "Boulder, CO",
            "Jul 2018 – Mar 2021",
            [
                "Built Jenkins and GitHub Actions pipelines for 25 web services; deploys went from "
                "weekly to several a day with blue-green releases on ECS.",
                "Migrated server monitoring for 300 Linux hosts from Nagios to Prometheus and Grafana.",
                "Automated host configuration with Ansible, cutting provisioning from half a day "
                "to 15 minutes.",
                "Prepared CDN and load balancers for live-event spikes of 12x normal traffic, "
                "with no downtime across 18 events.",
            ],
        ),
    ],
    "skills": [
        ("Cloud & IaC", "AWS, Terraform, Atlantis, Ansible"),
        ("Containers & CI/CD", "Kubernetes (EKS), Docker, Helm, GitHub Actions, Jenkins, Argo CD"),
        ("Observability", "Prometheus, Grafana, Alertmanager, Loki, PagerDuty"),
        ("Languages", "Go, Python, Bash"),
        ("Networking", "Nginx, CloudFront, Route 53, VPC design"),
        ("Practices", "SLOs, incident command, blameless postmortems"),
    ],
    "certifications": [
        "AWS Certified Solutions Architect – Associate (2022)",
        "HashiCorp Certified: Terraform Associate (2023)",
    ],
    "education": ("B.S. Information Technology", "Front Range State University", "Denver, CO", "2018"),
}


def build_docx(out: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches, Pt, RGBColor

    cv = SAM_RIVERA
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.9))
    section.top_margin, section.header_distance = Inches(1.1), Inches(0.4)
    text_width = section.page_width - section.left_margin - section.right_margin

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    # Contact lives in the page header only.
    header = section.header
    p = header.paragraphs[0]
    run = p.add_run(cv["name"])
    run.bold = True
    run.font.size = Pt(20)
    p2 = header.add_paragraph()
    r2 = p2.add_run(cv["contact"])
    r2.font.size = Pt(10)
    r2.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    def heading(title: str) -> None:
        doc.add_heading(title, level=1)

    def role_line(title: str, employer: str, city: str, dates: str) -> None:
        para = doc.add_paragraph()
        para.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        para.paragraph_format.space_before = Pt(6)
        para.paragraph_format.space_after = Pt(2)
        t = para.add_run(title)
        t.bold = True
        para.add_run(f", {employer}, {city}")
        para.add_run(f"\t{dates}")

    heading("Summary")
    doc.add_paragraph(cv["summary"])

    heading("Experience")
    for title, employer, city, dates, bullets in cv["experience"]:
        role_line(title, employer, city, dates)
        for b in bullets:
            doc.add_paragraph(b, style="List Bullet")

    heading("Skills")
    table = doc.add_table(rows=2, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (label, items) in enumerate(cv["skills"]):
        cell = table.cell(i // 3, i % 3)
        para = cell.paragraphs[0]
        lr = para.add_run(f"{label}: ")
        lr.bold = True
        para.add_run(items)

    heading("Certifications")
    for c in cv["certifications"]:
        doc.add_paragraph(c, style="List Bullet")

    heading("Education")
    degree, school, city, year = cv["education"]
    role_line(degree, school, city, year)

    props = doc.core_properties
    props.title = f"{cv['name']} – Resume"
    props.author = cv["name"]
    props.last_modified_by = cv["name"]
    props.subject = "Site Reliability Engineer"
    props.comments = f"Fictional example resume generated by {CREATOR}"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_deterministic_zip(buf.getvalue()))


def _deterministic_zip(data: bytes) -> bytes:
    """Re-pack a zip with fixed timestamps and member order so rebuilds are byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def main() -> int:
    maya = HERE / "maya-okafor-mlops.pdf"
    jordan = HERE / "jordan-lee-two-column.pdf"
    sam = HERE / "sam-rivera-devops.docx"
    n = build_single_column(HERE / "maya-okafor-mlops.md", maya, expected_pages=2)
    print(f"wrote {maya.relative_to(HERE.parent)} ({n} pages)")
    n = build_two_column(HERE / "jordan-lee-data-scientist.md", jordan)
    print(f"wrote {jordan.relative_to(HERE.parent)} ({n} page)")
    build_docx(sam)
    print(f"wrote {sam.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

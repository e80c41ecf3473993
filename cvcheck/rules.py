"""One registry of rules with stable codes. Codes are never renumbered or reused.

Each rule carries its own documentation (what it checks, why a hiring manager or an ATS
cares, a bad example, a better one, and where the judgment comes from); ``cvcheck explain``
prints it and a test fails when any of it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvcheck.document import Severity


@dataclass(frozen=True)
class Rule:
    code: str  # family prefix + digits, e.g. ATS002
    name: str  # readable id, e.g. multi-column-layout
    severity: Severity
    summary: str  # one line: what it checks
    why: str  # why it matters to an ATS or a hiring manager
    bad: str  # an example that triggers it
    better: str  # what to do instead
    source: str  # where the judgment comes from (a market-signals file, or the reader)
    flag: str | None = None  # stable flag id other tools may rely on


_READER = "cvcheck reader: how applicant tracking systems parse files (no market article)"

RULES: tuple[Rule, ...] = (
    Rule(
        "ATS001", "no-text-layer", "error",
        "The PDF has pages without any text layer (scanned or exported as images).",
        "An applicant tracking system reads the text layer, not the picture: a page without one "
        "reaches the recruiter's search as a blank page, so the resume never matches a search.",
        "A resume scanned on an office copier, or 'printed to PDF' as an image.",
        "Export the PDF from the source document (Word, Google Docs, LaTeX) so the text is "
        "selectable; check by selecting a line of text in a PDF viewer.",
        _READER,
    ),
    Rule(
        "ATS002", "multi-column-layout", "warning",
        "Pages laid out in two independent columns (sidebar templates).",
        "Many ATS parsers read straight across the page, interleaving the sidebar with the "
        "experience; skills end up inside job descriptions and dates lose their roles.",
        "A template with skills and education in a left sidebar beside the experience column.",
        "Use a single column; keep side labels (dates, section names) on the same line as the "
        "entry they belong to.",
        _READER,
    ),
    Rule(
        "ATS003", "tables", "warning",
        "The resume puts content in tables.",
        "Table cells are read in an order the parser chooses; whole resumes built as one table "
        "often lose their section structure, and some parsers skip cells entirely.",
        "Experience laid out as a two-column table: dates in the left cell, the role on the right.",
        "Use paragraphs and tab stops instead of tables; keep a skills list as plain lines.",
        _READER,
    ),
    Rule(
        "ATS004", "contact-in-header-footer", "warning",
        "The email or phone number appears only in the page header or footer.",
        "Several ATS products drop Word headers and footers when they parse, so the recruiter "
        "gets a profile with no way to reach the candidate.",
        "Name, email and phone placed in the Word page header.",
        "Put the contact line in the body, at the top of the first page.",
        _READER,
    ),
    Rule(
        "ATS005", "text-in-images", "warning",
        "Large images on a page: any text in them is invisible to an ATS.",
        "Logos, skill charts and screenshots carry no text layer; a skill shown only as a "
        "picture or a bar chart is a skill the search never finds.",
        "Skills shown as a chart of bars or as a row of technology logos.",
        "Write skills and achievements as text; keep images decorative.",
        _READER,
    ),
    Rule(
        "ATS006", "missing-email", "warning",
        "No email address found in the resume text.",
        "Recruiters reach candidates by email first; an ATS profile without one is often "
        "skipped.",
        "A contact line with only a LinkedIn URL.",
        "Add one professional email address in the body text near the name.",
        _READER,
    ),
    Rule(
        "ATS007", "missing-phone", "info",
        "No phone number found in the resume text.",
        "US recruiters usually screen by phone; an ATS field left empty slows the first call.",
        "A contact line with email and links but no phone number.",
        "Add a phone number in the body text, with the country code if you apply abroad.",
        _READER,
    ),
    Rule(
        "ATS008", "unusual-section-heading", "info",
        "A section heading an ATS will not map to a standard section.",
        "Parsers file content under standard headings (Experience, Education, Skills); "
        "creative names leave the content unclassified and out of structured searches.",
        "'My Journey' instead of 'Experience'; 'Toolbox' instead of 'Skills'.",
        "Use the standard heading, optionally with a qualifier: 'Experience', "
        "'Technical Skills', 'Projects'.",
        _READER,
    ),
    Rule(
        "ATS009", "long-resume", "warning",
        "The resume runs beyond two pages.",
        "Recruiters skim; past two pages the strongest evidence gets diluted and late pages are "
        "often not read at all.",
        "A five-page CV listing every course, talk and internship.",
        "Keep the last ten years and the work relevant to the role on one or two pages; link "
        "to a long CV if needed.",
        _READER,
    ),
    Rule(
        "ATS010", "pages-not-read", "info",
        "The PDF has more pages than cvcheck reads; only the first ones were analysed.",
        "Analysis time and memory stay bounded on very long files; later pages are not judged.",
        "A 300-page PDF (a thesis or a portfolio exported with the resume).",
        "Give cvcheck the resume alone.",
        _READER,
    ),
    Rule(
        "ATS011", "not-english", "warning",
        "The resume is not in English; the US market analysis does not apply.",
        "cvcheck's lexicons describe what US MLOps employers look for in English resumes; "
        "scoring another language against them would call a good resume weak.",
        "A French or Korean resume checked against the US market.",
        "Check the English version of the resume, or use a lexicon set for that market "
        "(--lexicons DIR).",
        _READER,
    ),
    Rule(
        "ATS012", "unreadable-glyphs", "info",
        "Characters with no text mapping (icon fonts, symbol glyphs) were dropped.",
        "Icons for phone, email and links come out as garbage or nothing in an ATS; when the "
        "icon is the only label, the parser cannot tell a phone number from a date.",
        "Contact details marked only with Font Awesome icons.",
        "Label contact details with words ('Email:', 'Phone:') or keep them self-explanatory.",
        _READER,
    ),
    Rule(
        "ATS013", "no-experience-section", "warning",
        "No section heading that an ATS recognises as work experience.",
        "The ATS maps roles, employers and dates from the experience section; without a "
        "recognisable heading it may not build a work history at all.",
        "Roles listed under 'What I have done'.",
        "Head the section 'Experience' or 'Work Experience'.",
        "000_ea90ec1d60c3efc9.txt (ATS searches by title keyword); " + _READER,
    ),
)  # fmt: skip

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (case-insensitive) or by readable name."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())

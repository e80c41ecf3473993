"""ATS readability: findings about the file itself, from the Document and the reader's facts."""

from __future__ import annotations

import re

from cvcheck.document import Document, Finding, Line
from cvcheck.rules import BY_CODE
from cvcheck.structure.vocab import classify_heading

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])(?:\+|\(\+?)?\d[\d ()./-]{7,}\d(?![\w/])")
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}")  # 2101.12345: nine digits, common in ML publications
# A label right before a number vouches for shorter formats ("Tel: 123 456 78"); the label
# must touch the number: "mobile app" and a count further on are not a phone.
_LABELLED_PHONE = re.compile(
    r"(?:\b(?:phone|tel|mobile|cell)\b|☎|📞)\W{0,3}\d{3}.{0,3}\d{3}.{0,3}\d{2,4}", re.IGNORECASE
)
MAX_PAGES_ADVISED = 2
LONG_WORDS = 1400  # about three dense pages, for formats without pages


def has_phone(text: str) -> bool:
    """A phone number: 9 to 15 digits with phone punctuation, not dates and not an arXiv id.

    Numbers without an area code (555-0147) are not phone numbers here: seven digits cannot
    be told from ids and dates, and a recruiter cannot dial them without the area code.
    """
    for m in _PHONE.finditer(text):
        candidate = m.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if not 9 <= len(digits) <= 15 or _ARXIV_ID.fullmatch(candidate) or _only_dates(candidate):
            continue
        return True
    return bool(_LABELLED_PHONE.search(text))


def _only_dates(candidate: str) -> bool:
    """Years and month or day numbers only ("2019 - 2021", "05/2019 - 06/2021", "2019.05 -
    2021.06"): a date range. A phone has a '+' or '(' or a group of three or more digits
    that is not a year (010-2019-2021)."""
    if "+" in candidate or "(" in candidate:
        return False
    groups = re.findall(r"\d+", candidate)
    years = [g for g in groups if len(g) == 4 and g[:2] in ("19", "20")]
    return len(years) >= 2 and all(len(g) <= 2 or g in years for g in groups)


def _finding(code: str, message: str, line: Line | None = None, evidence: str = "") -> Finding:
    rule = BY_CODE[code]
    return Finding(
        code=code,
        severity=rule.severity,
        message=message,
        line=line.number if line else None,
        evidence=evidence or (line.text if line else ""),
        flag=rule.flag,
        source=rule.source,
    )


def _pages(pages: tuple[int, ...]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(str(p) for p in pages)


def ats_findings(doc: Document) -> list[Finding]:
    """Every ATS-readability finding for a document, whole-file ones first."""
    facts = doc.facts
    out: list[Finding] = []
    read = doc.pages_read or 0
    blank = facts.pages_without_text
    if blank:
        pictured = [p for p in blank if p in facts.image_pages]
        why = "scanned or image-only" if pictured else "blank or damaged"
        if len(blank) >= read:
            # Nothing else can be judged: say the one thing that matters.
            return [_finding("ATS001", f"no text layer ({why}): an ATS sees an empty resume")]
        out.append(_finding("ATS001", f"no text layer on {_pages(blank)} ({why}): an ATS sees it blank"))
    if facts.multi_column_pages:
        out.append(
            _finding(
                "ATS002",
                f"two-column layout on {_pages(facts.multi_column_pages)}: many ATS mix the columns' lines",
            )
        )
    if facts.table_count:
        where = f" on {_pages(facts.table_pages)}" if facts.table_pages else ""
        n = facts.table_count
        out.append(
            _finding(
                "ATS003",
                f"{n} table{'s' if n > 1 else ''}{where}: ATS parsers read cells in unpredictable order",
            )
        )
    if facts.image_pages:
        out.append(
            _finding(
                "ATS005",
                f"large images on {_pages(facts.image_pages)}: text in images is invisible to an ATS",
            )
        )
    if doc.pages and doc.pages > read:
        out.append(_finding("ATS010", f"only the first {read} of {doc.pages} pages were read"))
    if doc.pages and doc.pages > MAX_PAGES_ADVISED:
        out.append(_finding("ATS009", f"{doc.pages} pages: recruiters skim; keep it to {MAX_PAGES_ADVISED}"))
    elif doc.pages is None and facts.words > LONG_WORDS:
        out.append(
            _finding(
                "ATS009",
                f"{facts.words} words: about {facts.words // 500} pages; keep it to {MAX_PAGES_ADVISED}",
            )
        )
    if facts.dropped_glyphs >= 20:
        out.append(
            _finding(
                "ATS012",
                f"{facts.dropped_glyphs} icon or unmapped glyphs dropped: an ATS reads them as garbage",
            )
        )
    if not doc.is_english:
        out.append(
            _finding(
                "ATS011",
                f"the resume reads as '{doc.language}', not English: "
                "the US MLOps market analysis is not applied",
            )
        )
    out.extend(_contact_findings(doc))
    out.extend(_heading_findings(doc))
    return out


def _contact_findings(doc: Document) -> list[Finding]:
    body = [ln for ln in doc.lines if ln.location.region not in ("header", "footer")]
    edges = [ln for ln in doc.lines if ln.location.region in ("header", "footer")]
    body_text = "\n".join(ln.text for ln in body)
    out: list[Finding] = []
    body_email, body_phone = bool(EMAIL.search(body_text)), has_phone(body_text)
    edge_email = next((ln for ln in edges if EMAIL.search(ln.text)), None)
    edge_phone = next((ln for ln in edges if has_phone(ln.text)), None)
    only_edge = [
        ln for ln, in_body in ((edge_email, body_email), (edge_phone, body_phone)) if ln and not in_body
    ]
    if only_edge:
        first = only_edge[0]
        out.append(
            _finding(
                "ATS004", f"contact details only in the page {first.location.region}: some ATS drop it", first
            )
        )
    if not body_email and edge_email is None:
        out.append(_finding("ATS006", "no email address found"))
    if not body_phone and edge_phone is None:
        out.append(_finding("ATS007", "no phone number found"))
    return out


def _heading_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for line in doc.lines:
        if line.kind == "heading" and classify_heading(line.text.rstrip(":"), loose=True) is None:
            out.append(
                _finding(
                    "ATS008", f"heading '{line.text}' is not one an ATS maps to a standard section", line
                )
            )
    if doc.is_english and not any(s.name == "experience" for s in doc.sections):
        out.append(_finding("ATS013", "no recognisable experience section"))
    return out

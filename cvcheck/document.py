"""The document model every check works on: plain typed records, no behaviour.

Readers turn bytes into a list of :class:`SourceLine` (what the file says, where it says it,
and whatever structure the format states outright). ``cvcheck.structure`` turns those into a
:class:`Document`: numbered lines with canonical sections, joined bullets and roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SECTIONS: tuple[str, ...] = (
    "contact",
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "projects",
    "publications",
    "other",
)
"""Canonical section names, in the order a typical resume has them."""

Region = Literal["body", "header", "footer", "table", "textbox"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class BBox:
    """A box on a PDF page in points, origin at the top left (y grows downwards)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Location:
    """Where a line came from: a page and box for PDFs, a 1-based line for text formats."""

    page: int | None = None
    bbox: BBox | None = None
    source_line: int | None = None
    column: int | None = None  # 0-based column index on a multi-column PDF page
    region: Region = "body"


@dataclass(frozen=True)
class SourceLine:
    """One line as a reader found it, before sections and bullets are worked out.

    ``heading`` and ``section`` carry what the format says outright (a Markdown ``#``, a DOCX
    Heading style, JSON Resume's ``work`` array); ``None`` means the structuring stage decides.
    A tab in ``text`` marks a gap between fields on one line (a tab stop, a right-aligned date);
    the structuring stage uses it to split role headers and prints it as spaces.
    """

    text: str
    location: Location = field(default_factory=Location)
    heading: bool | None = None
    level: int | None = None  # heading level where the format has one (Markdown #, Heading 2)
    section: str | None = None
    bullet: bool = False  # a list item; when True the text carries no bullet glyph
    font_size: float | None = None
    bold: bool = False
    role: tuple[str, str] | None = None  # (title, employer) where the format states them


@dataclass(frozen=True)
class Line:
    """A numbered line of the normalised document: the unit every finding points at."""

    number: int  # 1-based; the number ``cvcheck text`` prints
    text: str
    section: str
    kind: Literal["heading", "bullet", "text"]
    location: Location
    end_location: Location | None = None  # where a joined (wrapped) bullet ends


@dataclass(frozen=True)
class Section:
    name: str  # one of SECTIONS
    heading: str  # the heading as written ("" for the implicit contact block)
    start_line: int
    end_line: int


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date | None  # None: ongoing ("Present")
    text: str


@dataclass(frozen=True)
class Role:
    title: str
    employer: str
    dates: DateRange | None
    line: int  # the document line the role's header starts on


@dataclass(frozen=True)
class Finding:
    """A judgment with a stable rule code, pointing at a line (``None``: the whole file)."""

    code: str
    severity: Severity
    message: str
    line: int | None = None
    evidence: str = ""
    flag: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class FileFacts:
    """What the reader saw of the file itself, for the ATS-readability findings."""

    multi_column_pages: tuple[int, ...] = ()
    table_count: int = 0
    table_pages: tuple[int, ...] = ()
    image_pages: tuple[int, ...] = ()
    pages_without_text: tuple[int, ...] = ()
    dropped_glyphs: int = 0
    words: int = 0


@dataclass(frozen=True)
class Document:
    path: str
    sha256: str
    format: str  # pdf, docx, markdown, text, latex, jsonresume, rendercv, yaml
    pages: int | None
    pages_read: int | None
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    roles: tuple[Role, ...]
    language: str  # ISO 639-1 code, or "und" when too little text to tell
    years_experience: float | None
    latest_title: str | None
    facts: FileFacts = field(default_factory=FileFacts)

    @property
    def is_english(self) -> bool:
        return self.language in ("en", "und")

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def section_lines(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.section == name]

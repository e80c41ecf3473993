"""Reader output → Document: clean text, headings and sections, bullets joined across wraps,
roles, language. Format-specific knowledge stays in the readers; this stage only uses what
they state (heading, bullet, section, role) and the geometry they report."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from statistics import median

from cvcheck.document import Document, FileFacts, Line, Location, Section, SourceLine
from cvcheck.read.base import Extraction
from cvcheck.structure.language import detect_language
from cvcheck.structure.roles import find_date_range, find_roles, latest_title, years_of_experience
from cvcheck.structure.text import clean
from cvcheck.structure.vocab import classify_heading, vocab

_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_WORD = re.compile(r"\w+")


@dataclass
class _Work:
    """A line being shaped: text cleaned, kind decided, wraps not yet joined."""

    text: str
    src: SourceLine
    kind: str  # heading | bullet | text
    section: str | None  # canonical section for headings and format-stated lines
    indent: int  # leading spaces in the source (text formats)
    end: SourceLine | None = None
    soft_break: bool = False  # the text ended with a hyphenation point
    marker: str = ""  # the bullet glyph taken off the text, if the text carried one


def build_document(
    extraction: Extraction, *, path: str, sha256: str, today: date, max_pages: int
) -> Document:
    """Shape a reader's lines into the :class:`Document` every check works on."""
    work = _split_side_labels(_undo_lone_dashes(_prepare(extraction.lines)))
    _mark_headings(work, _body_font_size(work))
    work = _hoist_side_fields(work)
    work = _join_wraps(work, extraction.format)
    lines = _number(work)
    sections = _sections(lines)
    stated = {ln.number: w.src.role for ln, w in zip(lines, work) if w.src.role}
    roles = find_roles(lines, stated)  # type: ignore[arg-type]
    text = "\n".join(ln.text for ln in lines)
    return Document(
        path=path,
        sha256=sha256,
        format=extraction.format,
        pages=extraction.pages,
        pages_read=extraction.pages_read,
        lines=tuple(lines),
        sections=tuple(sections),
        roles=tuple(roles),
        language=detect_language(text),
        years_experience=years_of_experience(roles, today),
        latest_title=latest_title(roles, today),
        facts=FileFacts(
            multi_column_pages=tuple(extraction.multi_column_pages),
            table_count=extraction.table_count,
            table_pages=tuple(extraction.table_pages),
            image_pages=tuple(extraction.image_pages),
            pages_without_text=tuple(extraction.pages_without_text),
            dropped_glyphs=extraction.dropped_glyphs,
            words=len(_WORD.findall(text)),
        ),
    )


def _prepare(source: list[SourceLine]) -> list[_Work]:
    out: list[_Work] = []
    glyphs = vocab().bullet_glyphs
    for src in source:
        raw = src.text
        soft = raw.rstrip().endswith("\u00ad") or "\u00ad\t" in raw
        text = clean(raw)
        if not text or not re.search(r"\w", text):
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        kind = "heading" if src.heading else "text"
        marker = ""
        if src.bullet:
            kind = "bullet"
        elif kind == "text":
            stripped = _strip_bullet(text, glyphs)
            if stripped is not None:
                kind, text, marker = "bullet", stripped, text[: len(text) - len(stripped)]
        work = _Work(text, src, kind, src.section, indent, soft_break=soft)
        if kind == "bullet" and not src.bullet:
            work.marker = marker
        out.append(work)
    return out


def _undo_lone_dashes(work: list[_Work]) -> list[_Work]:
    """A dash opening one line only is a wrapped "– Specialty", not a list: keep it as text."""
    counts = Counter(w.marker.strip()[:1] for w in work if w.marker)
    for w in work:
        glyph = w.marker.strip()[:1]
        if glyph and glyph in "-–—" and counts[glyph] < 2:
            w.kind, w.text, w.marker = "text", w.marker + w.text, ""
    return work


def _strip_bullet(text: str, glyphs: frozenset[str]) -> str | None:
    """The text after a leading bullet glyph or item number, or None when there is none."""
    first = text[0]
    if first in glyphs:
        rest = text[1:]
        if rest[:1] in (" ", "\t"):
            return rest.lstrip(" \t") or None
        # "•Led the..." and PDF's "-Italian" (no space) are bullets too; "-5%" is not
        if first not in "-+*–—" or rest[:1].isupper():
            return rest or None
        return None
    m = _NUMBERED.match(text)
    if m and len(text) > m.end() + 12:
        return text[m.end() :]
    return None


def _split_side_labels(work: list[_Work]) -> list[_Work]:
    """A section label in a left column shares its row with the first entry: split it off."""
    out: list[_Work] = []
    for w in work:
        head, sep, rest = w.text.partition("\t")
        if sep and w.kind != "bullet" and classify_heading(head):
            out.append(_Work(head, w.src, "heading", classify_heading(head), w.indent))
            rest_kind = "text"
            stripped = _strip_bullet(rest, vocab().bullet_glyphs)
            if stripped is not None:
                rest_kind, rest = "bullet", stripped
            out.append(_Work(rest, w.src, rest_kind, w.section, w.indent))
        else:
            out.append(w)
    return out


_DURATION = re.compile(r"^\d+\s*(?:years?|yrs?|months?|mos?)(?:\s+\d+\s*(?:months?|mos?))?$", re.I)
_LOCATION = re.compile(r"^[A-Z][\w .'’-]+,\s*[A-Z][\w .'’-]+$|^remote$", re.I)


def _side_field(field: str) -> bool:
    """A right-column field: dates, a duration or a place, not part of the sentence beside it."""
    from cvcheck.structure.roles import is_single_date

    return bool(
        find_date_range(field) or is_single_date(field) or _DURATION.match(field) or _LOCATION.match(field)
    )


def _hoist_side_fields(work: list[_Work]) -> list[_Work]:
    """Dates set in a right column sit beside an entry's first bullet in some templates: move
    them up to the entry's header line, so bullets stay sentences and roles keep their dates."""
    for i, w in enumerate(work):
        if "\t" not in w.text or w.kind == "heading":
            continue
        main, *fields = w.text.split("\t")
        side = [f for f in fields if _side_field(f)]
        if not side or len(side) != len(fields) or not main:
            continue
        box, prev_box = w.src.location.bbox, work[i - 1].src.location.bbox if i else None
        if box is None or prev_box is None:
            continue  # only PDFs set dates in a column beside the text
        if w.kind == "text" and not (work[i - 1].kind == "bullet" and box.x0 > prev_box.x0 + 2):
            continue  # not a bullet's hanging continuation: a header line, dates in place
        if w.kind == "bullet" and len(main.split()) < 7:
            continue  # a short bulleted entry title ("• Google  Mountain View, CA") keeps them
        w.text = main
        header = next(
            (work[j] for j in range(i - 1, max(i - 5, -1), -1) if work[j].kind != "bullet"),
            None,
        )
        if header is None or header.kind == "heading" or header.section != w.section:
            continue  # nowhere to put them: the fields are dropped, the sentence is kept
        if not find_date_range(header.text):
            header.text = "\t".join([header.text, *side])
    return work


def _body_font_size(work: list[_Work]) -> float | None:
    sizes = [w.src.font_size for w in work for _ in range(len(w.text) // 20 + 1) if w.src.font_size]
    return median(sizes) if sizes else None


def _style(w: _Work) -> tuple[float, bool, bool]:
    letters = [c for c in w.text if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters if c.isascii())
    return (round(w.src.font_size or 0.0), upper, w.src.bold)


def _heading_shape(w: _Work) -> bool:
    text = w.text
    return (
        w.kind != "bullet"
        and len(text) <= 48
        and len(text.split()) <= 6
        and "\t" not in text
        and not text.endswith((".", ",", ";"))
        and find_date_range(text) is None
        and not re.search(r"@|https?:|www\.|\d{3}", text)
    )


def _mark_headings(work: list[_Work], body_size: float | None) -> None:
    """Decide which lines are section headings and which section each names.

    Known headings (the reading vocabulary) always count. An unknown line counts when the
    format marks it as a heading at the level of the known ones, or when it is styled exactly
    like them (size, capitals, weight): it names an unusual section ("other").
    """
    known: list[_Work] = []
    known_levels: list[int] = []
    # Where the format marks headings (Markdown #, Word styles), an unmarked line is a
    # heading only when it stands out too: "links:" ending a paragraph is not one.
    marked = any(w.src.heading for w in work)
    for w in work:
        if w.section and w.kind == "heading":
            continue  # the format named the section (JSON Resume)
        if marked and w.kind != "heading" and not (w.src.bold or _style(w)[1]):
            continue
        if _heading_shape(w) or w.kind == "heading":
            section = classify_heading(w.text.rstrip(":"))
            if section:
                w.kind, w.section = "heading", section
                known.append(w)
                if w.src.level is not None:
                    known_levels.append(w.src.level)
    # The style most known headings share is the section-heading style; a known word in a
    # smaller style ("Programming" under "SKILLS") is a label inside a section.
    styles = Counter(_style(w) for w in known)
    known_styles: set[tuple[float, bool, bool]] = set()
    if styles:
        top = max(styles.values())
        dominant = max((s for s, n in styles.items() if n == top), key=lambda s: s[0])
        known_styles = {dominant}
        if top >= 2:
            after_heading = {id(b) for a, b in zip(work, work[1:]) if a.kind == "heading"}
            for w in known:
                style = _style(w)
                lone = styles[style] == 1 or id(w) in after_heading
                if not w.src.heading and style[0] < dominant[0] and lone:
                    w.kind, w.section = "text", None
    top_level = min(known_levels) if known_levels else None
    first_known = next((i for i, w in enumerate(work) if w.kind == "heading" and w.section), len(work))
    for i, w in enumerate(work):
        if w.kind == "heading" and w.section is None and i < first_known:
            w.kind = "text"  # "# Jane Doe" above the first section: the name, not a section
        elif w.kind == "heading" and w.section is None:
            level = w.src.level
            if top_level is None or level is None or level <= top_level:
                w.section = classify_heading(w.text.rstrip(":"), loose=True) or "other"
            else:
                w.kind = "text"  # a sub-heading inside a section: an entry's title line
        elif w.kind == "text" and w.section is None and known_styles and _heading_shape(w):
            style = _style(w)
            styled = style in known_styles and (style[1] or style[2] or (body_size and style[0] > body_size))
            if styled and len(w.text) >= 2:
                w.kind = "heading"
                w.section = classify_heading(w.text.rstrip(":"), loose=True) or "other"


def _join_wraps(work: list[_Work], fmt: str) -> list[_Work]:
    """Join a bullet (or prose line) with the lines it wraps onto."""
    right_edges = _right_edges(work)
    out: list[_Work] = []
    out_edges: list[float | None] = []
    for w, edge in zip(work, right_edges):
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, w, fmt, out_edges[-1]):
            prev.text = _join(prev.text, w.text, prev.soft_break)
            prev.end = w.src
            prev.soft_break = w.soft_break
            continue
        out.append(w)
        out_edges.append(edge)
    return out


def _join(first: str, second: str, soft_break: bool) -> str:
    """Join a wrapped line: hyphenation points vanish, "infra-" + "structure" closes up,
    while "end-to-" + "end" keeps its hyphen."""
    if soft_break:
        return first + second
    if first.endswith("-") and second[:1].islower() and first[-2:-1].isalpha():
        word = first.rsplit(" ", 1)[-1]
        return first + second if word.count("-") > 1 else first[:-1] + second
    return f"{first} {second}"


def _right_edges(work: list[_Work], window: int = 8) -> list[float | None]:
    """For each line, the right edge of the text block around it (same page and column).

    Local, because a section beside a date column is narrower than the page; lines with a
    right-aligned field (a tab) are left out, as they reach past the block.
    """
    edges: list[float | None] = []
    for i, w in enumerate(work):
        loc = w.src.location
        if loc.bbox is None:
            edges.append(None)
            continue
        near = [
            o.src.location.bbox.x1
            for o in work[max(0, i - window) : i + window + 1]
            if o.src.location.bbox is not None
            and o.src.location.page == loc.page
            and o.src.location.column == loc.column
            and "\t" not in o.src.text
        ]
        edges.append(max(near) if near else loc.bbox.x1)
    return edges


def _continues(
    prev: _Work,
    w: _Work,
    fmt: str,
    right_edge: float | None,
) -> bool:
    if prev.kind == "heading" or w.kind != "text" or "\t" in w.text or "\t" in prev.text:
        return False
    if w.src.section != prev.src.section or w.src.location.region != prev.src.location.region:
        return False
    last = prev.end or prev.src
    a, b = last.location, w.src.location
    if a.bbox is not None and b.bbox is not None:
        if a.page != b.page or a.column != b.column:
            return False
        size = last.font_size or 10.0
        if abs((w.src.font_size or size) - size) > 0.6 or w.src.bold != last.bold and prev.kind != "bullet":
            return False
        if not 0 <= b.bbox.top - a.bbox.bottom <= 0.9 * size:
            return False
        right = right_edge if right_edge is not None else a.bbox.x1
        text_start = prev.src.location.bbox.x0 if prev.src.location.bbox else a.bbox.x0
        # the line was full if the next line's first word would not have fitted after it
        first_word = len(w.text.split(" ", 1)[0])
        full = right - a.bbox.x1 <= max((first_word + 1) * 0.55 * size, 2 * size)
        if prev.kind == "bullet":
            # continuation lines hang under the bullet's text, not under its glyph
            return full and b.bbox.x0 > text_start + 0.5 * size
        # a prose line wraps when it fills the column and the next starts where it started
        sentence_end = prev.text.endswith((".", "!", "?", ":"))
        return full and abs(b.bbox.x0 - text_start) <= 0.5 * size and (w.text[:1].islower() or not sentence_end)
    if a.source_line is None or b.source_line is None or b.source_line != a.source_line + 1:
        return False
    if fmt == "markdown":
        return prev.kind == "bullet" or (len(prev.text) >= 50 and not prev.text.endswith((".", ":")))
    if fmt in ("text", "latex"):
        if prev.kind == "bullet":
            return w.indent > 0 or w.text[:1].islower()
        return len(prev.text) >= 60 and w.text[:1].islower()
    return False


def _number(work: list[_Work]) -> list[Line]:
    lines: list[Line] = []
    section = "contact"
    for w in work:
        if w.kind == "heading" and w.section:
            section = w.section
        elif w.section and w.src.section:
            section = w.section
        lines.append(
            Line(
                number=len(lines) + 1,
                text=w.text,
                section=section,
                kind=w.kind,  # type: ignore[arg-type]
                location=w.src.location,
                end_location=w.end.location if w.end else None,
            )
        )
    return lines


def _sections(lines: list[Line]) -> list[Section]:
    out: list[Section] = []
    for line in lines:
        if out and out[-1].name == line.section and line.kind != "heading":
            out[-1] = replace(out[-1], end_line=line.number)
            continue
        heading = line.text if line.kind == "heading" else ""
        out.append(Section(line.section, heading, line.number, line.number))
    return out


def location_text(location: Location) -> str:
    """Where a line is, for people: 'p1' or 'L12'."""
    if location.page is not None:
        return f"p{location.page}"
    if location.source_line is not None:
        return f"L{location.source_line}"
    return ""

"""Reader output → Document: clean text, headings and sections, bullets joined across wraps,
roles, language. Format-specific knowledge stays in the readers; this stage only uses what
they state (heading, bullet, section, role) and the geometry they report."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from cvcheck.document import Document, FileFacts, Line, Section, SourceLine
from cvcheck.read.base import Extraction
from cvcheck.structure.bullets import strip_bullet, undo_lone_dashes
from cvcheck.structure.headings import body_font_size, mark_headings, split_side_labels
from cvcheck.structure.language import detect_language
from cvcheck.structure.roles import find_roles, latest_title, years_of_experience
from cvcheck.structure.text import clean
from cvcheck.structure.vocab import vocab
from cvcheck.structure.work import WorkLine
from cvcheck.structure.wraps import hoist_side_fields, join_wraps

_WORD = re.compile(r"\w+")


def build_document(extraction: Extraction, *, path: str, sha256: str, today: date) -> Document:
    """Shape a reader's lines into the :class:`Document` every check works on."""
    work = split_side_labels(undo_lone_dashes(_prepare(extraction.lines)))
    mark_headings(work, body_font_size(work))
    work = hoist_side_fields(work)
    work = join_wraps(work, extraction.format)
    lines = _number(work)
    sections = _sections(lines)
    stated = {ln.number: w.src.role for ln, w in zip(lines, work, strict=True) if w.src.role}
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


def _prepare(source: list[SourceLine]) -> list[WorkLine]:
    out: list[WorkLine] = []
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
            stripped = strip_bullet(text, glyphs)
            if stripped is not None:
                kind, text, marker = "bullet", stripped, text[: len(text) - len(stripped)]
        work = WorkLine(text, src, kind, src.section, indent, soft_break=soft)
        if kind == "bullet" and not src.bullet:
            work.marker = marker
        out.append(work)
    return out


def _number(work: list[WorkLine]) -> list[Line]:
    lines: list[Line] = []
    section = "contact"
    for w in work:
        if (w.kind == "heading" and w.section) or (w.section and w.src.section):
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

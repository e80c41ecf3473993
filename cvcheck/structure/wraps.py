"""Lines that belong together: wrapped bullets and paragraphs, and dates set beside them."""

from __future__ import annotations

import re

from cvcheck.structure.roles import find_date_range, is_single_date
from cvcheck.structure.work import WorkLine

_DURATION = re.compile(r"^\d+\s*(?:years?|yrs?|months?|mos?)(?:\s+\d+\s*(?:months?|mos?))?$", re.I)
_LOCATION = re.compile(r"^[A-Z][\w .'’-]+,\s*[A-Z][\w .'’-]+$|^remote$", re.I)


def _side_field(field: str) -> bool:
    """A right-column field: dates, a duration or a place, not part of the sentence beside it."""
    return bool(
        find_date_range(field) or is_single_date(field) or _DURATION.match(field) or _LOCATION.match(field)
    )


def hoist_side_fields(work: list[WorkLine]) -> list[WorkLine]:
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


def join_wraps(work: list[WorkLine], fmt: str) -> list[WorkLine]:
    """Join a bullet (or prose line) with the lines it wraps onto."""
    right_edges = _right_edges(work)
    out: list[WorkLine] = []
    out_edges: list[float | None] = []
    for w, edge in zip(work, right_edges, strict=True):
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


def _right_edges(work: list[WorkLine], window: int = 8) -> list[float | None]:
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
    prev: WorkLine,
    w: WorkLine,
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
        if abs((w.src.font_size or size) - size) > 0.6 or (w.src.bold != last.bold and prev.kind != "bullet"):
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
        return (
            full and abs(b.bbox.x0 - text_start) <= 0.5 * size and (w.text[:1].islower() or not sentence_end)
        )
    if a.source_line is None or b.source_line is None or b.source_line != a.source_line + 1:
        return False
    if fmt == "markdown":
        return prev.kind == "bullet" or (len(prev.text) >= 50 and not prev.text.endswith((".", ":")))
    if fmt in ("text", "latex"):
        if prev.kind == "bullet":
            return w.indent > 0 or w.text[:1].islower()
        return len(prev.text) >= 60 and w.text[:1].islower()
    return False

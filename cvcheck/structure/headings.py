"""Which lines are section headings, and which section each names."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from statistics import median

from cvcheck.structure.bullets import strip_bullet
from cvcheck.structure.roles import find_date_range
from cvcheck.structure.vocab import classify_heading, vocab
from cvcheck.structure.work import WorkLine

Style = tuple[float, bool, bool]  # (rounded size, all capitals, bold)


def split_side_labels(work: list[WorkLine]) -> list[WorkLine]:
    """A section label in a left column shares its row with the first entry: split it off."""
    out: list[WorkLine] = []
    for w in work:
        head, sep, rest = w.text.partition("\t")
        if sep and w.kind != "bullet" and classify_heading(head):
            out.append(WorkLine(head, w.src, "heading", classify_heading(head), w.indent))
            rest_kind = "text"
            stripped = strip_bullet(rest, vocab().bullet_glyphs)
            if stripped is not None:
                rest_kind, rest = "bullet", stripped
            out.append(WorkLine(rest, w.src, rest_kind, w.section, w.indent))
        else:
            out.append(w)
    return out


def body_font_size(work: list[WorkLine]) -> float | None:
    sizes = [w.src.font_size for w in work for _ in range(len(w.text) // 20 + 1) if w.src.font_size]
    return median(sizes) if sizes else None


def style(w: WorkLine) -> Style:
    letters = [c for c in w.text if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters if c.isascii())
    return (round(w.src.font_size or 0.0), upper, w.src.bold)


def heading_shape(w: WorkLine) -> bool:
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


def mark_headings(work: list[WorkLine], body_size: float | None) -> None:
    """Decide which lines are section headings and which section each names.

    Known headings (the reading vocabulary) always count. An unknown line counts when the
    format marks it as a heading at the level of the known ones, or when it is styled exactly
    like them (size, capitals, weight): it names an unusual section ("other").
    """
    known = _mark_known(work)
    dominant = _demote_labels(work, known)
    levels = [w.src.level for w in known if w.src.level is not None]
    top_level = min(levels) if levels else None
    first_known = next((i for i, w in enumerate(work) if w.kind == "heading" and w.section), len(work))
    for i, w in enumerate(work):
        level = w.src.level
        if (
            w.kind == "heading"
            and w.section is None
            and i < first_known
            and _names_person(i, level, top_level)
        ):
            w.kind = "text"  # "# Jane Doe" above the first section: the name, not a section
        elif w.kind == "heading" and w.section is None:
            if top_level is None or level is None or level <= top_level:
                w.section = classify_heading(w.text.rstrip(":"), loose=True) or "other"
            else:
                w.kind = "text"  # a sub-heading inside a section: an entry's title line
        elif w.kind == "text" and w.section is None and dominant and heading_shape(w):
            st = style(w)
            stands_out = st[1] or st[2] or (body_size is not None and st[0] > body_size)
            if st == dominant and stands_out and len(w.text) >= 2:
                w.kind = "heading"
                w.section = classify_heading(w.text.rstrip(":"), loose=True) or "other"


def _names_person(index: int, level: int | None, top_level: int | None) -> bool:
    """An unknown heading above the sections is the name when it outranks them (an H1 over
    H2 sections) or, without levels, when it opens the document."""
    if level is not None and top_level is not None:
        return level < top_level
    return index <= 1


def _mark_known(work: list[WorkLine]) -> list[WorkLine]:
    """Mark lines that are known headings by their words; return them."""
    known: list[WorkLine] = []
    # Where the format marks headings (Markdown #, Word styles), an unmarked line is a
    # heading only when it stands out too: "links:" ending a paragraph is not one.
    marked = any(w.src.heading for w in work)
    for w in work:
        if w.section and w.kind == "heading":
            continue  # the format named the section (JSON Resume)
        if marked and w.kind != "heading" and not (w.src.bold or style(w)[1]):
            continue
        if heading_shape(w) or w.kind == "heading":
            section = classify_heading(w.text.rstrip(":"))
            if section:
                w.kind, w.section = "heading", section
                known.append(w)
    return known


def _demote_labels(work: list[WorkLine], known: list[WorkLine]) -> Style | None:
    """The style most known headings share is the section-heading style; a known word in a
    smaller style right under a heading ("Programming" under "SKILLS") is a label inside a
    section. Returns the section-heading style, if there is one."""
    styles = Counter(style(w) for w in known)
    if not styles:
        return None
    top = max(styles.values())
    dominant = max((s for s, n in styles.items() if n == top), key=lambda s: s[0])
    if top >= 2:
        after_heading = {id(b) for a, b in pairwise(work) if a.kind == "heading"}
        for w in known:
            st = style(w)
            lone = styles[st] == 1 or id(w) in after_heading
            if not w.src.heading and st[0] < dominant[0] and lone:
                w.kind, w.section = "text", None
    return dominant

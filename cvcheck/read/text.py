"""Plain-text resumes: one line per non-blank source line, rules turned into headings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cvcheck.document import Location, SourceLine
from cvcheck.read.base import Extraction, decode_text

# A line made only of one rule character (``====``, ``----``, ``- - -``, ``────``). Under a line
# of text it underlines a heading, the way Markdown's setext headings do; elsewhere it separates.
_RULE = re.compile(r"^\s*([=\-_~*─━═—])(?:\s?\1){2,}\s*$")
# A dash or dot leader between two fields ("Acme Corp ---------- Boston MA"): a gap, not text.
_LEADER = re.compile(r"(?<=\S)[ \t]+(?:-{3,}|\.{4,}|_{4,}|={4,})[ \t]+(?=\S)")


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a plain-text resume; ``max_pages`` is unused (text has no pages)."""
    text = decode_text(data, path)
    return Extraction(format="text", lines=text_lines(enumerate(text.split("\n"), start=1)))


def text_lines(numbered: Iterable[tuple[int, str]]) -> list[SourceLine]:
    """Turn ``(source line, text)`` pairs of plain text into SourceLines.

    Blank lines are dropped, a rule line directly under a text line marks that line as a
    heading, other rule lines are dropped as separators, and leaders become tab gaps. Bullet
    glyphs stay in the text: recognising them is the structuring stage's job.
    """
    out: list[SourceLine] = []
    previous_number = -1  # source line of the last emitted text line
    for number, raw in numbered:
        if not raw.strip():
            continue
        if _RULE.match(raw):
            if out and previous_number == number - 1 and out[-1].heading is None:
                last = out[-1]
                # "====" underlines a top heading and "----" the next level, as in Markdown.
                level = 1 if raw.strip()[0] == "=" else 2
                out[-1] = SourceLine(text=last.text, location=last.location, heading=True, level=level)
            continue
        text = _LEADER.sub("\t", raw.rstrip())
        out.append(SourceLine(text=text, location=Location(source_line=number)))
        previous_number = number
    return out

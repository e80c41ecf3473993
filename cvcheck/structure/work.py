"""The line record the structuring steps pass between them."""

from __future__ import annotations

from dataclasses import dataclass

from cvcheck.document import SourceLine


@dataclass
class WorkLine:
    """A line being shaped: text cleaned, kind decided, wraps not yet joined."""

    text: str
    src: SourceLine
    kind: str  # heading | bullet | text
    section: str | None  # canonical section for headings and format-stated lines
    indent: int  # leading spaces in the source (text formats)
    end: SourceLine | None = None
    soft_break: bool = False  # the text ended with a hyphenation point
    marker: str = ""  # the bullet glyph taken off the text, if the text carried one

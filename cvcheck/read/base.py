"""What every reader returns, and small helpers readers share."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from cvcheck.document import SourceLine
from cvcheck.errors import CvcheckError, E


@dataclass
class Extraction:
    """A reader's output: the lines in reading order plus facts about the file itself.

    The facts feed the ATS-readability findings; a reader leaves at their defaults the ones its
    format cannot have.
    """

    format: str
    lines: list[SourceLine]
    pages: int | None = None
    pages_read: int | None = None
    multi_column_pages: list[int] = field(default_factory=list)
    table_count: int = 0
    table_pages: list[int] = field(default_factory=list)
    image_pages: list[int] = field(default_factory=list)  # pages with large images
    pages_without_text: list[int] = field(default_factory=list)
    dropped_glyphs: int = 0  # icon glyphs, (cid:N) and other debris removed from the text


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CvcheckError(E.NOT_A_RESUME_FORMAT, path, detail=f"broken UTF-16: {exc.reason}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Older editors on Windows still save resumes this way; every byte decodes.
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_lines(
    text: str,
    *,
    first_line: int = 1,
    section: str | None = None,
) -> list[SourceLine]:
    """Split text into SourceLines numbered from ``first_line``, dropping blank lines."""
    from cvcheck.document import Location

    out: list[SourceLine] = []
    for offset, raw in enumerate(text.split("\n")):
        if raw.strip():
            out.append(
                SourceLine(
                    text=raw.rstrip(),
                    location=Location(source_line=first_line + offset),
                    section=section,
                )
            )
    return out

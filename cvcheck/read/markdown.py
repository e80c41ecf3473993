"""Markdown resumes (CommonMark plus tables) via markdown-it-py, keeping each line's source line.

Blocks come from the token stream, whose ``map`` gives each block's source lines; inline
markup is dropped to plain text. Pandoc definition lists and YAML front matter, which
CommonMark does not know, are rewritten before parsing without moving any line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cvcheck.document import Location, SourceLine
from cvcheck.read.base import Extraction, decode_text
from cvcheck.read.text import text_lines

_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,2}:( {1,4}|\t)(?=\S)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<![^>]*>|<\?.*?\?>", re.DOTALL)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a Markdown resume; ``max_pages`` is unused."""
    source = _prepare(decode_text(data, path))
    tokens = _parser().parse(source)
    walker = _Walker()
    walker.walk(tokens)
    return Extraction(format="markdown", lines=walker.lines, table_count=walker.tables)


def inline_to_text(source: str) -> str:
    """Render one string of inline Markdown (``**bold**``, ``[text](url)``...) as plain text."""
    tokens = _parser().parseInline(source)
    children = tokens[0].children if tokens and tokens[0].children else []
    return " ".join(segment.text for segment in _segments(children) if segment.text)


def _prepare(text: str) -> str:
    """Blank out front matter and unwrap pandoc definition lists, keeping every line in place."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for end in range(1, len(lines)):
            if _FRONT_MATTER_END.match(lines[end]):
                lines[: end + 1] = [""] * (end + 1)
                break
    # Pandoc's "Term\n:   definition" would otherwise leave a stray ':' and, worse, turn the
    # definition's indented follow-on paragraphs into code blocks: dedent the whole definition.
    fence: str | None = None
    dedent = 0
    for i, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)[0] * len(opener.group(1))
            dedent = 0
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        marker = _DEFINITION.match(line)
        if marker:
            dedent = len(line[: marker.end()].expandtabs(4))
            lines[i] = line[marker.end() :]
        elif dedent and line.strip():
            indent = len(line) - len(line.lstrip(" "))
            if indent == 0:
                dedent = 0  # a new term or block: the definition is over
            else:
                lines[i] = line[min(indent, dedent) :]
    return "\n".join(lines)


@dataclass
class _Segment:
    """Text of one source line of an inline run, and whether all of it is bold."""

    offset: int  # source lines after the inline run's first line
    text: str
    bold: bool


def _segments(children: Sequence[Token]) -> list[_Segment]:
    """Split inline tokens at line breaks into plain-text segments, one per source line."""
    out: list[_Segment] = []
    parts: list[str] = []
    offset = 0
    strong = 0
    has_bold = False
    has_plain = False

    def close() -> None:
        text = "".join(parts).strip()
        out.append(_Segment(offset, text, has_bold and not has_plain))

    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            close()
            parts, has_bold, has_plain = [], False, False
            offset += 1
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(0, strong - 1)
        elif kind in ("text", "code_inline", "image"):
            # An image stands for its alt text; markdown-it keeps that in ``content``.
            text = child.content
            parts.append(text)
            if text.strip():
                has_bold = has_bold or strong > 0
                has_plain = has_plain or strong == 0
        elif kind == "html_inline":
            # Tags vanish; a comment spanning lines still moves the following text down.
            offset += child.content.count("\n")
    close()
    return out


class _Walker:
    """Walks the block tokens, emitting SourceLines as it goes."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.tables = 0
        self._pending_bullet = False  # the next line starts a list item

    def _emit(
        self,
        text: str,
        line: int,
        *,
        heading: bool | None = None,
        level: int | None = None,
        bold: bool = False,
    ) -> None:
        text = text.strip()
        if not text:
            return
        bullet = self._pending_bullet and heading is None
        self._pending_bullet = False
        location = Location(source_line=line)
        self.lines.append(SourceLine(text, location, heading=heading, level=level, bullet=bullet, bold=bold))

    def walk(self, tokens: Sequence[Token]) -> None:
        row: list[str] = []
        row_line = 0
        for i, token in enumerate(tokens):
            kind = token.type
            first = token.map[0] + 1 if token.map else 0  # 1-based source line
            if kind == "list_item_open":
                self._pending_bullet = True
            elif kind == "list_item_close":
                self._pending_bullet = False
            elif kind == "heading_open":
                inline = tokens[i + 1]
                text = " ".join(s.text for s in _segments(inline.children or []) if s.text)
                self._emit(text, first, heading=True, level=int(token.tag[1:]))
            elif kind == "paragraph_open":
                inline = tokens[i + 1]
                for segment in _segments(inline.children or []):
                    self._emit(segment.text, first + segment.offset, bold=segment.bold)
            elif kind == "table_open":
                self.tables += 1
            elif kind == "tr_open":
                row, row_line = [], first
            elif kind == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
                row.append(" ".join(s.text for s in _segments(token.children or []) if s.text))
            elif kind == "tr_close":
                self._emit("\t".join(cell for cell in row if cell), row_line)
            elif kind in ("fence", "code_block"):
                self._code(token, first)
            elif kind == "html_block":
                self._html(token.content, first)

    def _code(self, token: Token, first: int) -> None:
        # A fence's content starts below the opening fence; an indented block's on its first line.
        start = first + 1 if token.type == "fence" else first
        numbered = enumerate(token.content.split("\n"), start=start)
        for line in text_lines(numbered):
            self._emit_line(line)

    def _emit_line(self, line: SourceLine) -> None:
        if self._pending_bullet:
            line = replace(line, bullet=line.heading is None)
            self._pending_bullet = False
        self.lines.append(line)

    def _html(self, content: str, first: int) -> None:
        # Comments go whole (they hide contacts and suppressions); tags go, their text stays.
        content = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), content)
        content = _TAG.sub(lambda m: "\n" * m.group().count("\n") or " ", content)
        for offset, raw in enumerate(content.split("\n")):
            text = re.sub(r"[ \t]+", " ", html.unescape(raw))
            self._emit(text, first + offset)

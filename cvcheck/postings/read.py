"""Bytes → Posting. Saved web pages are read here (the resume readers refuse HTML); every
other format goes through the resume readers, so the same bad-input rules apply."""

from __future__ import annotations

import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import PurePath

from cvcheck.document import SourceLine
from cvcheck.errors import CvcheckError, E
from cvcheck.postings.model import Posting, PostingLine
from cvcheck.read import MAX_PAGES, extract, load_bytes
from cvcheck.read.base import decode_text

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<div|<!--)", re.IGNORECASE)
# A bullet glyph the text reader leaves in place ("- Kubernetes", "• Python").
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣–]|\d{1,2}[.)])\s+")


def read_posting(path: str | os.PathLike[str], *, data: bytes | None = None) -> Posting:
    """Read a job posting (text, Markdown, saved HTML page, PDF, DOCX) or raise CvcheckError."""
    name = str(path)
    if data is None:
        data = load_bytes(path)
    if not data.strip():
        raise CvcheckError(E.EMPTY_POSTING, name)
    if PurePath(name).suffix.lower() in HTML_SUFFIXES or _HTML_START.match(
        data[:1024].decode("utf-8", "replace")
    ):
        fmt, lines = "html", html_lines(decode_text(data, name))
    else:
        extraction = extract(data, name, max_pages=MAX_PAGES)
        fmt, lines = extraction.format, _from_source(extraction.lines)
    if not lines:
        raise CvcheckError(E.EMPTY_POSTING, name)
    return Posting(name, fmt, tuple(lines), hashlib.sha256(data).hexdigest())


def _from_source(source: list[SourceLine]) -> list[PostingLine]:
    out: list[PostingLine] = []
    for sl in source:
        text = sl.text.replace("\t", "  ").strip()
        bullet = bool(sl.bullet)
        stripped = _BULLET.sub("", text)
        if stripped != text:
            text, bullet = stripped, True
        if text:
            out.append(
                PostingLine(
                    number=len(out) + 1,
                    text=text,
                    source_line=sl.location.source_line,
                    heading=bool(sl.heading),
                    level=sl.level,
                    bullet=bullet,
                )
            )
    return out


# Elements whose text is page furniture, not the posting: scripts, styles, menus, banners.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "head",
     "form", "button", "iframe", "select", "dialog"}
)  # fmt: skip
_BLOCKS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "section",
     "article", "main", "ul", "ol", "dt", "dd", "blockquote", "pre", "hr", "table", "body"}
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "source", "wbr"})


class _PageText(HTMLParser):
    """Visible text of a saved page as lines: one per block, headings and list items marked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[PostingLine] = []
        self._skip: list[str] = []  # open skipped elements, innermost last
        self._parts: list[str] = []
        self._start: int | None = None
        self._heading: int | None = None
        self._bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1] or (tag in _SKIPPED and tag not in _VOID):
                self._skip.append(tag)
            return
        if tag in _SKIPPED:
            self._flush()
            self._skip.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._heading = int(tag[1:])
            elif tag == "li":
                self._bullet = True

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip or not data.strip():
            if data and not self._skip and self._parts:
                self._parts.append(" ")
            return
        if self._start is None:
            self._start = self.getpos()[0]
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.lines.append(
                PostingLine(
                    number=len(self.lines) + 1,
                    text=text,
                    source_line=self._start,
                    heading=self._heading is not None,
                    level=self._heading,
                    bullet=self._bullet,
                )
            )
        self._parts, self._start = [], None
        self._heading, self._bullet = None, False


def html_lines(html: str) -> list[PostingLine]:
    """The visible lines of an HTML page, without scripts, styles, navigation or footers."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.lines

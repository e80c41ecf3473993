"""LaTeX resumes: commands stripped, words kept, each line pointing at its ``.tex`` line.

A small tokenizer builds a brace tree that keeps every token's offset; a walker then emits
one line per source line (as Markdown paragraphs do), a line per heading and per entry macro
(``\\cventry``, ``\\resumeSubheading``...) with its arguments joined by tabs, and bullets for
``\\item``. pylatexenc turns accents, symbol macros and math into Unicode. The preamble is
skipped except for the contact macros of the CV classes (moderncv, Awesome-CV, AltaCV), which
print at the top of the page.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

from cvcheck.document import Location, SourceLine
from cvcheck.read.base import Extraction, decode_text

_TOKEN = re.compile(
    r"(?P<math>\$\$.*?\$\$|\$(?:\\.|[^$\\])+\$|\\\(.*?\\\)|\\\[.*?\\\])"
    r"|(?P<cmd>\\[A-Za-z@]+\*?)|(?P<sym>\\.)|(?P<open>\{)|(?P<close>\})"
    r"|(?P<nl>[ \t]*\n[ \t\n]*)|(?P<amp>&)|(?P<lb>\[)|(?P<rb>\])"
    r"|(?P<text>[^\\{}$&\[\]\n]+)|(?P<other>.)",
    re.DOTALL,
)
_UNIT = r"(?:pt|em|ex|mm|cm|in|bp|sp|pc|dd|mu|fil+)\b"
# A TeX length as written: "-4pt", "0.5\textwidth", "2pt plus 1fil".
_DIMENSION = re.compile(
    rf"^\s*[-+]?\s*(?:(?:\d+\.?\d*|\.\d+)\s*{_UNIT}|[\d.]*\s*\\\w*(?:width|height|skip|sep)\b)"
    rf"(?:\s*(?:plus|minus)\s*[-+]?[\d.]*\s*{_UNIT})*"
)
# Text-mode ligatures (em dash, en dash, curly quotes) and the tie, in the order to replace them.
_LIGATURES = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("`", "\u2018"),
    ("~", " "),
)
_ALNUM = re.compile(r"\w")

# Headings: macros (and resume.cls's rSection environment) whose argument is a section title,
# with their level.
_HEADINGS = {
    "chapter": 1, "section": 1, "cvsection": 1, "rSection": 1,
    "subsection": 2, "cvsubsection": 2, "subsubsection": 3,
}  # fmt: skip
# Macros whose leading arguments are layout, not text: name → required arguments to drop.
_DROP_ARGS = {
    "label": 1, "vspace": 1, "includegraphics": 1, "color": 1, "pagestyle": 1, "thispagestyle": 1,
    "setlength": 2, "addtolength": 2, "setcounter": 2, "addtocounter": 2, "hypersetup": 1,
    "geometry": 1, "newgeometry": 1, "fontsize": 2, "definecolor": 3, "titlespacing": 4,
    "titleformat": 5, "newcommand": 2, "renewcommand": 2, "providecommand": 2, "newenvironment": 3,
    "renewenvironment": 3, "href": 1, "textcolor": 1, "colorbox": 1, "fcolorbox": 2, "phantom": 1,
    "hphantom": 1, "vphantom": 1, "rule": 2, "raisebox": 1, "scalebox": 1, "resizebox": 2,
    "parbox": 1, "multicolumn": 2, "multirow": 2, "cline": 1, "input": 1, "include": 1,
    "usepackage": 1, "linespread": 1, "enlargethispage": 1, "needspace": 1, "photo": 1,
    "ref": 1, "pageref": 1, "cite": 1, "documentclass": 1,
    "columnratio": 1, "setcolumnwidth": 1, "selectlanguage": 1,
}  # fmt: skip
# Environments' layout arguments after the name, in order: "[" optional, "{" required.
_ENV_ARGS = {
    "tabular": "[{", "tabular*": "{[{", "tabularx": "{{", "tabulary": "{{", "longtable": "[{",
    "array": "[{", "minipage": "[[[{", "multicols": "{[", "multicols*": "{[", "adjustwidth": "{{",
    "list": "{{", "paracol": "{", "wrapfigure": "[{[{",
}  # fmt: skip
_BREAKS = frozenset(
    {"\\", "newline", "linebreak", "par", "break", "cr", "tabularnewline", "newpage", "clearpage"}
)
_GAPS = frozenset({"hfill", "hfil", "hss", "dotfill", "hrulefill"})
_DIM_SKIPS = frozenset({"vskip", "hskip", "kern", "vspace", "hspace"})  # lengths without braces
_DEFINERS = frozenset({"def", "gdef", "edef", "xdef", "let", "newcommand", "renewcommand", "providecommand"})
_ACCENT_WORDS = frozenset({"c", "v", "u", "H", "r", "k", "d", "b", "t"})
_SYMBOLS = {
    "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "textbar": "|", "slash": "/",
    "textless": "<", "textgreater": ">", "pounds": "£", "textsterling": "£", "euro": "€",
    "S": "§", "textperiodcentered": "·", "cdotp": "·", "nobreakspace": " ", "space": " ",
    "today": "", "copyright": "©", "textcopyright": "©",
}  # fmt: skip
_CHARS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "\n": " ",
          ",": " ", ";": " ", ":": " ", ">": " ", "!": "", "/": "", "@": "", "-": ""}  # fmt: skip
# Preamble macros of the CV classes whose arguments print in the page header.
_CONTACT = frozenset(
    {
        "name", "firstname", "familyname", "author", "title", "position", "address", "phone",
        "mobile", "email", "homepage", "github", "gitlab", "linkedin", "twitter", "social",
        "extrainfo", "quote", "tagline", "personalinfo", "location", "mailaddress", "orcid",
        "stackoverflow", "medium", "googlescholar", "website",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Entry:
    """An entry macro: how many arguments, which ones name the role, which one is a body."""

    args: int
    title: int | None = None
    employer: int | None = None
    body: int | None = None  # walked as lines under the header (moderncv's description)
    bullet: bool = False  # the macro prints a list item


_ENTRIES = {
    "cventry": _Entry(6, title=1, employer=2, body=5),  # moderncv; Awesome-CV's has 5 args
    "resumeSubheading": _Entry(4, title=2, employer=0),  # sb2nov; Jake's order is told apart
    "rSubsection": _Entry(4, title=2, employer=0),  # resume.cls: employer, dates, title, place
    "cvevent": _Entry(4, title=0, employer=1),  # AltaCV
    "resumeSubSubheading": _Entry(2),
    "resumeProjectHeading": _Entry(2),
    "cvitem": _Entry(2),
    "cvitemwithcomment": _Entry(3),
    "cvdoubleitem": _Entry(4),
    "cvhonor": _Entry(4),
    "cvskill": _Entry(2),
    "cvtag": _Entry(1),
    "resumeItem": _Entry(1, bullet=True),
    "resumeSubItem": _Entry(2, bullet=True),
    "cvlistitem": _Entry(1, bullet=True),
    "cvlistdoubleitem": _Entry(2, bullet=True),
}
_AWESOME_CVENTRY = _Entry(5, title=0, employer=1, body=4)
_DATE_LIKE = re.compile(r"\b(19|20)\d\d\b|\bpresent\b|\bcurrent\b|\bnow\b", re.IGNORECASE)


@dataclass
class _Node:
    kind: str  # text, cmd, sym, group, math, nl, amp, lb, rb
    pos: int
    text: str = ""
    children: list[_Node] = field(default_factory=list)


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a LaTeX resume; ``max_pages`` is unused. Never fails on malformed LaTeX."""
    text = _strip_comments(decode_text(data, path))
    begin = re.search(r"\\begin\s*\{document\}", text)
    end = re.search(r"\\end\s*\{document\}", text)
    body_start = begin.end() if begin else 0
    body_end = end.start() if end and end.start() >= body_start else len(text)
    newlines = [m.start() for m in re.finditer("\n", text)]
    walker = _Walker(lambda pos: bisect_left(newlines, pos) + 1)
    try:
        if begin:
            walker.preamble(_tree(text, 0, begin.start()))
        walker.walk(_tree(text, body_start, body_end))
        walker.flush()
    except RecursionError:  # absurdly deep nesting: keep the words, lose the structure
        walker.lines = _regex_lines(text, body_start, body_end)
    return Extraction(format="latex", lines=walker.lines, dropped_glyphs=walker.dropped)


def _strip_comments(text: str) -> str:
    """Drop ``%`` comments (not ``\\%``), keeping every line so offsets map to source lines."""
    out = []
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            if line[i] == "\\":
                i += 2
            elif line[i] == "%":
                line = line[:i]
                break
            else:
                i += 1
        out.append(line)
    return "\n".join(out)


def _tree(text: str, start: int, end: int) -> list[_Node]:
    """Tokenize ``text[start:end]`` into a brace tree; unmatched braces are dropped."""
    tokens = [(m.lastgroup or "other", m.start(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    opens: list[int] = []
    unmatched: set[int] = set()
    for i, (kind, _, _) in enumerate(tokens):
        if kind == "open":
            opens.append(i)
        elif kind == "close":
            if opens:
                opens.pop()
            else:
                unmatched.add(i)
    unmatched.update(opens)
    root: list[_Node] = []
    stack: list[list[_Node]] = [root]
    for i, (kind, pos, raw) in enumerate(tokens):
        if i in unmatched or kind == "other":
            continue
        if kind == "open":
            group = _Node("group", pos)
            stack[-1].append(group)
            stack.append(group.children)
        elif kind == "close":
            stack.pop()
        elif kind == "nl":
            stack[-1].append(_Node("nl", pos, raw))
        elif kind == "cmd":
            stack[-1].append(_Node("cmd", pos, raw[1:]))
        elif kind == "sym":
            stack[-1].append(_Node("sym", pos, raw[1:]))
        else:
            stack[-1].append(_Node(kind, pos, raw))
    return root


def _regex_lines(text: str, start: int, end: int) -> list[SourceLine]:
    """Last resort: strip commands and braces line by line."""
    first = text.count("\n", 0, start) + 1
    out = []
    for offset, raw in enumerate(text[start:end].split("\n")):
        s = re.sub(r"\\[A-Za-z@]+\*?(\[[^\]]*\])?", " ", raw)
        s = re.sub(r"\\(.)", r"\1", s).replace("&", "\t").replace("~", " ")
        s = re.sub(r"[{}$]", "", s)
        s = _clean(s)
        if s:
            out.append(SourceLine(text=s, location=Location(source_line=first + offset)))
    return out


def _clean(text: str) -> str:
    """Collapse LaTeX's insignificant spaces; keep one tab per gap, none at the ends."""
    text = re.sub(r"[ \u00a0]*\t[\t \u00a0]*", "\t", re.sub(r" {2,}", " ", text))
    return text.strip(" \t")


def _plain(run: str) -> str:
    """LaTeX text-mode ligatures and ties in a run of ordinary characters."""
    for latex, char in _LIGATURES:
        run = run.replace(latex, char)
    return run


@lru_cache(maxsize=1)
def _latex2text() -> LatexNodes2Text:
    # pylatexenc logs a warning for every macro it cannot render; we drop those quietly.
    logging.getLogger("pylatexenc").setLevel(logging.ERROR)
    return LatexNodes2Text()


@lru_cache(maxsize=512)
def _converted(latex: str) -> str:
    """pylatexenc's rendering of a small snippet (an accent, a symbol macro, some math)."""
    try:
        return str(_latex2text().latex_to_text(latex))
    except Exception:  # pylatexenc has many failure modes on odd input; the words matter more
        return ""


def _symbol(name: str) -> str:
    """Text of an argument-less macro: a known symbol, else nothing."""
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    out = _converted("\\" + name)
    if not out.strip():
        return " " if out else ""  # \quad, \enskip... are spaces
    # pylatexenc renders some macros as placeholders ("<cit.>", a whole \maketitle): drop those.
    if "\n" in out or len(out) > 2 or any(unicodedata.combining(ch) for ch in out):
        return ""  # a lone accent (\c without its letter) is no text either
    return out


def _source(nodes: list[_Node]) -> str:
    """Roughly the LaTeX a list of nodes was parsed from (enough to recognise a length)."""
    parts = []
    for node in nodes:
        if node.kind == "cmd":
            parts.append("\\" + node.text)
        elif node.kind == "group":
            parts.append("{" + _source(node.children) + "}")
        else:
            parts.append(node.text)
    return "".join(parts)


def _is_space(node: _Node) -> bool:
    return (node.kind == "text" and not node.text.strip()) or (
        node.kind == "nl" and node.text.count("\n") < 2
    )


class _Walker:
    """Walks the tree. In line mode it emits SourceLines; in inline mode it only gathers text."""

    def __init__(self, line_of: Callable[[int], int], *, inline: bool = False) -> None:
        self.line_of = line_of  # offset → 1-based source line
        self.inline_mode = inline
        self.lines: list[SourceLine] = []
        self.dropped = 0
        self._buf: list[str] = []
        self._buf_pos: int | None = None
        self._bullet = False

    # Output -------------------------------------------------------------------------------

    def text(self, s: str, pos: int) -> None:
        if s:
            if self._buf_pos is None and s.strip():
                self._buf_pos = pos
            self._buf.append(s)

    def flush(self) -> None:
        """End the current line (line mode)."""
        if self.inline_mode:
            self._buf.append(" ")
            return
        text = _clean("".join(self._buf))
        if text and self._buf_pos is not None:
            self.emit(text, self._buf_pos, bullet=self._bullet)
            self._bullet = False
        self._buf, self._buf_pos = [], None

    def emit(
        self,
        text: str,
        pos: int,
        *,
        heading: bool | None = None,
        level: int | None = None,
        bullet: bool = False,
        section: str | None = None,
        role: tuple[str, str] | None = None,
    ) -> None:
        text = _clean(text)
        if text:
            location = Location(source_line=self.line_of(pos))
            self.lines.append(
                SourceLine(
                    text, location, heading=heading, level=level, section=section, bullet=bullet, role=role
                )
            )

    def result(self) -> str:
        return _clean("".join(self._buf).replace("\t", " "))

    def inline(self, nodes: list[_Node]) -> str:
        sub = _Walker(self.line_of, inline=True)
        sub.walk(nodes)
        self.dropped += sub.dropped
        return sub.result()

    # Arguments ----------------------------------------------------------------------------

    @staticmethod
    def _skip(nodes: list[_Node], i: int) -> int:
        while i < len(nodes) and _is_space(nodes[i]):
            i += 1
        return i

    def _opt(self, nodes: list[_Node], i: int) -> tuple[list[_Node] | None, int]:
        j = self._skip(nodes, i)
        if j >= len(nodes) or nodes[j].kind != "lb":
            return None, i
        depth, k = 0, j
        while k < len(nodes):
            depth += {"lb": 1, "rb": -1}.get(nodes[k].kind, 0)
            if depth == 0:
                return nodes[j + 1 : k], k + 1
            k += 1
        return None, i  # no closing bracket: it was just text

    def _opts(self, nodes: list[_Node], i: int) -> int:
        """Skip any optional arguments."""
        while True:
            opt, i = self._opt(nodes, i)
            if opt is None:
                return i

    def _req(self, nodes: list[_Node], i: int) -> tuple[_Node | None, int]:
        j = self._skip(nodes, i)
        if j < len(nodes) and nodes[j].kind == "group":
            return nodes[j], j + 1
        return None, i

    def _args(self, nodes: list[_Node], i: int, most: int) -> tuple[list[_Node], int]:
        """Up to ``most`` brace groups in a row; one holding a blank line ends them (TeX would stop)."""
        args: list[_Node] = []
        while len(args) < most:
            arg, j = self._req(nodes, i)
            if arg is None or any(c.kind == "nl" and c.text.count("\n") > 1 for c in arg.children):
                break
            args.append(arg)
            i = j
        return args, i

    # Walking ------------------------------------------------------------------------------

    def walk(self, nodes: list[_Node]) -> None:
        nodes = list(nodes)  # consuming part of a text run replaces it here, not in the tree
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            kind = node.kind
            if kind == "text":
                self.text(_plain(node.text), node.pos)
            elif kind == "nl":
                self.flush()
            elif kind == "group":
                self.walk(node.children)
            elif kind == "math":
                inner = _converted(node.text).replace("^", "").replace("_", "")
                self.text(inner.replace("\n", " "), node.pos)
            elif kind == "amp":
                self.text("\t", node.pos)
            elif kind in ("lb", "rb"):
                self.text(node.text, node.pos)
            elif kind == "sym":
                i = self._symbol(node, nodes, i)
            elif kind == "cmd":
                i = self._command(node, nodes, i)

    def _symbol(self, node: _Node, nodes: list[_Node], i: int) -> int:
        if node.text == "\\":  # \\ line break, with optional * and [length]
            if i < len(nodes) and nodes[i].kind == "text" and nodes[i].text.startswith("*"):
                nodes[i] = _Node("text", nodes[i].pos + 1, nodes[i].text[1:])
            _, i = self._opt(nodes, i)
            self.flush()
        elif node.text in _CHARS:
            self.text(_CHARS[node.text], node.pos)
        else:  # an accent such as \' or \" on the next character or group
            return self._accent(node.text, node, nodes, i)
        return i

    def _accent(self, accent: str, node: _Node, nodes: list[_Node], i: int) -> int:
        base = ""
        if i < len(nodes) and nodes[i].kind == "group":
            base, i = self.inline(nodes[i].children), i + 1
        elif i < len(nodes) and nodes[i].kind == "text":
            run = nodes[i].text.lstrip(" ") if accent.isalpha() else nodes[i].text
            if run:
                base = run[0]
                nodes[i] = _Node("text", nodes[i].pos + 1, run[1:])
        elif i < len(nodes) and nodes[i].kind == "cmd":  # \'\i
            base, i = _symbol(nodes[i].text), i + 1
        if base:
            self.text(_converted(f"\\{accent}{{{base}}}") or base, node.pos)
        return i

    def _command(self, node: _Node, nodes: list[_Node], i: int) -> int:
        name = node.text
        bare = name.rstrip("*")
        if name in _BREAKS:
            self.flush()
        elif name in _GAPS:
            self.text("\t", node.pos)
        elif bare in _HEADINGS:
            _, i = self._opt(nodes, i)
            args, i = self._args(nodes, i, 1)
            if args:
                self._heading(args[0], _HEADINGS[bare])
        elif name == "item":
            label, i = self._opt(nodes, i)
            self.flush()
            self._bullet = not self.inline_mode
            words = self.inline(label) if label else ""
            if _ALNUM.search(words):  # \item[Languages] names the item; \item[--] is a glyph
                self.text(words + " ", node.pos)
        elif name in _ENTRIES:
            return self._entry(name, node, nodes, i)
        elif name in ("begin", "end"):
            return self._environment(name, nodes, i)
        elif bare == "hspace":
            arg, i = self._req(nodes, i)
            filled = arg is not None and any(
                c.kind == "cmd" and c.text.startswith("fill") for c in arg.children
            )
            self.text("\t" if filled else " ", node.pos)
        elif bare in _DIM_SKIPS and not self._req(nodes, i)[0]:
            if i < len(nodes) and nodes[i].kind == "text":  # \vskip 2pt: the length is not text
                run = nodes[i]
                nodes[i] = _Node("text", run.pos, _DIMENSION.sub("", run.text, count=1))
        elif name == "iffalse":  # a block commented out with \iffalse ... \fi
            while i < len(nodes) and not (nodes[i].kind == "cmd" and nodes[i].text == "fi"):
                i += 1
            return i + 1
        elif bare.startswith("fa") and (bare[2:3].isupper() or bare == "faicon"):  # Font Awesome
            self.dropped += 1
            if bare in ("faIcon", "faicon"):  # \faIcon{github}: the argument names the icon
                i = self._opts(nodes, i)
                _, i = self._args(nodes, i, 1)
        elif bare in _DROP_ARGS:
            for _ in range(_DROP_ARGS[bare]):  # optional arguments may come between them
                i = self._opts(nodes, i)
                _, i = self._args(nodes, i, 1)
        elif bare in _ACCENT_WORDS and i < len(nodes) and nodes[i].kind in ("group", "text"):
            return self._accent(bare, node, nodes, i)
        else:
            self.text(_symbol(name), node.pos)
            # Unknown macro: its brace arguments are text, unless they are lengths (custom
            # spacing macros such as \resumeSpace{-4pt}).
            arg, j = self._req(nodes, i)
            if arg is not None and _DIMENSION.match(_source(arg.children)):
                i = j
        return i

    def _heading(self, arg: _Node, level: int) -> None:
        title = self.inline(arg.children)
        if self.inline_mode:
            self.text(title + " ", arg.pos)
        else:
            self.flush()
            self.emit(title, arg.pos + 1, heading=True, level=level)

    def _environment(self, name: str, nodes: list[_Node], i: int) -> int:
        env_arg, i = self._req(nodes, i)
        env = self.inline(env_arg.children) if env_arg else ""
        self.flush()
        if name == "end" or not env:
            return i
        if env == "comment":
            while i < len(nodes):
                end_arg = (
                    self._req(nodes, i + 1)[0] if nodes[i].kind == "cmd" and nodes[i].text == "end" else None
                )
                i += 1
                if end_arg is not None and self.inline(end_arg.children) == "comment":
                    return self._req(nodes, i)[1]
            return i
        if env in _HEADINGS:
            args, i = self._args(nodes, i, 1)
            if args:
                self._heading(args[0], _HEADINGS[env])
            return i
        if env in _ENTRIES:
            return self._entry(env, _Node("cmd", env_arg.pos if env_arg else 0, env), nodes, i)
        for kind in _ENV_ARGS.get(env, "["):  # unknown environments: drop an [option]
            if kind == "[":
                _, i = self._opt(nodes, i)
            else:
                _, i = self._args(nodes, i, 1)
        return i

    def _entry(self, name: str, node: _Node, nodes: list[_Node], i: int) -> int:
        spec = _ENTRIES[name]
        _, i = self._opt(nodes, i)  # moderncv's [spacing]
        args, i = self._args(nodes, i, spec.args)
        if name == "cventry" and len(args) == 5:
            spec = _AWESOME_CVENTRY
        if name == "resumeSubItem" or (name == "resumeItem" and args):
            more, i = self._args(nodes, i, 2 - len(args))  # sb2nov's two-argument \resumeItem
            args += more
        texts = [self.inline(a.children) if k != spec.body else "" for k, a in enumerate(args)]
        header = [t for k, t in enumerate(texts) if k != spec.body and t]
        if self.inline_mode:
            self.text(" ".join(header) + " ", node.pos)
            return i
        self.flush()
        if not header and spec.body is None:
            return i
        first = next((a.pos + 1 for k, a in enumerate(args) if k != spec.body and texts[k]), node.pos)
        if spec.bullet:
            self.emit(": ".join(header), first, bullet=True)
        else:
            self.emit("\t".join(header), first, role=self._role(name, spec, texts))
        if spec.body is not None and spec.body < len(args):
            self.walk(args[spec.body].children)
            self.flush()
        return i

    @staticmethod
    def _role(name: str, spec: _Entry, texts: list[str]) -> tuple[str, str] | None:
        if spec.title is None or spec.employer is None or len(texts) < spec.args:
            return None
        title, employer = texts[spec.title], texts[spec.employer]
        if name == "resumeSubheading" and _DATE_LIKE.search(texts[1]) and not _DATE_LIKE.search(texts[3]):
            title, employer = texts[0], texts[2]  # Jake's template: title, dates, employer, place
        return (title, employer) if title and employer else None

    def preamble(self, nodes: list[_Node]) -> None:
        """Contact macros at the top level of the preamble, one line each."""
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if node.kind == "cmd" and node.text in _DEFINERS:
                i += 1  # \def\name{...} defines, it does not print
            if node.kind != "cmd" or node.text not in _CONTACT:
                continue
            i = self._opts(nodes, i)  # \phone[mobile]{...}, \social[linkedin]{...}
            args, i = self._args(nodes, i, 4)
            if len(args) == 1 and any(c.kind == "cmd" and c.text in _CONTACT for c in args[0].children):
                self.preamble(args[0].children)  # AltaCV's \personalinfo{\email{..}\phone{..}}
                continue
            sep = " " if node.text == "name" else ", "
            texts = [t for t in (self.inline(a.children) for a in args) if t]
            if texts:
                self.emit(sep.join(texts), args[0].pos + 1, section="contact")

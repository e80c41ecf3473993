"""RenderCV YAML (a ``cv:`` mapping) and any other YAML resume, via PyYAML's node tree.

``yaml.compose`` keeps every node's start mark, so each line points at its YAML source line
without constructing (and so without running) anything. RenderCV files get entry-aware lines;
other YAML (pandoc metadata blocks...) is walked generically and reported as format "yaml".
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cvcheck.document import Location, SourceLine
from cvcheck.errors import CvcheckError, E
from cvcheck.read.base import Extraction, decode_text
from cvcheck.read.markdown import inline_to_text

_EN_DASH = "\u2013"  # an en dash between start and end dates, as resumes print them
_CONTACT_KEYS = ("name", "headline", "location", "email", "phone", "website")
_SKIPPED_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool")
# Pandoc template variables that set the layout, not resume text.
_LAYOUT_KEYS = frozenset(
    {
        "mainfont", "sansfont", "monofont", "mathfont", "fontfamily", "fontsize", "geometry",
        "margin", "papersize", "documentclass", "classoption", "lang", "linestretch",
        "header-includes", "include-before", "include-after", "colorlinks", "linkcolor",
        "urlcolor", "pagestyle", "output", "template", "theme", "design", "locale",
        "rendercv_settings", "settings",
    }
)  # fmt: skip


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read RenderCV or generic YAML; invalid YAML raises E010 with the line of the problem."""
    text = decode_text(data, path)
    try:
        documents = [doc for doc in yaml.compose_all(text, Loader=yaml.SafeLoader) if doc is not None]
        out = _Out(text)
        for doc in documents:
            cv = _fields(doc).get("cv")
            if isinstance(cv, MappingNode):
                out.cv(cv)
                return Extraction(format="rendercv", lines=out.lines)
        for doc in documents:
            out.generic(doc)
    except yaml.YAMLError as exc:
        raise CvcheckError(E.BAD_STRUCTURED, path, kind="YAML", detail=_yaml_problem(exc, text)) from None
    except RecursionError:  # PyYAML composes recursively; so do we
        raise CvcheckError(E.BAD_STRUCTURED, path, kind="YAML", detail="line 1: nested too deeply") from None
    return Extraction(format="yaml", lines=out.lines)


def _yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        return f"line {mark.line + 1 if mark else 1}: {problem}"
    if isinstance(exc, yaml.reader.ReaderError):
        return f"line {text.count(chr(10), 0, max(exc.position, 0)) + 1}: {exc.reason}"
    return f"line 1: {exc}"


def _fields(node: Node) -> dict[str, Node]:
    """A mapping node's values by key (scalar keys only); {} for anything else."""
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}


def _present(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and node.tag not in _SKIPPED_TAGS and bool(str(node.value).strip())


_Text = tuple[str, int]  # a line's plain text and its 1-based source line


def _combine(parts: list[_Text | None], sep: str = "\t") -> _Text | None:
    """Join the present parts into one line placed at the first part's line."""
    present = [p for p in parts if p is not None]
    return (sep.join(text for text, _ in present), present[0][1]) if present else None


def _key_title(key: str) -> str:
    """A mapping key as a heading: ``other-skills`` → ``Other Skills``."""
    return " ".join(w[:1].upper() + w[1:] for w in key.replace("_", " ").replace("-", " ").split())


def _section_title(key: str) -> str:
    """RenderCV prints snake_case keys as Title Case and leaves written titles alone."""
    if key.islower() and " " not in key:
        return _key_title(key)
    return key


class _Out:
    """Walks the node tree and collects the lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[SourceLine] = []
        self._seen: set[int] = set()  # collections walked; an alias repeats none (nor bombs)

    def add(
        self,
        text: str,
        line: int,
        *,
        heading: bool | None = None,
        bullet: bool = False,
        section: str | None = None,
        role: tuple[str, str] | None = None,
    ) -> None:
        text = text.strip()
        if text:
            location = Location(source_line=line)
            self.lines.append(
                SourceLine(text, location, heading=heading, section=section, bullet=bullet, role=role)
            )

    def pieces(self, node: ScalarNode) -> Iterator[tuple[int, str]]:
        """``(source line, plain text)`` for each source line of a scalar."""
        start = node.start_mark.line + 1
        if node.style is None and node.end_mark.line > node.start_mark.line:
            # A plain scalar folded over several lines: the source lines are the visual lines.
            raw = self.text[node.start_mark.index : node.end_mark.index]
            numbered: Iterator[tuple[int, str]] | list[tuple[int, str]] = enumerate(raw.split("\n"), start)
        elif node.style == "|":
            numbered = enumerate(str(node.value).split("\n"), start + 1)
        else:
            numbered = [(start, part) for part in str(node.value).split("\n")]
        for line, part in numbered:
            if part.strip():
                yield line, inline_to_text(part.strip())

    def scalar(self, node: Node | None, *, bullet: bool = False, section: str | None = None) -> None:
        """Emit a scalar's lines; in a bullet, a folded ``- x`` line is a nested bullet."""
        if not _present(node):
            return
        assert isinstance(node, ScalarNode)
        for i, (line, text) in enumerate(self.pieces(node)):
            nested = bullet and i > 0 and text.startswith(("- ", "* "))
            self.add(
                text[2:] if nested else text, line, bullet=(bullet and i == 0) or nested, section=section
            )

    def one(self, node: Node | None) -> _Text | None:
        """A scalar as one line of plain text with its first source line."""
        if not _present(node):
            return None
        assert isinstance(node, ScalarNode)
        text = " ".join(text for _, text in self.pieces(node))
        return (text, node.start_mark.line + 1) if text else None

    def joined(self, nodes: list[Node | None], sep: str = "\t") -> _Text | None:
        return _combine([self.one(n) for n in nodes], sep)

    # RenderCV -----------------------------------------------------------------------------

    def cv(self, cv: MappingNode) -> None:
        for key, value in cv.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name in _CONTACT_KEYS:
                self.scalar(value, section="contact")
            elif name == "social_networks":
                for item in value.value if isinstance(value, SequenceNode) else []:
                    f = _fields(item)
                    self._line(
                        self.joined([f.get("network"), f.get("username")], sep=": "), section="contact"
                    )
            elif name == "custom_connections":
                for item in value.value if isinstance(value, SequenceNode) else []:
                    f = _fields(item)
                    self._line(self.joined([f.get("placeholder") or f.get("url")]), section="contact")
            elif name == "sections":
                for title, entries in value.value if isinstance(value, MappingNode) else []:
                    if isinstance(title, ScalarNode):
                        self.add(_section_title(str(title.value)), title.start_mark.line + 1, heading=True)
                    for entry in entries.value if isinstance(entries, SequenceNode) else [entries]:
                        self.entry(entry)

    def _line(self, joined: _Text | None, **flags: object) -> None:
        if joined is not None:
            self.add(joined[0], joined[1], **flags)  # type: ignore[arg-type]

    def _dates(self, f: dict[str, Node]) -> Node | None:
        if _present(f.get("date")):
            return f["date"]
        start, end = f.get("start_date"), f.get("end_date")
        if not _present(start):
            return end
        assert isinstance(start, ScalarNode)
        # RenderCV's own default for a missing end date is "present".
        end_text = end.value if isinstance(end, ScalarNode) and _present(end) else "present"
        text = f"{start.value} {_EN_DASH} {end_text}"
        return ScalarNode("tag:yaml.org,2002:str", text, start.start_mark, start.start_mark)

    def entry(self, entry: Node) -> None:
        """One RenderCV entry, told apart by its keys as RenderCV itself does."""
        if isinstance(entry, ScalarNode):  # TextEntry
            self.scalar(entry)
            return
        f = _fields(entry)
        if not f:
            self.generic(entry)
            return
        if "company" in f or "position" in f:  # ExperienceEntry
            title, employer = self.one(f.get("position")), self.one(f.get("company"))
            role = (title[0], employer[0]) if title and employer else None
            self._line(_combine([title, employer, self.one(self._dates(f))]), role=role)
        elif "institution" in f:  # EducationEntry
            degree = self.joined([f.get("degree"), f.get("area")], sep=", ")
            self._line(_combine([degree, self.one(f.get("institution")), self.one(self._dates(f))]))
        elif "label" in f:  # OneLineEntry
            self._line(self.joined([f.get("label"), f.get("details")], sep=": "))
        elif "bullet" in f:  # BulletEntry
            self.scalar(f["bullet"], bullet=True)
        elif "number" in f or "reversed_number" in f:  # (Reversed)NumberedEntry: list items too
            self.scalar(f.get("number") or f.get("reversed_number"), bullet=True)
        elif "title" in f and ({"authors", "journal", "doi"} & set(f)):  # PublicationEntry
            self._line(self.joined([f.get("title"), self._dates(f)]))
            authors = f.get("authors")
            if isinstance(authors, SequenceNode):
                self._line(self.joined(list(authors.value), sep=", "))
            self.scalar(f.get("journal"))
            self.scalar(f.get("doi"))
        elif "name" in f:  # NormalEntry
            self._line(self.joined([f.get("name"), self._dates(f)]))
        else:
            self.generic(entry)
            return
        self.scalar(f.get("summary"))
        highlights = f.get("highlights")
        for item in highlights.value if isinstance(highlights, SequenceNode) else []:
            self.scalar(item, bullet=True)

    # Any other YAML -----------------------------------------------------------------------

    def generic(self, node: Node) -> None:
        """Mapping keys over collections become headings, scalars text, scalar list items bullets."""
        if id(node) in self._seen:
            return
        self._seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, ScalarNode) else ""
                if name.lower() in _LAYOUT_KEYS:
                    continue
                if isinstance(value, (MappingNode, SequenceNode)) and value.value:
                    self.add(_key_title(name), key.start_mark.line + 1, heading=True)
                self.generic(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                if isinstance(item, ScalarNode):
                    self.scalar(item, bullet=True)
                else:
                    self.generic(item)
        else:
            self.scalar(node)

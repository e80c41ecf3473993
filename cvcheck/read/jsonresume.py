"""JSON Resume (jsonresume.org schema) → lines, each pointing at the JSON line of its value.

``json`` gives no positions, so after ``json.loads`` has vouched for the syntax a small
recursive parser reads the text again and tags every string and number with its line.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable

from cvcheck.document import Location, SourceLine
from cvcheck.errors import CvcheckError, E
from cvcheck.read.base import Extraction, decode_text

_WS = re.compile(r"[ \t\n\r]*")
_EN_DASH = "\u2013"  # an en dash between start and end dates, as resumes print them
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class _Str(str):
    """A string or number from the JSON text, as written, with the line it starts on."""

    line: int


class _Obj(dict[str, object]):
    """A JSON object that also knows the line of each key."""

    key_lines: dict[str, int]


class _Parser:
    """Recursive-descent JSON parser for text ``json.loads`` already accepted."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect_left(self.newlines, pos) + 1

    def value(self, pos: int) -> tuple[object, int]:
        text = self.text
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]  # the pattern matches ""
        ch = text[pos]
        if ch == '"':
            raw, end = self._string(pos)
            return self._str(raw, pos), end
        if ch == "{":
            obj = _Obj()
            obj.key_lines = {}
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            if text[pos] == "}":
                return obj, pos + 1
            while True:
                key_pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                key, pos = self._string(key_pos)
                pos = _WS.match(text, pos).end() + 1  # type: ignore[union-attr]  # past ':'
                obj[key], pos = self.value(pos)
                obj.key_lines[key] = self.line(key_pos)
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                if text[pos] == "}":
                    return obj, pos + 1
                pos += 1  # past ','
        if ch == "[":
            items: list[object] = []
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            if text[pos] == "]":
                return items, pos + 1
            while True:
                item, pos = self.value(pos)
                items.append(item)
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                if text[pos] == "]":
                    return items, pos + 1
                pos += 1
        number = _NUMBER.match(text, pos)
        if number:
            return self._str(number.group(), pos), number.end()
        for literal, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(literal, pos):
                return value, pos + len(literal)
        raise ValueError(f"unexpected {ch!r} at {pos}")  # unreachable after json.loads

    def _string(self, pos: int) -> tuple[str, int]:
        """The string literal starting at ``pos``, decoded, and the offset past it."""
        match = _STRING.match(self.text, pos)
        assert match is not None  # json.loads accepted the text
        return str(json.loads(match.group())), match.end()

    def _str(self, raw: str, pos: int) -> _Str:
        s = _Str(raw)
        s.line = self.line(pos)
        return s


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a JSON Resume file; invalid JSON raises E010 with the line and column."""
    text = decode_text(data, path)
    try:
        json.loads(text)
        root, _ = _Parser(text).value(0)
    except json.JSONDecodeError as exc:
        detail = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise CvcheckError(E.BAD_STRUCTURED, path, kind="JSON", detail=detail) from None
    except RecursionError:
        raise CvcheckError(E.BAD_STRUCTURED, path, kind="JSON", detail="line 1: nested too deeply") from None
    out = _Out()
    if isinstance(root, _Obj):
        basics = root.get("basics")
        if isinstance(basics, _Obj):
            _basics(out, basics)
        for key, value in root.items():
            if key in _SECTIONS:
                heading, section, render = _SECTIONS[key]
                entries = [e for e in value if e] if isinstance(value, list) else []
                if entries:
                    out.add(_at(heading, root.key_lines[key]), section, heading=True)
                    for entry in entries:
                        _entry(out, entry, section, render)
    return Extraction(format="jsonresume", lines=out.lines)


class _Out:
    """Collects the lines; ``add`` skips absent values and splits multi-line strings."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []

    def add(
        self,
        value: _Str | None,
        section: str,
        *,
        heading: bool | None = None,
        bullet: bool = False,
        role: tuple[str, str] | None = None,
    ) -> None:
        if value is None:
            return
        pieces = [p.strip() for p in value.split("\n") if p.strip()]
        for i, piece in enumerate(pieces):
            self.lines.append(
                SourceLine(
                    text=piece,
                    location=Location(source_line=value.line),
                    heading=heading,
                    section=section,
                    bullet=bullet and i == 0,  # later pieces continue the same item
                    role=role if i == 0 else None,
                )
            )


def _at(text: str, line: int) -> _Str:
    s = _Str(text)
    s.line = line
    return s


def _s(obj: _Obj, *names: str) -> _Str | None:
    """The first of ``names`` holding a non-empty string or number."""
    for name in names:
        value = obj.get(name)
        if isinstance(value, _Str) and value.strip():
            return value
    return None


def _strings(value: object) -> list[_Str]:
    if isinstance(value, _Str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, _Str) and v.strip()]
    return []


def _join(*values: _Str | None, sep: str = "\t") -> _Str | None:
    """Join the present values into one line placed at the first present value's line."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return _at(sep.join(v.strip() for v in present), present[0].line)


def _dates(obj: _Obj, start: str = "startDate", end: str = "endDate") -> _Str | None:
    first, last = _s(obj, start), _s(obj, end)
    if first is None:
        return last
    return _join(first, last or _at("Present", first.line), sep=f" {_EN_DASH} ")


def _basics(out: _Out, basics: _Obj) -> None:
    for key in ("name", "label", "email", "phone"):
        out.add(_s(basics, key), "contact")
    out.add(_s(basics, "url", "website"), "contact")
    location = basics.get("location")
    if isinstance(location, _Obj):
        fields = ("address", "postalCode", "city", "region", "countryCode")
        out.add(_join(*(_s(location, f) for f in fields), sep=", "), "contact")
    profiles = basics.get("profiles")
    for profile in profiles if isinstance(profiles, list) else []:
        if isinstance(profile, _Obj):
            out.add(_join(_s(profile, "network"), _s(profile, "url", "username"), sep=": "), "contact")
    summary = _s(basics, "summary")
    if summary is not None:
        out.add(_at("Summary", basics.key_lines["summary"]), "summary", heading=True)
        out.add(summary, "summary")


def _body(out: _Out, e: _Obj, section: str, *text_keys: str, bullets: str = "highlights") -> None:
    for key in text_keys:
        for value in _strings(e.get(key)):
            out.add(value, section)
    for value in _strings(e.get(bullets)):
        out.add(value, section, bullet=True)


def _work(out: _Out, e: _Obj, section: str) -> None:
    title, employer = _s(e, "position"), _s(e, "name", "company")
    role = (title.strip(), employer.strip()) if title is not None and employer is not None else None
    out.add(_join(title, employer, _dates(e)), section, role=role)
    _body(out, e, section, "summary")


def _volunteer(out: _Out, e: _Obj, section: str) -> None:
    # No ``role`` here: the brief reserves roles for paid work, which years of experience count.
    out.add(_join(_s(e, "position"), _s(e, "organization"), _dates(e)), section)
    _body(out, e, section, "summary")


def _education(out: _Out, e: _Obj, section: str) -> None:
    degree = _join(_s(e, "studyType"), _s(e, "area"), sep=", ")
    out.add(_join(degree, _s(e, "institution"), _dates(e)), section)
    score = _s(e, "score", "gpa")
    if score is not None:
        out.add(_at(f"Score: {score.strip()}", score.line), section)
    _body(out, e, section, bullets="courses")


def _project(out: _Out, e: _Obj, section: str) -> None:
    out.add(_join(_s(e, "name"), _dates(e)), section)
    _body(out, e, section, "description")
    out.add(_join(*_strings(e.get("keywords")), sep=", "), section)


_Render = Callable[[_Out, _Obj, str], None]


def _headed(*header: str, date: str | None = None, body: tuple[str, ...] = ("summary",)) -> _Render:
    """An entry whose header joins ``header`` fields and a date, followed by ``body`` texts."""

    def render(out: _Out, e: _Obj, section: str) -> None:
        out.add(_join(*(_s(e, k) for k in header), _s(e, date) if date else None), section)
        _body(out, e, section, *body)

    return render


def _labelled(name_key: str, value_key: str) -> _Render:
    """``name: value`` lines: skills (name: keywords), languages (language: fluency)..."""

    def render(out: _Out, e: _Obj, section: str) -> None:
        values = _join(*_strings(e.get(value_key)), sep=", ")
        out.add(_join(_s(e, name_key), values, sep=": "), section)

    return render


def _entry(out: _Out, entry: object, section: str, render: _Render) -> None:
    if isinstance(entry, _Obj):
        render(out, entry, section)
    elif isinstance(entry, _Str):  # not the schema, but say what the file says
        out.add(entry, section)


# top-level key → (heading as a resume would print it, canonical section, renderer)
_SECTIONS: dict[str, tuple[str, str, _Render]] = {
    "work": ("Experience", "experience", _work),
    "volunteer": ("Volunteer Experience", "other", _volunteer),
    "education": ("Education", "education", _education),
    "awards": ("Awards", "other", _headed("title", "awarder", date="date")),
    "certificates": ("Certifications", "certifications", _headed("name", "issuer", date="date")),
    "publications": ("Publications", "publications", _headed("name", "publisher", date="releaseDate")),
    "skills": ("Skills", "skills", _labelled("name", "keywords")),
    "languages": ("Languages", "other", _labelled("language", "fluency")),
    "interests": ("Interests", "other", _labelled("name", "keywords")),
    "references": ("References", "other", _headed("name", body=("reference",))),
    "projects": ("Projects", "projects", _project),
}

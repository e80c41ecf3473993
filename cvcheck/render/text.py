"""Plain-text and JSON views of a Document for `cvcheck text`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cvcheck import __version__
from cvcheck.document import Document, Finding
from cvcheck.structure.text import display

_MARK = {"heading": "# ", "bullet": "• ", "text": "  "}


def document_lines(doc: Document) -> list[str]:
    """One row per line: number, section, a kind marker (# heading, • bullet), the text."""
    width = max(len(s) for s in ("experience", *(ln.section for ln in doc.lines)))
    digits = len(str(len(doc.lines))) if doc.lines else 1
    return [
        f"{ln.number:>{digits}}  {ln.section:<{width}}  {_MARK[ln.kind]}{display(ln.text)}"
        for ln in doc.lines
    ]


def finding_lines(doc: Document, findings: list[Finding]) -> list[str]:
    """Findings as `path:line:col: CODE message` (whole-file findings at 1:1)."""
    return [f"{doc.path}:{f.line or 1}:1: {f.code} {f.message}" for f in findings]


def document_json(doc: Document, findings: list[Finding]) -> dict[str, Any]:
    """The document model as plain JSON data."""
    return {
        "tool": {"name": "cvcheck", "version": __version__},
        "source": source_json(doc),
        "language": doc.language,
        "years_experience": doc.years_experience,
        "latest_title": doc.latest_title,
        "sections": sections_json(doc),
        "roles": roles_json(doc),
        "lines": [
            {
                "number": ln.number,
                "text": display(ln.text),
                "section": ln.section,
                "kind": ln.kind,
                "location": _location(ln.location),
            }
            for ln in doc.lines
        ],
        "facts": asdict(doc.facts),
        "findings": [asdict(f) for f in findings],
    }


def source_json(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "pages": doc.pages,
        "pages_read": doc.pages_read,
        "language": doc.language,
    }


def sections_json(doc: Document) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "heading": s.heading, "start_line": s.start_line, "end_line": s.end_line}
        for s in doc.sections
    ]


def roles_json(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "title": r.title,
            "employer": r.employer,
            "line": r.line,
            "start": r.dates.start.isoformat() if r.dates else None,
            "end": r.dates.end.isoformat() if r.dates and r.dates.end else None,
            "dates": r.dates.text if r.dates else None,
        }
        for r in doc.roles
    ]


def _location(loc: Any) -> dict[str, Any]:
    out = {k: v for k, v in asdict(loc).items() if v is not None}
    if out.get("region") == "body":
        del out["region"]
    return out

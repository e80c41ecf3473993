"""One file's work in a batch: read, analyse, write the candidate's report, return a row."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cvcheck.errors import CvcheckError


@dataclass(frozen=True)
class Job:
    """What a worker needs for one file (plain data: it crosses a process boundary)."""

    path: str  # absolute
    relpath: str  # relative to the batch folder, as rows and reports name it
    sha256: str
    candidate: str  # opaque id: the start of the content hash
    report_dir: str
    lexicons: str | None
    segment: str | None
    blind: bool
    max_pages: int
    reports: bool


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and a rename: never half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def analyse_file(job: Job) -> dict[str, Any]:
    """The row for one resume; input problems become an error row, not an exception."""
    from cvcheck.analyze.engine import analyze
    from cvcheck.lexicon import load_lexicon
    from cvcheck.read import read_document

    try:
        doc = read_document(job.path, max_pages=job.max_pages)
    except CvcheckError as exc:
        message = exc.error.template.format(**exc.fields)
        return {"status": "error", "error": f"{exc.code}: {message}"}
    analysis = analyze(doc, load_lexicon(job.lexicons), job.segment)
    report = ""
    if job.reports:
        from cvcheck.batch.redact import redact_analysis
        from cvcheck.render.html import render_html

        shown = redact_analysis(analysis) if job.blind else analysis
        report = f"reports/{job.candidate}.html"
        write_atomically(Path(job.report_dir) / f"{job.candidate}.html", render_html(shown))
    dims = {d.id: d.score for d in analysis.dimensions}
    best = analysis.segments[0] if analysis.segments else None
    return {
        "status": "ok" if analysis.applicable else "not_applicable",
        "overall": analysis.overall,
        "titles": dims.get("titles"),
        "lifecycle": dims.get("lifecycle"),
        "outcomes": dims.get("outcomes"),
        "clarity": dims.get("clarity"),
        "top_segment": best.id if best else None,
        "top_fit": best.fit if best else None,
        "flags": list(analysis.flags),
        "language": doc.language,
        "format": doc.format,
        "pages": doc.pages,
        "report": report,
        "error": None if analysis.applicable else _why_not(analysis),
    }


def _why_not(analysis: Any) -> str:
    first = next((f for f in analysis.findings if f.code in ("ATS001", "ATS011")), None)
    return f"{first.code}: {first.message}" if first else "the market analysis does not apply"

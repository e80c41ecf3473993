"""Bytes → Document. ``read_document`` is the one entry point; readers are imported lazily so
that reading a Markdown resume never loads a PDF engine."""

from __future__ import annotations

import hashlib
import importlib
import os
from datetime import date
from pathlib import Path

from cvcheck.document import Document
from cvcheck.errors import CvcheckError, E
from cvcheck.read import sniff as _sniff
from cvcheck.read.base import Extraction

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 12  # longer PDFs are read up to here, and a finding says so

# format → module with ``read(data: bytes, path: str, max_pages: int) -> Extraction``
_READERS = {
    "pdf": "cvcheck.read.pdf",
    "docx": "cvcheck.read.docx",
    "markdown": "cvcheck.read.markdown",
    "text": "cvcheck.read.text",
    "latex": "cvcheck.read.latex",
    "jsonresume": "cvcheck.read.jsonresume",
    "rendercv": "cvcheck.read.rendercv",
    "yaml": "cvcheck.read.rendercv",
}


def load_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes, turning every OS failure into a one-line :class:`CvcheckError`."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise CvcheckError(E.IS_DIRECTORY, name)
        size = p.stat().st_size
        if size > MAX_BYTES:
            mib = 1024 * 1024
            raise CvcheckError(E.TOO_LARGE, name, size=-(-size // mib), limit=MAX_BYTES // mib)
        return p.read_bytes()
    except FileNotFoundError:
        raise CvcheckError(E.NOT_FOUND, name) from None
    except OSError as exc:
        raise CvcheckError(E.UNREADABLE, name, detail=exc.strerror or type(exc).__name__) from None


def extract(data: bytes, path: str, *, max_pages: int = MAX_PAGES) -> Extraction:
    """Sniff the format and run its reader."""
    fmt = _sniff.sniff(data, path)
    module = importlib.import_module(_READERS[fmt])
    extraction: Extraction = module.read(data, path, max_pages=max_pages)
    extraction.format = fmt if fmt != "yaml" or extraction.format == "yaml" else extraction.format
    return extraction


def read_document(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    max_pages: int = MAX_PAGES,
    today: date | None = None,
) -> Document:
    """Read a resume file into a :class:`Document`, or raise :class:`CvcheckError`.

    ``today`` resolves "Present" in date ranges; it defaults to the current date.
    """
    from cvcheck.structure import build_document

    name = str(path)
    if data is None:
        data = load_bytes(path)
    extraction = extract(data, name, max_pages=max_pages)
    return build_document(
        extraction,
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        today=today or date.today(),
    )

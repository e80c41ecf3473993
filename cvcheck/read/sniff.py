"""Tell a file's real type from its bytes; the name's suffix only breaks ties between texts."""

from __future__ import annotations

import codecs
import io
import json
import re
import zipfile
from pathlib import PurePath

from cvcheck.errors import CvcheckError, E

# Formats cvcheck reads, by the name ``sniff`` returns.
FORMATS = ("pdf", "docx", "markdown", "text", "latex", "jsonresume", "rendercv", "yaml")

# Suffixes ``cvcheck batch`` collects; sniffing still decides what each file is.
RESUME_SUFFIXES = frozenset(
    {".pdf", ".docx", ".docm", ".md", ".markdown", ".txt", ".text", ".tex", ".json", ".yaml", ".yml"}
)

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "a legacy Word .doc or other Office 97 file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)

MAX_UNPACKED = 256 * 1024 * 1024  # bytes a DOCX may unpack to

# Windows Notepad's "Unicode" text: UTF-16 behind a byte-order mark (the readers decode it).
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Suffixes that name a text format other than JSON.
_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".tex", ".yaml", ".yml"})

_LATEX_MARKERS = re.compile(
    r"\\documentclass|\\begin\{document\}|\\section\*?\{|\\cventry|\\resumeSubheading|\\item\b"
)
_MARKDOWN_MARKERS = re.compile(
    r"(?m)^(#{1,6}\s|\s*[-*+]\s|\s*\d+\.\s|={3,}\s*$|-{3,}\s*$)|\*\*[^*]+\*\*|\]\("
)
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<div|<!--)", re.IGNORECASE)


def sniff(data: bytes, path: str) -> str:
    """Return the format name for ``data``, or raise a :class:`CvcheckError` saying why not."""
    suffix = PurePath(path).suffix.lower()
    if not data.strip():
        raise CvcheckError(E.EMPTY, path)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, path)
    if data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data:
        raise CvcheckError(E.ENCRYPTED_OFFICE, path)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise _wrong_kind(path, suffix, what)
    if _HTML.match(head):
        raise _wrong_kind(path, suffix, "an HTML page")
    if _looks_binary(head):
        raise _wrong_kind(path, suffix, "binary data")
    if suffix == ".pdf":
        raise _wrong_kind(path, suffix, "plain text")
    if suffix == ".docx":
        raise _wrong_kind(path, suffix, "plain text")
    text = _text_start(data).lstrip("\ufeff")
    stripped = text.lstrip()
    # A text suffix wins over a leading bracket: "[Jane Doe](https://...)" opens many
    # Markdown resumes, and reading it as broken JSON would reject a good file.
    if suffix == ".json" or (stripped.startswith(("{", "[")) and suffix not in _TEXT_SUFFIXES):
        return "jsonresume" if _is_json_resume(data) else _not_resume_json(path)
    if suffix in (".yaml", ".yml") or re.match(r"(?m)^(---\s*\n)?cv:\s*$", stripped[:4000]):
        return "rendercv" if re.search(r"(?m)^cv:\s*$", text) else "yaml"
    if suffix == ".tex" or len(_LATEX_MARKERS.findall(text)) >= 2:
        return "latex"
    if suffix in (".md", ".markdown") or len(_MARKDOWN_MARKERS.findall(text)) >= 3:
        return "markdown"
    return "text"


def _wrong_kind(path: str, suffix: str, what: str) -> CvcheckError:
    if suffix in (".pdf", ".docx"):
        return CvcheckError(E.MISNAMED, path, actual=what, suffix=suffix)
    return CvcheckError(E.NOT_A_RESUME_FORMAT, path, detail=f"it is {what}")


def _text_start(data: bytes, size: int = 65536) -> str:
    """The first ``size`` bytes as text: UTF-16 after its byte-order mark, else UTF-8."""
    if data.startswith(_UTF16_BOMS):
        return data[: size & ~1].decode("utf-16", errors="replace")
    return data[:size].decode("utf-8", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):
        return False  # its NUL bytes are the high halves of ASCII characters
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut by the 1 KiB window
            return False
    # Not UTF-8: text in a legacy 8-bit encoding has few control bytes, random data many.
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    return controls > len(head) * 0.05


def _sniff_zip(data: bytes, path: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise CvcheckError(E.CORRUPT_DOCX, path, detail=str(exc)) from None
    names = {info.filename for info in infos}
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED:  # a "zip bomb" would otherwise be inflated in memory
        # Size rounded up, so that just over a 256 MiB limit does not read "256 MiB".
        size = -(-unpacked // (1024 * 1024))
        raise CvcheckError(E.TOO_LARGE, path, size=size, limit=MAX_UNPACKED // (1024 * 1024))
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise CvcheckError(
            E.NOT_A_RESUME_FORMAT, path, detail="it is an OpenDocument file; save it as DOCX or PDF"
        )
    if any(name.startswith(("ppt/", "xl/")) for name in names):
        raise CvcheckError(E.NOT_A_RESUME_FORMAT, path, detail="it is a PowerPoint or Excel file")
    raise CvcheckError(E.NOT_A_RESUME_FORMAT, path, detail="it is a ZIP archive; unpack it first")


def _is_json_resume(data: bytes) -> bool:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return True  # let the JSON Resume reader report the syntax error with its position
    keys = {"basics", "work", "education", "skills", "projects", "volunteer", "awards"}
    return isinstance(obj, dict) and bool(keys & set(obj))


def _not_resume_json(path: str) -> str:
    raise CvcheckError(
        E.NOT_A_RESUME_FORMAT,
        path,
        detail="JSON without the JSON Resume keys (basics, work, education...)",
    )

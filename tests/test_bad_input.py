"""Broken, odd and hostile inputs through the real CLI (`cvcheck.cli.main`): every one ends in
exit code 2 and exactly one line on stderr naming the file, the error code and what to do,
never a traceback. Also the two odd inputs that are not errors (a scanned PDF, a 300-page
PDF), and `sniff` on the bytes of each format it knows."""

from __future__ import annotations

import importlib
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, RESUME_LINES, make_pdf

import cvcheck.read
from cvcheck.cli import main
from cvcheck.errors import CvcheckError
from cvcheck.read import read_document
from cvcheck.read.sniff import sniff

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # Office 97-2003 compound file
NOISE = random.Random(2026).randbytes(4096)  # fixed seed: the same "random" file every run

# The module itself: `cvcheck.read.sniff` as an attribute is the function the package re-exports.
SNIFF_MODULE = importlib.import_module("cvcheck.read.sniff")

HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Resume</title></head><body><h1>Alex</h1></body></html>\n"
BAD_JSON = b'{\n  "basics": {\n    "name": "Alex Example",\n  }\n}\n'  # trailing comma, line 4
BAD_YAML = b"cv:\n  name: Alex Example\n  sections: [unclosed\n  phone: x\n"
LEGACY_DOC = OLE2_MAGIC + bytes(504) + b"WordDocument".ljust(512, b"\0")
# Word saves a password-protected DOCX as an Office 97 container holding an "EncryptedPackage".
LOCKED_DOCX = OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le").ljust(512, b"\0")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buf.getvalue()


def docx_with_truncated_body() -> bytes:
    """The example DOCX with word/document.xml cut in half (the rest of the package intact)."""
    with zipfile.ZipFile(EXAMPLES / "sam-rivera-devops.docx") as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    body = members["word/document.xml"]
    members["word/document.xml"] = body[: len(body) // 2]
    return zip_bytes(members)


# Bad inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A broken input: how to make it, the error code it must give and the advice it must hold."""

    id: str
    code: str
    hint: str  # part of the "what to do" half of the message
    make: Callable[[Path, pytest.MonkeyPatch], Path]


def _file(name: str, content: bytes | Callable[[], bytes]) -> Callable[[Path, pytest.MonkeyPatch], Path]:
    def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        path = tmp_path / name
        path.write_bytes(content() if callable(content) else content)
        return path

    return make


def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "resumes"
    folder.mkdir()
    return folder


def _over_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The real limit is 50 MiB; a small one exercises the same check without writing 50 MiB.
    monkeypatch.setattr(cvcheck.read, "MAX_BYTES", 1024)
    path = tmp_path / "resume.md"
    path.write_bytes((EXAMPLES / "maya-okafor-mlops.md").read_bytes())
    assert path.stat().st_size > 1024
    return path


def _unpacks_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A "zip bomb" is stopped from the archive's directory, before anything is inflated.
    monkeypatch.setattr(SNIFF_MODULE, "MAX_UNPACKED", 1024)
    path = tmp_path / "resume.docx"
    path.write_bytes((EXAMPLES / "sam-rivera-devops.docx").read_bytes())
    return path


def _pdf_cut_at_60_percent() -> bytes:
    data = (EXAMPLES / "maya-okafor-mlops.pdf").read_bytes()
    return data[: len(data) * 6 // 10]


BAD_INPUTS = [
    Bad("missing-file", "E001", "check the path", lambda tmp, mp: tmp / "nowhere" / "resume.pdf"),
    Bad("folder", "E002", "give a resume file", _folder),
    Bad("empty-file", "E004", "export the resume again", _file("resume.pdf", b"")),
    Bad("whitespace-only", "E004", "export the resume again", _file("resume.txt", b" \n\t\r\n  \n")),
    Bad("encrypted-pdf", "E005", "save a copy without a password",
        _file("resume.pdf", lambda: make_pdf([RESUME_LINES], encrypt=True))),
    Bad("truncated-pdf", "E006", "export it again", _file("resume.pdf", _pdf_cut_at_60_percent)),
    Bad("corrupt-pdf", "E006", "export it again", _file("resume.pdf", b"%PDF-1.7\n" + NOISE)),
    Bad("random-bytes-pdf", "E008", "export the resume as a real PDF", _file("resume.pdf", NOISE)),
    Bad("random-bytes-txt", "E007", "use PDF, DOCX", _file("resume.txt", NOISE)),
    Bad("html-as-pdf", "E008", "export the resume as a real PDF", _file("resume.pdf", HTML_PAGE)),
    Bad("png-as-pdf", "E008", "export the resume as a real PDF", _file("resume.pdf", png_bytes)),
    Bad("legacy-doc", "E007", "use PDF, DOCX", _file("resume.doc", LEGACY_DOC)),
    Bad("password-word", "E014", "save a copy without a password", _file("resume.docx", LOCKED_DOCX)),
    Bad("zip-not-docx", "E007", "unpack it first",
        _file("resume.docx", zip_bytes({"notes.txt": b"not a Word document\n"}))),
    Bad("docx-truncated-xml", "E009", "open and save it again in Word",
        _file("resume.docx", docx_with_truncated_body)),
    Bad("invalid-json", "E010", "fix the syntax", _file("resume.json", BAD_JSON)),
    Bad("invalid-yaml", "E010", "fix the syntax", _file("resume.yaml", BAD_YAML)),
    Bad("over-size-limit", "E011", "export a smaller file", _over_size_limit),
    Bad("unpacks-too-large", "E011", "export a smaller file", _unpacks_too_large),
]  # fmt: skip


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.id for b in BAD_INPUTS])
def test_bad_input_is_one_error_line_and_exit_2(
    bad: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad.make(tmp_path, monkeypatch)
    code, out, err = run(capsys, "text", str(path))
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("cvcheck: error: ")
    assert f"{path}: " in line
    assert line.endswith(f"[{bad.code}]")
    assert bad.hint in line


def test_messages_name_what_the_file_really_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misnamed file says what it is, so the user knows which file went wrong."""
    cases = {
        "page.pdf": (b"<html><body>Alex</body></html>", "is an HTML page despite its .pdf name"),
        "photo.pdf": (png_bytes(), "is a PNG image despite its .pdf name"),
        "noise.pdf": (NOISE, "is binary data despite its .pdf name"),
        "old.doc": (LEGACY_DOC, "legacy Word .doc"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert run(capsys, "text", str(path))[2].count(expected) == 1, name


def test_invalid_json_error_points_at_the_spot(write: Callable[[str, bytes | str], Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = write("resume.json", BAD_JSON)
    err = run(capsys, "text", str(path))[2]
    assert "is not valid JSON (line 4, column 3" in err


def test_a_file_name_with_a_newline_still_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my\nresume.pdf"
    code, out, err = run(capsys, "text", str(path))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"cvcheck: error: {tmp_path}/my\\nresume.pdf: no such file; check the path [E001]"
    ]


def test_a_size_just_over_the_unpacked_limit_reads_as_over_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sizes round up: 1 MiB and a bit must not read "1 MiB, the limit is 1 MiB"."""
    monkeypatch.setattr(SNIFF_MODULE, "MAX_UNPACKED", 1024 * 1024)
    data = zip_bytes({"word/document.xml": b"x" * (1024 * 1024 + 1)})
    with pytest.raises(CvcheckError) as caught:
        sniff(data, "resume.docx")
    assert "(2 MiB, the limit is 1 MiB)" in str(caught.value)


# Odd inputs that are not errors -------------------------------------------------------------


def test_image_only_pdf_is_read_and_reported_as_ats001(
    write: Callable[[str, bytes | str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("scan.pdf", make_pdf([RESUME_LINES], image=True, text=False))
    code, out, err = run(capsys, "text", str(path))
    assert code == 0
    assert out == ""  # no text layer: no lines to print
    assert err.splitlines() == [
        f"{path}:1:1: ATS001 no text layer (scanned or image-only): an ATS sees an empty resume"
    ]


def test_300_page_pdf_is_read_up_to_12_pages(
    write: Callable[[str, bytes | str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("thesis.pdf", make_pdf([RESUME_LINES] * 300))
    code, out, err = run(capsys, "text", str(path))
    assert code == 0
    assert "experience" in out
    assert f"{path}:1:1: ATS010 only the first 12 of 300 pages were read" in err.splitlines()

    doc = read_document(path)
    assert (doc.pages, doc.pages_read) == (300, 12)
    assert max(line.location.page or 0 for line in doc.lines) == 12  # nothing past page 12 was read


def test_max_pages_option_bounds_the_reading(
    write: Callable[[str, bytes | str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("thesis.pdf", make_pdf([RESUME_LINES] * 300))
    code, _, err = run(capsys, "text", "--max-pages", "3", str(path))
    assert code == 0
    assert "ATS010 only the first 3 of 300 pages were read" in err


# sniff on bytes -----------------------------------------------------------------------------


PDF = make_pdf([RESUME_LINES])
DOCX = (EXAMPLES / "sam-rivera-devops.docx").read_bytes()

SNIFFED = [
    # (id, bytes, file name, format)
    ("pdf-after-junk", b"\r\n\x00garbage from a mail gateway\n" + PDF, "download", "pdf"),
    ("pdf-misnamed-txt", PDF, "resume.txt", "pdf"),
    ("docx", DOCX, "resume.docx", "docx"),
    ("docx-without-suffix", DOCX, "resume", "docx"),
    ("markdown-by-suffix", b"Alex Example\n\nMLOps engineer\n", "resume.md", "markdown"),
    ("markdown-by-markup", b"# Alex\n\n## Experience\n\n- Built\n- Ran\n", "resume", "markdown"),
    ("markdown-link-first", b"[Alex Example](https://alex.example)\n\nSkills\n", "cv.md", "markdown"),
    ("text", b"Alex Example\nMLOps Engineer\nalex@example.com\n", "resume.txt", "text"),
    ("text-opening-with-a-brace", b"{Alex Example}\nMLOps Engineer\n", "resume.txt", "text"),
    ("text-utf16", "Alex Example\nMLOps Engineer\n".encode("utf-16"), "resume.txt", "text"),
    ("latex-by-suffix", b"Alex Example\n", "resume.tex", "latex"),
    ("latex-by-markup", b"\\documentclass{article}\n\\begin{document}\n\\section*{Skills}\n", "cv", "latex"),
    ("json-resume", b'{"basics": {"name": "Alex Example"}, "work": []}', "resume.json", "jsonresume"),
    ("json-resume-without-suffix", b'\xef\xbb\xbf  {"basics": {}}', "resume", "jsonresume"),
    ("rendercv-yaml", b"cv:\n  name: Alex Example\n", "Alex_CV.yaml", "rendercv"),
    ("rendercv-yaml-without-suffix", b"---\ncv:\n  name: Alex Example\n", "cv", "rendercv"),
    ("generic-yaml", b"name: Alex Example\nwork:\n  - MLOps Engineer\n", "resume.yml", "yaml"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "expected"), [c[1:] for c in SNIFFED], ids=[c[0] for c in SNIFFED])
def test_sniff_tells_the_format_from_the_bytes(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


NOT_SNIFFED = [
    ("json-not-a-resume", b'{"name": "Alex", "tags": ["a", "b"]}', "resume.json", "E007"),
    ("json-array", b"[1, 2, 3]", "data.json", "E007"),
    ("empty", b"", "resume.md", "E004"),
    ("whitespace", b"\n \t\n", "resume.json", "E004"),
    ("jpeg", b"\xff\xd8\xff\xe0" + NOISE, "resume.pdf", "E008"),
    ("odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
     "resume.odt", "E007"),
    ("xlsx", zip_bytes({"xl/workbook.xml": b"<x/>"}), "resume.docx", "E007"),
    ("broken-zip", b"PK\x03\x04" + NOISE, "resume.docx", "E009"),
    ("text-named-docx", b"Alex Example\n", "resume.docx", "E008"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "name", "code"), [c[1:] for c in NOT_SNIFFED], ids=[c[0] for c in NOT_SNIFFED]
)
def test_sniff_refuses_what_it_cannot_read(data: bytes, name: str, code: str) -> None:
    with pytest.raises(CvcheckError) as caught:
        sniff(data, name)
    assert caught.value.code == code
    assert str(caught.value).startswith(f"{name}: ")

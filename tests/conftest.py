"""Shared fixtures: the public resume corpus in ../shared, the shipped examples, and builders
for the odd and broken files the tests need (made at test time, never committed)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def corpus_file(name: str) -> Path:
    """A corpus file, or skip the test when the corpus is not beside this checkout."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} not found: ../shared/corpus is absent in this checkout")
    return path


def make_pdf(
    pages: list[list[str]],
    *,
    encrypt: bool = False,
    image: bool = False,
    text: bool = True,
) -> bytes:
    """A real PDF built with fpdf2: one list of lines per page (core Helvetica, Latin-1)."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        if image:
            pdf.image(_png(), x=20, y=20, w=170)
        if text:
            for line in lines:
                pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def _png() -> io.BytesIO:
    """A noisy picture standing in for a scanned page."""
    from PIL import Image

    rnd = random.Random(7)
    img = Image.new("L", (400, 500), 255)
    for _ in range(4000):
        img.putpixel((rnd.randrange(400), rnd.randrange(500)), 0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    return buf


RESUME_LINES = [
    "Alex Example",
    "alex@example.com | +1 555 010 0199",
    "Experience",
    "MLOps Engineer, Example Corp   Jan 2021 - Present",
    "- Deployed 12 models to production with KServe.",
    "Education",
    "B.S. Computer Science, Example University, 2018",
    "Skills",
    "Python, Kubernetes, MLflow",
]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes or text to a file under tmp_path and return its path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write

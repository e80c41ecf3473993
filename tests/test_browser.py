"""The report in a real browser: headless Chromium opens it from disk at desktop and phone
width, takes a screenshot, and logs no console message (no script error, no blocked load).

Chromium is Debian's `chromium` package; `scripts/install-test-deps` installs it. Without it
these tests skip and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from cvcheck.analyze.engine import analyze
from cvcheck.lexicon import load_lexicon
from cvcheck.read import read_document
from cvcheck.render.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    # CI's set-up installs Chromium: a missing one there is a broken set-up, not a skip
    raise RuntimeError("Chromium not found in CI: scripts/install-test-deps should have installed it")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found: run scripts/install-test-deps (Debian: apt-get install chromium)",
)
PAGES = {
    "maya": EXAMPLES / "maya-okafor-mlops.pdf",
    "hostile": ROOT / "tests" / "fixtures" / "resumes" / "hostile.md",
}
# Chromium logs page console messages as "INFO:CONSOLE(12)]" or "INFO:CONSOLE:12]" by version.
CONSOLE = re.compile(r"CONSOLE[(:]\d*|Uncaught")
MASTHEAD = (0x1F, 0x29, 0x37)  # the report's header band: proof our CSS applied


def shoot(page: Path, png: Path, width: int, height: int) -> str:
    """Open a page in headless Chromium and screenshot it; return Chromium's log."""
    profile = png.parent / f"profile-{png.stem}"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--hide-scrollbars",
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if CONSOLE.search(line)]


@cache
def _report(name: str) -> str:
    return render_html(analyze(read_document(PAGES[name]), load_lexicon()))


def test_console_messages_are_detected(tmp_path: Path) -> None:
    """The check below is only worth something if a broken page fails it."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><p>x</p><script>console.error("boom"); missingFunction();</script>', "utf-8"
    )
    found = console_lines(shoot(page, tmp_path / "broken.png", 400, 300))
    assert any("boom" in line for line in found), found
    assert any("missingFunction" in line for line in found), found


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_report_opens_offline_without_console_errors(name: str, width: int, tmp_path: Path) -> None:
    from PIL import Image

    page = tmp_path / f"{name}.html"
    page.write_text(_report(name), encoding="utf-8")
    png = tmp_path / f"{name}-{width}.png"
    log = shoot(page, png, width, 2400)
    assert console_lines(log) == [], "\n".join(console_lines(log))
    assert png.is_file() and png.stat().st_size > 20_000
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (width, 2400)
        colours = rgb.getcolors(maxcolors=100_000)
        assert colours is None or len(colours) > 50, "a blank or single-colour screenshot"
        assert rgb.getpixel((2, 2)) == MASTHEAD
        # at 320 px the page reflows instead of overflowing: the right edge is page background
        right = [rgb.getpixel((width - 1, y)) for y in range(300, 2400, 7)]
        assert sum(p == (0xF6, 0xF8, 0xFA) or p == (0xFF, 0xFF, 0xFF) for p in right) > 0.6 * len(right)

"""`cvcheck batch` on a folder like a real application inbox: good resumes in every format,
each broken kind of file, a duplicate, a nested folder and files that are not resumes."""

from __future__ import annotations

import csv
import json
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, RESUME_LINES, ROOT, make_pdf

from cvcheck.batch import BatchOptions, run_batch
from cvcheck.batch.work import Job, analyse_file
from cvcheck.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "resumes"

BROKEN = {
    "broken/encrypted.pdf": ("error", "E005"),
    "broken/truncated.pdf": ("error", "E006"),
    "broken/random.pdf": ("error", "E008"),
    "broken/page.html.pdf": ("error", "E008"),
    "broken/empty.md": ("error", "E004"),
    "broken/bad.json": ("error", "E010"),
    "broken/legacy.docx": ("error", "E008"),
    "broken/scanned.pdf": ("not_applicable", "ATS001"),
}


def _inbox(root: Path) -> Path:
    inbox = root / "inbox"
    (inbox / "2026-03" / "ml-platform").mkdir(parents=True)
    (inbox / "broken").mkdir()
    for name in (
        "maya-okafor-mlops.pdf",
        "maya-okafor-mlops.json",
        "sam-rivera-devops.docx",
        "maya-okafor-mlops.yaml",
    ):
        shutil.copy(EXAMPLES / name, inbox / name)
    for name in ("operator_strong.md", "vague.md", "devops_no_ml.md"):
        shutil.copy(FIXTURES / name, inbox / "2026-03" / "ml-platform" / name)
    shutil.copy(EXAMPLES / "jordan-lee-two-column.pdf", inbox / "2026-03" / "jordan.pdf")
    shutil.copy(
        EXAMPLES / "maya-okafor-mlops.pdf", inbox / "2026-03" / "ml-platform" / "maya-again.pdf"
    )  # duplicate
    good_pdf = make_pdf([RESUME_LINES])
    (inbox / "broken" / "encrypted.pdf").write_bytes(make_pdf([RESUME_LINES], encrypt=True))
    (inbox / "broken" / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (inbox / "broken" / "random.pdf").write_bytes(bytes(range(256)) * 12)
    (inbox / "broken" / "page.html.pdf").write_text("<!doctype html><html><body>Resume</body></html>")
    (inbox / "broken" / "empty.md").write_text("")
    (inbox / "broken" / "bad.json").write_text('{"basics": {"name": "Pat"},, }')
    (inbox / "broken" / "legacy.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (inbox / "broken" / "scanned.pdf").write_bytes(make_pdf([[]], image=True, text=False))
    (inbox / "notes.csv").write_text("name,score\n")  # not a resume
    (inbox / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)  # not a resume
    return inbox


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    root = tmp_path_factory.mktemp("batch")
    inbox = _inbox(root)
    out = root / "out"
    result = run_batch(inbox, BatchOptions(out, workers=2, timeout=60))
    return inbox, out, result


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "results.csv").open(encoding="utf-8") as fh:
        return {r["path"]: r for r in csv.DictReader(fh)}


def test_every_file_gets_a_row_and_broken_ones_say_why(batch: tuple[Path, Path, Any]) -> None:
    inbox, out, result = batch
    rows = _rows(out)
    resumes = {
        p.relative_to(inbox).as_posix()
        for p in inbox.rglob("*")
        if p.suffix in {".pdf", ".docx", ".md", ".json", ".yaml"}
    }
    assert set(rows) == resumes
    assert result.skipped == ["notes.csv", "photo.png"]
    for path, (status, code) in BROKEN.items():
        assert rows[path]["status"] == status, path
        assert code in rows[path]["error"], (path, rows[path]["error"])
    good = [r for p, r in rows.items() if not p.startswith("broken/")]
    assert all(r["status"] in ("ok", "duplicate") for r in good)
    assert all(r["overall"] and r["report"] for r in good)
    # ranked: scores never increase down the file, errors last
    scores = [int(r["overall"]) for r in rows.values() if r["overall"]]
    assert scores == sorted(scores, reverse=True)
    assert [int(r["rank"]) for r in rows.values()] == list(range(1, len(rows) + 1))


def test_duplicates_are_analysed_once(batch: tuple[Path, Path, Any]) -> None:
    _, out, result = batch
    rows = _rows(out)
    dup = rows["2026-03/ml-platform/maya-again.pdf"]
    assert dup["status"] == "duplicate" and dup["duplicate_of"] == "maya-okafor-mlops.pdf"
    assert dup["overall"] == rows["maya-okafor-mlops.pdf"]["overall"]
    assert dup["sha256"] == rows["maya-okafor-mlops.pdf"]["sha256"]
    assert result.manifest["counts"]["duplicates"] == 1


def test_jsonl_and_manifest_record_what_is_needed_to_reproduce(batch: tuple[Path, Path, Any]) -> None:
    _, out, _ = batch
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {r["path"] for r in lines} == set(_rows(out))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tool"]["name"] == "cvcheck" and manifest["tool"]["version"]
    assert manifest["lexicon"]["id"] == "us-mlops-2026" and manifest["lexicon"]["as_of"] == "2026-04-05"
    assert manifest["settings"]["workers"] == 2
    assert manifest["started"] <= manifest["finished"]
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == {
        p: r["sha256"] for p, r in _rows(out).items()
    }


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.rows = 0
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        if tag == "tr":
            self.rows += 1


def test_index_page_links_every_report(batch: tuple[Path, Path, Any]) -> None:
    _, out, _ = batch
    page = _Links()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert page.rows == len(_rows(out)) + 1  # one header row
    reports = [h for h in page.hrefs if h.startswith("reports/")]
    assert reports and all((out / h).is_file() for h in reports)
    assert not any(h.startswith("http") for h in page.hrefs)


def test_rerun_reuses_results_for_unchanged_files(batch: tuple[Path, Path, Any], tmp_path: Path) -> None:
    inbox, out, first = batch
    again = run_batch(inbox, BatchOptions(out, workers=2))
    ok = sum(1 for r in first.rows if r["status"] in ("ok", "not_applicable"))
    assert again.cached == ok
    assert again.analysed == sum(1 for r in first.rows if r["status"] == "error")  # failures are retried
    shutil.copy(FIXTURES / "finance_operator_no_keywords.md", inbox / "new.md")
    third = run_batch(inbox, BatchOptions(out, workers=2))
    assert third.analysed == again.analysed + 1
    (inbox / "new.md").unlink()


def _sleepy(job: Job) -> dict[str, Any]:
    if "vague" in job.relpath:
        time.sleep(30)
    return analyse_file(job)


def test_a_file_that_hangs_is_cut_off_and_the_rest_go_on(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("vague.md", "operator_strong.md", "devops_no_ml.md"):
        shutil.copy(FIXTURES / name, inbox / name)
    start = time.monotonic()
    result = run_batch(
        inbox, BatchOptions(tmp_path / "out", workers=2, timeout=3, reports=False), analyse=_sleepy
    )
    assert time.monotonic() - start < 25
    rows = {r["path"]: r for r in result.rows}
    assert rows["vague.md"]["status"] == "error" and "timed out" in rows["vague.md"]["error"]
    assert rows["operator_strong.md"]["status"] == "ok" and rows["devops_no_ml.md"]["status"] == "ok"


def test_interrupt_leaves_complete_outputs_for_the_files_done(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("vague.md", "operator_strong.md", "devops_no_ml.md", "keyword_stuffer.md"):
        shutil.copy(FIXTURES / name, inbox / name)

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    result = run_batch(
        inbox, BatchOptions(tmp_path / "out", workers=1, reports=False), progress=stop_after_two
    )
    assert result.interrupted
    rows = _rows(tmp_path / "out")
    assert len(rows) == 2 and all(r["status"] == "ok" for r in rows.values())
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["interrupted"] is True


def test_name_email_and_address_change_no_score(tmp_path: Path) -> None:
    original = (FIXTURES / "operator_strong.md").read_text(encoding="utf-8")
    lines = original.splitlines()
    contact = next(i for i, ln in enumerate(lines) if "@example.com" in ln)
    lines[0] = "# Someone Else Entirely"
    lines[contact] = "jordan.q.smith@example.org · (303) 555-0199 · 42 Elm Street, Tulsa, OK"
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.md").write_text(original, encoding="utf-8")
    (inbox / "b.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_batch(inbox, BatchOptions(tmp_path / "out", workers=1, reports=False))
    a, b = sorted(result.rows, key=lambda r: r["path"])
    keys = ("overall", "titles", "lifecycle", "outcomes", "clarity", "top_segment", "top_fit", "flags")
    assert {k: a[k] for k in keys} == {k: b[k] for k in keys}


def test_blind_outputs_hide_identity(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(EXAMPLES / "maya-okafor-mlops.md", inbox / "maya-okafor-resume.md")
    shutil.copy(EXAMPLES / "sam-rivera-devops.docx", inbox / "sam-rivera.docx")
    out = tmp_path / "out"
    run_batch(inbox, BatchOptions(out, workers=1, blind=True, min_score=60))
    shown = "".join(
        p.read_text(encoding="utf-8")
        for p in [
            out / "results.csv",
            out / "results.jsonl",
            out / "index.html",
            out / "manifest.json",
            *sorted((out / "reports").glob("*.html")),
        ]
    )
    for secret in (
        "Maya",
        "Okafor",
        "maya.okafor@example.com",
        "555-0147",
        "linkedin.com/in/maya",
        "Sam Rivera",
        "sam.rivera@example.com",
        "maya-okafor-resume",
        "sam-rivera.docx",
    ):
        assert secret not in shown, secret
    assert "Lakeshore State University" in shown and "[year]" in shown  # the school stays, its year goes
    ids = list(csv.DictReader((out / "identities.csv").open()))
    assert {r["path"] for r in ids} == {"maya-okafor-resume.md", "sam-rivera.docx"}
    reviews = {r["review"] for r in _rows(out).values()}
    assert reviews <= {"review first", "review later"}


def test_cli_exit_codes(
    batch: tuple[Path, Path, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, _, _ = batch
    assert main(["batch", str(inbox), "-o", str(tmp_path / "o1"), "--no-reports"]) == 1  # some files failed
    assert "failed" in capsys.readouterr().err
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(FIXTURES / "operator_strong.md", clean / "a.md")
    assert main(["batch", str(clean), "-o", str(tmp_path / "o2"), "--no-reports"]) == 0
    assert main(["batch", str(clean), "--segment", "retail"]) == 2

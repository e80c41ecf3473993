"""Resumes per second for `cvcheck batch` (full analysis and a report per candidate) with 1
and 2 workers, beside raw pdfplumber `extract_text` and raw PDFium text extraction of the same
files in the same run; peak memory per worker sampled through the run.

    python benchmarks/batch_throughput.py --count 400
    python benchmarks/batch_throughput.py --count 10000 --workers 2     (the long run)

Generates realistic two-page resume PDFs (fpdf2, a test dependency) in a temporary folder.
Targets on 2 cores: >= 25 resumes/s with 2 workers, near-linear from 1 to 2, memory flat.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VERBS = ["Built", "Migrated", "Cut", "Ran", "Designed", "Automated", "Led", "Moved", "Added", "Scaled"]
WORK = [
    "the feature pipeline for {n} models with Feast and Great Expectations, catching {m} bad loads a month",
    "model serving on KServe and Triton, taking p99 latency from {a} ms to {b} ms at {n},000 requests/s",
    "drift monitoring with Evidently and Prometheus for {n} production models; "
    "MTTR fell from {a} to {b} minutes",
    "training onto Kubeflow Pipelines with GPU quotas, raising utilisation from {a}% to {b}%",
    "an MLflow registry gate with model cards, blocking {m} bad versions before production",
    "drift-triggered retraining with champion/challenger checks for {n} models",
    "GPU spend by ${n}K a month with spot node pools and right-sized instances",
    "the CI/CD for models with GitHub Actions and Argo CD, from monthly to {n} releases a month",
    "batch scoring jobs producing {n} million predictions a night on Spark",
    "on-call for {n} model endpoints and wrote the runbooks for the top alerts",
]
EMPLOYERS = [
    "Northwind",
    "Ledgerline",
    "Parcelwise",
    "Tidewater",
    "Brightpath",
    "Summitline",
    "Greyfield",
    "Cobaltline",
]
TITLES = [
    "MLOps Engineer",
    "ML Platform Engineer",
    "Machine Learning Engineer",
    "Data Engineer",
    "ML Infrastructure Engineer",
]


def make_resume_pdf(path: Path, rnd: random.Random) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, f"Candidate {rnd.randrange(10**6):06d}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(
        0,
        6,
        f"candidate{rnd.randrange(10**6)}@example.com | +1 (555) 010-{rnd.randrange(10**4):04d}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    year = 2026
    for section in ("Summary", "Experience", "Projects", "Skills", "Education"):
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, section, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        if section == "Experience":
            for _ in range(3):
                start = year - rnd.randrange(2, 5)
                pdf.set_font("Helvetica", "B", 11)
                pdf.cell(
                    0,
                    6,
                    f"{rnd.choice(TITLES)}, {rnd.choice(EMPLOYERS)}    {start} - {year}",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
                pdf.set_font("Helvetica", size=10)
                year = start
                for _ in range(rnd.randrange(5, 8)):
                    text = (
                        rnd.choice(VERBS)
                        + " "
                        + rnd.choice(WORK).format(
                            n=rnd.randrange(3, 90),
                            m=rnd.randrange(2, 20),
                            a=rnd.randrange(60, 400),
                            b=rnd.randrange(9, 59),
                        )
                    )
                    pdf.multi_cell(0, 5.5, "- " + text + ".", new_x="LMARGIN", new_y="NEXT")
        elif section == "Skills":
            pdf.multi_cell(
                0,
                5.5,
                "Kubernetes, Terraform, Python, Go, MLflow, Kubeflow, KServe, Triton, "
                "Airflow, Spark, AWS, GCP",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        elif section == "Education":
            pdf.cell(
                0, 6, f"B.S. Computer Science, State University, {year - 1}", new_x="LMARGIN", new_y="NEXT"
            )
        else:
            for _ in range(3 if section == "Summary" else 5):
                pdf.multi_cell(
                    0,
                    5.5,
                    rnd.choice(VERBS)
                    + " "
                    + rnd.choice(WORK).format(
                        n=rnd.randrange(3, 90),
                        m=rnd.randrange(2, 20),
                        a=rnd.randrange(60, 400),
                        b=rnd.randrange(9, 59),
                    )
                    + ".",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
    while pdf.page_no() < 2:
        pdf.multi_cell(
            0,
            5.5,
            "Additional project notes: " + rnd.choice(WORK).format(n=5, m=3, a=100, b=20) + ".",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.output(str(path))


def _children_rss() -> dict[int, int]:
    """RSS in KiB of this process's children (the workers), from /proc."""
    me = os.getpid()
    out: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == me:
                for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out[int(entry)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return out


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:7.1f} resumes/s ({seconds:.1f} s for {count})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument(
        "--baseline-sample", type=int, default=100, help="files for the raw pdfplumber baseline"
    )
    args = parser.parse_args(argv)
    from cvcheck.batch import BatchOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "resumes"
        folder.mkdir()
        rnd = random.Random(2026)
        start = time.perf_counter()
        for i in range(args.count):
            make_resume_pdf(folder / f"r{i:05d}.pdf", rnd)
        print(f"generated {args.count} two-page PDFs in {time.perf_counter() - start:.1f} s")
        files = sorted(folder.glob("*.pdf"))

        import pypdfium2 as pdfium

        start = time.perf_counter()
        for f in files:
            doc = pdfium.PdfDocument(f)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()
        print(f"raw PDFium text          {_rate(len(files), time.perf_counter() - start)}")
        import pdfplumber

        sample = files[: args.baseline_sample]
        start = time.perf_counter()
        for f in sample:
            with pdfplumber.open(f) as doc:
                for page in doc.pages:
                    page.extract_text()
        print(f"raw pdfplumber text      {_rate(len(sample), time.perf_counter() - start)}")

        for workers in args.workers:
            out = Path(tmp) / f"out{workers}"
            samples: list[tuple[int, int]] = []  # (files done, max worker RSS KiB)
            stop = threading.Event()
            done_box = [0]

            def sampler(
                stop: threading.Event = stop,
                samples: list[tuple[int, int]] = samples,
                done_box: list[int] = done_box,
            ) -> None:
                while not stop.wait(1.0):
                    rss = _children_rss()
                    if rss:
                        samples.append((done_box[0], max(rss.values())))

            def progress(done: int, total: int, done_box: list[int] = done_box) -> None:
                done_box[0] = done

            thread = threading.Thread(target=sampler, daemon=True)
            thread.start()
            start = time.perf_counter()
            result = run_batch(folder, BatchOptions(out, workers=workers, timeout=120), progress=progress)
            seconds = time.perf_counter() - start
            stop.set()
            thread.join()
            ok = sum(1 for r in result.rows if r["status"] == "ok")
            print(
                f"cvcheck batch, {workers} worker(s) {_rate(len(files), seconds)}  "
                f"ok={ok} failed={result.failed}"
            )
            if samples:
                marks = [samples[int(q * (len(samples) - 1))] for q in (0.1, 0.5, 1.0)]
                shown = ", ".join(f"{rss / 1024:.0f} MiB after {n} files" for n, rss in marks)
                print(f"    peak RSS per worker: {max(s[1] for s in samples) / 1024:.0f} MiB; {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Milliseconds per page for reading PDFs: cvcheck's whole reading stage (bytes → Document:
layout, structure, roles) beside raw PDFium (pypdfium2) and raw pdfplumber text extraction
of the same files, in the same run.

    python benchmarks/read_pdf.py [PDF or folder ...]   (default: ../shared/corpus and examples)

Each figure is the best of --repeat runs per file (the least disturbed by other work on the
machine); the summary gives the median and the mean over files. Target: the reading stage
at ≤ 20 ms per page, median over the corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cvcheck.read import MAX_PAGES, read_document  # noqa: E402


def _pdfs(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or [ROOT.parent / "shared" / "corpus", ROOT / "examples"]
    out: list[Path] = []
    for t in targets:
        out.extend(sorted(t.glob("*.pdf")) if t.is_dir() else [t])
    return out


def _cvcheck(data: bytes, name: str) -> int:
    doc = read_document(name, data=data)
    return doc.pages_read or 0


def _pdfium(data: bytes, name: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = min(len(pdf), MAX_PAGES)
    for i in range(n):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return n


def _pdfplumber(data: bytes, name: str) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages[:MAX_PAGES]
        for page in pages:
            page.extract_text()
        return len(pages)


def _best_ms_per_page(fn: Callable[[bytes, str], int], data: bytes, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pages = fn(data, name)
        best = min(best, (time.perf_counter() - start) * 1000 / max(pages, 1))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    files = _pdfs(args.paths)
    if not files:
        print("no PDFs found", file=sys.stderr)
        return 2
    engines: dict[str, Callable[[bytes, str], int]] = {
        "cvcheck": _cvcheck,
        "pdfium": _pdfium,
        "pdfplumber": _pdfplumber,
    }
    # Warm-up: imports and first-call costs are start-up, not reading.
    for fn in engines.values():
        fn(files[0].read_bytes(), str(files[0]))
    results: dict[str, list[float]] = {k: [] for k in engines}
    print(f"{'file':58} {'pages':>5} " + " ".join(f"{k:>11}" for k in engines))
    for path in files:
        data = path.read_bytes()
        row = []
        for key, fn in engines.items():
            ms = _best_ms_per_page(fn, data, str(path), args.repeat if key != "pdfplumber" else 1)
            results[key].append(ms)
            row.append(f"{ms:9.1f}ms")
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(data))
        print(f"{path.name[:58]:58} {pages:>5} " + " ".join(f"{r:>11}" for r in row))
    print()
    print(f"{len(files)} PDFs, ms per page (best of {args.repeat} runs per file; pdfplumber 1 run)")
    for key, values in results.items():
        print(f"  {key:11} median {statistics.median(values):7.1f}   mean {statistics.fmean(values):7.1f}")
    ratio = statistics.median(results["cvcheck"]) / statistics.median(results["pdfium"])
    speedup = statistics.median(results["pdfplumber"]) / statistics.median(results["cvcheck"])
    print(f"  cvcheck = {ratio:.1f}x raw PDFium text, {speedup:.1f}x faster than pdfplumber extract_text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

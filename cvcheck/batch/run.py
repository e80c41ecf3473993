"""The batch run: discovery, the cache, the worker pool and the outputs, in that order."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cvcheck import __version__
from cvcheck.batch.pool import Pool
from cvcheck.batch.work import Job, analyse_file, write_atomically
from cvcheck.read.sniff import RESUME_SUFFIXES

CACHE = ".cvcheck-cache"


@dataclass(frozen=True)
class BatchOptions:
    output: Path
    segment: str | None = None
    workers: int = 2
    lexicons: str | None = None
    blind: bool = False
    min_score: int | None = None
    timeout: float = 60.0
    max_pages: int = 12
    reports: bool = True


@dataclass
class BatchResult:
    rows: list[dict[str, Any]]
    skipped: list[str]
    manifest: dict[str, Any]
    interrupted: bool = False
    analysed: int = 0  # files analysed in this run (the rest came from the cache or were duplicates)
    cached: int = 0
    failed: int = field(default=0)


def discover(root: Path, output: Path) -> tuple[list[Path], list[Path]]:
    """Resume-like files under ``root`` (recursively, sorted), and the other files skipped."""
    found: list[Path] = []
    skipped: list[Path] = []
    out = output.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != out)
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            (found if path.suffix.lower() in RESUME_SUFFIXES else skipped).append(path)
    return found, skipped


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _settings_key(options: BatchOptions, lexicon_digest: str) -> str:
    """What a cached row depends on besides the file: tool, lexicon and settings."""
    basis = json.dumps(
        [__version__, lexicon_digest, options.segment, options.blind, options.max_pages, options.reports]
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


def run_batch(
    root: Path,
    options: BatchOptions,
    *,
    progress: Callable[[int, int], None] | None = None,
    analyse: Callable[[Job], dict[str, Any]] = analyse_file,
) -> BatchResult:
    """Analyse every resume under ``root`` and write the outputs; Ctrl-C keeps what is done."""
    from cvcheck.analyze.engine import judge_for
    from cvcheck.lexicon import load_lexicon

    started = datetime.now(UTC)
    lexicon = load_lexicon(options.lexicons)
    judge_for(lexicon)  # load spaCy and the matchers once, before the workers fork
    out = options.output
    (out / "reports").mkdir(parents=True, exist_ok=True)
    cache_dir = out / CACHE / _settings_key(options, lexicon.digest)
    cache_dir.mkdir(parents=True, exist_ok=True)
    files, skipped = discover(root, out)
    rows: dict[str, dict[str, Any]] = {}
    first_by_hash: dict[str, str] = {}
    jobs: list[Job] = []
    cached = 0
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            sha = _sha256(path)
        except OSError as exc:
            rows[rel] = {
                "path": rel,
                "sha256": "",
                "status": "error",
                "error": f"E003: cannot be read ({exc.strerror})",
            }
            continue
        row: dict[str, Any] = {"path": rel, "sha256": sha, "candidate": sha[:16]}
        if sha in first_by_hash:
            row |= {"status": "duplicate", "duplicate_of": first_by_hash[sha]}
            rows[rel] = row
            continue
        first_by_hash[sha] = rel
        hit = cache_dir / f"{sha}.json"
        if hit.is_file() and (not options.reports or (out / "reports" / f"{sha[:16]}.html").is_file()):
            row |= json.loads(hit.read_text(encoding="utf-8"))
            rows[rel] = row
            cached += 1
            continue
        rows[rel] = row
        jobs.append(
            Job(
                str(path.resolve()),
                rel,
                sha,
                sha[:16],
                str((out / "reports").resolve()),
                options.lexicons,
                options.segment,
                options.blind,
                options.max_pages,
                options.reports,
            )
        )
    interrupted = False
    done = 0
    try:
        pool = Pool(analyse, options.workers, options.timeout)
        for outcome in pool.run(enumerate(jobs)):
            job: Job = outcome.payload
            result = outcome.result if outcome.error is None else {"status": "error", "error": outcome.error}
            rows[job.relpath] |= result
            if result.get("status") != "error" or "timed out" not in str(result.get("error")):
                write_atomically(cache_dir / f"{job.sha256}.json", json.dumps(result, sort_keys=True))
            done += 1
            if progress:
                progress(done, len(jobs))
    except KeyboardInterrupt:
        interrupted = True
    finished = [r for r in rows.values() if "status" in r]
    for dup in finished:
        if dup.get("status") == "duplicate":
            original = rows[dup["duplicate_of"]]
            for key in (
                "overall",
                "titles",
                "lifecycle",
                "outcomes",
                "clarity",
                "top_segment",
                "top_fit",
                "flags",
                "report",
            ):
                dup[key] = original.get(key)
    ranked = _rank([r for r in finished if r.get("status")], options.min_score)
    manifest = {
        "tool": {"name": "cvcheck", "version": __version__},
        "lexicon": {
            "id": lexicon.id,
            "version": lexicon.version,
            "as_of": lexicon.as_of,
            "digest": lexicon.digest,
        },
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "folder": str(root),
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "interrupted": interrupted,
        "counts": {
            "found": len(files),
            "skipped_not_resume": len(skipped),
            "analysed": done,
            "from_cache": cached,
            "duplicates": sum(1 for r in ranked if r["status"] == "duplicate"),
            "errors": sum(1 for r in ranked if r["status"] == "error"),
        },
        "files": [{"path": r["path"], "sha256": r["sha256"], "status": r["status"]} for r in ranked],
    }
    from cvcheck.batch.outputs import write_outputs

    write_outputs(out, ranked, manifest, blind=options.blind)
    failed = sum(1 for r in ranked if r["status"] == "error")
    return BatchResult(
        ranked, [p.relative_to(root).as_posix() for p in skipped], manifest, interrupted, done, cached, failed
    )


def _rank(rows: list[dict[str, Any]], min_score: int | None) -> list[dict[str, Any]]:
    """Best first; errors and unscored files last. --min-score only sorts into two queues."""
    for row in rows:
        score = row.get("overall")
        if min_score is None or score is None:
            row["review"] = ""
        else:
            row["review"] = "review first" if score >= min_score else "review later"
    return sorted(rows, key=lambda r: (r.get("overall") is None, -(r.get("overall") or 0), r["path"]))

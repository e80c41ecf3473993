"""The batch's outputs: results.csv, results.jsonl, index.html and manifest.json, each
written whole (a temporary file and a rename), so an interrupted run leaves complete files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from cvcheck.batch.work import write_atomically

COLUMNS = (
    "rank", "path", "candidate", "sha256", "status", "review", "overall", "titles", "lifecycle", "outcomes",
    "clarity", "top_segment", "top_fit", "flags", "report", "duplicate_of", "error",
)  # fmt: skip


def _public(row: dict[str, Any], rank: int, blind: bool) -> dict[str, Any]:
    """A row as written: in a blind run the path (file names carry names) gives way to the id."""
    out = {key: row.get(key) for key in COLUMNS}
    out["rank"] = rank
    out["flags"] = ";".join(row.get("flags") or [])
    if blind:
        out["path"] = row.get("candidate") or ""
        if row.get("duplicate_of"):
            out["duplicate_of"] = "(same file as another candidate)"
    return out


def write_outputs(out: Path, rows: list[dict[str, Any]], manifest: dict[str, Any], *, blind: bool) -> None:
    public = [_public(r, i, blind) for i, r in enumerate(rows, start=1)]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(public)
    write_atomically(out / "results.csv", buf.getvalue())
    write_atomically(out / "results.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in public))
    if blind:
        # who is who stays with the person running the batch, apart from what reviewers read
        ids = io.StringIO()
        idw = csv.writer(ids, lineterminator="\n")
        idw.writerow(["candidate", "path"])
        idw.writerows([r.get("candidate") or "", r["path"]] for r in rows)
        write_atomically(out / "identities.csv", ids.getvalue())
        manifest = {
            **manifest,
            "files": [
                {**f, "path": r.get("candidate")} for f, r in zip(manifest["files"], rows, strict=True)
            ],
        }
    write_atomically(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    from cvcheck.batch.index import render_index

    write_atomically(out / "index.html", render_index(public, manifest))

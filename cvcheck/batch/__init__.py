"""Score a folder of resumes: find them, analyse them in worker processes (a hung file is cut
off, a broken one recorded, neither stops the batch), reuse results for unchanged files, and
write a ranked, explainable shortlist that leaves the decision to a person.

Outputs in the output folder: results.csv, results.jsonl, index.html, reports/<id>.html per
candidate, and manifest.json (tool and lexicon versions, settings, times, every file's hash).
"""

from __future__ import annotations

from cvcheck.batch.run import BatchOptions, BatchResult, run_batch

__all__ = ["BatchOptions", "BatchResult", "run_batch"]

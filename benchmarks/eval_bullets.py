"""Score the bullet judge against a labelled TSV (../shared/eval/README.md describes the format).

    python benchmarks/eval_bullets.py [PATH] [--errors] [--half a|b] [--lexicon DIR]

PATH defaults to ../shared/eval/bullets_dev.tsv beside this checkout. Prints precision, recall
and F1 for quantified, vague, each stage and the stage micro average, and the judging time;
``--errors`` lists each misjudged row with the evidence behind the judgment. ``--half a`` keeps
the rows at even indexes (0, 2, ...) and ``--half b`` those at odd ones: a deterministic split
of a held-out set, one half to study errors on and the other to check a fix against.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cvcheck.analyze.bullets import BulletJudge, BulletJudgment  # noqa: E402
from cvcheck.lexicon import load_lexicon  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "bullets_dev.tsv"


@dataclass(frozen=True)
class Row:
    text: str
    quantified: bool
    vague: bool
    stages: frozenset[str]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_rows(path: Path) -> list[Row]:
    """The labelled rows of a bullets TSV."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Row(
                r["text"],
                r["quantified"].strip() == "1",
                r["vague"].strip() == "1",
                frozenset(s for s in (r["stages"] or "").split(",") if s),
            )
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def half(rows: Sequence[Row], which: str | None) -> list[Row]:
    """Rows at even indexes (``a``), odd indexes (``b``), or all of them (None)."""
    if which is None:
        return list(rows)
    return list(rows[{"a": 0, "b": 1}[which] :: 2])


def score(pairs: Sequence[tuple[bool, bool]]) -> Score:
    """Counts for (gold, predicted) pairs."""
    return Score(
        sum(g and p for g, p in pairs), sum(p and not g for g, p in pairs), sum(g and not p for g, p in pairs)
    )


def evaluate(
    rows: Sequence[Row], judged: Sequence[BulletJudgment], stage_ids: Sequence[str]
) -> dict[str, Score]:
    """Scores by label: quantified, vague, stage:<id> for each stage, and stages (micro)."""
    out = {
        "quantified": score([(r.quantified, j.quantified) for r, j in zip(rows, judged, strict=True)]),
        "vague": score([(r.vague, bool(j.vague)) for r, j in zip(rows, judged, strict=True)]),
    }
    total = Score(0, 0, 0)
    for stage in stage_ids:
        s = score([(stage in r.stages, stage in j.stages) for r, j in zip(rows, judged, strict=True)])
        out[f"stage:{stage}"] = s
        total = Score(total.tp + s.tp, total.fp + s.fp, total.fn + s.fn)
    out["stages"] = total
    return out


def _explain(j: BulletJudgment) -> str:
    parts = []
    if j.outcomes:
        parts.append("outcomes=" + "; ".join(f"{e.text}[{e.kind}:{e.id}]" for e in j.outcomes))
    if j.ignored_numbers:
        parts.append("ignored=" + "; ".join(f"{e.text}[{e.id}]" for e in j.ignored_numbers))
    if j.vague or j.vague_ignored:
        parts.append("vague=" + "; ".join(f"{e.text}[{e.kind}:{e.id}]" for e in j.vague + j.vague_ignored))
    if j.stage_evidence:
        parts.append("stage=" + "; ".join(f"{e.text}[{e.kind}:{e.stage}:{e.id}]" for e in j.stage_evidence))
    return "\n      ".join(parts)


def errors(rows: Sequence[Row], judged: Sequence[BulletJudgment]) -> list[str]:
    """One block per misjudged row: what differs, then the evidence."""
    out = []
    for r, j in zip(rows, judged, strict=True):
        diffs = []
        if r.quantified != j.quantified:
            diffs.append(f"quantified gold={int(r.quantified)} got={int(j.quantified)}")
        if r.vague != bool(j.vague):
            diffs.append(f"vague gold={int(r.vague)} got={int(bool(j.vague))}")
        if r.stages != set(j.stages):
            diffs.append(f"stages gold={','.join(sorted(r.stages)) or '-'} got={','.join(j.stages) or '-'}")
        if diffs:
            out.append(f"- {r.text}\n    {' | '.join(diffs)}\n      {_explain(j)}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEV)
    parser.add_argument("--errors", action="store_true", help="list misjudged rows with their evidence")
    parser.add_argument(
        "--half", choices=("a", "b"), default=None, help="only rows at even (a) or odd (b) indexes"
    )
    parser.add_argument(
        "--lexicon", type=Path, default=None, help="lexicon folder (default: the shipped one)"
    )
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"{args.path}: no such file", file=sys.stderr)
        return 2
    rows = half(read_rows(args.path), args.half)
    lexicon = load_lexicon(args.lexicon)
    t0 = time.perf_counter()
    judge = BulletJudge(lexicon)
    judge.judge(["Warm-up line."])
    t1 = time.perf_counter()
    judged = judge.judge([r.text for r in rows])
    t2 = time.perf_counter()
    scores = evaluate(rows, judged, lexicon.stage_ids)
    print(f"{args.path.name}{f' (half {args.half})' if args.half else ''}: {len(rows)} rows")
    print(f"{'label':<22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for name, s in scores.items():
        print(f"{name:<22}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5d}{s.fp:5d}{s.fn:5d}")
    print(f"judge built in {t1 - t0:.2f}s; {len(rows)} rows judged in {(t2 - t1) * 1000:.0f} ms")
    if args.errors:
        found = errors(rows, judged)
        print(f"\n{len(found)} misjudged rows")
        print("\n".join(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

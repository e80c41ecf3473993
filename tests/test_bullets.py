"""The per-bullet judge: rule cases as data (fixtures/bullet_cases.toml), the invented
labelled set (fixtures/bullets_extra.tsv), the eval dev set when it is beside this checkout,
and the shape of the evidence."""

from __future__ import annotations

import importlib.util
import sys
import time
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cvcheck.analyze.bullets import BulletJudge, BulletJudgment
from cvcheck.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CASES = tomllib.loads((FIXTURES / "bullet_cases.toml").read_text(encoding="utf-8"))["case"]
DEV = ROOT.parent / "shared" / "eval" / "bullets_dev.tsv"


def _benchmark() -> ModuleType:
    """benchmarks/eval_bullets.py, which holds the scoring the targets are stated in."""
    spec = importlib.util.spec_from_file_location("eval_bullets", ROOT / "benchmarks" / "eval_bullets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


BENCH = _benchmark()


@pytest.fixture(scope="module")
def judge() -> BulletJudge:
    return BulletJudge(load_lexicon())


def _fires(judgment: BulletJudgment, rule: str) -> bool:
    if rule == "quantified":
        return judgment.quantified
    if rule == "vague":
        return bool(judgment.vague)
    assert rule.startswith("stage:"), rule
    return rule.removeprefix("stage:") in judgment.stages


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['line'][:40]}" for c in CASES])
def test_rule_case(judge: BulletJudge, case: dict[str, Any]) -> None:
    (judgment,) = judge.judge([case["line"]])
    assert _fires(judgment, case["rule"]) is case["expect"], (case["why"], judgment)
    reasons = {ev.id for ev in judgment.ignored_numbers}
    assert set(case.get("ignored", ())) <= reasons, (case["why"], judgment.ignored_numbers)


def test_cases_cover_every_rule_both_ways() -> None:
    stages = load_lexicon().stage_ids
    for rule in ("quantified", "vague", *(f"stage:{s}" for s in stages)):
        expected = {c["expect"] for c in CASES if c["rule"] == rule}
        assert expected == {True, False}, f"{rule}: needs a case that fires and one that does not"


def _scores(path: Path, judge: BulletJudge) -> dict[str, Any]:
    rows = BENCH.read_rows(path)
    return BENCH.evaluate(rows, judge.judge([r.text for r in rows]), load_lexicon().stage_ids)


def test_invented_set_scores(judge: BulletJudge) -> None:
    """Our own labelled bullets (all invented): the judge must keep generalising to them."""
    scores = _scores(FIXTURES / "bullets_extra.tsv", judge)
    assert scores["quantified"].f1 >= 0.95
    assert scores["vague"].f1 >= 0.95
    assert scores["stages"].f1 >= 0.90


def test_dev_set_meets_the_targets(judge: BulletJudge) -> None:
    if not DEV.is_file():
        pytest.skip("../shared/eval/bullets_dev.tsv is not beside this checkout")
    scores = _scores(DEV, judge)
    assert scores["quantified"].f1 >= 0.95
    assert scores["vague"].f1 >= 0.90
    assert scores["stages"].f1 >= 0.85


def test_halves_split_a_held_out_set() -> None:
    """--half a|b: even and odd rows, together every row once, in order."""
    rows = BENCH.read_rows(FIXTURES / "bullets_extra.tsv")
    a, b = BENCH.half(rows, "a"), BENCH.half(rows, "b")
    assert a == rows[0::2] and b == rows[1::2] and len(a) + len(b) == len(rows)
    assert BENCH.half(rows, None) == rows


def test_evidence_points_at_the_line(judge: BulletJudge) -> None:
    rows = BENCH.read_rows(FIXTURES / "bullets_extra.tsv")
    for judgment in judge.judge([r.text for r in rows]):
        groups = (judgment.outcomes, judgment.ignored_numbers, judgment.vague, judgment.vague_ignored)
        for ev in (*[e for g in groups for e in g], *judgment.stage_evidence, *judgment.tools):
            assert judgment.text[ev.start : ev.end] == ev.text, (judgment.text, ev)
        assert judgment.quantified == bool(judgment.outcomes)
        assert all(ev.kind == "not_outcome" and ev.id for ev in judgment.ignored_numbers)
        assert list(judgment.stages) == sorted(judgment.stages, key=load_lexicon().stage_ids.index)
        stages_backed = {ev.stage for ev in judgment.stage_evidence if ev.kind in ("term", "verb")}
        assert set(judgment.stages) <= stages_backed


def test_evidence_cites_lexicon_sources(judge: BulletJudge) -> None:
    known = set(load_lexicon().sources)
    (judgment,) = judge.judge(["Helped cut p99 latency of the fraud model from 180 ms to 40 ms on KServe."])
    assert judgment.vague and judgment.outcomes and judgment.stage_evidence
    for ev in (*judgment.vague, *judgment.stage_evidence):
        assert ev.sources and set(ev.sources) <= known


def test_empty_and_odd_lines(judge: BulletJudge) -> None:
    judged = judge.judge(["", "   ", "-", "$", "...", "x" * 500, "👩‍💻 مرحبا שלום"])
    assert all(not j.quantified and not j.vague and not j.stages for j in judged)


def test_judging_is_fast(judge: BulletJudge) -> None:
    rows = BENCH.read_rows(FIXTURES / "bullets_extra.tsv")
    judge.judge(["Warm-up line."])
    start = time.perf_counter()
    judge.judge([r.text for r in rows])
    assert time.perf_counter() - start < 2.0, (
        "the judge should take well under a second per few hundred lines"
    )

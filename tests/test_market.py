"""`cvcheck market build` / `diff`: a lexicon set learned from the posting fixtures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvcheck.cli import cli
from cvcheck.lexicon import load_lexicon, validate
from cvcheck.market import analyse_folder, build_market, dumps, skill_keys

ROOT = Path(__file__).resolve().parent.parent
POSTINGS = ROOT / "tests" / "fixtures" / "postings"
SHIPPED = ROOT / "lexicons" / "us-mlops-2026"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("market") / "learned"
    return build_market(POSTINGS, out, as_of="2026-05-01"), out


@pytest.fixture(scope="module")
def fixture_support() -> tuple[int, Counter[str]]:
    analyses, _ = analyse_folder(POSTINGS, load_lexicon())
    return len(analyses), Counter(k for _, a in analyses for k in skill_keys(a))


def test_build_validates_and_is_usable(built) -> None:
    _, out = built
    assert validate(out) == []
    assert (out / "compiled.json").is_file()
    result = CliRunner().invoke(cli, ["lexicons", "validate", str(out)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(ROOT / "examples" / "maya-okafor-mlops.md"),
            "--lexicons",
            str(out),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)


def test_common_skill_ranks_near_top(built, fixture_support) -> None:
    result, _ = built
    n, support = fixture_support
    common = [k for k, c in support.items() if c >= 0.8 * n]
    assert common, "the fixtures should have a skill in 80% of postings"
    top5 = [s["key"] for s in result.skills[:5]]
    for key in common:
        assert key in top5


def test_rare_skill_absent(built, fixture_support) -> None:
    result, out = built
    _, support = fixture_support
    rare = [k for k, c in support.items() if c == 1]
    assert rare
    kept = {s["key"] for s in result.skills}
    text = (out / "stages.toml").read_text(encoding="utf-8")
    for key in rare:
        assert key not in kept
        if not key.startswith("skill:"):
            assert f'id = "{key}"' not in text


def test_entries_carry_support(built) -> None:
    result, out = built
    assert result.read == 28
    assert result.skills == sorted(result.skills, key=lambda s: (-s["share"], s["key"]))
    assert all(s["support"] >= result.threshold for s in result.skills)
    lex = load_lexicon(out)
    assert lex.as_of == "2026-05-01"
    assert "postings" in lex.sources
    assert result.titles and all(t["support"] >= result.threshold for t in result.titles)


def test_noise_reported_skipped(built) -> None:
    result, _ = built
    skipped = {name for name, _ in result.skipped}
    noise = {p.name for p in POSTINGS.iterdir() if p.name.startswith("9")}
    assert len(noise) == 6
    assert noise <= skipped


def test_deterministic(tmp_path: Path, built) -> None:
    _, first = built
    second = tmp_path / "again"
    build_market(POSTINGS, second, as_of="2026-05-01")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_cli_build_and_diff(tmp_path: Path, built) -> None:
    _, out = built
    runner = CliRunner()
    target = tmp_path / "cli"
    result = runner.invoke(
        cli, ["market", "build", str(POSTINGS), "--out", str(target), "--as-of", "2026-05-01"]
    )
    assert result.exit_code == 0, result.output
    assert "28 postings read" in result.output and "92_noise_empty.txt" in result.output
    assert validate(target) == []

    same = runner.invoke(cli, ["market", "diff", str(out), str(target)])
    assert same.exit_code == 0 and "No change" in same.output

    diff = runner.invoke(cli, ["market", "diff", str(SHIPPED), str(out)])
    assert diff.exit_code == 0, diff.output
    assert "vanished" in diff.output and "appeared" in diff.output


def test_bad_as_of_is_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["market", "build", str(POSTINGS), "--out", str(tmp_path / "x"), "--as-of", "May"]
    )
    assert result.exit_code == 2


def test_toml_writer_round_trips() -> None:
    import tomllib

    data = {"a": {"s": 'q"\\\n\tü', "n": 1, "f": 0.5, "b": True, "l": ["x", "y"],
                  "items": [{"term": "T", "phrases": ["p"]}]}, "row": [{"k": 1}, {"k": 2}]}  # fmt: skip
    assert tomllib.loads(dumps(data)) == data

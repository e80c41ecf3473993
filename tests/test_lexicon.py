"""Lexicon folders: the shipped set validates; broken ones are reported entry by entry; a
user's own folder changes the judgment without any code change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cvcheck.cli import main
from cvcheck.lexicon import default_path, load_lexicon, validate
from cvcheck.lexicon.compiled import compile_weights, segment_weights, write_compiled

SHIPPED = default_path()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the shipped lexicon to break or extend."""
    target = tmp_path / "my-market"
    shutil.copytree(SHIPPED, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_lexicon_is_valid_and_describes_its_market() -> None:
    assert validate(SHIPPED) == []
    lex = load_lexicon()
    assert (lex.id, lex.market, lex.as_of) == ("us-mlops-2026", "United States", "2026-04-05")
    assert [s.id for s in lex.stages] == [
        "data",
        "training",
        "registry",
        "deployment",
        "monitoring",
        "retraining",
    ]
    assert [s.id for s in lex.segments] == ["big_tech", "finance", "healthcare", "enterprise"]
    assert {v for t in lex.titles for v in t.variants} >= {
        "MLOps Engineer",
        "ML Ops Engineer",
        "Machine Learning Operations Engineer",
        "Machine Learning Ops Engineer",
        "MLOps Developer",
        "ML Infrastructure Engineer",
        "ML Platform Engineer",
    }
    retired = {c.id: c for c in lex.certifications if c.status == "retired"}
    assert any(c.retires == "2026-03-31" and c.replacement for c in retired.values())
    # every entry cites a source document that exists in ../shared/market-signals
    cited = {s for t in lex.terms for s in t.sources} | {s for v in lex.vague for s in v.sources}
    assert cited <= set(lex.sources)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("stages.toml", 'stage = "deployment"', 'stage = "serving"', "unknown stage 'serving'"),
        ("vague.toml", 'category = "role_hiding"', 'category = "filler"', "'category' must be one of"),
        ("titles.toml", 'kind = "core"', "kind = 3", "'kind' must be a non-empty string"),
        ("lexicon.toml", 'as_of = "2026-04-05"', 'as_of = "April 2026"', "'as_of' must be a date string"),
        (
            "outcomes.toml",
            'id = "latency"',
            'id = "latency"\nunits_typo = ["ms"]',
            "unknown key 'units_typo'",
        ),
        ("certifications.toml", 'sources = ["004"]', 'sources = ["999"]', "cites unknown source '999'"),
        ("segments.toml", "[[segment]]", "[[segment]]\nextra = 1\n[[segment]]", "missing required key"),
        ("vague.toml", "[[phrase]]", "[[phrase]\n", "not valid TOML"),
    ],
)
def test_broken_lexicon_is_reported_with_its_place(
    folder: Path, file: str, old: str, new: str, expected: str
) -> None:
    _edit(folder / file, old, new)
    problems = validate(folder)
    assert problems, "the broken lexicon validated"
    assert any(expected in p and file in p for p in problems), problems


def test_validate_command_exit_codes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicons", "validate", str(folder)]) == 0
    assert "valid" in capsys.readouterr().out
    _edit(folder / "stages.toml", 'stage = "deployment"', 'stage = "serving"')
    assert main(["lexicons", "validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "unknown stage 'serving'" in err and "[E020]" in err


def test_list_command_names_the_shipped_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicons", "list"]) == 0
    assert "us-mlops-2026" in capsys.readouterr().out


def test_own_lexicon_changes_the_judgment_without_code(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resume = tmp_path / "r.md"
    resume.write_text(
        "# Pat Example\n\nModel Operations Specialist\n\npat@example.com · +1 (555) 010-0123\n\n"
        "## Experience\n\n**Model Operations Specialist** · Example Co · Jan 2021 – Present\n\n"
        "- Ran the nightly scoring jobs for 12 production models with zero missed runs in 2024.\n",
        encoding="utf-8",
    )
    _edit(
        folder / "titles.toml",
        '  "MLOps Engineer",\n',
        '  "MLOps Engineer",\n  "Model Operations Specialist",\n',
    )
    assert main(["check", str(resume), "--format", "json"]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert main(["check", str(resume), "--format", "json", "--lexicons", str(folder)]) == 0
    own = json.loads(capsys.readouterr().out)
    assert "Model Operations Specialist" not in {t["variant"] for t in shipped["titles"]["found"]}
    assert "Model Operations Specialist" in {t["variant"] for t in own["titles"]["found"]}
    assert own["score"]["dimensions"]["titles"] > shipped["score"]["dimensions"]["titles"]
    assert own["lexicon"]["digest"] != shipped["lexicon"]["digest"]


def test_invalid_lexicon_given_to_check_is_one_error_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(folder / "stages.toml", 'stage = "deployment"', 'stage = "serving"')
    assert main(["check", str(EXAMPLES / "maya-okafor-mlops.md"), "--lexicons", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and "[E020]" in captured.err


def test_unknown_segment_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "maya-okafor-mlops.md"), "--segment", "retail"]) == 2
    err = capsys.readouterr().err
    assert "big_tech, finance, healthcare, enterprise" in err and "[E016]" in err


def test_build_stores_weights_that_match_a_fresh_fit(folder: Path) -> None:
    lex = load_lexicon(folder)
    path = write_compiled(lex)
    stored = json.loads(path.read_text())
    assert stored["digest"] == lex.digest
    assert stored["segment_signal_weights"] == compile_weights(lex)
    # a stale file (the lexicon changed since) is ignored, not trusted
    _edit(folder / "segments.toml", '"SR 11-7",', '"SR 11-7", "model risk tiering",')
    changed = load_lexicon(folder)
    assert changed.digest != lex.digest
    assert "model risk tiering" in segment_weights(changed)["finance"]


def test_json_output_file_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    assert main(["check", str(EXAMPLES / "maya-okafor-mlops.md"), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["score"]["overall"] >= 80
    assert not list(tmp_path.glob(".result.json.*"))  # no temporary file left behind
    blocked = tmp_path / "missing-dir" / "result.json"
    assert (
        main(["check", str(EXAMPLES / "maya-okafor-mlops.md"), "--format", "json", "-o", str(blocked)]) == 2
    )
    assert "[E015]" in capsys.readouterr().err

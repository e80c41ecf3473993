"""The published pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit in a
throwaway resume repository whose .pre-commit-config.yaml points at this checkout.

pre-commit clones the hook repository at a commit, so a module fixture commits the checkout's
current files (tracked and new, as `git ls-files` lists them) to a snapshot repository and the
resume repository points at that. pre-commit then builds the hook's environment (pip installs
cvcheck) once for the module, under a PRE_COMMIT_HOME of its own.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "maya-okafor-mlops.md"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
    reason="needs pre-commit (pip install '.[test]') and git",
)

# A bullet that is a duty statement (CLR001 vague-phrase, a warning), inserted into the clean
# example resume; the resume repository's .cvcheck.toml sets the bar at warnings.
VAGUE = "- Responsible for the model release process across the platform team.\n"
FIXED = "- Cut model release time from two weeks to one day for 43 models with Argo CD gates.\n"
ANCHOR = "- Cut GPU training and inference spend"
HOOK_TIMEOUT = 1200  # the first run pip-installs cvcheck and its dependencies into a venv


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=_env(), capture_output=True, text=True, check=check)


def _env(home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", NO_COLOR="1")
    if home is not None:
        env["PRE_COMMIT_HOME"] = str(home)
    return env


def _init(repo: Path) -> None:
    _git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.email", "test@example.invalid"), ("user.name", "cvcheck test"),
                       ("commit.gpgsign", "false")):  # fmt: skip
        _git(repo, "config", key, value)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this checkout's current files, and the commit to use as rev."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=False,
    )  # fmt: skip
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the hook repository needs one to snapshot")
    snapshot = tmp_path_factory.mktemp("cvcheck-hook-repo")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _init(snapshot)
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "-m", "snapshot of the working tree for the hook test")
    return snapshot, _git(snapshot, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory, hook_repo: tuple[Path, str]) -> Path:
    """pre-commit's cache with the hook's environment built once for the whole module."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    bootstrap = tmp_path_factory.mktemp("bootstrap")
    _init(bootstrap)
    _config(bootstrap, hook_repo)
    done = _pre_commit(bootstrap, home, "install-hooks")
    assert done.returncode == 0, done.stdout + done.stderr
    return home


def _config(repo: Path, hook_repo: tuple[Path, str]) -> None:
    path, rev = hook_repo
    # The three lines the README shows, with this checkout's snapshot as the repository.
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: cvcheck\n", encoding="utf-8"
    )


def _pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo, env=_env(home), capture_output=True, text=True, timeout=HOOK_TIMEOUT,
    )  # fmt: skip


@pytest.fixture
def resume_repo(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> Path:
    """A resume repository with the hook installed and the owner's bar at warnings."""
    repo = tmp_path / "resume"
    repo.mkdir()
    _init(repo)
    _config(repo, hook_repo)
    (repo / ".cvcheck.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    (repo / "package.json").write_text('{"name": "resume-site", "private": true}\n', encoding="utf-8")
    done = _pre_commit(repo, pre_commit_home, "install")
    assert done.returncode == 0, done.stdout + done.stderr
    _git(repo, "add", ".pre-commit-config.yaml", ".cvcheck.toml", "package.json")
    return repo


def _resume(extra: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert ANCHOR in text
    return text.replace(ANCHOR, extra + ANCHOR, 1)


def _commit(repo: Path, home: Path, resume: str) -> subprocess.CompletedProcess[str]:
    (repo / "resume.md").write_text(resume, encoding="utf-8")
    _git(repo, "add", "resume.md")
    return subprocess.run(
        ["git", "commit", "-m", "Update resume"],
        cwd=repo, env=_env(home), capture_output=True, text=True, timeout=HOOK_TIMEOUT,
    )  # fmt: skip


def _has_commit(repo: Path) -> bool:
    return _git(repo, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0


def _vague_line() -> int:
    return _resume(VAGUE).splitlines().index(VAGUE.rstrip("\n")) + 1


def test_blocking_problem_stops_the_commit_with_the_diagnostic(
    resume_repo: Path, pre_commit_home: Path
) -> None:
    done = _commit(resume_repo, pre_commit_home, _resume(VAGUE))
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert not _has_commit(resume_repo)
    assert f"resume.md:{_vague_line()}:3: CLR001 'Responsible for'" in output
    assert "Failed: 1 problem at or above fail-level warning." in output
    assert re.search(r"cvcheck \(resume lint\)\.+Failed", output)


def test_fixing_the_problem_lets_the_commit_through(resume_repo: Path, pre_commit_home: Path) -> None:
    assert _commit(resume_repo, pre_commit_home, _resume(VAGUE)).returncode != 0
    done = _commit(resume_repo, pre_commit_home, _resume(FIXED))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _has_commit(resume_repo)
    assert re.search(r"cvcheck \(resume lint\)\.+Passed", done.stderr)  # git shows hook output there


def test_suppressing_the_problem_lets_the_commit_through(resume_repo: Path, pre_commit_home: Path) -> None:
    suppressed = _resume("<!-- cvcheck: ignore CLR001 -->\n" + VAGUE)
    done = _commit(resume_repo, pre_commit_home, suppressed)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _has_commit(resume_repo)


def test_a_stale_suppression_is_reported_and_blocks_at_warnings(
    resume_repo: Path, pre_commit_home: Path
) -> None:
    """Once the bullet is fixed, the comment above it suppresses nothing: SUP001, a warning."""
    stale = _resume("<!-- cvcheck: ignore CLR001 -->\n" + FIXED)
    done = _commit(resume_repo, pre_commit_home, stale)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    line = stale.splitlines().index("<!-- cvcheck: ignore CLR001 -->") + 1
    assert (
        f"resume.md:{line}:1: SUP001 unused suppression: CLR001 (nothing to suppress on line {line + 1})"
        in output
    )


def test_non_resume_files_the_hook_matches_are_skipped(resume_repo: Path, pre_commit_home: Path) -> None:
    """package.json matches the hook's files pattern; cvcheck skips it rather than failing."""
    done = _pre_commit(resume_repo, pre_commit_home, "run", "cvcheck", "--files", "package.json")
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_and_other_repository_files_are_not_linted(resume_repo: Path, pre_commit_home: Path) -> None:
    """The hook's exclude pattern: a README (Markdown, but no resume) never blocks a commit."""
    (resume_repo / "README.md").write_text("# My resume\n\nResponsible for building it.\n", encoding="utf-8")
    _git(resume_repo, "add", "README.md")
    done = subprocess.run(
        ["git", "commit", "-m", "Add a README"],
        cwd=resume_repo, env=_env(pre_commit_home), capture_output=True, text=True, timeout=HOOK_TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "README.md" not in done.stderr

"""Cold wall time of `cvcheck lint` on a Markdown resume beside the floor its dependencies
impose (`python -c "import spacy"`), measured in the same run, median of several.

    python benchmarks/lint_startup.py [--runs 9]

The pre-commit hook runs this on every commit that touches a resume. Target: the median at
most 1.2x the floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESUME = ROOT / "examples" / "maya-okafor-mlops.md"
TARGET = 1.2
FLOOR = "python -c 'import spacy' (floor)"
LINT = "cvcheck lint Markdown resume"


def _lint_command(py: str) -> list[str]:
    """`python -m cvcheck lint`, or the same through cvcheck.cli_lint while cli.py does not
    import it yet (the imports and the work are the same)."""
    sys.path.insert(0, str(ROOT))
    from cvcheck.cli import cli

    if "lint" in cli.commands:
        return [py, "-m", "cvcheck", "lint"]
    code = "import sys, cvcheck.cli_lint; from cvcheck.cli import main; sys.exit(main(sys.argv[1:]))"
    return [py, "-c", code, "lint"]


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one cold run; CPU time is the steadier figure
    when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1 is findings at the fail level: still a full run
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "PRE_COMMIT": "1"}
    py = sys.executable
    lint = _lint_command(py)
    commands = {
        FLOOR: [py, "-c", "import spacy"],
        LINT: [*lint, str(RESUME)],
        "cvcheck lint Markdown resume --format sarif": [*lint, "--format", "sarif", str(RESUME)],
    }
    _time(commands[FLOOR], env)  # warm the OS file cache
    # Interleaved, so that a slow moment of the machine falls on every command alike.
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            wall, cpu = _time(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    floor, floor_cpu = statistics.median(walls[FLOOR]), statistics.median(cpus[FLOOR])
    load = os.getloadavg()[0]
    print(f"cold wall time, median of {args.runs} runs ({RESUME.relative_to(ROOT)}; load average {load:.2f})")
    for name in commands:
        med, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        spread = f"(min {min(walls[name]):.3f}, max {max(walls[name]):.3f})"
        cpu_part = f"cpu {cpu:.3f} s {cpu / floor_cpu:4.2f}x"
        print(f"  {name:46} {med:6.3f} s  {med / floor:4.2f}x floor {spread}  {cpu_part}")
    ratio = statistics.median(walls[LINT]) / floor
    print(
        f"target: lint at most {TARGET}x the floor: {'met' if ratio <= TARGET else 'NOT met'} ({ratio:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

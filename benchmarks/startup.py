"""Cold wall time of cvcheck commands beside the floor its dependencies impose
(`python -c "import spacy"`), measured in the same run, median of several.

    python benchmarks/startup.py [--runs 7]

Targets: `cvcheck check` on a two-page PDF at most 1.3x the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "examples" / "maya-okafor-mlops.pdf"


def _time(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
        )
        out.append(time.perf_counter() - start)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "python -c 'import spacy' (floor)": [py, "-c", "import spacy"],
            "cvcheck check two-page PDF (report + scorecard)": [
                py,
                "-m",
                "cvcheck",
                "check",
                str(PDF),
                "--output",
                str(Path(tmp) / "report.html"),
            ],
            "cvcheck check two-page PDF --format json": [
                py,
                "-m",
                "cvcheck",
                "check",
                str(PDF),
                "--format",
                "json",
                "--output",
                str(Path(tmp) / "r.json"),
            ],
        }
        _time(commands["python -c 'import spacy' (floor)"], 1, env)  # warm the OS file cache
        results = {name: _time(cmd, args.runs, env) for name, cmd in commands.items()}
    floor = statistics.median(next(iter(results.values())))
    print(f"cold wall time, median of {args.runs} runs")
    for name, times in results.items():
        med = statistics.median(times)
        print(
            f"  {name:52} {med:6.3f} s   {med / floor:4.2f}x floor   "
            f"(min {min(times):.3f}, max {max(times):.3f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

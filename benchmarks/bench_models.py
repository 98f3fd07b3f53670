"""Benchmark: how long each model file takes to run as a script (issue 12: each < 5 s).

Run by hand::

    python benchmarks/bench_models.py [--repeat R] [--profile-imports] [model ...]

Each model file runs as ``python models/<name>.py`` in a fresh child process (cold: imports,
the solve, every printed table), ``--repeat`` times; the table gives the median wall time and
the median CPU time of the child (user + system).  On a shared machine the CPU time is the
steadier figure: the wall time also counts the time other processes held the cores.
``--profile-imports`` also prints the cost of ``import gametheory`` alone (paid by every file).
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
MODELS = ROOT / "models"


def run_once(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, child CPU seconds, return code) of one run of ``python *args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
    return wall, cpu, proc.returncode


def main(argv: list[str] | None = None) -> None:
    """Print one row per model file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per file (default 3)")
    parser.add_argument("--profile-imports", action="store_true", help="time the import too")
    parser.add_argument("names", nargs="*", help="model names (default: every file)")
    args = parser.parse_args(argv)
    files = sorted(MODELS.glob("*.py"))
    if args.names:
        files = [f for f in files if f.stem in args.names]
    rows: list[tuple[str, list[str]]] = []
    if args.profile_imports:
        rows.append(("import gametheory", ["-c", "import gametheory"]))
    rows += [(f.stem, [str(f.relative_to(ROOT))]) for f in files]
    print(f"{'model file':<26} {'wall s':>8} {'cpu s':>8}  (median of {args.repeat})")
    for name, cmd in rows:
        runs = [run_once(cmd) for _ in range(max(args.repeat, 1))]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        failed = " FAILED" if any(r[2] for r in runs) else ""
        flag = "" if wall < 5 else "  (over 5 s)"
        print(f"{name:<26} {wall:8.2f} {cpu:8.2f}{flag}{failed}")


if __name__ == "__main__":
    main()

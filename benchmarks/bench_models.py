"""Benchmark: how long each model file takes to run as a script (issue 12: each < 5 s).

Run by hand::

    python benchmarks/bench_models.py [--repeat R] [--profile-imports] [--against DIR] [model ...]

Each model file runs as ``python models/<name>.py`` in a fresh child process (cold: imports,
the solve, every printed table), ``--repeat`` times; the table gives the median wall time and
the median CPU time of the child (user + system).  On a shared machine the CPU time is the
steadier figure: the wall time also counts the time other processes held the cores.
``--profile-imports`` also prints the cost of ``import gametheory`` alone (paid by every file)
beside ``import sympy`` alone (issue 16 asks for at most 1.3 times it).  ``--against DIR`` runs
every file of another checkout too (e.g. the main branch), alternating with this one's runs so
that both see the same load, and adds its medians as "before" columns.

Python writes no bytecode cache when ``PYTHONDONTWRITEBYTECODE`` is set, so each run then also
compiles every module of the package: that is part of the figures (say which way you ran).
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


def run_once(args: list[str], root: Path = ROOT) -> tuple[float, float, int]:
    """(wall seconds, child CPU seconds, return code) of one run of ``python *args`` in the
    checkout ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
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
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    parser.add_argument("names", nargs="*", help="model names (default: every file)")
    args = parser.parse_args(argv)
    files = sorted(MODELS.glob("*.py"))
    if args.names:
        files = [f for f in files if f.stem in args.names]
    rows: list[tuple[str, list[str]]] = []
    if args.profile_imports:
        rows.append(("import sympy", ["-c", "import sympy"]))
        rows.append(("import gametheory", ["-c", "import gametheory"]))
    rows += [(f.stem, [str(f.relative_to(ROOT))]) for f in files]
    roots = [ROOT] if args.against is None else [ROOT, args.against.resolve()]
    head = f"{'model file':<26} {'wall s':>8} {'cpu s':>8}"
    if len(roots) > 1:
        head += f" {'before wall':>12} {'before cpu':>11}"
    print(f"{head}  (median of {args.repeat}; load {os.getloadavg()[0]:.1f})")
    for name, cmd in rows:
        runs: list[list[tuple[float, float, int]]] = [[] for _ in roots]
        for _ in range(max(args.repeat, 1)):
            for k, root in enumerate(roots):  # alternating: the same load for both
                runs[k].append(run_once(cmd, root))
        cells = []
        for r in runs:
            cells.append(statistics.median(x[0] for x in r))
            cells.append(statistics.median(x[1] for x in r))
        failed = " FAILED" if any(x[2] for r in runs for x in r) else ""
        flag = "" if cells[0] < 5 else "  (over 5 s)"
        line = f"{name:<26} {cells[0]:8.2f} {cells[1]:8.2f}"
        if len(roots) > 1:
            line += f" {cells[2]:12.2f} {cells[3]:11.2f}"
        print(f"{line}{flag}{failed}")
    print(f"(load average at the end: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()

"""Benchmark: the CPU time of ``import gametheory`` against ``import sympy`` alone (issue 16, item 6).

Run by hand::

    python benchmarks/bench_import.py             # 7 fresh interpreters per import
    python benchmarks/bench_import.py --runs 11

Each import runs in a fresh interpreter (``python -c "import X"``, byte code already compiled),
and its CPU time (user + system, as ``resource.getrusage`` counts it for the child) is measured
from the parent.  The two imports alternate, so that a change of load on a shared machine hits
both; the figure kept for each is the minimum over the runs, and ``ratio`` is gametheory's
divided by sympy's (the goal: under 1.3).  The interpreter's own start-up (``python -c pass``)
is reported too, and is part of every figure.  Two more rows show where the cost went: ``data``
touches the classes a user writes a model with (the parameter space and the games), and
``solve`` builds, solves and prints a 2 x 2 game.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the classes a user writes a model with (loaded eagerly before the package was lazy)
DATA = (
    "import gametheory as gt; "
    "gt.ParameterSpace, gt.NormalFormGame, gt.ExtensiveGame, gt.SignalingGame"
)
# a first answer: a game built, solved and printed
SOLVE = (
    "import gametheory as gt; "
    "str(gt.nash(gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])))"
)


def _cpu(code: str, root: Path) -> float:
    """The CPU seconds a fresh interpreter spends running ``code`` with ``root`` first on its path."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to import from")
    args = parser.parse_args()
    runs, root = args.runs, args.root
    codes = {
        "python": "pass",
        "sympy": "import sympy",
        "gametheory": "import gametheory",
        "data": DATA,
        "solve": SOLVE,
    }
    for code in codes.values():  # compile byte code, warm the file cache
        _cpu(code, root)
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            times[name].append(_cpu(code, root))
    best = {name: min(ts) for name, ts in times.items()}
    for name, t in best.items():
        print(f"{name:>10}: {t:.3f} s CPU (min of {runs})")
    for name in ("gametheory", "data", "solve"):
        print(f"{name:>10} / sympy: {best[name] / best['sympy']:.2f}")


if __name__ == "__main__":
    main()

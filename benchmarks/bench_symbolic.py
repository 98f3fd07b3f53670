"""Benchmark: symbolic solve times, and the end-to-end cost of ``gt.nash`` on numeric games.

Run by hand::

    python benchmarks/bench_symbolic.py

(a) Every equilibrium, with conditions, of symbolic 3 x 3 games with three parameters: the
    crisis-style game below and 10 seeded random games with affine payoffs.  "cold" is a first
    solve in a fresh process state for that game; "warm" repeats it (region decisions cached).
(b) ``gt.nash`` end to end (building exact ``Equilibrium`` objects) on seeded random 8 x 8 integer
    games, against the bare kernel, so the overhead of the result objects is visible.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

sys.path.append(str(Path(__file__).resolve().parents[1]))  # uninstalled checkout

import gametheory as gt
from gametheory.solvers._vertex_enum import extreme_equilibria_exact

c, a, p = sp.symbols("c a p", positive=True)
SPACE = gt.ParameterSpace({c: (0, 10), a: (0, 10), p: (0, 1)})


def crisis_3x3() -> gt.NormalFormGame:
    """Hold / limited strike / escalate, with cost of war c, audience cost a, strike value p."""
    A = [[0, -a, -a], [p, p - c / 2, -c], [1, 1 - c, -c]]
    B = [[0, p, 1], [-a, p - c / 2, 1 - c], [-a, -c, -c]]
    return gt.NormalFormGame.from_matrices(
        A, B, players=("US", "Iran"), actions=[["hold", "strike", "escalate"]] * 2
    )


def random_affine(rng: np.random.Generator) -> gt.NormalFormGame:
    def entry() -> sp.Expr:
        k = rng.integers(-2, 3, size=4)
        return int(k[0]) + int(k[1]) * c + int(k[2]) * a + int(k[3]) * p

    A = [[entry() for _ in range(3)] for _ in range(3)]
    B = [[entry() for _ in range(3)] for _ in range(3)]
    return gt.NormalFormGame.from_matrices(A, B)


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def symbolic() -> None:
    print("(a) symbolic 3x3, three parameters")
    games = [("crisis 3x3", crisis_3x3())]
    rng = np.random.default_rng(2020)
    games += [(f"random affine #{k}", random_affine(rng)) for k in range(10)]
    colds, warms = [], []
    for name, game in games:
        cold, sol = timed(lambda g=game: gt.nash(g, space=SPACE))
        warm, _ = timed(lambda g=game: gt.nash(g, space=SPACE))
        colds.append(cold)
        warms.append(warm)
        print(
            f"  {name:18s} cold {cold:6.2f} s  warm {warm:6.2f} s  "
            f"{len(sol):3d} equilibria, {len(sol.undecided)} undecided"  # type: ignore[attr-defined]
        )
    print(f"  median: cold {statistics.median(colds):.2f} s, warm {statistics.median(warms):.2f} s")


def end_to_end() -> None:
    print("(b) gt.nash end to end vs the bare kernel, random 8x8 integer games (20 seeded)")
    rng = np.random.default_rng(8)
    ours, kernel = [], []
    for _ in range(20):
        A = rng.integers(0, 100, size=(8, 8))
        B = rng.integers(0, 100, size=(8, 8))
        g = gt.NormalFormGame.from_matrices(A, B)
        ours.append(timed(lambda g=g: gt.nash(g))[0])
        kernel.append(timed(lambda A=A, B=B: extreme_equilibria_exact(A.tolist(), B.tolist()))[0])
    mo, mk = statistics.median(ours), statistics.median(kernel)
    print(f"  gt.nash {mo * 1e3:.1f} ms, kernel {mk * 1e3:.1f} ms (overhead x{mo / mk:.1f})")


if __name__ == "__main__":
    symbolic()
    end_to_end()

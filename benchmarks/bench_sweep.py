"""Benchmark: sweeping a model over parameter grids, three ways, in one run.

Run by hand::

    python benchmarks/bench_sweep.py [--points N] [--naive N] [--pointwise N]

For the crisis model (``models/crisis_chicken.py``, a 3x3 game in c and a) and the
calibrated-retaliation model (``models/calibrated_retaliation.py``, a tree with a continuous
choice in W, theta_L, theta_H), prints points per second of

1. **compiled**: ``gt.sweep(solution, ...)`` on the symbolic solution (solved once, untimed),
   over a Cartesian grid of ``--points`` points, the tidy frame built (the median of 5 runs);
2. **per point**: ``gt.sweep(game, ...)``, the game evaluated and solved numerically at each of
   ``--pointwise`` points, serially and on a process pool of 2 workers;
3. **naive**: the loop a researcher writes today, over ``--naive`` points: for the crisis game,
   build the numeric bimatrix at each point and call nashpy's support enumeration; for the
   calibrated model, maximise the expected payoff over r numerically for each warning choice
   (scipy's bounded Brent) and compare.

and the ratios, the number of points where nashpy's support enumeration misses equilibria that
the exact solution has, and the peak memory of a 10^6-point compiled sweep (measured in a fresh
child process: its peak RSS, and the peak of Python allocations during the sweep).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import nashpy  # noqa: E402
import sympy as sp  # noqa: E402
from scipy.optimize import minimize_scalar  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402


def grid_axes(space: gt.ParameterSpace, n: int) -> dict[str, np.ndarray]:
    """About ``n`` points: an equal number of values on each parameter's interval (ends kept
    inside open intervals; constraints are handled by ``outside="drop"``)."""
    k = max(2, round(n ** (1 / len(space.symbols))))
    axes = {}
    for s, iv in space.intervals:
        lo, hi = float(iv.start), float(iv.end)
        eps = 1e-6 * (hi - lo)
        axes[s.name] = np.linspace(lo + eps, hi - eps, k)
    return axes


def per_second(fn: Callable[[], Any], n: int) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return n / (time.perf_counter() - t), out


# -- the naive loops -----------------------------------------------------------------------------


def naive_crisis(game: gt.NormalFormGame, space: gt.ParameterSpace, pts: np.ndarray) -> list[int]:
    """Per point: the numeric bimatrix, nashpy's support enumeration; the number found."""
    row, col = game.players
    a = sp.lambdify(
        space.symbols,
        sp.Matrix(
            [[game.payoff((x, y))[row] for y in game.actions[col]] for x in game.actions[row]]
        ),
    )
    b = sp.lambdify(
        space.symbols,
        sp.Matrix(
            [[game.payoff((x, y))[col] for y in game.actions[col]] for x in game.actions[row]]
        ),
    )
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        for p in pts:
            g = nashpy.Game(np.asarray(a(*p), dtype=float), np.asarray(b(*p), dtype=float))
            found.append(sum(1 for _ in g.support_enumeration()))
    return found


def naive_calibrated(pts: np.ndarray) -> list[float]:
    """Per point: I's best expected payoff over r for each warning choice (scipy), compared."""
    out = []

    def loss(x: float, k: float, a: float, w: float, tl: float, th: float) -> float:
        p = min(max((k * x - tl) / (th - tl), 0.0), 1.0)
        return -(a * x - x * x / 2 - w * p)

    for w, tl, th in pts:
        best = -np.inf
        for warn in (0, 1):
            args = (1 - 0.5 * warn, 1 - 0.1 * warn, w, tl, th)
            res = minimize_scalar(loss, bounds=(0, th / args[0]), method="bounded", args=args)
            best = max(best, -res.fun, -loss(tl / args[0], *args))  # the kink at harm = theta_L
        out.append(best)
    return out


# -- memory --------------------------------------------------------------------------------------


def _memory_child(model: str, n: int, conn: Any) -> None:
    module = load_module(ROOT / "models" / model)
    sol = module.solution()
    axes = grid_axes(sol.space, n)
    gt.sweep(sol, outside="drop", **{k: v[:2] for k, v in axes.items()})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = gt.sweep(sol, outside="drop", **axes)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n, rows = res.n_points, len(res.frame)
    del res
    tracemalloc.start()  # a second run, traced: the peak of Python (and numpy) allocations
    gt.sweep(sol, outside="drop", **axes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    conn.send((n, rows, peak / 2**20, before, after))


def peak_memory(model: str, n: int) -> tuple[int, int, float, float, float]:
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_memory_child, args=(model, n, send))
    child.start()
    out = recv.recv()
    child.join()
    return out


# -- the table -----------------------------------------------------------------------------------


def bench_model(name: str, file: str, args: argparse.Namespace) -> None:
    module = load_module(ROOT / "models" / file)
    sol = module.solution()
    space = sol.space
    axes = grid_axes(space, args.points)
    gt.sweep(sol, outside="drop", **{k: v[:2] for k, v in axes.items()})  # warm the compile path
    rates = []
    for _ in range(5):  # the median of 5; each result freed before the next run
        rate, res = per_second(lambda: gt.sweep(sol, outside="drop", **axes), 1)
        rates.append(rate)
    compiled_rate = sorted(rates)[len(rates) // 2]
    n_grid = int(np.prod([len(v) for v in axes.values()]))
    compiled_rate *= n_grid
    rng = np.random.default_rng(0)
    sample = space.sample(args.naive, rng)
    pts = np.column_stack([sample[s] for s in space.symbols])
    print(f"\n{name}: {len(sol)} equilibria in the symbolic solution; parameters {space}")
    print(
        f"  compiled sweep     {compiled_rate:>14,.0f} points/s  ({n_grid:,} grid points, {len(res.frame):,} rows, {res.n_points - res.frame['point'].nunique():,} outside the space)"
    )
    pointwise = _pointwise(module, space, rng, args.pointwise)
    for label, rate in pointwise:
        print(f"  {label:<18} {rate:>14,.0f} points/s  ({args.pointwise} points)")
    if file == "crisis_chicken.py":
        naive_rate, found = per_second(lambda: naive_crisis(module.game, space, pts), len(pts))
        exact = [
            len(sol.at({s: float(x) for s, x in zip(space.symbols, p, strict=True)})) for p in pts
        ]
        missed = sum(f < e for f, e in zip(found, exact, strict=True))
        what = f"build the bimatrix, nashpy support enumeration; misses equilibria at {missed} of {len(pts)} points"
    else:
        naive_rate, _ = per_second(lambda: naive_calibrated(pts), len(pts))
        what = "scipy maximisation over r for each warning choice"
    print(f"  naive loop         {naive_rate:>14,.0f} points/s  ({len(pts)} points: {what})")
    print(f"  compiled / naive   {compiled_rate / naive_rate:>14,.0f}x")
    for label, rate in pointwise:
        print(f"  {label + ' / naive':<18} {rate / naive_rate:>14,.1f}x")
    if len(pointwise) == 2:
        print(f"  pool / serial      {pointwise[1][1] / pointwise[0][1]:>14,.2f}x")
    n, rows, traced, before, after = peak_memory(file, 10**6)
    print(
        f"  10^6-point sweep memory: peak RSS {after:,.0f} MB ({before:,.0f} MB before the sweep), "
        f"{traced:,.0f} MB of allocations at peak ({n:,} points, {rows:,} rows)"
    )


def _pointwise(
    module: Any, space: gt.ParameterSpace, rng: np.random.Generator, n: int
) -> list[tuple[str, float]]:
    """Per-point sweeps of the game, serially and on 2 processes (identical frames)."""
    points = {s.name: v for s, v in space.sample(n, rng).items()}
    try:
        serial_rate, serial = per_second(
            lambda: gt.sweep(module.game, space=space, points=points), n
        )
    except gt.GameError as exc:  # per-point sweeps unavailable for this game
        print(f"  per-point sweep unavailable: {exc}")
        return []
    with ProcessPoolExecutor(2) as pool:
        gt.sweep(
            module.game, space=space, points={k: v[:4] for k, v in points.items()}, executor=pool
        )
        pool_rate, pooled = per_second(
            lambda: gt.sweep(module.game, space=space, points=points, executor=pool), n
        )
    if not serial.frame.equals(pooled.frame):
        raise SystemExit("the pooled per-point sweep differs from the serial one")
    return [("per point, serial", serial_rate), ("per point, 2 procs", pool_rate)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--points", type=int, default=10**6, help="compiled grid size (10^6)")
    parser.add_argument("--naive", type=int, default=300, help="points of the naive loop (300)")
    parser.add_argument("--pointwise", type=int, default=300, help="points per-point (300)")
    args = parser.parse_args(argv)
    bench_model("Crisis (Chicken, 3x3)", "crisis_chicken.py", args)
    bench_model("Calibrated retaliation (tree, continuous r)", "calibrated_retaliation.py", args)


if __name__ == "__main__":
    main()

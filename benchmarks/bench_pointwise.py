"""Benchmark: per-point sweeps of a game, serial against a process pool, beside the compiled sweep.

Run by hand::

    python benchmarks/bench_pointwise.py [--points N] [--workers W] [--repeat R]

On ``models/crisis_chicken.py`` (a 2x2 game in two parameters), sweeps ``N`` sampled points of
the model's space with ``gt.sweep(game, ...)``: serially, and on a
``ProcessPoolExecutor(W)`` (timed both with the pool's start-up, "cold", and on a pool already
started, "warm"); then the compiled sweep ``gt.sweep(gt.solve(game, space), ...)`` of the same
points for scale.  Reports points per second (best of ``R`` runs) and the pool's speed-up over
serial, and checks that every frame is identical to the serial one.  The speed-up can only
approach ``W`` on an otherwise idle machine with at least ``W`` cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402


def best(runs: int, fn: Any) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = load_module(ROOT / "models" / "crisis_chicken.py")
    game, space = model.game, model.space
    pts = space.sample(args.points, np.random.default_rng(0))
    n = args.points

    def run(executor: Any = None) -> gt.SweepResult:
        return gt.sweep(game, space=space, points=pts, executor=executor)

    serial_t, serial = best(args.repeat, run)

    def cold() -> gt.SweepResult:
        with ProcessPoolExecutor(args.workers) as ex:
            return run(ex)

    cold_t, cold_res = best(args.repeat, cold)
    with ProcessPoolExecutor(args.workers) as ex:
        list(ex.map(abs, range(args.workers)))  # start the workers
        run(ex)  # and let each compile the game once
        warm_t, warm_res = best(args.repeat, lambda: run(ex))
    sol = gt.solve(game, space)
    compiled_t, _ = best(args.repeat, lambda: gt.sweep(sol, points=pts))
    same = cold_res.frame.equals(serial.frame) and warm_res.frame.equals(serial.frame)
    print(f"crisis_chicken, {n} points, {args.workers} workers (best of {args.repeat})")
    print(f"  per point, serial        {n / serial_t:10,.0f} points/s")
    print(f"  per point, pool (cold)   {n / cold_t:10,.0f} points/s   x{serial_t / cold_t:.2f}")
    print(f"  per point, pool (warm)   {n / warm_t:10,.0f} points/s   x{serial_t / warm_t:.2f}")
    print(f"  compiled (for scale)     {n / compiled_t:10,.0f} points/s")
    print(f"  frames identical: {same}")


if __name__ == "__main__":
    main()

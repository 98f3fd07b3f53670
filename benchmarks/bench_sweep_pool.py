"""Benchmark: a process pool against serial per-point sweeps, by CPU time (robust to load).

Run by hand::

    python benchmarks/bench_sweep_pool.py [--points 2000] [--reps 5]

On a shared machine, wall-clock ratios of a pool against a serial run measure the other
processes' load more than the pool (a process that gets 40% of a core alone gets about as much
again with a second one).  This benchmark measures CPU time instead: the serial sweep's CPU
time, and for the pooled sweep the parent's CPU time plus the busiest worker's (read from
``/proc/<pid>/stat``, Linux only; 10 ms clock ticks, so the figures are sums over
``--reps`` repetitions).  ``serial / critical path`` is the
speed-up the pool would give on an idle machine with as many cores as workers (an upper bound:
it ignores the time tasks wait in queues and pipes).

Games: random two-player games with payoffs affine in two parameters (2x2, 3x3, 4x4), and the
crisis model (``models/crisis_chicken.py``, 3x3), at ``--points`` sampled points; the pool has
2 workers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def random_game(size: int) -> tuple[gt.NormalFormGame, gt.ParameterSpace]:
    c, a = sp.symbols("c a", positive=True)
    rng = np.random.default_rng(size)

    def entry(with_c: bool) -> sp.Expr:
        base = int(rng.integers(-5, 6)) + int(rng.integers(-3, 4)) * a
        return base + int(rng.integers(-3, 4)) * c if with_c else base

    A = [[entry(True) for _ in range(size)] for _ in range(size)]
    B = [[entry(False) for _ in range(size)] for _ in range(size)]
    return gt.NormalFormGame.from_matrices(A, B), gt.ParameterSpace({c: (0, 10), a: (0, 10)})


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def measure(name: str, game: object, space: gt.ParameterSpace, n: int, reps: int) -> None:
    points = {s.name: v for s, v in space.sample(n, np.random.default_rng(0)).items()}
    warm = {k: v[:4] for k, v in points.items()}
    gt.sweep(game, space=space, points=warm)
    serial, pooled = [], []
    with ProcessPoolExecutor(2) as pool:
        gt.sweep(game, space=space, points=warm, executor=pool)  # start and warm the workers
        pids = list(pool._processes)  # CPU accounting only
        for _ in range(reps):
            t0 = time.process_time()
            ref = gt.sweep(game, space=space, points=points)
            serial.append(time.process_time() - t0)
            before = [cpu_of(p) for p in pids]
            t0 = time.process_time()
            res = gt.sweep(game, space=space, points=points, executor=pool)
            parent = time.process_time() - t0
            workers = [cpu_of(p) - b for p, b in zip(pids, before, strict=True)]
            pooled.append((parent, workers))
            if not ref.frame.equals(res.frame):
                raise SystemExit(f"{name}: the pooled sweep differs from the serial one")
    # sums over the repetitions: one sweep of a small game takes less than a clock tick
    s = sum(serial)
    parent = sum(p for p, _ in pooled)
    workers = [sum(w[k] for _, w in pooled) for k in range(len(pids))]
    crit = parent + max(workers)
    print(
        f"{name:<16} serial {s * 1e3:7.0f} ms CPU ({reps} sweeps) | pool: parent {parent * 1e3:5.0f} ms, "
        f"workers {' + '.join(f'{w * 1e3:.0f}' for w in workers)} ms | "
        f"serial / critical path {s / crit if crit else float('inf'):5.2f}x"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=20)
    args = parser.parse_args(argv)
    for size in (2, 3, 4):
        game, space = random_game(size)
        measure(f"random {size}x{size}", game, space, args.points, args.reps)
    crisis = load_module(str(ROOT / "models" / "crisis_chicken.py"))
    measure("crisis (3x3)", crisis.game, crisis.space, args.points, args.reps)


if __name__ == "__main__":
    main()

"""Benchmark: per-point sweeps of small games against the naive nashpy loop, serial and pooled.

Run by hand::

    python benchmarks/bench_pointwise.py [--points N] [--workers W] [--repeat R] [--quiet S]

For each game (``models/crisis_chicken.py``, a 2x2 game in two parameters; a 3x3 crisis game in
one parameter; a 4x4 game in three parameters with seeded integer payoffs), on ``N`` points
sampled from its space, in one run:

- **naive**: the loop a user would write: the payoffs lambdified once, then at each point the
  bimatrix built and ``nashpy.Game(A, B).support_enumeration()`` listed;
- **serial**: ``gt.sweep(game, space=..., points=...)`` (the batched float path, with the points
  it cannot decide solved exactly);
- **pools**: the same on a ``ProcessPoolExecutor(W)`` and on a ``gt.ProcessPool(W)``, already
  started ("warm": start-up is paid once per session, not per sweep; every worker has compiled
  the game), and on a ``gt.ProcessPool`` including its start-up ("cold").  The caller solves one
  share itself (on 2 cores, a pool of 2 gets one task and the caller the other).

Reports points per second (best of ``R``; the runs alternate serial and the two pools so load
changes hit all three; ``--quiet S`` waits up to ``S`` seconds before each round for idle
cores), the ratios serial/naive and pool/serial (best; of the medians; the median of the
rounds' ratios), the CPU time of the serial sweep and of each process of the pooled ones (the
caller's with its threads: the busiest process bounds the pool's speed-up on idle cores), and
checks that every pooled frame equals the serial one.  A pool's speed-up can only approach
``W`` on an otherwise idle machine with at least ``W`` cores: the load is printed.

Measured (2,000 points, W = 2, warm; a 2-core machine shared with other sessions, so every
figure moves by 0.05-0.1 between runs; issue 15 item 5 asks 1.6x):

=================== ========= ==================== ====================
game                serial    ProcessPoolExecutor  gt.ProcessPool
                              best (median pair)   best (median pair)
=================== ========= ==================== ====================
crisis_chicken 2x2  6.2-6.8ms 1.35-1.55 (1.2-1.5)  1.58-1.69 (1.55-1.65)
crisis 3x3          35-38 ms  1.67-1.76 (1.6-1.7)  1.82-1.84 (1.79-1.87)
random 4x4          180-192ms 1.89-1.94 (1.9)      1.99-2.03 (2.0)
=================== ========= ==================== ====================

Where the 2x2 sweep's time goes (CPU, quiet machine): about 5.3 ms of kernel work that divides
(2.65 us a point); 0.37 ms of kernel set-up per share (each process pays it); about 0.15 ms
before the worker's task is sent (options, checking the points: a ``gt.ProcessPool`` worker
is woken meanwhile) and 0.25-0.35 ms after the shares are done (assembling the frame).  On a
``ProcessPoolExecutor`` the task starts 0.3-0.7 ms after it is submitted and its 125 KB result
takes 0.3-0.5 ms to come back (the executor's threads in the caller wait for the GIL while it
computes its share); on a ``gt.ProcessPool`` the caller writes the task into the worker's pipe
itself, the worker (woken first) starts within 0.1 ms, and the result is read in about 0.1 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout, even where another one is installed

import nashpy  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402


def games() -> dict[str, tuple[gt.NormalFormGame, gt.ParameterSpace]]:
    model = load_module(ROOT / "models" / "crisis_chicken.py")
    c = sp.Symbol("c", positive=True)
    # a 3x3 crisis: hold, threaten, strike; war costs c, more to a side that only threatened
    half = sp.Rational(1, 2)
    rows = [[0, -1, -2], [1, -c / 2, -c - half], [2, half - c, -c]]
    crisis3 = gt.NormalFormGame.from_matrices(rows, [list(col) for col in zip(*rows, strict=True)])
    x, y, z = sp.symbols("x y z", positive=True)
    rng = np.random.default_rng(4)
    base = rng.integers(-5, 6, size=(2, 4, 4))
    params = [x, y, z, sp.Integer(0)]
    a_ = [[int(base[0, i, j]) + params[(i + j) % 4] for j in range(4)] for i in range(4)]
    b_ = [[int(base[1, i, j]) - params[(i * j) % 4] for j in range(4)] for i in range(4)]
    four = gt.NormalFormGame.from_matrices(a_, b_)
    return {
        "crisis_chicken 2x2": (model.game, model.space),
        "crisis 3x3": (crisis3, gt.ParameterSpace({c: (0, 6)})),
        "random 4x4": (four, gt.ParameterSpace({x: (0, 4), y: (0, 4), z: (0, 4)})),
    }


def naive(game: gt.NormalFormGame, pts: dict[Any, np.ndarray]) -> list[int]:
    """The loop a user writes: build the bimatrix at each point, nashpy support enumeration."""
    syms = list(game.parameters)
    m, n = game.shape
    f = sp.lambdify(syms, [v for row in game.table for v in row], modules="numpy")
    cols = [pts[s] for s in syms]
    counts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        for k in range(len(cols[0])):
            vals = np.array(f(*(col[k] for col in cols)), dtype=float).reshape(m, n, 2)
            eqs = list(nashpy.Game(vals[..., 0], vals[..., 1]).support_enumeration())
            counts.append(len(eqs))
    return counts


def cpu(pid: int | str = "self") -> float:
    """A process's CPU time in seconds: this one's with all its threads (the pool's threads
    pickle and send the tasks), another's from ``/proc/<pid>/schedstat`` (its main thread)."""
    if pid == "self":
        return time.process_time()
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except OSError:  # not Linux: this process only
        return time.process_time() if pid == "self" else 0.0


def busy(dt: float = 0.2) -> float:
    """The share of the machine's CPU time not idle over ``dt`` seconds (``/proc/stat``)."""

    def snap() -> tuple[int, int]:
        v = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return sum(v), v[3] + v[4]

    t0, i0 = snap()
    time.sleep(dt)
    t1, i1 = snap()
    return 1 - (i1 - i0) / max(1, t1 - t0)


def wait_idle(timeout: float) -> None:
    """Wait until the cores are idle (at most 10% busy for 0.2 s), for at most ``timeout``."""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end and busy() > 0.1:
            pass
    except OSError:  # not Linux: no waiting
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-points", type=int, default=500, help="the naive loop's sample")
    parser.add_argument(
        "--games", default="", help="only the games whose names contain this (e.g. 2x2)"
    )
    parser.add_argument(
        "--quiet",
        type=float,
        default=0.0,
        help="before each serial/pool pair, wait (up to this many seconds) until the cores are idle",
    )
    args = parser.parse_args()
    n = args.points
    print(f"load average {os.getloadavg()}, {os.cpu_count()} cores")
    with ProcessPoolExecutor(args.workers) as ppe, gt.ProcessPool(args.workers) as own:
        list(ppe.map(abs, range(args.workers)))  # start the workers
        pools: dict[str, Any] = {"ProcessPoolExecutor": ppe, "gt.ProcessPool": own}
        pids = {
            "ProcessPoolExecutor": lambda: list(ppe._processes),
            "gt.ProcessPool": lambda: [w.process.pid for w in own._workers],
        }
        for name, (game, space) in games().items():
            if args.games not in name:
                continue
            pts = space.sample(n, np.random.default_rng(0))
            sub = {k: v[: args.naive_points] for k, v in pts.items()}
            c0, t = cpu(), time.perf_counter()
            naive(game, sub)
            naive_rate = len(next(iter(sub.values()))) / (time.perf_counter() - t)
            naive_cpu = len(next(iter(sub.values()))) / (cpu() - c0)

            def run(
                ex: Any = None,
                pts: Any = pts,
                game: Any = game,
                space: Any = space,
                size: Any = None,
            ) -> Any:
                return gt.sweep(game, space=space, points=pts, executor=ex, chunk_size=size)

            ref = run()
            for pool in pools.values():
                for _ in range(3):  # small tasks, so that every worker compiles the game once
                    run(pool, size=max(1, n // 16))
            serial_t: list[float] = []
            cpu_t: list[float] = []
            pool_t: dict[str, list[float]] = {k: [] for k in pools}
            path: dict[str, list[Any]] = {k: [] for k in pools}
            same = True
            for _ in range(args.repeat):  # alternate, so load changes hit all three
                wait_idle(args.quiet)
                c0, t0 = cpu(), time.perf_counter()
                res = run()
                serial_t.append(time.perf_counter() - t0)
                cpu_t.append(cpu() - c0)
                same &= res.frame.equals(ref.frame)
                for key, pool in pools.items():
                    procs = pids[key]()
                    c0, w0, t0 = cpu(), [cpu(p) for p in procs], time.perf_counter()
                    pooled = run(pool)
                    pool_t[key].append(time.perf_counter() - t0)
                    work = [cpu(p) - w for p, w in zip(procs, w0, strict=True)]
                    path[key].append((cpu() - c0, work))
                    same &= pooled.frame.equals(ref.frame)
            t0 = time.perf_counter()
            with gt.ProcessPool(args.workers) as cold_pool:
                run(cold_pool)
            cold_t = time.perf_counter() - t0
            s = min(serial_t)
            print(f"{name}, {n} points ({args.naive_points} for naive), best of {args.repeat}")
            print(f"  naive nashpy loop        {naive_rate:10,.0f} points/s")
            print(
                f"  serial                   {n / s:10,.0f} points/s   x{n / s / naive_rate:.1f} naive"
            )
            serial_a = np.array(serial_t)
            for key in pools:
                p, pa = min(pool_t[key]), np.array(pool_t[key])
                print(
                    f"  {key + f'({args.workers}) warm':24s} {n / p:10,.0f} points/s   "
                    f"x{s / p:.2f} serial (medians x{np.median(serial_a) / np.median(pa):.2f}, "
                    f"median pair x{np.median(serial_a / pa):.2f})"
                )
            print(
                f"  gt.ProcessPool({args.workers}) cold  {n / cold_t:10,.0f} points/s   "
                f"x{s / cold_t:.2f} (its start-up included)"
            )
            print(
                f"  serial CPU time    {min(cpu_t) * 1e3:8.1f} ms (wall {s * 1e3:.1f} ms): "
                f"{n / min(cpu_t):,.0f} points per CPU second, naive {naive_cpu:,.0f}: "
                f"x{n / min(cpu_t) / naive_cpu:.1f}"
            )
            for key in pools:
                parent, work = min(path[key], key=lambda pw: max(pw[0], *pw[1]))
                bound = max(parent, *work)
                print(
                    f"  {key} CPU time: {parent * 1e3:.1f} ms in the caller (its share "
                    f"included), workers {', '.join(f'{w * 1e3:.1f}' for w in work)} ms: the "
                    f"busiest process {bound * 1e3:.1f} ms, so on idle cores at best "
                    f"x{min(cpu_t) / bound:.2f} serial"
                )
            print(f"  frames identical (pools, serial): {same}")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()

"""Benchmark: subgame-perfect equilibria of the escalation ladder by symbolic backward induction.

Run by hand::

    python benchmarks/bench_spe.py [--repeat R] [--max-n N] [--timeout T]

First the other speed targets of issue 12 (a 1,000-move chain, a ladder at a tie point, the
models restated as games).  Then, for ladders with N = 4..8 rungs and equal reach
J_A = J_B = J = 1..3 (``build(N, J, J)`` from ``models/escalation_ladder.py``), times ``gt.spe``
on the symbolic tree (parameters V, c_A, c_B, W_A, W_B in ``space_for(N)``) and on the numeric tree at one interior point, and prints the tree's size
(information sets, leaves), the number of equilibria found (of which how many hold on a region of
full dimension, i.e. at a generic point, the rest lying on tie boundaries such as ``2*c_A = V``)
and the peak memory of the run.

Each case runs in a fresh child process (so "cold" is really cold and a runaway case can be
stopped after ``--timeout`` seconds); "warm" is the median of the ``R - 1`` further runs in that
process.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import sympy as sp  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402
from gametheory.games.tree import Outcome, node_paths  # noqa: E402

MODEL = ROOT / "models" / "escalation_ladder.py"
POINT = {
    "V": 10,
    "c_A": Fraction(3, 2),
    "c_B": Fraction(7, 4),
    "W_A": -100,
    "W_B": -100,
}  # every jump of <= 3 pays; no ties


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first run, median of the later runs (or the first), last result) in seconds."""
    times, out = [], None
    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:] or times), out


def full_dimensional(eq: gt.Equilibrium) -> bool:
    """Whether an equilibrium's conditions have no equality (it holds on an open region)."""
    return not any(isinstance(a, sp.Eq) for a in sp.preorder_traversal(eq.conditions))


def run_case(N: int, J: int, repeat: int, conn: Any) -> None:
    """Solve one ladder in this (child) process and send back the row's figures."""
    ladder = load_module(MODEL)
    game = ladder.build(N, J, J)
    cold, warm, sol = timed(lambda: gt.spe(game, space=ladder.space_for(N)), repeat)
    numeric = game.at(POINT)
    _, num_time, num_sol = timed(lambda: gt.spe(numeric), repeat)
    deterred = all(eq.outcomes.get("status quo", 0) == 1 for eq in num_sol)
    conn.send(
        {
            "infosets": len(game.infosets),
            "leaves": sum(isinstance(n, Outcome) for _, n in node_paths(game.root)),
            "cold": cold,
            "warm": warm,
            "eq": len(sol),
            "open": sum(full_dimensional(eq) for eq in sol),
            "undecided": len(sol.undecided),
            "numeric": num_time,
            "num_eq": len(num_sol),
            "deterred": "yes" if deterred else "no",
            "mem_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def chain(n: int, ties: bool = False) -> gt.ExtensiveGame:
    """A centipede of ``n`` moves: the mover stops for k + 2, leaving the other k; with
    ``ties``, stopping always pays the other 1 and the mover k mod 3 (indifferences everywhere)."""
    node: Any = Outcome(A=0, B=0)
    for k in range(n):
        mover, other = ("A", "B") if k % 2 else ("B", "A")
        stop = {mover: k % 3, other: 1} if ties else {mover: k + 2, other: k}
        node = gt.Decision(mover, {"stop": Outcome(**stop), "go": node})
    return gt.ExtensiveGame(node, players=["A", "B"])


def other_cases(repeat: int) -> None:
    """Issue 12's other speed targets: a long chain, the models restated as games."""
    models = ROOT / "models"
    ladder = load_module(MODEL)
    boundary = {"V": 6, "c_A": 5, "c_B": 3, "W_A": -100, "W_B": -100}  # 2*c_B = V: a tie
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("1,000-move chain (numeric)", lambda: gt.spe(chain(1000))),
        ("1,000-move chain, ties everywhere", lambda: gt.spe(chain(1000, ties=True))),
        ("ladder N=10 J=3 at a tie point", lambda: gt.spe(ladder.build(10, 3, 3).at(boundary))),
        (
            "calibrated_retaliation, 7 symbols",
            load_module(models / "calibrated_retaliation.py").solution,
        ),
        ("bargaining (private cost)", load_module(models / "bargaining.py").solution),
        (
            "alternating offers, 4 periods",
            lambda: gt.spe(*_alternating(load_module(models / "bargaining.py"), 4)),
        ),
    ]
    print("\nother cases")
    for name, fn in cases:
        cold, warm, sol = timed(fn, repeat)
        print(f"  {name:<36} cold {cold:7.3f} s  warm {warm:7.3f} s  #eq {len(sol)}")


def _alternating(module: Any, horizon: int) -> tuple[Any, Any]:
    return module.alternating_offers(horizon), module.alternating_space


def main(argv: list[str] | None = None) -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    parser.add_argument("--max-n", type=int, default=8, help="largest N (default 8)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per case (300)")
    parser.add_argument("--min-n", type=int, default=4, help="smallest N (default 4)")
    args = parser.parse_args(argv)
    other_cases(args.repeat)
    header = (
        f"{'N':>2} {'J':>2} {'infosets':>8} {'leaves':>6} | {'cold s':>8} {'warm s':>8} "
        f"{'#eq':>5} {'#open':>5} {'#undec':>6} {'peak MB':>8} | {'numeric s':>9} {'#eq':>4} "
        f"{'A deterred':>10}"
    )
    print("gt.spe on the escalation ladder build(N, J, J)")
    print(header)
    print("-" * len(header))
    ctx = mp.get_context("spawn")
    for N in range(args.min_n, args.max_n + 1):
        for J in range(1, 4):
            recv, send = ctx.Pipe(duplex=False)
            child = ctx.Process(target=run_case, args=(N, J, args.repeat, send))
            child.start()
            got = recv.poll(args.timeout)
            if not got:
                child.terminate()
                child.join()
                print(f"{N:>2} {J:>2} {'':>8} {'':>6} | > {args.timeout:.0f} s: stopped")
                continue
            r = recv.recv()
            child.join()
            print(
                f"{N:>2} {J:>2} {r['infosets']:>8} {r['leaves']:>6} | {r['cold']:>8.3f} "
                f"{r['warm']:>8.3f} {r['eq']:>5} {r['open']:>5} {r['undecided']:>6} "
                f"{r['mem_mb']:>8.0f} | {r['numeric']:>9.4f} {r['num_eq']:>4} "
                f"{r['deterred']:>10}"
            )


if __name__ == "__main__":
    main()

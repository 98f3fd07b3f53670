"""Benchmark: perfect Bayesian equilibria of Beer–Quiche and of the incomplete-information models.

Run by hand::

    python benchmarks/bench_pbe.py [--repeat R]

For Beer–Quiche (Cho & Kreps 1987) at the paper's prior and with a symbolic prior, with and
without the intuitive criterion, and for every model file in ``models/`` whose ``solution()``
returns perfect Bayesian equilibria, prints the number of support shapes, the number of
equilibria and the time of ``gt.pbe`` (first run, "cold", and the median of the later runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import sympy as sp  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402
from gametheory.solvers._pbe_tree import shapes_count  # noqa: E402
from tests.fixtures import beer_quiche  # noqa: E402


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    times, out = [], None
    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:] or times), out


def row(name: str, game: Any, fn: Callable[[], gt.Solution], repeat: int) -> None:
    tree = game.to_extensive() if hasattr(game, "to_extensive") else game
    cold, warm, sol = timed(fn, repeat)
    shapes = shapes_count(tree.infosets)
    print(f"{name:<44} {shapes:>7} {len(sol):>5} {cold:>9.3f} {warm:>9.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    args = parser.parse_args(argv)
    print(f"{'game':<44} {'shapes':>7} {'#eq':>5} {'cold s':>9} {'warm s':>9}")
    bq = beer_quiche()
    row("Beer-Quiche, P(weak) = 1/10", bq, lambda: gt.pbe(bq), args.repeat)
    row(
        "Beer-Quiche, 1/10, intuitive criterion",
        bq,
        lambda: gt.pbe(bq, refine="intuitive"),
        args.repeat,
    )
    p = sp.Symbol("p", positive=True)
    bqs, space = beer_quiche(p), gt.ParameterSpace({p: (0, 1)})
    row("Beer-Quiche, symbolic prior", bqs, lambda: gt.pbe(bqs, space), args.repeat)
    row(
        "Beer-Quiche, symbolic prior, intuitive",
        bqs,
        lambda: gt.pbe(bqs, space, refine="intuitive"),
        args.repeat,
    )
    for path in sorted((ROOT / "models").glob("*.py")):
        module = load_module(path)
        make = getattr(module, "solution", None)
        if not callable(make):
            continue
        probe = make()
        if probe.concept.split()[0] != "pbe":
            continue
        row(f"models/{path.name}", module.game, make, args.repeat)


if __name__ == "__main__":
    main()

"""Benchmark: perfect Bayesian equilibria of Beer–Quiche and of the incomplete-information models.

Run by hand::

    python benchmarks/bench_pbe.py [--repeat R]

For Beer–Quiche (Cho & Kreps 1987) at the paper's prior and with a symbolic prior, with and
without the refinements, Beer–Quiche with the strong type split in two, seeded random signalling
games with 3 types × 2 messages × 3 replies and 4 × 3 × 3, the Unilateral Deterrence Game of
Zagare & Kilgour (``models/perfect_deterrence.py``) at a point and with symbolic priors, and every
model file in ``models/`` whose ``solution()`` returns perfect Bayesian equilibria: the blind
product of support shapes, the shapes the pruned search solved, the number of equilibria and the
time of ``gt.pbe`` (first run, "cold", and the median of the later runs).  Where pygambit is
installed, the last column is the time of its exact ``enummixed_solve`` on the same numeric game
(every extreme Nash equilibrium of the reduced normal form: the nearest peer computation; Gambit
has no PBE solver), and the ratio of ours to it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # uninstalled checkout

import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.cli import load_module  # noqa: E402
from gametheory.solvers._pbe_tree import shapes_count  # noqa: E402
from gametheory.testing import random_signalling_game  # noqa: E402
from tests.fixtures import beer_quiche  # noqa: E402
from tests.test_pbe_general import split_beer_quiche  # noqa: E402


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    times, out = [], None
    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:] or times), out


def gambit_time(tree: gt.ExtensiveGame, repeat: int) -> float | None:
    """pygambit's exact enumeration of extreme Nash equilibria on the same game, or None."""
    try:
        import pygambit as gbt
    except ImportError:
        return None
    if tree.parameters:
        return None
    sizes = [len(plans) for plans in tree.plans.values()]
    if sizes and sizes[0] * max(sizes[1:] or [1]) > 600:
        return None  # enummixed takes minutes here (4 types x 3 messages: 81 x 27 plans)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.efg"
        path.write_text(tree.to_gambit(), encoding="utf-8")
        game = gbt.read_efg(str(path))
    _, warm, _ = timed(lambda: gbt.nash.enummixed_solve(game, rational=True), repeat)
    return warm


def row(name: str, game: Any, fn: Callable[[], gt.Solution], repeat: int) -> None:
    tree = game.to_extensive() if hasattr(game, "to_extensive") else game
    cold, warm, sol = timed(fn, repeat)
    shapes = shapes_count(tree.infosets)
    solved = next((str(d.solved) for d in sol.diagnostics if isinstance(d, gt.Searched)), "-")
    peer = gambit_time(tree, repeat)
    tail = f" {peer:>9.3f} {warm / peer:>7.1f}x" if peer else ""
    print(
        f"{name:<44} {shapes:>8} {solved:>6} {len(sol):>5} {cold:>9.3f} {warm:>9.3f}{tail}"
        + ("" if sol.complete else "  (incomplete)")
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    parser.add_argument(
        "--large", type=int, default=1, help="seeds of the 4 x 3 x 3 games (default 1)"
    )
    args = parser.parse_args(argv)
    print(
        f"{'game':<44} {'product':>8} {'solved':>6} {'#eq':>5} {'cold s':>9} {'warm s':>9}"
        f" {'gambit s':>9} {'ratio':>8}"
    )
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
    row("Beer-Quiche, 1/10, D1", bq, lambda: gt.pbe(bq, refine="D1"), args.repeat)
    split = split_beer_quiche()
    row("Beer-Quiche, strong type split in two", split, lambda: gt.pbe(split), args.repeat)
    for t, m, a, seeds in ((3, 2, 3, range(3)), (4, 3, 3, range(args.large))):
        for seed in seeds:
            g = random_signalling_game(np.random.default_rng(seed), t, m, a)
            row(
                f"random {t} types x {m} messages x {a} replies #{seed}",
                g,
                lambda g=g: gt.pbe(g),
                1,
            )
    pd = load_module(ROOT / "models" / "perfect_deterrence.py")
    point = pd.game.at(pd.scenarios["jan2020"])
    row("Unilateral Deterrence Game, jan2020 point", point, lambda: gt.pbe(point), args.repeat)
    row(
        "Unilateral Deterrence Game, symbolic priors",
        pd.game,
        lambda: gt.pbe(pd.game, pd.space),
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

"""Benchmark: logit QRE on the principal branch, ``gt.qre`` against pygambit's ``logit_solve``.

Run by hand::

    python benchmarks/bench_qre.py            # 12 games per family
    python benchmarks/bench_qre.py --quick    # 4 games per family

Families (seeded): random n x n bimatrix games (integer payoffs 0..99) for n = 2, 4, 8;
random 3-player 3 x 3 x 3 games; random trees with chance (agent form: a chance move of 2-3
states, one player moving with or without seeing it, the other seeing only that move).  For each
game: the point at lambda = 5 (``gt.qre(game, lam=5)`` against
``pygambit.qre.logit_solve_lambda(game, [5])``) and the limit (``gt.qre(game, lam=math.inf)``,
which also matches the limit to ``gt.nash`` on normal-form games, against
``pygambit.nash.logit_solve``).  Times are medians over the family's games (best of 3 runs
each); ``ratio`` is ours divided by pygambit's (below 1: we are faster).  ``max gap`` is the
largest probability difference between the two answers at lambda = 5 (where the two tracers
can legitimately differ: on a game whose branch turns back at 5, or crosses another curve of
QRE before it; counted in ``differ``).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))  # uninstalled checkout

import gametheory as gt
from gametheory.games.tree import Chance, Decision, Node, Outcome

LAM = 5.0


def best_of(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def normal_form(rng: np.random.Generator, shape: tuple[int, ...]) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(*(rng.integers(0, 100, size=shape) for _ in shape))


def tree(rng: np.random.Generator) -> gt.ExtensiveGame:
    states = ["s1", "s2", "s3"][: int(rng.integers(2, 4))]
    sees = bool(rng.integers(0, 2))

    def leaf() -> Outcome:
        return Outcome(A=int(rng.integers(-9, 10)), B=int(rng.integers(-9, 10)))

    branches: dict[str, tuple[object, Node]] = {}
    for s in states:
        move = Decision(
            "A",
            {a: Decision("B", {"l": leaf(), "r": leaf()}, infoset=f"B|{a}") for a in "xyz"},
            infoset=f"A|{s}" if sees else "A",
        )
        branches[s] = (Fraction(1, len(states)), move)
    return gt.ExtensiveGame(Chance(branches))


def gambit_game(game: gt.NormalFormGame | gt.ExtensiveGame) -> Any:
    import pygambit as gbt

    suffix = ".efg" if isinstance(game, gt.ExtensiveGame) else ".nfg"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"g{suffix}"
        path.write_text(game.to_gambit(), encoding="utf-8")
        return gbt.read_efg(str(path)) if suffix == ".efg" else gbt.read_nfg(str(path))


def ordered(q: gt.QRE, theirs: Any) -> list[float]:
    out: list[float] = []
    for player in theirs.players:
        if theirs.is_tree:
            for h in player.infosets:
                out.extend(q.strategies[h.label.replace("\u2215", "/")][a.label] for a in h.actions)
        else:
            out.extend(q.strategies[player.label][s.label] for s in player.strategies)
    return out


def run_family(name: str, games: list[Any]) -> None:
    import pygambit as gbt

    ours_pt, theirs_pt, ours_lim, theirs_lim = [], [], [], []
    gap, differ = 0.0, 0
    for game in games:
        g = gambit_game(game)
        t_o, q = best_of(lambda game=game: gt.qre(game, lam=LAM))
        t_t, ref = best_of(lambda g=g: gbt.qre.logit_solve_lambda(g, [LAM])[0])
        flat = [float(ref[i]) for i in range(len(ref))]
        d = float(np.max(np.abs(np.array(ordered(q, g)) - np.array(flat))))
        if d > 1e-6:
            differ += 1
        else:
            gap = max(gap, d)
        ours_pt.append(t_o)
        theirs_pt.append(t_t)
        t_o, _ = best_of(lambda game=game: gt.qre(game, lam=math.inf))
        t_t, _ = best_of(lambda g=g: gbt.nash.logit_solve(g))
        ours_lim.append(t_o)
        theirs_lim.append(t_t)
    o, t = statistics.median(ours_pt), statistics.median(theirs_pt)
    lo, lt = statistics.median(ours_lim), statistics.median(theirs_lim)
    print(
        f"{name:<12} {len(games):>5}  {o * 1e3:>8.1f} {t * 1e3:>8.1f} {o / t:>6.1f}"
        f"  {lo * 1e3:>8.1f} {lt * 1e3:>8.1f} {lo / lt:>6.1f}  {gap:>8.1e} {differ:>6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 games per family")
    args = parser.parse_args()
    try:
        import pygambit  # noqa: F401
    except ImportError:
        sys.exit("pygambit is not installed: nothing to compare with")
    count = 4 if args.quick else 12
    rng = np.random.default_rng(2026)
    families = {
        "2x2": [normal_form(rng, (2, 2)) for _ in range(count)],
        "4x4": [normal_form(rng, (4, 4)) for _ in range(count)],
        "8x8": [normal_form(rng, (8, 8)) for _ in range(count)],
        "3x3x3": [normal_form(rng, (3, 3, 3)) for _ in range(count)],
        "tree": [tree(rng) for _ in range(count)],
    }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min): {load:.2f}; times in ms, medians; ratio = ours / pygambit")
    print(
        f"{'family':<12} {'games':>5}  {'ours@5':>8} {'gambit':>8} {'ratio':>6}"
        f"  {'ours@inf':>8} {'gambit':>8} {'ratio':>6}  {'max gap':>8} {'differ':>6}"
    )
    for name, games in families.items():
        run_family(name, games)


if __name__ == "__main__":
    main()

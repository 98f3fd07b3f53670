"""Benchmark: exact equilibria of two-player trees on the sequence form, ours against
pygambit's ``lcp_solve`` on the extensive form (one equilibrium each), and our enumeration of
every extreme equilibrium on the sequence form against our reduced-normal-form path.

Run by hand::

    python benchmarks/bench_sequence_form.py          # 5 runs a game
    python benchmarks/bench_sequence_form.py --runs 3

Games: Kuhn poker (Kuhn 1950; 27 x 64 reduced plans), Gambit's 4-card poker
(``contrib/games/4cards.efg``, read from ``../shared/gambit-games`` when present; 81 x 256
plans), and complete binary trees of depth 6 and 7 (perfect information, players alternating;
LCPs in 258 and 514 variables).  Each time is the median of ``--runs`` runs, wall clock, in
one process; ``ratio`` is pygambit's median over ours (above 1: ours is faster).  Both sides
are exact (rational); both compute one equilibrium, and the payoffs are printed so that the
zero-sum values can be compared.  Report the load (``uptime``) with the figures.

The second table: every extreme equilibrium (``method="sequence-form"``: all pairs of extreme
optimal plans of constant-sum trees, the completely labelled vertex pairs otherwise) against
``method="normal-form"`` (vertex enumeration of the reduced normal form) on Kuhn poker (where
the normal form is 27 x 64) and seeded random trees; the counts of equilibria are printed (they
may differ in degenerate trees: the hulls agree, see tests/test_sequence_form.py).
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

import numpy as np
import sympy as sp

sys.path.append(str(Path(__file__).resolve().parents[1]))  # uninstalled checkout

import gametheory as gt
from gametheory._budget import Budget
from gametheory.solvers._space import tree_space
from gametheory.solvers.sequence_form import sequence_form_nash
from tests.fixtures import binary_tree

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"


def kuhn_poker() -> gt.ExtensiveGame:
    cards = "JQK"

    def showdown(c1: str, c2: str, stake: int) -> gt.Outcome:
        w = stake if cards.index(c1) > cards.index(c2) else -stake
        return gt.Outcome(P1=w, P2=-w)

    deals = {}
    for c1 in cards:
        for c2 in cards:
            if c1 != c2:
                call = {"fold": gt.Outcome(P1=-1, P2=1), "call": showdown(c1, c2, 2)}
                check = gt.Decision(
                    "P2",
                    {
                        "check": showdown(c1, c2, 1),
                        "bet": gt.Decision("P1", call, infoset=f"P1:{c1}cb"),
                    },
                    infoset=f"P2:{c2}c",
                )
                bet = gt.Decision(
                    "P2",
                    {"fold": gt.Outcome(P1=1, P2=-1), "call": showdown(c1, c2, 2)},
                    infoset=f"P2:{c2}b",
                )
                root = gt.Decision("P1", {"check": check, "bet": bet}, infoset=f"P1:{c1}")
                deals[c1 + c2] = (sp.Rational(1, 6), root)
    return gt.ExtensiveGame(gt.Chance(deals))


def median_time(f: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    games = [("Kuhn poker", kuhn_poker())]
    if (CORPUS / "contrib/games/4cards.efg").exists():
        games.append(("4-card poker", gt.read_gambit(CORPUS / "contrib/games/4cards.efg")))
    games += [("binary tree, depth 6", binary_tree(6)), ("binary tree, depth 7", binary_tree(7))]
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover - optional
        gbt = None
    print(f"{'game':24} {'ours (s)':>9} {'gambit (s)':>10} {'ratio':>6}  payoffs (ours | gambit)")
    for name, game in games:
        ours, sol = median_time(
            lambda g=game: sequence_form_nash(
                g, tree_space(g, None), Budget(600, "nash"), enumerate_all=False
            ),
            args.runs,
        )
        mine = tuple(sol[0].payoffs.values())
        theirs_t, theirs_pay = float("nan"), "-"
        if gbt is not None:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "g.efg"
                path.write_text(game.to_gambit())
                g = gbt.read_efg(str(path))
            theirs_t, res = median_time(
                lambda g=g: gbt.nash.lcp_solve(g, rational=True, use_strategic=False), args.runs
            )
            theirs_pay = str(tuple(str(res.equilibria[0].payoff(p)) for p in g.players))
        ratio = theirs_t / ours
        print(
            f"{name:24} {ours:9.3f} {theirs_t:10.3f} {ratio:6.2f}  "
            f"{tuple(str(v) for v in mine)} | {theirs_pay}"
        )


def random_tree(seed: int) -> gt.ExtensiveGame:
    """Nature deals one of 3 states; each player sees a signal of it; P1, then P2 (seeing P1's
    move), then P1 again after (x0, y0); payoffs in -3..3 (general-sum)."""
    rng = np.random.default_rng(seed)
    deals = {}
    for s in range(3):
        sig1, sig2 = int(rng.integers(0, 2)), int(rng.integers(0, 2))
        moves1 = {}
        for a in range(2):
            moves2 = {}
            for b in range(2):
                leaf = gt.Outcome(P1=int(rng.integers(-3, 4)), P2=int(rng.integers(-3, 4)))
                moves2[f"y{b}"] = (
                    gt.Decision(
                        "P1",
                        {
                            "u": leaf,
                            "v": gt.Outcome(
                                P1=int(rng.integers(-3, 4)), P2=int(rng.integers(-3, 4))
                            ),
                        },
                        infoset=f"P1:{sig1}:x0:y0",
                    )
                    if a == 0 and b == 0
                    else leaf
                )
            moves1[f"x{a}"] = gt.Decision("P2", moves2, infoset=f"P2:{sig2}:x{a}")
        deals[f"s{s}"] = (sp.Rational(1, 3), gt.Decision("P1", moves1, infoset=f"P1:{sig1}"))
    return gt.ExtensiveGame(gt.Chance(deals))


def enumeration(runs: int) -> None:
    print()
    print(
        f"{'every extreme equilibrium':26} {'seq (s)':>8} {'nf (s)':>8} {'ratio':>6}  count seq | nf"
    )
    games = [("Kuhn poker", kuhn_poker())] + [
        (f"random tree {k}", random_tree(k)) for k in range(4)
    ]
    for name, game in games:
        ours, sol = median_time(lambda g=game: gt.nash(g, method="sequence-form", budget=600), runs)
        try:
            theirs, nf = median_time(
                lambda g=game: gt.nash(g, method="normal-form", budget=600), runs
            )
            count = str(len(nf))
        except gt.GameError as err:  # Kuhn poker: past the normal-form enumeration's range
            theirs, count = float("nan"), f"refused ({type(err).__name__})"
        print(f"{name:26} {ours:8.3f} {theirs:8.3f} {theirs / ours:6.2f}  {len(sol)} | {count}")


if __name__ == "__main__":
    main()
    enumeration(int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5)

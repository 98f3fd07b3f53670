"""Where a compiled sweep has no answer: points at which the game itself is undefined.

A per-point sweep fails where ``game.at(point)`` raises, e.g. at ``c = 1`` for a payoff
``1/(c - 1)``.  A compiled sweep evaluates the solution's formulas instead, which at such a point
give ``inf`` or NaN, or, for equilibria that do not involve the bad payoff, plausible numbers.
So the compiled sweep also evaluates the game's own payoffs and probabilities (compiled once,
vectorised like everything else) and records each point where one is not finite as a failure,
as the per-point sweep does.  The equilibrium-level checks (a value or a condition that cannot
be evaluated) are in :mod:`._compiled`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Outcome, node_paths

__all__ = ["GameCheck", "game_values"]


def game_values(game: object) -> list[tuple[str, sp.Expr]]:
    """Every payoff and probability of a game, each with what it is: ``("InvalidPayoffError:
    payoff of Row at (hold, hold)", expr)``.  Games of other kinds give none."""
    tree = getattr(game, "game", None)
    if not isinstance(game, NormalFormGame | ExtensiveGame) and isinstance(tree, ExtensiveGame):
        game = tree  # a signalling game solves as its tree
    out: list[tuple[str, sp.Expr]] = []
    if isinstance(game, NormalFormGame):
        for prof, row, lot in zip(game.profiles(), game.table, game.lotteries, strict=True):
            at = f"({', '.join(prof)})"
            out += [
                (f"InvalidPayoffError: payoff of {p} at {at}", v)
                for p, v in zip(game.players, row, strict=True)
            ]
            out += [
                (f"InvalidGameError: probability of outcome {lab!r} at {at}", w)
                for lab, w in lot.items()
            ]
    elif isinstance(game, ExtensiveGame):
        for path, node in node_paths(game.root):
            if isinstance(node, Outcome):
                out += [
                    (f"InvalidPayoffError: payoff of {p} at node {path}", v)
                    for p, v in node.payoffs.items()
                ]
            elif isinstance(node, Chance):
                out += [
                    (f"InvalidGameError: probability of {a} at chance node {path}", p)
                    for a, (p, _) in node.branches.items()
                ]
            elif isinstance(node, ContinuousDecision):
                out += [
                    (f"InvalidGameError: an end of the interval of {node.variable} at {path}", e)
                    for e in node.interval
                ]
            elif isinstance(node, ContinuousChance):
                out += [
                    (f"InvalidGameError: an end of the support of {node.variable} at {path}", e)
                    for e in node.distribution.support
                ]
    return out


class GameCheck:
    """A game's parameter-dependent payoffs and probabilities, lambdified once.

    Values that depend on anything but the parameters (a continuous choice, a type) are left
    to the solution's own checks; constant ones were checked when the game was built.
    """

    def __init__(self, game: object, symbols: Sequence[sp.Symbol]) -> None:
        known = set(symbols)
        items = [
            (what, e)
            for what, e in game_values(game)
            if isinstance(e, sp.Expr) and e.free_symbols and e.free_symbols <= known
        ]
        unique: dict[sp.Expr, str] = {}
        for what, e in items:
            unique.setdefault(e, what)
        self.exprs = list(unique)
        self.what = list(unique.values())
        self._fn: Any = (
            sp.lambdify(list(symbols), self.exprs, modules="numpy", cse=True)
            if self.exprs
            else None
        )

    def undefined(self, cols: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Which points have a value that is not finite, and the first such value's index."""
        m = len(cols[0])
        if self._fn is None or not m:
            return np.zeros(m, dtype=bool), np.zeros(m, dtype=np.int64)
        with np.errstate(all="ignore"):
            out = self._fn(*cols)
        bad = np.zeros((len(self.exprs), m), dtype=bool)
        for i, v in enumerate(out):
            arr = np.broadcast_to(np.asarray(v), (m,))
            if np.iscomplexobj(arr):
                bad[i] = ~np.isfinite(arr) | (np.imag(arr) != 0)
            else:
                bad[i] = ~np.isfinite(np.asarray(arr, dtype=float))
        return np.asarray(bad.any(axis=0)), np.asarray(np.argmax(bad, axis=0))

    def message(self, i: int) -> str:
        """The failure text of the ``i``-th value."""
        return f"{self.what[i]} is {self.exprs[i]}, which is not finite here"

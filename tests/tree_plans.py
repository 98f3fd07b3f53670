"""Realization plans of behaviour and of mixed strategies, and convex-hull membership, for the
sequence-form tests; written apart from the solver (no sequence form is built here).

A player's realization plan gives each of its moves ``(information set, action)`` the
probability that its own choices follow the path to it (Kuhn's theorem; von Stengel 1996).
From a behaviour profile: walk the tree keeping the product of the player's own move
probabilities.  From a mixed strategy over reduced plans: add the probabilities of the plans
that choose the action at the set (a reduced plan names an action at every set its own moves
do not exclude).  Hull membership is a feasibility LP in floating point (scipy), with a
tolerance: an independent reference, not an exact proof.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import sympy as sp
from scipy.optimize import linprog

import gametheory as gt
from gametheory.games.extensive import infoset_label
from gametheory.games.tree import Chance, Decision

Plan = dict[tuple[str, str], Fraction]


def _q(v: object) -> Fraction:
    r = sp.Rational(sp.sympify(v))
    return Fraction(int(r.p), int(r.q))


def moves(game: gt.ExtensiveGame, player: str) -> list[tuple[str, str]]:
    """The player's moves, in a fixed order."""
    return [
        (h, a) for h, info in game.infosets.items() if info.player == player for a in info.actions
    ]


def behaviour_plan(
    game: gt.ExtensiveGame, player: str, profile: Mapping[str, Mapping[str, object]]
) -> Plan:
    out: Plan = {}
    stack = [("root", game.root, Fraction(1))]
    while stack:
        path, node, w = stack.pop()
        if isinstance(node, Decision):
            h = infoset_label(node, path)
            for a, child in node.actions.items():
                nxt = a if path == "root" else f"{path}/{a}"
                if node.player == player:
                    p = w * _q(profile[h].get(a, 0))
                    out[(h, a)] = p  # the same at every node of h (perfect recall)
                    stack.append((nxt, child, p))
                else:
                    stack.append((nxt, child, w))
        elif isinstance(node, Chance):
            for b, (_, child) in node.branches.items():
                stack.append((b if path == "root" else f"{path}/{b}", child, w))
    return out


def mixed_plan(game: gt.ExtensiveGame, player: str, mix: Mapping[str, object]) -> Plan:
    out: Plan = dict.fromkeys(moves(game, player), Fraction(0))
    for label, plan in game.plans[player]:
        p = _q(mix.get(label, 0))
        if p:
            for h, a in plan.items():
                out[(h, a)] += p
    return out


def profile_vector(game: gt.ExtensiveGame, plans: Sequence[Plan]) -> tuple[Fraction, ...]:
    """Both players' plans as one vector over their moves."""
    return tuple(
        plan.get(m, Fraction(0))
        for p, plan in zip(game.players, plans, strict=True)
        for m in moves(game, p)
    )


def in_hull(
    point: Sequence[Fraction], points: Sequence[Sequence[Fraction]], tol: float = 1e-9
) -> bool:
    """Whether ``point`` is a convex combination of ``points`` (to ``tol``)."""
    P = np.array([[float(v) for v in q] for q in points]).T
    k = P.shape[1]
    A = np.vstack([P, np.ones((1, k))])
    b = np.array([float(v) for v in point] + [1.0])
    # minimise the L1 residual: A l - b = u - w, u, w >= 0
    m = A.shape[0]
    res = linprog(
        np.concatenate([np.zeros(k), np.ones(2 * m)]),
        A_eq=np.hstack([A, -np.eye(m), np.eye(m)]),
        b_eq=b,
        bounds=[(0, None)] * (k + 2 * m),
        method="highs",
    )
    return bool(res.status == 0 and res.fun <= tol)

"""Minmax values of two-player games with symbolic payoffs, piecewise in the parameters.

Player ``i``'s minmax value is the value of the zero-sum game ``(u_i, -u_i)``; every equilibrium
of that game pays ``i`` the value, so the equilibria :func:`gametheory.nash` finds symbolically,
each with the conditions under which it exists, give the value piece by piece.  When the solver
proves its list complete, the pieces cover the whole space (a finite game has an equilibrium at
every point), so the ``Piecewise`` is defined everywhere in it.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from .errors import UnsupportedGameError
from .games.normal_form import NormalFormGame
from .params import ParameterSpace
from .space_resolution import resolve_space

__all__ = ["symbolic_minmax"]


Pieces = tuple[
    dict[str, sp.Expr], dict[str, Mapping[str, Mapping[str, sp.Expr]]], dict[str, sp.Expr]
]
"""Each player's minmax value, the punishers' strategies achieving it, the pure minmax value."""


def symbolic_minmax(
    nf: NormalFormGame, space: ParameterSpace | None
) -> tuple[Pieces, ParameterSpace]:
    """The pieces of :func:`gametheory.minmax` of a game with symbolic payoffs (two players), and
    the space they hold on; :mod:`gametheory.minmax` builds the result."""
    from .solvers.nash import nash

    if len(nf.players) != 2:
        raise UnsupportedGameError(
            f"minmax() of a game with symbolic payoffs needs two players; this one has "
            f"{len(nf.players)} ({', '.join(nf.players)}): substitute numbers with game.at(...)"
        )
    space = resolve_space(nf.parameters, space)
    values: dict[str, sp.Expr] = {}
    punishers: dict[str, Mapping[str, Mapping[str, sp.Expr]]] = {}
    pure: dict[str, sp.Expr] = {}
    for k, player in enumerate(nf.players):
        other = nf.players[1 - k]
        own = nf.payoff_array(k)
        if k == 1:
            own = own.T  # rows: the player's own actions
        zero_sum = NormalFormGame(
            {player: nf.actions[player], other: nf.actions[other]},
            {
                (a, b): (own[i, j], -own[i, j])
                for i, a in enumerate(nf.actions[player])
                for j, b in enumerate(nf.actions[other])
            },
        )
        sol = nash(zero_sum, space)
        if not sol.complete or not (len(sol) or sol.undecided):
            why = "; ".join(sol.incomplete) or "no equilibrium was found"
            raise UnsupportedGameError(
                f"the minmax value of {player} could not be decided: the zero-sum game of its "
                f"payoffs was not solved completely ({why}); substitute numbers with game.at(...)"
            )
        pieces: list[tuple[sp.Expr, sp.Boolean, dict[str, sp.Expr]]] = []
        for eq in (*sol.equilibria, *sol.undecided):
            piece = (sp.simplify(eq.payoffs[player]), eq.conditions, dict(eq.strategies[other]))
            if not any(piece[0] == p[0] and piece[1] == p[1] for p in pieces):
                pieces.append(piece)
        values[player] = _piecewise([(v, c) for v, c, _ in pieces])
        punishers[player] = {
            other: {a: _piecewise([(s[a], c) for _, c, s in pieces]) for a in nf.actions[other]}
        }
        pure[player] = sp.Min(*(sp.Max(*own[:, j]) for j in range(own.shape[1])))
    return (values, punishers, pure), space


def _piecewise(pieces: list[tuple[sp.Expr, sp.Boolean]]) -> sp.Expr:
    """A ``Piecewise`` of the pieces, merged where neighbouring pieces agree; a single piece or
    one that holds everywhere is returned as its expression."""
    merged: list[tuple[sp.Expr, sp.Boolean]] = []
    for v, c in pieces:
        if merged and sp.simplify(merged[-1][0] - v) == 0:
            merged[-1] = (merged[-1][0], sp.Or(merged[-1][1], c))
        else:
            merged.append((v, c))
    if len(merged) == 1 or merged[0][1] is sp.true:
        return merged[0][0]
    return sp.Piecewise(*merged)

"""Pure-strategy Nash equilibria of n-player normal-form games, symbolic or numeric."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, atom, reduce
from ..equilibrium import Equilibrium
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._normal_form import make_equilibrium

__all__ = ["pure_equilibria"]


def pure_equilibria(
    game: NormalFormGame, space: ParameterSpace, tol: float = 1e-9, budget: Budget = UNLIMITED
) -> list[Equilibrium]:
    """Every pure Nash equilibrium, with its best-response conditions.

    A profile ``s`` is an equilibrium where, for every player ``i`` and every action ``a``,
    ``u_i(s) - u_i(a, s_-i) >= 0``.  Numeric games are checked vectorised (exactly for rational
    payoffs, within ``tol`` times the payoff scale for floats); symbolic ones give one region per
    profile, simplified under ``space`` (profiles whose region is provably empty are dropped).
    ``budget`` is checked before each symbolic profile.
    """
    if game.is_numeric:
        return [_pure(game, idx, None, space) for idx in _numeric_pure_profiles(game, tol)]
    out: list[Equilibrium] = []
    shape = game.shape
    arrays = [game.payoff_array(k) for k in range(len(game.players))]
    total = int(np.prod(shape))
    for done, idx in enumerate(np.ndindex(*shape)):
        budget.check("pure profiles checked", done, total, partial=out)
        atoms: list[Atom] = []
        for k, arr in enumerate(arrays):
            here = arr[idx]
            for alt in range(shape[k]):
                if alt == idx[k]:
                    continue
                other = list(idx)
                other[k] = alt
                atoms.extend(atom(here - arr[tuple(other)], ">="))
        region = reduce(atoms, space)
        if region.status != "empty":
            out.append(_pure(game, idx, region, space))
    return out


def _pure(game: NormalFormGame, idx: tuple[int, ...], region, space) -> Equilibrium:
    mixes = [
        [sp.Integer(1) if i == j else sp.Integer(0) for i in range(n)]
        for j, n in zip(idx, game.shape, strict=True)
    ]
    flat = int(np.ravel_multi_index(idx, game.shape))
    return make_equilibrium(game, mixes, region, space, payoffs=game.table[flat])


def _numeric_pure_profiles(game: NormalFormGame, tol: float) -> list[tuple[int, ...]]:
    """Indices of the pure equilibria of a numeric game, in row-major order."""
    exact = game.is_exact
    ok = np.ones(game.shape, dtype=bool)
    for k in range(len(game.players)):
        arr = game.payoff_array(k)
        if exact:
            vals = np.vectorize(lambda v: Fraction(int(v.p), int(v.q)), otypes=[object])(arr)
            best = np.max(vals, axis=k, keepdims=True)
            ok &= np.asarray(vals == best, dtype=bool)
        else:
            vals = arr.astype(float)
            scale = max(1.0, float(np.max(np.abs(vals))))
            best = np.max(vals, axis=k, keepdims=True)
            ok &= vals >= best - tol * scale
    return [tuple(int(i) for i in idx) for idx in np.argwhere(ok)]

"""The indifference system of one support profile of an n-player game (private).

Unknowns: the probabilities of each mixing player's supported actions but the first (the
first is one minus their sum); equations: each supported action pays as much as the first;
conditions: supported probabilities strictly positive, no action outside a support pays more.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import sympy as sp

from ..conditions import reduce
from ..params import ParameterSpace
from ._algebraic import AlgebraicPoint, poly_in_t, real_solutions

__all__ = ["Found", "Supports", "System"]

Supports = tuple[tuple[int, ...], ...]
Found = tuple[tuple[tuple[sp.Expr, ...], ...], tuple[sp.Expr, ...]]
"""One equilibrium: a probability vector per player, and each player's payoff."""


def _expected(
    pay: np.ndarray, player: int, action: int, probs: Sequence[Sequence[sp.Expr]]
) -> sp.Expr:
    """``U_i(action, x_-i)`` as a polynomial in the unknown probabilities."""
    n = len(probs)
    total = sp.Integer(0)
    others = [
        [(j, p) for j, p in enumerate(probs[k]) if p != 0] if k != player else [(action, 1)]
        for k in range(n)
    ]
    for combo in itertools.product(*others):
        idx = tuple(j for j, _ in combo)
        u = pay[idx]
        if u == 0:
            continue
        term = sp.Rational(u.numerator, u.denominator)
        for k, (_, p) in enumerate(combo):
            if k != player:
                term *= p
        total += term
    return sp.expand(total)


@dataclass(frozen=True)
class System:
    """The indifference system of one support profile."""

    supports: Supports
    shape: tuple[int, ...]
    unknowns: tuple[sp.Symbol, ...]
    probs: tuple[tuple[sp.Expr, ...], ...]
    utility: tuple[tuple[sp.Expr, ...], ...]

    @classmethod
    def of(cls, pay: list[np.ndarray], shape: tuple[int, ...], supports: Supports) -> System:
        unknowns: list[sp.Symbol] = []
        probs: list[list[sp.Expr]] = []
        for i, (own, m) in enumerate(zip(supports, shape, strict=True)):
            vec: list[sp.Expr] = [sp.Integer(0)] * m
            if len(own) == 1:
                vec[own[0]] = sp.Integer(1)
            else:
                xs = [sp.Symbol(f"x_{i}_{a}") for a in own[1:]]
                unknowns.extend(xs)
                vec[own[0]] = 1 - sum(xs)
                for a, x in zip(own[1:], xs, strict=True):
                    vec[a] = x
            probs.append(vec)
        utility = tuple(
            tuple(_expected(pay[i], i, a, probs) for a in range(m)) for i, m in enumerate(shape)
        )
        return cls(supports, shape, tuple(unknowns), tuple(map(tuple, probs)), utility)

    def gain(self, i: int, a: int) -> sp.Expr:
        """What player i gains by playing ``a`` instead of the first action of its support."""
        return self.utility[i][a] - self.utility[i][self.supports[i][0]]

    def positive(self) -> list[sp.Expr]:
        """The probabilities that must be strictly positive (mixing players only)."""
        return [
            self.probs[i][a] for i, own in enumerate(self.supports) if len(own) > 1 for a in own
        ]

    def deviations(self) -> list[sp.Expr]:
        """The gains that must be nonpositive (actions outside the supports)."""
        return [
            self.gain(i, a)
            for i, own in enumerate(self.supports)
            for a in range(self.shape[i])
            if a not in own
        ]

    def equations(self) -> list[sp.Expr]:
        return [self.gain(i, a) for i, own in enumerate(self.supports) for a in own[1:]]

    def solutions(self) -> list[Found]:
        """The equilibria whose supports are exactly these, decided exactly."""
        out = []
        xs = list(self.unknowns)
        for point in real_solutions(self.equations(), xs):
            ok = all(point.sign(poly_in_t(p, xs, point)) > 0 for p in self.positive())
            ok = ok and all(point.sign(poly_in_t(g, xs, point)) <= 0 for g in self.deviations())
            if ok:
                out.append(self._exact(point))
        return out

    def continuum_point(
        self,
    ) -> Found | Literal["empty", "unknown"]:
        """For a positive-dimensional system: ``"empty"`` if no point of it is an equilibrium
        (proved by :func:`gametheory.conditions.reduce`), an exact equilibrium on it (a rational
        witness), or ``"unknown"``."""
        box = ParameterSpace({x: (0, 1) for x in self.unknowns})
        atoms = [
            *(sp.Eq(e, 0) for e in self.equations()),
            *(p > 0 for p in self.positive()),
            *(g <= 0 for g in self.deviations()),
        ]
        region = reduce(atoms, box)
        if region.status == "empty":
            return "empty"
        if region.status != "nonempty" or region.witness is None:
            return "unknown"
        at = {x: region.witness[x] for x in self.unknowns}
        mixes = tuple(tuple(sp.sympify(p).xreplace(at) for p in vec) for vec in self.probs)
        vals = tuple(
            sp.sympify(self.utility[i][own[0]]).xreplace(at) for i, own in enumerate(self.supports)
        )
        return mixes, vals

    def _exact(self, point: AlgebraicPoint) -> Found:
        xs = list(self.unknowns)
        mixes = tuple(
            tuple(point.value(poly_in_t(p, xs, point)) if p.free_symbols else p for p in vec)
            for vec in self.probs
        )
        vals = tuple(
            point.value(poly_in_t(self.utility[i][own[0]], xs, point))
            for i, own in enumerate(self.supports)
        )
        return mixes, vals

"""The indifference system of one support profile of an n-player game (private).

Unknowns: the probabilities of each mixing player's supported actions but the first (the
first is one minus their sum); equations: each supported action pays as much as the first;
conditions: supported probabilities strictly positive, no action outside a support pays more.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import sympy as sp

from ..conditions import reduce
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._algebraic import AlgebraicPoint, poly_in_t, real_solutions

__all__ = ["Found", "Supports", "System", "Unresolved", "unresolved_text"]

Supports = tuple[tuple[int, ...], ...]
Found = tuple[tuple[tuple[sp.Expr, ...], ...], tuple[sp.Expr, ...]]
"""One equilibrium: a probability vector per player, and each player's payoff."""


def _expected(pay: np.ndarray, player: int, action: int, probs: Sequence[Sequence[Any]]) -> Any:
    """``U_i(action, x_-i)`` as a polynomial (an element of the system's ring)."""
    n = len(probs)
    total = probs[player][action].ring.zero
    others = [
        [(j, p) for j, p in enumerate(probs[k]) if p] if k != player else [(action, None)]
        for k in range(n)
    ]
    for combo in itertools.product(*others):
        u = pay[tuple(j for j, _ in combo)]
        if u == 0:
            continue
        term = total.ring(sp.Rational(u.numerator, u.denominator))
        for k, (_, p) in enumerate(combo):
            if k != player:
                term *= p
        total += term
    return total


@dataclass(frozen=True)
class System:
    """The indifference system of one support profile; polynomials are elements of a sympy
    ``ring`` over the rationals in the unknowns (fast exact arithmetic)."""

    supports: Supports
    shape: tuple[int, ...]
    unknowns: tuple[sp.Symbol, ...]
    probs: tuple[tuple[Any, ...], ...]
    utility: tuple[tuple[Any, ...], ...]

    @classmethod
    def of(cls, pay: list[np.ndarray], shape: tuple[int, ...], supports: Supports) -> System:
        names = [
            sp.Symbol(f"x_{i}_{a}")
            for i, own in enumerate(supports)
            if len(own) > 1
            for a in own[1:]
        ]
        ring, *gens = sp.ring(names or [sp.Symbol("_none")], sp.QQ)
        free = iter(gens)
        probs: list[list[Any]] = []
        for own, m in zip(supports, shape, strict=True):
            vec = [ring.zero] * m
            if len(own) == 1:
                vec[own[0]] = ring.one
            else:
                xs = [next(free) for _ in own[1:]]
                vec[own[0]] = ring.one - sum(xs, ring.zero)
                for a, x in zip(own[1:], xs, strict=True):
                    vec[a] = x
            probs.append(vec)
        utility = tuple(
            tuple(_expected(pay[i], i, a, probs) for a in range(m)) for i, m in enumerate(shape)
        )
        return cls(supports, shape, tuple(names), tuple(map(tuple, probs)), utility)

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
        polys = (
            [sp.Poly.from_dict(dict(e), *xs, domain=sp.QQ) for e in self.equations()] if xs else []
        )
        for point in real_solutions(polys, xs):
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
            *(sp.Eq(e.as_expr(), 0) for e in self.equations()),
            *(p.as_expr() > 0 for p in self.positive()),
            *(g.as_expr() <= 0 for g in self.deviations()),
        ]
        region = reduce(atoms, box)
        if region.status == "empty":
            return "empty"
        if region.status != "nonempty" or region.witness is None:
            return "unknown"
        at = {x: region.witness[x] for x in self.unknowns}
        mixes = tuple(tuple(p.as_expr().xreplace(at) for p in vec) for vec in self.probs)
        vals = tuple(
            self.utility[i][own[0]].as_expr().xreplace(at) for i, own in enumerate(self.supports)
        )
        return mixes, vals

    def _exact(self, point: AlgebraicPoint) -> Found:
        xs = list(self.unknowns)
        mixes = tuple(
            tuple(
                point.value(poly_in_t(p, xs, point)) if not p.is_ground else p.as_expr()
                for p in vec
            )
            for vec in self.probs
        )
        vals = tuple(
            point.value(poly_in_t(self.utility[i][own[0]], xs, point))
            for i, own in enumerate(self.supports)
        )
        return mixes, vals


@dataclass(frozen=True)
class Unresolved:
    """A support profile whose equilibria were not enumerated, and why."""

    supports: Supports
    reason: str


def unresolved_text(game: NormalFormGame, unresolved: Sequence[Unresolved]) -> tuple[str, ...]:
    """One sentence per reason, naming up to five support profiles each."""
    by_reason: dict[str, list[str]] = {}
    for u in unresolved:
        named = "; ".join(
            f"{p}: {', '.join(game.actions[p][a] for a in s)}"
            for p, s in zip(game.players, u.supports, strict=True)
        )
        by_reason.setdefault(u.reason, []).append(f"({named})")
    out = []
    for reason, profiles in by_reason.items():
        more = f" and {len(profiles) - 5} more" if len(profiles) > 5 else ""
        out.append(
            f"equilibria with supports {', '.join(profiles[:5])}{more} are not all listed: {reason}"
        )
    return tuple(out)

"""Thresholds: the values of one parameter where the equilibrium set changes.

With every other parameter fixed, each equilibrium's conditions become polynomial conditions in
the remaining parameter; the equilibrium set can only change at their real roots.  Each root is
checked exactly: the equilibria holding just below it, at it, and just above it are compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from .conditions import atom
from .equilibrium import Equilibrium, Solution
from .errors import GameError, MissingParameterError, UnsupportedGameError

__all__ = ["Threshold", "thresholds"]


@dataclass(frozen=True)
class Threshold:
    """A value of the parameter where the equilibrium set changes.

    ``below``, ``at`` and ``above`` are the indices (in the solution) of the equilibria that
    exist just below the value, exactly at it, and just above it.
    """

    parameter: sp.Symbol
    value: sp.Expr
    below: tuple[int, ...]
    at: tuple[int, ...]
    above: tuple[int, ...]

    def __str__(self) -> str:
        return (
            f"{self.parameter} = {self.value}: equilibria {list(self.below)} below, "
            f"{list(self.at)} at, {list(self.above)} above"
        )


def thresholds(
    solution: Solution,
    param: sp.Symbol | str,
    fixed: Mapping[Any, object] | None = None,
    /,
    **values: object,
) -> list[Threshold]:
    """The values of ``param`` where the equilibrium set changes, exactly, in increasing order.

    Parameters
    ----------
    solution
        A symbolic :class:`~gametheory.Solution`.
    param
        The parameter that varies (a symbol or its name).
    fixed, values
        A value for every other parameter of the space.

    Examples
    --------
    >>> import sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> [str(t.value) for t in gt.thresholds(gt.nash(g, gt.ParameterSpace({c: (0, 4)})), "c")]
    []
    """
    if not isinstance(solution, Solution):
        raise UnsupportedGameError(f"thresholds() needs a Solution, got {type(solution).__name__}")
    space = solution.space
    p = space.symbol(param)
    point = space.partial_point(fixed, **values)
    if p in point:
        raise GameError(f"parameter {p} varies; do not give it a value")
    missing = [s.name for s in space.symbols if s != p and s not in point]
    if missing:
        raise MissingParameterError(f"no value given for parameter(s): {', '.join(missing)}")
    eqs = (*solution.equilibria, *solution.undecided)
    interval = space.interval(p)
    roots = _roots(eqs, point, p, interval)
    out = []
    for k, t in enumerate(roots):
        left = roots[k - 1] if k else interval.start
        right = roots[k + 1] if k + 1 < len(roots) else interval.end
        below = _holding(eqs, solution, point, p, _between(left, t))
        above = _holding(eqs, solution, point, p, _between(t, right))
        here = _holding(eqs, solution, point, p, t)
        if below != above or here != below:
            out.append(Threshold(p, t, below, here, above))
    return out


def _roots(
    eqs: tuple[Equilibrium, ...], point: Mapping[sp.Symbol, sp.Expr], p: sp.Symbol, iv: sp.Interval
) -> list[sp.Expr]:
    found: list[sp.Expr] = []
    for eq in eqs:
        conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
        for a in (x for c in conj if c is not sp.true for x in atom(c)):
            f = sp.expand(a.expr.xreplace(point))
            if not f.has(p):
                continue
            try:
                poly = sp.Poly(f, p)
            except sp.PolynomialError:
                raise UnsupportedGameError(
                    f"the condition {a.as_relational()} is not polynomial in {p}"
                ) from None
            for t in poly.real_roots():
                if iv.contains(t) and t not in (iv.start, iv.end) and all(t != u for u in found):
                    found.append(t)
    return sorted(found, key=lambda t: float(t))


def _between(lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """A rational strictly between two ends (one may be infinite)."""
    if lo == -sp.oo:
        return sp.floor(hi) - 1
    if hi == sp.oo:
        return sp.ceiling(lo) + 1
    center = (float(lo) + float(hi)) / 2
    for d in (1, 2, 4, 10, 100, 10**4, 10**8):
        mid = sp.Rational(Fraction(center).limit_denominator(d))
        if bool(lo < mid) and bool(mid < hi):
            return mid
    return (lo + hi) / 2


def _holding(
    eqs: tuple[Equilibrium, ...],
    solution: Solution,
    point: Mapping[sp.Symbol, sp.Expr],
    p: sp.Symbol,
    value: sp.Expr,
) -> tuple[int, ...]:
    full = {**point, p: value}
    out = []
    for k, eq in enumerate(eqs):
        cond = eq.conditions.xreplace(full)
        if cond is sp.true or (cond is not sp.false and bool(sp.simplify(cond))):
            out.append(k)
    return tuple(out)

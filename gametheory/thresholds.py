"""Thresholds: the values of one parameter where the equilibrium set changes.

With every other parameter fixed, each equilibrium's conditions become conditions in the
remaining parameter; the equilibrium set can only change at their real roots.  Roots are exact
for polynomial conditions (real root isolation) and wherever ``sympy.solveset`` gives them
explicitly (``exp(c) = 3`` gives ``log(3)``); otherwise they are bracketed on a grid and refined
by scipy's ``brentq`` (``Threshold.exact`` is then False).  At each root the equilibria holding
just below it, at it, and just above it are compared: exactly at exact roots, with the
tolerance rule of :mod:`gametheory.conditions` at numeric ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .conditions import atom, compile_atoms
from .equilibrium import Equilibrium, Solution
from .errors import GameError, MissingParameterError, UnsupportedGameError

__all__ = ["Threshold", "thresholds"]


@dataclass(frozen=True)
class Threshold:
    """A value of the parameter where the equilibrium set changes.

    ``below``, ``at`` and ``above`` are the indices (in the solution) of the equilibria that
    exist just below the value, exactly at it, and just above it.  ``exact`` is False for a
    value found numerically (a ``sympy.Float`` accurate to about 1e-12).
    """

    parameter: sp.Symbol
    value: sp.Expr
    below: tuple[int, ...]
    at: tuple[int, ...]
    above: tuple[int, ...]
    exact: bool = True

    def __str__(self) -> str:
        eq = "=" if self.exact else "≈"
        return (
            f"{self.parameter} {eq} {self.value}: equilibria {list(self.below)} below, "
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
            out.append(Threshold(p, t, below, here, above, not isinstance(t, sp.Float)))
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
            for t in _roots_of(f, p, iv):
                if t not in (iv.start, iv.end) and all(_differ(t, u) for u in found):
                    found.append(t)
    return sorted(found, key=lambda t: float(t))


def _differ(t: sp.Expr, u: sp.Expr) -> bool:
    if isinstance(t, sp.Float) or isinstance(u, sp.Float):
        return abs(float(t) - float(u)) > 1e-10 * (1 + abs(float(t)))
    return bool(t != u)


def _roots_of(f: sp.Expr, p: sp.Symbol, iv: sp.Interval) -> list[sp.Expr]:
    """Real roots of ``f`` in ``iv``: exact where sympy finds them, else numeric Floats."""
    try:
        return [t for t in sp.Poly(f, p).real_roots() if iv.contains(t) is sp.true]
    except sp.PolynomialError:
        pass
    try:
        sols = sp.solveset(f, p, domain=iv)
    except (NotImplementedError, ValueError, TypeError):
        sols = None
    if isinstance(sols, sp.FiniteSet) and all(t.is_real for t in sols):
        return list(sols)
    if sols is sp.S.EmptySet:
        return []
    return [sp.Float(x, 15) for x in _bracketed_roots(f, p, iv)]


GRID = 4001  # sign-change search points for numeric thresholds
REACH = 1e3  # an infinite end is searched up to REACH * max(1, |other end|)


def _bracketed_roots(f: sp.Expr, p: sp.Symbol, iv: sp.Interval) -> list[float]:
    """Roots of ``f`` on ``iv`` by sign changes on a grid, refined by ``brentq``."""
    a = float(iv.start) if iv.start.is_finite else None
    b = float(iv.end) if iv.end.is_finite else None
    if a is not None and b is not None:
        lo, hi = a, b
    elif a is not None:
        lo, hi = a, a + REACH * max(1.0, abs(a))
    elif b is not None:
        lo, hi = b - REACH * max(1.0, abs(b)), b
    else:
        lo, hi = -REACH, REACH
    from scipy.optimize import brentq  # here: a fast `import gametheory`

    fn = sp.lambdify(p, f, modules="numpy")
    xs = np.linspace(lo, hi, GRID)
    with np.errstate(all="ignore"):
        ys = np.asarray(fn(xs), dtype=float) * np.ones_like(xs)
    out = [float(x) for x, y in zip(xs, ys, strict=True) if y == 0]
    for k in np.flatnonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0):
        if np.isfinite(ys[k]) and np.isfinite(ys[k + 1]):
            out.append(brentq(lambda x: float(fn(x)), xs[k], xs[k + 1], xtol=1e-14))
    return sorted(out)


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
    tol: float = 1e-9,
) -> tuple[int, ...]:
    full = {**point, p: value}
    out = []
    for k, eq in enumerate(eqs):
        if isinstance(value, sp.Float):  # a numeric root: the tolerance rule
            conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
            atoms = [a for c in conj if c is not sp.true for a in atom(c)]
            syms = list(solution.space.symbols)
            cols = [np.array([float(full[s])]) for s in syms]
            if not atoms or bool(compile_atoms(atoms, syms).all_hold(*cols, tol=tol)[0]):
                out.append(k)
            continue
        cond = eq.conditions.xreplace(full)
        if cond is sp.true or (cond is not sp.false and bool(sp.simplify(cond))):
            out.append(k)
    return tuple(out)

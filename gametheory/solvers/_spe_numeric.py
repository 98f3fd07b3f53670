"""A numeric optimum of a continuous choice when ``dV/dr = 0`` has no exact solution.

Used by :mod:`gametheory.solvers._spe_continuous` only for a decision whose subtree involves no
parameter (a game evaluated at a point, e.g. by ``game.at(...)`` or a per-point sweep): then
every cutoff is a number and each interval's payoff ``V_i(r)`` a function of ``r`` alone.  On
each interval the maximum is bracketed on a grid and refined by bounded Brent
(``scipy.optimize.minimize_scalar``); the interval ends (with the value taken at a jump) are
candidates too.  Every candidate within ``tol`` of the best value is returned, so ties are
kept as the exact solver keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp
from scipy.optimize import minimize_scalar

__all__ = ["NumericChoice", "numeric_argmax"]

GRID = 513  # points per interval when bracketing the maximum
TOL = 1e-9  # relative tolerance on values when keeping tied optima


@dataclass(frozen=True)
class NumericChoice:
    """An optimal ``r``: on interval ``interval``; ``end`` is the index of the cutoff when ``r``
    is one (then the exact cutoff is used), else ``None`` and ``x`` is the numeric optimum."""

    interval: int
    x: float
    end: int | None


def numeric_argmax(
    values: Sequence[sp.Expr],
    points: Sequence[sp.Expr],
    jumps: Mapping[int, sp.Expr],
    r: sp.Symbol,
) -> list[NumericChoice]:
    """The maximisers of the piecewise function ``values[i]`` on ``[points[i], points[i+1]]``.

    ``jumps`` gives the value taken at a cutoff where the function jumps.
    """
    cands: list[tuple[float, NumericChoice]] = []
    ends = [float(p) for p in points]
    for i, v in enumerate(values):
        f = sp.lambdify(r, v, modules="numpy")
        a, b = ends[i], ends[i + 1]
        for k in (i, i + 1):
            val = float(jumps[k]) if k in jumps else _value(f, ends[k])
            cands.append((val, NumericChoice(i, ends[k], k)))
        if b > a and v.has(r):
            x, val = _interior(f, a, b)
            cands.append((val, NumericChoice(i, x, None)))
    finite = [c for c in cands if np.isfinite(c[0])]
    if not finite:
        return []
    best = max(v for v, _ in finite)
    out: list[NumericChoice] = []
    for val, c in sorted(finite, key=lambda vc: vc[1].end is None):  # exact cutoffs first
        if val < best - TOL * (1 + abs(best)):
            continue
        if any(abs(c.x - o.x) <= 1e-7 * (1 + abs(c.x)) for o in out):
            continue
        out.append(c)
    return out


def _value(f: object, x: float) -> float:
    with np.errstate(all="ignore"):
        try:
            y = complex(f(x))  # type: ignore[operator]
        except (ZeroDivisionError, OverflowError, ValueError):
            return float("nan")
    return y.real if abs(y.imag) <= 1e-12 * (1 + abs(y.real)) else float("nan")


def _interior(f: object, a: float, b: float) -> tuple[float, float]:
    """The best point of ``f`` on ``[a, b]``: a grid, then Brent around the best grid point."""
    xs = np.linspace(a, b, GRID)
    ys = np.array([_value(f, x) for x in xs])
    if not np.isfinite(ys).any():
        return a, float("nan")
    j = int(np.nanargmax(ys))
    lo, hi = xs[max(j - 1, 0)], xs[min(j + 1, GRID - 1)]
    res = minimize_scalar(
        lambda x: -_value(f, x), bounds=(lo, hi), method="bounded", options={"xatol": 1e-13}
    )
    x = float(res.x)
    val = _value(f, x)
    if not np.isfinite(val) or val < ys[j]:
        return float(xs[j]), float(ys[j])
    return x, val

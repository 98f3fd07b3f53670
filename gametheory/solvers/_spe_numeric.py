"""A numeric optimum of a continuous choice when ``dV/dr = 0`` has no exact solution.

Used by :mod:`gametheory.solvers._spe_continuous` (:func:`numeric_optimal`) only for a decision
whose subtree involves no parameter (a game evaluated at a point, e.g. by ``game.at(...)`` or
a per-point sweep): then every cutoff is a number and each interval's payoff ``V_i(r)`` a function of ``r`` alone.  On
each interval the maximum is bracketed on a grid and refined by bounded Brent
(``scipy.optimize.minimize_scalar``); the interval ends (with the value taken at a jump) are
candidates too.  Every candidate within ``tol`` of the best value is returned, so ties are
kept as the exact solver keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy as sp

__all__ = ["numeric_optimal"]

GRID = 513  # points per interval when bracketing the maximum
TOL = 1e-9  # relative tolerance on values when keeping tied optima


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
    from scipy.optimize import minimize_scalar  # here: a fast `import gametheory`

    res = minimize_scalar(
        lambda x: -_value(f, x), bounds=(lo, hi), method="bounded", options={"xatol": 1e-13}
    )
    x = float(res.x)
    val = _value(f, x)
    if not np.isfinite(val) or val < ys[j]:
        return float(xs[j]), float(ys[j])
    return x, val


def numeric_optimal(
    intervals: Sequence[Sequence[sp.Expr | None]],
    points: Sequence[sp.Expr],
    at_points: Sequence[Sequence[sp.Expr | None]],
    r: sp.Symbol,
) -> list[tuple[int, int | None, float]]:
    """The optimal choices when each value of ``r`` may have several replies (numerically).

    ``intervals[b][i]`` is the chooser's value under reply ``b`` on interval ``i`` (``None``
    where ``b`` does not hold), ``at_points[b][k]`` its value at point ``k``.  A choice is
    optimal when its value is at least every interval's supremum (its maximum over the closed
    interval, limits included) and, at each point, the least value of a reply there (the
    replies off the path are free).  Returns ``(reply, point index or None, x)`` for each
    optimal choice (``x`` the numeric optimum inside an interval when the index is ``None``).
    """
    ends = [float(p) for p in points]
    sups: list[float] = []
    attained: list[tuple[float, tuple[int, int | None, float]]] = []
    for b, row in enumerate(intervals):
        for i, v in enumerate(row):
            if v is None:
                continue
            f = sp.lambdify(r, v, modules="numpy")
            a, c = ends[i], ends[i + 1]
            sups.extend(_value(f, e) for e in (a, c))
            if c > a and v.has(r):
                x, val = _interior(f, a, c)
                sups.append(val)
                if a < x < c:
                    attained.append((val, (b, None, x)))
    floor = max((s for s in sups if np.isfinite(s)), default=-np.inf)
    for k in range(len(points)):
        here = [float(e) for row in at_points if (e := row[k]) is not None]
        if here:
            floor = max(floor, min(here))
    for b, row in enumerate(at_points):
        for k, e in enumerate(row):
            if e is not None:
                attained.append((float(e), (b, k, ends[k])))
    out: list[tuple[int, int | None, float]] = []
    for best, choice in sorted(attained, key=lambda vc: vc[1][1] is None):  # exact first
        if not np.isfinite(best) or best < floor - TOL * (1 + abs(floor)):
            continue
        if any(
            abs(choice[2] - o[2]) <= 1e-7 * (1 + abs(choice[2])) and choice[0] == o[0] for o in out
        ):
            continue
        out.append(choice)
    return out

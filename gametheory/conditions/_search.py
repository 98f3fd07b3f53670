"""Witness search: nice points, samples, local optimisation.

Every witness is confirmed exactly (Fractions); floats only choose which points to confirm.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from ._eval import Compiled, numeric_matrix, violation
from ._interval import INF, Bound, Ival

__all__ = [
    "Candidates",
    "exact_ok",
    "find_witness",
    "nice_values",
    "nice_witness",
    "polish",
    "sample_box",
]

Point = dict[sp.Symbol, Fraction]


def exact_ok(comps: Sequence[Compiled], box: Mapping[sp.Symbol, Ival], point: Point) -> bool:
    """Whether ``point`` lies in ``box`` and satisfies every atom, decided exactly."""
    if not all(box[s].contains(v) for s, v in point.items() if s in box):
        return False
    return all(c.holds(point) for c in comps)


def nice_values(iv: Ival, k: int) -> list[Fraction]:
    """Up to ``k`` simple rationals inside ``iv``, simplest first (midpoint, integers, quarters)."""
    return list(_nice(iv.lo, iv.hi, iv.lo_open, iv.hi_open, k))


@lru_cache(maxsize=8192)
def _nice(lo: Bound, hi: Bound, lo_open: bool, hi_open: bool, k: int) -> tuple[Fraction, ...]:
    iv = Ival(lo, hi, lo_open, hi_open)
    cands: list[Fraction] = []
    if iv.is_finite():
        flo, fhi = Fraction(lo), Fraction(hi)
        w = fhi - flo
        mid = flo + w / 2
        cands.append(_simplest_near(mid, w / 8))
        ints = range(math.ceil(flo), math.floor(fhi) + 1)
        if len(ints) <= 3 * k:
            cands += sorted((Fraction(i) for i in ints), key=lambda q: (abs(q - mid), q))
        cands += [flo + w * Fraction(n, d) for n, d in ((1, 4), (3, 4), (1, 10), (9, 10), (1, 3))]
        cands += [flo + w * Fraction(n, 100) for n in (1, 99)]
        cands += [flo, fhi]
    elif lo != -INF:
        base = Fraction(lo)
        cands += [base + d for d in (Fraction(1), Fraction(1, 2), Fraction(2), Fraction(5))]
        cands += [Fraction(math.floor(base)) + d for d in (1, 2, 3)]
        cands += [base + Fraction(1, 10), base + 10, base + 100, base + Fraction(1, 1000), base]
    elif hi != INF:
        return tuple(-v for v in _nice(-Fraction(hi), INF, hi_open, True, k))
    else:
        cands += [Fraction(v) for v in (0, 1, -1, 2, -2, 5, -5, 10, -10)]
        cands += [Fraction(1, 2), Fraction(-1, 2), Fraction(1, 10), Fraction(-1, 10)]
    out: list[Fraction] = []
    for q in cands:
        if iv.contains(q) and q not in out:
            out.append(q)
            if len(out) == k:
                break
    return tuple(out)


def _simplest_near(x: Fraction, radius: Fraction) -> Fraction:
    for d in (1, 2, 4, 10, 100):
        q = x.limit_denominator(d)
        if abs(q - x) <= radius:
            return q
    return x


class Candidates:
    """Points as floats (for screening) with their exact values built on demand.

    Point ``i`` has coordinate ``j`` equal to ``num[i, j] / den[j]`` when ``table`` is None, else
    ``table[j][num[i, j]]``.
    """

    def __init__(
        self,
        floats: np.ndarray,
        num: np.ndarray,
        den: Sequence[int] | None = None,
        table: Sequence[Sequence[Fraction]] | None = None,
    ) -> None:
        self.floats, self.num, self.den, self.table = floats, num, den, table

    def __len__(self) -> int:
        return int(self.floats.shape[0])

    def exact(self, i: int) -> list[Fraction]:
        """The exact coordinates of point ``i``."""
        row = self.num[i]
        if self.table is not None:
            return [self.table[j][int(v)] for j, v in enumerate(row)]
        den = self.den if self.den is not None else [1] * len(row)
        return [Fraction(int(v), d) for v, d in zip(row, den, strict=True)]


def sample_box(
    box: Mapping[sp.Symbol, Ival], symbols: Sequence[sp.Symbol], n: int, rng: np.random.Generator
) -> Candidates:
    """``n`` random points of ``box``, rounded to decimal fractions (a few may fall outside)."""
    nums, dens = [], []
    for s in symbols:
        iv = box[s]
        width = 100.0
        if iv.is_finite():
            lo, hi = float(iv.lo), float(iv.hi)
            x = rng.uniform(lo, hi, size=n)
            width = hi - lo
        elif iv.lo != -INF:
            lo = float(iv.lo)
            x = lo + rng.exponential(max(1.0, abs(lo)), size=n)
        elif iv.hi != INF:
            hi = float(iv.hi)
            x = hi - rng.exponential(max(1.0, abs(hi)), size=n)
        else:
            x = rng.standard_normal(n) * 10.0
        den = 10 ** min(9, max(0, math.ceil(math.log10(1000.0 / width)))) if width > 0 else 10**6
        nums.append(np.round(x * den).astype(np.int64))
        dens.append(den)
    num = np.stack(nums, axis=1) if nums else np.zeros((n, 0), dtype=np.int64)
    floats = num / np.array(dens, dtype=float) if dens else np.zeros((n, 0))
    return Candidates(floats, num, den=dens)


def _screen(
    comps: Sequence[Compiled], symbols: Sequence[sp.Symbol], floats: np.ndarray
) -> np.ndarray:
    """Total numeric violation per point (0 where every atom holds numerically)."""
    n = floats.shape[0]
    if not comps:
        return np.zeros(n)
    cols = {s: floats[:, k] for k, s in enumerate(symbols)}
    vals, scales = numeric_matrix(comps, cols, n)
    return violation(vals, scales, [c.op for c in comps]).sum(axis=0)


def _confirm(
    comps: Sequence[Compiled],
    symbols: Sequence[sp.Symbol],
    box: Mapping[sp.Symbol, Ival],
    cands: Candidates,
    limit: int,
) -> Point | None:
    """The first candidate (in order) that passes the numeric screen and the exact check."""
    if not len(cands):
        return None
    total = _screen(comps, symbols, cands.floats)
    for tried, i in enumerate(np.flatnonzero(total == 0.0)):
        if tried >= limit:
            break
        point = dict(zip(symbols, cands.exact(int(i)), strict=True))
        if exact_ok(comps, box, point):
            return point
    return None


@lru_cache(maxsize=1024)
def _order(lengths: tuple[int, ...], cap: int) -> np.ndarray:
    """Grid indices, most central first (sum of ranks, then max rank)."""
    n = len(lengths)
    if math.prod(lengths) > 8 * cap:  # many parameters: the nicest point and 1-D variations
        rows = [[0] * n]
        for j, m in enumerate(lengths):
            rows += [[i if jj == j else 0 for jj in range(n)] for i in range(1, m)]
        return np.array(rows[:cap], dtype=np.int64).reshape(-1, n)
    index = sorted(
        itertools.product(*(range(m) for m in lengths)), key=lambda t: (sum(t), max(t), t)
    )
    return np.array(index[:cap], dtype=np.int64).reshape(-1, n)


def _grid(box: Mapping[sp.Symbol, Ival], symbols: Sequence[sp.Symbol], cap: int) -> Candidates:
    n = len(symbols)
    if n == 0:
        return Candidates(np.zeros((1, 0)), np.zeros((1, 0), dtype=np.int64), table=[])
    k = max(2, int(cap ** (1.0 / n)))
    values = [nice_values(box[s], k) for s in symbols]
    if any(not v for v in values):
        return Candidates(np.zeros((0, n)), np.zeros((0, n), dtype=np.int64), table=values)
    idx = _order(tuple(len(v) for v in values), cap)
    floats = np.stack(
        [np.array([float(q) for q in v])[idx[:, j]] for j, v in enumerate(values)], axis=1
    )
    return Candidates(floats, idx, table=values)


def _polynomial_system(
    comps: Sequence[Compiled], symbols: Sequence[sp.Symbol]
) -> Callable[[np.ndarray], np.ndarray] | None:
    """All atoms' values at a batch of points in one evaluation (rows: atoms, columns: points),
    when every atom is a polynomial in ``symbols``; else None."""
    index = {s: k for k, s in enumerate(symbols)}
    monomials: dict[tuple[float, ...], int] = {}
    entries = []
    for i, c in enumerate(comps):
        if c.exps is None or c.coefs is None or any(g not in index for g in c.gens):
            return None
        for coef, exps in zip(c.coefs, c.exps, strict=True):
            full = [0.0] * len(symbols)
            for g, e in zip(c.gens, exps, strict=True):
                full[index[g]] = float(e)
            entries.append((i, monomials.setdefault(tuple(full), len(monomials)), coef))
    powers = np.array(list(monomials), dtype=float).reshape(len(monomials), len(symbols))
    coefs = np.zeros((len(comps), len(monomials)))
    for i, j, coef in entries:
        coefs[i, j] += coef

    def evaluate(points: np.ndarray) -> np.ndarray:
        mono = np.prod(points[:, None, :] ** powers[None, :, :], axis=2)
        return coefs @ mono.T

    return evaluate


def _optimise(
    comps: Sequence[Compiled],
    symbols: Sequence[sp.Symbol],
    box: Mapping[sp.Symbol, Ival],
    start: np.ndarray,
) -> Point | None:
    """SLSQP from ``start``: stay close to it subject to every atom (with a small margin)."""
    ineq = [i for i, c in enumerate(comps) if c.op in (">=", ">")]
    eq = [i for i, c in enumerate(comps) if c.op == "=="]

    n = len(symbols)
    fast = _polynomial_system(comps, symbols)
    cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def values_and_jacobian(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values at ``x`` and forward-difference derivatives, in one batched evaluation."""
        key = x.tobytes()
        hit = cache.get(key)
        if hit is None:
            h = 1e-7 * np.maximum(1.0, np.abs(x))
            pts = np.vstack([x, x + np.diag(h)])
            if fast is not None:
                with np.errstate(all="ignore"):
                    vals = fast(pts)
            else:
                cols = {s: pts[:, k] for k, s in enumerate(symbols)}
                vals = numeric_matrix(comps, cols, n + 1)[0]
            vals = np.where(np.isfinite(vals), vals, -1e30)
            hit = (vals[:, 0], (vals[:, 1:] - vals[:, :1]) / h[None, :])
            cache.clear()
            cache[key] = hit
        return hit

    cols0 = {s: start[k : k + 1] for k, s in enumerate(symbols)}
    scale = np.maximum(numeric_matrix(comps, cols0, 1)[1][:, 0], 1e-9)
    scale = np.where(np.isfinite(scale), scale, 1.0)
    bounds = []
    widths = []
    for s in symbols:
        iv = box[s]
        lo = (
            None
            if iv.lo == -INF
            else float(iv.lo) + (1e-9 * (1 + abs(float(iv.lo))) if iv.lo_open else 0)
        )
        hi = (
            None
            if iv.hi == INF
            else float(iv.hi) - (1e-9 * (1 + abs(float(iv.hi))) if iv.hi_open else 0)
        )
        bounds.append((lo, hi))
        widths.append(hi - lo if lo is not None and hi is not None and hi > lo else 1.0)
    w = np.array(widths)
    constraints = []
    if ineq:
        constraints.append(
            {
                "type": "ineq",
                "fun": lambda x: values_and_jacobian(x)[0][ineq] / scale[ineq] - 1e-7,
                "jac": lambda x: values_and_jacobian(x)[1][ineq] / scale[ineq][:, None],
            }
        )
    if eq:
        constraints.append(
            {
                "type": "eq",
                "fun": lambda x: values_and_jacobian(x)[0][eq] / scale[eq],
                "jac": lambda x: values_and_jacobian(x)[1][eq] / scale[eq][:, None],
            }
        )
    from scipy.optimize import minimize  # here: a fast `import gametheory`

    with np.errstate(all="ignore"):
        res = minimize(
            lambda x: 0.5 * float(np.sum(((x - start) / w) ** 2)),
            start,
            jac=lambda x: (x - start) / w**2,
            method="SLSQP",
            bounds=bounds,
            constraints=constraints,
            options={"maxiter": 50},
        )
    x = np.asarray(res.x, dtype=float)
    if not np.all(np.isfinite(x)):
        return None
    for d in (1, 2, 4, 10, 100, 1000, 10**4, 10**6, 10**9):
        point = {
            s: Fraction(float(v)).limit_denominator(d) for s, v in zip(symbols, x, strict=True)
        }
        if exact_ok(comps, box, point):
            return point
    return None


def nice_witness(
    comps: Sequence[Compiled],
    symbols: Sequence[sp.Symbol],
    box: Mapping[sp.Symbol, Ival],
    effort: int,
) -> Point | None:
    """The first point of a grid of nice values (most central first) where every atom holds."""
    symbols = list(symbols)
    return _confirm(comps, symbols, box, _grid(box, symbols, 512 * max(1, effort)), 8)


def find_witness(
    comps: Sequence[Compiled],
    symbols: Sequence[sp.Symbol],
    box: Mapping[sp.Symbol, Ival],
    rng: np.random.Generator,
    effort: int,
    hints: Sequence[Point] = (),
) -> tuple[Point | None, list[np.ndarray]]:
    """An exact point of ``box`` where every atom holds (or None), and starts for :func:`polish`.

    Tries the ``hints``, then (``effort >= 1``) random samples; the grid of nice values is
    :func:`nice_witness`.  The starts are the least violating samples and the hints.
    """
    symbols = list(symbols)
    for h in hints:
        if exact_ok(comps, box, h):
            return dict(h), []
    starts = [np.array([float(h[s]) for s in symbols]) for h in hints]
    if effort < 1:
        return None, starts
    pts = sample_box(box, symbols, 256 * effort * effort, rng)
    found = _confirm(comps, symbols, box, pts, 8)
    if found is not None:
        return found, []
    total = _screen(comps, symbols, pts.floats)
    best = [pts.floats[int(i)] for i in np.argsort(total)[: 1 + effort]]
    return None, best + starts


def polish(
    comps: Sequence[Compiled],
    symbols: Sequence[sp.Symbol],
    box: Mapping[sp.Symbol, Ival],
    starts: Sequence[np.ndarray],
) -> Point | None:
    """Local optimisation of the total violation from each start, rounded and checked exactly."""
    for x0 in starts:
        found = _optimise(comps, list(symbols), box, x0)
        if found is not None:
            return found
    return None

"""Interval branch-and-bound over many boxes at once (numpy, rigorous rounding).

Used to prove that a conjunction of polynomial atoms has no solution in a box: the box is split
until every piece has an atom that interval arithmetic proves false on all of it.

The arithmetic is in floats but rigorous: every sum and product is computed with an error-free
transformation (TwoSum, Dekker's TwoProduct), so an exact result stays exact and an inexact one is
rounded outward by one ulp.  Ends are treated as closed, which is conservative for refutation.
Non-polynomial atoms are ignored (dropping a constraint can only enlarge the set).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import sympy as sp

from ._eval import Compiled
from ._interval import INF, Ival

__all__ = ["bnb_empty"]

_SPLIT = 134217729.0  # 2**27 + 1
_BIG = 1e290  # beyond this, Dekker's split may overflow: round outward without checking


def _outward(v: np.ndarray, err: np.ndarray, down: bool) -> np.ndarray:
    """A float bound of ``v + err`` (the exact value), ``v`` when that is exact."""
    finite = np.isfinite(v)
    unsure = finite & ~np.isfinite(err)
    if down:
        bumped = np.nextafter(v, -np.inf)
        return np.where(finite & ((err < 0) | unsure), bumped, v)
    bumped = np.nextafter(v, np.inf)
    return np.where(finite & ((err > 0) | unsure), bumped, v)


def _add(a: np.ndarray, b: np.ndarray, down: bool) -> np.ndarray:
    s = a + b
    bb = s - a
    err = (a - (s - bb)) + (b - bb)
    return _outward(s, err, down)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLIT * a
    hi = c - (c - a)
    return hi, a - hi


def _products(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a*b`` (0 when a zero meets an infinity) and its rounding error (NaN: unknown)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    err = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    zero = (a == 0) | (b == 0)
    big = (np.abs(a) > _BIG) | (np.abs(b) > _BIG)
    return np.where(zero, 0.0, p), np.where(zero, 0.0, np.where(big, np.nan, err))


def _mul(
    alo: np.ndarray, ahi: np.ndarray, blo: np.ndarray, bhi: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    p, err = _products(np.stack([alo, alo, ahi, ahi]), np.stack([blo, bhi, blo, bhi]))
    return _outward(p, err, True).min(axis=0), _outward(p, err, False).max(axis=0)


def _scale(c: float, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``c * [lo, hi]`` for an exactly representable float ``c``."""
    if c < 0:
        lo, hi = hi, lo
    p, err = _products(np.full((2, lo.shape[0]), c), np.stack([lo, hi]))
    return _outward(p[0], err[0], True), _outward(p[1], err[1], False)


def _pow(lo: np.ndarray, hi: np.ndarray, e: int) -> tuple[np.ndarray, np.ndarray]:
    plo, phi = lo, hi
    for _ in range(e - 1):
        plo, phi = _mul(plo, phi, lo, hi)
    if e % 2 == 0:  # the product bound is loose across zero: an even power is nonnegative
        straddle = (lo < 0) & (hi > 0)
        plo = np.where(straddle, 0.0, np.maximum(plo, 0.0))
    return plo, phi


def _poly_bounds(
    c: Compiled, cols: Sequence[int], lo: np.ndarray, hi: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = lo.shape[0]
    tot_lo, tot_hi = np.zeros(n), np.zeros(n)
    powers: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
    for coef, exps in c.terms or ():
        tlo: np.ndarray | None = None
        thi = tlo
        for k, e in enumerate(exps):
            if not e:
                continue
            if (k, e) not in powers:
                powers[(k, e)] = _pow(lo[:, cols[k]], hi[:, cols[k]], e)
            plo, phi = powers[(k, e)]
            if tlo is None or thi is None:
                tlo, thi = plo, phi
            else:
                tlo, thi = _mul(tlo, thi, plo, phi)
        if tlo is None or thi is None:
            tlo, thi = np.ones(n), np.ones(n)
        cf = float(coef)
        if Fraction(cf) == coef:
            tlo, thi = _scale(cf, tlo, thi)
        else:
            clo, chi = np.full(n, np.nextafter(cf, -np.inf)), np.full(n, np.nextafter(cf, np.inf))
            tlo, thi = _mul(clo, chi, tlo, thi)
        tot_lo, tot_hi = _add(tot_lo, tlo, True), _add(tot_hi, thi, False)
    return tot_lo, tot_hi


def _float_ends(iv: Ival) -> tuple[float, float]:
    lo = float(iv.lo)
    if lo != -INF and Fraction(lo) > iv.lo:
        lo = float(np.nextafter(lo, -np.inf))
    hi = float(iv.hi)
    if hi != INF and Fraction(hi) < iv.hi:
        hi = float(np.nextafter(hi, np.inf))
    return lo, hi


def _verdicts(op: str, flo: np.ndarray, fhi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(false on the whole box, true on the whole box) per box, treating ends as closed."""
    if op == ">=":
        return fhi < 0, flo >= 0
    if op == ">":
        return fhi <= 0, flo > 0
    if op == "==":
        return (flo > 0) | (fhi < 0), (flo == 0) & (fhi == 0)
    return (flo == 0) & (fhi == 0), (flo > 0) | (fhi < 0)


def _split_points(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    mid = lo / 2 + hi / 2
    up = np.where(lo >= 0, lo + np.maximum(1.0, np.abs(lo)), 0.0)
    down = np.where(hi <= 0, hi - np.maximum(1.0, np.abs(hi)), 0.0)
    return np.where(np.isfinite(lo) & np.isfinite(hi), mid, np.where(np.isfinite(lo), up, down))


def bnb_empty(comps: Sequence[Compiled], box: Mapping[sp.Symbol, Ival], budget: int) -> bool:
    """Prove that no point of ``box`` satisfies every (polynomial) atom; False if not proved.

    ``budget`` bounds the number of sub-boxes examined; each parameter is split about 8 times at
    most.
    """
    polys = [c for c in comps if c.terms is not None and c.gens]
    if not polys:
        return False
    syms = sorted({g for c in polys for g in c.gens}, key=sp.default_sort_key)
    if any(s not in box for s in syms):
        return False
    index = {s: k for k, s in enumerate(syms)}
    cols = [[index[g] for g in c.gens] for c in polys]
    ends = [_float_ends(box[s]) for s in syms]
    lo = np.array([[e[0] for e in ends]])
    hi = np.array([[e[1] for e in ends]])
    seen = rounds = 0
    with np.errstate(all="ignore"):
        while lo.shape[0]:
            seen += lo.shape[0]
            rounds += 1
            if seen > budget or rounds > 8 * len(syms) + 8:
                return False
            refuted = np.zeros(lo.shape[0], dtype=bool)
            holds = np.ones(lo.shape[0], dtype=bool)
            for c, cc in zip(polys, cols, strict=True):
                flo, fhi = _poly_bounds(c, cc, lo, hi)
                false_all, true_all = _verdicts(c.op, flo, fhi)
                refuted |= false_all
                holds &= true_all
            if np.any(holds & ~refuted):
                return False  # some sub-box satisfies every atom throughout: not empty
            lo, hi = lo[~refuted], hi[~refuted]
            if not lo.shape[0]:
                break
            width = np.where(np.isfinite(hi - lo), hi - lo, np.inf)
            dim = np.argmax(width, axis=1)
            rows = np.arange(lo.shape[0])
            m = _split_points(lo[rows, dim], hi[rows, dim])
            if np.any((m <= lo[rows, dim]) | (m >= hi[rows, dim])):
                return False  # boxes too thin to split further
            left_hi, right_lo = hi.copy(), lo.copy()
            left_hi[rows, dim] = m
            right_lo[rows, dim] = m
            lo, hi = np.concatenate([lo, right_lo]), np.concatenate([left_hi, hi])
    return True

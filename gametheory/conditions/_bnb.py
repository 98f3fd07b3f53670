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
from functools import lru_cache

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
    if (alo >= 0).all() and (blo >= 0).all():  # both nonnegative: [alo*blo, ahi*bhi]
        p, err = _products(np.stack([alo, ahi]), np.stack([blo, bhi]))
        return _outward(p[0], err[0], True), _outward(p[1], err[1], False)
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
    """Bounds of the polynomial on every box, all terms at once: each term's interval is the
    product of its powers' intervals (one vectorised product per variable, over all terms and
    boxes), scaled by its coefficient; the terms are then summed pairwise.  Every operation
    rounds outward, so the bounds are rigorous whatever the order."""
    n = lo.shape[0]
    if not c.terms:
        return np.zeros(n), np.zeros(n)
    coefs, exps = _term_arrays(c)
    t = exps.shape[0]
    tlo, thi = np.ones((t, n)), np.ones((t, n))
    for k in range(exps.shape[1]):
        col = exps[:, k]
        rows = np.flatnonzero(col)  # the terms with x_k
        if not rows.size:
            continue
        sub = col[rows]
        plo, phi = np.empty((rows.size, n)), np.empty((rows.size, n))
        for e in np.unique(sub):
            at = sub == e
            plo[at], phi[at] = _pow(lo[:, cols[k]], hi[:, cols[k]], int(e))
        tlo[rows], thi[rows] = _mul(tlo[rows], thi[rows], plo, phi)
    clo, chi = coefs
    tlo, thi = _mul(np.repeat(clo, n, axis=1), np.repeat(chi, n, axis=1), tlo, thi)
    while tlo.shape[0] > 1:  # pairwise sums, outward
        if tlo.shape[0] % 2:
            tlo = np.concatenate([tlo, np.zeros((1, n))])
            thi = np.concatenate([thi, np.zeros((1, n))])
        tlo = _add(tlo[0::2], tlo[1::2], True)
        thi = _add(thi[0::2], thi[1::2], False)
    return tlo[0], thi[0]


@lru_cache(maxsize=4096)
def _term_arrays(c: Compiled) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """The coefficients as float intervals (exact when representable, else one ulp either
    side), each ``(terms, 1)``, and the exponent matrix ``(terms, gens)`` (cached per atom)."""
    terms = c.terms or ()
    lo, hi = [], []
    # one power of two brings coefficients past floats' range back into it: the atom's sign,
    # all that the bounds decide, is that of any positive multiple
    top = max(
        (abs(q.numerator).bit_length() - q.denominator.bit_length() for q, _ in terms), default=0
    )
    scale = Fraction(2) ** (top - 900) if top >= 900 else Fraction(1)
    for q, _ in terms:
        coef = q / scale
        cf = float(coef)
        exact = Fraction(cf) == coef
        lo.append(cf if exact else float(np.nextafter(cf, -np.inf)))
        hi.append(cf if exact else float(np.nextafter(cf, np.inf)))
    exps = np.array([e for _, e in terms], dtype=np.int64).reshape(len(terms), len(c.gens))
    return (np.array(lo)[:, None], np.array(hi)[:, None]), exps


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

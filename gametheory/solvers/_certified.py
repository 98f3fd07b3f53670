"""Certified numeric roots of a support system beyond the exact kernel (private).

For a support system whose Gröbner basis is out of reach (more isolated solutions than
:data:`gametheory.solvers.n_player.MAX_SOLUTIONS`, or no shape position), real roots are
searched numerically and each one is then *proved* to exist:

1. **search**: Newton's method from seeded random starts in the unit box, vectorised over the
   starts (numpy); converged points are refined to 50 digits by Newton steps in mpmath;
2. **certify**: Krawczyk's test (Krawczyk 1969; Moore 1977; Neumaier, *Interval Methods for
   Systems of Equations*, 1990, Thm. 5.1.7) in exact rational interval arithmetic: with ``c``
   the refined point, ``X = c + [-ρ, ρ]^k`` and ``Y`` an approximate inverse of ``J(c)``,
   ``K = c - Y F(c) + (I - Y J(X))(X - c)``; ``K`` inside the interior of ``X`` proves that
   ``X`` holds exactly one root of ``F``;
3. **conditions**: over the whole box ``X``, by the same interval arithmetic, every supported
   probability is strictly positive and every action outside a support pays strictly less;
   then the unique root in ``X`` is an equilibrium, certified.  A root whose conditions are
   neither proved nor refuted on its box (an equilibrium at a tie, or next to one) is counted
   as uncertain, not listed.

The equilibria are reported as 30-digit floats (the box's centre; the root is within ``ρ``,
about ``1e-40``).  The search is not proved to find every root: the caller keeps
``complete=False``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ._support_system import Found, System, Unresolved

__all__ = ["NUMERIC_FALLBACK", "NumericOutcome", "certified_equilibria", "numeric_fallback"]

Interval = tuple[Fraction, Fraction]


@dataclass(frozen=True)
class NumericOutcome:
    """What the numeric fallback found on one support system."""

    equilibria: tuple[Found, ...]
    uncertain: int  # certified roots whose equilibrium conditions were not decided
    roots: int  # distinct real roots found near the unit box


class _Poly:
    """A polynomial with rational coefficients, evaluated in floats, mpmath and intervals."""

    def __init__(self, elem: Any) -> None:
        terms = elem.terms() if elem else []
        self.monoms = [m for m, _ in terms]
        self.coeffs = [Fraction(int(c.numerator), int(c.denominator)) for _, c in terms]
        self.exps = np.array(self.monoms, dtype=float).reshape(len(terms), len(elem.ring.gens))
        self.fl = np.array([float(c) for c in self.coeffs])

    def batch(self, X: np.ndarray) -> np.ndarray:
        """Values at each row of ``X`` (floats)."""
        if not self.monoms:
            return np.zeros(len(X))
        if self.exps.shape[1] == 0:
            return np.full(len(X), self.fl.sum())
        return np.prod(X[:, None, :] ** self.exps[None], axis=2) @ self.fl

    def mp(self, x: Sequence[Any]) -> Any:
        total = mpmath.mpf(0)
        for m, c in zip(self.monoms, self.coeffs, strict=True):
            term = mpmath.mpf(c.numerator) / c.denominator
            for xi, e in zip(x, m, strict=False):
                if e:
                    term *= xi**e
            total += term
        return total

    def exact(self, x: Sequence[Fraction]) -> Fraction:
        total = Fraction(0)
        for m, c in zip(self.monoms, self.coeffs, strict=True):
            term = c
            for xi, e in zip(x, m, strict=False):
                if e:
                    term *= xi**e
            total += term
        return total

    def interval(self, box: Sequence[Interval]) -> Interval:
        lo = hi = Fraction(0)
        for m, c in zip(self.monoms, self.coeffs, strict=True):
            a = b = c
            for (xl, xh), e in zip(box, m, strict=False):
                for _ in range(e):
                    prods = (a * xl, a * xh, b * xl, b * xh)
                    a, b = min(prods), max(prods)
            lo, hi = lo + a, hi + b
        return lo, hi


def certified_equilibria(system: System, bound: int, seed: int = 0) -> NumericOutcome:
    """Certified numeric equilibria with exactly these supports (see the module docstring)."""
    gens = system.probs[0][0].ring.gens if system.unknowns else ()
    F = [_Poly(e) for e in system.equations()]
    J = [[_Poly(e.diff(g)) for g in gens] for e in system.equations()]
    positive = [_Poly(p) for p in system.positive()]
    deviations = [_Poly(g) for g in system.deviations()]
    roots = _search(F, J, positive, len(gens), bound, seed)
    found: list[Found] = []
    uncertain = 0
    for x in roots:
        box = _certify(F, J, x)
        if box is None:
            continue
        signs = [_sign(p.interval(box)) for p in positive]
        gains = [_sign(g.interval(box)) for g in deviations]
        if any(s < 0 for s in signs) or any(s > 0 for s in gains):
            continue  # proved not an equilibrium (a probability < 0 or a profitable deviation)
        if all(s > 0 for s in signs) and all(s < 0 for s in gains):
            found.append(_as_found(system, x))
        else:
            uncertain += 1
    return NumericOutcome(tuple(found), uncertain, len(roots))


def _sign(iv: Interval) -> int:
    """+1 or -1 when the interval excludes 0; 0 when it holds 0 (undecided)."""
    return 1 if iv[0] > 0 else -1 if iv[1] < 0 else 0


def _search(
    F: list[_Poly], J: list[list[_Poly]], positive: list[_Poly], k: int, bound: int, seed: int
) -> list[list[Any]]:
    """Distinct real roots near the unit box, refined to 50 digits."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, size=(max(200, 25 * bound), k))
    alive = np.ones(len(X), dtype=bool)
    for _ in range(60):
        Fx = np.stack([f.batch(X) for f in F], axis=1)
        Jx = np.stack([np.stack([d.batch(X) for d in row], axis=1) for row in J], axis=1)
        det = np.linalg.det(Jx)
        ok = alive & np.isfinite(det) & (np.abs(det) > 1e-300)
        step = np.zeros_like(X)
        if ok.any():
            step[ok] = np.linalg.solve(Jx[ok], Fx[ok][..., None])[..., 0]
        X = X - step
        alive = ok & np.all(np.abs(X) < 1e6, axis=1)
    Fx = np.stack([f.batch(X) for f in F], axis=1)
    conv = alive & np.all(np.abs(Fx) < 1e-9, axis=1) & np.all((X > -0.01) & (X < 1.01), axis=1)
    distinct: list[np.ndarray] = []
    for x in X[conv]:
        if all(np.max(np.abs(x - y)) > 1e-7 for y in distinct):
            distinct.append(x)
    return [r for r in (_refine(F, J, x) for x in distinct) if r is not None]


def _refine(F: list[_Poly], J: list[list[_Poly]], x0: np.ndarray) -> list[Any] | None:
    with mpmath.workdps(60):
        x = mpmath.matrix([mpmath.mpf(float(v)) for v in x0])
        for _ in range(8):
            Fx = mpmath.matrix([f.mp(list(x)) for f in F])
            Jx = mpmath.matrix([[d.mp(list(x)) for d in row] for row in J])
            try:
                step = mpmath.lu_solve(Jx, Fx)
            except ZeroDivisionError:
                return None
            x = x - step
            if mpmath.norm(step, mpmath.inf) < mpmath.mpf(10) ** -50:
                break
        return list(x)


def _certify(F: list[_Poly], J: list[list[_Poly]], x: list[Any]) -> list[Interval] | None:
    """The box ``c + [-ρ, ρ]^k`` around ``x`` if Krawczyk's test proves a unique root in it."""
    k = len(x)
    c = [_fraction(v) for v in x]
    Jc = np.array([[float(d.exact(c)) for d in row] for row in J])
    try:
        Yf = np.linalg.inv(Jc)
    except np.linalg.LinAlgError:
        return None
    Y = [[Fraction(float(v)) for v in row] for row in Yf]
    Fc = [f.exact(c) for f in F]
    YF = [sum((Y[i][j] * Fc[j] for j in range(k)), Fraction(0)) for i in range(k)]
    for rho in (Fraction(1, 10**40), Fraction(1, 10**30), Fraction(1, 10**20)):
        box = [(ci - rho, ci + rho) for ci in c]
        JX = [[d.interval(box) for d in row] for row in J]
        ok = True
        for i in range(k):
            spread = Fraction(0)
            for j in range(k):
                # entry (I - Y J(X))_ij as an interval, then its magnitude
                lo = hi = Fraction(int(i == j))
                for m in range(k):
                    a, b = JX[m][j]
                    p = (Y[i][m] * a, Y[i][m] * b)
                    lo, hi = lo - max(p), hi - min(p)
                spread += max(abs(lo), abs(hi))
            if abs(YF[i]) + spread * rho >= rho:
                ok = False
                break
        if ok:
            return box
    return None


def _fraction(v: Any) -> Fraction:
    """An mpmath number exactly (``man * 2**exp``; not re-rounded to the current precision)."""
    if not v:
        return Fraction(0)
    return Fraction(int(v.man)) * Fraction(2) ** int(v.exp)


def _as_found(system: System, x: list[Any]) -> Found:
    """The equilibrium at ``x`` as 30-digit floats (probabilities and payoffs)."""
    at = [sp.Float(mpmath.nstr(v, 40), 30) for v in x]
    xs = list(system.unknowns)
    subs = dict(zip(xs, at, strict=True))

    def value(p: Any) -> sp.Expr:
        e = p.as_expr()
        return sp.Float(e.xreplace(subs), 30) if e.free_symbols else e

    mixes = tuple(tuple(value(p) for p in vec) for vec in system.probs)
    vals = tuple(value(system.utility[i][own[0]]) for i, own in enumerate(system.supports))
    return mixes, vals


NUMERIC_FALLBACK = True
"""Whether support systems beyond the exact kernel get the certified numeric fallback."""


def numeric_fallback(
    system: System,
    bound: int,
    why: str,
    found: list[tuple[tuple[sp.Expr, ...], ...]],
    values: list[tuple[sp.Expr, ...]],
    unresolved: list[Unresolved],
    certified: list[int],
) -> None:
    """A system beyond the exact kernel: certified numeric equilibria, and the reasons why the
    support stays unresolved (the numeric search is not proved complete)."""
    if not NUMERIC_FALLBACK:
        unresolved.append(Unresolved(system.supports, why))
        return
    out = certified_equilibria(system, bound)
    for mixes, vals in out.equilibria:
        certified.append(len(found))
        found.append(mixes)
        values.append(vals)
    unresolved.append(Unresolved(system.supports, f"{why}; {_NUMERIC}"))
    if out.uncertain:
        unresolved.append(Unresolved(system.supports, _UNCERTAIN))


_NUMERIC = (
    "they were searched numerically instead (Newton's method from seeded starts), each root "
    "found certified by Krawczyk's test and listed as floats, but the search is not proved to "
    "find every root"
)
_UNCERTAIN = (
    "some certified roots lie at or next to a tie, where their equilibrium conditions were "
    "not decided (not listed)"
)

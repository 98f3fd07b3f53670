"""Pieces of one parameter's line, and exact signs of polynomials on them.

A *piece* of the line of a parameter ``t`` is an open (or half-open) interval whose ends are
rational numbers or real algebraic numbers, or a single point, rational or algebraic.  An
algebraic number is a root of an irreducible polynomial ``f`` (degree ≥ 2, so irrational) with
a rational isolating interval ``(s, u)``.  On a piece, a polynomial's sign is decided exactly:

- on an interval, by counting its roots inside with Sturm sequences (after shrinking the
  isolating intervals of algebraic ends until they hold no other root of it); no root inside
  means one sign, read at a rational point;
- at an algebraic point ``α``, ``p(α) = 0`` iff ``f`` divides ``p``; otherwise the isolating
  interval is shrunk until ``p`` has no root in it, and ``p(α)`` has the sign of ``p`` there.

:func:`split` cuts an interval at the roots of some polynomials inside it, so that each of them
has one sign on every sub-interval (Collins' cylindrical decomposition, in one variable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

import sympy as sp

__all__ = ["Alg", "End", "Piece", "sample", "sign_on", "split"]


@dataclass(frozen=True)
class Alg:
    """The one root of the irreducible ``f`` (degree ≥ 2) in the rational interval ``[s, u]``."""

    f: sp.Poly
    s: sp.Rational
    u: sp.Rational

    def shrunk(self, g: sp.Poly) -> Alg:
        """The same root with an interval holding no other root of ``g`` (square-free)."""
        want = 1 if g.rem(self.f).is_zero else 0
        s, u = self.s, self.u
        for _ in range(200):
            if g.count_roots(s, u) <= want:
                return Alg(self.f, s, u)
            a, b = self.f.refine_root(s, u, eps=(u - s) / 8)
            s, u = sp.Rational(a), sp.Rational(b)
        raise ArithmeticError("root isolation did not converge")  # pragma: no cover


End: TypeAlias = "sp.Rational | Alg | None"  # None: infinite


@dataclass(frozen=True)
class Piece:
    """``point`` set: that single number; else the interval ``(lo, hi)`` (``None`` ends are
    infinite), with a rational end included when ``lo_closed`` / ``hi_closed``."""

    lo: End = None
    hi: End = None
    lo_closed: bool = False
    hi_closed: bool = False
    point: sp.Rational | Alg | None = None


def _sgn(v: sp.Expr) -> int:
    return 1 if v > 0 else (-1 if v < 0 else 0)


def sign_on(p: sp.Poly, piece: Piece) -> int | None:
    """``±1`` or ``0`` when ``p`` has that sign on all of the piece, else ``None``."""
    if p.is_zero:
        return 0
    if p.degree() <= 0:
        return _sgn(p.LC())
    pt = piece.point
    if isinstance(pt, Alg):
        if p.rem(pt.f).is_zero:
            return 0
        a = pt.shrunk(p.sqf_part())
        return _sgn(p.eval(a.s))
    if pt is not None:
        return _sgn(p.eval(pt))
    g = p.sqf_part()
    lo, hi = _inner(piece.lo, g, low=True), _inner(piece.hi, g, low=False)
    roots = g.count_roots(lo, hi)
    if isinstance(piece.lo, sp.Rational) and not piece.lo_closed and g.eval(piece.lo) == 0:
        roots -= 1
    if isinstance(piece.hi, sp.Rational) and not piece.hi_closed and g.eval(piece.hi) == 0:
        roots -= 1
    if roots:
        return None
    return _sgn(p.eval(_between(lo, hi)))


def _inner(end: End, g: sp.Poly, low: bool) -> sp.Rational | None:
    """A rational bound for root counting: the end itself, or the inner end of an algebraic
    end's interval once it holds no root of ``g`` but the end (which is not in the piece)."""
    if isinstance(end, Alg):
        a = end.shrunk(g)
        return a.u if low else a.s
    return end


def _between(lo: sp.Rational | None, hi: sp.Rational | None) -> sp.Rational:
    """A short rational strictly between ``lo`` and ``hi`` (``None``: unbounded)."""
    if lo is None and hi is None:
        return sp.Integer(0)
    if lo is None:
        return sp.floor(hi) - 1
    if hi is None:
        return sp.floor(lo) + 1
    from ._linear import _simplest_between

    v = _simplest_between(Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q)))
    return sp.Rational(v.numerator, v.denominator)


def sample(piece: Piece) -> sp.Rational | None:
    """A rational number of the piece, or ``None`` (an algebraic point)."""
    if isinstance(piece.point, Alg):
        return None
    if piece.point is not None:
        return piece.point
    lo = piece.lo.u if isinstance(piece.lo, Alg) else piece.lo
    hi = piece.hi.s if isinstance(piece.hi, Alg) else piece.hi
    return _between(lo, hi)


def split(piece: Piece, polys: Sequence[sp.Poly]) -> list[Piece]:
    """The interval ``piece`` cut at the roots of ``polys`` inside it: sub-intervals and the
    roots themselves, in order (every polynomial has one sign on each sub-interval)."""
    factors: list[sp.Poly] = []
    for p in polys:
        for f, _ in p.factor_list()[1]:
            if f.degree() > 0 and f not in factors:
                factors.append(f)
    marks: list[sp.Rational | Alg] = []
    for f in factors:
        if f.degree() == 1:
            c1, c0 = f.all_coeffs()
            marks.append(-c0 / c1)
        else:
            marks.extend(Alg(f, sp.Rational(s), sp.Rational(u)) for (s, u), _ in f.intervals())
    ends = [e for e in (piece.lo, piece.hi) if e is not None]
    every = _disjoint([*ends, *marks])  # ends first: a mark equal to an end is dropped
    k = len(ends)
    lo_end = every[0] if piece.lo is not None else None
    hi_end = every[k - 1] if piece.hi is not None else None
    piece = Piece(lo_end, hi_end, piece.lo_closed, piece.hi_closed)
    inside = sorted((m for m in every[k:] if _in(m, piece)), key=_key)
    out: list[Piece] = []
    lo, lo_closed = piece.lo, piece.lo_closed
    for m in inside:
        out.append(Piece(lo, m, lo_closed, False))
        out.append(Piece(point=m))
        lo, lo_closed = m, False
    out.append(Piece(lo, piece.hi, lo_closed, piece.hi_closed))
    return out


def _key(m: sp.Rational | Alg) -> sp.Rational:
    return m.s if isinstance(m, Alg) else m


def _span(m: sp.Rational | Alg) -> tuple[sp.Rational, sp.Rational]:
    return (m.s, m.u) if isinstance(m, Alg) else (m, m)


def _disjoint(marks: list[sp.Rational | Alg]) -> list[sp.Rational | Alg]:
    """Isolating intervals shrunk until no two overlap (distinct numbers), repeats dropped."""
    out: list[sp.Rational | Alg] = []
    for m in marks:
        if any(m == x or (isinstance(m, Alg) and isinstance(x, Alg) and _same(m, x)) for x in out):
            continue
        out.append(m)
    for _ in range(200):
        clash = False
        for i, x in enumerate(out):
            for j in range(i + 1, len(out)):
                y = out[j]
                (a, b), (c, d) = _span(x), _span(y)
                if b >= c and d >= a:
                    clash = True
                    if isinstance(x, Alg):
                        out[i] = _halve(x)
                    if isinstance(out[j], Alg):
                        out[j] = _halve(y)
        if not clash:
            return out
    raise ArithmeticError("root isolation did not converge")  # pragma: no cover


def _same(x: Alg, y: Alg) -> bool:
    return (
        x.f == y.f
        and max(x.s, y.s) <= min(x.u, y.u)
        and x.f.count_roots(max(x.s, y.s), min(x.u, y.u)) == 1
    )


def _halve(a: Alg) -> Alg:
    s, u = a.f.refine_root(a.s, a.u, eps=(a.u - a.s) / 4)
    return Alg(a.f, sp.Rational(s), sp.Rational(u))


def _in(m: sp.Rational | Alg, piece: Piece) -> bool:
    """Whether the mark lies strictly inside the interval (marks and ends are disjoint)."""
    a, b = _span(m)
    if piece.lo is not None and not (a > _span(piece.lo)[1]):
        return False
    return piece.hi is None or b < _span(piece.hi)[0]

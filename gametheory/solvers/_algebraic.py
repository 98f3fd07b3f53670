"""Exact real solutions of zero-dimensional polynomial systems over the rationals (private).

A system is put in *shape position* (Gianni & Mora 1989; Cox, Little & O'Shea, *Ideals,
Varieties, and Algorithms*, 4th ed., §3.5 and §5.3 on the shape lemma): a Gröbner basis in lex
order of the form ``x_1 - h_1(t), ..., x_k - h_k(t), g(t)`` where ``t`` is a separating linear
form.  Every solution is then ``x = h(z)`` for a root ``z`` of an irreducible factor ``f`` of
``g``: one real algebraic number per solution and polynomials in it for the coordinates.

Signs of ``h(z)`` are decided exactly: ``h(z) = 0`` iff ``f`` divides ``h`` (``f`` is
irreducible and ``deg h < deg f`` after reduction); otherwise ``z`` is bisected inside an
isolating interval (signs of ``f`` at rational points) until interval evaluation of ``h`` in
rationals excludes 0.  No floating point is involved in any decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

__all__ = ["AlgebraicPoint", "NotShapePosition", "PositiveDimensional", "real_solutions"]

GROEBNER_METHOD = "buchberger"
"""sympy's algorithm for the graded basis: Buchberger's is 3-6x faster than F5B on the
multilinear support systems of 3x3x3 games (F5B spends most of its time ordering monomials)."""

_T = sp.Symbol("_t_sep")
_X = sp.Symbol("x")  # the variable shown inside CRootOf(...)


class PositiveDimensional(Exception):
    """The system has infinitely many complex solutions (a continuum)."""


class NotShapePosition(Exception):
    """No separating linear form put the system in shape position (kernel limit)."""


@dataclass(frozen=True)
class AlgebraicPoint:
    """One real solution ``x = h(z)`` with ``z`` the root of ``f`` inside ``[lo, hi]``.

    ``f`` is irreducible over the rationals (``t - q`` for a rational solution); ``coords``
    holds one polynomial in ``t`` of degree below ``deg f`` per unknown.
    """

    f: sp.Poly
    lo: Fraction
    hi: Fraction
    root: sp.Expr  # z itself, exactly: a Rational, a radical or a CRootOf
    coords: tuple[sp.Poly, ...]

    def reduce(self, h: sp.Poly) -> sp.Poly:
        """``h`` (a polynomial in ``t``) reduced modulo ``f``."""
        return h.rem(self.f)

    def sign(self, h: sp.Poly) -> int:
        """The exact sign of ``h(z)``."""
        r = self.reduce(h)
        if r.is_zero:
            return 0
        if self.f.degree() == 1:
            v = _eval(r, self.lo)
            return (v > 0) - (v < 0)
        lo, hi = self.lo, self.hi
        flo = _eval(self.f, lo)
        while True:
            a, b = _interval_eval(r, lo, hi)
            if a > 0:
                return 1
            if b < 0:
                return -1
            mid = (lo + hi) / 2
            fm = _eval(self.f, mid)
            if fm == 0:  # impossible for an irreducible f of degree >= 2
                raise ArithmeticError("rational root of an irreducible polynomial")
            if (fm > 0) == (flo > 0):
                lo, flo = mid, fm
            else:
                hi = mid

    def value(self, h: sp.Poly) -> sp.Expr:
        """``h(z)`` as an exact sympy number: a rational, a radical (``deg f = 2``) or a
        polynomial with rational coefficients in the one ``CRootOf`` ``z`` (so that every
        coordinate of a solution lies visibly in one number field, which keeps exact checks
        of the result cheap)."""
        r = self.reduce(h)
        if r.degree() <= 0:
            return sp.Integer(0) if r.is_zero else sp.Rational(r.LC())
        if self.f.degree() == 2:
            return sp.radsimp(sp.expand(r.as_expr().subs(_T, self.root)))
        deg = r.degree()
        return sp.Add(
            *(sp.Rational(c) * self.root ** (deg - k) for k, c in enumerate(r.all_coeffs()) if c)
        )

    def approx(self, h: sp.Poly) -> float:
        """``h(z)`` as a float (for display and tests only; decisions use :meth:`sign`)."""
        return float(sp.N(self.value(h), 30))


def _eval(p: sp.Poly, x: Fraction) -> Fraction:
    acc = Fraction(0)
    for c in p.all_coeffs():
        acc = acc * x + _frac(c)
    return acc


def _frac(c: object) -> Fraction:
    q = sp.Rational(c)
    return Fraction(int(q.p), int(q.q))


def _interval_eval(p: sp.Poly, lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """Bounds of ``p`` over ``[lo, hi]`` by rational interval arithmetic (Horner)."""
    a = b = Fraction(0)
    for c in p.all_coeffs():
        prods = (a * lo, a * hi, b * lo, b * hi)
        k = _frac(c)
        a, b = min(prods) + k, max(prods) + k
    return a, b


def real_solutions(
    polys: Sequence[sp.Expr | sp.Poly], unknowns: Sequence[sp.Symbol]
) -> list[AlgebraicPoint]:
    """Every real solution of ``polys = 0`` (rational coefficients), exactly.

    Raises
    ------
    PositiveDimensional
        If the complex solution set is infinite.
    NotShapePosition
        If no tried separating form gives a basis in shape position.
    """
    if not unknowns:
        if any(not _is_zero(p) for p in polys):
            return []
        return [_rational_point((), Fraction(0))]
    # Poly objects go to groebner as they are (no parsing of expressions)
    eqs = [p if isinstance(p, sp.Poly) else sp.expand(p) for p in polys if not _is_zero(p)]
    if not eqs:
        raise PositiveDimensional
    # grevlex first (cheap), then FGLM to lex (Faugère, Gianni, Lazard & Mora 1993)
    graded = sp.groebner(eqs, *unknowns, order="grevlex", domain=sp.QQ, method=GROEBNER_METHOD)
    if list(graded.exprs) == [1]:
        return []
    if not graded.is_zero_dimensional:
        raise PositiveDimensional
    base = graded.fglm("lex")
    own = _own_shape(list(base.polys), len(unknowns))
    if own is not None:
        return _points(*own)
    k = len(unknowns)
    # separating forms: each unknown itself (last first: the lex basis's own shape), then sums
    forms = [[int(j == i) for j in range(k)] for i in reversed(range(k))]
    forms += [[(trial + 1) ** j for j in range(k)] for trial in range(5)]
    for coeffs in forms:
        shape = _shape(list(base.exprs), unknowns, coeffs)
        if shape is not None:
            g, hs = shape
            return _points(g, hs)
    raise NotShapePosition


def _is_zero(p: sp.Expr | sp.Poly) -> bool:
    return bool(p.is_zero) if isinstance(p, sp.Poly) else sp.expand(p) == 0


def _own_shape(polys: list[sp.Poly], k: int) -> tuple[sp.Poly, list[sp.Poly]] | None:
    """The lex basis itself when it is in shape position with ``t`` the last unknown and its
    univariate polynomial squarefree (the usual case: no second basis needed): one
    ``x_i - h_i(x_last)`` per other unknown and ``g(x_last)``, read off the monomials."""
    last = k - 1
    if len(polys) != k:
        return None
    g: sp.Poly | None = None
    hs: list[sp.Poly | None] = [None] * last
    for p in polys:
        terms = p.as_dict()
        own = {j for m in terms for j in range(last) if m[j]}
        rest = {(m[last],): c for m, c in terms.items() if not any(m[:last])}
        if not own:
            if g is not None:
                return None
            g = sp.Poly.from_dict(rest, _T, domain=sp.QQ)
            continue
        if len(own) != 1:
            return None
        (i,) = own
        lead = [c for m, c in terms.items() if any(m[:last])]
        unit = tuple(int(j == i) for j in range(k))
        if len(lead) != 1 or unit not in terms or hs[i] is not None:
            return None
        a = terms[unit]
        hs[i] = sp.Poly.from_dict(
            {e: -c / a for e, c in rest.items()} or {(0,): 0}, _T, domain=sp.QQ
        )
    if g is None or any(h is None for h in hs):
        return None
    if g.gcd(g.diff(_T)).degree() > 0:
        return None
    return g, [*(h for h in hs if h is not None), sp.Poly(_T, _T, domain=sp.QQ)]


def _shape(
    eqs: list[sp.Expr], unknowns: Sequence[sp.Symbol], coeffs: Sequence[int]
) -> tuple[sp.Poly, list[sp.Poly]] | None:
    """``(g, [h_1..h_k])`` with ``x_j = h_j(t)`` and ``g(t) = 0`` for ``t = sum c_j x_j``, or
    None if the radical ideal is not in shape position for this form."""
    sep = _T - sum(c * x for c, x in zip(coeffs, unknowns, strict=True))
    gb = sp.groebner([*eqs, sep], *unknowns, _T, order="lex", domain=sp.QQ)
    last = sp.Poly(gb.exprs[-1], _T, domain=sp.QQ)
    sqf = sp.Poly(sp.sqf_part(last.as_expr()), _T, domain=sp.QQ)
    if sqf.degree() < last.degree():  # make the ideal radical, then look again
        gb = sp.groebner([*gb.exprs, sqf.as_expr()], *unknowns, _T, order="lex", domain=sp.QQ)
    exprs = list(gb.exprs)
    if len(exprs) != len(unknowns) + 1:
        return None
    g = sp.Poly(exprs[-1], _T, domain=sp.QQ)
    if g.free_symbols - {_T}:
        return None
    hs: list[sp.Poly] = []
    for x, e in zip(unknowns, exprs[:-1], strict=True):
        lead = sp.Poly(e, x)
        if lead.degree() != 1:
            return None
        a, b = lead.all_coeffs()
        if a.free_symbols or (b.free_symbols - {_T}):
            return None
        hs.append(sp.Poly(sp.expand(-b / a), _T, domain=sp.QQ))
    return g, hs


def _points(g: sp.Poly, hs: list[sp.Poly]) -> list[AlgebraicPoint]:
    out: list[AlgebraicPoint] = []
    for factor, _mult in g.factor_list()[1]:
        f = sp.Poly(factor.monic(), _T, domain=sp.QQ)
        if f.degree() == 1:
            q = _frac(-f.all_coeffs()[1])
            out.append(_rational_point(tuple(h.rem(f) for h in hs), q, f))
            continue
        isolating = f.intervals()  # exact, disjoint, increasing; one simple root in each
        exact = _radical_roots(f.as_expr()) if f.degree() == 2 else None
        for i, ((a, b), _m) in enumerate(isolating):
            lo, hi = _frac(a), _frac(b)
            root = exact[i] if exact is not None else sp.CRootOf(f.as_expr().subs(_T, _X), _X, i)
            out.append(AlgebraicPoint(f, lo, hi, root, tuple(h.rem(f) for h in hs)))
    return out


def _radical_roots(f: sp.Expr, var: sp.Symbol = _T) -> list[sp.Expr]:
    """The real roots of a quadratic, increasing, as radicals."""
    roots = [r for r in sp.roots(f, var) if r.is_real]
    return sorted(roots, key=lambda r: float(sp.N(r, 30)))


def _rational_point(
    coords: tuple[sp.Poly, ...], q: Fraction, f: sp.Poly | None = None
) -> AlgebraicPoint:
    f = f if f is not None else sp.Poly(_T - sp.Rational(q.numerator, q.denominator), _T)
    return AlgebraicPoint(f, q, q, sp.Rational(q.numerator, q.denominator), coords)


def poly_in_t(poly: Any, unknowns: Sequence[sp.Symbol], point: AlgebraicPoint) -> sp.Poly:
    """A polynomial in the unknowns (an element of a sympy ``ring`` in them) as a polynomial in
    ``t`` at ``point``, reduced mod ``f`` term by term as the coordinates' powers are formed."""
    powers: dict[tuple[int, int], sp.Poly] = {}

    def power(j: int, e: int) -> sp.Poly:
        if (j, e) not in powers:
            base = point.coords[j]
            powers[(j, e)] = base if e == 1 else point.reduce(power(j, e - 1) * base)
        return powers[(j, e)]

    total = sp.Poly(0, _T, domain=sp.QQ)
    for monom, coeff in poly.terms():
        term = sp.Poly(sp.Rational(int(coeff.numerator), int(coeff.denominator)), _T, domain=sp.QQ)
        for j, e in enumerate(monom):
            if e and unknowns:
                term = point.reduce(term * power(j, e))
        total += term
    return point.reduce(total)

"""Normalisation of relations into atoms: ``N/D op 0`` becomes polynomial atoms.

* floats become the simple rationals they denote;
* a rational function is brought to ``N / Π d_i**m_i`` in sympy's sparse polynomial rings
  (denominator factors kept apart, common factors of ``N`` cancelled);
* denominator factors of known sign on the space (or by the symbols' assumptions) are multiplied
  through; one of unknown sign gives ``N*d op 0``; every factor that may vanish gives ``d != 0``;
* the result is put in canonical form (:func:`~._atoms.canon`), and the factorisation
  ``N * d * ...`` is remembered for display and for :func:`~._simplify.factor_simplify`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import cast

import sympy as sp
from sympy.polys.rings import PolyElement

from .._numbers import rational_of, to_expr
from ._atoms import OPS, Atom, ConditionError, Op, canon
from ._poly import poly_expr, primitive_expr, record_factors, ring_for, seeded_poly, sort_symbols

__all__ = ["SignOracle", "assumption_sign", "normalise", "read_pairs"]

SignOracle = Callable[[sp.Expr], str | None]
"""Maps an expression to ``"+"``, ``"-"``, ``"0+"``, ``"0-"``, ``"0"`` or None (unknown)."""

Frac = tuple[PolyElement, dict[PolyElement, int]]


def assumption_sign(d: sp.Expr) -> str | None:
    """The sign of ``d`` from sympy's assumptions on its symbols (see :data:`SignOracle`)."""
    if d.is_positive:
        return "+"
    if d.is_negative:
        return "-"
    if d.is_zero:
        return "0"
    if d.is_nonnegative:
        return "0+"
    if d.is_nonpositive:
        return "0-"
    return None


@lru_cache(maxsize=16384)
def _exactify(expr: sp.Expr) -> sp.Expr:
    if seeded_poly(expr) is not None:
        return expr  # built from a polynomial with rational coefficients: no float
    floats = expr.atoms(sp.Float)
    if not floats:
        return expr
    return expr.xreplace({f: rational_of(float(f), "a float", ConditionError) for f in floats})


class _NotRational(Exception):
    """The expression is not a rational function with rational coefficients."""


def _frac(e: sp.Expr, ring: object, gens: dict[sp.Symbol, PolyElement]) -> Frac:
    """``e`` as (numerator, {primitive denominator factor: multiplicity})."""
    if e.is_Symbol:
        return gens[e], {}
    if e.is_Rational:
        return ring.ground_new(ring.domain.from_sympy(e)), {}  # type: ignore[attr-defined]
    if e.is_Add:
        num, den = _frac(e.args[0], ring, gens)
        for arg in e.args[1:]:
            n2, d2 = _frac(arg, ring, gens)
            common = {f: max(den.get(f, 0), d2.get(f, 0)) for f in den.keys() | d2.keys()}
            num = _lift(num, den, common) + _lift(n2, d2, common)
            den = common
        return num, den
    if e.is_Mul:
        num, den = _frac(e.args[0], ring, gens)
        for arg in e.args[1:]:
            n2, d2 = _frac(arg, ring, gens)
            num = num * n2
            den = {f: den.get(f, 0) + d2.get(f, 0) for f in den.keys() | d2.keys()}
        return num, den
    if e.is_Pow and e.args[1].is_Integer:
        num, den = _frac(e.args[0], ring, gens)
        k = int(e.args[1])
        if k < 0:
            if num.is_zero:
                raise ConditionError(f"division by zero in {e}")
            content, prim = num.primitive()
            if prim.LC < 0:
                content, prim = -content, -prim
            inverse = ring.ground_new(1 / content)  # type: ignore[attr-defined]
            for f, m in den.items():
                inverse = inverse * f**m
            num, den, k = inverse, ({prim: 1} if not prim.is_ground else {}), -k
        return num**k, {f: m * k for f, m in den.items()}
    raise _NotRational


def _lift(
    num: PolyElement, den: dict[PolyElement, int], common: dict[PolyElement, int]
) -> PolyElement:
    for f, m in common.items():
        extra = m - den.get(f, 0)
        if extra:
            num = num * f**extra
    return num


@lru_cache(maxsize=16384)
def _rational(expr: sp.Expr) -> tuple[PolyElement, tuple[tuple[PolyElement, int, int], ...]] | None:
    """``(N, ((d, multiplicity left, multiplicity given), ...))`` with common factors cancelled."""
    known = seeded_poly(expr)
    if known is not None:
        return known, ()  # a polynomial already (see :func:`._poly.seed_poly`)
    symbols = sort_symbols(expr.free_symbols)
    if not symbols:
        return None
    ring = ring_for(symbols)
    gens = dict(zip(symbols, ring.gens, strict=True))
    try:
        num, den = _frac(expr, ring, gens)
    except _NotRational:
        return None
    factors = []
    for f, m in sorted(den.items(), key=lambda fm: str(fm[0])):
        left = m
        while left and not num.is_zero:
            q, r = num.div(f)
            if not r.is_zero:
                break
            num, left = q, left - 1
        factors.append((f, left, m))
    return num, tuple(factors)


@lru_cache(maxsize=16384)
def _fallback_split(expr: sp.Expr) -> tuple[sp.Expr, int, tuple[tuple[sp.Expr, int], ...]]:
    """For non-polynomial expressions: ``(N, sign of numeric denominator, symbolic factors)``."""
    num, den = sp.fraction(sp.together(expr))
    sign = 1
    factors: list[tuple[sp.Expr, int]] = []
    for f in sp.Mul.make_args(den):
        if not f.free_symbols:
            if f.is_negative:
                sign = -sign
            continue
        base, e = f.as_base_exp()
        factors.append((base, int(e)) if e.is_Integer and e > 0 else (f, 1))
    return num, sign, tuple(factors)


def normalise(expr: sp.Expr, op: Op, oracle: SignOracle) -> list[Atom]:
    """Normalise ``expr op 0`` into polynomial atoms (and ``d != 0`` for vanishing denominators)."""
    expr = _exactify(expr)
    data = _rational(expr)
    if data is None:
        return _normalise_general(expr, op, oracle)
    num, factors = data
    extra: list[Atom] = []
    multiplied: list[PolyElement] = []
    for f, left, _ in factors:
        f_expr = poly_expr(f)
        s = oracle(f_expr)
        if s == "+":
            continue
        if s == "-":
            if left % 2:
                num = -num
            continue
        extra.append(canon(f_expr, "!="))
        if op in (">=", ">") and left % 2:
            if s == "0-":
                num = -num
            elif s != "0+":
                multiplied.append(f)
    if not multiplied:
        return [canon(poly_expr(num), op), *extra]
    product = num
    for f in multiplied:
        product = product * f
    a = canon(poly_expr(product), op)
    if not a.is_constant and not num.is_ground:
        parts = [primitive_expr(num, positive_lead=False)[0], *(poly_expr(f) for f in multiplied)]
        record_factors(a.expr, (1, tuple((p, 1) for p in parts)))
    return [a, *extra]


def _normalise_general(expr: sp.Expr, op: Op, oracle: SignOracle) -> list[Atom]:
    num, dsign, factors = _fallback_split(expr)
    if dsign < 0:
        num = -num
    extra: list[Atom] = []
    for d, k in factors:
        s = oracle(d)
        if s == "+":
            continue
        if s == "-":
            if k % 2:
                num = -num
            continue
        extra.append(canon(d, "!="))
        if op in (">=", ">") and k % 2:
            if s == "0-":
                num = -num
            elif s != "0+":
                num = num * d
    return [canon(num, op), *extra]


_REL_OPS: dict[type, tuple[str, bool]] = {
    sp.GreaterThan: (">=", False),
    sp.StrictGreaterThan: (">", False),
    sp.LessThan: (">=", True),
    sp.StrictLessThan: (">", True),
    sp.Equality: ("==", False),
    sp.Unequality: ("!=", False),
}


def read_pairs(item: object, op: Op | str | None = None) -> list[tuple[sp.Expr, Op]]:
    """Read a relational, a conjunction, a boolean, an Atom or ``(expr, op)`` into pairs."""
    if op is not None:
        expr = to_expr(item, "the expression", ConditionError)
        if op in OPS:
            return [(expr, op)]
        if op in ("<=", "<"):
            return [(-expr, ">=" if op == "<=" else ">")]
        raise ConditionError(f"unknown operator {op!r} for {expr}; use one of {OPS}, '<=' or '<'")
    if isinstance(item, Atom):
        return [(item.expr, item.op)]
    if item is True or item is sp.true:
        return []
    if item is False or item is sp.false:
        return [(sp.S.NegativeOne, ">=")]
    if isinstance(item, sp.And):
        return [pair for arg in item.args for pair in read_pairs(arg)]
    for cls, (name, flip) in _REL_OPS.items():
        if isinstance(item, cls):
            lhs, rhs = item.args  # type: ignore[attr-defined]
            if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
                raise ConditionError(f"the relation {item} does not compare two expressions")
            diff = rhs - lhs if flip else lhs - rhs
            return [(cast(sp.Expr, diff), cast(Op, name))]
    if isinstance(item, sp.Or):
        raise ConditionError(
            f"the condition {item} is a disjunction; a region is a conjunction, split it into cases"
        )
    if isinstance(item, sp.Expr):
        raise ConditionError(f"the expression {item} needs an operator, e.g. atom({item}, '>=')")
    raise ConditionError(
        f"cannot read {item!r} as a condition; give a sympy relation, a conjunction (And) of "
        "relations, an Atom or (expression, operator)"
    )

"""Atoms ``f(θ) op 0``: the class, canonical form, exact evaluation and display.

Canonical form (see :func:`canon`): a polynomial (integer or rational coefficients) is expanded
with integer coefficients and its positive content removed; for ``==`` and ``!=`` the leading
coefficient is also made positive; other expressions (``sqrt``, ``exp``...) keep their shape with
the positive content removed.  So equal atoms compare equal, and ``f >= 0`` can be matched
against ``-f >= 0``.  Rational functions are brought to this form by ``_normal.normalise``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Literal

import sympy as sp

from .._numbers import rational_of, to_expr
from ..errors import GameError, MissingParameterError
from ._poly import (
    factors_of,
    linear_form,
    poly_expr,
    poly_terms,
    primitive_expr,
    ring_of,
    seeded_poly,
    sort_symbols,
)

__all__ = ["FALSE", "OPS", "TRUE", "Atom", "ConditionError", "Op", "canon", "compare", "negate"]

Op = Literal[">=", ">", "==", "!="]
OPS: tuple[Op, ...] = (">=", ">", "==", "!=")


class ConditionError(GameError):
    """A condition is malformed: not a conjunction of relations, a bad operator or value."""


@dataclass(frozen=True)
class Atom:
    """One condition ``expr op 0`` on the parameters.

    Build atoms with :func:`gametheory.conditions.atom`, which normalises them; a hand-built
    ``Atom`` is normalised again when it goes through :func:`~gametheory.conditions.reduce`.

    Attributes
    ----------
    expr
        After normalisation, a polynomial in the parameters with integer coefficients and no
        content (or a non-polynomial expression with its positive content removed).
    op
        One of ``">="``, ``">"``, ``"=="``, ``"!="``: the atom means ``expr op 0``.
    """

    expr: sp.Expr
    op: Op

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ConditionError(f"unknown operator {self.op!r} in an atom; use one of {OPS}")
        if not isinstance(self.expr, sp.Expr):
            expr = to_expr(self.expr, "the expression of an atom", ConditionError)
            object.__setattr__(self, "expr", expr)

    @property
    def symbols(self) -> frozenset[sp.Symbol]:
        """The parameters the atom uses."""
        return frozenset(self.expr.free_symbols)

    @property
    def terms(self) -> int:
        """How many terms its expression has: a cheap measure of the atom's size."""
        return len(sp.Add.make_args(self.expr))

    @property
    def is_constant(self) -> bool:
        """Whether the atom uses no parameter (it is then TRUE or FALSE)."""
        return not self.expr.free_symbols

    def holds_at(self, point: Mapping[sp.Symbol, object]) -> bool:
        """Whether the atom holds at ``point``, decided exactly (floats are read as rationals).

        Raises :class:`~gametheory.errors.MissingParameterError` when the point lacks one of
        the atom's parameters.
        """
        data = poly_terms(self.expr)
        if data is not None:  # the common case: a polynomial at a rational point
            xs = _fractions(data[0], point, self)
            if xs is not None:
                total = Fraction(0)
                for coef, exps in data[1]:
                    term = coef
                    for x, e in zip(xs, exps, strict=True):
                        if e:
                            term *= x**e
                    total += term
                return compare(total, self.op)
        subs: dict[sp.Symbol, sp.Expr] = {}  # irrational values, or not a polynomial: sympy
        for s in sort_symbols(self.expr.free_symbols):
            if s not in point:
                raise MissingParameterError(f"the point gives no value for {s}, used by {self}")
            v = point[s]
            if isinstance(v, sp.Expr) and v.is_number and not isinstance(v, sp.Float):
                subs[s] = v
            else:
                subs[s] = rational_of(v, f"value of {s}", ConditionError)
        return _sign_holds(self.expr.xreplace(subs), self.op)

    def as_relational(self) -> sp.Basic:
        """A readable sympy relation: positive terms on the left, the others on the right.

        ``c - 2*a >= 0`` reads ``c >= 2*a``; ``2 - c >= 0`` reads ``c <= 2``; constant atoms
        give ``sympy.true`` or ``sympy.false``.
        """
        return _relational(self)

    def negated(self) -> Atom:
        """The atom that holds exactly where this one fails (for ``==`` that is ``!=``)."""
        return negate(self)

    def __str__(self) -> str:
        return str(self.as_relational())


def _fractions(
    gens: tuple[sp.Symbol, ...], point: Mapping[sp.Symbol, object], atom: Atom
) -> list[Fraction] | None:
    """The point's values of ``gens`` as Fractions (``None`` if one is an irrational number)."""
    xs = []
    for g in gens:
        if g not in point:
            raise MissingParameterError(f"the point gives no value for {g}, used by {atom}")
        v = point[g]
        if isinstance(v, Fraction):
            xs.append(v)
        elif isinstance(v, sp.Rational):
            xs.append(Fraction(int(v.p), int(v.q)))
        elif isinstance(v, sp.Expr) and v.is_number and not isinstance(v, sp.Float):
            return None
        else:
            q = rational_of(v, f"value of {g}", ConditionError)
            xs.append(Fraction(int(q.p), int(q.q)))
    return xs


TRUE = Atom(sp.S.Zero, ">=")
FALSE = Atom(sp.S.NegativeOne, ">=")


def compare(v: Fraction, op: str) -> bool:
    """Whether an exact value ``v`` satisfies ``v op 0``."""
    if op == ">=":
        return v >= 0
    if op == ">":
        return v > 0
    if op == "==":
        return v == 0
    return v != 0


def _sign_holds(v: sp.Expr, op: str) -> bool:
    if v.is_Rational:
        return compare(Fraction(int(v.p), int(v.q)), op)
    zero = v.is_zero
    if zero is None:
        zero = bool(v.equals(0))
    if zero:
        return op in (">=", "==")
    positive = v.is_positive
    if positive is None:
        approx = sp.N(v, 50)
        if not approx.is_real:
            raise ConditionError(f"the value {v} is not a real number")
        positive = bool(approx > 0)
    return {">=": positive, ">": positive, "==": False, "!=": True}[op]


# -- canonical atoms --------------------------------------------------------------------------


def _constant_atom(expr: sp.Expr, op: str) -> Atom:
    return TRUE if _sign_holds(expr, op) else FALSE


@lru_cache(maxsize=16384)
def canon(expr: sp.Expr, op: Op) -> Atom:
    """The canonical atom ``expr op 0`` for an expression without symbolic denominators."""
    if not expr.free_symbols:
        return _constant_atom(expr, op)
    p = ring_of(expr)
    if p is not None:
        if p.is_ground:
            return _constant_atom(poly_expr(p), op)
        return Atom(primitive_expr(p, positive_lead=op in ("==", "!="))[0], op)
    _, prim = sp.expand_mul(expr).as_content_primitive()
    if op in ("==", "!=") and prim.could_extract_minus_sign():
        prim = -prim
    return Atom(prim, op)


@lru_cache(maxsize=16384)
def negate(a: Atom) -> Atom:
    """The complement of an atom (cached: the same atoms are negated again and again)."""
    known = seeded_poly(a.expr)
    minus = -a.expr if known is None else poly_expr(-known)  # a polynomial: no parse
    if a.op == ">=":
        return canon(minus, ">")
    if a.op == ">":
        return canon(minus, ">=")
    return canon(a.expr, "!=" if a.op == "==" else "==")


# -- display -------------------------------------------------------------------------------


def _is_negative_term(t: sp.Expr) -> bool:
    coeff = t.as_coeff_Mul()[0]
    if coeff.is_Number:
        return bool(coeff < 0)
    return bool(t.could_extract_minus_sign())


_FLIPPED = {">=": sp.LessThan, ">": sp.StrictLessThan, "==": sp.Equality, "!=": sp.Unequality}
_DIRECT = {">=": sp.GreaterThan, ">": sp.StrictGreaterThan, "==": sp.Equality, "!=": sp.Unequality}


@lru_cache(maxsize=16384)
def _relational(a: Atom) -> sp.Basic:
    if a.is_constant:
        return sp.true if _sign_holds(a.expr, a.op) else sp.false
    form = linear_form(a.expr)
    if form is not None and len(form[0]) == 1:  # one parameter: read it as a bound, e.g. p < 1/2
        ((s, k),) = form[0].items()
        v = -form[1] / k
        bound = sp.Rational(v.numerator, v.denominator)
        rel = _DIRECT[a.op] if k > 0 else _FLIPPED[a.op]
        return rel(s, bound, evaluate=False)
    if form is None and ring_of(a.expr) is not None:
        sign, facs = factors_of(a.expr)
        if len(facs) > 1 or facs[0][1] > 1:  # a product reads best factored: (c - 2)*(c - a) > 0
            parts = list(facs)
            odd = next((i for i, (_, k) in enumerate(parts) if k % 2), None)
            if sign < 0 and odd is not None:  # absorb the sign into one factor: read "> 0"
                parts[odd] = (sp.expand(-parts[odd][0]), parts[odd][1])
                sign = 1
            product = sp.Mul(*[f**k for f, k in parts], evaluate=False)
            return (_DIRECT if sign > 0 else _FLIPPED)[a.op](product, 0, evaluate=False)
    terms = sp.Add.make_args(a.expr)
    left = sp.Add(*[t for t in terms if not _is_negative_term(t)])
    right = sp.Add(*[-t for t in terms if _is_negative_term(t)])
    if left == 0:
        return _FLIPPED[a.op](right, 0, evaluate=False)
    if right == 0:
        return _DIRECT[a.op](left, 0, evaluate=False)
    if left.is_number:
        return _FLIPPED[a.op](right, left, evaluate=False)
    return _DIRECT[a.op](left, right, evaluate=False)

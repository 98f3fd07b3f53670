"""Coercion of user numbers and expressions into sympy, with clear errors."""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import numpy as np
import sympy as sp

from .errors import GameError, InvalidPayoffError

__all__ = ["exact_expr", "rational_of", "simple_fraction", "to_expr", "to_fraction"]


def to_expr(value: object, what: str, error: type[GameError] = InvalidPayoffError) -> sp.Expr:
    """Return ``value`` as a sympy expression, exact for ints and Fractions.

    Parameters
    ----------
    value
        An int, Fraction, float, numpy scalar or sympy expression.
    what
        Names the value in error messages (e.g. ``"payoff of US at ('hold', 'hold')"``).
    error
        The :class:`GameError` subclass to raise.
    """
    if isinstance(value, bool | np.bool_):
        raise error(f"{what} is a boolean ({value!r}); give a number or a sympy expression")
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr):
            raise error(f"{what} is {value!r}, which is not a sympy expression")
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise error(f"{what} is {value}, which is not finite")
        return value
    if isinstance(value, numbers.Integral):
        return sp.Integer(int(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, numbers.Rational):
        return sp.Rational(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        f = float(value)
        if not math.isfinite(f):
            raise error(f"{what} is {value!r}, which is not finite")
        return sp.Float(f)
    raise error(
        f"{what} is {value!r} of type {type(value).__name__}; "
        "give a number (int, Fraction, float) or a sympy expression"
    )


def exact_expr(value: object, what: str, error: type[GameError] = InvalidPayoffError) -> sp.Expr:
    """Like :func:`to_expr`, but floats are read as the rationals they denote (``0.1`` is
    ``1/10``, as in :func:`simple_fraction`), inside expressions too (``0.5*c`` is ``c/2``).

    Game inputs (chance probabilities, priors, tree payoffs) go through this, so that
    ``0.1 + 0.2 + 0.7`` sums to 1 exactly, as parameter points already do (:func:`rational_of`).
    """
    expr = to_expr(value, what, error)
    floats = expr.atoms(sp.Float)
    if not floats:
        return expr
    return expr.xreplace({f: sp.Rational(simple_fraction(float(f))) for f in floats})


def to_fraction(expr: sp.Expr) -> Fraction:
    """An exact sympy rational as a :class:`fractions.Fraction`."""
    r = sp.Rational(expr)
    return Fraction(int(r.p), int(r.q))


def simple_fraction(x: float) -> Fraction:
    """The simple rational a finite float denotes: ``0.3`` is ``3/10`` (the nearest fraction with
    a denominator up to 10**12)."""
    return Fraction(x).limit_denominator(10**12)


def rational_of(value: object, what: str, error: type[GameError]) -> sp.Rational:
    """A user value at a parameter point, made exact: floats become the rational they denote."""
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise error(f"{what} is {value!r}, which is not finite")
        return sp.Rational(simple_fraction(float(value)))
    expr = to_expr(value, what, error)
    if not expr.is_number:
        raise error(f"{what} is {expr}, which is not a number")
    if isinstance(expr, sp.Float):
        return sp.Rational(simple_fraction(float(expr)))
    if not expr.is_Rational:
        # irrational constants such as sqrt(2) or pi are kept exact by sympy callers; here we need
        # a rational point, so we refuse rather than silently round.
        raise error(f"{what} is {expr}, which is not rational; give a rational or a float")
    return sp.Rational(expr)

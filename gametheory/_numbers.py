"""Coercion of user numbers and expressions into sympy, with clear errors."""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import sympy as sp

from .errors import GameError, InvalidPayoffError

__all__ = [
    "exact_expr",
    "rational_of",
    "simple_fraction",
    "to_expr",
    "to_fraction",
    "user_expr",
]


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
    import numpy as np

    if isinstance(value, bool | np.bool_):
        raise error(f"{what} is a boolean ({value!r}); give a number or a sympy expression")
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr):
            raise error(f"{what} is {_short(value)}, which is not a sympy expression")
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise error(f"{what} is {_short(value)}, which is not finite")
        if value.has(sp.I) or value.is_extended_real is False:
            raise error(f"{what} is {_short(value)}, which is not real; give a real number")
        _check_size(value, what, error)
        return value
    if isinstance(value, numbers.Integral):
        return _sized(sp.Integer(int(value)), what, error)
    if isinstance(value, Fraction):
        return _sized(sp.Rational(value.numerator, value.denominator), what, error)
    if isinstance(value, numbers.Rational):
        return _sized(sp.Rational(int(value.numerator), int(value.denominator)), what, error)
    if isinstance(value, numbers.Real):
        f = float(value)
        if not math.isfinite(f):
            raise error(f"{what} is {value!r}, which is not finite")
        return _sized(sp.Float(f), what, error)
    if isinstance(value, numbers.Complex):
        raise error(f"{what} is {value!r} of type complex, which is not real; give a real number")
    raise error(
        f"{what} is {value!r} of type {type(value).__name__}; "
        "give a number (int, Fraction, float) or a sympy expression"
    )


def user_expr(value: object, what: str, error: type[GameError]) -> sp.Expr:
    """:func:`to_expr` for values a user passes to a check (profiles, beliefs, points): a
    string is refused saying so, since ``sympify`` would run it as Python."""
    if isinstance(value, str):
        raise error(
            f"{what} is the string {value[:40]!r}: give a number or a sympy expression "
            "(strings are not read, as sympify would run them as Python)"
        )
    return to_expr(value, what, error)


MAX_DIGITS = 4000
"""Exact numbers in game data and points are limited to this many digits (numerator and
denominator): Python itself refuses to print integers beyond 4,300 digits, so a bigger payoff
would fail in every message and table that shows it; it is refused at the boundary with a
sentence instead."""


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else f"{text[:40]}...{text[-10:]} ({len(text)} characters)"


def _sized(value: sp.Expr, what: str, error: type[GameError]) -> sp.Expr:
    _check_size(value, what, error)
    return value


def _check_size(expr: sp.Expr, what: str, error: type[GameError]) -> None:
    """Refuse numbers beyond :data:`MAX_DIGITS` digits (or floats beyond 1e100)."""
    for atom in expr.atoms(sp.Number):
        if isinstance(atom, sp.Rational):
            big = max(abs(int(atom.p)), int(atom.q))
            too_big = big >= 10**MAX_DIGITS
        else:
            too_big = abs(atom) >= sp.Float(10) ** MAX_DIGITS  # mpmath floats go far beyond
        if too_big:
            raise error(
                f"{what} has a number with more than {MAX_DIGITS} digits; numbers are limited "
                f"to absolute values and denominators below 10**{MAX_DIGITS} (rescale the model)"
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
    import numpy as np

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

"""Distributions of a continuum of private types (:class:`~gametheory.ContinuousChance`).

A distribution here is a law on a bounded interval ``[lo, hi]`` with a closed-form integral of
polynomials against its density, so that expected payoffs over the types come out exactly.
:class:`Uniform` is the one in use (Fearon 1995 and most crisis-bargaining models).

Examples
--------
>>> import sympy as sp
>>> import gametheory as gt
>>> t, h = sp.symbols("t h")
>>> U = gt.Uniform(0, 2)
>>> U.cdf(sp.Rational(1, 2))
1/4
>>> U.integrate(t, t, 0, 1)  # E[t; t < 1]
1/4
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from ._numbers import exact_expr
from .errors import InvalidGameError, UnsupportedGameError

__all__ = ["Distribution", "Uniform"]


class Distribution:
    """The interface the solver needs: a support ``(lo, hi)`` and exact integrals."""

    @property
    def support(self) -> tuple[sp.Expr, sp.Expr]:
        raise NotImplementedError

    def integrate(self, f: sp.Expr, x: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        """``∫_a^b f(x) g(x) dx`` for ``lo <= a <= b <= hi``, ``g`` the density."""
        raise NotImplementedError

    def cdf(self, x: sp.Expr) -> sp.Expr:
        """``Pr(X <= x)``, a ``Piecewise`` in ``x``."""
        raise NotImplementedError

    def at(self, point: Mapping[sp.Symbol, sp.Expr]) -> Distribution:
        """The distribution with parameters substituted."""
        raise NotImplementedError

    def latex(self) -> str:
        """The distribution in LaTeX math (``U[a, b]``)."""
        raise NotImplementedError


@dataclass(frozen=True, init=False)
class Uniform(Distribution):
    """The uniform distribution on ``[lo, hi]`` (ends: numbers or expressions of parameters).

    That ``lo < hi`` is checked by the :class:`~gametheory.ContinuousChance` that uses it
    (an error naming its variable where the symbols' assumptions refute it).
    """

    lo: sp.Expr
    hi: sp.Expr

    def __init__(self, lo: object, hi: object) -> None:
        low = exact_expr(lo, "lower end of Uniform", InvalidGameError)
        high = exact_expr(hi, "upper end of Uniform", InvalidGameError)
        object.__setattr__(self, "lo", low)
        object.__setattr__(self, "hi", high)

    @property
    def support(self) -> tuple[sp.Expr, sp.Expr]:
        return self.lo, self.hi

    def integrate(self, f: sp.Expr, x: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        if f == 0:
            return sp.Integer(0)
        return antiderivative_between(f, x, a, b) / (self.hi - self.lo)

    def cdf(self, x: sp.Expr) -> sp.Expr:
        lo, hi = self.lo, self.hi
        return sp.Piecewise((0, x <= lo), ((x - lo) / (hi - lo), x <= hi), (1, True))

    def at(self, point: Mapping[sp.Symbol, sp.Expr]) -> Uniform:
        return Uniform(self.lo.xreplace(point), self.hi.xreplace(point))

    def latex(self) -> str:
        return f"U[{sp.latex(self.lo)}, {sp.latex(self.hi)}]"

    def __repr__(self) -> str:
        return f"Uniform({self.lo}, {self.hi})"


def antiderivative_between(f: sp.Expr, x: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """``∫_a^b f dx`` exactly: polynomials through ``Poly``, anything else through sympy.

    Raises :class:`~gametheory.UnsupportedGameError` when sympy finds no closed form.
    """
    f = sp.expand(f)
    if not f.has(x):
        return f * (b - a)
    if f.is_polynomial(x):
        big = sp.Poly(f, x).integrate()
        return sp.expand(big.as_expr().subs(x, b) - big.as_expr().subs(x, a))
    big = sp.integrate(f, x)
    if big.has(sp.Integral):
        raise UnsupportedGameError(f"no closed-form integral of {f} over {x}")
    return big.subs(x, b) - big.subs(x, a)

"""Exact arithmetic in ``K(sqrt(Δ))``, ``K`` the rational functions of the parameters (private).

The mixed equilibria of a symbolic 2x2x2 support system live in a quadratic extension of ``K``
(:mod:`gametheory.solvers._n_player_symbolic`): every probability and payoff is ``u + v sqrt(Δ)``
with ``u, v`` in ``K``.  Elements are kept as such pairs, in sympy's fraction-field domain
(sparse polynomial arithmetic, far faster than ``cancel`` on expressions), and turned into
readable expressions once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.ntheory import factorint
from sympy.polys.rings import ring

from ._normal_form import tidy_ratio

__all__ = ["Field", "Quad", "scaled_at_root"]


@dataclass(frozen=True)
class Field:
    """``K(sqrt(disc))`` over the parameters ``gens`` (``disc = 0``: ``K`` itself)."""

    gens: tuple[sp.Symbol, ...]
    K: Any
    disc: Any

    @classmethod
    def of(cls, gens: tuple[sp.Symbol, ...], disc: sp.Expr | int = 0) -> Field:
        K = sp.QQ.frac_field(*gens) if gens else sp.QQ
        return cls(gens, K, K.from_sympy(sp.sympify(disc)))

    def __call__(self, expr: sp.Expr | int) -> Quad:
        """An element of ``K`` (an expression in the parameters)."""
        return Quad(self.K.from_sympy(sp.sympify(expr)), self.K.zero, self)

    def root(self, expr: sp.Expr) -> sp.Expr:
        """``sqrt(disc)`` as ``m * sqrt(d)`` with the square part ``m**2`` of the content out."""
        disc = sp.expand(self.K.to_sympy(self.disc))
        if not self.gens or disc.is_number:
            return expr * sp.sqrt(disc)
        content, prim = sp.Poly(disc, *self.gens).primitive()
        square = sp.Integer(1)
        for p, e in factorint(int(sp.Rational(content).p)).items():
            square *= sp.Integer(p) ** (e // 2)
        rest = sp.expand(sp.Rational(content) / square**2 * prim.as_expr())
        return expr * square * sp.sqrt(rest)


@dataclass(frozen=True)
class Quad:
    """``u + v sqrt(disc)`` with ``u, v`` in ``field.K``."""

    u: Any
    v: Any
    field: Field

    def __add__(self, other: Quad) -> Quad:
        return Quad(self.u + other.u, self.v + other.v, self.field)

    def __sub__(self, other: Quad) -> Quad:
        return Quad(self.u - other.u, self.v - other.v, self.field)

    def __neg__(self) -> Quad:
        return Quad(-self.u, -self.v, self.field)

    def __mul__(self, other: Quad) -> Quad:
        d = self.field.disc
        u = self.u * other.u + self.v * other.v * d
        return Quad(u, self.u * other.v + self.v * other.u, self.field)

    def inverse(self) -> Quad:
        """``1 / self`` (its norm ``u**2 - v**2 disc`` must be nonzero)."""
        norm = self.u * self.u - self.v * self.v * self.field.disc
        return Quad(self.u / norm, -self.v / norm, self.field)

    def of(self, poly: sp.Poly) -> Quad:
        """A univariate polynomial (coefficients in the parameters) at this number (Horner)."""
        acc = self.field(0)
        for c in poly.all_coeffs():
            acc = acc * self + self.field(c)
        return acc

    def expr(self, polynomial: bool = False) -> sp.Expr:
        """As a sympy expression: ``u`` and ``v`` as tidy ratios (``polynomial``: expanded, for
        condition atoms)."""
        K = self.field.K
        u, v = K.to_sympy(self.u), K.to_sympy(self.v)
        if polynomial:
            u, v = sp.expand(u), sp.expand(v)
        else:
            u, v = (tidy_ratio(*sp.fraction(x), reduced=True) for x in (u, v))
        return u if v == 0 else u + self.field.root(v)


def scaled_at_root(
    poly: sp.Poly, gens: tuple[sp.Symbol, ...], a: sp.Expr, b: sp.Expr, sign: int, disc: sp.Expr
) -> tuple[sp.Expr, sp.Expr]:
    """``(u, v)`` with ``u + v sqrt(disc) = scale**m * P(root)`` and ``u, v`` polynomials in
    ``gens``: ``root = (-b + sign sqrt(disc)) / (2a)`` and ``scale = 2a`` (``disc`` nonzero),
    or ``root = -b/a`` and ``scale = a`` (``disc = 0``); ``m`` is the least even number at
    least ``deg P``, so that the factor is positive wherever ``a != 0``.  Only ring
    arithmetic (no fractions): ``sum_k c_k (-b + sign s)**k scale**(m - k)``."""
    R, *_ = ring(gens or (sp.Dummy("_"),), sp.QQ)
    quadratic = disc != 0
    scale = R.from_expr(sp.expand(2 * a if quadratic else a))
    d = R.from_expr(sp.expand(disc)) if quadratic else R.zero
    base = (R.from_expr(sp.expand(-b)), R(sign) if quadratic else R.zero)
    coeffs = poly.all_coeffs()
    deg = len(coeffs) - 1
    m = deg + deg % 2
    u, v = R.zero, R.zero
    pu, pv = R.one, R.zero  # (-b + sign s)**k
    for k, c in enumerate(reversed(coeffs)):
        if c != 0:
            w = R.from_expr(sp.expand(c)) * scale ** (m - k)
            u, v = u + w * pu, v + w * pv
        pu, pv = pu * base[0] + pv * base[1] * d, pu * base[1] + pv * base[0]
    return u.as_expr(), v.as_expr()

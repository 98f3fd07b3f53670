"""Cached rational-function forms of sympy expressions.

The solvers bring the same expressions to a common denominator again and again (the same
belief or payoff difference meets every candidate); ``sympy.together`` is not cached by sympy,
so these wrappers are.  Results are sympy's own, unchanged.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

__all__ = ["factored", "fraction_of", "together"]


@lru_cache(maxsize=16384)
def together(e: sp.Expr) -> sp.Expr:
    """``sympy.together(e)``, cached."""
    return sp.together(e)


@lru_cache(maxsize=16384)
def fraction_of(e: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``sympy.fraction(sympy.together(e))``: numerator and denominator, cached."""
    return sp.fraction(together(e))


@lru_cache(maxsize=16384)
def factored(e: sp.Expr) -> sp.Expr:
    """``sympy.factor(e)``, cached."""
    return sp.factor(e)

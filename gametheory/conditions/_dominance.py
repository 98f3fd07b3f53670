"""Inequalities implied by another one, dropped: for the many similar atoms of a checker that
compares one value with many alternatives (a repeated game's Nash check compares the profile
with every deviation policy: most of those conditions are implied by a few)."""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ..params import ParameterSpace
from ._atoms import Atom
from ._context import context_for
from ._poly import factors_of
from ._simplify import Facts

__all__ = ["drop_dominated"]

_ATOMS = 16  # atoms compared pairwise (quadratic)
_TERMS = 64  # ... each of at most this many terms


def drop_dominated(atoms: Sequence[Atom], space: ParameterSpace) -> list[Atom]:
    """``atoms`` without the inequalities implied by another one: ``a ≥ 0`` follows from
    ``b ≥ 0`` when ``a − b`` is a product of factors whose signs the space alone (its box and
    constraints, never the atoms, so that no atom justifies itself) makes ``≥ 0``; e.g. the
    conditions ``r ≥ δp − δt + t`` and ``r ≥ δs − δt + t`` of a repeated Prisoner's Dilemma,
    whose difference ``δ (p − s)`` is positive when ``p > s``.  One atom at a time, each
    implied by one still kept, so the survivors are equivalent to ``atoms`` on the space
    (repeated atoms are kept once).
    Quadratic: systems of more than 16 atoms (or atoms of more than 64 terms) are left whole.
    """
    unique = list(dict.fromkeys(atoms))
    ineq = [a for a in unique if a.op in (">=", ">") and a.terms <= _TERMS]
    if len(ineq) < 2 or len(unique) > _ATOMS:
        return unique
    ctx = context_for(space, [a.expr for a in unique])
    facts = Facts(ctx.constraints, ctx.box)
    dropped: set[Atom] = set()
    for a in ineq:
        for b in ineq:
            if b == a or b in dropped:
                continue
            sign = _product_sign(sp.expand(a.expr - b.expr), facts)
            if sign == "+" or (sign == "0+" and (a.op == ">=" or b.op == ">")):
                dropped.add(a)
                break
    return [a for a in unique if a not in dropped]


def _product_sign(expr: sp.Expr, facts: Facts) -> str | None:
    """The sign of ``expr`` from its factors' signs (``"+"`` or ``"0+"``), or ``None``."""
    if expr == 0:
        return "0+"
    sign, facs = factors_of(expr)
    strict = True
    for g, k in facs:
        s, _ = facts.sign(g)
        if s is None or s == "0":
            return None
        strict = strict and s in ("+", "-")
        if k % 2 and s.endswith("-"):
            sign = -sign
    if sign < 0:
        return None
    return "+" if strict else "0+"

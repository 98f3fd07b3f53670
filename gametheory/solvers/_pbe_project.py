"""Projecting one free unknown (an off-path belief) out of a shape's conditions.

Each condition ``e(t) op 0`` that involves the unknown ``t`` must be linear in it after clearing
a denominator of known sign: ``α·t + β op 0``.  With the sign of ``α`` fixed (by the space, or
by a case split into ``α > 0``, ``α < 0`` and ``α = 0``) it is a bound on ``t``; the set of
``t`` is the interval between the largest lower and the smallest upper bound, nonempty iff
every lower bound is at most every upper bound (Fourier–Motzkin): ``β_j·α_i − β_i·α_j ≥ 0``
for a lower bound ``i`` and an upper bound ``j``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from .._rational import factored, fraction_of
from ..conditions import FALSE, Atom, atom
from ..params import ParameterSpace
from ._pbe_fm import sign_cases, sign_of

__all__ = ["attained_ends", "exists", "project"]

Bound = tuple[sp.Expr, sp.Expr, bool]  # (alpha, beta, strict)


def project(
    conds: Sequence[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace
) -> list[tuple[list[Atom], sp.Expr, sp.Expr]] | None:
    """The cases of the conditions with ``t`` projected out: per case, the atoms on the
    parameters and the interval ``[lo, hi]`` of ``t``; ``None`` when a condition is not linear
    in ``t`` (not handled)."""
    cases = _linear_cases(conds, t, space)
    if cases is None:
        return None
    out = []
    for atoms, lower, upper in cases:
        lo = sp.Max(*(-b / a for a, b, _ in lower)) if lower else -sp.oo
        hi = sp.Min(*(-b / a for a, b, _ in upper)) if upper else sp.oo
        out.append((atoms, _tidy(lo), _tidy(hi)))
    return out


def exists(
    conds: Sequence[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace
) -> list[list[Atom]] | None:
    """The cases of the conditions with ``t`` projected out, without the interval itself (what
    :func:`project` gives, cheaper): per case, the atoms on the parameters."""
    cases = _linear_cases(conds, t, space)
    return None if cases is None else [atoms for atoms, _, _ in cases]


def attained_ends(
    conds: Sequence[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace
) -> list[tuple[list[Atom], sp.Expr]] | None:
    """The attained ends of the interval of ``t``: per case, the atoms on the parameters and
    the value of an end given by a weak bound, with the conditions that make that bound the
    binding one (an end given by a strict bound is not attained).  ``None`` as in
    :func:`project`."""
    cases = _linear_cases(conds, t, space)
    if cases is None:
        return None
    out = []
    for atoms, lower, upper in cases:
        for bounds, upper_side in ((lower, False), (upper, True)):
            for j, (aj, bj, sj) in enumerate(bounds):
                if sj:
                    continue
                binding = list(atoms)
                for i, (ai, bi, _) in enumerate(bounds):
                    if i != j:  # this bound is the tightest of its side
                        diff = sp.expand(bi * aj - bj * ai)
                        binding.extend(atom(-diff if upper_side else diff, ">=", space=space))
                if FALSE not in binding:
                    out.append((binding, _tidy(-bj / aj)))
    return out


def _linear_cases(
    conds: Sequence[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace
) -> list[tuple[list[Atom], list[Bound], list[Bound]]] | None:
    fixed: list[Atom] = []
    linear: list[tuple[sp.Expr, sp.Expr, bool]] = []
    for e, op in conds:
        num, den = fraction_of(e)
        if den.has(t):
            return None
        sign = _sign(den, space)
        if sign is None:
            return None
        num = sp.expand(sign * num)
        if not num.has(t):
            fixed.extend(atom(num, op, space=space))
            continue
        poly = sp.Poly(num, t)
        if poly.degree() != 1:
            return None
        linear.append((poly.coeff_monomial(t), poly.coeff_monomial(1), op == ">"))
    if FALSE in fixed:
        return []
    out = []
    for signs in itertools.product(*(sign_cases(alpha, space) for alpha, _, _ in linear)):
        atoms = list(fixed)
        lower: list[Bound] = []
        upper: list[Bound] = []
        for (alpha, beta, strict), (s, cond) in zip(linear, signs, strict=True):
            atoms.extend(cond)
            if s > 0:
                lower.append((alpha, beta, strict))
            elif s < 0:
                upper.append((alpha, beta, strict))
            else:
                atoms.extend(atom(beta, ">" if strict else ">=", space=space))
        for (ai, bi, si), (aj, bj, sj) in itertools.product(lower, upper):
            atoms.extend(atom(sp.expand(bj * ai - bi * aj), ">" if si or sj else ">=", space=space))
        if FALSE not in atoms:
            out.append((atoms, lower, upper))
    return out


def _tidy(e: sp.Expr) -> sp.Expr:
    if isinstance(e, sp.Max | sp.Min):
        return type(e)(*(factored(a) for a in e.args))
    return factored(e) if e.is_finite is not False else e


def _sign(e: sp.Expr, space: ParameterSpace) -> int | None:
    """The sign the space fixes for ``e`` (``None`` when it does not, or ``e`` is zero)."""
    s = sign_of(e, space)
    return None if s == 0 else s

"""A player's deviation conditions proved empty before they are built as atoms.

On the profile's common denominator (:mod:`._dense`) each deviation's gain is an integer
polynomial in ``δ`` per action profile, and the condition ``gain ≥ 0`` is linear in the stage
payoffs when those are affine in the parameters.  Such a system is what the conditions module's
polynomial Farkas certificates decide (:mod:`gametheory.conditions._farkas`): when they prove
it empty, only the few gains the certificates use need to become atoms (sympy expressions,
the costly part with thousands of policies), and the region they span is empty all the same.
When the sweep does not close (the profile is an equilibrium somewhere, or the certificates
do not cover), every gain becomes an atom as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import sympy as sp

from ..conditions._context import context_for
from ..conditions._farkas import Parsed, Rows, rows_of
from ..conditions._farkas_cover import farkas_core
from ..conditions._poly import linear_form
from ..params import ParameterSpace
from ._intpoly import Poly, add_scaled

__all__ = ["empty_core", "gain_rows"]


def empty_core(
    gains: Sequence[Sequence[Poly]],
    payoffs: Sequence[sp.Expr],
    space: ParameterSpace,
    delta: sp.Symbol,
) -> list[int] | None:
    """The indices of gains whose conditions ``Σ_a gains[k][a](δ) · payoffs[a] ≥ 0`` (each
    gain's denominator positive on ``[0, 1)``) are proved empty together with the space;
    None when the payoffs are not affine in parameters other than ``δ``, or no proof closes."""
    rows = gain_rows(gains, payoffs, space, delta)
    core = None if rows is None else farkas_core(rows)
    return None if core is None else [k for k in core if isinstance(k, int)]


def gain_rows(
    gains: Sequence[Sequence[Poly]],
    payoffs: Sequence[sp.Expr],
    space: ParameterSpace,
    delta: sp.Symbol,
) -> Rows | None:
    """The rows ``gain ≥ 0`` of :func:`empty_core` (sources: the gains' indices), or None
    when the payoffs are not affine in parameters other than ``δ``."""
    forms = [linear_form(u) for u in payoffs]
    if any(f is None or delta in f[0] for f in forms):
        return None
    den = math.lcm(*(q.denominator for f in forms if f for q in (*f[0].values(), f[1])))
    ints = [({x: int(q * den) for x, q in f[0].items()}, int(f[1] * den)) for f in forms if f]
    parsed: list[Parsed] = []
    for k, gain in enumerate(gains):
        lin: dict[sp.Symbol, Poly] = {}
        const: Poly = []
        for (coeffs, c0), g in zip(ints, gain, strict=True):
            if not any(g):
                continue
            for x, w in coeffs.items():
                add_scaled(lin.setdefault(x, []), g, w)
            if c0:
                add_scaled(const, g, c0)
        parsed.append(({x: _powers(p) for x, p in lin.items()}, _powers(const), False, k))
    return rows_of(delta, parsed, context_for(space, [*payoffs, delta]))


def _powers(p: Poly) -> dict[int, int]:
    return {e: c for e, c in enumerate(p) if c}

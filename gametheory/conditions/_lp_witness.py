"""Exact witnesses of atoms linear in all parameters but one, by LPs at fixed values of that one.

The counterpart of :mod:`._farkas_cover`: where no certificate of emptiness exists at some
``t0``, the linear system at ``t0`` has a solution, and an LP that maximises the least slack
of the rows (each scaled to a largest entry of 1) finds one strictly inside every row where
the region has an interior at ``t0``.  Its floats are rounded to simple rationals and the
point is **checked exactly** against every atom, the space's constraints and its box; floats
only propose.  Regions without interior at any sample (an equality, a knife edge in ``t``)
get no witness here: the general search decides them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import sympy as sp

from ._atoms import Atom
from ._context import Ctx
from ._decide import Point
from ._eval import compiled
from ._farkas import Rows, rows_for
from ._simplex import most_inside

__all__ = ["interior", "lp_witness", "samples"]

SLACK_TOL = 1e-9  # a least slack above this (rows scaled to max 1) is read as an interior
DENOMINATORS = (2**6, 2**12, 2**24)  # roundings tried, simplest first, before the exact float


def lp_witness(atoms: Sequence[Atom], ctx: Ctx, first: Sequence[Fraction] = ()) -> Point | None:
    """An exact point of the space where every atom holds, found by LPs at the values
    ``first`` and then :func:`samples` of the swept parameter; None when none is found (which
    proves nothing)."""
    rows = rows_for(atoms, ctx) if ctx.box_exact else None
    if rows is None:
        return None
    tried: set[Fraction] = set()
    for t0 in [*first, *samples(rows)]:
        if t0 in tried or not _inside(t0, rows):
            continue
        tried.add(t0)
        x = interior(rows, t0)
        if x is None:
            continue
        for point in _roundings(rows, t0, x, ctx):
            if _holds(point, atoms, ctx):
                return point
    return None


def samples(rows: Rows) -> list[Fraction]:
    """Values of the swept parameter to try: the middle, the quarters, then closer to each
    end (regions of a repeated game often live near ``δ = 1``)."""
    lo, hi = rows.lo, rows.hi
    width = hi - lo
    out = [lo + width * Fraction(k, 8) for k in (4, 6, 2, 7, 1)]
    out += [hi - width / 2**k for k in range(4, 21, 2)]
    out += [lo + width / 2**k for k in range(4, 13, 4)]
    return out


def _inside(t0: Fraction, rows: Rows) -> bool:
    above = t0 > rows.lo or (t0 == rows.lo and not rows.lo_open)
    below = t0 < rows.hi or (t0 == rows.hi and not rows.hi_open)
    return above and below


def interior(rows: Rows, t0: Fraction) -> np.ndarray | None:
    """Floats ``x`` maximising the least slack of the rows at ``t0``, None unless positive
    (:func:`._simplex.most_inside`)."""
    return most_inside(rows.at(float(t0)), SLACK_TOL)


def _roundings(rows: Rows, t0: Fraction, x: np.ndarray, ctx: Ctx) -> list[Point]:
    """The LP's point in rationals: rounded to simple fractions, then the floats exactly; the
    space's other parameters at the middle of their (finite) intervals."""
    rest: dict[sp.Symbol, Fraction] = {}
    for s in ctx.symbols:
        if s == rows.t or s in rows.variables:
            continue
        iv = ctx.box.get(s)
        if iv is None or not (isinstance(iv.lo, Fraction) and isinstance(iv.hi, Fraction)):
            return []
        rest[s] = (iv.lo + iv.hi) / 2
    out: list[Point] = []
    for den in (*DENOMINATORS, 0):
        vals = [Fraction(float(v)) for v in x]
        if den:
            vals = [Fraction(round(v * den), den) for v in vals]
        point: dict[sp.Symbol, Fraction] = dict(rest)
        point.update(zip(rows.variables, vals, strict=True))
        point[rows.t] = t0
        out.append(point)
    return out


def _holds(point: Mapping[sp.Symbol, Fraction], atoms: Sequence[Atom], ctx: Ctx) -> bool:
    """Exactly: the point is in the box, and every atom and constraint holds there."""
    for s in ctx.symbols:
        iv = ctx.box.get(s)
        if s not in point or iv is None or not iv.contains(point[s]):
            return False
    return all(compiled(a).holds(point) for a in [*atoms, *ctx.constraints])

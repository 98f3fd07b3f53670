"""A parameter space prepared for reduction: exact box, normalised constraints, samples."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from ..params import ParameterSpace
from ._atoms import FALSE, TRUE, Atom, ConditionError
from ._eval import compiled
from ._interval import INF, Ival, bracket, expr_ival
from ._normal import normalise, read_pairs
from ._poly import linear_form, sort_symbols
from ._search import sample_box

__all__ = ["Ctx", "context_for", "finish"]


def _end(v: sp.Expr, lower: bool) -> tuple[Fraction | float, bool]:
    """An interval end as an exact Fraction (irrational ends: rounded outward and closed)."""
    if v in (sp.oo, -sp.oo):
        return (-INF if lower else INF), True
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q)), False
    b = bracket(v)
    return (b.lo if lower else b.hi), True


def _to_ival(iv: sp.Interval) -> Ival:
    lo, lo_rounded = _end(iv.start, True)
    hi, hi_rounded = _end(iv.end, False)
    return Ival(
        lo, hi, bool(iv.left_open) and not lo_rounded, bool(iv.right_open) and not hi_rounded
    )


class Ctx:
    """A parameter space prepared for reduction: exact box, normalised constraints, samples."""

    def __init__(self, space: ParameterSpace) -> None:
        self.space = space
        self.symbols: tuple[sp.Symbol, ...] = space.symbols
        self.box: dict[sp.Symbol, Ival] = {s: _to_ival(iv) for s, iv in space.intervals}
        self.box_exact = all(
            (iv.start.is_Rational or iv.start == -sp.oo) and (iv.end.is_Rational or iv.end == sp.oo)
            for _, iv in space.intervals
        )
        cons: list[Atom] = []
        for c in space.constraints:
            for e, o in read_pairs(c):
                cons.extend(normalise(e, o, self.oracle))
        self.constraints: tuple[Atom, ...] = finish(cons)
        self.constraint_set = frozenset(self.constraints)
        self.linear_constraints = tuple(
            a for a in self.constraints if a.op in (">=", ">") and linear_form(a.expr) is not None
        )
        self._samples: tuple[dict[sp.Symbol, np.ndarray], int] | None = None

    def oracle(self, d: sp.Expr) -> str | None:
        """The sign of ``d`` on the box."""
        return expr_ival(d, self.box).sign()

    def samples(self) -> tuple[dict[sp.Symbol, np.ndarray], int]:
        """A fixed set of float points of the space (for quick 'not implied' screening)."""
        if self._samples is None:
            pts = sample_box(self.box, self.symbols, 64, np.random.default_rng(20240601))
            arr = pts.floats
            keep = np.ones(64, dtype=bool)
            for c in self.constraints:
                cols = {s: arr[:, k] for k, s in enumerate(self.symbols)}
                vals, scales = compiled(c).numeric(cols, 64)
                keep &= vals >= (1e-9 * scales if c.op == ">" else -1e-9 * scales)
            for k, s in enumerate(self.symbols):
                iv, x = self.box[s], arr[:, k]
                keep &= (x > float(iv.lo)) if iv.lo_open else (x >= float(iv.lo))
                keep &= (x < float(iv.hi)) if iv.hi_open else (x <= float(iv.hi))
            arr = arr[keep]
            self._samples = {s: arr[:, k] for k, s in enumerate(self.symbols)}, int(arr.shape[0])
        return self._samples


@lru_cache(maxsize=256)
def _context(space: ParameterSpace, extra: tuple[sp.Symbol, ...]) -> Ctx:
    return Ctx(space.extended(extra) if extra else space)


def context_for(space: ParameterSpace | None, exprs: Iterable[sp.Expr]) -> Ctx:
    """The prepared space, extended by any symbol of ``exprs`` it lacks (bounded by assumptions).

    ``space=None`` means the symbols' own assumptions only.  A symbol that has the name of one of
    the space's parameters but different assumptions is an error, not a new parameter.
    """
    used: set[sp.Symbol] = set()
    for e in exprs:
        used |= e.free_symbols
    if space is None:
        return _context(ParameterSpace.from_symbols(used), ())
    known = set(space.symbols)
    names = {s.name: s for s in space.symbols}
    extra = sort_symbols(used - known)
    for s in extra:
        if s.name in names:
            raise ConditionError(
                f"the condition uses a parameter {s.name} that is not the space's {s.name} "
                f"(different sympy assumptions: {s.assumptions0} vs {names[s.name].assumptions0})"
            )
    return _context(space, extra)


def finish(atoms: Iterable[Atom]) -> tuple[Atom, ...]:
    """Drop TRUE and duplicates (keeping the order); a FALSE anywhere gives ``(FALSE,)``."""
    out: list[Atom] = []
    for a in atoms:
        if a == FALSE:
            return (FALSE,)
        if a != TRUE and a not in out:
            out.append(a)
    return tuple(out)

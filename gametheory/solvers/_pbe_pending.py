"""The conditions with unknowns that the PBE search collects on its way down, and how they
are decided: linear rows with rational coefficients by exact Fourier–Motzkin elimination (one
or two unknowns) or a float LP whose infeasibility is confirmed by an exact Motzkin certificate
(:mod:`gametheory.conditions._linear`); anything else by :func:`gametheory.conditions.reduce`.
Every verdict of "infeasible" is exact; "feasible" may be a float's (keeping a partial shape is
always safe: it is solved in full later)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import sympy as sp

from ..conditions import FALSE, Atom, atom, reduce
from ..conditions._linear import _margin_lp as margin_lp
from ..conditions._linear import certify_empty
from ..params import ParameterSpace

__all__ = ["Cond", "Pending"]

Cond = tuple[sp.Expr, str]

Row = tuple[tuple[tuple[sp.Symbol, Fraction], ...], Fraction, str]


@dataclass(frozen=True)
class Pending:
    """The conditions with unknowns collected on the way down: linear rows with rational
    coefficients (decided by an exact LP) and everything else (decided by ``reduce``)."""

    rows: tuple[Row, ...] = ()
    atoms: tuple[Atom, ...] = ()
    bounded: frozenset[sp.Symbol] = frozenset()

    def with_conditions(
        self, conds: list[Cond], space: ParameterSpace, bounded: Sequence[sp.Symbol] = ()
    ) -> Pending:
        rows, atoms = list(self.rows), list(self.atoms)
        params = frozenset(space.symbols)
        for e, op in conds:
            row = _row(e, op, params)
            if row is not None:
                rows.append(row)
            else:
                atoms.extend(atom(e, op, space=space))
        return Pending(tuple(rows), tuple(atoms), self.bounded | frozenset(bounded))

    def feasible(self, space: ParameterSpace) -> bool:
        if FALSE in self.atoms:
            return False
        if self.atoms:
            extra = [
                x
                for a, b, op in self.rows
                for x in atom(
                    sp.Add(_rational(b), *(_rational(c) * v for v, c in a)), op, space=space
                )
            ]
            return reduce([*self.atoms, *extra], space, effort=0).status != "empty"
        return _lp_feasible(self.rows)


def _rational(f: Fraction) -> sp.Rational:
    return sp.Rational(f.numerator, f.denominator)


@lru_cache(maxsize=65536)
def _row(e: sp.Expr, op: str, params: frozenset[sp.Symbol]) -> Row | None:
    """``e op 0`` as a linear row with rational coefficients, when it is one (no parameter)."""
    if e.free_symbols & params:
        return None
    coeffs = []
    c0 = sp.Integer(0)
    for term, c in sp.expand(e).as_coefficients_dict().items():
        if not c.is_Rational:
            return None
        if term == 1:
            c0 = c
        elif isinstance(term, sp.Symbol):
            coeffs.append((term, Fraction(int(c.p), int(c.q))))
        else:
            return None  # a product or power of unknowns: not linear
    coeffs.sort(key=lambda vc: str(vc[0]))
    return tuple(coeffs), Fraction(int(c0.p), int(c0.q)), op


def _lp_feasible(rows: tuple[Row, ...]) -> bool:
    """Whether the linear rows have a common solution (exact: infeasibility is only reported
    with a certificate, see :func:`gametheory.conditions._linear.lp_decide`)."""
    if rows in _LP_CACHE:
        return _LP_CACHE[rows]
    index: dict[sp.Symbol, int] = {}
    for coeffs, _, _ in rows:
        for v, _ in coeffs:
            index.setdefault(v, len(index))
    n = len(index)
    dense: list[tuple[tuple[Fraction, ...], Fraction, bool]] = []
    for coeffs, b, op in rows:
        a = [Fraction(0)] * n
        for v, c in coeffs:
            a[index[v]] = c
        if op == "==":
            dense.append((tuple(a), b, False))
            dense.append((tuple(-x for x in a), -b, False))
        else:
            dense.append((tuple(a), b, op == ">"))
    ok = _maybe_feasible(dense, n)
    if len(_LP_CACHE) > 100_000:
        _LP_CACHE.clear()
    _LP_CACHE[rows] = ok
    return ok


_LP_CACHE: dict[tuple[Row, ...], bool] = {}


def _fourier_motzkin(
    rows: list[tuple[tuple[Fraction, ...], Fraction, bool]], n: int, cap: int = 200
) -> bool | None:
    """Exact feasibility of a small system by Fourier–Motzkin elimination in Fractions
    (``None`` when the rows outgrow ``cap``)."""
    current = [(list(a), b, strict) for a, b, strict in rows]
    for k in range(n):
        lower: list[tuple[list[Fraction], Fraction, bool]] = []
        upper: list[tuple[list[Fraction], Fraction, bool]] = []
        rest: list[tuple[list[Fraction], Fraction, bool]] = []
        for a, b, strict in current:
            (lower if a[k] > 0 else upper if a[k] < 0 else rest).append((a, b, strict))
        if len(rest) + len(lower) * len(upper) > cap:
            return None
        grown = list(rest)
        for (al, bl, sl), (au, bu, su) in itertools.product(lower, upper):
            fl, fu = -au[k], al[k]  # both positive
            a = [fl * x + fu * y for x, y in zip(al, au, strict=True)]
            grown.append((a, fl * bl + fu * bu, sl or su))
        current = grown
    return all((b > 0) if strict else (b >= 0) for _, b, strict in current)


def _maybe_feasible(dense: list[tuple[tuple[Fraction, ...], Fraction, bool]], n: int) -> bool:
    """False only with an exact certificate of infeasibility.  Keeping a partial shape is always
    safe (it is solved in full later), so a float LP that finds a point is enough to keep it; a
    float LP that finds none is confirmed by an exact Motzkin certificate before pruning."""
    for a, b, strict in dense:
        if not any(a) and (b <= 0 if strict else b < 0):
            return False
    live = [r for r in dense if any(r[0])]
    if not live:
        return True
    if n <= 2:
        small = _fourier_motzkin(live, n)
        if small is not None:
            return small
    best = margin_lp(live, n, [True] * len(live))
    if best is None or best[0] > 1e-9:
        return True
    return not certify_empty(live, n)

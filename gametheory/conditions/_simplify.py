"""Cheap exact simplifications of a conjunction of atoms.

* :func:`factor_simplify`: factor a nonlinear polynomial atom and drop the factors whose sign is
  fixed (on the box, or by the other atoms: :class:`Facts`); odd powers become first powers.
* :func:`combine`: atoms ``k*P + b op 0`` sharing the same non-constant part ``P`` are one
  constraint on the value of ``P``; the tightest bounds are kept, ``P >= v`` and ``P <= v`` become
  ``P == v``, contradictions make the region empty.  This covers duplicates, ``f >= 0`` with
  ``f > 0``, ``f >= 0`` with ``-f >= 0``, ``f == 0`` with ``f != 0`` and parallel linear bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from ._atoms import FALSE, TRUE, Atom, Op, canon
from ._eval import compiled
from ._interval import INF, Ival, ival_add, ival_mul
from ._poly import affine_split, factors_of, record_factors

__all__ = ["Facts", "SignOf", "combine", "factor_simplify"]


SignOf = Callable[[sp.Expr], tuple[str | None, bool]]
"""Maps a factor to (its sign as in :meth:`Ival.sign`, whether it is known to be nonzero)."""


class Facts:
    """What a conjunction says about the values of its atoms' non-constant parts, plus a box.

    ``sign(g)`` combines interval arithmetic of ``g`` on the box with the bounds the atoms put on
    ``g``'s non-constant part: e.g. with ``a + p > 1`` among the atoms, ``a + p - 1`` is positive.
    """

    def __init__(self, atoms: Sequence[Atom], box: Mapping[sp.Symbol, Ival]) -> None:
        self.box = box
        self.bounds: dict[sp.Expr, Ival] = {}
        self.neqs: dict[sp.Expr, set[Fraction]] = {}
        for a in atoms:
            split = affine_split(a.expr) if not a.is_constant else None
            if split is None:
                continue
            p, k, b = split
            v = -b / k
            if a.op == "!=":
                self.neqs.setdefault(p, set()).add(v)
                continue
            if a.op == "==":
                iv = Ival.point(v)
            elif k > 0:
                iv = Ival(v, INF, a.op == ">")
            else:
                iv = Ival(-INF, v, False, a.op == ">")
            self.bounds[p] = self.bounds.get(p, Ival.whole()).intersect(iv)

    @property
    def contradictory(self) -> bool:
        """Whether two of the atoms bound one non-constant part to disjoint sets (e.g. a
        constraint ``p > s`` and an atom ``p - s == 0``): the conjunction is empty."""
        return any(iv.is_empty() for iv in self.bounds.values())

    def sign(self, g: sp.Expr) -> tuple[str | None, bool]:
        """The sign of ``g`` and whether it is known to be nonzero."""
        iv = compiled(Atom(g, ">=")).ival(self.box)
        split = affine_split(g)
        nonzero = False
        if split is not None:
            p, k, b = split
            known = self.bounds.get(p)
            if known is not None:
                scaled = ival_add(ival_mul(Ival.point(k), known), Ival.point(b))
                if not scaled.is_empty():
                    iv = iv.intersect(scaled)
            nonzero = (-b / k) in self.neqs.get(p, ())
        s = iv.sign() if not iv.is_empty() else None
        if nonzero and s in ("0+", "0-"):
            s = "+" if s == "0+" else "-"
        return s, nonzero or s in ("+", "-")


def factor_simplify(a: Atom, sign_of: SignOf) -> list[Atom]:
    """Simplify one atom by its factors' signs; returns atoms equivalent to it (given the facts).

    Factors of fixed strict sign are dropped (flipping the direction when negative); even powers
    of nonzero factors are dropped; for ``>`` a factor of weak sign becomes ``factor != 0``; odd
    powers become first powers; ``!=`` splits into one atom per factor.
    """
    c = compiled(a)
    if c.degree is None or c.degree < 2:
        return [a]
    sign, facs = factors_of(a.expr)
    if len(facs) == 1 and facs[0][1] == 1:
        return [a]
    kept: list[tuple[sp.Expr, int]] = []
    extra: list[Atom] = []
    for g, k in facs:
        s, nz = sign_of(g)
        if a.op in ("==", "!="):
            if not nz:
                kept.append((g, 1))
            continue
        if s == "-" and k % 2:
            sign = -sign
        if s in ("+", "-"):
            continue
        if k % 2 == 0:
            if nz:
                continue
            if a.op == ">":
                extra.append(canon(g, "!="))
            else:
                kept.append((g, 2))
            continue
        if s in ("0+", "0-") and a.op == ">":
            if s == "0-":
                sign = -sign
            extra.append(canon(g, "!="))
            continue
        kept.append((g, 1))
    if a.op == "!=":
        return [canon(g, "!=") for g, _ in kept] or [TRUE]
    if a.op == ">=" and sign > 0 and all(k % 2 == 0 for _, k in kept):
        return [TRUE]  # a positive multiple of squares
    if not kept:
        if a.op == "==":
            return [FALSE]
        return [TRUE if sign > 0 else FALSE, *extra]
    product = sp.Mul(*[g**k for g, k in kept])
    out = canon(sp.expand(sign * product), a.op)
    if len(kept) > 1 or kept[0][1] > 1:
        record_factors(out.expr, (sign if a.op in (">=", ">") else 1, tuple(kept)))
    return [out, *extra]


@dataclass
class _Group:
    first: int
    lower: tuple[Fraction, bool, Atom] | None = None  # value, strict, source
    upper: tuple[Fraction, bool, Atom] | None = None
    eqs: dict[Fraction, Atom] = field(default_factory=dict)
    neqs: dict[Fraction, Atom] = field(default_factory=dict)


def _tighter_lower(old: tuple[Fraction, bool, Atom] | None, v: Fraction, strict: bool) -> bool:
    return old is None or v > old[0] or (v == old[0] and strict and not old[1])


def _tighter_upper(old: tuple[Fraction, bool, Atom] | None, v: Fraction, strict: bool) -> bool:
    return old is None or v < old[0] or (v == old[0] and strict and not old[1])


def _make(p: sp.Expr, v: Fraction, op: Op, upper: bool = False) -> Atom:
    q = sp.Rational(v.numerator, v.denominator)
    return canon(q - p if upper else p - q, op)


def _satisfies(v: Fraction, bound: tuple[Fraction, bool, Atom] | None, lower: bool) -> bool:
    if bound is None:
        return True
    b, strict, _ = bound
    if lower:
        return v > b or (v == b and not strict)
    return v < b or (v == b and not strict)


def _resolve(p: sp.Expr, g: _Group) -> list[Atom] | None:
    """The tightest atoms on ``P``'s value, or None when they contradict."""
    lo, hi = g.lower, g.upper
    if len(g.eqs) > 1:
        return None
    if g.eqs:
        ((v, src),) = g.eqs.items()
        if not (_satisfies(v, lo, True) and _satisfies(v, hi, False)) or v in g.neqs:
            return None
        return [src]
    if lo is not None and hi is not None:
        if lo[0] > hi[0] or (lo[0] == hi[0] and (lo[1] or hi[1])):
            return None
        if lo[0] == hi[0]:
            if lo[0] in g.neqs:
                return None
            return [_make(p, lo[0], "==")]
    lo_atom = lo[2] if lo is not None else None
    hi_atom = hi[2] if hi is not None else None
    rest: list[Atom] = []
    for v, src in g.neqs.items():
        if not (_satisfies(v, lo, True) and _satisfies(v, hi, False)):
            continue  # already excluded by a bound
        if lo is not None and v == lo[0]:  # P >= v and P != v: P > v
            lo_atom = _make(p, v, ">")
        elif hi is not None and v == hi[0]:
            hi_atom = _make(p, v, ">", upper=True)
        else:
            rest.append(src)
    return [a for a in (lo_atom, hi_atom) if a is not None] + rest


def combine(atoms: Sequence[Atom]) -> list[Atom] | None:
    """Merge atoms on the same non-constant part; None when they contradict each other.

    Constant atoms: TRUE is dropped, FALSE makes the result None.
    """
    groups: dict[sp.Expr, _Group] = {}
    order: list[tuple[int, sp.Expr | Atom]] = []
    for i, a in enumerate(atoms):
        if a.is_constant:
            if a == FALSE or not _const_holds(a):
                return None
            continue
        split = affine_split(a.expr)
        if split is None:
            order.append((i, a))
            continue
        p, k, b = split
        g = groups.get(p)
        if g is None:
            g = groups[p] = _Group(i)
            order.append((i, p))
        v = -b / k
        if a.op in (">=", ">"):
            strict = a.op == ">"
            if k > 0:
                if _tighter_lower(g.lower, v, strict):
                    g.lower = (v, strict, a)
            elif _tighter_upper(g.upper, v, strict):
                g.upper = (v, strict, a)
        elif a.op == "==":
            g.eqs.setdefault(v, a)
        else:
            g.neqs.setdefault(v, a)
    out: list[Atom] = []
    for _, key in order:
        if isinstance(key, Atom):
            out.append(key)
            continue
        got = _resolve(key, groups[key])
        if got is None:
            return None
        out.extend(got)
    unique: list[Atom] = []
    for a in out:
        if a not in unique:
            unique.append(a)
    return unique


def _const_holds(a: Atom) -> bool:
    return a == TRUE or a.holds_at({})

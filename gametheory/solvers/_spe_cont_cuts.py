"""Cutoffs of a continuous variable ``x``: where conditions linear in ``x`` switch, in order.

A condition ``a(θ)·x + b(θ) op 0`` (from a ``Piecewise`` in a payoff or chance probability, or
from the region where a later player's reply holds) switches at the *cutoff* ``x = −b/a``; the
sign of ``a`` must be fixed on the parameter space.  :func:`orderings` splits the space into
cases (weak inequalities) by where the cutoffs lie in ``[lo, hi]`` and in which order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.core.relational import Relational

from ..conditions import Atom, implied
from ..errors import UnsupportedGameError
from ._backward_pieces import Ctx, Region3, meet, tidy

__all__ = [
    "Cut",
    "Ordering",
    "cancelled",
    "canonical",
    "cuts_of",
    "holds_at_point",
    "holds_on_interval",
    "orderings",
    "same",
]

Below = Callable[[int], bool]


@dataclass(frozen=True)
class Cut:
    """A relation in ``x`` that holds on one side of the cutoff ``at``.

    ``upper`` tells whether it holds below the cutoff (``x <= at`` or ``x < at``); ``weak``
    whether it holds at the cutoff itself.
    """

    relation: sp.Basic
    at: sp.Expr
    upper: bool
    weak: bool


@dataclass(frozen=True)
class Ordering:
    """One case of :func:`orderings`: a region, the sorted points ``lo = p_0 ≤ … ≤ p_m = hi``
    and, for each cutoff, whether elementary interval ``i`` (from ``p_i`` to ``p_{i+1}``)
    lies below it."""

    region: Region3
    points: list[sp.Expr]
    below: dict[sp.Expr, Below]


def relation_of(a: Atom) -> sp.Basic:
    """The sympy relation an atom means (``expr op 0``)."""
    op = {">=": sp.Ge, ">": sp.Gt, "==": sp.Eq, "!=": sp.Ne}[a.op]
    return op(a.expr, 0, evaluate=False)


def relations_in(exprs: Sequence[sp.Expr], x: sp.Symbol) -> list[sp.Basic]:
    """The relations involving ``x`` in every ``Piecewise`` condition of ``exprs``."""
    rels: list[sp.Basic] = []
    for e in exprs:
        for pw in sp.sympify(e).atoms(sp.Piecewise):
            for _, cond in pw.args:
                for rel in cond.atoms(Relational):
                    if rel.has(x) and rel not in rels:
                        rels.append(rel)
    return rels


def cuts_of(ctx: Ctx, rels: Sequence[sp.Basic], x: sp.Symbol, where: str) -> list[Cut]:
    """The cutoffs of relations linear in ``x`` (an equality gives two: ``≤`` and ``≥``)."""
    out: list[Cut] = []
    for rel in rels:
        if rel is sp.true:
            continue
        if isinstance(rel, sp.Eq):
            pair = [sp.Ge(rel.lhs, rel.rhs), sp.Le(rel.lhs, rel.rhs)]
            out.extend(cuts_of(ctx, pair, x, where))
            continue
        if not isinstance(rel, sp.Le | sp.Lt | sp.Ge | sp.Gt):
            raise UnsupportedGameError(
                f"node {where}: the condition {rel} is not an inequality in {x}"
            )
        e = sp.expand(rel.lhs - rel.rhs)
        a = sp.cancel(sp.diff(e, x))
        b = sp.expand(e - a * x)
        if a.has(x) or b.has(x) or a == 0:
            raise UnsupportedGameError(f"node {where}: the condition {rel} is not linear in {x}")
        sign = _sign(ctx, a)
        if sign == 0:
            raise UnsupportedGameError(
                f"node {where}: the coefficient {a} of {x} in the condition {rel} has no fixed "
                "sign on the parameter space; restrict the space"
            )
        # e = a·(x − at): "e <= 0" holds below the cutoff iff a > 0.
        upper = isinstance(rel, sp.Le | sp.Lt) == (sign > 0)
        weak = isinstance(rel, sp.Le | sp.Ge)
        out.append(Cut(rel, canonical(-b / a), upper, weak))
    return out


def _sign(ctx: Ctx, a: sp.Expr) -> int:
    if a.is_number:
        return 1 if a > 0 else -1
    if implied(sp.Gt(a, 0), ctx.space) is True:
        return 1
    if implied(sp.Lt(a, 0), ctx.space) is True:
        return -1
    return 0


# -- exact simplifications, memoised --------------------------------------------------------
# The continuous solvers compare and simplify the same expressions many times over (each
# candidate's values, each cutoff against every other); these memos make each distinct
# question cost one sympy call.  They are pure functions of their (hashable) arguments.

_MEMO = 4096  # entries per memo; the tidy memo is cleared when it grows past this
_TIDIED: dict[sp.Basic, sp.Expr] = {}


def canonical(e: sp.Expr) -> sp.Expr:
    """:func:`~._backward_pieces.tidy` of ``e``, memoised.  A tidy form is its own tidy form (tidy
    keeps lowest terms and a fixed sign rule), so it is recorded as its own result too."""
    e = sp.sympify(e)
    out = _TIDIED.get(e)
    if out is None:
        if len(_TIDIED) > _MEMO:
            _TIDIED.clear()
        out = tidy(e)
        _TIDIED[e] = out
        _TIDIED.setdefault(out, out)
    return out


@lru_cache(maxsize=_MEMO)
def cancelled(e: sp.Expr) -> sp.Expr:
    """``sympy.cancel(e)``, memoised."""
    return sp.cancel(e)


def same(a: sp.Expr, b: sp.Expr) -> bool:
    """Whether two expressions are identically equal (as rational functions)."""
    if a == b:
        return True
    return _same(sp.sympify(a), sp.sympify(b))


@lru_cache(maxsize=_MEMO)
def _same(a: sp.Expr, b: sp.Expr) -> bool:
    d = a - b
    if d.is_Rational:
        return bool(d == 0)
    if _differ_at_a_point(d):
        return False
    return bool(sp.cancel(sp.together(d)) == 0)


def _differ_at_a_point(d: sp.Expr) -> bool:
    """Whether ``d`` is a nonzero rational number at one fixed point of its symbols: then
    ``d`` is not identically zero (exact; a zero, a pole or anything but a rational number
    there proves nothing, and the caller decides by ``cancel``)."""
    syms = sorted(d.free_symbols, key=str)
    point = {s: sp.Rational(2 * k + 3, 4 * k + 7) for k, s in enumerate(syms)}
    try:
        value = d.xreplace(point)
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    return bool(value.is_Rational and value != 0)


def orderings(ctx: Ctx, cuts: Sequence[Cut], lo: sp.Expr, hi: sp.Expr) -> list[Ordering]:
    """Case splits on the order of the cutoffs within ``[lo, hi]`` (weak inequalities)."""
    ats: list[sp.Expr] = []
    for c in cuts:
        if not any(same(c.at, t) for t in ats):
            ats.append(c.at)
    cases: list[tuple[Region3, list[sp.Expr], dict[sp.Expr, str]]] = [(Region3(), [], {})]
    for t in ats:
        if same(t, hi) or same(t, lo):
            hit = "high" if same(t, hi) else "low"
            cases = [(reg, inside, {**status, t: hit}) for reg, inside, status in cases]
            continue
        grown = []
        for reg, inside, status in cases:
            for side, extra in (
                ("low", ctx.atoms_of(lo - t, ">")),
                ("high", ctx.atoms_of(t - hi, ">")),
            ):
                r2 = meet(ctx, (reg,), extra)
                if r2 is not None:
                    grown.append((r2, inside, {**status, t: side}))
            r2 = meet(ctx, (reg,), (*ctx.atoms_of(t - lo, ">="), *ctx.atoms_of(hi - t, ">=")))
            if r2 is None:
                continue
            for pos in range(len(inside) + 1):  # insert t at position pos
                extra2: list[Atom] = []
                if pos > 0:
                    extra2.extend(ctx.atoms_of(t - inside[pos - 1], ">="))
                if pos < len(inside):
                    extra2.extend(ctx.atoms_of(inside[pos] - t, ">="))
                r3 = meet(ctx, (r2,), extra2) if extra2 else r2
                if r3 is not None:
                    order = [*inside[:pos], t, *inside[pos:]]
                    grown.append((r3, order, {**status, t: "inside"}))
        cases = grown
    out = []
    for reg, inside, status in cases:
        points = [lo, *inside, hi]
        below: dict[sp.Expr, Below] = {}
        for t, st in status.items():
            below[t] = _below_rule(st, points.index(t) if st == "inside" else 0)
        out.append(Ordering(reg, points, below))
    return out


def _below_rule(status: str, index: int) -> Below:
    if status == "high":
        return lambda i: True
    if status == "low":
        return lambda i: False
    return lambda i: i + 1 <= index


def _below(o: Ordering, c: Cut) -> Below:
    return next(rule for t, rule in o.below.items() if same(c.at, t))


def holds_on_interval(o: Ordering, c: Cut, i: int) -> bool:
    """Whether ``c.relation`` holds inside elementary interval ``i``."""
    return _below(o, c)(i) == c.upper


def holds_at_point(o: Ordering, c: Cut, k: int) -> bool:
    """Whether ``c.relation`` holds at the point ``p_k`` (at its own cutoff: iff weak)."""
    if same(c.at, o.points[k]):
        return c.weak
    if k == len(o.points) - 1:  # hi: beyond every cutoff that lies inside
        return _below(o, c)(k - 1) == c.upper
    return _below(o, c)(k) == c.upper

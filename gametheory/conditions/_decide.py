"""Deciding a conjunction of atoms over a box: status and exact witness.

Cheapest first: merging and one-parameter bounds, interval refutation, elimination of equalities
(exact when the eliminated parameter's coefficient has a fixed sign), an LP with an exact
certificate for the linear atoms, the witness search, interval branch-and-bound, and a final
local optimisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Literal

import numpy as np
import sympy as sp

from ._atoms import Atom, canon
from ._bnb import bnb_empty
from ._eval import compiled
from ._interval import INF, Ival, decide, expr_ival, ival_add, ival_mul
from ._linear import Row, fm_point, lp_decide
from ._normal import normalise
from ._poly import linear_form, poly_expr, ring_of, sort_symbols
from ._search import find_witness, nice_values, nice_witness, polish
from ._simplify import combine

__all__ = ["Form", "Point", "Status", "bound", "decide_box", "forms", "propagate", "rows"]

Status = Literal["nonempty", "empty", "unknown"]
Point = dict[sp.Symbol, Fraction]


def rows(
    atoms: Sequence[Atom], box: Mapping[sp.Symbol, Ival], syms: Sequence[sp.Symbol]
) -> list[Row]:
    """LP rows of linear ``>=``/``>`` atoms plus the box bounds of ``syms``."""
    index = {s: k for k, s in enumerate(syms)}
    out: list[Row] = []
    zero = [Fraction(0)] * len(syms)
    for a in atoms:
        form = linear_form(a.expr)
        if form is None:
            continue
        coeffs, const = form
        vec = list(zero)
        for s, v in coeffs.items():
            vec[index[s]] = v
        out.append((tuple(vec), const, a.op == ">"))
    for s in syms:
        iv = box[s]
        unit = list(zero)
        unit[index[s]] = Fraction(1)
        if iv.lo != -INF:
            out.append((tuple(unit), -Fraction(iv.lo), iv.lo_open))
        if iv.hi != INF:
            out.append((tuple(-v for v in unit), Fraction(iv.hi), iv.hi_open))
    return out


def bound(a: Atom) -> tuple[sp.Symbol, Ival] | None:
    """The box interval a univariate linear inequality allows, or None."""
    form = linear_form(a.expr)
    if form is None or a.op not in (">=", ">") or len(form[0]) != 1:
        return None
    ((s, k),) = form[0].items()
    v = -form[1] / k
    strict = a.op == ">"
    return s, (Ival(v, INF, strict) if k > 0 else Ival(-INF, v, False, strict))


Form = tuple[Atom, dict[sp.Symbol, Fraction], Fraction, bool]


def forms(atoms: Iterable[Atom]) -> list[Form]:
    """Linear atoms as ``(atom, coefficients, constant, strict)`` meaning ``a·x + b >= 0``."""
    out: list[Form] = []
    for a in atoms:
        form = linear_form(a.expr)
        if form is None or a.op == "!=" or not form[0]:
            continue
        coeffs, const = form
        out.append((a, coeffs, const, a.op == ">"))
        if a.op == "==":
            out.append((a, {s: -k for s, k in coeffs.items()}, -const, False))
    return out


def propagate(
    forms: Sequence[Form], box: Mapping[sp.Symbol, Ival], rounds: int = 2
) -> dict[sp.Symbol, Ival] | None:
    """Narrow the box by the linear atoms (interval constraint propagation); None if empty."""
    out = dict(box)
    for _ in range(rounds):
        for _, coeffs, const, strict in forms:
            for s, k in coeffs.items():
                rest = Ival.point(const)
                for t, kt in coeffs.items():
                    if t is not s:
                        rest = ival_add(rest, ival_mul(Ival.point(kt), out[t]))
                if rest.hi == INF:
                    continue
                v = -Fraction(rest.hi) / k
                st = strict or rest.hi_open
                out[s] = out[s].intersect(Ival(v, INF, st) if k > 0 else Ival(-INF, v, False, st))
                if out[s].is_empty():
                    return None
    return out


def decide_box(
    atoms: Sequence[Atom],
    box: Mapping[sp.Symbol, Ival],
    symbols: Sequence[sp.Symbol],
    rng: np.random.Generator,
    effort: int,
) -> tuple[Status, Point | None]:
    """Status and exact witness of a conjunction over a box (all constraints given as atoms)."""
    comb = combine(list(atoms))
    if comb is None:
        return "empty", None
    tbox = dict(box)
    rest = []
    for a in comb:
        b = bound(a)
        if b is None:
            rest.append(a)
        else:
            tbox[b[0]] = tbox.get(b[0], Ival.whole()).intersect(b[1])
    if any(iv.is_empty() for iv in tbox.values()):
        return "empty", None
    live = []
    for a in rest:
        d = decide(compiled(a).ival(tbox), a.op)
        if d is False:
            return "empty", None
        if d is None:
            live.append(a)
    eqs = [a for a in live if a.op == "=="]
    if eqs:
        choice = _elimination(eqs, tbox)
        if choice is not None:
            return _eliminate(live, choice, tbox, symbols, rng, effort)
        choice = _elimination(eqs, tbox, exact=False)
        if choice is not None:  # A may vanish somewhere: only a witness (with A != 0) is trusted
            extra = canon(choice[2], "!=")
            status, w = _eliminate([*live, extra], choice, tbox, symbols, rng, effort)
            if status == "nonempty":
                return status, w
        by_roots = _univariate_roots(eqs, live, tbox, symbols, rng, effort)
        if by_roots is not None:
            return by_roots
        # A nonlinear lower-dimensional set: sampling cannot land on it; try nice points only.
        w = nice_witness([compiled(a) for a in live], symbols, tbox, effort)
        if w is not None:
            return "nonempty", w
        comps = [compiled(a) for a in live]
        if effort >= 1 and bnb_empty(comps, tbox, 512 * effort * effort):
            return "empty", None
        return "unknown", None
    comps = [compiled(a) for a in live]
    w = nice_witness(comps, symbols, tbox, effort)
    if w is not None:
        return "nonempty", w
    hints: list[Point] = []
    lin = [a for a in live if a.op in (">=", ">") and linear_form(a.expr) is not None]
    if lin:
        syms = sort_symbols(set().union(*(a.symbols for a in lin)))
        status, pt = _linear_decide(rows(lin, tbox, syms), len(syms))
        if status == "empty":
            return "empty", None
        if pt is not None:
            hint = {s: nice_values(tbox[s], 1)[0] for s in symbols}
            hint.update(zip(syms, pt, strict=True))
            hints.append(hint)
    w, starts = find_witness(comps, symbols, tbox, rng, effort, hints)
    if w is not None:
        return "nonempty", w
    if effort >= 1 and comps and bnb_empty(comps, tbox, 512 * effort * effort):
        return "empty", None
    w = polish(comps, symbols, tbox, starts) if effort >= 1 else None
    return ("nonempty", w) if w is not None else ("unknown", None)


def _linear_decide(lp_rows: list[Row], n: int) -> tuple[Status, list[Fraction] | None]:
    """Exact Fourier–Motzkin for a small linear system (its point: simple rationals inside),
    else the LP (whose answers are confirmed exactly too)."""
    found = fm_point(lp_rows, n)
    if found is None:
        return lp_decide(lp_rows, n)
    empty, point = found
    return ("empty", None) if empty else ("nonempty", point)


def _elimination(
    eqs: Sequence[Atom], box: Mapping[sp.Symbol, Ival], exact: bool = True
) -> tuple[Atom, sp.Symbol, sp.Expr, sp.Expr] | None:
    """An equality ``A*s + B == 0`` with ``A`` of fixed strict sign on the box, as (eq, s, A, B).

    With ``exact=False`` any nonzero ``A`` will do (the caller then adds ``A != 0``).
    """
    candidates = []
    for eq in eqs:
        p = ring_of(eq.expr)
        if p is None:
            continue
        for gen, s in zip(p.ring.gens, p.ring.symbols, strict=True):
            if p.degree(gen) != 1:
                continue
            coeff_a = poly_expr(p.coeff_wrt(gen, 1))
            coeff_b = poly_expr(p.coeff_wrt(gen, 0))
            if coeff_a.is_number:
                rank = 0
            elif expr_ival(coeff_a, box).sign() in ("+", "-"):
                rank = 1
            elif not exact:
                rank = 2
            else:
                continue
            candidates.append((rank, len(p), eq, s, coeff_a, coeff_b))
    if not candidates:
        return None
    candidates.sort(key=lambda t: (t[0], t[1]))
    _, _, eq, s, coeff_a, coeff_b = candidates[0]
    return eq, s, coeff_a, coeff_b


def _eliminate(
    live: Sequence[Atom],
    choice: tuple[Atom, sp.Symbol, sp.Expr, sp.Expr],
    box: Mapping[sp.Symbol, Ival],
    symbols: Sequence[sp.Symbol],
    rng: np.random.Generator,
    effort: int,
) -> tuple[Status, Point | None]:
    """Substitute ``s = -B/A`` (exact: ``A != 0`` on the whole box) and decide the rest."""
    eq, s, coeff_a, coeff_b = choice
    sub = -coeff_b / coeff_a
    sub_box = {k: v for k, v in box.items() if k != s}

    def oracle(d: sp.Expr) -> str | None:
        return expr_ival(d, sub_box).sign()

    new: list[Atom] = []
    for a in live:
        if a is eq:
            continue
        if s in a.expr.free_symbols:
            new.extend(normalise(a.expr.xreplace({s: sub}), a.op, oracle))
        else:
            new.append(a)
    iv = box[s]
    if iv.lo != -INF:
        lo = sp.Rational(Fraction(iv.lo).numerator, Fraction(iv.lo).denominator)
        new.extend(normalise(sub - lo, ">" if iv.lo_open else ">=", oracle))
    if iv.hi != INF:
        hi = sp.Rational(Fraction(iv.hi).numerator, Fraction(iv.hi).denominator)
        new.extend(normalise(hi - sub, ">" if iv.hi_open else ">=", oracle))
    rest = [x for x in symbols if x != s]
    status, w = decide_box(new, sub_box, rest, rng, effort)
    if w is None:
        return status, None
    value = sub.xreplace({k: sp.Rational(v.numerator, v.denominator) for k, v in w.items()})
    if not value.is_Rational:
        return "unknown", None
    w[s] = Fraction(int(value.p), int(value.q))
    return status, {x: w[x] for x in symbols}


def _univariate_roots(
    eqs: Sequence[Atom],
    live: Sequence[Atom],
    box: Mapping[sp.Symbol, Ival],
    symbols: Sequence[sp.Symbol],
    rng: np.random.Generator,
    effort: int,
) -> tuple[Status, Point | None] | None:
    """Equalities in one parameter ``t``: exact roots of their gcd decide the question.

    No common real root in ``t``'s interval: empty.  Each rational root is substituted and the
    rest decided; an irrational root that cannot be checked exactly leaves it unknown (None).
    """
    syms = set().union(*(a.symbols for a in eqs))
    if len(syms) != 1:
        return None
    (t,) = syms
    if not all(a.expr.is_polynomial(t) for a in eqs):
        return None  # sqrt(t) - 1 = 0: not a polynomial's roots; the general search decides
    g = sp.Poly(eqs[0].expr, t, domain="QQ")
    for a in eqs[1:]:
        g = g.gcd(sp.Poly(a.expr, t, domain="QQ"))
    if g.degree() <= 0:
        return "empty", None
    iv = box[t]
    rational: list[Fraction] = []
    irrational = False
    for factor, _ in g.factor_list()[1]:
        if factor.degree() == 1:
            c1, c0 = factor.all_coeffs()
            r = -sp.Rational(c0) / sp.Rational(c1)
            q = Fraction(int(r.p), int(r.q))
            if iv.contains(q):
                rational.append(q)
        else:
            lo = None if iv.lo == -INF else sp.Rational(Fraction(iv.lo))
            hi = None if iv.hi == INF else sp.Rational(Fraction(iv.hi))
            if factor.count_roots(lo, hi) > 0:
                irrational = True
    rest = [x for x in symbols if x != t]
    sub_box = {k: v for k, v in box.items() if k != t}
    for q in sorted(rational):
        value = sp.Rational(q.numerator, q.denominator)
        fixed: list[Atom] = []
        for a in live:
            e = a.expr.xreplace({t: value}) if t in a.expr.free_symbols else a.expr
            fixed.extend(normalise(e, a.op, _no_oracle))
        if any(x.is_constant and not x.holds_at({}) for x in fixed):
            continue
        fixed = [x for x in fixed if not x.is_constant]
        status, w = decide_box(fixed, sub_box, rest, rng, effort) if rest else ("nonempty", {})
        if status == "nonempty" and w is not None:
            w[t] = q
            return "nonempty", {x: w[x] for x in symbols}
        if status == "unknown":
            irrational = True
    return ("unknown", None) if irrational else ("empty", None)


def _no_oracle(d: sp.Expr) -> str | None:
    return None

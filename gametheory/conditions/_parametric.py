"""Linear systems whose coefficients are polynomials in one parameter ``t``, decided exactly.

A conjunction of atoms that is *linear* in every parameter but one, ``t`` (each atom
``Σ_j a_j(t) x_j + b(t) op 0`` with ``a_j, b`` polynomials in ``t``), is decided by
Fourier–Motzkin elimination of the ``x_j`` with ``t`` kept symbolic: when every coefficient of
the eliminated unknown has a fixed sign on ``t``'s interval (no root there, counted exactly by
Sturm sequences), the positive multipliers of each combination are the same polynomials at every
``t``, so the elimination is, pointwise, the exact projection of Schrijver (1986, *Theory of
Linear and Integer Programming*, §12.2).  What is left are conditions ``b_k(t) op 0`` on ``t``
alone, decided exactly on the cells of ``t``'s interval cut at the real roots of the ``b_k``
(rational samples inside the open cells; exact signs at the roots).

The answer is a *parametric certificate*: ``"empty"`` when every cell fails (every point of
the system gives a row without unknowns that fails), ``"nonempty"`` with a rational witness
found by exact elimination at a rational ``t`` of a feasible open cell.  It settles the regions
where the search and interval methods of :func:`gametheory.conditions.reduce` give up: failure
regions of repeated-game policies, which touch along surfaces where two policies tie.
``None`` means not decided here (a coefficient whose sign changes on the interval, an atom
that is not linear in the other parameters, a second nonlinear parameter, or too many rows).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Literal

import sympy as sp

from ..params import ParameterSpace
from ._atoms import Atom
from ._context import Ctx, context_for
from ._interval import INF, Ival
from ._linear import Row, fm_point, lp_decide
from ._pieces import Alg, Piece, sample, sign_on, split

__all__ = ["decide_parametric"]

_ROWS = 64  # the elimination gives up past this many rows in one step
_DEGREE = 48  # ... or when a coefficient's degree in t passes this

Verdict = tuple[Literal["empty", "nonempty"], dict[sp.Symbol, sp.Rational] | None]
PRow = tuple[tuple[sp.Poly, ...], sp.Poly, bool]  # (a_j(t), b(t), strict): a·x + b >= 0 / > 0


def decide_parametric(atoms: Sequence[Atom], space: ParameterSpace, t: sp.Symbol) -> Verdict | None:
    """Decide the conjunction of ``atoms`` and ``space`` exactly when it is linear in every
    parameter but ``t``: ``("empty", None)``, ``("nonempty", witness)`` (an exact point of the
    space where every atom holds), or ``None`` when this method does not apply or gives up."""
    ctx = context_for(space, [a.expr for a in atoms])
    if t not in ctx.box:
        return None
    xs = tuple(s for s in ctx.symbols if s != t)
    read = _read(atoms, ctx, xs, t)
    if read is None:
        return None
    rows, exact = read
    try:
        found = _solve(rows, len(xs), t, _piece_of(ctx.box[t]))
    except _GiveUp:
        return None
    if found is None:
        return None
    if found[0] == "empty":
        return "empty", None
    if not exact or found[1] is None:
        return None
    w = _witness(rows, xs, t, found[1], atoms, ctx)
    return None if w is None else ("nonempty", w)


class _GiveUp(Exception):
    """The elimination grew past its budget."""


# -- reading atoms as rows -------------------------------------------------------------------


def _read(
    atoms: Sequence[Atom], ctx: Ctx, xs: tuple[sp.Symbol, ...], t: sp.Symbol
) -> tuple[list[PRow], bool] | None:
    """The rows of the atoms, the space's constraints and the unknowns' bounds; ``exact`` is
    False when a constraint had to be left out (then only emptiness can be concluded)."""
    rows: list[PRow] = []
    exact = True
    n = len(xs)
    for k, x in enumerate(xs):
        iv = ctx.box[x]
        unit = tuple(sp.Poly(int(j == k), t, domain="QQ") for j in range(n))
        if iv.lo != -INF:
            rows.append((unit, sp.Poly(-_q(iv.lo), t, domain="QQ"), iv.lo_open))
        if iv.hi != INF:
            rows.append((tuple(-u for u in unit), sp.Poly(_q(iv.hi), t, domain="QQ"), iv.hi_open))
    for a, is_constraint in [*((a, False) for a in atoms), *((c, True) for c in ctx.constraints)]:
        got = _row(a.expr, xs, t)
        if got is None or a.op == "!=":
            if not is_constraint:
                return None  # an atom we cannot read: nothing can be concluded
            exact = False  # a constraint left out: the system grows, emptiness still holds
            continue
        coeffs, b = got
        if a.op == "==":
            rows.append((coeffs, b, False))
            rows.append((tuple(-c for c in coeffs), -b, False))
        else:
            rows.append((coeffs, b, a.op == ">"))
    return rows, exact


def _q(v: Fraction | float) -> sp.Rational:
    f = Fraction(v)
    return sp.Rational(f.numerator, f.denominator)


@lru_cache(maxsize=4096)
def _row(
    expr: sp.Expr, xs: tuple[sp.Symbol, ...], t: sp.Symbol
) -> tuple[tuple[sp.Poly, ...], sp.Poly] | None:
    """``expr`` as ``Σ a_j(t) x_j + b(t)``, or ``None`` when it is not of that shape."""
    if not expr.free_symbols <= {*xs, t}:
        return None
    try:
        p = sp.Poly(expr, *xs, t, domain="QQ")
    except (sp.PolynomialError, sp.polys.polyerrors.CoercionFailed):
        return None
    n = len(xs)
    parts: list[dict[int, sp.Rational]] = [{} for _ in range(n + 1)]
    for monom, coef in p.terms():
        lin = monom[:n]
        deg = sum(lin)
        if deg > 1:
            return None
        j = lin.index(1) if deg else n
        parts[j][monom[n]] = parts[j].get(monom[n], sp.Integer(0)) + coef
    polys = [
        sp.Poly.from_dict({(e,): c for e, c in d.items()} or {(0,): 0}, t, domain="QQ")
        for d in parts
    ]
    return tuple(polys[:n]), polys[n]


# -- parametric Fourier–Motzkin on pieces of t's line ----------------------------------------

Found = tuple[Literal["empty", "rational", "irrational"], sp.Rational | None] | None
_DEPTH = 2  # nested splits of t's line before giving up


def _piece_of(tbox: Ival) -> Piece:
    lo = None if tbox.lo == -INF else _q(tbox.lo)
    hi = None if tbox.hi == INF else _q(tbox.hi)
    if lo is not None and lo == hi:
        return Piece(point=lo)
    return Piece(lo, hi, not tbox.lo_open, not tbox.hi_open)


def _at_point(rows: list[PRow], piece: Piece, t: sp.Symbol) -> list[PRow]:
    """Rows at a point piece: evaluated at a rational point, reduced modulo ``f`` at a root
    of ``f`` (so a coefficient vanishes there iff it is the zero polynomial)."""
    pt = piece.point
    if pt is None:
        return rows
    if isinstance(pt, Alg):
        return [(tuple(c.rem(pt.f) for c in a), b.rem(pt.f), s) for a, b, s in rows]
    return [
        (
            tuple(sp.Poly(c.eval(pt), t, domain="QQ") for c in a),
            sp.Poly(b.eval(pt), t, domain="QQ"),
            s,
        )
        for a, b, s in rows
    ]


def _solve(rows: list[PRow], n: int, t: sp.Symbol, piece: Piece, depth: int = 0) -> Found:
    """Whether the rows hold somewhere on the piece: ``("empty", None)``, ``("rational", t0)``
    (they hold at the rational ``t0`` of the piece), ``("irrational", None)`` (only at an
    algebraic point), or ``None`` (not decided)."""
    current: set[PRow] = set()
    for r in _at_point(rows, piece, t):
        norm = _normal(r, piece)
        if norm is False:
            return "empty", None
        if norm is not None:
            current.add(norm)
    live = [r for r in current if any(not c.is_zero for c in r[0])]
    final = {(r[1], r[2]) for r in current if all(c.is_zero for c in r[0])}
    while live:
        best: tuple[int, int] | None = None
        signs: dict[int, list[int]] = {}
        stuck: dict[int, list[sp.Poly]] = {}
        for j in range(n):
            sj = [sign_on(r[0][j], piece) for r in live]
            bad = [r[0][j] for r, x in zip(live, sj, strict=True) if x is None]
            if bad:
                stuck[j] = bad
                continue
            pos, neg = sj.count(1), sj.count(-1)
            if not pos and not neg:
                continue
            signs[j] = sj  # type: ignore[assignment]
            cost = pos * neg - pos - neg
            if best is None or cost < best[0]:
                best = (cost, j)
        if best is None:
            if not stuck:
                return None
            polys = min(stuck.values(), key=len)
            return _split(live, list(final), polys, n, t, piece, depth)
        j = best[1]
        pos_rows = [r for r, x in zip(live, signs[j], strict=True) if x > 0]
        neg_rows = [r for r, x in zip(live, signs[j], strict=True) if x < 0]
        nxt = {r for r, x in zip(live, signs[j], strict=True) if x == 0}
        if len(nxt) + len(pos_rows) * len(neg_rows) > _ROWS:
            return None
        for p in pos_rows:
            for q in neg_rows:
                mp, mq = -q[0][j], p[0][j]  # positive on all of the piece
                a = tuple(mp * u + mq * w for u, w in zip(p[0], q[0], strict=True))
                norm = _normal((a, mp * p[1] + mq * q[1], p[2] or q[2]), piece)
                if norm is False:
                    return "empty", None
                if norm is not None:
                    nxt.add(norm)
        live = [r for r in nxt if any(not c.is_zero for c in r[0])]
        final |= {(r[1], r[2]) for r in nxt if all(c.is_zero for c in r[0])}
    bad = []
    for b, strict in final:
        x = sign_on(b, piece)
        if x is None:
            bad.append(b)
        elif x < 0 or (strict and x == 0):
            return "empty", None
    if bad:
        zero = sp.Poly(0, t, domain="QQ")
        rows_t = [((zero,) * n, b, strict) for b, strict in final]
        return _split([], [(r[1], r[2]) for r in rows_t], bad, n, t, piece, depth)
    v = sample(piece)
    return ("irrational", None) if v is None else ("rational", v)


def _split(
    live: list[PRow],
    final: list[tuple[sp.Poly, bool]],
    polys: list[sp.Poly],
    n: int,
    t: sp.Symbol,
    piece: Piece,
    depth: int,
) -> Found:
    """The system decided on each piece of ``piece`` cut at the roots of ``polys``."""
    if piece.point is not None or depth >= _DEPTH:
        return None
    zero = sp.Poly(0, t, domain="QQ")
    rows = [*live, *(((zero,) * n, b, strict) for b, strict in final)]
    found: Found = ("empty", None)
    for sub in split(piece, polys):
        got = _solve(rows, n, t, sub, depth + 1)
        if got is None:
            return None
        if got[0] == "rational":
            return got
        if got[0] == "irrational":
            found = got
    return found


def _normal(row: PRow, piece: Piece) -> PRow | Literal[False] | None:
    """The row divided by the gcd of its coefficients when that has one sign on the piece,
    and by its positive rational content, so that repeats coincide; ``None`` for a row that
    always holds, ``False`` for one without ``t`` that fails."""
    a, b, strict = row
    if isinstance(piece.point, Alg):
        f = piece.point.f
        a, b = tuple(c.rem(f) for c in a), b.rem(f)
    polys = [c for c in (*a, b) if not c.is_zero]
    if not polys:
        return False if strict else None
    g = polys[0]
    for c in polys[1:]:
        g = g.gcd(c)
    if g.degree() > 0:
        s = sign_on(g, piece)
        if s:
            g = g * s
            a = tuple(c.exquo(g) for c in a)
            b = b.exquo(g)
    den, num = 1, 0
    for c in (*a, b):
        for x in c.coeffs():
            if x != 0:
                den = den * int(x.q) // math.gcd(den, int(x.q))
                num = math.gcd(num, int(x.p))
    scale = sp.Rational(den, num)
    a = tuple(c * scale for c in a)
    b = b * scale
    if max(c.degree() for c in (*a, b)) > _DEGREE:
        raise _GiveUp
    if all(c.is_zero for c in a) and b.degree() <= 0:
        v = b.LC() if not b.is_zero else 0
        holds = v > 0 if strict else v >= 0
        return None if holds else False
    return a, b, strict


def _witness(
    rows: list[PRow],
    xs: tuple[sp.Symbol, ...],
    t: sp.Symbol,
    t0: sp.Rational,
    atoms: Sequence[Atom],
    ctx: Ctx,
) -> dict[sp.Symbol, sp.Rational] | None:
    """An exact point at ``t = t0``: the rows there are rational, decided by exact elimination
    (or the LP with its exact check); every atom and constraint is checked at the point."""
    fixed: list[Row] = []
    for a, b, strict in rows:
        fixed.append((tuple(_fr(c.eval(t0)) for c in a), _fr(b.eval(t0)), strict))
    found = fm_point(fixed, len(xs))
    point: list[Fraction] | None
    if found is None:
        status, point = lp_decide(fixed, len(xs))
        if status != "nonempty":
            return None
    else:
        if found[0]:
            return None
        point = found[1]
    if point is None:
        return None
    w = {x: sp.Rational(v.numerator, v.denominator) for x, v in zip(xs, point, strict=True)}
    w[t] = t0
    if not all(a.holds_at(w) for a in [*atoms, *ctx.constraints]):
        return None
    if not all(ctx.box[s].contains(Fraction(int(w[s].p), int(w[s].q))) for s in ctx.symbols):
        return None
    return w


def _fr(v: sp.Expr) -> Fraction:
    r = sp.Rational(v)
    return Fraction(int(r.p), int(r.q))

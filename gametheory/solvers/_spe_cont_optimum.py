"""The chooser's optimal ``x`` when each value of ``x`` may have several subgame-perfect replies.

Within one case of :func:`~._spe_cont_cuts.orderings` the choice set ``[lo, hi]`` is cut into
elementary intervals by the points ``p_0 < … < p_m``.  A :class:`Branch` is one subgame-perfect
reply of the subtree (a piece of its solution): on each elementary interval where it holds its
value is one smooth expression in ``x``, and at each point where it holds it has a value (where
a ``Piecewise`` jumps, the value its weak/strict relations give).  On an open interval
generically one branch holds; at a point where the later player is indifferent, several do, and
any of them may be played.

``x*`` with reply ``b`` is subgame perfect iff no deviation pays under *some* choice of replies
elsewhere (the replies off the path are free among the subgame-perfect ones):

* for every branch ``b'`` and interval ``i`` where it holds, ``V(x*) ≥ sup_{x ∈ (p_i, p_{i+1})}
  V_{b'}(x)``, the supremum over the open interval (limits at the ends, attained or not);
* at every point ``p_k``, ``V(x*) ≥`` the value of *some* reply there.

So a supremum that no reply attains (a responder who rejects at indifference) gives no
equilibrium, and a choice that is not optimal is never listed.  Candidates for ``x*`` are the
points (each reply there) and the roots of ``dV/dx = 0`` inside an interval; their conditions
are built by case splits, decided by :func:`gametheory.conditions.reduce` as they grow.
When the function is one continuous concave curve (one reply everywhere, no jump), the
conditions are first-order conditions (signs of ``dV/dx``) instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from ..conditions import FALSE, Atom, implied
from ..conditions._atoms import negate
from ..diagnostics import Tie
from ..errors import UnsupportedGameError
from ._backward_pieces import Ctx, Region3, meet
from ._spe_cont_cuts import cancelled, canonical, same

__all__ = ["Branch", "Candidate", "concave", "optimal", "roots"]

Values = tuple[sp.Expr, ...]


@dataclass(frozen=True)
class Branch:
    """One subgame-perfect reply of the subtree within an ordering case.

    ``values`` are ``(payoffs…, outcome probabilities…)``; ``intervals[i]`` gives them on
    elementary interval ``i`` as expressions in ``x`` (``None`` where the branch does not
    hold), ``points[k]`` their values at ``p_k`` (``None`` where it does not hold).  ``theta``
    are the branch's conditions on the parameters alone.
    """

    tag: int
    theta: tuple[Atom, ...]
    intervals: tuple[Values | None, ...]
    points: tuple[Values | None, ...]


@dataclass(frozen=True)
class Candidate:
    """A value of ``x`` with one reply: attained (a choice) or only a bound (a supremum)."""

    x: sp.Expr
    values: Values
    available: tuple[Atom, ...]
    branch: int
    group: tuple[int, int] | None = None  # (branch, interval) of a concave interval's clamp
    flat: bool = False


def optimal(
    ctx: Ctx,
    region: Region3,
    branches: Sequence[Branch],
    points: Sequence[sp.Expr],
    mover: int,
    x: sp.Symbol,
    where: str,
) -> list[tuple[Region3, Candidate]]:
    """Every subgame-perfect choice ``(x*, reply)`` with its region (module docstring)."""
    glued = _glued(branches, points, mover, x)
    if glued is not None:
        found = _concave_path(ctx, region, glued, branches, points, mover, x, where)
        if found is not None:
            return found
    attained, bounds = _candidates(ctx, branches, points, mover, x, where)
    checks = _point_checks(branches, points, mover, x)
    out: list[tuple[Region3, Candidate]] = []
    seen: list[Candidate] = []
    for c in attained:
        if any(same(c.x, s.x) and c.values == s.values for s in seen):
            continue
        seen.append(c)
        for reg in _regions(ctx, region, c, bounds, checks, mover):
            out.append((reg, c))
    return out


def _glued(
    branches: Sequence[Branch], points: Sequence[sp.Expr], mover: int, x: sp.Symbol
) -> list[int] | None:
    """The branch on each interval when the chooser's value is one continuous function of ``x``
    (one branch per interval, every value at a point equal to the limits there), else None."""
    m = len(points) - 1
    owner: list[int] = []
    for i in range(m):
        active = [j for j, b in enumerate(branches) if b.intervals[i] is not None]
        if len(active) != 1 or branches[active[0]].theta:
            return None
        owner.append(active[0])
    for k, p in enumerate(points):
        limits = []
        if k > 0:
            ex = branches[owner[k - 1]].intervals[k - 1]
            assert ex is not None
            limits.append(ex[mover].subs(x, p))
        if k < m:
            ex = branches[owner[k]].intervals[k]
            assert ex is not None
            limits.append(ex[mover].subs(x, p))
        options = [b.points[k] for b in branches if b.points[k] is not None]
        if not options:
            return None
        vals = [*limits, *(o[mover] for o in options if o is not None)]
        if any(not same(v, vals[0]) for v in vals[1:]):
            return None
    return owner


def _concave_path(
    ctx: Ctx,
    region: Region3,
    owner: Sequence[int],
    branches: Sequence[Branch],
    points: Sequence[sp.Expr],
    mover: int,
    x: sp.Symbol,
    where: str,
) -> list[tuple[Region3, Candidate]] | None:
    """First-order conditions when the value is continuous and concave on ``[lo, hi]``.

    Concave on every interval, and every kink concave (the derivative from the left at least
    the one from the right): then ``x`` is optimal iff ``dV/dx ≥ 0`` just left of it and
    ``≤ 0`` just right of it.  ``None`` when concavity is not shown.
    """
    exs = []
    for i, j in enumerate(owner):
        ex = branches[j].intervals[i]
        assert ex is not None
        exs.append(ex)
    ds = [sp.cancel(sp.diff(ex[mover], x)) for ex in exs]
    for i, ex in enumerate(exs):
        if not concave(ctx, ex[mover], x):
            return None
        if i > 0:
            kink = sp.cancel((ds[i - 1] - ds[i]).subs(x, points[i]))
            if meet(ctx, (region,), ctx.atoms_of(kink, "<")) is not None:
                return None
    m = len(exs)
    cands: list[Candidate] = []
    for k, p in enumerate(points):
        conds: list[Atom] = []
        if k > 0:
            conds.extend(ctx.atoms_of(ds[k - 1].subs(x, p), ">="))
        if k < m:
            conds.extend(ctx.atoms_of(ds[k].subs(x, p), "<="))
        for b in branches:
            vals = b.points[k]
            if vals is not None and not any(same(c.x, p) and c.values == vals for c in cands):
                cands.append(Candidate(p, vals, tuple(conds), b.tag))
    for i, d in enumerate(ds):
        if not d.has(x):
            continue
        rs = roots(d, x, where)
        if len(rs) != 1:
            return None
        conds = [
            *ctx.atoms_of(d.subs(x, points[i]), ">="),
            *ctx.atoms_of(d.subs(x, points[i + 1]), "<="),
        ]
        cands.append(Candidate(rs[0], _at(exs[i], x, rs[0]), tuple(conds), branches[owner[i]].tag))
    out = []
    for c in cands:
        reg = meet(ctx, (region,), c.available) if c.available else region
        if reg is not None:
            out.append((reg, c))
    return out


def _at(ex: Values, x: sp.Symbol, v: sp.Expr) -> Values:
    return tuple(canonical(cancelled(e.subs(x, v))) for e in ex)


def _candidates(
    ctx: Ctx,
    branches: Sequence[Branch],
    points: Sequence[sp.Expr],
    mover: int,
    x: sp.Symbol,
    where: str,
) -> tuple[list[Candidate], list[Candidate]]:
    """The attained candidates (choices) and the bounds (each interval's supremum)."""
    attained: list[Candidate] = []
    bounds: list[Candidate] = []
    for b in branches:
        for k, vals in enumerate(b.points):
            if vals is not None:
                attained.append(Candidate(points[k], vals, b.theta, b.tag))
        for i, ex in enumerate(b.intervals):
            if ex is None:
                continue
            ends = (points[i], points[i + 1])
            v = ex[mover]
            if not v.has(x):
                ctx.note(Tie("flat", str(where), str(x)))
                bounds.extend(Candidate(e, _at(ex, x, e), b.theta, b.tag, flat=True) for e in ends)
                continue
            rs = roots(sp.diff(v, x), x, where)
            inside = [(*_ge(ctx, rho, ends[0]), *_ge(ctx, ends[1], rho)) for rho in rs]
            if len(rs) == 1 and concave(ctx, v, x):
                g = (b.tag, i)
                rho = rs[0]
                root = Candidate(rho, _at(ex, x, rho), (*b.theta, *inside[0]), b.tag, g)
                attained.append(root)
                bounds.append(root)
                bounds.append(
                    Candidate(
                        ends[0], _at(ex, x, ends[0]), (*b.theta, *_ge(ctx, ends[0], rho)), b.tag, g
                    )
                )
                bounds.append(
                    Candidate(
                        ends[1], _at(ex, x, ends[1]), (*b.theta, *_ge(ctx, rho, ends[1])), b.tag, g
                    )
                )
                continue
            bounds.extend(Candidate(e, _at(ex, x, e), b.theta, b.tag) for e in ends)
            for rho, cond in zip(rs, inside, strict=True):
                c = Candidate(rho, _at(ex, x, rho), (*b.theta, *cond), b.tag)
                attained.append(c)
                bounds.append(c)
    attained = [c for c in attained if FALSE not in c.available]
    bounds = [c for c in bounds if FALSE not in c.available]
    return attained, bounds


def _point_checks(
    branches: Sequence[Branch], points: Sequence[sp.Expr], mover: int, x: sp.Symbol
) -> list[tuple[int, list[Candidate]]]:
    """At each point whose replies are not all bounded by a neighbouring interval's limit:
    the replies there (a deviation to the point is deterred if *one* of them is no better)."""
    out = []
    for k, p in enumerate(points):
        options = [
            Candidate(p, vals, b.theta, b.tag)
            for b in branches
            if (vals := b.points[k]) is not None
        ]
        covered = False
        for b in branches:
            vals = b.points[k]
            if vals is None or b.theta:
                continue
            for i in (k - 1, k):
                ex = b.intervals[i] if 0 <= i < len(b.intervals) else None
                if ex is not None and same(ex[mover].subs(x, p), vals[mover]):
                    covered = True
        if options and not covered:
            out.append((k, options))
    return out


def _regions(
    ctx: Ctx,
    region: Region3,
    cand: Candidate,
    bounds: Sequence[Candidate],
    checks: Sequence[tuple[int, list[Candidate]]],
    mover: int,
) -> list[Region3]:
    """Where ``cand`` is available and no deviation pays (module docstring)."""
    start = meet(ctx, (region,), cand.available) if cand.available else region
    if start is None:
        return []
    regions = [start]
    v = cand.values[mover]
    for s in bounds:
        if not regions:
            break
        if cand.group is not None and s.group == cand.group:
            continue  # the clamped root is its interval's maximum
        diff = sp.cancel(sp.together(v - s.values[mover]))
        if diff == 0:
            if s.flat and not same(s.x, cand.x):
                ctx.degenerate = True
            continue
        regions = _split(ctx, regions, [(s.available, ctx.atoms_of(diff, ">="))])
    for _, options in checks:
        if not regions:
            break
        if any(same(o.x, cand.x) and o.branch == cand.branch for o in options):
            continue
        alts = []
        for o in options:
            diff = sp.cancel(sp.together(v - o.values[mover]))
            alts.append(((), (*o.available, *ctx.atoms_of(diff, ">="))))
        regions = _split_any(ctx, regions, [a for _, a in alts])
    return regions


def _split(
    ctx: Ctx, regions: list[Region3], rules: Sequence[tuple[tuple[Atom, ...], tuple[Atom, ...]]]
) -> list[Region3]:
    """Each region cut by "not all of ``avail`` hold, or ``better`` holds" (disjoint cases)."""
    for avail, better in rules:
        grown: list[Region3] = []
        for reg in regions:
            both = meet(ctx, (reg,), (*avail, *better)) if FALSE not in better else None
            if both is not None:
                grown.append(both)
            for j, a in enumerate(avail):
                r3 = meet(ctx, (reg,), (*avail[:j], negate(a)))
                if r3 is not None:
                    grown.append(r3)
        regions = grown
    return regions


def _split_any(
    ctx: Ctx, regions: list[Region3], alternatives: Sequence[tuple[Atom, ...]]
) -> list[Region3]:
    """Each region cut by "one of the alternatives holds": alternative ``j`` where the earlier
    ones fail (disjoint cases)."""
    out: list[Region3] = []
    for reg in regions:
        rest = [reg]  # where no earlier alternative holds
        for alt in alternatives:
            if FALSE in alt:
                continue
            nxt: list[Region3] = []
            for r in rest:
                got = meet(ctx, (r,), alt) if alt else r
                if got is not None:
                    out.append(got)
                for j, a in enumerate(alt):
                    r3 = meet(ctx, (r,), (*alt[:j], negate(a)))
                    if r3 is not None:
                        nxt.append(r3)
            rest = nxt
    return out


def _ge(ctx: Ctx, a: sp.Expr, b: sp.Expr) -> tuple[Atom, ...]:
    return ctx.atoms_of(a - b, ">=")


def concave(ctx: Ctx, v: sp.Expr, x: sp.Symbol) -> bool:
    """Whether ``v`` is shown concave in ``x`` (a second derivative free of ``x`` and ``≤ 0``)."""
    d2 = sp.cancel(sp.diff(v, x, 2))
    if d2.has(x):
        return False
    return bool(d2.is_number and d2 <= 0) or implied(sp.Le(d2, 0), ctx.space) is True


def roots(dv: sp.Expr, x: sp.Symbol, where: str) -> list[sp.Expr]:
    """Real roots of ``dV/dx`` (a rational function of ``x``), exactly.

    Raises :class:`UnsupportedGameError` when there is no closed form (the caller may then
    optimise numerically at a point)."""
    num, _ = sp.fraction(sp.cancel(sp.together(dv)))
    try:
        poly = sp.Poly(num, x)
    except sp.PolynomialError as exc:
        raise UnsupportedGameError(
            f"node {where}: dV/d{x} = {dv} is not rational in {x}, so dV/d{x} = 0 has no "
            "exact solution here"
        ) from exc
    try:
        sols = sp.solve(poly.as_expr(), x)
    except NotImplementedError as exc:
        raise UnsupportedGameError(f"node {where}: sympy cannot solve dV/d{x} = 0") from exc
    out = []
    for s in sols:
        if s.has(sp.RootOf, sp.CRootOf):
            raise UnsupportedGameError(f"node {where}: dV/d{x} = 0 has no closed-form root")
        if s.is_real is False or (s.is_number and s.has(sp.I)):
            continue
        if (
            s.is_real is None
            and s.has(sp.Pow)
            and any(not p.exp.is_integer for p in s.atoms(sp.Pow))
        ):
            raise UnsupportedGameError(
                f"node {where}: the root {s} of dV/d{x} = 0 is not provably real"
            )
        out.append(canonical(s))
    return out

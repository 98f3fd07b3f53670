"""Continuous decisions in backward induction: the chooser's optimum ``r*(θ)`` by case splits.

A :class:`~gametheory.ContinuousDecision` lets its player choose ``r ∈ [lo, hi]``; the subtree
below may use ``r`` in payoffs and chance probabilities, possibly through ``Piecewise``
expressions whose conditions are linear in ``r`` (a uniform CDF ``F(k·r)``, say).  Supported
here: subtrees of chance nodes and outcomes only (no later decisions).

1. The subtree's expected payoffs and outcome distribution are computed as expressions in
   ``(r, θ)``.
2. Each condition ``a(θ)·r + b(θ) op 0`` gives a cutoff ``r = −b/a``; the sign of ``a`` must be
   fixed on the parameter space.  The cutoffs are clipped to ``[lo, hi]`` and sorted, with a
   case split (weak inequalities) wherever their order depends on ``θ``.
3. Between consecutive cutoffs every ``Piecewise`` resolves to one branch: the chooser's payoff
   ``V_i(r)`` is one rational expression.  The candidates are the cutoffs (ends included) and
   the roots of ``dV_i/dr = 0`` that lie in the interval (that is a condition on ``θ``).
4. Candidate ``j`` is optimal where it is available and, for every other candidate ``k``,
   ``k`` is unavailable or ``V(j) ≥ V(k)``; each such region is decided by
   :func:`~gametheory.conditions.reduce` as it grows.

The strategy at the decision's information set is ``{str(variable): r*}``, an expression in the
parameters (not a probability).  ``V`` must be continuous in ``r`` (checked at the cutoffs), so
the supremum is attained at a candidate; at a cutoff the payoffs and outcome probabilities are
those of the interval to its left (to its right at ``lo``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.core.relational import Relational

from ..conditions import FALSE, Atom, implied
from ..conditions._atoms import negate
from ..errors import UnsupportedGameError
from ..games.extensive import infoset_label
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome
from ._spe_numeric import numeric_argmax
from ._spe_pieces import Ctx, Piece, Region3, meet, merge_variants, tidy

__all__ = ["solve_continuous"]

Path = tuple[str, ...]


def _key(path: Path) -> str:
    return "/".join(path) or "root"


@dataclass(frozen=True)
class _Cut:
    """A condition of a ``Piecewise``: ``relation`` holds iff ``sign·(r − at)`` has ``op``."""

    relation: sp.Basic
    at: sp.Expr
    upper: bool  # whether the relation holds below the cutoff (``r <= at`` or ``r < at``)


@dataclass(frozen=True)
class _Candidate:
    r: sp.Expr
    values: tuple[sp.Expr, ...]  # payoffs at r (one per player)
    outcomes: tuple[tuple[str, sp.Expr], ...]
    available: tuple[Atom, ...]
    group: int = -1  # candidates of one concave interval exclude each other (-1: none)


def solve_continuous(
    ctx: Ctx, node: ContinuousDecision, path: Path, players: Sequence[str]
) -> list[Piece]:
    """The pieces of the subgame rooted at a continuous decision (see the module docstring).

    Parameters
    ----------
    ctx
        The solver state (parameter space, notes).
    node
        The continuous decision.
    path
        Its path of actions from the root.
    players
        The game's players, in payoff order.

    Returns
    -------
    list of Piece
        Regions of the parameters with the optimal choice ``{infoset: {str(variable): r*}}``,
        the payoffs and the outcome distribution at ``r*``.

    Raises
    ------
    UnsupportedGameError
        When a decision lies below the continuous one, a ``Piecewise`` condition is not linear
        in the variable (or its coefficient's sign is not fixed on the space), or the
        chooser's payoff at a jump cannot be resolved, or ``dV/dr = 0`` cannot be solved
        exactly while parameters are left (with none left, the optimum is found by scipy and
        the solution says so in its notes).
    """
    where = _key(path)
    r = node.variable
    lo, hi = node.interval
    rules: dict[str, dict[str, sp.Expr]] = {}
    pay, lottery = _expectation(node.then, (*path, str(r)), players, rules)
    labels = list(lottery)
    exprs = [*pay, *(lottery[k] for k in labels)]
    cuts = _cuts(ctx, exprs, r, where)
    mover = list(players).index(node.player)
    infoset = infoset_label(node, where)
    out: list[Piece] = []
    for region, points, below in _orderings(ctx, cuts, lo, hi):
        intervals = []
        for i in range(len(points) - 1):
            sub = {c.relation: sp.true if below[c.at](i) == c.upper else sp.false for c in cuts}
            resolved = [e.xreplace(sub) for e in exprs]
            if any(p.has(r) for e in resolved for p in e.atoms(sp.Piecewise)):
                raise UnsupportedGameError(
                    f"node {where}: a Piecewise condition in {r} could not be resolved"
                )
            intervals.append(resolved)
        jumps = _jumps(exprs, cuts, below, intervals, points, mover, r, where)
        try:
            found = _exact(
                ctx, region, intervals, points, jumps, mover, len(players), labels, r, where
            )
        except UnsupportedGameError as exc:
            if not _numeric_only(intervals, points, r):
                raise UnsupportedGameError(
                    f"{exc}; at a point, where no parameter is left, the optimum is found "
                    "numerically: solve the game evaluated there (game.at(...))"
                ) from exc
            ctx.note(
                f"at node {where} the optimal {r} was found numerically, as dV/d{r} = 0 has no "
                "exact solution: scipy's bounded Brent on each interval between cutoffs, "
                "values accurate to about 1e-9"
            )
            found = _numeric(region, intervals, points, jumps, mover, len(players), labels, r)
        for reg, cand in found:
            out.append(
                Piece(
                    reg,
                    {infoset: {str(r): tidy(cand.r)}, **rules},
                    tuple(tidy(v) for v in cand.values),
                    {k: tidy(v) for k, v in cand.outcomes},
                )
            )
    return merge_variants(ctx, out)


def _expectation(
    node: Node,
    path: Path,
    players: Sequence[str],
    rules: dict[str, dict[str, sp.Expr]],
) -> tuple[list[sp.Expr], dict[str, sp.Expr]]:
    """Expected payoffs and outcome distribution of the subtree below a continuous decision.

    Chance nodes take expectations.  A later decision with perfect information becomes a cutoff
    rule: action ``k`` is taken where it pays its player strictly more than every earlier-listed
    action and at least as much as every later one (ties go to the earlier-listed action, so
    list "do not escalate" first for "escalate only if strictly better"); its payoffs enter as
    ``Piecewise`` expressions and the rule is recorded in ``rules`` as ``{action: Piecewise(1
    where taken, 0 elsewhere)}``, a function of the continuous variable.
    """
    if isinstance(node, Outcome):
        return [node.payoffs[p] for p in players], {
            node.label or f"end:{_key(path)}": sp.Integer(1)
        }
    if isinstance(node, ContinuousChance):  # a continuum of types: _spe_types
        from ._spe_types import expect_types

        return expect_types(node, path, players, rules)
    if isinstance(node, ContinuousDecision):
        raise UnsupportedGameError(
            f"node {_key(path)} is a continuous decision of {node.player} below another "
            "continuous decision; spe() solves one continuous choice per path"
        )
    if isinstance(node, Decision):
        if node.infoset is not None:
            raise UnsupportedGameError(
                f"node {_key(path)}: a decision below a continuous one must observe it "
                f"(no shared information set such as {node.infoset!r})"
            )
        return _cutoff_rule(node, path, players, rules)
    assert isinstance(node, Chance)
    pay = [sp.Integer(0)] * len(players)
    lottery: dict[str, sp.Expr] = {}
    for b, (q, child) in node.branches.items():
        if q == 0:
            continue
        sub, lot = _expectation(child, (*path, b), players, rules)
        pay = [x + q * y for x, y in zip(pay, sub, strict=True)]
        for k, w in lot.items():
            lottery[k] = lottery.get(k, sp.Integer(0)) + q * w
    return pay, lottery


def _cutoff_rule(
    node: Decision, path: Path, players: Sequence[str], rules: dict[str, dict[str, sp.Expr]]
) -> tuple[list[sp.Expr], dict[str, sp.Expr]]:
    kids = [
        (a, *_expectation(child, (*path, a), players, rules)) for a, child in node.actions.items()
    ]
    j = list(players).index(node.player)
    conds: list[sp.Basic] = []
    for k, (_, pay, _) in enumerate(kids):
        parts = [sp.Gt(pay[j], other[j]) for _, other, _ in kids[:k]]
        parts += [sp.Ge(pay[j], other[j]) for _, other, _ in kids[k + 1 :]]
        conds.append(sp.And(*parts))
    if any(isinstance(c, sp.Basic) and c.has(sp.Piecewise) for c in conds):
        raise UnsupportedGameError(
            f"node {_key(path)}: nested decisions below a continuous choice are not supported"
        )

    def pick(values: Sequence[sp.Expr]) -> sp.Expr:
        pairs = [(v, c) for v, c in zip(values, conds, strict=True) if c is not sp.false]
        return sp.Piecewise(*pairs[:-1], (pairs[-1][0], True)) if len(pairs) > 1 else pairs[0][0]

    pay = [pick([kid[1][p] for kid in kids]) for p in range(len(players))]
    labels = list(dict.fromkeys(lab for kid in kids for lab in kid[2]))
    lottery = {lab: pick([kid[2].get(lab, sp.Integer(0)) for kid in kids]) for lab in labels}
    label = node.infoset or f"{node.player}@{_key(path)}"
    rules[label] = {
        a: pick([sp.Integer(1) if m == k else sp.Integer(0) for m in range(len(kids))])
        for k, (a, _, _) in enumerate(kids)
    }
    return pay, lottery


def _cuts(ctx: Ctx, exprs: Sequence[sp.Expr], r: sp.Symbol, where: str) -> list[_Cut]:
    """The cutoffs of every ``Piecewise`` condition involving ``r``."""
    rels: list[sp.Basic] = []
    for e in exprs:
        for pw in e.atoms(sp.Piecewise):
            for _, cond in pw.args:
                for rel in cond.atoms(Relational):
                    if rel.has(r) and rel not in rels:
                        rels.append(rel)
    out = []
    for rel in rels:
        if not isinstance(rel, sp.Le | sp.Lt | sp.Ge | sp.Gt):
            raise UnsupportedGameError(
                f"node {where}: the condition {rel} is not an inequality in {rel.free_symbols}"
            )
        e = sp.expand(rel.lhs - rel.rhs)
        a = sp.cancel(sp.diff(e, r))
        b = sp.expand(e - a * r)
        if a.has(r) or b.has(r) or a == 0:
            raise UnsupportedGameError(f"node {where}: the condition {rel} is not linear in {r}")
        sign = _sign(ctx, a)
        if sign == 0:
            raise UnsupportedGameError(
                f"node {where}: the coefficient {a} of {r} in the condition {rel} has no fixed "
                "sign on the parameter space; restrict the space"
            )
        # e = a·(r − at): "e <= 0" holds below the cutoff iff a > 0.
        upper = isinstance(rel, sp.Le | sp.Lt) == (sign > 0)
        out.append(_Cut(rel, tidy(-b / a), upper))
    return out


def _sign(ctx: Ctx, a: sp.Expr) -> int:
    if a.is_number:
        return 1 if a > 0 else -1
    if implied(sp.Gt(a, 0), ctx.space) is True:
        return 1
    if implied(sp.Lt(a, 0), ctx.space) is True:
        return -1
    return 0


def _orderings(
    ctx: Ctx, cuts: Sequence[_Cut], lo: sp.Expr, hi: sp.Expr
) -> list[tuple[Region3, list[sp.Expr], dict[sp.Expr, Callable[[int], bool]]]]:
    """Case splits on the order of the cutoffs within ``[lo, hi]``.

    Returns ``(region, points, below)`` with ``points`` sorted from ``lo`` to ``hi`` and
    ``below[at](i)`` telling whether interval ``i`` (between ``points[i]`` and ``points[i+1]``)
    lies below the cutoff ``at``.
    """
    ats: list[sp.Expr] = []
    for c in cuts:
        if not any(sp.cancel(c.at - x) == 0 for x in ats):
            ats.append(c.at)
    cases: list[tuple[Region3, list[sp.Expr], dict[sp.Expr, str]]] = [(Region3(), [], {})]
    for t in ats:
        if sp.cancel(t - hi) == 0 or sp.cancel(t - lo) == 0:
            hit = "high" if sp.cancel(t - hi) == 0 else "low"
            cases = [(reg, inside, {**status, t: hit}) for reg, inside, status in cases]
            continue
        grown = []
        for reg, inside, status in cases:
            for where, extra in (
                ("low", ctx.atoms_of(lo - t, ">")),
                ("high", ctx.atoms_of(t - hi, ">")),
            ):
                r2 = meet(ctx, (reg,), extra)
                if r2 is not None:
                    grown.append((r2, inside, {**status, t: where}))
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
        below = {}
        for c in cuts:
            t = next(x for x in status if sp.cancel(c.at - x) == 0)
            below[c.at] = _below_rule(status[t], points.index(t) if status[t] == "inside" else 0)
        out.append((reg, points, below))
    return out


def _below_rule(status: str, index: int) -> Callable[[int], bool]:
    if status == "high":
        return lambda i: True
    if status == "low":
        return lambda i: False
    return lambda i: i + 1 <= index


def _jumps(
    exprs: Sequence[sp.Expr],
    cuts: Sequence[_Cut],
    below: Mapping[sp.Expr, Callable[[int], bool]],
    intervals: Sequence[Sequence[sp.Expr]],
    points: Sequence[sp.Expr],
    mover: int,
    r: sp.Symbol,
    where: str,
) -> dict[int, list[sp.Expr]]:
    """The interior points where the chooser's payoff jumps, with the values taken there.

    At a cutoff the relations located there hold with equality (``<=``/``>=`` hold, ``<``/``>``
    do not), the others as on the neighbouring intervals; the value there is attained, while an
    open side's limit is not (the modeller's tie rule decides which side owns the point).
    """
    out: dict[int, list[sp.Expr]] = {}
    for k in range(1, len(points) - 1):
        x = points[k]
        left = intervals[k - 1][mover].subs(r, x)
        right = intervals[k][mover].subs(r, x)
        if sp.cancel(sp.together(left - right)) == 0:
            continue
        sub = {
            c.relation: (
                sp.true
                if (sp.cancel(c.at - x) == 0 and isinstance(c.relation, sp.Le | sp.Ge))
                or (sp.cancel(c.at - x) != 0 and below[c.at](k) == c.upper)
                else sp.false
            )
            for c in cuts
        }
        values = [sp.cancel(e.xreplace(sub).subs(r, x)) for e in exprs]
        if any(v.has(sp.Piecewise) for v in values):
            raise UnsupportedGameError(
                f"node {where}: the chooser's payoff jumps at {r} = {x} and its value there "
                "could not be resolved"
            )
        out[k] = values
    return out


def _exact(
    ctx: Ctx,
    region: Region3,
    intervals: Sequence[Sequence[sp.Expr]],
    points: Sequence[sp.Expr],
    jumps: Mapping[int, Sequence[sp.Expr]],
    mover: int,
    n: int,
    labels: Sequence[str],
    r: sp.Symbol,
    where: str,
) -> list[tuple[Region3, _Candidate]]:
    """The optimal candidates and their regions, exactly (first-order conditions when ``V`` is
    concave, else every candidate compared with every other)."""
    concave = (
        None
        if jumps
        else _concave_candidates(ctx, region, intervals, points, mover, n, labels, r, where)
    )
    if concave is not None:
        return [(reg, c) for c in concave for reg in _available(ctx, region, c)]
    cands = _candidates(ctx, intervals, points, mover, n, labels, r, where, jumps)
    return [
        (reg, c)
        for j, c in enumerate(cands)
        for reg in _optimal_regions(ctx, region, c, cands, j, mover)
    ]


def _numeric_only(
    intervals: Sequence[Sequence[sp.Expr]], points: Sequence[sp.Expr], r: sp.Symbol
) -> bool:
    """Whether nothing but the choice variable is left (the game is at a point)."""
    return all(p.is_number for p in points) and all(
        sp.sympify(e).free_symbols <= {r} for ex in intervals for e in ex
    )


def _numeric(
    region: Region3,
    intervals: Sequence[Sequence[sp.Expr]],
    points: Sequence[sp.Expr],
    jumps: Mapping[int, Sequence[sp.Expr]],
    mover: int,
    n: int,
    labels: Sequence[str],
    r: sp.Symbol,
) -> list[tuple[Region3, _Candidate]]:
    """The optimal candidates found by scipy (see :mod:`._spe_numeric`)."""
    choices = numeric_argmax(
        [ex[mover] for ex in intervals], points, {k: v[mover] for k, v in jumps.items()}, r
    )
    out = []
    for c in choices:
        if c.end is not None and c.end in jumps:
            values = jumps[c.end]
            outs = tuple(zip(labels, values[n:], strict=True))
            cand = _Candidate(points[c.end], tuple(values[:n]), outs, ())
        else:
            x = points[c.end] if c.end is not None else sp.Float(c.x, 15)
            cand = _evaluate_at(intervals, c.interval, x, n, labels, r, ())
        out.append((region, cand))
    return out


def _evaluate_at(
    intervals: Sequence[Sequence[sp.Expr]],
    i: int,
    x: sp.Expr,
    n: int,
    labels: Sequence[str],
    r: sp.Symbol,
    available: tuple[Atom, ...],
    group: int = -1,
) -> _Candidate:
    """The candidate ``r = x`` with the payoffs and outcome probabilities of interval ``i``."""
    ex = intervals[i]
    vals = tuple(sp.cancel(ex[p].subs(r, x)) for p in range(n))
    outs = tuple((lab, sp.cancel(ex[n + k].subs(r, x))) for k, lab in enumerate(labels))
    return _Candidate(x, vals, outs, available, group)


def _concave_candidates(
    ctx: Ctx,
    region: Region3,
    intervals: Sequence[Sequence[sp.Expr]],
    points: Sequence[sp.Expr],
    mover: int,
    n: int,
    labels: Sequence[str],
    r: sp.Symbol,
    where: str,
) -> list[_Candidate] | None:
    """First-order conditions when ``V`` is concave on all of ``[lo, hi]`` (else ``None``).

    ``V`` is concave when it is on every interval and every kink is concave (the derivative
    from the left is at least the one from the right).  Then ``x`` is optimal iff the
    derivative is ``≥ 0`` just left of ``x`` and ``≤ 0`` just right of it: no comparison of
    values is needed, and each candidate's conditions are signs of derivatives.
    """
    ds = [sp.cancel(sp.diff(ex[mover], r)) for ex in intervals]
    for i, ex in enumerate(intervals):
        if not _concave(ctx, ex[mover], r):
            return None
        if i > 0:
            kink = sp.cancel((ds[i - 1] - ds[i]).subs(r, points[i]))
            if meet(ctx, (region,), ctx.atoms_of(kink, "<")) is not None:
                return None
    m = len(intervals)
    out = []
    for k, x in enumerate(points):
        conds: list[Atom] = []
        if k > 0:
            conds.extend(ctx.atoms_of(ds[k - 1].subs(r, x), ">="))
        if k < m:
            conds.extend(ctx.atoms_of(ds[k].subs(r, x), "<="))
        out.append(_evaluate_at(intervals, max(k - 1, 0), x, n, labels, r, tuple(conds)))
    for i, d in enumerate(ds):
        if not d.has(r):
            continue
        roots = _roots(d, r, where)
        if len(roots) != 1:
            return None
        conds = [
            *ctx.atoms_of(d.subs(r, points[i]), ">="),
            *ctx.atoms_of(d.subs(r, points[i + 1]), "<="),
        ]
        out.append(_evaluate_at(intervals, i, roots[0], n, labels, r, tuple(conds)))
    return out


def _available(ctx: Ctx, region: Region3, cand: _Candidate) -> list[Region3]:
    reg = meet(ctx, (region,), cand.available) if cand.available else region
    return [] if reg is None else [reg]


def _candidates(
    ctx: Ctx,
    intervals: Sequence[Sequence[sp.Expr]],
    points: Sequence[sp.Expr],
    mover: int,
    n: int,
    labels: Sequence[str],
    r: sp.Symbol,
    where: str,
    jumps: Mapping[int, Sequence[sp.Expr]],
) -> list[_Candidate]:
    def at(i: int, x: sp.Expr, available: tuple[Atom, ...], group: int = -1) -> _Candidate:
        for k, values in jumps.items():  # at a jump the value taken there, not a limit
            if x is points[k]:
                vals = tuple(values[:n])
                outs = tuple(zip(labels, values[n:], strict=True))
                return _Candidate(x, vals, outs, available, group)
        return _evaluate_at(intervals, i, x, n, labels, r, available, group)

    cands: list[_Candidate] = []
    for i in range(len(intervals)):
        v = intervals[i][mover]
        ends = (points[i], points[i + 1])
        if not v.has(r):
            ctx.note(
                f"at node {where} the chooser's payoff is flat over an interval of {r}: "
                "where that interval is optimal, only its ends are listed"
            )
            cands.extend(at(i, x, ()) for x in ends)
            continue
        roots = _roots(sp.diff(v, r), r, where)
        if len(roots) == 1 and _concave(ctx, v, r):
            # the interval's best point is the root clamped to the interval: three cases
            rho = roots[0]
            cands.append(at(i, rho, (*_ge(ctx, rho, ends[0]), *_ge(ctx, ends[1], rho)), i))
            cands.append(at(i, ends[0], _ge(ctx, ends[0], rho), i))
            cands.append(at(i, ends[1], _ge(ctx, rho, ends[1]), i))
            continue
        cands.extend(at(i, x, ()) for x in ends)
        cands.extend(
            at(i, rho, (*_ge(ctx, rho, ends[0]), *_ge(ctx, ends[1], rho))) for rho in roots
        )
    unique: list[_Candidate] = []
    for c in cands:
        if FALSE in c.available:
            continue
        same = [u for u in unique if sp.cancel(c.r - u.r) == 0]
        if any(not u.available for u in same) or any(u.available == c.available for u in same):
            continue
        if not c.available:
            unique = [u for u in unique if u not in same]
        unique.append(c)
    return unique


def _ge(ctx: Ctx, x: sp.Expr, y: sp.Expr) -> tuple[Atom, ...]:
    return ctx.atoms_of(x - y, ">=")


def _concave(ctx: Ctx, v: sp.Expr, r: sp.Symbol) -> bool:
    d2 = sp.cancel(sp.diff(v, r, 2))
    if d2.has(r):
        return False
    return bool(d2.is_number and d2 <= 0) or implied(sp.Le(d2, 0), ctx.space) is True


def _roots(dv: sp.Expr, r: sp.Symbol, where: str) -> list[sp.Expr]:
    """Real roots of ``dV/dr`` (a rational function of ``r``), exactly."""
    num, _ = sp.fraction(sp.cancel(sp.together(dv)))
    try:
        poly = sp.Poly(num, r)
    except sp.PolynomialError as exc:
        raise UnsupportedGameError(
            f"node {where}: dV/d{r} = {dv} is not rational in {r}, so dV/d{r} = 0 has no "
            "exact solution here"
        ) from exc
    try:
        sols = sp.solve(poly.as_expr(), r)
    except NotImplementedError as exc:
        raise UnsupportedGameError(f"node {where}: sympy cannot solve dV/d{r} = 0") from exc
    out = []
    for s in sols:
        if s.has(sp.RootOf, sp.CRootOf):
            raise UnsupportedGameError(f"node {where}: dV/d{r} = 0 has no closed-form root")
        if s.is_real is False or (s.is_number and s.has(sp.I)):
            continue
        if (
            s.is_real is None
            and s.has(sp.Pow)
            and any(not p.exp.is_integer for p in s.atoms(sp.Pow))
        ):
            raise UnsupportedGameError(
                f"node {where}: the root {s} of dV/d{r} = 0 is not provably real"
            )
        out.append(tidy(s))
    return out


def _optimal_regions(
    ctx: Ctx,
    region: Region3,
    cand: _Candidate,
    cands: Sequence[_Candidate],
    j: int,
    mover: int,
) -> list[Region3]:
    """Where ``cand`` is available and at least as good as every available candidate."""
    start = meet(ctx, (region,), cand.available) if cand.available else region
    if start is None:
        return []
    regions = [start]
    tied = False
    for k, other in enumerate(cands):
        if k == j or not regions or (cand.group >= 0 and other.group == cand.group):
            continue
        if sp.cancel(cand.r - other.r) == 0:
            continue
        diff = sp.cancel(sp.together(cand.values[mover] - other.values[mover]))
        if diff == 0:
            tied = True
            continue
        better = ctx.atoms_of(diff, ">=")
        grown: list[Region3] = []
        for reg in regions:
            r2 = meet(ctx, (reg,), (*other.available, *better))
            if r2 is not None:
                grown.append(r2)
            for a in other.available:
                r3 = meet(ctx, (reg,), (negate(a),))
                if r3 is not None:
                    grown.append(r3)
        regions = grown
    if tied and regions:  # an optimum tied with another choice: a continuum of best replies
        ctx.degenerate = True
    return regions

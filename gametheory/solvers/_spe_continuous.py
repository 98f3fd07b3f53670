"""Continuous decisions in backward induction: the chooser's optimum ``x*(θ)`` by case splits.

A :class:`~gametheory.ContinuousDecision` lets its player choose ``x ∈ [lo, hi]``; the subtree
below may use ``x`` in payoffs and chance probabilities, also through ``Piecewise`` expressions
whose conditions are linear in ``x`` (a uniform CDF ``F(k·x)``, say).

1. The subtree is solved first with ``x`` as one more parameter (the space extended by
   ``lo ≤ x ≤ hi``): chance nodes take expectations, a later decision that observes ``x``
   chooses by case splits (weak inequalities, so at a later player's indifference both replies
   are kept), and a later continuous decision is solved the same way, recursively: the
   follower's optimum is a function of ``x`` (Stackelberg).  A continuous decision whose node
   carries an information-set label right below this one does not observe ``x``: the two are
   simultaneous (:mod:`._spe_simultaneous`).
2. Each piece of the subtree's solution is a region in ``(θ, x)``; its conditions on ``x`` and
   those of every ``Piecewise`` are cutoffs ``x = −b/a`` (:mod:`._spe_cont_cuts`), sorted with
   case splits on ``θ``.
3. Between consecutive cutoffs each piece's values are smooth expressions in ``x``; the optimal
   ``(x*, reply)`` pairs and their regions follow from :func:`._spe_cont_optimum.optimal`: the
   supremum must be attained, so where a later player's reply makes it unattainable, no
   equilibrium exists, and no choice that is not optimal is listed.

The strategy at the decision's information set is ``{str(x): x*}``; a later player's strategy
is a rule in ``x``: ``{action: Piecewise(1 where taken, 0 elsewhere)}`` or, for a continuous
reply, ``{str(y): Piecewise(y*(x), …)}``, with the reply played at ``x*`` listed first.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ..conditions import Atom
from ..diagnostics import NoOptimum, NumericFallback
from ..errors import UnsupportedGameError
from ..games.extensive import infoset_label
from ..games.outcome_labels import outcome_label
from ..games.paths import path_key
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome
from ._backward_pieces import Ctx, Piece, Region3, choose, expect
from ._spe_cont_common import check_interval, child_ctx, distinct
from ._spe_cont_cuts import (
    Cut,
    Ordering,
    cancelled,
    canonical,
    cuts_of,
    holds_at_point,
    holds_on_interval,
    orderings,
    relation_of,
    relations_in,
)
from ._spe_cont_optimum import Branch, Candidate, optimal
from ._spe_numeric import numeric_optimal

__all__ = ["solve_continuous"]

Path = tuple[str, ...]


def solve_continuous(
    ctx: Ctx, node: ContinuousDecision, path: Path, players: Sequence[str]
) -> list[Piece]:
    """The pieces of the subgame rooted at a continuous decision (see the module docstring).

    Raises
    ------
    InvalidGameError
        When the interval of the choice can be empty on the space (``lo ≥ hi`` somewhere).
    UnsupportedGameError
        When a decision below does not observe ``x`` (other than a simultaneous continuous
        choice), a condition is not linear in ``x`` (or its coefficient's sign is not fixed on
        the space), or ``dV/dx = 0`` cannot be solved exactly while parameters are left (with
        none left, the optimum is found by scipy and the solution says so in its notes).
    """
    where = path_key(path)
    check_interval(ctx, node, where)
    inner = node.then
    if isinstance(inner, ContinuousDecision) and inner.infoset is not None:
        from ._spe_simultaneous import solve_simultaneous

        return solve_simultaneous(ctx, node, path, players)
    x = node.variable
    lo, hi = node.interval
    sub = child_ctx(ctx, x, lo, hi)
    pieces = subtree(sub, inner, (*path, str(x)), players)
    absorb(ctx, sub)
    return _choose_x(ctx, node, where, pieces, players)


def absorb(ctx: Ctx, sub: Ctx) -> None:
    """Carry what the child state found back to ``ctx``."""
    ctx.degenerate |= sub.degenerate
    ctx.complete &= sub.complete
    ctx.ties |= sub.ties
    ctx.merged += sub.merged
    ctx.reduce_calls += sub.reduce_calls
    ctx.incomplete.extend(sub.incomplete)


def subtree(ctx: Ctx, node: Node, path: Path, players: Sequence[str]) -> list[Piece]:
    """The pieces of the subtree below a continuous decision, in the extended space."""
    if isinstance(node, Outcome):
        label = outcome_label(node, path_key(path))
        return [Piece(Region3(), {}, tuple(node.payoffs[p] for p in players), {label: sp.S.One})]
    if isinstance(node, ContinuousChance):  # a continuum of types: _spe_types
        from ._spe_types import solve_types

        return solve_types(ctx, node, path, players)
    if isinstance(node, ContinuousDecision):
        if node.infoset is not None:
            raise UnsupportedGameError(
                f"node {path_key(path)}: the continuous decision of {node.player} in information "
                f"set {node.infoset!r} does not observe an earlier choice; spe() solves such "
                "simultaneous choices only directly below another continuous decision"
            )
        return solve_continuous(ctx, node, path, players)
    if isinstance(node, Decision):
        if node.infoset is not None:
            raise UnsupportedGameError(
                f"node {path_key(path)}: a decision below a continuous one must observe it "
                f"(no shared information set such as {node.infoset!r})"
            )
        kids = [subtree(ctx, c, (*path, a), players) for a, c in node.actions.items()]
        mover = list(players).index(node.player)
        if any(p.payoffs[mover].has(sp.Piecewise) for kid in kids for p in kid):
            raise UnsupportedGameError(
                f"node {path_key(path)}: {node.player}'s payoffs below this decision are Piecewise "
                "in a continuous choice; nested cutoffs at a decision are not supported"
            )
        label = infoset_label(node, path_key(path))
        return choose(ctx, label, mover, list(node.actions), kids)
    assert isinstance(node, Chance)
    probs = [q for q, _ in node.branches.values()]
    kids = [subtree(ctx, c, (*path, b), players) for b, (_, c) in node.branches.items()]
    return expect(ctx, probs, kids)


def _split_atoms(piece: Piece, x: sp.Symbol) -> tuple[list[Atom], list[Atom]]:
    with_x = [a for a in piece.region.atoms if a.expr.has(x)]
    rest = [a for a in piece.region.atoms if not a.expr.has(x)]
    return with_x, rest


def _choose_x(
    ctx: Ctx,
    node: ContinuousDecision,
    where: str,
    pieces: list[Piece],
    players: Sequence[str],
) -> list[Piece]:
    x = node.variable
    lo, hi = node.interval
    n = len(players)
    mover = list(players).index(node.player)
    infoset = infoset_label(node, where)
    labels = list(dict.fromkeys(lab for p in pieces for lab in p.outcomes))
    exprs = [(*p.payoffs, *(p.outcomes.get(lab, sp.S.Zero) for lab in labels)) for p in pieces]
    own: list[list[Cut]] = []
    for p in pieces:
        with_x, _ = _split_atoms(p, x)
        if any(a.op == "!=" for a in with_x):
            raise UnsupportedGameError(
                f"node {where}: a reply below holds except at one value of {x}; not supported"
            )
        own.append(cuts_of(ctx, [relation_of(a) for a in with_x], x, where))
    pw_cuts = cuts_of(ctx, relations_in([e for ex in exprs for e in ex], x), x, where)
    all_cuts = [*pw_cuts, *(c for cs in own for c in cs)]
    out: list[Piece] = []
    for o in orderings(ctx, all_cuts, lo, hi):
        branches = [
            b
            for j, p in enumerate(pieces)
            if (b := _branch(ctx, o, j, p, exprs[j], own[j], pw_cuts, x, where)) is not None
        ]
        if not branches:
            continue
        try:
            found = optimal(ctx, o.region, branches, o.points, mover, x, where)
        except UnsupportedGameError as exc:
            if not _numeric_only(branches, o.points, x):
                raise UnsupportedGameError(
                    f"{exc}; at a point, where no parameter is left, the optimum is found "
                    "numerically: solve the game evaluated there (game.at(...))"
                ) from exc
            ctx.note(NumericFallback(str(where), str(x)))
            found = _numeric(o, branches, mover, x)
        if not found:
            where_text = " and ".join(str(a) for a in o.region.atoms) or "everywhere"
            ctx.note(NoOptimum(str(where), str(x), str(node.player), where_text))
        for reg, cand in found:
            rules = _rules(pieces, cand.branch, branches, x)
            vals = cand.values
            out.append(
                Piece(
                    reg,
                    {**rules, infoset: {str(x): canonical(cand.x)}},
                    tuple(canonical(v) for v in vals[:n]),
                    {lab: canonical(v) for lab, v in zip(labels, vals[n:], strict=True)},
                )
            )
    return distinct(out, [infoset])


def _branch(
    ctx: Ctx,
    o: Ordering,
    tag: int,
    piece: Piece,
    ex: Sequence[sp.Expr],
    own: Sequence[Cut],
    pw_cuts: Sequence[Cut],
    x: sp.Symbol,
    where: str,
) -> Branch | None:
    """Piece ``tag`` within ordering ``o``: where it holds and its values there."""
    _, theta = _split_atoms(piece, x)
    if theta and ctx.decide([*o.region.atoms, *theta]) is None:
        return None
    m = len(o.points) - 1
    intervals: list[tuple[sp.Expr, ...] | None] = []
    for i in range(m):
        if not all(holds_on_interval(o, c, i) for c in own):
            intervals.append(None)
            continue
        sub = {c.relation: sp.true if holds_on_interval(o, c, i) else sp.false for c in pw_cuts}
        intervals.append(_resolved(ex, sub, x, where))
    points: list[tuple[sp.Expr, ...] | None] = []
    for k, p in enumerate(o.points):
        if not all(holds_at_point(o, c, k) for c in own):
            points.append(None)
            continue
        sub = {c.relation: sp.true if holds_at_point(o, c, k) else sp.false for c in pw_cuts}
        vals = _resolved(ex, sub, x, where)
        points.append(tuple(canonical(cancelled(v.subs(x, p))) for v in vals))
    if all(v is None for v in points) and all(v is None for v in intervals):
        return None
    return Branch(tag, tuple(theta), tuple(intervals), tuple(points))


def _resolved(
    ex: Sequence[sp.Expr], sub: dict[sp.Basic, sp.Basic], x: sp.Symbol, where: str
) -> tuple[sp.Expr, ...]:
    out = tuple(sp.sympify(e).xreplace(sub) for e in ex)
    if any(pw.has(x) for e in out for pw in e.atoms(sp.Piecewise)):
        raise UnsupportedGameError(
            f"node {where}: a Piecewise condition in {x} could not be resolved"
        )
    return out


def _numeric_only(branches: Sequence[Branch], points: Sequence[sp.Expr], x: sp.Symbol) -> bool:
    """Whether nothing but the choice variable is left (the game is at a point)."""
    if not all(p.is_number for p in points):
        return False
    return all(
        sp.sympify(e).free_symbols <= {x}
        for b in branches
        for row in (*b.intervals, *b.points)
        if row is not None
        for e in row
    )


def _numeric(
    o: Ordering, branches: Sequence[Branch], mover: int, x: sp.Symbol
) -> list[tuple[Region3, Candidate]]:
    """The optimal choices found by scipy (see :func:`._spe_numeric.numeric_optimal`)."""
    choices = numeric_optimal(
        [[None if ex is None else ex[mover] for ex in b.intervals] for b in branches],
        o.points,
        [[None if v is None else v[mover] for v in b.points] for b in branches],
        x,
    )
    out = []
    for b, k, val in choices:
        br = branches[b]
        if k is not None:
            vals = br.points[k]
            assert vals is not None
            out.append((o.region, Candidate(o.points[k], vals, (), br.tag)))
            continue
        i = next(
            i
            for i, ex in enumerate(br.intervals)
            if ex is not None and float(o.points[i]) <= val <= float(o.points[i + 1])
        )
        ex = br.intervals[i]
        assert ex is not None
        xf = sp.Float(val, 15)
        vals = tuple(sp.cancel(e.subs(x, xf)) for e in ex)
        out.append((o.region, Candidate(xf, vals, (), br.tag)))
    return out


def _rules(
    pieces: Sequence[Piece], chosen: int, branches: Sequence[Branch], x: sp.Symbol
) -> dict[str, dict[str, sp.Expr]]:
    """Later players' strategies as rules in ``x``: the reply at ``x*`` first, then the
    replies that hold on intervals, then those that hold at single points (off the path any
    subgame-perfect reply will do, and these never pay the chooser more than ``x*``)."""
    if len(pieces) == 1:
        return {h: dict(s) for h, s in pieces[0].strategies.items()}
    wide = {b.tag for b in branches if any(ex is not None for ex in b.intervals)}
    order = [chosen, *(j for j in range(len(pieces)) if j != chosen and j in wide)]
    order += [j for j in range(len(pieces)) if j not in order]
    common = set.intersection(*(set(p.region.atoms) for p in pieces))
    conds = [
        sp.And(*(_readable(a, x) for a in pieces[j].region.atoms if a not in common)) for j in order
    ]
    out: dict[str, dict[str, sp.Expr]] = {}
    for h, first in pieces[chosen].strategies.items():
        out[h] = {}
        for a in first:
            args = [(pieces[j].strategies[h][a], c) for j, c in zip(order, conds, strict=True)]
            args[-1] = (args[-1][0], sp.true)
            out[h][a] = sp.Piecewise(*args)
    return out


def _readable(a: Atom, x: sp.Symbol) -> sp.Basic:
    """An atom as a relation, solved for ``x`` when it is linear in it (``r <= theta``)."""
    rel = relation_of(a)
    e = sp.expand(a.expr)
    k = e.coeff(x)
    if k.is_number and k != 0 and not (e - k * x).has(x):
        rhs = canonical(-(e - k * x) / k)
        ops = {">=": (sp.Ge, sp.Le), ">": (sp.Gt, sp.Lt), "==": (sp.Eq, sp.Eq)}
        if a.op in ops:
            up, down = ops[a.op]
            return (up if k > 0 else down)(x, rhs)
    return rel

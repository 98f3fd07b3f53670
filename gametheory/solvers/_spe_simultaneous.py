"""Simultaneous continuous choices: every pure Nash equilibrium in continuous strategies.

``ContinuousDecision("A", x1, …, then=ContinuousDecision("B", x2, …, then=…, infoset="B"))``:
the label on the inner decision is one information set across the continuum of ``x1``, so B
chooses without seeing ``x1`` (Cournot, Tullock contests).  Below the block only chance nodes
and outcomes are supported, so each player's payoff ``U_i(x_1, …, x_n)`` is an expression.

Every pure equilibrium is found by enumerating, for each player, whether its choice is at the
lower end, the upper end or interior (``3^n`` systems, Karush–Kuhn–Tucker conditions):
interior choices solve ``∂U_i/∂x_i = 0`` jointly (``sympy.solve``: every solution, symmetric
and asymmetric), an end choice must have ``∂U_i/∂x_i ≤ 0`` at ``lo`` (``≥ 0`` at ``hi``).  Where
``U_i`` is shown concave in ``x_i`` on its whole interval (the second-order condition), these
first-order conditions are also sufficient; otherwise the candidate is checked against every
other choice of ``x_i`` (ends and roots of the first-order condition) by case splits, as a
single continuous choice is (:func:`._spe_cont_optimum.optimal`).

References: Cournot (1838); Tirole (1988), *The Theory of Industrial Organization*, §5.4;
Tullock (1980), "Efficient rent seeking"; Konrad (2009), *Strategy and Dynamics in Contests*,
ch. 2.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from ..conditions import FALSE, Atom, implied
from ..errors import InvalidGameError, UnsupportedGameError
from ..games.extensive import infoset_label
from ..games.outcome_labels import outcome_label
from ..games.paths import path_key
from ..games.tree import Chance, ContinuousDecision, Node, Outcome
from ._backward_pieces import Ctx, Piece, Region3, meet, tidy
from ._spe_cont_common import check_interval, child_ctx, distinct
from ._spe_cont_cuts import same
from ._spe_cont_optimum import Branch, optimal

__all__ = ["solve_simultaneous"]

Path = tuple[str, ...]


def solve_simultaneous(
    ctx: Ctx, node: ContinuousDecision, path: Path, players: Sequence[str]
) -> list[Piece]:
    """The pieces of a block of simultaneous continuous choices rooted at ``node``."""
    block: list[tuple[ContinuousDecision, str]] = [(node, infoset_label(node, path_key(path)))]
    inner: Node = node.then
    sub_path = (*path, str(node.variable))
    while isinstance(inner, ContinuousDecision) and inner.infoset is not None:
        block.append((inner, inner.infoset))
        sub_path = (*sub_path, str(inner.variable))
        inner = inner.then
    xs = [d.variable for d, _ in block]
    movers = [d.player for d, _ in block]
    for d, _ in block:
        where = path_key(path)
        check_interval(ctx, d, where)
        used = sorted(str(v) for v in xs if any(e.has(v) for e in d.interval))
        if used:
            raise InvalidGameError(
                f"the interval of {d.player}'s choice {d.variable} uses {', '.join(used)}, "
                f"which {d.player} does not observe (a simultaneous choice)"
            )
    if len(set(movers)) < len(movers):
        raise UnsupportedGameError(
            f"node {path_key(path)}: a player chooses twice in one block of simultaneous "
            "continuous choices"
        )
    pay, lottery = _expectation(inner, sub_path, players)
    labels = list(lottery)
    idx = [list(players).index(p) for p in movers]
    utils = [pay[i] for i in idx]
    if any(u.has(sp.Piecewise) for u in utils):
        raise UnsupportedGameError(
            f"node {path_key(path)}: payoffs of simultaneous continuous choices must be smooth "
            "expressions (no Piecewise)"
        )
    grads = [sp.cancel(sp.together(sp.diff(u, v))) for u, v in zip(utils, xs, strict=True)]
    out: list[Piece] = []
    found: list[tuple[dict[sp.Symbol, sp.Expr], tuple[Atom, ...]]] = []
    for types in itertools.product(("lo", "hi", "int"), repeat=len(xs)):
        for point in _solve_system(types, block, grads, xs, path_key(path)):
            conds = _kkt(ctx, types, block, grads, xs, point)
            if conds is None:
                continue
            for reg in _best_replies(ctx, conds, block, utils, xs, point, path_key(path)):
                if any(p == point and r == reg.atoms for p, r in found):
                    continue
                found.append((point, reg.atoms))
                vals = [tidy(sp.cancel(e.subs(point))) for e in pay]
                outs = {lab: tidy(sp.cancel(lottery[lab].subs(point))) for lab in labels}
                strategies = {
                    h: {str(v): tidy(point[v])} for (_, h), v in zip(block, xs, strict=True)
                }
                out.append(Piece(reg, strategies, tuple(vals), outs))
    return distinct(out, [h for _, h in block])


def _expectation(
    node: Node, path: Path, players: Sequence[str]
) -> tuple[list[sp.Expr], dict[str, sp.Expr]]:
    if isinstance(node, Outcome):
        return [node.payoffs[p] for p in players], {outcome_label(node, path_key(path)): sp.S.One}
    if not isinstance(node, Chance):
        raise UnsupportedGameError(
            f"node {path_key(path)}: below simultaneous continuous choices spe() solves chance "
            "nodes and outcomes only"
        )
    pay = [sp.S.Zero] * len(players)
    lottery: dict[str, sp.Expr] = {}
    for b, (q, child) in node.branches.items():
        sub, lot = _expectation(child, (*path, b), players)
        pay = [u + q * v for u, v in zip(pay, sub, strict=True)]
        for k, w in lot.items():
            lottery[k] = lottery.get(k, sp.S.Zero) + q * w
    return pay, lottery


def _solve_system(
    types: Sequence[str],
    block: Sequence[tuple[ContinuousDecision, str]],
    grads: Sequence[sp.Expr],
    xs: Sequence[sp.Symbol],
    where: str,
) -> list[dict[sp.Symbol, sp.Expr]]:
    """Every solution of the system a type profile (``lo``/``hi``/``int`` per player) gives."""
    fixed = {
        v: (d.interval[0] if t == "lo" else d.interval[1])
        for (d, _), v, t in zip(block, xs, types, strict=True)
        if t != "int"
    }
    free = [v for v, t in zip(xs, types, strict=True) if t == "int"]
    if not free:
        return [fixed]
    eqs = []
    for g, t in zip(grads, types, strict=True):
        if t != "int":
            continue
        num, _ = sp.fraction(sp.cancel(sp.together(g.subs(fixed))))
        eqs.append(sp.expand(num))
    if any(e == 0 for e in eqs):
        raise UnsupportedGameError(
            f"node {where}: a player's payoff does not depend on its own choice there, so its "
            "best replies form a continuum; not supported"
        )
    try:
        sols = sp.solve(eqs, free, dict=True)
    except NotImplementedError as exc:
        raise UnsupportedGameError(
            f"node {where}: sympy cannot solve the first-order conditions {eqs}"
        ) from exc
    out = []
    for s in sols:
        if any(v not in s for v in free):
            raise UnsupportedGameError(
                f"node {where}: the first-order conditions {eqs} have a continuum of solutions"
            )
        values = {**fixed, **{v: tidy(s[v]) for v in free}}
        if any(e.has(sp.I, sp.CRootOf) or e.is_real is False for e in values.values()):
            continue
        out.append(values)
    return out


def _kkt(
    ctx: Ctx,
    types: Sequence[str],
    block: Sequence[tuple[ContinuousDecision, str]],
    grads: Sequence[sp.Expr],
    xs: Sequence[sp.Symbol],
    point: dict[sp.Symbol, sp.Expr],
) -> tuple[Atom, ...] | None:
    """The first-order (Karush–Kuhn–Tucker) conditions of a candidate, or None when one fails
    or a payoff's derivative is undefined there."""
    atoms: list[Atom] = []
    for (d, _), g, v, t in zip(block, grads, xs, types, strict=True):
        lo, hi = d.interval
        value = sp.cancel(sp.together(g.subs(point)))
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return None
        _, den = sp.fraction(sp.cancel(sp.together(g)))
        if den.has(*xs) and sp.cancel(den.subs(point)) == 0:
            return None
        if t == "int":
            atoms += [*ctx.atoms_of(point[v] - lo, ">="), *ctx.atoms_of(hi - point[v], ">=")]
        else:
            atoms += ctx.atoms_of(value, "<=" if t == "lo" else ">=")
    if FALSE in atoms:
        return None
    return tuple(atoms)


def _best_replies(
    ctx: Ctx,
    conds: tuple[Atom, ...],
    block: Sequence[tuple[ContinuousDecision, str]],
    utils: Sequence[sp.Expr],
    xs: Sequence[sp.Symbol],
    point: dict[sp.Symbol, sp.Expr],
    where: str,
) -> list[Region3]:
    """Where the candidate is an equilibrium: its first-order conditions, with each player's
    choice checked as a best reply where its payoff is not shown concave in it."""
    start = meet(ctx, (), conds)
    if start is None:
        return []
    regions = [start]
    for (d, _), u, v in zip(block, utils, xs, strict=True):
        others = {w: point[w] for w in xs if w != v}
        own = sp.cancel(sp.together(u.subs(others)))
        if _concave_on(ctx, own, v, d.interval):
            continue
        grown: list[Region3] = []
        for reg in regions:
            grown.extend(_one_reply(ctx, reg, own, v, d.interval, point[v], where))
        regions = grown
    return regions


def _concave_on(ctx: Ctx, u: sp.Expr, v: sp.Symbol, interval: tuple[sp.Expr, sp.Expr]) -> bool:
    """Whether ``u`` is shown concave in ``v`` on ``[lo, hi]`` over the whole space."""
    d2 = sp.cancel(sp.together(sp.diff(u, v, 2)))
    if d2.is_number:
        return bool(d2 <= 0)
    sub = child_ctx(ctx, v, *interval)
    return implied(sp.Le(d2, 0), sub.space) is True


def _one_reply(
    ctx: Ctx,
    region: Region3,
    u: sp.Expr,
    v: sp.Symbol,
    interval: tuple[sp.Expr, sp.Expr],
    chosen: sp.Expr,
    where: str,
) -> list[Region3]:
    """Where ``chosen`` is a best reply for the one-variable payoff ``u(v)`` on the interval."""
    lo, hi = interval
    ends = tuple(tidy(sp.cancel(u.subs(v, e))) for e in (lo, hi))
    branch = Branch(0, (), ((u,),), ((ends[0],), (ends[1],)))
    out = []
    for reg, cand in optimal(ctx, region, [branch], [lo, hi], 0, v, where):
        if same(cand.x, chosen):
            out.append(reg)
    return out

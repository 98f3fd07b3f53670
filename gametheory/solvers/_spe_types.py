"""A continuum of private types (:class:`~gametheory.ContinuousChance`) in backward induction.

Nature draws ``θ`` from a distribution on ``[lo, hi]``; the players in ``seen_by`` observe it.

1. *Push the draw down* (:func:`push_types`).  A player who does not see ``θ`` and moves before
   any informed player cannot condition on ``θ`` and learns nothing about it, so its decisions
   (and chance moves that do not depend on ``θ``) commute with the draw: the draw is moved
   below them, to the *frontier*, the first node that is an informed player's decision, a
   chance move depending on ``θ``, or an outcome.  Information sets and outcome labels keep
   their names (the moved nodes are labelled with their original ones).  An uninformed
   decision below an informed one would need Bayesian updating over a continuum (a signalling
   game): refused.
2. *Rules and integrals* (:func:`type_cases`).  Below the frontier, each informed decision is a
   rule in ``θ``: action ``k`` where it pays its player strictly more than every earlier-listed
   action and at least as much as every later one (comparisons linear in ``θ``: cutoffs
   ``θ = t``).  A tie at a single ``θ`` has probability zero, so the tie rule changes no
   expectation.  Expected payoffs and outcome probabilities integrate exactly over ``θ``, with a
   case split on where the cutoffs lie relative to ``[lo, hi]`` and to each other.
3. The result is either *pieces* (regions of the parameters, :func:`solve_types`, for a draw
   that roots a subgame) or ``Piecewise`` expressions (:func:`expect_types`, for a draw below a
   continuous decision, whose variable the cutoffs may involve: conditions linear in it are cut
   points for the continuous-decision solver).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

from ..conditions import implied
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.outcome_labels import outcome_label
from ..games.paths import path_key
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    children,
    node_paths,
)
from ..params import ParameterSpace
from ._backward_pieces import Ctx, Piece, Region3, meet
from ._spe_cont_cuts import canonical, same

__all__ = ["expect_types", "push_types", "solve_types", "type_cases"]

Path = tuple[str, ...]
Cond = tuple[sp.Expr, str]  # ``expr op 0`` with op in ">=", ">"
Cut = tuple[sp.Expr, bool, bool]  # ``θ`` below (or above) ``t``: (t, holds below t, strict)


# -- 1. pushing the draw down ------------------------------------------------------------------


def push_types(game: ExtensiveGame) -> ExtensiveGame:
    """The game with every continuous chance node moved down to its frontier (see above)."""
    if not any(isinstance(n, ContinuousChance) for _, n in node_paths(game.root)):
        return game
    counts: dict[str, int] = {}
    for path, n in node_paths(game.root):
        if isinstance(n, Decision | ContinuousDecision):
            label = infoset_label(n, path)
            counts[label] = counts.get(label, 0) + 1
    return ExtensiveGame(_outside(game.root, (), counts), game.players)


def _outside(node: Node, path: Path, counts: dict[str, int]) -> Node:
    if isinstance(node, ContinuousChance):
        return _prefix(node, node.then, (*path, str(node.variable)), counts)
    return _rebuild(node, path, lambda c, p: _outside(c, p, counts), relabel=False)


def _prefix(cc: ContinuousChance, node: Node, path: Path, counts: dict[str, int]) -> Node:
    """The uninformed part below ``cc``, with ``cc`` moved to its frontier."""
    theta = cc.variable
    uninformed = isinstance(node, Decision | ContinuousDecision) and node.player not in cc.seen_by
    free_chance = isinstance(node, Chance) and not any(
        q.has(theta) for q, _ in node.branches.values()
    )
    if uninformed or free_chance:
        return _rebuild(node, path, lambda c, p: _prefix(cc, c, p, counts), relabel=True)
    _check_frontier(cc, node, path, counts, informed_above=None)
    moved = _rebuild(node, path, _relabelled, relabel=True)
    return ContinuousChance(theta, cc.distribution, moved, cc.seen_by)


def _check_frontier(
    cc: ContinuousChance,
    node: Node,
    path: Path,
    counts: dict[str, int],
    informed_above: str | None,
) -> None:
    where = path_key(path)
    if isinstance(node, ContinuousChance):
        raise UnsupportedGameError(
            f"node {where} draws the type {node.variable} below the type {cc.variable}; "
            "spe() solves one continuum of types per path"
        )
    if isinstance(node, Decision | ContinuousDecision):
        if node.player not in cc.seen_by:
            after = (
                f"after the informed player's move at node {informed_above}"
                if informed_above
                else f"after a chance move that depends on {cc.variable}"
            )
            raise UnsupportedGameError(
                f"node {where}: {node.player}, who does not see the type {cc.variable}, moves "
                f"{after}; that needs Bayesian updating over a continuum of types (a signalling "
                "game), which spe() does not support"
            )
        if isinstance(node, ContinuousDecision):
            raise UnsupportedGameError(
                f"node {where}: {node.player} chooses {node.variable} knowing the type "
                f"{cc.variable}; spe() solves the informed players' discrete decisions only"
            )
        label = infoset_label(node, where)
        if counts.get(label, 0) > 1:
            raise UnsupportedGameError(
                f"node {where}: the informed player {node.player}'s information set {label!r} "
                "holds several nodes; below a continuum of types spe() needs the informed "
                "players to observe the play so far"
            )
        informed_above = informed_above or where
    for label, child in children(node):
        _check_frontier(cc, child, (*path, label), counts, informed_above)


def _relabelled(node: Node, path: Path) -> Node:
    return _rebuild(node, path, _relabelled, relabel=True)


def _rebuild(node: Node, path: Path, below: Callable[[Node, Path], Node], *, relabel: bool) -> Node:
    """``node`` with its children replaced by ``below(child, path)``; with ``relabel``, its
    information set and outcome label spelled out as they are at ``path`` in the original."""
    where = path_key(path)
    if isinstance(node, Outcome):
        if not relabel or node.label is not None:
            return node
        return Outcome(outcome_label(node, where), **node.payoffs)
    if isinstance(node, Decision):
        label = infoset_label(node, where) if relabel else node.infoset
        acts = {a: below(c, (*path, a)) for a, c in node.actions.items()}
        return Decision(node.player, acts, label)
    if isinstance(node, Chance):
        return Chance({b: (q, below(c, (*path, b))) for b, (q, c) in node.branches.items()})
    if isinstance(node, ContinuousDecision):
        label = infoset_label(node, where) if relabel else node.infoset
        then = below(node.then, (*path, str(node.variable)))
        return ContinuousDecision(node.player, node.variable, node.interval, then, label)
    then = below(node.then, (*path, str(node.variable)))
    return ContinuousChance(node.variable, node.distribution, then, node.seen_by)


# -- 2. rules in θ and exact integrals ---------------------------------------------------------


@dataclass(frozen=True)
class _Branch:
    """One case of a subtree below the draw: where it holds (cuts in θ, conditions free of θ),
    its payoff vector and outcome distribution (expressions in θ)."""

    cuts: tuple[Cut, ...]
    free: tuple[Cond, ...]
    payoffs: tuple[sp.Expr, ...]
    lottery: tuple[tuple[str, sp.Expr], ...]


@dataclass(frozen=True)
class TypeCase:
    """One case of the integral: conditions (``expr op 0``), expected payoffs, outcomes."""

    conditions: tuple[Cond, ...]
    payoffs: tuple[sp.Expr, ...]
    outcomes: dict[str, sp.Expr]


Sign = Callable[[sp.Expr], int]


def type_cases(
    cc: ContinuousChance, path: Path, players: Sequence[str], sign: Sign
) -> tuple[list[TypeCase], dict[str, dict[str, sp.Expr]]]:
    """The cases of the expected payoffs over the draw at ``cc`` (at its frontier), and the
    informed players' rules ``{infoset: {action: Piecewise in θ}}``."""
    theta = cc.variable
    rules: dict[str, dict[str, sp.Expr]] = {}
    branches = _branches(cc.then, (*path, str(theta)), list(players), theta, sign, rules)
    lo, hi = cc.distribution.support
    ats: list[sp.Expr] = []
    for b in branches:
        for t, _, _ in b.cuts:
            if not any(same(t, u) for u in ats):
                ats.append(t)
    frees = list(dict.fromkeys(c for b in branches for c in b.free))
    out: list[TypeCase] = []
    for conds, points, below in _orderings(ats, lo, hi):
        for truth in itertools.product((True, False), repeat=len(frees)):
            fixed = dict(zip(frees, truth, strict=True))
            extra = [c if ok else (-c[0], ">=" if c[1] == ">" else ">") for c, ok in fixed.items()]
            pay = [sp.Integer(0)] * len(players)
            lottery: dict[str, sp.Expr] = {}
            for b in branches:
                if not all(fixed[c] for c in b.free):
                    continue
                for i in range(len(points) - 1):
                    if not all(below(t, i) == under for t, under, _ in b.cuts):
                        continue
                    a, z = points[i], points[i + 1]
                    for p in range(len(players)):
                        pay[p] += cc.distribution.integrate(b.payoffs[p], theta, a, z)
                    for lab, w in b.lottery:
                        add = cc.distribution.integrate(w, theta, a, z)
                        lottery[lab] = lottery.get(lab, sp.Integer(0)) + add
            out.append(
                TypeCase(
                    (*conds, *extra),
                    tuple(canonical(v) for v in pay),
                    {k: canonical(v) for k, v in lottery.items()},
                )
            )
    return out, rules


def _branches(
    node: Node,
    path: Path,
    players: list[str],
    theta: sp.Symbol,
    sign: Sign,
    rules: dict[str, dict[str, sp.Expr]],
) -> list[_Branch]:
    where = path_key(path)
    if isinstance(node, Outcome):
        for v in node.payoffs.values():
            _no_piecewise(v, theta, where)
        lab = outcome_label(node, where)
        return [_Branch((), (), tuple(node.payoffs[p] for p in players), ((lab, sp.Integer(1)),))]
    if isinstance(node, Chance):
        probs, kids = [], []
        for b, (q, child) in node.branches.items():
            _no_piecewise(q, theta, where)
            probs.append(q)
            kids.append(_branches(child, (*path, b), players, theta, sign, rules))
        return [_mix(probs, combo, len(players)) for combo in itertools.product(*kids)]
    if not isinstance(node, Decision):  # excluded by push_types
        raise UnsupportedGameError(f"node {where} is not supported below a continuum of types")
    kids = [_branches(c, (*path, a), players, theta, sign, rules) for a, c in node.actions.items()]
    out: list[_Branch] = []
    taken: dict[str, list[sp.Basic]] = {a: [] for a in node.actions}
    j = players.index(node.player)
    for combo in itertools.product(*kids):
        for k, a in enumerate(node.actions):
            br = _chosen(combo, k, j, theta, sign, where)
            if br is not None:
                out.append(br)
                taken[a].append(sp.And(*(_show(c, theta) for c in br.cuts), *map(_rel, br.free)))
    label = node.infoset or f"{node.player}@{where}"
    rules[label] = {
        a: sp.Piecewise((1, sp.Or(*conds)), (0, True)) if conds else sp.Integer(0)
        for a, conds in taken.items()
    }
    return out


def _mix(probs: Sequence[sp.Expr], combo: Sequence[_Branch], n: int) -> _Branch:
    """The expectation of one branch per chance move."""
    pay = tuple(
        sp.Add(*(q * k.payoffs[p] for q, k in zip(probs, combo, strict=True))) for p in range(n)
    )
    lot: dict[str, sp.Expr] = {}
    for q, k in zip(probs, combo, strict=True):
        for lab, w in k.lottery:
            lot[lab] = lot.get(lab, sp.Integer(0)) + q * w
    cuts = tuple(dict.fromkeys(c for k in combo for c in k.cuts))
    free = tuple(dict.fromkeys(c for k in combo for c in k.free))
    return _Branch(cuts, free, pay, tuple(lot.items()))


def _chosen(
    combo: Sequence[_Branch], k: int, j: int, theta: sp.Symbol, sign: Sign, where: str
) -> _Branch | None:
    """Branch ``combo[k]`` where its action is chosen by player ``j`` (strictly better than
    earlier-listed actions, at least as good as later ones); ``None`` where never."""
    cuts: list[Cut] = list(dict.fromkeys(c for b in combo for c in b.cuts))
    free: list[Cond] = list(dict.fromkeys(c for b in combo for c in b.free))
    mine = combo[k]
    for m, other in enumerate(combo):
        if m == k:
            continue
        diff = sp.expand(mine.payoffs[j] - other.payoffs[j])
        op = ">" if m < k else ">="
        if not diff.has(theta):
            if diff.is_number:
                if not (diff > 0 if op == ">" else diff >= 0):
                    return None
            else:
                free.append((diff, op))
            continue
        cuts.append(_cut(diff, op, theta, sign, where))
    return _Branch(tuple(cuts), tuple(free), mine.payoffs, mine.lottery)


def _cut(diff: sp.Expr, op: str, theta: sp.Symbol, sign: Sign, where: str) -> Cut:
    """``diff op 0``, linear in θ, as a cut ``(t, holds below t, strict)``."""
    a = sp.cancel(sp.diff(diff, theta))
    b = sp.expand(diff - a * theta)
    if a.has(theta) or b.has(theta):
        raise UnsupportedGameError(
            f"node {where}: the comparison {diff} {op} 0 is not linear in the type {theta}"
        )
    s = sign(a)
    if s == 0:
        raise UnsupportedGameError(
            f"node {where}: the coefficient {a} of the type {theta} in the comparison "
            f"{diff} {op} 0 has no fixed sign on the parameter space; restrict the space"
        )
    return (canonical(-b / a), s < 0, op == ">")


def _show(cut: Cut, theta: sp.Symbol) -> sp.Basic:
    t, under, strict = cut
    if under:
        return sp.Lt(theta, t) if strict else sp.Le(theta, t)
    return sp.Gt(theta, t) if strict else sp.Ge(theta, t)


def _rel(c: Cond) -> sp.Basic:
    return sp.Gt(c[0], 0) if c[1] == ">" else sp.Ge(c[0], 0)


def _no_piecewise(e: sp.Expr, theta: sp.Symbol, where: str) -> None:
    for pw in e.atoms(sp.Piecewise):
        if any(c.has(theta) for _, c in pw.args):
            raise UnsupportedGameError(
                f"node {where}: a Piecewise with a condition on the type {theta}; write the "
                "choice as a decision of the informed player instead"
            )


def _orderings(
    ats: Sequence[sp.Expr], lo: sp.Expr, hi: sp.Expr
) -> list[tuple[list[Cond], list[sp.Expr], Callable[[sp.Expr, int], bool]]]:
    """Case splits on where the cutoffs lie: below ``lo``, above ``hi``, or inside in some
    order.  Returns ``(conditions, points, below)``: ``points`` runs from ``lo`` to ``hi``
    through the inside cutoffs; ``below(t, i)`` tells whether interval ``i`` lies below ``t``."""
    cases: list[tuple[list[Cond], list[sp.Expr], dict[sp.Expr, str]]] = [([], [], {})]
    for t in ats:
        grown = []
        for conds, inside, where in cases:
            grown.append(([*conds, (lo - t, ">=")], inside, {**where, t: "low"}))
            grown.append(([*conds, (t - hi, ">=")], inside, {**where, t: "high"}))
            for pos in range(len(inside) + 1):
                extra = [(t - lo, ">"), (hi - t, ">")]
                if pos > 0:
                    extra.append((t - inside[pos - 1], ">="))
                if pos < len(inside):
                    extra.append((inside[pos] - t, ">="))
                order = [*inside[:pos], t, *inside[pos:]]
                grown.append(([*conds, *extra], order, {**where, t: "inside"}))
        cases = grown
    out = []
    for conds, inside, where in cases:
        points = [lo, *inside, hi]
        out.append((conds, points, _below(where, points)))
    return out


def _below(where: dict[sp.Expr, str], points: list[sp.Expr]) -> Callable[[sp.Expr, int], bool]:
    def below(t: sp.Expr, i: int) -> bool:
        key = next(u for u in where if same(t, u))
        if where[key] == "inside":
            return i + 1 <= points.index(key)
        return where[key] == "high"

    return below


# -- 3. pieces and Piecewise expressions -------------------------------------------------------


def solve_types(
    ctx: Ctx, node: ContinuousChance, path: Path, players: Sequence[str]
) -> list[Piece]:
    """The pieces of a subgame rooted at a draw at its frontier (see the module docstring)."""
    cases, rules = type_cases(node, path, players, lambda a: _space_sign(a, ctx.space))
    out = []
    for case in cases:
        atoms = [x for e, op in case.conditions for x in ctx.atoms_of(e, op)]
        region = meet(ctx, (Region3(),), atoms)
        if region is not None:
            out.append(Piece(region, dict(rules), case.payoffs, case.outcomes))
    return out


def expect_types(
    node: ContinuousChance,
    path: Path,
    players: Sequence[str],
    rules: dict[str, dict[str, sp.Expr]],
) -> tuple[list[sp.Expr], dict[str, sp.Expr]]:
    """Expected payoffs and outcome distribution over the draw as ``Piecewise`` expressions
    (cases in order; the first that holds applies), the informed players' rules into
    ``rules``."""
    cases, found = type_cases(node, path, players, _assumed_sign)
    rules.update(found)
    conds = [sp.And(*(_rel(c) for c in case.conditions)) for case in cases]
    keep = [(c, case) for c, case in zip(conds, cases, strict=True) if c is not sp.false]

    def pick(values: Sequence[sp.Expr]) -> sp.Expr:
        pairs = [(v, c) for v, (c, _) in zip(values, keep, strict=True)]
        if all(sp.cancel(v - pairs[0][0]) == 0 for v, _ in pairs):
            return pairs[0][0]
        return sp.Piecewise(*pairs[:-1], (pairs[-1][0], True))

    pay = [pick([case.payoffs[p] for _, case in keep]) for p in range(len(players))]
    labels = list(dict.fromkeys(lab for _, case in keep for lab in case.outcomes))
    lottery = {
        lab: pick([case.outcomes.get(lab, sp.Integer(0)) for _, case in keep]) for lab in labels
    }
    return pay, lottery


def _assumed_sign(a: sp.Expr) -> int:
    if a.is_positive:
        return 1
    if a.is_negative:
        return -1
    return 0


def _space_sign(a: sp.Expr, space: ParameterSpace) -> int:
    s = _assumed_sign(a)
    if s:
        return s
    if implied(sp.Gt(a, 0), space) is True:
        return 1
    if implied(sp.Lt(a, 0), space) is True:
        return -1
    return 0

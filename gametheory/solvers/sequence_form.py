"""The sequence form of a two-player tree with perfect recall, and an equilibrium from it.

A player's *sequences* are the empty sequence and every (information set, action) pair: under
perfect recall the pair names the whole list of the player's own moves leading to it.  A
*realization plan* ``x`` gives each sequence the probability that the player's own moves follow
it; it satisfies ``E x = e``, ``x >= 0`` (``x[empty] = 1``, and at each information set ``h`` the
plan of ``h``'s parent sequence splits over ``h``'s actions).  Payoffs are matrices ``A``, ``B``
over pairs of sequences: the sum, over the leaves that the pair leads to, of the chance
probability of reaching the leaf times its payoff.  Everything is linear in the size of the tree
(Koller, Megiddo & von Stengel 1996, "Efficient computation of equilibria for extensive
two-person games", *Games and Economic Behavior* 14; von Stengel 1996, "Efficient computation of
behavior strategies", *GEB* 14; von Stengel 2007, sections 3.10-3.11 of Nisan et al.,
*Algorithmic Game Theory*).

An equilibrium is a solution of the linear complementarity problem (von Stengel 2007,
Theorem 3.14)::

    E x = e,  F y = f,  x, y >= 0,
    E' p - A y >= 0  complementary to x,   F' q - B' x >= 0  complementary to y,

with ``p``, ``q`` free.  Writing the equalities as pairs of inequalities and the free vectors as
differences of nonnegative ones gives a standard LCP, solved by Lemke's algorithm with payoffs
made negative (which rules out a secondary ray: Koller, Megiddo & von Stengel 1996, Theorem 4.1),
exactly (:mod:`gametheory.solvers._lemke`).  For a zero-sum tree the same conditions are the
optimality conditions of the sequence-form linear programme and its dual, so the plans found are
optimal and their payoff is the value of the game.

The realization plans are turned into behaviour strategies exactly (Kuhn's theorem): at ``h``,
``beta(a) = x[(h, a)] / x[parent(h)]``.  Where ``x[parent(h)] = 0`` the player's own earlier
moves exclude ``h`` and any behaviour there gives the same play; the first action is listed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

import sympy as sp

from .._budget import Budget
from .._numbers import simple_fraction
from ..diagnostics import Caveat, ConstantSum, Diagnostic, Limit
from ..equilibrium import Equilibrium, Solution
from ..errors import BudgetExceededError, GameError, InvalidGameError, UnsupportedGameError
from ..games.extensive import (
    ExtensiveGame,
    _check_size,
    infoset_label,
    plan_bounds,
    require_perfect_recall,
)
from ..games.outcome_labels import outcome_label
from ..games.paths import ROOT, child_key
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome
from ..params import ParameterSpace
from ._polyhedron import CapReached
from ._sequence_data import Seq, SequenceForm
from ._sequence_enum import all_equilibria, optimal_pairs
from ._sequence_lcp import solve_lcp

__all__ = [
    "METHODS",
    "SequenceForm",
    "normal_form_too_large",
    "sequence_form",
    "sequence_form_nash",
]

Method = Literal["auto", "normal-form", "sequence-form"]
METHODS: tuple[str, ...] = ("auto", "normal-form", "sequence-form")

INCOMPLETE = (
    "one equilibrium found by Lemke's algorithm on the sequence form; the tree's reduced normal "
    "form is too large to enumerate all, and method='sequence-form' enumerates every extreme "
    "equilibrium on the sequence form (give it a budget)"
)
ALGORITHM_LP = "sequence form (linear programme: every pair of extreme optimal plans, exact)"
ALGORITHM_ALL = "sequence form (vertex enumeration of the best-response polyhedra, exact)"
MAX_BASES = 5_000
"""Without a budget, the vertex enumeration stops (``complete=False``) past this many bases of
either best-response polyhedron."""
MAX_LCP = 1_000
"""Sequence forms whose LCP has more variables than this are refused without a budget."""
_MAX_STRATEGIES = 60
_MAX_BASES = 3_000_000
"""The reduced normal forms ``method="auto"`` still enumerates (the vertex enumeration's range:
at most 60 plans a player and C(m + n, m) bases)."""


def sequence_form(game: ExtensiveGame) -> SequenceForm:
    """The sequence form of ``game``, exactly.

    Raises
    ------
    UnsupportedGameError
        Unless the tree has two players, perfect recall (an
        :class:`~gametheory.ImperfectRecallError` names the player and information set), no
        continuous choice or continuum of types, and numeric payoffs and probabilities.
    """
    _require_supported(game)
    p1, p2 = game.players
    index: tuple[dict[Seq | None, int], dict[Seq | None, int]] = ({None: 0}, {None: 0})
    parents: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for label, info in game.infosets.items():
        k = 0 if info.player == p1 else 1
        for a in info.actions:
            index[k][(label, a)] = len(index[k])
    payoffs: tuple[dict[tuple[int, int], Fraction], dict[tuple[int, int], Fraction]] = ({}, {})
    reach: dict[tuple[int, int], Fraction] = {}
    stack: list[tuple[str, Node, Fraction, int, int]] = [(ROOT, game.root, Fraction(1), 0, 0)]
    while stack:
        path, node, prob, s1, s2 = stack.pop()
        if isinstance(node, Outcome):
            key = (s1, s2)
            reach[key] = reach.get(key, Fraction(0)) + prob
            for k, p in enumerate((p1, p2)):
                u = _exact(node.payoffs[p], f"the payoff of {p!r} at node {path}")
                payoffs[k][key] = payoffs[k].get(key, Fraction(0)) + prob * u
        elif isinstance(node, Decision):
            label = infoset_label(node, path)
            k = 0 if node.player == p1 else 1
            own = (s1, s2)[k]
            if parents[k].setdefault(label, own) != own:  # pragma: no cover - recall was checked
                raise InvalidGameError(f"information set {label!r} has two parent sequences")
            for a, child in reversed(list(node.actions.items())):
                seq = index[k][(label, a)]
                nxt = (seq, s2) if k == 0 else (s1, seq)
                stack.append((child_key(path, a), child, prob, *nxt))
        elif isinstance(node, Chance):
            for b, (q, child) in reversed(list(node.branches.items())):
                w = _exact(q, f"the probability of branch {b!r} at node {path}")
                # a branch of probability 0 is walked too: its information sets need their
                # constraints (and a strategy), though its leaves weigh nothing
                stack.append((child_key(path, b), child, prob * w, s1, s2))
    seqs = tuple(tuple(ix) for ix in index)
    constraints = tuple(_constraints(game, ix, par) for ix, par in zip(index, parents, strict=True))
    return SequenceForm(
        (p1, p2),
        (seqs[0], seqs[1]),
        (parents[0], parents[1]),
        (constraints[0], constraints[1]),
        (payoffs[0], payoffs[1]),
        reach,
    )


def normal_form_too_large(game: ExtensiveGame) -> bool:
    """Whether ``gt.nash(game)`` (``method="auto"``) should use the sequence form: a numeric
    two-player tree with perfect recall whose reduced normal form is past what is built without
    a budget, or past what vertex enumeration enumerates."""
    try:
        _require_supported(game)
    except GameError:
        return False
    bounds = plan_bounds(game)
    try:
        _check_size(game, bounds)
    except UnsupportedGameError:
        return True
    m, n = (len(game.plans[p]) for p in game.players)
    return max(m, n) > _MAX_STRATEGIES or math.comb(m + n, m) > _MAX_BASES


def sequence_form_nash(
    game: ExtensiveGame,
    space: ParameterSpace,
    clock: Budget,
    notes: tuple[Diagnostic, ...] = (),
    *,
    enumerate_all: bool = True,
) -> Solution:
    """Nash equilibria of a numeric two-player tree with perfect recall, in behaviour
    strategies, on the sequence form (Koller, Megiddo & von Stengel 1996; von Stengel 1996).

    Constant-sum trees: every pair of extreme optimal plans (the value from Lemke's algorithm on
    the optimality conditions of the sequence-form linear programme, then the vertices of each
    player's optimal face), ``complete=True``.  Other trees, with ``enumerate_all``: every
    extreme equilibrium (the completely labelled vertex pairs of the best-response polyhedra),
    ``complete=True`` when the enumeration finishes (without a budget it stops after
    :data:`MAX_BASES` bases of a polyhedron, with ``complete=False`` and the reason); without
    it, the one equilibrium Lemke's algorithm finds, with ``complete=False`` and
    :data:`INCOMPLETE` (``gt.nash``'s ``method="auto"`` on trees whose normal form is too
    large).

    Raises
    ------
    UnsupportedGameError
        For trees the sequence form does not cover (see :func:`sequence_form`), and, without a
        budget, for sequence forms whose LCP has more than ``MAX_LCP`` variables.
    BudgetExceededError
        When the budget runs out; during the enumeration its ``partial`` is a Solution with the
        equilibria found so far (``complete=False``).
    """
    sf = sequence_form(game)
    size = sf.lcp_size
    if not clock.limited and size > MAX_LCP:
        n1, n2 = (len(s) for s in sf.sequences)
        raise UnsupportedGameError(
            f"the sequence form of this tree has {n1:,} x {n2:,} sequences (an LCP in {size:,} "
            f"variables, past the limit of {MAX_LCP:,} solved without a budget); give a budget "
            "in seconds (gt.nash(game, budget=60)) to solve it anyway, or use gt.spe"
        )
    x, y = solve_lcp(sf, clock)
    lemke_eq = _equilibrium(game, sf, x, y, space)
    extra: list[Diagnostic] = list(notes)
    total = _constant_sum(sf)
    unreached = Caveat("unreached")
    if total is not None:
        extra.append(ConstantSum(sf.players[0], lemke_eq.payoffs[sf.players[0]]))
        extra.append(unreached)
        pay = (_value(sf.payoffs[0], x, y), _value(sf.payoffs[1], x, y))
        cap = None if clock.limited else MAX_BASES
        try:
            firsts, seconds = optimal_pairs(sf, pay, clock, max_bases=cap)
        except BudgetExceededError as exc:
            why = Limit.budget(exc.budget, exc.done)
            exc.partial = _partial(game, [], lemke_eq, space, extra, why, False, ALGORITHM_LP)
            raise
        except CapReached:
            why = Limit(
                "size",
                f"the optimal plans' enumeration stopped after {MAX_BASES:,} bases of a face "
                "(no budget given); give budget= seconds to enumerate further",
            )
            return _partial(game, [], lemke_eq, space, extra, why, False, ALGORITHM_LP)
        eqs = [_equilibrium(game, sf, list(a), list(b), space) for a in firsts for b in seconds]
        return _solution(game, eqs, space, ALGORITHM_LP, extra, len(eqs) > 1)
    extra.append(unreached)
    if not enumerate_all:
        return Solution(
            game,
            (lemke_eq,),
            space,
            "nash",
            "sequence form (Lemke's algorithm, exact)",
            diagnostics=(*extra, Limit("scope", INCOMPLETE)),
        )
    found: list[Equilibrium] = []
    plans: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = [(tuple(x), tuple(y))]

    def keep(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> None:
        found.append(_equilibrium(game, sf, list(a), list(b), space))
        plans.append((a, b))

    try:
        all_equilibria(sf, clock, keep, max_bases=None if clock.limited else MAX_BASES)
    except BudgetExceededError as exc:
        why = Limit.budget(exc.budget, exc.done)
        exc.partial = _partial(game, found, lemke_eq, space, extra, why, _shares_plan(plans))
        raise
    except CapReached:
        why = Limit(
            "size",
            f"the vertex enumeration stopped after {MAX_BASES:,} bases of a best-response "
            "polyhedron (no budget given); give budget= seconds to enumerate further",
        )
        return _partial(game, found, lemke_eq, space, extra, why, _shares_plan(plans))
    return _solution(game, found, space, ALGORITHM_ALL, extra, _shares_plan(plans[1:]))


def _solution(
    game: ExtensiveGame,
    eqs: list[Equilibrium],
    space: ParameterSpace,
    algorithm: str,
    notes: list[Diagnostic],
    degenerate: bool,
) -> Solution:
    return Solution(
        game, tuple(eqs), space, "nash", algorithm, degenerate=degenerate, diagnostics=tuple(notes)
    )


def _partial(
    game: ExtensiveGame,
    found: list[Equilibrium],
    lemke_eq: Equilibrium,
    space: ParameterSpace,
    notes: list[Diagnostic],
    why: Limit,
    degenerate: bool,
    algorithm: str = ALGORITHM_ALL,
) -> Solution:
    eqs = list(found)
    if all(e.key() != lemke_eq.key() for e in eqs):
        eqs.insert(0, lemke_eq)
    return Solution(
        game,
        tuple(eqs),
        space,
        "nash",
        algorithm,
        degenerate=degenerate,
        complete=False,
        diagnostics=(*notes, why),
    )


def _shares_plan(plans: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]) -> bool:
    """Two distinct extreme equilibria sharing one player's realization plan: the segment
    between them is made of equilibria too (a continuum)."""
    for k in (0, 1):
        mine = [p[k] for p in plans]
        if len(set(mine)) < len(set(plans)):
            return True
    return False


# -- kernels -------------------------------------------------------------------------------------


def _equilibrium(
    game: ExtensiveGame,
    sf: SequenceForm,
    x: list[Fraction],
    y: list[Fraction],
    space: ParameterSpace,
) -> Equilibrium:
    """The equilibrium in behaviour strategies of the realization plans ``x``, ``y``."""
    behaviour = {**_behaviour(game, sf, 0, x), **_behaviour(game, sf, 1, y)}
    strategies = {h: behaviour[h] for h in game.infosets}
    values = [_value(sf.payoffs[k], x, y) for k in (0, 1)]
    pure = all(v in (0, 1) for s in strategies.values() for v in s.values())
    return Equilibrium(
        kind="pure" if pure else "mixed",
        strategies=strategies,
        payoffs={
            p: sp.Rational(v.numerator, v.denominator)
            for p, v in zip(sf.players, values, strict=True)
        },
        outcomes=_outcomes(game, strategies),
        conditions=sp.true,
        witness={},
        space=space,
    )


def _require_supported(game: ExtensiveGame) -> None:
    if len(game.players) != 2:
        raise UnsupportedGameError(
            f"the sequence form is for two-player trees; this one has {len(game.players)} "
            f"players ({', '.join(map(repr, game.players))})"
        )
    if game.has_types or game.has_continuous:
        raise UnsupportedGameError(
            "the sequence form needs finitely many actions; this tree has a continuous decision "
            "or a continuum of types (use gt.spe)"
        )
    if game.parameters:
        names = ", ".join(s.name for s in game.parameters)
        raise UnsupportedGameError(
            f"the sequence form is solved for numeric trees; this one has parameter(s) {names} "
            "(solve game.at(...) at a point, or use the reduced normal form: "
            "method='normal-form')"
        )
    require_perfect_recall(game, "the sequence form")


def _exact(value: sp.Expr, what: str) -> Fraction:
    if isinstance(value, sp.Float):
        return simple_fraction(float(value))
    if isinstance(value, sp.Rational):
        return Fraction(int(value.p), int(value.q))
    raise UnsupportedGameError(f"{what} is {value}, not a rational number")


def _constraints(
    game: ExtensiveGame, index: Mapping[Seq | None, int], parents: Mapping[str, int]
) -> tuple[tuple[Fraction, ...], ...]:
    n = len(index)
    rows = [[Fraction(0)] * n]
    rows[0][0] = Fraction(1)
    for label, parent in parents.items():
        row = [Fraction(0)] * n
        row[parent] = Fraction(-1)
        for a in game.infosets[label].actions:
            row[index[(label, a)]] = Fraction(1)
        rows.append(row)
    return tuple(tuple(r) for r in rows)


def _behaviour(
    game: ExtensiveGame, sf: SequenceForm, k: int, plan: list[Fraction]
) -> dict[str, dict[str, sp.Expr]]:
    index = {s: i for i, s in enumerate(sf.sequences[k])}
    out: dict[str, dict[str, sp.Expr]] = {}
    for label, parent in sf.parents[k].items():
        acts = game.infosets[label].actions
        mass = plan[parent]
        probs = [
            plan[index[(label, a)]] / mass if mass else Fraction(int(i == 0))
            for i, a in enumerate(acts)
        ]
        out[label] = {
            a: sp.Rational(v.numerator, v.denominator) for a, v in zip(acts, probs, strict=True)
        }
    return out


def _value(
    payoff: Mapping[tuple[int, int], Fraction],
    x: Sequence[Fraction],
    y: Sequence[Fraction],
) -> Fraction:
    return sum((x[i] * v * y[j] for (i, j), v in payoff.items()), Fraction(0))


def _constant_sum(sf: SequenceForm) -> Fraction | None:
    """The players' constant total when every leaf's payoffs add up to it, else None."""
    totals = {
        (sf.payoffs[0].get(key, Fraction(0)) + sf.payoffs[1].get(key, Fraction(0))) / r
        for key, r in sf.reach.items()
        if r
    }
    return next(iter(totals)) if len(totals) == 1 else None


def _outcomes(
    game: ExtensiveGame, strategies: Mapping[str, Mapping[str, sp.Expr]]
) -> dict[str, sp.Expr]:
    """Each outcome label's probability under the behaviour profile (a walk of the tree)."""
    out: dict[str, sp.Expr] = {}
    stack: list[tuple[str, Node, sp.Expr]] = [(ROOT, game.root, sp.Integer(1))]
    while stack:
        path, node, w = stack.pop()
        if isinstance(node, Outcome):
            label = outcome_label(node, path)
            out[label] = out.get(label, sp.Integer(0)) + w
        elif isinstance(node, Decision):
            mix = strategies[infoset_label(node, path)]
            for a, child in node.actions.items():
                if mix[a] != 0 and w != 0:
                    stack.append((child_key(path, a), child, w * mix[a]))
                else:
                    stack.append((child_key(path, a), child, sp.Integer(0)))
        elif isinstance(node, Chance):
            for b, (q, child) in node.branches.items():
                stack.append((child_key(path, b), child, w * q))
        elif isinstance(node, ContinuousChance | ContinuousDecision):  # pragma: no cover
            raise UnsupportedGameError(f"node {path} is not finite")
    return out

"""One support shape of the PBE enumeration: its conditions, solved for the unknowns.

For a shape (a support at every information set) the unknowns are the mixing probabilities
inside the supports and, at an information set that the shape leaves unreached, the belief (a
free number).  At every information set ``h`` of player ``i``, with weights ``w(x)`` on its
nodes — the reach probabilities when ``h`` is reached (Bayes' rule up to the positive factor
``P(h)``), the free belief otherwise — the expected continuation payoff of action ``a`` is
``U(a) = Σ_x w(x)·V_i(x·a)``.  The conditions are: ``U(a) = U(a0)`` for the actions of the
support (indifference), ``U(a0) ≥ U(b)`` for the others, and every mixing probability in
``(0, 1)``.  The equalities are solved with sympy; what remains are conditions on the
parameters, except for a free off-path belief (or, in a degenerate case, a free mixing
probability): that one unknown is projected out by :mod:`._pbe_project`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from ..conditions import FALSE, Atom, atom
from ..params import ParameterSpace
from ._pbe_project import attained_ends, project
from ._pbe_tree import Shape, TreeView

__all__ = ["Candidate", "solve_shape"]


@dataclass(frozen=True)
class Candidate:
    """A solved shape: behaviour, beliefs, payoffs, outcome probabilities and conditions."""

    shape: Shape
    sigma: Mapping[str, Mapping[str, sp.Expr]]
    beliefs: Mapping[str, Mapping[str, sp.Basic]]
    payoffs: tuple[sp.Expr, ...]
    outcomes: Mapping[str, sp.Expr]
    atoms: tuple[Atom, ...]
    reached: frozenset[str]
    continuum: bool = False  # part of a continuum of equilibria
    listed: bool = True  # False: a continuum all of whose extreme points are smaller shapes'


@dataclass
class _Setup:
    sigma: dict[str, dict[str, sp.Expr]]
    unknowns: list[sp.Symbol]
    beliefs: dict[str, dict[str, sp.Expr]]  # unnormalised weights (reached) or free beliefs
    free_beliefs: list[sp.Symbol]
    reached: set[str]
    equalities: list[sp.Expr]
    inequalities: list[tuple[sp.Expr, str]]  # (expr, ">=" or ">")


def solve_shape(view: TreeView, shape: Shape, space: ParameterSpace) -> list[Candidate]:
    """Every solution of one shape (usually zero or one), with its conditions unreduced."""
    setup = _setup(view, shape)
    if setup is None:
        return []
    unknowns = [*setup.unknowns, *setup.free_beliefs]
    positive = _positive_factors(view, setup)
    out = []
    for eqs, on_params in _branches(setup.equalities, unknowns, positive):
        for sol in _solve(eqs, unknowns):
            out.extend(_candidates(view, shape, setup, sol, space, eqs, on_params))
    return out


def _positive_factors(view: TreeView, setup: _Setup) -> set[sp.Expr]:
    """Expressions known to be positive: mixing probabilities inside a support (and their
    last action's ``1 - Σ``) and the chance probabilities."""
    out: set[sp.Expr] = set(setup.unknowns)
    for probs in setup.sigma.values():
        out.update(sp.expand(p) for p in probs.values() if p.free_symbols & set(setup.unknowns))
    out.update(sp.expand(q) for q in view.chance_probabilities)
    return out


def _branches(
    eqs: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol], positive: set[sp.Expr]
) -> list[tuple[list[sp.Expr], list[sp.Expr]]]:
    """The ways the indifference equations can hold: each equation factored, positive factors
    (a mixing or chance probability) dropped; with several factors left, one of them is zero, a
    case each.  A factor free of the unknowns is a condition on the parameters (``a = c`` in
    ``r·(c − a) = 0``), not an equation to solve."""
    cases: list[tuple[list[sp.Expr], list[sp.Expr]]] = [([], [])]
    known = set(unknowns)
    for e in eqs:
        if e == 0:
            continue
        _, factors = sp.factor_list(e)
        kept = [
            f for f, _ in factors if sp.expand(f) not in positive and sp.expand(-f) not in positive
        ]
        kept = [f for f in kept if not (f.is_positive or f.is_negative)]
        if not kept:
            return []  # a product of positive factors is never zero
        grown = []
        for solve_for, on_params in cases:
            for f in kept:
                if f.free_symbols & known:
                    grown.append(([*solve_for, f], on_params))
                else:
                    grown.append((solve_for, [*on_params, f]))
        cases = grown
    return cases


def _setup(view: TreeView, shape: Shape) -> _Setup | None:
    sigma, unknowns = view.behaviour(shape)
    vals = view.values(sigma)
    reached: set[str] = set()
    beliefs: dict[str, dict[str, sp.Expr]] = {}
    free: list[sp.Symbol] = []
    equalities: list[sp.Expr] = []
    inequalities: list[tuple[sp.Expr, str]] = []
    for h, info in view.infosets.items():
        weights = {x: view.reach(x, sigma, view.anchors[h]) for x in info.paths}
        if not any(w != 0 for w in weights.values()):
            weights = _bayes_where_possible(view, sigma, h) or weights
        if any(w != 0 for w in weights.values()):
            reached.add(h)
        elif len(info.paths) == 1:
            weights = {info.paths[0]: sp.Integer(1)}
        elif len(info.paths) == 2:
            mu = sp.Dummy(f"mu[{h}]")
            free.append(mu)
            weights = dict(zip(info.paths, (mu, 1 - mu), strict=True))
            inequalities += [(mu, ">="), (1 - mu, ">=")]
        else:
            return None  # handled by the caller's note: vertices only (see pbe.py)
        beliefs[h] = weights
        i = view.players.index(info.player)

        def u(a: str, i: int = i, weights: dict[str, sp.Expr] = weights) -> sp.Expr:
            return sp.expand(sp.Add(*(w * vals[view.child(x, a)][i] for x, w in weights.items())))

        support = shape[h]
        base = u(support[0])
        equalities += [sp.expand(u(a) - base) for a in support[1:]]
        inequalities += [(sp.expand(base - u(b)), ">=") for b in info.actions if b not in support]
    for s in unknowns:
        inequalities.append((s, ">"))
    for q in view.chance_probabilities:  # a type with prior 0 is absent, not a boundary case
        inequalities.append((q, ">"))
    for h, probs in sigma.items():
        if len(shape[h]) > 1:
            inequalities.append((probs[shape[h][-1]], ">"))
    return _Setup(sigma, unknowns, beliefs, free, reached, equalities, inequalities)


def _bayes_where_possible(
    view: TreeView, sigma: Mapping[str, Mapping[str, sp.Expr]], h: str
) -> dict[str, sp.Expr] | None:
    """Bayes' rule at an unreached information set, where the strategies still determine it.

    Each node is reached after some deviations (actions the profile plays with probability 0).
    When one set of deviations is the smallest, shared by some nodes and contained in every
    other node's set (one deviation leading into the set, as C's challenge before chance picks
    the defender's type), the nodes reached by exactly that set get their reach probabilities
    with the deviation counted as certain, the others 0 (Gibbons 1992, §4.1, requirement 4: Bayes'
    rule "where possible").  When different nodes need different deviations (two types each
    sending an unsent message), nothing is determined: ``None``.
    """
    found = {x: view.deviations(x, sigma, view.anchors[h]) for x in view.infosets[h].paths}
    live = {x: d for x, d in found.items() if d[0] != 0}
    if not live:
        return None
    smallest = min((d[1] for d in live.values()), key=len)
    if not all(smallest <= d[1] for d in live.values()):
        return None
    if sum(1 for d in live.values() if d[1] == smallest) < 1:
        return None
    return {
        x: (d[0] if x in live and d[1] == smallest else sp.Integer(0)) for x, d in found.items()
    }


def _solve(eqs: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol]) -> list[dict[sp.Symbol, sp.Expr]]:
    eqs = [e for e in eqs if e != 0]
    if not eqs:
        return [{}]
    involved = [u for u in unknowns if any(e.has(u) for e in eqs)]
    if not involved:  # conditions on the parameters only
        return [{}]
    try:
        sols = sp.solve(eqs, involved, dict=True)
    except NotImplementedError:
        return []
    return [s for s in sols if all(not v.has(sp.I) for v in s.values())]


def _candidates(
    view: TreeView,
    shape: Shape,
    setup: _Setup,
    sol: Mapping[sp.Symbol, sp.Expr],
    space: ParameterSpace,
    eqs: Sequence[sp.Expr],
    on_params: Sequence[sp.Expr],
) -> list[Candidate]:
    def sub(e: sp.Expr) -> sp.Expr:
        return sp.together(e.xreplace(sol)) if sol else e

    atoms: list[Atom] = [a for f in on_params for a in atom(sp.expand(f), "==", space=space)]
    for e in eqs:
        r = sp.expand(sp.numer(sp.together(sub(e))))
        if r != 0:
            atoms.extend(atom(r, "==", space=space))
    conds = [(sub(e), op) for e, op in setup.inequalities]
    remaining = [u for u in (*setup.unknowns, *setup.free_beliefs) if u not in sol]
    free = [u for u in remaining if any(e.has(u) for e, _ in conds)]
    if len(free) > 1 or any(a.expr.has(u) for a in atoms for u in free):
        return []  # a continuum in several unknowns: not handled (the caller notes it)
    Case = tuple[
        list[Atom], dict[sp.Symbol, tuple[sp.Expr, sp.Expr]], dict[sp.Symbol, sp.Expr], bool
    ]
    cases: list[Case] = []
    if free and free[0] in setup.free_beliefs:
        projected = project(conds, free[0], space)
        if projected is None:
            return []
        cases = [([*atoms, *extra], {free[0]: (lo, hi)}, {}, True) for extra, lo, hi in projected]
    elif free:
        # a mixing probability left free: a continuum of equilibria, whose attained extreme
        # points inside (0, 1) are listed (at 0 or 1 it is a smaller support's shape); with none
        # listed, an unlisted candidate still tells the caller that the continuum exists
        ends = attained_ends(conds, free[0], space)
        spans = project(conds, free[0], space)
        if ends is None or spans is None:
            return []
        for extra, end in ends:
            if end not in (0, 1) and end.is_finite is not False:
                cases.append(([*atoms, *extra], {}, {free[0]: end}, True))
        cases.extend(([*atoms, *extra], {}, {}, False) for extra, _, _ in spans)
    else:
        atoms_all = [*atoms, *(a for e, op in conds for a in atom(e, op, space=space))]
        cases = [(atoms_all, {}, {}, True)]
    out = []
    for case_atoms, intervals, pin, listed in cases:
        if FALSE in case_atoms:
            continue

        def sub2(e: sp.Expr, pin: dict[sp.Symbol, sp.Expr] = pin) -> sp.Expr:
            return sub(e).xreplace(pin) if pin else sub(e)

        sigma = {
            h: {a: sp.factor(sub2(p)) for a, p in probs.items()} for h, probs in setup.sigma.items()
        }
        values = view.values(sigma)["root"]
        outcomes: dict[str, sp.Expr] = {}
        for path in view.outcome_paths:
            label = view.nodes[path].label or f"end:{path}"  # type: ignore[union-attr]
            outcomes[label] = outcomes.get(label, sp.Integer(0)) + view.reach(path, sigma)
        out.append(
            Candidate(
                shape,
                sigma,
                _beliefs(view, setup, sub2, intervals),
                tuple(values),
                outcomes,
                tuple(case_atoms),
                frozenset(setup.reached),
                bool(pin) or not listed,
                listed,
            )
        )
    return out


def _beliefs(
    view: TreeView,
    setup: _Setup,
    sub: Callable[[sp.Expr], sp.Expr],
    intervals: Mapping[sp.Symbol, tuple[sp.Expr, sp.Expr]],
) -> dict[str, dict[str, sp.Basic]]:
    out: dict[str, dict[str, sp.Basic]] = {}
    for h, weights in setup.beliefs.items():
        if len(weights) < 2:
            continue
        keys = view.belief_keys(h)
        if h in setup.reached:
            ws = {x: sub(w) for x, w in weights.items()}
            total = sp.Add(*ws.values())
            out[h] = {keys[x]: sp.factor(sp.together(w / total)) for x, w in ws.items()}
            continue
        (mu,) = [s for s in setup.free_beliefs if any(w.has(s) for w in weights.values())]
        x1, x2 = list(weights)
        if mu in intervals:
            lo, hi = intervals[mu]
            out[h] = {keys[x1]: sp.Interval(lo, hi), keys[x2]: sp.Interval(1 - hi, 1 - lo)}
        else:
            v = sp.factor(sub(mu))
            out[h] = {keys[x1]: v, keys[x2]: sp.factor(1 - v)}
    return out

"""One support shape of the PBE enumeration: its conditions, solved for the unknowns.

For a shape (a support at every information set) the unknowns are the mixing probabilities
inside the supports and, at an information set that the shape leaves unreached and where Bayes'
rule determines nothing, the belief (a point of the simplex over its nodes).  At every
information set ``h`` of player ``i``, with weights ``w(x)`` on its nodes — the reach
probabilities when ``h`` is reached (Bayes' rule up to the positive factor ``P(h)``), the free
belief otherwise — the expected continuation payoff of action ``a`` is ``U(a) = Σ_x w(x)·V_i(x·a)``.
The conditions: ``U(a) = U(a0)`` inside the support, ``U(a0) ≥ U(b)`` outside it, every mixing
probability in ``(0, 1)``, every free belief in the simplex.

The indifference equations that involve mixing probabilities are solved for them with sympy;
what is left is linear in the free unknowns in the usual models and is handled by
:mod:`._pbe_continua`: free beliefs become belief sets (polytopes), a free mixing probability a
continuum whose attained extreme points are listed.  Anything else is reported as a limit
(:attr:`ShapeResult.limits`), never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from .._rational import factored, fraction_of, together
from ..beliefs import BeliefSet
from ..conditions import FALSE, Atom, reduce
from ..params import ParameterSpace
from ._pbe_continua import Piece, split_free
from ._pbe_fm import sign_of
from ._pbe_tree import Shape, TreeView

__all__ = ["Candidate", "ShapeResult", "solve_shape"]

Substitution = Callable[[sp.Expr], sp.Expr]


@dataclass(frozen=True)
class Candidate:
    """A solved shape: behaviour, beliefs, payoffs, outcome probabilities and conditions."""

    shape: Shape
    sigma: Mapping[str, Mapping[str, sp.Expr]]
    beliefs: Mapping[str, Mapping[str, sp.Basic]]
    belief_sets: Mapping[str, BeliefSet]
    payoffs: tuple[sp.Expr, ...]
    outcomes: Mapping[str, sp.Expr]
    atoms: tuple[Atom, ...]
    continuum: bool = False  # part of a continuum of equilibria
    listed: bool = True  # False: a continuum all of whose extreme points are other shapes'


@dataclass
class ShapeResult:
    """A shape's candidates, the limits hit (reasons it could not be solved), and whether a
    continuum of equilibria was found whose extreme points other shapes list."""

    candidates: list[Candidate] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    continuum: bool = False


@dataclass
class _Setup:
    sigma: dict[str, dict[str, sp.Expr]]
    unknowns: list[sp.Symbol]
    weights: dict[str, dict[str, sp.Expr]]  # unnormalised reach weights, or free beliefs
    free: dict[str, list[sp.Symbol]]  # information set -> its free belief unknowns
    reached: set[str]
    equalities: list[sp.Expr]
    inequalities: list[tuple[sp.Expr, str]]  # (expr, ">=" or ">")


def solve_shape(
    view: TreeView,
    shape: Shape,
    space: ParameterSpace,
    pin: Mapping[sp.Symbol, sp.Expr] | None = None,
    depth: int = 0,
) -> ShapeResult:
    """Every solution of one shape (usually zero or one), with its conditions unreduced.

    sympy solves the indifference equations generically: a solved mixing probability may have
    a denominator that vanishes on a lower-dimensional set of parameters, where the equations
    are singular and may have other solutions.  There the shape is solved again with one
    parameter pinned by that equation (``pin``: ``W = 1``), up to two levels deep; deeper, or
    when no parameter can be isolated, the set is reported as a limit."""
    out = ShapeResult()
    setup = _setup(view, shape)
    if pin:
        setup = _pinned(setup, pin)
    positive = _positive_factors(view, setup)
    for eqs, on_params in _branches(setup.equalities, setup.unknowns, positive):
        solved = _solve(eqs, setup.unknowns)
        if solved is None:
            out.limits.append(
                f"the indifference equations of the support shape {_shape_text(shape)} could not "
                "be solved"
            )
            continue
        for sol in solved:
            for g in _singular(sol, setup.unknowns, space):
                isolated = _isolate(g)
                if isolated is None or depth >= 2:
                    out.limits.append(
                        f"support shape {_shape_text(shape)}: where {g} = 0 its indifference "
                        "equations are singular and the equilibria there are not enumerated "
                        "(solve the game at such a point: game.at(...))"
                    )
                    continue
                deeper = solve_shape(view, shape, space, {**(pin or {}), **isolated}, depth + 1)
                out.candidates.extend(deeper.candidates)
                out.limits.extend(deeper.limits)
                out.continuum |= deeper.continuum
            _candidates(
                view, shape, setup, sol, space, eqs, [*on_params, *_pin_equations(pin)], out
            )
    return out


def _pin_equations(pin: Mapping[sp.Symbol, sp.Expr] | None) -> list[sp.Expr]:
    return [sp.expand(p - v) for p, v in (pin or {}).items()]


def _pinned(setup: _Setup, pin: Mapping[sp.Symbol, sp.Expr]) -> _Setup:
    """The setup on the set where each pinned parameter equals its expression."""

    def sub(e: sp.Expr) -> sp.Expr:
        return sp.expand(e.xreplace(dict(pin)))

    return _Setup(
        setup.sigma,
        setup.unknowns,
        {h: {x: sub(w) for x, w in ws.items()} for h, ws in setup.weights.items()},
        setup.free,
        setup.reached,
        [sub(e) for e in setup.equalities],
        [(sub(e), op) for e, op in setup.inequalities],
    )


def _isolate(g: sp.Expr) -> dict[sp.Symbol, sp.Expr] | None:
    """``g = 0`` solved for a parameter that enters it linearly with a numeric coefficient."""
    for p in sorted(g.free_symbols, key=str):
        poly = sp.Poly(sp.expand(g), p)
        if poly.degree() == 1 and poly.coeff_monomial(p).is_number:
            return {p: sp.expand(-poly.coeff_monomial(1) / poly.coeff_monomial(p))}
    return None


def _singular(
    sol: Mapping[sp.Symbol, sp.Expr], unknowns: Sequence[sp.Symbol], space: ParameterSpace
) -> list[sp.Expr]:
    """The factors of the solved mixing probabilities' denominators, free of unknowns, that
    vanish somewhere in the space: there sympy's generic solution does not hold."""
    out: list[sp.Expr] = []
    for v in sol.values():
        den = fraction_of(v)[1]
        if den.is_number:
            continue
        for f, _ in sp.factor_list(den)[1]:
            if f in out or f.free_symbols & set(unknowns) or sign_of(f, space) not in (None, 0):
                continue
            if reduce([sp.Eq(f, 0)], space).status != "empty":
                out.append(f)
    return out


def _shape_text(shape: Shape) -> str:
    return "{" + ", ".join(f"{h}: {'/'.join(s)}" for h, s in shape.items()) + "}"


def _positive_factors(view: TreeView, setup: _Setup) -> set[sp.Expr]:
    out: set[sp.Expr] = set(setup.unknowns)
    for probs in setup.sigma.values():
        out.update(sp.expand(p) for p in probs.values() if p.free_symbols & set(setup.unknowns))
    out.update(sp.expand(q) for q in view.chance_probabilities)
    return out


def _branches(
    eqs: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol], positive: set[sp.Expr]
) -> list[tuple[list[sp.Expr], list[sp.Expr]]]:
    """The ways the indifference equations that involve mixing probabilities can hold: each
    factored, positive factors dropped; with several factors left, one of them is zero, a case
    each.  A factor free of the mixing probabilities is a relation on the parameters and free
    beliefs (``a = c`` in ``r·(c − a) = 0``), not an equation to solve for them."""
    cases: list[tuple[list[sp.Expr], list[sp.Expr]]] = [([], [])]
    known = set(unknowns)
    for e in eqs:
        if e == 0:
            continue
        if not (e.free_symbols & known):
            cases = [(s, [*p, e]) for s, p in cases]
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


def _setup(view: TreeView, shape: Shape) -> _Setup:
    sigma, unknowns = view.behaviour(shape)
    vals = view.values(sigma)
    reached: set[str] = set()
    weights_all: dict[str, dict[str, sp.Expr]] = {}
    free: dict[str, list[sp.Symbol]] = {}
    equalities: list[sp.Expr] = []
    inequalities: list[tuple[sp.Expr, str]] = []
    for h, info in view.infosets.items():
        weights = {x: view.reach(x, sigma, view.anchors[h]) for x in info.paths}
        if not any(w != 0 for w in weights.values()):
            weights = view.bayes_where_possible(sigma, h) or weights
        if any(w != 0 for w in weights.values()):
            reached.add(h)
        elif len(info.paths) == 1:
            weights = {info.paths[0]: sp.Integer(1)}
        else:
            mus = [sp.Dummy(f"mu[{h}:{k}]") for k in range(len(info.paths) - 1)]
            free[h] = mus
            last = 1 - sp.Add(*mus)
            weights = dict(zip(info.paths, [*mus, last], strict=True))
            inequalities += [(mu, ">=") for mu in mus] + [(last, ">=")]
        weights_all[h] = weights
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
    return _Setup(sigma, unknowns, weights_all, free, reached, equalities, inequalities)


def _solve(
    eqs: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol]
) -> list[dict[sp.Symbol, sp.Expr]] | None:
    """The solutions of the equations for the mixing probabilities they involve (``None``: sympy
    could not solve them)."""
    eqs = [e for e in eqs if e != 0]
    if not eqs:
        return [{}]
    involved = [u for u in unknowns if any(e.has(u) for e in eqs)]
    if not involved:
        return [{}]
    try:
        sols = sp.solve(eqs, involved, dict=True)
    except NotImplementedError:
        return None
    return [s for s in sols if all(not v.has(sp.I) for v in s.values())]


def _candidates(
    view: TreeView,
    shape: Shape,
    setup: _Setup,
    sol: Mapping[sp.Symbol, sp.Expr],
    space: ParameterSpace,
    eqs: Sequence[sp.Expr],
    on_params: Sequence[sp.Expr],
    out: ShapeResult,
) -> None:
    def sub(e: sp.Expr) -> sp.Expr:
        return together(e.xreplace(sol)) if sol else e

    conds: list[tuple[sp.Expr, str]] = [(sp.expand(f), "==") for f in on_params]
    for e in eqs:
        r = fraction_of(sub(e))[0]
        if sp.expand(r) != 0:
            conds.append((sp.expand(r), "=="))
    conds += [(sub(e), op) for e, op in setup.inequalities]
    mixing = [u for u in setup.unknowns if u not in sol]
    pieces, limit = split_free(conds, mixing, setup.free, space)
    if limit is not None:
        out.limits.append(f"support shape {_shape_text(shape)}: {limit}")
        return
    seen: set[object] = set()
    for piece in pieces:
        key = (tuple(piece.atoms), tuple(piece.pin.items()), piece.listed)
        if key in seen or FALSE in piece.atoms:
            continue
        seen.add(key)
        if not piece.listed:  # only says that a continuum exists: no candidate to build
            if not out.continuum and reduce(piece.atoms, space).status != "empty":
                out.continuum = True
            continue
        if reduce(piece.atoms, space, effort=0).status == "empty":
            continue
        out.candidates.append(_candidate(view, shape, setup, sub, piece))


def _candidate(
    view: TreeView, shape: Shape, setup: _Setup, sub: Substitution, piece: Piece
) -> Candidate:
    def sub2(e: sp.Expr) -> sp.Expr:
        v = sub(e)
        return v.xreplace(piece.pin) if piece.pin else v

    sigma = {
        h: {a: factored(sub2(p)) for a, p in probs.items()} for h, probs in setup.sigma.items()
    }
    values = view.values(sigma)["root"]
    outcomes: dict[str, sp.Expr] = {}
    for path in view.outcome_paths:
        label = view.outcome_label(path)
        outcomes[label] = outcomes.get(label, sp.Integer(0)) + view.reach(path, sigma)
    beliefs, sets = _beliefs(view, setup, sub2, piece)
    return Candidate(
        shape,
        sigma,
        beliefs,
        sets,
        tuple(values),
        outcomes,
        tuple(piece.atoms),
        piece.continuum,
        piece.listed,
    )


def _beliefs(
    view: TreeView, setup: _Setup, sub: Substitution, piece: Piece
) -> tuple[dict[str, dict[str, sp.Basic]], dict[str, BeliefSet]]:
    out: dict[str, dict[str, sp.Basic]] = {}
    sets: dict[str, BeliefSet] = {}
    for h, weights in setup.weights.items():
        if len(weights) < 2:
            continue
        keys = view.belief_keys(h)
        if h in setup.reached:
            ws = {x: sub(w) for x, w in weights.items()}
            total = sp.Add(*ws.values())
            out[h] = {keys[x]: factored(together(w / total)) for x, w in ws.items()}
            continue
        bs = piece.belief_sets.get(h)
        nodes = tuple(keys[x] for x in weights)
        named = BeliefSet.simplex(h, nodes)
        if bs is not None:
            rename = dict(zip(bs.symbols, named.symbols, strict=True))
            named = named.with_relations([r.xreplace(rename) for r in bs.relations])
        bs = named
        sets[h] = bs
        if h in piece.intervals:
            lo, hi = piece.intervals[h]
            x1, x2 = nodes
            if sp.expand(lo - hi) == 0:  # pinned by an indifference: a number, not a range
                out[h] = {x1: factored(lo), x2: factored(1 - lo)}
            else:
                out[h] = {x1: sp.Interval(lo, hi), x2: sp.Interval(1 - hi, 1 - lo)}
        elif not bs.parameters:
            out[h] = {n: bs.interval(n) for n in nodes}
        else:
            out[h] = dict(zip(nodes, bs.symbols, strict=True))
    return out, sets

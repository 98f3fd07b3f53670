"""A player's best response to the others' automata: a finite discounted MDP, solved exactly.

Against the others' automata, player ``i`` faces a Markov decision process whose states are the
others' joint states (their automata read only the action profile, never ``i``'s state).  For a
fixed point of the parameter space an optimal stationary deterministic policy exists (Blackwell
1962), and a policy ``π`` is optimal at *every* state iff no one-shot deviation improves it
anywhere (the Bellman optimality conditions; Puterman 1994, Thm 6.2.2):
``V^π(o) ≥ (1 − δ) r(o, b) + δ Σ P(o' | o, b) V^π(o')`` for every state ``o`` and action ``b``.

So instead of enumerating every deterministic policy (exponential in the others' states), the
Nash check needs only a *covering* set of policies: one that contains, at every point of the
space, a policy optimal there.  Then ``V_i(start) ≥ max_π V^π(start)`` over all policies iff it
holds over the covering set, so the conjunction of the covering set's atoms is exactly the
Nash condition.  :func:`covering` builds such a set and proves that it covers:

- at a rational witness point of the space, exact policy iteration in ``Fraction`` finds a
  policy optimal there (Howard 1960; Puterman 1994, §6.4);
- that policy's Bellman inequalities are solved symbolically; where one of them can fail, the
  failure region (a conjunction of strict atoms) is handed to
  :func:`gametheory.conditions.reduce`: proved empty, it is closed; with an exact witness, policy
  iteration there finds the next candidate, and the region is split again by its failures.

Every region is closed by a proof of emptiness, so the candidates cover the space; a region
whose emptiness cannot be decided returns ``None`` (the caller then enumerates every policy).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from .._budget import Budget
from ..conditions import Atom, atom, reduce
from ..conditions._context import context_for
from ..conditions._farkas_cover import farkas_empty
from ..conditions._lp_witness import lp_witness
from ..conditions._parametric import decide_parametric
from ..params import ParameterSpace
from . import _chain

__all__ = ["MAX_CANDIDATES", "MAX_REGIONS", "MDP", "Candidate", "covering", "player_mdp"]

MAX_CANDIDATES = 64  # policies proposed before the caller falls back to enumerating them all
MAX_REGIONS = 48  # failure regions decided before the caller falls back likewise

Others = tuple[str, ...]
Policy = tuple[str, ...]  # one action per MDP state, in ``MDP.states`` order


@dataclass(frozen=True)
class MDP:
    """Player ``player``'s decision problem against the others' automata.

    ``states`` are the others' joint states reachable from the start (under any of the
    player's actions and the others' own lotteries), the start first.  In state ``k`` after
    action ``b``, ``weights[(k, b)]`` gives the probability of each action profile (by its index
    in ``profiles``; the others' mixture, with ``b`` as the player's part) and
    ``move[(k, b)]`` the lottery over next states.  ``payoffs[a]`` is the player's stage payoff
    of profile ``a``: values are linear in them (:mod:`._chain`).
    """

    player: int
    states: tuple[Others, ...]
    actions: tuple[str, ...]
    payoffs: tuple[sp.Expr, ...]
    weights: Mapping[tuple[int, str], Mapping[int, sp.Expr]]
    move: Mapping[tuple[int, str], Mapping[int, sp.Expr]]
    delta: sp.Expr


def others(chain: _chain.Chain, s: int, i: int) -> Others:
    joint = chain.states[s]
    return joint[:i] + joint[i + 1 :]


def player_mdp(chain: _chain.Chain, i: int) -> MDP:
    """The MDP of player ``i`` on the others' joint states it can reach from the start."""
    rep: dict[Others, int] = {}
    for s in range(len(chain.states)):
        rep.setdefault(others(chain, s, i), s)
    actions = tuple(chain.game.stage.actions[chain.game.players[i]])
    start = others(chain, 0, i)
    index: dict[Others, int] = {start: 0}
    order = [start]
    weights: dict[tuple[int, str], dict[int, sp.Expr]] = {}
    move: dict[tuple[int, str], dict[int, sp.Expr]] = {}
    k = 0
    while k < len(order):
        s = rep[order[k]]
        for b in actions:
            w: dict[int, sp.Expr] = {}
            nxt: dict[int, sp.Expr] = {}
            for a, profile in enumerate(chain.profiles):
                if profile[i] != b:
                    continue
                q = chain.prob_others(s, profile, i)
                if q == 0:
                    continue
                w[a] = q
                for t, p in chain.moves[(s, profile)].items():
                    o = others(chain, t, i)
                    if o not in index:
                        index[o] = len(order)
                        order.append(o)
                    j = index[o]
                    nxt[j] = nxt.get(j, sp.Integer(0)) + q * p
            weights[(k, b)] = w
            move[(k, b)] = {j: p for j, p in nxt.items() if p != 0}
        k += 1
    payoffs = _chain.payoffs_of(chain, i)
    return MDP(i, tuple(order), actions, payoffs, weights, move, chain.game.discount)


# -- exact values: linear forms in the payoffs, coefficients in QQ(δ, ...) -------------------


def _reward(mdp: MDP, k: int, b: str, f: _chain.Field) -> list[Any]:
    form = [f.k.zero] * len(mdp.payoffs)
    for a, q in mdp.weights[(k, b)].items():
        form[a] = f(q)
    return form


def values(mdp: MDP, policy: Policy, f: _chain.Field) -> list[list[Any]]:
    """``V^π`` at every state as a linear form in the payoffs: one exact solve of
    ``(I − δ P_π) V = (1 − δ) r_π`` in the coefficient field ``f`` (by geometric sums when
    ``π`` moves deterministically, see :func:`_lasso_values`)."""
    k_ = f.k
    delta = f(mdp.delta)
    n = len(mdp.states)
    rewards = [[(k_.one - delta) * x for x in _reward(mdp, r, policy[r], f)] for r in range(n)]
    nxt = [_sure_successor(mdp.move[(r, policy[r])]) for r in range(n)]
    if all(t is not None for t in nxt):
        return _lasso_values(rewards, [t for t in nxt if t is not None], delta, f)
    rows = [[k_.one if r == c else k_.zero for c in range(n)] for r in range(n)]
    for r in range(n):
        for c, p in mdp.move[(r, policy[r])].items():
            rows[r][c] -= delta * f(p)
    return _chain.solve(f, rows, rewards)


def start_value(mdp: MDP, policy: Policy, f: _chain.Field) -> list[Any]:
    """``V^π`` at the start (state 0) only: :func:`values` restricted to the states ``π``
    reaches from the start, the only ones its value there depends on."""
    seen = {0}
    todo = [0]
    while todo:
        r = todo.pop()
        for t in mdp.move[(r, policy[r])]:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    if len(seen) == len(mdp.states):
        return values(mdp, policy, f)[0]
    keep = sorted(seen)  # the start stays first
    pos = {r: k for k, r in enumerate(keep)}
    sub = MDP(
        mdp.player,
        tuple(mdp.states[r] for r in keep),
        mdp.actions,
        mdp.payoffs,
        {(pos[r], policy[r]): mdp.weights[(r, policy[r])] for r in keep},
        {
            (pos[r], policy[r]): {pos[t]: p for t, p in mdp.move[(r, policy[r])].items()}
            for r in keep
        },
        mdp.delta,
    )
    return values(sub, tuple(policy[r] for r in keep), f)[0]


def _sure_successor(lot: Mapping[int, sp.Expr]) -> int | None:
    """The next state when it is certain (one entry, probability 1), else ``None``."""
    if len(lot) == 1:
        ((t, p),) = lot.items()
        if p == 1:
            return t
    return None


def _lasso_values(
    rewards: list[list[Any]], nxt: list[int], delta: Any, f: _chain.Field
) -> list[list[Any]]:
    """``V(s) = w(s) + δ V(next(s))`` (``w`` the weighted stage rewards) when every state has
    one sure successor: from any state the path runs into a cycle ``c_0 … c_{L−1}``, where
    ``V(c_0) = Σ_j δʲ w(c_j) / (1 − δᴸ)``; the other values follow backwards."""
    n = len(nxt)
    vals: dict[int, list[Any]] = {}

    def back(c: int) -> None:  # V(c) from V(next(c))
        vals[c] = [x + delta * y for x, y in zip(rewards[c], vals[nxt[c]], strict=True)]

    for s in range(n):
        path: list[int] = []
        pos: dict[int, int] = {}
        t = s
        while t not in vals and t not in pos:
            pos[t] = len(path)
            path.append(t)
            t = nxt[t]
        tail = path
        if t not in vals:  # the path closed a new cycle: path[pos[t]:]
            cycle, tail = path[pos[t] :], path[: pos[t]]
            total = [f.k.zero] * len(rewards[0])
            power = f.k.one
            for c in cycle:
                total = [x + power * y for x, y in zip(total, rewards[c], strict=True)]
                power *= delta
            scale = f.k.one / (f.k.one - power)
            vals[cycle[0]] = [x * scale for x in total]
            for c in reversed(cycle[1:]):
                back(c)
        for c in reversed(tail):
            back(c)
    return [vals[s] for s in range(n)]


def q_value(mdp: MDP, k: int, b: str, vals: Sequence[Sequence[Any]], f: _chain.Field) -> list[Any]:
    """``(1 − δ) r(k, b) + δ Σ P(k' | k, b) V(k')`` as a linear form."""
    delta = f(mdp.delta)
    out = [(f.k.one - delta) * x for x in _reward(mdp, k, b, f)]
    for c, p in mdp.move[(k, b)].items():
        w = delta * f(p)
        out = [x + w * y for x, y in zip(out, vals[c], strict=True)]
    return out


# -- exact values at a rational point ------------------------------------------------------


class NotRational(Exception):
    """A reward or probability is not a rational number at the witness point."""


def _at(e: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> Fraction:
    v = sp.sympify(e).xreplace(point)
    if not isinstance(v, sp.Rational):
        v = sp.nsimplify(v) if v.is_number else v
        if not isinstance(v, sp.Rational):
            raise NotRational(str(e))
    return Fraction(int(v.p), int(v.q))


class _Numeric:
    """The MDP's data at one rational point, as ``Fraction``."""

    def __init__(self, mdp: MDP, point: Mapping[sp.Symbol, sp.Expr]) -> None:
        self.mdp = mdp
        self.delta = _at(mdp.delta, point)
        pay = [_at(u, point) for u in mdp.payoffs]
        self.reward = {
            key: sum((_at(q, point) * pay[a] for a, q in w.items()), Fraction(0))
            for key, w in mdp.weights.items()
        }
        self.move = {
            key: {c: _at(p, point) for c, p in lot.items()} for key, lot in mdp.move.items()
        }

    def values(self, policy: Policy) -> list[Fraction]:
        n, d = len(policy), self.delta
        a = [[Fraction(int(r == c)) for c in range(n)] for r in range(n)]
        rhs = [(1 - d) * self.reward[(r, policy[r])] for r in range(n)]
        for r in range(n):
            for c, p in self.move[(r, policy[r])].items():
                a[r][c] -= d * p
        return _gauss(a, rhs)

    def q(self, k: int, b: str, vals: Sequence[Fraction]) -> Fraction:
        future = sum((p * vals[c] for c, p in self.move[(k, b)].items()), Fraction(0))
        return (1 - self.delta) * self.reward[(k, b)] + self.delta * future

    def optimal(self) -> Policy:
        """An optimal policy, by policy iteration (strict improvements only, so it stops)."""
        acts = self.mdp.actions
        n = len(self.mdp.states)
        policy = tuple(max(acts, key=lambda b, k=k: self.reward[(k, b)]) for k in range(n))  # type: ignore[misc]
        while True:
            vals = self.values(policy)
            better = list(policy)
            for k in range(n):
                best = self.q(k, policy[k], vals)
                for b in acts:
                    qb = self.q(k, b, vals)
                    if qb > best:
                        best, better[k] = qb, b
            if tuple(better) == policy:
                return policy
            policy = tuple(better)


def _gauss(a: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """``x`` with ``a x = rhs`` (``a`` nonsingular: ``I − δP`` with ``δ < 1``)."""
    n = len(rhs)
    m = [[*row, r] for row, r in zip(a, rhs, strict=True)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                factor = m[r][c] / piv
                m[r] = [x - factor * y for x, y in zip(m[r], m[c], strict=True)]
    return [m[r][n] / m[r][r] for r in range(n)]


# -- covering set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A policy, its exact values, and where it fails to be optimal: each entry of
    ``failures`` is a conjunction of atoms (one strict one-shot improvement) that is not
    proved empty on the space."""

    policy: Policy
    values: tuple[tuple[Any, ...], ...]  # a linear form in the payoffs per state
    failures: tuple[tuple[Atom, ...], ...]


def _candidate(
    mdp: MDP, point: Mapping[sp.Symbol, sp.Expr], f: _chain.Field, space: ParameterSpace
) -> Candidate:
    policy = _Numeric(mdp, point).optimal()
    vals = values(mdp, policy, f)
    failures = []
    for k in range(len(mdp.states)):
        for b in mdp.actions:
            if b == policy[k]:
                continue
            gain = [x - y for x, y in zip(q_value(mdp, k, b, vals, f), vals[k], strict=True)]
            if not any(gain):
                continue
            strict = atom(_chain.form_expr(f, gain, mdp.payoffs), ">", space=space)
            if strict and _decide(strict, space, mdp.delta)[0] != "empty":
                failures.append(strict)
    return Candidate(policy, tuple(map(tuple, vals)), tuple(dict.fromkeys(failures)))


def covering(
    mdp: MDP, f: _chain.Field, space: ParameterSpace, budget: Budget, who: str
) -> list[Candidate] | None:
    """Policies that contain an optimal one at every point of ``space``, with a proof (every
    region where all of them fail is proved empty); ``None`` when a region cannot be decided,
    a value is not rational at a witness, or more than :data:`MAX_CANDIDATES` policies or
    :data:`MAX_REGIONS` failure regions are needed."""
    root = reduce([], space)
    if root.status == "empty":
        return []
    if root.witness is None:
        return None
    found: list[Candidate] = []
    # a region: the atoms of one failure of each of found[:depth], and an exact point in it
    stack: list[tuple[tuple[Atom, ...], dict[sp.Symbol, sp.Rational], int]] = [
        ((), root.witness, 0)
    ]
    regions = 0
    while stack:
        budget.check(f"best-response policies of {who} proposed", len(found))
        atoms, point, depth = stack.pop()
        if depth == len(found):
            if len(found) >= MAX_CANDIDATES:
                return None
            try:
                found.append(_candidate(mdp, point, f, space))
            except NotRational:
                return None
        for failure in found[depth].failures:
            regions += 1
            if regions > MAX_REGIONS:
                return None
            status, witness = _decide([*atoms, *failure], space, mdp.delta)
            if status == "empty":
                continue
            if witness is None:
                return None
            stack.append(((*atoms, *failure), witness, depth + 1))
    return found


def _decide(
    atoms: Sequence[Atom], space: ParameterSpace, delta: sp.Expr
) -> tuple[str, dict[sp.Symbol, sp.Rational] | None]:
    """Whether a failure region is empty, or an exact point in it: :func:`reduce`, and where
    that cannot decide (failure regions that touch where two policies tie), the parametric
    Fourier–Motzkin certificate in ``δ`` (the atoms are linear in the stage payoffs, with
    coefficients polynomial in ``δ``: :mod:`gametheory.conditions._parametric`).  Before
    those, the cheap steps linear at fixed ``δ``: a sweep of Farkas certificates, then an
    exact witness by LPs (:mod:`gametheory.conditions._lp_witness`)."""
    ctx = context_for(space, [a.expr for a in atoms])
    if farkas_empty(atoms, ctx) is not None:
        return "empty", None
    point = lp_witness(atoms, ctx)
    if point is not None:
        return "nonempty", {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    region = reduce(atoms, space)
    if region.status == "empty" or region.witness is not None:
        return region.status, region.witness
    if isinstance(delta, sp.Symbol):
        verdict = decide_parametric(atoms, space, delta)
        if verdict is not None:
            return verdict
    return "unknown", None

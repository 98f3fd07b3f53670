"""The SPE certificate for trees with continuous decisions: deviations on grids, in floats.

A tree with continuous decisions is a template: below a :class:`~gametheory.ContinuousDecision`
choosing ``x`` every node stands for a continuum of nodes, one per value of ``x``.  A node below
``x`` observes it (its strategy may be an expression of ``x``, e.g. a follower's reply or a
``Piecewise`` cutoff rule) unless it carries an explicit ``infoset`` label: then the label spans
the continuum and the mover does not see ``x`` (simultaneous choices, DESIGN §3b).

The check walks the template in *contexts* (values of the earlier continuous variables):

* at a continuous decision, its mover's value at the profile's choice is compared with its value
  at every point of a fine grid of the interval and at the cut points of every condition below
  (``Piecewise`` conditions, ``Min``/``Max``/``Abs`` arguments, with the later movers' replies
  substituted), each with its ±ε neighbours;
* at a discrete decision, every action played with positive probability must be worth as much
  as the best (one-shot deviation);
* below a continuous decision, later decisions are checked at the profile's choice and at a
  coarse grid of other choices plus the cut points (off the path: a follower's reply at a grid
  of leader choices); a node that does not observe the variable is checked only where it takes
  the profile's value (the belief of a mover who does not see it).

Below a :class:`~gametheory.ContinuousChance` the same walk runs with the type as one more
variable: values where the type is not yet known are integrals over it, and the informed
players' rules are walked type by type (:mod:`._spe_types_check`).  A player who sees the type
observes the play before its move, whatever its information-set label.

Finite information sets with several nodes inside such a tree are reported as
``"cannot check ..."``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..games.extensive import ExtensiveGame, infoset_label
from ..games.outcome_labels import outcome_label
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    node_paths,
)
from ._pbe_walk import Value, child, inside
from ._spe_claims import compare_claims
from ._spe_cuts import Cuts, Env, conditions, cut_polynomials, roots_in
from ._spe_grid_view import Dev
from ._spe_types_check import TypeSupport, condense
from ._spe_types_exact import exact_root

__all__ = ["GridCheck"]


class _Unevaluable(Exception):
    """An expression that does not evaluate to a real number in a context."""


class GridCheck:
    """One check of one profile of a tree with continuous decisions (see the module docstring)."""

    def __init__(
        self,
        tree: ExtensiveGame,
        strategies: Mapping[str, Mapping[str, sp.Expr]],
        tol: float,
        grid: int,
        contexts: int,
    ) -> None:
        self.tree = tree
        self.players = tree.players
        self.nodes: dict[str, Node] = dict(node_paths(tree.root))
        self.strategies = strategies
        self.tol, self.grid, self.contexts = tol, grid, contexts
        self.found: list[str] = []
        self.label: dict[str, str] = {}
        self.above: dict[str, tuple[sp.Symbol, ...]] = {}
        self.observes: dict[str, bool] = {}
        self._fns: dict[tuple[sp.Expr, tuple[sp.Symbol, ...]], Callable[..., Any]] = {}
        self._cuts: dict[str, Cuts] = {}
        self.types = TypeSupport(self) if tree.has_types else None
        self._scan(tree.root, "root", ())

    # -- structure and the profile's form ------------------------------------------------
    def _scan(self, node: Node, path: str, above: tuple[sp.Symbol, ...]) -> None:
        self.above[path] = above
        if isinstance(node, Decision | ContinuousDecision):
            self.label[path] = infoset_label(node, path)
            # a label spans the continuum of the earlier choices (the mover does not see them),
            # except for a player who sees a type drawn above: a type's rule answers the play
            informed = self.types is not None and self.types.informed(path)
            self.observes[path] = node.infoset is None or not above or informed
        if isinstance(node, Decision):
            for a, c in node.actions.items():
                self._scan(c, child(path, a), above)
        elif isinstance(node, Chance):
            for b, (_, c) in node.branches.items():
                self._scan(c, child(path, b), above)
        elif isinstance(node, ContinuousDecision):
            self._scan(node.then, child(path, str(node.variable)), (*above, node.variable))
        elif isinstance(node, ContinuousChance):
            self._scan(node.then, child(path, str(node.variable)), above)

    def _validate(self) -> None:
        if self.types is not None:
            self.found.extend(self.types.problems)
        for h in self.strategies:
            if h not in self.tree.infosets:
                self.found.append(f"the game has no information set {h!r}")
        for h, info in self.tree.infosets.items():
            if len(info.paths) > 1:
                self.found.append(
                    f"cannot check information set {h!r}: it has several nodes "
                    f"({', '.join(info.paths)}) in a tree with continuous decisions"
                )
                continue
            path = info.paths[0]
            raw = self.strategies.get(h)
            if raw is None:
                self.found.append(f"the profile gives no strategy at information set {h!r}")
                continue
            extra = [a for a in raw if a not in info.actions]
            missing = [a for a in info.actions if a not in raw] if info.continuous else []
            if extra or missing:
                self.found.append(
                    f"the strategy at {h!r} names {(extra or missing)[0]!r}; its "
                    f"{'variable is' if info.continuous else 'actions are'} "
                    f"{', '.join(info.actions)}"
                )
                continue
            seen = set(self.above[path]) if self.observes[path] else set()
            if self.types is not None:
                seen |= self.types.seen(path)
            for a, v in raw.items():
                free = sp.sympify(v).free_symbols - seen
                if free:
                    what = ", ".join(sorted(map(str, free)))
                    self.found.append(
                        f"the strategy at {h!r} ({a}: {v}) depends on {what}, which "
                        f"{info.player} does not observe there (or which has no value: pass at=...)"
                    )

    # -- evaluation ------------------------------------------------------------------------
    def num(self, expr: sp.Expr, env: Env) -> float:
        """A real number: ``expr`` at the context (floats; cached compiled functions)."""
        expr = sp.sympify(expr)
        syms = tuple(sorted(expr.free_symbols, key=str))
        key = (expr, syms)
        fn = self._fns.get(key)
        if fn is None:
            fn = self._fns[key] = sp.lambdify(syms, expr, modules="math")
        try:
            out = fn(*(env[s] for s in syms))
            value = float(out)
        except (KeyError, TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
            raise _Unevaluable(f"{expr} at {_context(env) or 'the point'}: {exc}") from exc
        if not math.isfinite(value):
            raise _Unevaluable(f"{expr} is {value} at {_context(env) or 'the point'}")
        return value

    def mix(self, path: str, env: Env) -> dict[str, float]:
        raw = self.strategies[self.label[path]]
        node = self.nodes[path]
        assert isinstance(node, Decision)
        return {a: self.num(raw.get(a, sp.Integer(0)), env) for a in node.actions}

    def choice(self, path: str, env: Env) -> float:
        node = self.nodes[path]
        assert isinstance(node, ContinuousDecision)
        return self.num(self.strategies[self.label[path]][str(node.variable)], env)

    def value(
        self, path: str, env: Env, dev: Dev = None
    ) -> tuple[tuple[float, ...], dict[str, float]]:
        """Expected payoffs and outcome distribution of the subtree at ``path`` in context
        ``env``, with the node at ``dev[0]`` playing ``dev[1]`` instead of the profile."""
        if self.types is not None and self.types.integrates(path, env):
            return self.types.expected(path, env, dev)
        node = self.nodes[path]
        if isinstance(node, Outcome):
            pay = tuple(self.num(node.payoffs[p], env) for p in self.players)
            return pay, {outcome_label(node, path): 1.0}
        if isinstance(node, ContinuousChance):
            return self.value(child(path, str(node.variable)), env, dev)
        if isinstance(node, ContinuousDecision):
            x = dev[1] if dev is not None and dev[0] == path else self.choice(path, env)
            return self.value(child(path, str(node.variable)), {**env, node.variable: x}, dev)
        if isinstance(node, Decision):
            probs = dev[1] if dev is not None and dev[0] == path else self.mix(path, env)
            edges = [(child(path, a), probs[a]) for a in node.actions]
        else:
            assert isinstance(node, Chance)
            edges = [(child(path, b), self.num(p, env)) for b, (p, _) in node.branches.items()]
        pay_acc = [0.0] * len(self.players)
        lottery: dict[str, float] = {}
        for kid, q in edges:
            if q == 0:
                continue
            pay, lot = self.value(kid, env, dev)
            pay_acc = [x + q * y for x, y in zip(pay_acc, pay, strict=True)]
            for lab, w in lot.items():
                lottery[lab] = lottery.get(lab, 0.0) + q * w
        return tuple(pay_acc), lottery

    # -- the checks ------------------------------------------------------------------------
    def run(
        self, payoffs: Mapping[str, sp.Expr] | None, outcomes: Mapping[str, sp.Expr] | None
    ) -> list[str]:
        self._validate()
        if self.found:
            return self.found
        try:
            pay, lottery = self.value("root", {})
            scale = max([1.0, *map(abs, pay)])
            actual: dict[str, Value] = dict(zip(self.players, pay, strict=True))
            eps: tuple[Value, Value] = (self.tol * scale, self.tol)
            exact = exact_root(self) if self.types is not None else None
            if exact is not None:  # the integrals over the types, exactly
                actual, lottery, rational = exact  # type: ignore[assignment]
                eps = (Fraction(0), Fraction(0)) if rational else eps
            compare_claims(self.found, "payoff", payoffs, actual, eps[0])
            compare_claims(self.found, "outcome probability", outcomes, lottery, eps[1])
            self._walk("root", {}, True)
        except _Unevaluable as exc:
            self.found.append(f"cannot check: an expression does not evaluate: {exc}")
        return self.found

    def _walk(self, path: str, env: Env, onpath: bool) -> None:
        node = self.nodes[path]
        if isinstance(node, Outcome):
            return
        if self.types is not None and self.types.integrates(path, env):
            theta = self.types.support(path, env)[0]
            before = len(self.found)
            for t in self.types.points(path, env):  # the rules below, type by type
                self._walk(path, {**env, theta: t}, onpath)
            self.found[before:] = condense(self.found[before:])
            return
        if isinstance(node, ContinuousChance):
            self._walk(child(path, str(node.variable)), env, onpath)
            return
        local = path in self.observes and (self.observes[path] or onpath)
        if isinstance(node, Chance):
            for b in node.branches:
                self._walk(child(path, b), env, onpath)
        elif isinstance(node, Decision):
            if local:
                self._one_shot(path, node, env)
            for a in node.actions:
                self._walk(child(path, a), env, onpath)
        elif isinstance(node, ContinuousDecision):
            star = self.choice(path, env)
            if local:
                self._deviations(path, node, env, star)
            below = child(path, str(node.variable))
            if not any(inside(p, below) and p in self.label for p in self.nodes):
                return
            lo, hi = (self.num(e, env) for e in node.interval)
            points = {star, *np.linspace(lo, hi, self.contexts + 1).tolist()}
            points |= set(self._cut_points(path, node, env, lo, hi))
            for x in sorted(points):
                self._walk(below, {**env, node.variable: x}, onpath and x == star)

    def _one_shot(self, path: str, node: Decision, env: Env) -> None:
        probs = self.mix(path, env)
        where = f"at node {path}{_given(env)}{self.types.over(path) if self.types else ''}"
        total = sum(probs.values())
        if any(v < -self.tol for v in probs.values()) or abs(total - 1) > self.tol:
            self.found.append(f"{where}, {node.player}'s strategy {probs} is not a distribution")
            return
        k = self.players.index(node.player)
        q = {a: self.value(child(path, a), env)[0][k] for a in node.actions}
        top = max(node.actions, key=lambda a: q[a])
        eps = self.tol * max([1.0, *map(abs, q.values())])
        for a, prob in probs.items():
            if prob > self.tol and q[top] - q[a] > eps:
                self.found.append(
                    f"{where}, {node.player} plays {a!r} (probability {prob:.6g}), worth "
                    f"{q[a]:.9g}, but {top!r} is worth {q[top]:.9g} (gap {q[top] - q[a]:.3g})"
                )

    def _deviations(self, path: str, node: ContinuousDecision, env: Env, star: float) -> None:
        lo, hi = (self.num(e, env) for e in node.interval)
        where = f"at node {path}{_given(env)}{self.types.over(path) if self.types else ''}"
        var = node.variable
        span = max(hi - lo, 1.0)
        if star < lo - self.tol * span or star > hi + self.tol * span:
            self.found.append(
                f"{where}, {node.player} chooses {var} = {star:.9g}, outside [{lo:.9g}, {hi:.9g}]"
            )
            return
        k = self.players.index(node.player)
        below = child(path, str(var))
        own = self.value(below, {**env, var: star})[0][k]
        candidates = {*np.linspace(lo, hi, self.grid + 1).tolist()}
        candidates |= set(self._cut_points(path, node, env, lo, hi))
        best, arg = own, star
        for x in sorted(candidates):
            v = self.value(below, {**env, var: x}, (path, x))[0][k]
            if v > best:
                best, arg = v, x
        if best - own > self.tol * max(1.0, abs(own), abs(best)):
            self.found.append(
                f"{where}, {node.player} chooses {var} = {star:.9g}, worth {own:.9g}, but "
                f"{var} = {arg:.9g} is worth {best:.9g} (gap {best - own:.3g})"
            )

    # -- cut points ------------------------------------------------------------------------
    def _cut_points(
        self, path: str, node: ContinuousDecision, env: Env, lo: float, hi: float
    ) -> list[float]:
        """The roots in ``[lo, hi]`` of every condition below, with their ±ε neighbours."""
        if path not in self._cuts:
            self._cuts[path] = _cut_functions(self, path, node)
        return roots_in(self._cuts[path], env, lo, hi)


def _cut_functions(check: GridCheck, path: str, node: ContinuousDecision) -> Cuts:
    """For each condition below ``path``: the coefficients (compiled, in the earlier variables)
    of the polynomial in the node's variable whose roots are the condition's cut points."""
    var = node.variable
    exprs: list[sp.Expr] = []
    sub: dict[sp.Symbol, sp.Expr] = {}
    for p, n in check.nodes.items():
        if not inside(p, child(path, str(var))):
            continue
        if isinstance(n, Outcome):
            exprs.extend(n.payoffs.values())
        elif isinstance(n, Chance):
            exprs.extend(q for q, _ in n.branches.values())
        elif isinstance(n, Decision | ContinuousDecision):
            exprs.extend(check.strategies.get(check.label[p], {}).values())
            if isinstance(n, ContinuousDecision):
                exprs.extend(n.interval)
                reply = check.strategies.get(check.label[p], {}).get(str(n.variable))
                if reply is not None:
                    sub[n.variable] = sp.sympify(reply)
    for _ in range(len(sub)):  # compose the later replies into functions of earlier choices
        sub = {s: e.xreplace(sub) for s, e in sub.items()}
    found = conditions([sp.sympify(e).xreplace(sub) for e in exprs], var)
    return cut_polynomials(check.types.at_support_ends(found) if check.types else found, var)


def _context(env: Env) -> str:
    return ", ".join(f"{s} = {v:.9g}" for s, v in env.items())


def _given(env: Env) -> str:
    return f" (given {_context(env)})" if env else ""

"""An independent certificate for perfect Bayesian equilibria of finite game trees.

It calls no solver: it walks the tree at a numeric point, exactly in rationals (floats only where
the game or the assessment has them), and checks an assessment (behaviour strategies and beliefs)
against the definition of Gibbons (1992, §4.1, Requirements 1–4):

1. beliefs are probability distributions on each information set's nodes;
2. Bayes' rule: at every information set reached with positive probability, the belief in a
   node is its reach probability over the set's; by default this holds in every subgame (Bayes'
   rule "where possible" off the path, so a PBE is subgame perfect), with ``weak=True`` only on
   the path of play from the root (weak PBE, Mas-Colell, Whinston & Green 1995, Def. 9.C.3);
3. sequential rationality at every information set, on and off the path: every action the
   mover plays with positive probability maximises its expected continuation payoff given its
   beliefs and everyone's strategies below, and its whole continuation strategy is optimal
   (which matters only when it moves again below).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy as sp

from .._numbers import user_expr
from ..errors import InvalidProfileError, NotAnEquilibriumError
from ..games.extensive import require_perfect_recall
from ..games.paths import ROOT
from ..games.tree import Outcome
from ._pbe_walk import (
    Value,
    Walk,
    best_continuation,
    child,
    depth,
    extensive_at,
    inside,
    node_keys,
    subgame_roots,
    value_of,
)

__all__ = ["assert_pbe", "pbe_violations"]


def pbe_violations(
    game: object,
    strategies: object,
    beliefs: Mapping[str, Mapping[str, object]] | None = None,
    at: Mapping[Any, object] | None = None,
    *,
    tol: float = 0,
    weak: bool = False,
) -> list[str]:
    """Every way an assessment fails to be a perfect Bayesian equilibrium (empty if it is one).

    Parameters
    ----------
    game
        A finite :class:`~gametheory.ExtensiveGame`, or anything with ``to_extensive()`` (a
        :class:`~gametheory.SignalingGame`).
    strategies
        ``{information set: {action: probability}}`` at every information set (omitted actions
        have probability 0), or an equilibrium whose ``strategies`` (and ``beliefs``) are so.
        An equilibrium's free beliefs off the path (a belief set, or a ``sympy.Interval`` per
        node) are checked at one member of the set: the centroid of its vertices (the midpoint
        of an interval).
    beliefs
        ``{information set: {node: probability}}``.  A node is named by its path, the actions
        from the root joined by ``"/"`` (``"strong/beer"``), or, when the root is a chance node
        and the set's nodes differ only in its first branch (a signalling game's receiver), by
        that branch, the sender's type (``"strong"``).  Omitted nodes have belief 0; singleton
        information sets may be omitted (belief 1 in their node).
    at
        A parameter point (by name or symbol; numbers made exact) for symbolic games and
        assessments; names the game does not use are ignored.
    tol
        Allowed error for floats: probabilities within ``tol``, payoff gaps within ``tol`` times
        the largest absolute payoff (at least 1).  With exact numbers use 0 (the default).
    weak
        Check Bayes' rule only on the path of play (weak PBE) instead of in every subgame.

    Returns
    -------
    list[str]
        One message per failure, naming the information set, the node or action, and the gap.

    Raises
    ------
    InvalidProfileError
        An information set, action or node the game does not have; a missing strategy; missing
        beliefs at an information set with several nodes.
    GameError
        Parameters left without a value (pass ``at``).
    UnsupportedGameError
        A tree with a continuous decision; :class:`~gametheory.ImperfectRecallError` for a tree
        without perfect recall.
    """
    return _Check(game, strategies, beliefs, at, tol, weak).run()


def assert_pbe(
    game: object,
    strategies: object,
    beliefs: Mapping[str, Mapping[str, object]] | None = None,
    at: Mapping[Any, object] | None = None,
    tol: float = 0,
    *,
    weak: bool = False,
) -> None:
    """Raise :class:`~gametheory.NotAnEquilibriumError` unless the assessment is a PBE.

    The arguments are those of :func:`pbe_violations`; the error lists every violation.
    """
    found = pbe_violations(game, strategies, beliefs, at, tol=tol, weak=weak)
    if found:
        raise NotAnEquilibriumError(
            "not a perfect Bayesian equilibrium:\n" + "\n".join(f"- {m}" for m in found)
        )


def _beyond(x: Value, tol: float) -> bool:
    """``|x| > tol``."""
    return x > tol or x < -tol


def _equilibrium_beliefs(
    eq: object, point: Mapping[sp.Symbol, sp.Rational]
) -> Mapping[str, Mapping[str, object]] | None:
    """An equilibrium's beliefs with each free one replaced by a member of its set."""
    beliefs = getattr(eq, "beliefs", None)
    if beliefs is None:
        return None
    sets = getattr(eq, "belief_sets", {}) or {}
    out: dict[str, Mapping[str, object]] = {}
    for h, b in beliefs.items():
        if h in sets:
            member = sets[h].point(point)
            if member is None:
                raise InvalidProfileError(f"the belief set at {h!r} is empty at this point")
            out[h] = member
        elif any(isinstance(v, sp.Interval) for v in b.values()):
            (k1, v1), *rest = b.items()
            mid = (v1.start + v1.end) / 2 if isinstance(v1, sp.Interval) else v1
            out[h] = {k1: mid, **{k: 1 - mid for k, _ in rest[:1]}}
        else:
            out[h] = b
    return out


class _Check:
    """One check of one assessment: the numeric tree, the assessment, the failures found."""

    def __init__(
        self,
        game: object,
        strategies: object,
        beliefs: Mapping[str, Mapping[str, object]] | None,
        at: Mapping[Any, object] | None,
        tol: float,
        weak: bool,
    ) -> None:
        tree, point = extensive_at(game, at)
        require_perfect_recall(tree, "a perfect Bayesian equilibrium (gametheory.testing)")
        self.walk = walk = Walk(tree)
        self.infosets = walk.infosets
        self.tol, self.weak = tol, weak
        if beliefs is None:
            beliefs = _equilibrium_beliefs(strategies, point)
        walk.sigma = self.sigma = self._strategies(
            getattr(strategies, "strategies", strategies), point
        )
        self.mu = self._beliefs(beliefs or {}, point)
        payoffs = [
            abs(float(value_of(v, f"payoff at node {p}")))
            for p, n in walk.nodes.items()
            if isinstance(n, Outcome)
            for v in n.payoffs.values()
        ]
        self.eps: Value = Fraction(0) if not tol else tol * max([1.0, *payoffs])
        self.found: list[str] = []

    # -- reading the assessment -----------------------------------------------------------
    def _strategies(
        self, raw: object, point: Mapping[sp.Symbol, sp.Rational]
    ) -> dict[str, dict[str, Value]]:
        if not isinstance(raw, Mapping):
            raise InvalidProfileError(
                "strategies must map information sets to {action: probability}, "
                f"got {type(raw).__name__}"
            )
        unknown = [h for h in raw if h not in self.infosets]
        if unknown:
            raise InvalidProfileError(
                f"the game has no information set {unknown[0]!r} "
                f"(it has {', '.join(self.infosets)})"
            )
        out = {}
        for h, info in self.infosets.items():
            if h not in raw:
                raise InvalidProfileError(f"the profile gives no strategy at information set {h!r}")
            extra = [a for a in raw[h] if a not in info.actions]
            if extra:
                raise InvalidProfileError(f"information set {h!r} has no action {extra[0]!r}")
            out[h] = {
                a: value_of(
                    _entry(raw[h].get(a, 0), f"probability of {a!r} at {h!r}").xreplace(point),
                    f"probability of {a!r} at {h!r}",
                )
                for a in info.actions
            }
        return out

    def _beliefs(
        self, raw: Mapping[str, Mapping[str, object]], point: Mapping[sp.Symbol, sp.Rational]
    ) -> dict[str, dict[str, Value]]:
        if not isinstance(raw, Mapping):
            raise InvalidProfileError("beliefs must map information sets to {node: probability}")
        unknown = [h for h in raw if h not in self.infosets]
        if unknown:
            raise InvalidProfileError(
                f"beliefs name information set {unknown[0]!r}, which the game has not"
            )
        out: dict[str, dict[str, Value]] = {}
        for h, info in self.infosets.items():
            if h not in raw:
                if len(info.paths) > 1:
                    raise InvalidProfileError(
                        f"no beliefs at information set {h!r}, which has nodes "
                        f"{', '.join(info.paths)}"
                    )
                out[h] = {info.paths[0]: Fraction(1)}
                continue
            keys = node_keys(self.walk.tree, info)
            mu: dict[str, Value] = dict.fromkeys(info.paths, Fraction(0))
            seen: dict[str, str] = {}
            for key, v in raw[h].items():
                if key not in keys:
                    raise InvalidProfileError(
                        f"information set {h!r} has no node {key!r} "
                        f"(name its nodes by {', '.join(keys)})"
                    )
                path = keys[key]
                if path in seen:
                    raise InvalidProfileError(
                        f"beliefs at {h!r} name node {path!r} twice ({seen[path]!r}, {key!r})"
                    )
                seen[path] = key
                what = f"belief in {key!r} at {h!r}"
                mu[path] = value_of(_entry(v, what).xreplace(point), what)
            out[h] = mu
        return out

    # -- the checks -----------------------------------------------------------------------
    def run(self) -> list[str]:
        for h, dist in self.sigma.items():
            self._distribution(dist, f"the strategy at information set {h!r}")
        for h, belief in self.mu.items():
            self._distribution(belief, f"the beliefs at information set {h!r}")
        self._bayes()
        for h in self.infosets:
            self._rational(h)
        return self.found

    def _distribution(self, dist: Mapping[str, Value], what: str) -> None:
        negative = [k for k, v in dist.items() if v < -self.tol]
        total: Value = sum(dist.values(), Fraction(0))
        if negative:
            self.found.append(
                f"{what} gives {negative[0]!r} the negative probability {dist[negative[0]]}"
            )
        elif _beyond(total - 1, self.tol):
            self.found.append(f"{what} sums to {total}, not 1")

    def _bayes(self) -> None:
        tops = ["root"] if self.weak else subgame_roots(self.walk)
        reach = {top: self.walk.reach(top) for top in tops}
        for h, info in self.infosets.items():
            # the smallest subgame holding h: h unreachable from its root is so from larger ones
            top = max((t for t in tops if all(inside(x, t) for x in info.paths)), key=depth)
            prob = reach[top]
            total: Value = sum((prob[x] for x in info.paths), Fraction(0))
            if total <= self.tol:
                continue
            where = "from the root" if top == ROOT else f"in the subgame at node {top!r}"
            for x in info.paths:
                bayes = prob[x] / total
                if _beyond(self.mu[h][x] - bayes, self.tol):
                    self.found.append(
                        f"Bayes' rule fails at information set {h!r} (reached with probability "
                        f"{total} {where}): the belief in node {x!r} is {self.mu[h][x]}, "
                        f"Bayes' rule gives {bayes}"
                    )

    def _rational(self, h: str) -> None:
        info = self.infosets[h]
        k = self.walk.tree.players.index(info.player)
        mu = self.mu[h]
        q = {
            a: sum((mu[x] * self.walk.value(child(x, a))[k] for x in info.paths), Fraction(0))
            for a in info.actions
        }
        top = max(info.actions, key=lambda a: q[a])
        local = False
        for a in info.actions:
            prob, gap = self.sigma[h][a], q[top] - q[a]
            if prob > self.tol and gap > self.eps:
                local = True
                self.found.append(
                    f"sequential rationality fails at information set {h!r}: {info.player} plays "
                    f"{a!r} (probability {prob}), worth {q[a]} given its beliefs, but {top!r} is "
                    f"worth {q[top]} (gap {gap})"
                )
        if local or not self.walk.moves_again(h):
            return
        current = sum((self.sigma[h][a] * q[a] for a in info.actions), Fraction(0))
        best = best_continuation(self.walk, h, mu)
        if best - current > self.eps:
            self.found.append(
                f"sequential rationality fails at information set {h!r}: {info.player}'s "
                f"continuation is worth {current} given its beliefs, but changing its later moves "
                f"too is worth {best} (gap {best - current})"
            )


def _entry(value: object, what: str) -> sp.Expr:
    """A profile's entry as an expression; strings are refused (sympify would run them)."""
    return user_expr(value, f"the {what}", InvalidProfileError)

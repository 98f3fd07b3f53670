"""An independent certificate for subgame-perfect equilibria of game trees.

It calls no solver.  At a numeric point it walks the tree under the profile and checks the
definition (Selten 1965; Osborne & Rubinstein 1994, §6.2 and §11.4): in every subgame no player
gains by deviating, and the equilibrium's payoffs and outcome probabilities are those the profile
induces.

* Finite trees are checked exactly (rationals; floats only where the game or the profile has
  them).  At every decision node that roots a subgame (every node, on and off the path, in a
  tree of perfect information) each action played with positive probability must maximise its
  mover's continuation value: by the one-shot deviation principle of finite games this is subgame
  perfection there.  In every subgame where a player has an information set with several nodes,
  that player's best-response value is computed by dynamic programming over its information
  sets (perfect recall: Kuhn 1953) and compared with the profile's value.
* Trees with continuous decisions are checked numerically, with a tolerance
  (:mod:`gametheory.testing._spe_grid`): deviations on a fine grid of each interval plus the cut
  points of every ``Piecewise`` condition (and their ±ε neighbours), in every context of the
  earlier continuous choices on a coarser grid (a follower's reply is checked at a grid of
  leader choices, a discrete cutoff rule at grid points and at its cuts).
* Below a continuum of private types (:class:`~gametheory.ContinuousChance`, checked with the
  grid check; :mod:`gametheory.testing._spe_types_check`): the informed players' decisions at
  each type of a grid over the support plus each cutoff of the rules (±ε), the uninformed
  players' choices in expectation over the type, and the claimed payoffs and outcome
  probabilities against the integrals over the type (exact where they are piecewise polynomial).

Node kinds the checker does not know, and structures it cannot check, are reported as
violations beginning with ``"cannot check"`` (never a silent pass).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy as sp

from .._numbers import user_expr
from ..errors import InvalidProfileError, NotAnEquilibriumError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, require_perfect_recall
from ..games.outcome_labels import outcome_label
from ..games.paths import ROOT
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Outcome,
    node_paths,
)
from ._pbe_walk import (
    Value,
    Walk,
    best_values,
    child,
    extensive_at,
    inside,
    subgame_roots,
    value_of,
)
from ._spe_claims import compare_claims
from ._spe_claims import gap as _gap

__all__ = ["assert_spe", "spe_violations"]

KNOWN = (Decision, Chance, Outcome, ContinuousDecision, ContinuousChance)


def spe_violations(
    game: object,
    eq: object,
    at: Mapping[Any, object] | None = None,
    *,
    tol: float = 1e-7,
    grid: int = 200,
    contexts: int = 10,
) -> list[str]:
    """Every way a profile fails to be a subgame-perfect equilibrium (empty if it is one).

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveGame` (perfect recall).
    eq
        An :class:`~gametheory.Equilibrium` (its ``payoffs`` and ``outcomes`` are checked too)
        or ``{information set: {action: probability}}``; at a continuous decision the strategy
        is ``{str(variable): value}``, the value possibly an expression of earlier continuous
        variables the mover observes, or a ``Piecewise``.
    at
        A parameter point (by name or symbol); by default the equilibrium's ``witness``.
    tol
        Allowed error: payoff gaps within ``tol`` times the largest absolute payoff (at least
        1), probabilities within ``tol``.  Finite trees with exact numbers are checked exactly
        whatever ``tol`` is; trees with continuous decisions or types are checked in floats,
        their claimed payoffs and outcome probabilities exactly where the integrals over the
        types are rational.
    grid
        Points of the fine grid on which each continuous choice's deviations are tried, and of
        the grid of types (:class:`~gametheory.ContinuousChance`) at which the informed
        players' rules are checked.
    contexts
        Points of the coarse grid of each earlier continuous choice at which later decisions
        (off the path of play) are checked.

    Returns
    -------
    list[str]
        One message per failure, naming the node or information set, the player, the action or
        value and the gap.  Messages beginning ``"cannot check"`` name what the checker does not
        support (a node kind, an information structure).

    Raises
    ------
    GameError
        Parameters left without a value (pass ``at``).
    ImperfectRecallError
        For a tree without perfect recall.
    """
    tree = game if isinstance(game, ExtensiveGame) else None
    if tree is None:
        raise UnsupportedGameError(
            f"spe_violations checks game trees (ExtensiveGame), got {type(game).__name__}"
        )
    unknown = [(p, n) for p, n in node_paths(tree.root) if not isinstance(n, KNOWN)]
    if unknown:
        path, node = unknown[0]
        return [
            f"cannot check node {path}: a {type(node).__name__} node is not supported by "
            "spe_violations yet (nodes it checks: Decision, Chance, Outcome, ContinuousDecision, "
            "ContinuousChance)"
        ]
    require_perfect_recall(tree, "the SPE certificate (gametheory.testing)")
    if at is None:
        at = getattr(eq, "witness", None) or {}
    numeric, point = extensive_at(tree, at)
    raw = getattr(eq, "strategies", eq)
    if not isinstance(raw, Mapping):
        return [
            f"cannot check a profile of type {type(raw).__name__}: give an Equilibrium or "
            "{information set: {action: probability}}"
        ]
    strategies = {
        h: {a: _number(v, a, h).xreplace(point) for a, v in s.items()} for h, s in raw.items()
    }
    claimed = _claims(eq, point)
    if numeric.has_continuous or numeric.has_types:
        from ._spe_grid import GridCheck

        return GridCheck(numeric, strategies, tol, grid, contexts).run(*claimed)
    return _FiniteCheck(numeric, strategies, tol).run(*claimed)


def _number(value: object, action: str, infoset: object) -> sp.Expr:
    """A strategy's entry as an expression; strings are refused (sympify would run them)."""
    what = f"the entry of {action!r} at {infoset!r} in the profile"
    return user_expr(value, what, InvalidProfileError)


def assert_spe(
    game: object,
    eq: object,
    at: Mapping[Any, object] | None = None,
    *,
    tol: float = 1e-7,
    grid: int = 200,
    contexts: int = 10,
) -> None:
    """Raise :class:`~gametheory.NotAnEquilibriumError` (an ``AssertionError``) unless ``eq`` is
    a subgame-perfect equilibrium of ``game`` at the point.

    The arguments are those of :func:`spe_violations`; the error lists every violation.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.testing import assert_spe
    >>> entry = gt.ExtensiveGame(gt.Decision("E", {
    ...     "out": gt.Outcome(E=0, I=2),
    ...     "in": gt.Decision("I", {"fight": gt.Outcome(E=-1, I=-1),
    ...                             "share": gt.Outcome(E=1, I=1)})}))
    >>> for eq in gt.spe(entry):
    ...     assert_spe(entry, eq)
    >>> threat = {"E@root": {"out": 1, "in": 0}, "I@in": {"fight": 1, "share": 0}}
    >>> assert_spe(entry, threat)
    Traceback (most recent call last):
    ...
    gametheory.errors.NotAnEquilibriumError: not a subgame-perfect equilibrium:
    - at node in, I plays 'fight' (probability 1), worth -1, but 'share' is worth 1 (gap 2)
    """
    found = spe_violations(game, eq, at, tol=tol, grid=grid, contexts=contexts)
    if found:
        raise NotAnEquilibriumError(
            "not a subgame-perfect equilibrium:\n" + "\n".join(f"- {m}" for m in found)
        )


def _claims(
    eq: object, point: Mapping[sp.Symbol, sp.Rational]
) -> tuple[dict[str, sp.Expr] | None, dict[str, sp.Expr] | None]:
    """The equilibrium's claimed payoffs and outcome probabilities at the point (None: none)."""
    out: list[dict[str, sp.Expr] | None] = []
    for name in ("payoffs", "outcomes"):
        got = getattr(eq, name, None)
        out.append(
            None
            if not isinstance(got, Mapping)
            else {k: sp.sympify(v).xreplace(point) for k, v in got.items()}
        )
    return out[0], out[1]


def read_distribution(
    found: list[str], h: str, actions: tuple[str, ...], raw: Mapping[str, sp.Expr] | None
) -> dict[str, Value]:
    """The numeric mixture at ``h`` (missing information sets and actions reported, as 0)."""
    if raw is None:
        found.append(f"the profile gives no strategy at information set {h!r}")
        return dict.fromkeys(actions, Fraction(0))
    extra = [a for a in raw if a not in actions]
    if extra:
        found.append(f"information set {h!r} has no action {extra[0]!r}")
    out: dict[str, Value] = {}
    for a in actions:
        try:
            out[a] = value_of(raw.get(a, 0), f"probability of {a!r} at {h!r}")
        except (TypeError, ValueError) as exc:
            found.append(f"cannot check information set {h!r}: {exc}")
            out[a] = Fraction(0)
    return out


class _FiniteCheck:
    """The exact check of a finite tree (see the module docstring)."""

    def __init__(
        self, tree: ExtensiveGame, strategies: Mapping[str, Mapping[str, sp.Expr]], tol: float
    ) -> None:
        self.walk = walk = Walk(tree)
        self.tree = tree
        self.found: list[str] = []
        self.tol = tol
        unknown = [h for h in strategies if h not in walk.infosets]
        for h in unknown:
            self.found.append(f"the game has no information set {h!r}")
        walk.sigma = {
            h: read_distribution(self.found, h, info.actions, strategies.get(h))
            for h, info in walk.infosets.items()
        }
        payoffs = [
            abs(float(value_of(v, f"payoff at node {p}")))
            for p, n in walk.nodes.items()
            if isinstance(n, Outcome)
            for v in n.payoffs.values()
        ]
        exact = all(isinstance(x, Fraction) for s in walk.sigma.values() for x in s.values())
        self.eps: Value = Fraction(0) if exact and _exact_tree(walk) else tol * max([1.0, *payoffs])

    def run(
        self, payoffs: Mapping[str, sp.Expr] | None, outcomes: Mapping[str, sp.Expr] | None
    ) -> list[str]:
        walk = self.walk
        for h, dist in walk.sigma.items():
            negative = [a for a, v in dist.items() if v < -self.tol]
            total: Value = sum(dist.values(), Fraction(0))
            if negative:
                self.found.append(
                    f"the strategy at {h!r} gives {negative[0]!r} the negative probability "
                    f"{dist[negative[0]]}"
                )
            elif _gap(total, Fraction(1)) > self.tol:
                self.found.append(f"the strategy at {h!r} sums to {total}, not 1")
        if self.found:
            return self.found
        root = walk.value("root")
        compare_claims(
            self.found, "payoff", payoffs, dict(zip(self.tree.players, root, strict=True)), self.eps
        )
        compare_claims(self.found, "outcome probability", outcomes, self._outcomes(), self.eps)
        roots = subgame_roots(walk)
        for top in roots:
            if isinstance(walk.nodes[top], Decision):
                self._one_shot(top)
        singleton = {walk.label[t] for t in roots if t in walk.label}
        for top in roots:
            for k, player in enumerate(self.tree.players):
                if any(
                    info.player == player and h not in singleton and inside(info.paths[0], top)
                    for h, info in walk.infosets.items()
                ):
                    self._best_response(top, k, player)
        return self.found

    def _outcomes(self) -> dict[str, Value]:
        reach = self.walk.reach("root")
        out: dict[str, Value] = {}
        for path, node in self.walk.nodes.items():
            if isinstance(node, Outcome):
                lab = outcome_label(node, path)
                out[lab] = out.get(lab, Fraction(0)) + reach[path]
        return out

    def _one_shot(self, path: str) -> None:
        walk = self.walk
        node = walk.nodes[path]
        assert isinstance(node, Decision)
        k = self.tree.players.index(node.player)
        q = {a: walk.value(child(path, a))[k] for a in node.actions}
        top = max(node.actions, key=lambda a: q[a])
        for a, prob in walk.sigma[walk.label[path]].items():
            if prob > self.tol and q[top] - q[a] > self.eps:
                self.found.append(
                    f"at node {path}, {node.player} plays {a!r} (probability {prob}), worth "
                    f"{q[a]}, but {top!r} is worth {q[top]} (gap {q[top] - q[a]})"
                )

    def _best_response(self, top: str, k: int, player: str) -> None:
        best = best_response_value(self.walk, top, player)
        current = self.walk.value(top)[k]
        if best - current > self.eps:
            where = "the whole game" if top == ROOT else f"the subgame at node {top}"
            self.found.append(
                f"in {where}, {player} gets {current} under the profile but {best} by a best "
                f"response (gap {best - current})"
            )


def _exact_tree(walk: Walk) -> bool:
    try:
        return all(isinstance(x, Fraction) for x in walk.value("root"))
    except (TypeError, ValueError):
        return False


def best_response_value(walk: Walk, top: str, player: str) -> Value:
    """``player``'s best expected payoff in the subgame at ``top``, the others following the
    profile: one choice per information set, each maximising the reach-weighted sum over its
    nodes (perfect recall makes this the best response; Kuhn 1953)."""
    weight = walk.reach(top, skip=player)
    return best_values(walk, player, weight)(top)

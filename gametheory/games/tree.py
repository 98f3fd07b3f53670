"""Game trees: decision, chance, continuous-decision and continuous-type nodes, outcomes,
information sets.

Nodes are immutable and built bottom-up; :class:`ExtensiveGame` validates a whole tree at once
and names every node by its *path*, the actions from the root (``"retaliate/escalate"``; the
root is ``"root"``).  A decision node's information set is its ``infoset`` label; nodes with the
same label form one information set.  Without a label a node is a singleton information set
named ``"<player>@<path>"``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Union

import sympy as sp

from .._frozen import FrozenDict
from .._numbers import exact_expr
from ..distributions import Distribution
from ..errors import InvalidActionError, InvalidGameError, InvalidPayoffError, InvalidPlayerError
from .paths import path_key

__all__ = [
    "Chance",
    "ContinuousChance",
    "ContinuousDecision",
    "Decision",
    "Node",
    "Outcome",
    "node_paths",
]


def settled(e: sp.Expr) -> sp.Expr:
    """``e`` in a canonical enough form that a constant reads as a number: a rational function
    put over one denominator and cancelled, anything else expanded.  Validation only (not
    ``sympy.simplify``, which costs far more and loads ``sympy.physics``)."""
    if e.is_number:
        return e
    try:
        return sp.cancel(sp.together(e))
    except sp.PolynomialError:  # pragma: no cover - cancel treats other functions as symbols
        return sp.expand(e)


Node = Union["Decision", "Chance", "Outcome", "ContinuousDecision", "ContinuousChance"]


@dataclass(frozen=True, init=False)
class Outcome:
    """A terminal node: a payoff for each player (by name) and an optional label (e.g. "war").

    Payoffs are numbers or sympy expressions; a float is read as the rational it denotes
    (``0.1`` is ``1/10``), so trees are solved exactly."""

    payoffs: Mapping[str, sp.Expr]
    label: str | None

    def __init__(self, label: str | None = None, **payoffs: object) -> None:
        if label is not None and (not isinstance(label, str) or not label):
            raise InvalidGameError(f"an outcome label must be a non-empty string, got {label!r}")
        if not payoffs:
            raise InvalidPayoffError(
                "an outcome needs a payoff for every player, e.g. Outcome(US=1, Iran=-1)"
            )
        values = {
            p: exact_expr(v, f"payoff of {p} at outcome {label or ''}".rstrip())
            for p, v in payoffs.items()
        }
        object.__setattr__(self, "payoffs", FrozenDict(values))
        object.__setattr__(self, "label", label)

    def __repr__(self) -> str:
        pay = ", ".join(f"{p}={v}" for p, v in self.payoffs.items())
        lab = f"{self.label!r}, " if self.label else ""
        return f"Outcome({lab}{pay})"


@dataclass(frozen=True, init=False)
class Decision:
    """A player's choice among labelled actions, each leading to a subtree."""

    player: str
    actions: Mapping[str, Node]
    infoset: str | None

    def __init__(
        self, player: str, actions: Mapping[str, Node], infoset: str | None = None
    ) -> None:
        if not isinstance(player, str) or not player:
            raise InvalidPlayerError(
                f"a decision's player must be a non-empty string, got {player!r}"
            )
        if not isinstance(actions, Mapping):
            raise InvalidActionError(
                f"the actions of {player}'s decision must be a mapping {{action: subtree}}, "
                f"got {type(actions).__name__}"
            )
        if not actions:
            raise InvalidActionError(f"the decision of {player} has no actions")
        for a, child in actions.items():
            _check_label(a, f"the decision of {player} has action label")
            _check_node(child, f"action {a!r} of {player}")
        _check_infoset(infoset, player)
        object.__setattr__(self, "player", player)
        object.__setattr__(self, "actions", FrozenDict(actions))
        object.__setattr__(self, "infoset", infoset)

    def __repr__(self) -> str:
        return f"Decision({self.player!r}, {list(self.actions)})"


@dataclass(frozen=True, init=False)
class Chance:
    """Nature's move: each labelled branch has a probability (an expression) and a subtree.

    A float probability is read as the rational it denotes (``0.1`` is ``1/10``), so ``0.1``,
    ``0.2`` and ``0.7`` sum to 1 exactly; a string or a non-finite number is an
    :class:`~gametheory.InvalidGameError` naming the branch."""

    branches: Mapping[str, tuple[sp.Expr, Node]]

    def __init__(self, branches: Mapping[str, tuple[object, Node]]) -> None:
        if not isinstance(branches, Mapping) or not branches:
            raise InvalidActionError("a chance node needs at least one branch")
        out: dict[str, tuple[sp.Expr, Node]] = {}
        for b, spec in branches.items():
            _check_label(b, "a chance node has branch label")
            if not isinstance(spec, tuple) or len(spec) != 2:
                raise InvalidGameError(f"chance branch {b!r} must be a (probability, subtree) pair")
            prob = exact_expr(spec[0], f"probability of chance branch {b!r}", InvalidGameError)
            _check_node(spec[1], f"chance branch {b!r}")
            out[b] = (prob, spec[1])
        object.__setattr__(self, "branches", FrozenDict(out))

    def __repr__(self) -> str:
        return f"Chance({ {b: p for b, (p, _) in self.branches.items()} })"


@dataclass(frozen=True, init=False)
class ContinuousDecision:
    """A player's choice of a number ``variable`` in ``[lo, hi]``; the subtree may use it."""

    player: str
    variable: sp.Symbol
    interval: tuple[sp.Expr, sp.Expr]
    then: Node
    infoset: str | None

    def __init__(
        self,
        player: str,
        variable: sp.Symbol,
        interval: tuple[object, object],
        then: Node,
        infoset: str | None = None,
    ) -> None:
        if not isinstance(player, str) or not player:
            raise InvalidPlayerError(
                f"a decision's player must be a non-empty string, got {player!r}"
            )
        if not isinstance(variable, sp.Symbol):
            raise InvalidGameError(
                f"the continuous decision of {player} needs a sympy Symbol, got {variable!r}"
            )
        if not isinstance(interval, tuple | list) or len(interval) != 2:
            raise InvalidGameError(
                f"the interval of {variable} must be a (lo, hi) pair, got {interval!r}"
            )
        lo = exact_expr(interval[0], f"lower end of {variable}", InvalidGameError)
        hi = exact_expr(interval[1], f"upper end of {variable}", InvalidGameError)
        diff = settled(hi - lo)
        if diff.is_number and not diff > 0:
            raise InvalidGameError(f"the interval of {variable} is empty or reversed: [{lo}, {hi}]")
        _check_node(then, f"the continuous decision of {player}")
        _check_infoset(infoset, player)
        object.__setattr__(self, "player", player)
        object.__setattr__(self, "variable", variable)
        object.__setattr__(self, "interval", (lo, hi))
        object.__setattr__(self, "then", then)
        object.__setattr__(self, "infoset", infoset)

    def __repr__(self) -> str:
        return f"ContinuousDecision({self.player!r}, {self.variable} in {list(self.interval)})"


@dataclass(frozen=True, init=False)
class ContinuousChance:
    """Nature draws a type ``variable`` from ``distribution``; only ``seen_by`` observe it.

    The subtree ``then`` may use ``variable`` in payoffs and chance probabilities.  A decision
    of a player in ``seen_by`` below is a rule in the type (solved for as cutoffs by
    :func:`~gametheory.spe`); the other players do not observe the draw.

    Parameters
    ----------
    variable
        The type, a sympy Symbol used nowhere else in the tree (not a parameter).
    distribution
        Its law, e.g. :class:`~gametheory.Uniform` ``(lo, hi)``.
    then
        The subtree.
    seen_by
        The players who observe the draw (checked against the game's players by
        :class:`~gametheory.ExtensiveGame`).

    Raises
    ------
    InvalidGameError
        Naming the variable, when it is not a Symbol, the distribution's support is provably
        empty (``lo >= hi``) or uses the variable itself.
    """

    variable: sp.Symbol
    distribution: Distribution
    then: Node
    seen_by: tuple[str, ...]

    def __init__(
        self,
        variable: sp.Symbol,
        distribution: Distribution,
        then: Node,
        seen_by: tuple[str, ...] | list[str] | str = (),
    ) -> None:
        if not isinstance(variable, sp.Symbol):
            raise InvalidGameError(
                f"a continuous chance node needs a sympy Symbol as its type, got {variable!r}"
            )
        if not isinstance(distribution, Distribution):
            raise InvalidGameError(
                f"the type {variable} needs a distribution such as gt.Uniform(lo, hi), "
                f"got {distribution!r}"
            )
        lo, hi = distribution.support
        if variable in (lo - hi).free_symbols:
            raise InvalidGameError(
                f"the support [{lo}, {hi}] of the type {variable} uses {variable}"
            )
        gap = settled(hi - lo)
        if gap.is_nonpositive:
            raise InvalidGameError(
                f"the distribution of the type {variable} has an empty support: [{lo}, {hi}] "
                "needs lo < hi"
            )
        seen = (seen_by,) if isinstance(seen_by, str) else tuple(seen_by)
        for p in seen:
            if not isinstance(p, str) or not p:
                raise InvalidPlayerError(
                    f"seen_by of the type {variable} must name players, got {p!r}"
                )
        _check_node(then, f"the continuous chance node drawing {variable}")
        object.__setattr__(self, "variable", variable)
        object.__setattr__(self, "distribution", distribution)
        object.__setattr__(self, "then", then)
        object.__setattr__(self, "seen_by", seen)

    def __repr__(self) -> str:
        return f"ContinuousChance({self.variable} ~ {self.distribution!r}, seen_by={self.seen_by})"


def children(node: Node) -> Iterator[tuple[str, Node]]:
    """The (edge label, child) pairs of a node."""
    if isinstance(node, Decision):
        yield from node.actions.items()
    elif isinstance(node, Chance):
        for b, (_, child) in node.branches.items():
            yield b, child
    elif isinstance(node, ContinuousDecision | ContinuousChance):
        yield str(node.variable), node.then


def postorder(root: Node) -> Iterator[Node]:
    """Every node, children before their parent (without recursion: trees of any depth)."""
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        kids = [c for _, c in children(node)]
        if not expanded and kids:
            stack.append((node, True))
            stack.extend((c, False) for c in kids)
            continue
        yield node


def node_paths(root: Node) -> Iterator[tuple[str, Node]]:
    """Every node with its path (depth first, actions in order)."""
    stack: list[tuple[tuple[str, ...], Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        yield path_key(path), node
        kids = list(children(node))
        for label, child in reversed(kids):
            stack.append(((*path, label), child))


def _check_label(label: object, what: str) -> None:
    """Action and branch labels: non-empty strings without ``/`` (which separates node paths)."""
    if not isinstance(label, str) or not label:
        raise InvalidActionError(f"{what} {label!r}; use non-empty strings")
    if "/" in label:
        raise InvalidActionError(f"{what} {label!r}; '/' separates node paths, use another name")


def _check_infoset(infoset: object, player: str) -> None:
    if infoset is not None and (not isinstance(infoset, str) or not infoset):
        raise InvalidGameError(
            f"the infoset label of {player}'s decision must be a non-empty string, got {infoset!r}"
        )


def _check_node(node: object, where: str) -> None:
    if not isinstance(node, Decision | Chance | Outcome | ContinuousDecision | ContinuousChance):
        raise InvalidGameError(
            f"{where} leads to {node!r}, which is not a node (Decision, Chance, Outcome, "
            "ContinuousDecision, ContinuousChance)"
        )

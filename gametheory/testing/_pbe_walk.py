"""The numeric tree under a behaviour profile, for the PBE certificate: reach probabilities,
expected payoffs, and a player's best continuation from an information set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import sympy as sp

from .._numbers import rational_of, user_expr
from ..errors import GameError, InvalidProfileError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, InfoSet, infoset_label
from ..games.paths import ROOT, path_of
from ..games.paths import child_key as child  # a node's child's path key (games.paths)
from ..games.paths import is_within as inside  # whether a node is in a subtree
from ..games.tree import Chance, Decision, Node, Outcome, node_paths

__all__ = ["Walk", "best_continuation", "extensive_at", "node_keys", "subgame_roots", "value_of"]

Value = Fraction | float


def value_of(e: object, what: str) -> Value:
    """An exact Fraction for rationals, a float otherwise; parameters left over are an error."""
    expr = user_expr(e, what, InvalidProfileError)
    if expr.free_symbols:
        raise GameError(f"{what} is {expr}, which still has parameters: pass at=... to evaluate it")
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return float(expr)


def depth(path: str) -> int:
    """How many moves from the root."""
    return len(path_of(path))


class Walk:
    """A finite tree at a numeric point, walked under a behaviour profile ``sigma``."""

    def __init__(self, tree: ExtensiveGame) -> None:
        if tree.has_continuous:
            raise UnsupportedGameError(
                "the PBE certificate checks finite trees; this one has a continuous decision"
            )
        self.tree = tree
        self.nodes: dict[str, Node] = dict(node_paths(tree.root))
        self.infosets: Mapping[str, InfoSet] = tree.infosets
        self.label = {
            path: infoset_label(n, path)
            for path, n in self.nodes.items()
            if isinstance(n, Decision)
        }
        self.sigma: Mapping[str, Mapping[str, Value]] = {}
        self._values: dict[str, tuple[Value, ...]] = {}

    def edges(self, path: str, skip: str | None = None) -> list[tuple[str, Value]]:
        """(child path, probability) under the profile; ``skip``'s own moves count as 1."""
        node = self.nodes[path]
        if isinstance(node, Chance):
            return [
                (child(path, b), value_of(p, f"chance probability at node {path}"))
                for b, (p, _) in node.branches.items()
            ]
        if isinstance(node, Decision):
            if node.player == skip:
                return [(child(path, a), Fraction(1)) for a in node.actions]
            h = self.label[path]
            return [(child(path, a), self.sigma[h][a]) for a in node.actions]
        return []

    def reach(self, top: str, skip: str | None = None) -> dict[str, Value]:
        """The probability of reaching each node of ``top``'s subtree from ``top``."""
        out: dict[str, Value] = {top: Fraction(1)}
        stack = [top]
        while stack:
            path = stack.pop()
            for kid, prob in self.edges(path, skip):
                out[kid] = out[path] * prob
                stack.append(kid)
        return out

    def value(self, path: str) -> tuple[Value, ...]:
        """Expected payoffs (in player order) at a node when everyone follows the profile."""
        if path not in self._values:
            node = self.nodes[path]
            vec: tuple[Value, ...]
            if isinstance(node, Outcome):
                vec = tuple(
                    value_of(node.payoffs[p], f"payoff of {p} at node {path}")
                    for p in self.tree.players
                )
            else:
                vec = tuple(Fraction(0) for _ in self.tree.players)
                for kid, prob in self.edges(path):
                    if prob:
                        vec = tuple(x + prob * y for x, y in zip(vec, self.value(kid), strict=True))
            self._values[path] = vec
        return self._values[path]

    def moves_again(self, h: str) -> bool:
        """Whether the mover at ``h`` moves again below one of its nodes."""
        player = self.infosets[h].player
        return any(
            self.infosets[g].player == player and y != x and inside(y, x)
            for x in self.infosets[h].paths
            for y, g in self.label.items()
        )


def best_values(walk: Walk, player: str, weight: Mapping[str, Value]) -> Callable[[str], Value]:
    """``at(path)``: ``player``'s payoff from ``path`` when, at each of their information sets,
    they take the action maximising the ``weight``-weighted sum over its nodes (the others
    following the profile); with perfect recall, a best response (Kuhn 1953)."""
    k = walk.tree.players.index(player)
    choice: dict[str, str] = {}
    busy: set[str] = set()
    memo: dict[str, Value] = {}

    def choose(g: str) -> str:
        if g not in choice:
            if g in busy:
                raise UnsupportedGameError(
                    f"information set {g!r} recurs along a path (the game lacks perfect recall)"
                )
            busy.add(g)
            info = walk.infosets[g]
            score = {
                a: sum(
                    (weight.get(x, Fraction(0)) * at(child(x, a)) for x in info.paths),
                    Fraction(0),
                )
                for a in info.actions
            }
            choice[g] = max(info.actions, key=lambda a: score[a])
            busy.discard(g)
        return choice[g]

    def at(path: str) -> Value:
        if path not in memo:
            node = walk.nodes[path]
            out: Value
            if isinstance(node, Decision) and node.player == player:
                out = at(child(path, choose(walk.label[path])))
            elif isinstance(node, Outcome):
                out = walk.value(path)[k]
            else:
                out = sum((p * at(kid) for kid, p in walk.edges(path) if p), Fraction(0))
            memo[path] = out
        return memo[path]

    return at


def best_continuation(walk: Walk, h: str, mu: Mapping[str, Value]) -> Value:
    """The mover's best expected continuation payoff from ``h`` given beliefs ``mu`` there, the
    others following the profile.

    With perfect recall the mover's later choices can be made one information set at a time,
    each maximising the sum over its nodes of (weight) × (the action's value), the weight of a
    node being the belief in its ancestor in ``h`` times the chance and other players'
    probabilities on the way (Kuhn 1953; the usual best-response computation in trees).
    """
    player = walk.infosets[h].player
    weight: dict[str, Value] = {}
    for x, m in mu.items():
        for y, r in walk.reach(x, skip=player).items():
            weight[y] = weight.get(y, Fraction(0)) + m * r
    at = best_values(walk, player, weight)
    info = walk.infosets[h]
    return max(
        sum((mu[x] * at(child(x, a)) for x in info.paths), Fraction(0)) for a in info.actions
    )


def extensive_at(
    game: object, at: Mapping[Any, object] | None
) -> tuple[ExtensiveGame, dict[sp.Symbol, sp.Rational]]:
    """The game's tree at the point (names the tree does not use are ignored), and the point."""
    tree = game if isinstance(game, ExtensiveGame) else None
    to_tree = getattr(game, "to_extensive", None)
    if tree is None and callable(to_tree):
        tree = to_tree()
    if not isinstance(tree, ExtensiveGame):
        raise GameError(f"the PBE certificate checks game trees; got a {type(game).__name__}")
    by_name = {s.name: s for s in tree.parameters}
    point: dict[sp.Symbol, sp.Rational] = {}
    for key, v in (at or {}).items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        if name in by_name:
            point[by_name[name]] = rational_of(v, f"value of parameter {name}", GameError)
    return (tree.at(point) if point else tree), point


def node_keys(tree: ExtensiveGame, info: InfoSet) -> dict[str, str]:
    """How beliefs may name the nodes of an information set: by path, or by the chance root's
    branch (the sender's type) when the nodes differ only there."""
    keys = {x: x for x in info.paths}
    if isinstance(tree.root, Chance) and all("/" in x for x in info.paths):
        heads = [x.split("/", 1) for x in info.paths]
        if len({rest for _, rest in heads}) == 1:
            keys.update({head: x for (head, _), x in zip(heads, info.paths, strict=True)})
    return keys


def subgame_roots(walk: Walk) -> list[str]:
    """The root and every node whose subtree each information set lies wholly in or out of."""
    out = ["root"]
    for top, node in walk.nodes.items():
        if top == ROOT or isinstance(node, Outcome):
            continue
        if all(
            all(inside(x, top) for x in info.paths) or not any(inside(x, top) for x in info.paths)
            for info in walk.infosets.values()
        ):
            out.append(top)
    return out

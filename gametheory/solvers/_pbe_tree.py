"""The tree seen by the PBE solver: reach probabilities and continuation values as expressions
in behaviour-strategy unknowns.

A *shape* fixes the support of every information set.  An action outside the support has
probability 0; the only action of a one-action support has probability 1; in a larger support
every action but the last gets an unknown ``s[h, a] > 0`` and the last one ``1 - Σ`` of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from ..games.extensive import ExtensiveGame, InfoSet, infoset_label
from ..games.outcome_labels import LEAF_PREFIX, outcome_label
from ..games.paths import ROOT, child_key, is_within, path_key, path_of
from ..games.tree import Chance, Decision, Node, Outcome, children, node_paths

__all__ = ["Shape", "TreeView"]

Shape = Mapping[str, tuple[str, ...]]  # information set -> support


@dataclass(frozen=True)
class _NodeInfo:
    path: str
    infoset: str | None  # decision nodes only
    parent: str | None
    edge: str | None  # the action or chance branch leading here


class TreeView:
    """Paths, parents and information sets of a finite tree, for repeated evaluation."""

    def __init__(self, game: ExtensiveGame) -> None:
        self.game = game
        self.nodes: dict[str, Node] = {}
        self.info: dict[str, _NodeInfo] = {}
        stack: list[tuple[str, Node, str | None, str | None]] = [(ROOT, game.root, None, None)]
        while stack:
            path, node, parent, edge = stack.pop()
            self.nodes[path] = node
            h = infoset_label(node, path) if isinstance(node, Decision) else None
            self.info[path] = _NodeInfo(path, h, parent, edge)
            for label, child in children(node):
                stack.append((child_key(path, label), child, path, label))
        self.infosets: Mapping[str, InfoSet] = game.infosets
        self.players = game.players

    @cached_property
    def chance_probabilities(self) -> list[sp.Expr]:
        """The symbolic chance probabilities (each taken to be positive)."""
        out: list[sp.Expr] = []
        for node in self.nodes.values():
            if isinstance(node, Chance):
                out.extend(q for q, _ in node.branches.values() if not q.is_number and q not in out)
        return out

    @cached_property
    def outcome_paths(self) -> list[str]:
        return [p for p, n in node_paths(self.game.root) if isinstance(n, Outcome)]

    def behaviour(self, shape: Shape) -> tuple[dict[str, dict[str, sp.Expr]], list[sp.Symbol]]:
        """Each information set's action probabilities under a shape, and the unknowns."""
        out: dict[str, dict[str, sp.Expr]] = {}
        unknowns: list[sp.Symbol] = []
        for h, info in self.infosets.items():
            support = shape[h]
            probs: dict[str, sp.Expr] = {a: sp.Integer(0) for a in info.actions}
            if len(support) == 1:
                probs[support[0]] = sp.Integer(1)
            else:
                free = [sp.Dummy(f"s[{h},{a}]", positive=True) for a in support[:-1]]
                unknowns.extend(free)
                for a, s in zip(support[:-1], free, strict=True):
                    probs[a] = s
                probs[support[-1]] = 1 - sp.Add(*free)
            out[h] = probs
        return out, unknowns

    @cached_property
    def anchors(self) -> dict[str, str]:
        """Each information set's anchor: the deepest subgame root above all of its nodes.

        Beliefs follow Bayes' rule from there, so wherever the anchor's subgame is reached with
        positive probability, even if the anchor itself is off the path (Bayes' rule in every
        subgame: a PBE is then subgame perfect)."""
        from ._spe_subgames import subgame_roots

        roots = {path_key(p) for p in subgame_roots(self.game.root)}
        out = {}
        for h, info in self.infosets.items():
            anchor = ROOT
            chain = path_of(info.paths[0])
            for k in range(len(chain), -1, -1):
                candidate = path_key(chain[:k])
                if candidate in roots and all(is_within(p, candidate) for p in info.paths):
                    anchor = candidate
                    break
            out[h] = anchor
        return out

    def _edges(
        self,
        path: str,
        sigma: Mapping[str, Mapping[str, sp.Expr]],
        start: str,
        probabilities: bool = True,
    ) -> list[tuple[str | None, str, sp.Expr]]:
        """The moves from ``start`` (an ancestor) down to a node: (information set or ``None``
        for chance, action, its probability)."""
        out: list[tuple[str | None, str, sp.Expr]] = []
        info = self.info[path]
        while info.parent is not None and info.path != start:
            parent = self.nodes[info.parent]
            edge = info.edge or ""
            if isinstance(parent, Chance):
                out.append((None, edge, parent.branches[edge][0]))
            elif isinstance(parent, Decision):
                h = self.info[info.parent].infoset or ""
                out.append((h, edge, sigma[h][edge] if probabilities else sp.Integer(1)))
            info = self.info[info.parent]
        return out

    def reach(
        self, path: str, sigma: Mapping[str, Mapping[str, sp.Expr]], start: str = "root"
    ) -> sp.Expr:
        """The probability of reaching a node from ``start`` (an ancestor): chance
        probabilities times behaviour ones."""
        return sp.Mul(*(q for _, _, q in self._edges(path, sigma, start)))

    def deviations(
        self, path: str, sigma: Mapping[str, Mapping[str, sp.Expr]], start: str = "root"
    ) -> tuple[sp.Expr, frozenset[tuple[str, str]]]:
        """The reach probability of a node with every action the profile never plays counted
        as certain, and the set of those actions (information set, action) on its path."""
        edges = self._edges(path, sigma, start)
        devs = frozenset((h, a) for h, a, q in edges if h is not None and q == 0)
        return sp.Mul(*(q for h, _, q in edges if h is None or q != 0)), devs

    def values(self, sigma: Mapping[str, Mapping[str, sp.Expr]]) -> dict[str, tuple[sp.Expr, ...]]:
        """Every node's continuation payoffs (one per player) under the behaviour profile."""
        vals: dict[str, tuple[sp.Expr, ...]] = {}
        for path in sorted(self.nodes, key=lambda p: -p.count("/") if p != "root" else 1):
            node = self.nodes[path]
            if isinstance(node, Outcome):
                vals[path] = tuple(node.payoffs[p] for p in self.players)
                continue
            weights = self._weights(path, node, sigma)
            kids = [self._child(path, label) for label, _ in children(node)]
            vals[path] = tuple(
                sp.Add(*(w * vals[k][i] for w, k in zip(weights, kids, strict=True) if w != 0))
                for i in range(len(self.players))
            )
        return vals

    def _weights(
        self, path: str, node: Node, sigma: Mapping[str, Mapping[str, sp.Expr]]
    ) -> list[sp.Expr]:
        if isinstance(node, Chance):
            return [q for q, _ in node.branches.values()]
        h = self.info[path].infoset or ""
        return [sigma[h][a] for a, _ in children(node)]

    @staticmethod
    def _child(path: str, label: str) -> str:
        return child_key(path, label)

    def child(self, path: str, label: str) -> str:
        """The path of a node's child along an edge."""
        return child_key(path, label)

    def outcome_label(self, path: str) -> str:
        """An outcome's label (``"end:<path>"`` when it has none)."""
        node = self.nodes[path]
        return outcome_label(node, path) if isinstance(node, Outcome) else LEAF_PREFIX + path

    def bayes_where_possible(
        self, sigma: Mapping[str, Mapping[str, sp.Expr]], h: str
    ) -> dict[str, sp.Expr] | None:
        """Bayes' rule at an unreached information set, where the strategies still determine it.

        Each node is reached after some deviations (actions the profile plays with probability
        0).  When one set of deviations is the smallest, shared by some nodes and contained in
        every other node's set (one deviation leading into the set, as a challenge before chance
        picks the defender's type), the nodes reached by exactly that set get their reach
        probabilities with the deviation counted as certain, the others 0 (Gibbons 1992, §4.1,
        requirement 4: Bayes' rule "where possible").  When different nodes need different
        deviations (two types each sending an unsent message), nothing is determined: ``None``.
        """
        found = {x: self.deviations(x, sigma, self.anchors[h]) for x in self.infosets[h].paths}
        live = {x: d for x, d in found.items() if d[0] != 0}
        if not live:
            return None
        smallest = min((d[1] for d in live.values()), key=len)
        if not all(smallest <= d[1] for d in live.values()):
            return None
        return {
            x: (d[0] if x in live and d[1] == smallest else sp.Integer(0)) for x, d in found.items()
        }

    @cached_property
    def descendants(self) -> dict[str, frozenset[str]]:
        """Each information set's followers: the information sets with a node below one of
        its nodes."""
        out = {}
        for h, info in self.infosets.items():
            below: set[str] = set()
            for x in info.paths:
                for path, node_info in self.info.items():
                    if node_info.infoset is not None and path != x and is_within(path, x):
                        below.add(node_info.infoset)
            below.discard(h)
            out[h] = frozenset(below)
        return out

    @cached_property
    def precursors(self) -> dict[str, frozenset[str]]:
        """The information sets whose moves weigh an information set's nodes: those on the
        paths from its anchor to its nodes."""
        out = {}
        for h, info in self.infosets.items():
            above: set[str] = set()
            for x in info.paths:
                for g, _, _ in self._edges(x, {}, self.anchors[h], probabilities=False):
                    if g is not None:
                        above.add(g)
            above.discard(h)
            out[h] = frozenset(above)
        return out

    def belief_keys(self, h: str) -> dict[str, str]:
        """How beliefs at ``h`` are keyed: by type (the first action from a chance root) when
        the information set's nodes differ only there, else by the node's path."""
        paths = self.infosets[h].paths
        if isinstance(self.game.root, Chance) and len(paths) > 1:
            heads = [p.split("/", 1) for p in paths]
            if all(len(x) == 2 for x in heads):
                firsts = [x[0] for x in heads]
                rests = {x[1] for x in heads}
                if len(set(firsts)) == len(firsts) and len(rests) == 1:
                    return dict(zip(paths, firsts, strict=True))
        return {p: p for p in paths}


def shapes_count(infosets: Mapping[str, InfoSet]) -> int:
    """How many support shapes there are: the product of ``2^|A| - 1`` over information sets."""
    total = 1
    for info in infosets.values():
        total *= 2 ** len(info.actions) - 1
    return total


def supports(actions: Sequence[str]) -> list[tuple[str, ...]]:
    """Every nonempty subset of the actions, pure ones first."""
    out: list[tuple[str, ...]] = []
    for k in range(1, len(actions) + 1):
        out.extend(itertools.combinations(actions, k))
    return out

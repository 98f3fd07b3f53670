"""Subgames of a tree, and imperfect-information subgames solved by ``nash``.

A node is the root of a subgame iff every information set with a node in its subtree lies
entirely within that subtree (Selten 1975; Osborne & Rubinstein 1994, Definition 97.1 and
§11.4).  A subgame whose root is not a perfect-information decision whose children all root
subgames is solved on the reduced normal form of its *truncated* tree: each topmost proper
subgame below it is solved first and replaced by an outcome paying one of its pieces, so that
the Nash equilibria of what remains, combined with those pieces, are subgame perfect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp

from ..diagnostics import Caveat
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.outcome_labels import outcome_label
from ..games.paths import child_key, path_key
from ..games.tree import Chance, ContinuousDecision, Decision, Node, Outcome, children
from ._backward_pieces import Ctx, Piece, Region3, combined, meet, product

__all__ = ["SubgameSolver", "behaviour_of", "subgame_roots"]

Path = tuple[str, ...]


def subgame_roots(root: Node) -> set[Path]:
    """Paths (as tuples of actions) of every node that roots a subgame."""
    nodes: list[tuple[Path, Node]] = []
    members: dict[str, list[Path]] = {}
    stack: list[tuple[Path, Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        nodes.append((path, node))
        if isinstance(node, Decision | ContinuousDecision):
            members.setdefault(infoset_label(node, path_key(path)), []).append(path)
        for label, child in children(node):
            stack.append(((*path, label), child))
    blocked: set[Path] = set()
    for paths in members.values():
        if len(paths) < 2:
            continue
        lca = paths[0]
        for q in paths[1:]:
            k = 0
            while k < min(len(lca), len(q)) and lca[k] == q[k]:
                k += 1
            lca = lca[:k]
        for q in paths:
            for k in range(len(lca) + 1, len(q) + 1):
                blocked.add(q[:k])
    return {p for p, n in nodes if not isinstance(n, Outcome) and p not in blocked}


def behaviour_of(
    plans: Sequence[Mapping[str, str]],
    mix: Sequence[sp.Expr],
    infosets: Mapping[str, Sequence[str]],
) -> dict[str, tuple[sp.Expr, dict[str, sp.Expr]]]:
    """Behaviour strategies from a mixed strategy over reduced plans (Kuhn 1953).

    For each information set ``h``: the reaching mass ``den = Σ x(π)`` over plans ``π`` that
    specify ``h`` (those the player's own moves do not exclude) and the unnormalised
    ``num_a = Σ x(π)`` over those choosing ``a``.  Returns ``{h: (den, {a: num_a})}``; the
    behaviour probability is ``num_a / den`` where ``den != 0``.
    """
    out: dict[str, tuple[sp.Expr, dict[str, sp.Expr]]] = {}
    for h, acts in infosets.items():
        nums = {a: sp.Integer(0) for a in acts}
        for plan, x in zip(plans, mix, strict=True):
            if x != 0 and h in plan:
                nums[plan[h]] += x
        out[h] = (sp.Add(*nums.values()), nums)
    return out


class SubgameSolver:
    """Solve the subgame at a path by ``nash`` on its truncated tree (see the module docstring).

    ``solve_child`` returns the pieces of a proper subgame below; ``nash`` is the normal-form
    solver (injected to keep the dependency one way).
    """

    def __init__(
        self,
        ctx: Ctx,
        players: tuple[str, ...],
        roots: set[Path],
        solve_child: Callable[[Node, Path], list[Piece]],
        nash: Callable[..., Any],
    ) -> None:
        self.ctx = ctx
        self.players = players
        self.roots = roots
        self.solve_child = solve_child
        self.nash = nash

    def solve(self, node: Node, path: Path) -> list[Piece]:
        frontier: list[tuple[Path, Node]] = []
        self._find_frontier(node, path, frontier, top=True)
        lists = [self.solve_child(n, p) for p, n in frontier]
        out: list[Piece] = []
        for combo, region in product(self.ctx, lists):
            values = {p: piece for (p, _), piece in zip(frontier, combo, strict=True)}
            out.extend(self._solve_truncated(node, path, values, region))
        return out

    def _find_frontier(
        self, node: Node, path: Path, out: list[tuple[Path, Node]], top: bool = False
    ) -> None:
        if not top and path in self.roots:
            out.append((path, node))
            return
        for label, child in children(node):
            self._find_frontier(child, (*path, label), out)

    # -- one combination of the frontier's pieces -----------------------------------------
    def _truncate(
        self, node: Node, path: Path, values: Mapping[Path, Piece], keep: Sequence[str]
    ) -> Node:
        """The subtree with each frontier subgame replaced by an outcome paying its piece."""
        if path in values:
            pay = dict(zip(self.players, values[path].payoffs, strict=True))
            return Outcome(_placeholder(path), **{p: pay[p] for p in keep})
        if isinstance(node, Outcome):
            label = outcome_label(node, path_key(path))
            return Outcome(label, **{p: node.payoffs[p] for p in keep})
        if isinstance(node, Decision):
            acts = {a: self._truncate(c, (*path, a), values, keep) for a, c in node.actions.items()}
            return Decision(node.player, acts, infoset_label(node, path_key(path)))
        if isinstance(node, Chance):
            return Chance(
                {
                    b: (q, self._truncate(c, (*path, b), values, keep))
                    for b, (q, c) in node.branches.items()
                }
            )
        raise UnsupportedGameError(
            f"node {path_key(path)} is a continuous decision inside an imperfect-information "
            "subgame; spe() solves continuous choices only where they root a subgame"
        )

    def _movers(self, node: Node, path: Path, values: Mapping[Path, Piece], out: list[str]) -> None:
        if path in values or isinstance(node, Outcome):
            return
        if isinstance(node, Decision) and node.player not in out:
            out.append(node.player)
        for label, child in children(node):
            self._movers(child, (*path, label), values, out)

    def _solve_truncated(
        self, node: Node, path: Path, values: Mapping[Path, Piece], region: Region3
    ) -> list[Piece]:
        ctx = self.ctx
        found: list[str] = []
        self._movers(node, path, values, found)
        movers = [p for p in self.players if p in found]
        game = ExtensiveGame(self._truncate(node, path, values, movers), players=movers)
        full = self._truncate(node, path, values, self.players)
        sol = self.nash(game.to_normal_form(), ctx.space)
        if sol.degenerate:
            ctx.degenerate = True
        if not sol.complete and len(movers) > 1:
            ctx.complete = False
            ctx.note(Caveat("subgame", path_key(path), players=len(movers), reasons=sol.incomplete))
        plans = {p: [dict(plan) for _, plan in game.plans[p]] for p in movers}
        labels = {p: [label for label, _ in game.plans[p]] for p in movers}
        own = {
            p: {h.label: h.actions for h in game.infosets.values() if h.player == p} for p in movers
        }
        ctx.nash_infosets.update(game.infosets)
        out: list[Piece] = []
        for eq in (*sol.equilibria, *sol.undecided):
            r = meet(ctx, (region,), ctx.condition_atoms(eq.conditions))
            if r is None:
                continue
            raw: dict[str, tuple[sp.Expr, dict[str, sp.Expr]]] = {}
            for p in movers:
                mix = [sp.sympify(eq.strategies[p][lab]) for lab in labels[p]]
                raw.update(behaviour_of(plans[p], mix, own[p]))
            for r2, behaviour in _split_unreached(ctx, r, raw):
                pay, lottery = _evaluate(full, path_key(path), behaviour, self.players)
                out.append(self._piece(r2, behaviour, values, pay, lottery))
        return out

    def _piece(
        self,
        region: Region3,
        behaviour: Mapping[str, Mapping[str, sp.Expr]],
        values: Mapping[Path, Piece],
        pay: Mapping[str, sp.Expr],
        lottery: Mapping[str, sp.Expr],
    ) -> Piece:
        strategies: dict[str, dict[str, sp.Expr]] = {h: dict(m) for h, m in behaviour.items()}
        outcomes: dict[str, sp.Expr] = {}
        for lab, w in lottery.items():
            if not lab.startswith("\x00"):
                outcomes[lab] = outcomes.get(lab, sp.Integer(0)) + w
        for p_path, piece in values.items():
            for h, mix in piece.strategies.items():
                strategies[h] = dict(mix)
            w = lottery.get(_placeholder(p_path), sp.Integer(0))
            if w != 0:
                for lab, v in piece.outcomes.items():
                    outcomes[lab] = outcomes.get(lab, sp.Integer(0)) + w * v
        pays = tuple(pay[p] for p in self.players)
        return Piece(region, strategies, pays, outcomes, *combined(list(values.values())))


def _placeholder(path: Path) -> str:
    """The outcome label standing for the subgame at ``path`` in a truncated tree."""
    return f"\x00{path_key(path)}"


def _split_unreached(
    ctx: Ctx, region: Region3, raw: Mapping[str, tuple[sp.Expr, dict[str, sp.Expr]]]
) -> list[tuple[Region3, dict[str, dict[str, sp.Expr]]]]:
    """Normalise behaviour strategies, splitting where the reaching mass may vanish.

    Where the player's own mixing excludes an information set (reaching mass 0), no plan in the
    support specifies it and any choice there is optimal; the first action is taken (a pure
    choice), which keeps the profile a Nash equilibrium of every subgame containing it.
    """
    cases: list[tuple[Region3, dict[str, dict[str, sp.Expr]]]] = [(region, {})]
    for h, (den, nums) in raw.items():
        acts = list(nums)
        first = {a: sp.Integer(1 if k == 0 else 0) for k, a in enumerate(acts)}
        grown = []
        for r, beh in cases:
            if den.is_number:
                mix = first if den == 0 else {a: v / den for a, v in nums.items()}
                grown.append((r, {**beh, h: mix}))
                continue
            pos = meet(ctx, (r,), ctx.atoms_of(den, "!="))
            if pos is not None:
                grown.append((pos, {**beh, h: {a: sp.cancel(v / den) for a, v in nums.items()}}))
            zero = meet(ctx, (r,), ctx.atoms_of(den, "=="))
            if zero is not None:
                grown.append((zero, {**beh, h: first}))
        cases = grown
    return cases


def _evaluate(
    node: Node, path: str, behaviour: Mapping[str, Mapping[str, sp.Expr]], movers: Sequence[str]
) -> tuple[dict[str, sp.Expr], dict[str, sp.Expr]]:
    """Expected payoffs and the outcome distribution of a behaviour profile in a subtree.

    Outcomes of the (truncated) subtree already carry their full labels, so ``path`` only
    names the nodes' information sets.
    """
    if isinstance(node, Outcome):
        return dict(node.payoffs), {outcome_label(node, path): sp.Integer(1)}
    weighted: list[tuple[sp.Expr, Node, str]] = []
    if isinstance(node, Decision):
        mix = behaviour[infoset_label(node, path)]
        weighted = [(mix[a], c, a) for a, c in node.actions.items()]
    elif isinstance(node, Chance):
        weighted = [(q, c, b) for b, (q, c) in node.branches.items()]
    pay = {p: sp.Integer(0) for p in movers}
    lottery: dict[str, sp.Expr] = {}
    for w, child, label in weighted:
        if w == 0:
            continue
        sub, lot = _evaluate(child, child_key(path, label), behaviour, movers)
        for p in movers:
            pay[p] += w * sub[p]
        for k, v in lot.items():
            lottery[k] = lottery.get(k, sp.Integer(0)) + w * v
    return pay, lottery

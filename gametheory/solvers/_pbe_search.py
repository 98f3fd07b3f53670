"""The support shapes worth solving: a backtracking search with exact pruning.

A *shape* fixes a support at every information set.  The blind product of supports grows as
``Π (2^|A_h| − 1)``; most of its members fail a condition that involves only a few information
sets.  The search assigns supports from the deepest information sets up and, as soon as a
condition's information sets are all assigned, checks it exactly:

* **local, beliefs relaxed** (an information set with several nodes, once the moves below it are
  fixed): is there *some* belief on its nodes under which the support is a set of tied best
  replies?  A Fourier–Motzkin projection of the belief simplex (:mod:`._pbe_fm`): the receiver's
  best-response regions in belief space, derived once per support and continuation;
* **local, exact** (a singleton, or a set whose nodes' weights are fixed by the moves above it):
  indifference inside the support and nothing better outside it, given the weights.

A condition that involves mixing probabilities (unknowns) joins the conditions collected on the
way down, and the conjunction is decided with :func:`gametheory.conditions.reduce` in the space
widened by the unknowns (each in ``(0, 1)``, each support's in the open simplex).  A shape is
pruned only when a condition is *proved* empty; ``"unknown"`` keeps it.  Every surviving shape is
then solved in full by :mod:`._pbe_shapes`, so pruning can only save time, never lose an
equilibrium: each check is a necessary condition of every PBE with that partial shape.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import FALSE, atom, reduce
from ..games.tree import Chance, Outcome, children
from ..params import ParameterSpace
from ._pbe_fm import eliminate, linearise
from ._pbe_pending import Cond, Pending
from ._pbe_tree import TreeView, supports

__all__ = ["SearchStats", "shapes"]

Probs = dict[str, sp.Expr]


@dataclass
class SearchStats:
    """How much the search visited and pruned."""

    visited: int = 0
    pruned: int = 0
    shapes: int = 0
    product: int = 1
    checks: dict[str, int] = field(default_factory=dict)


class _Search:
    def __init__(self, view: TreeView, space: ParameterSpace, clock: Budget = UNLIMITED) -> None:
        self.clock = clock
        self.view = view
        self.space = space
        infos = view.infosets
        depth = {h: max(p.count("/") + (p != "root") for p in i.paths) for h, i in infos.items()}
        self.order = sorted(infos, key=lambda h: -depth[h])
        pos = {h: k for k, h in enumerate(self.order)}
        self.ready: list[list[tuple[str, str]]] = [[] for _ in self.order]
        for h, info in infos.items():
            local = {h} | view.descendants[h]
            at = max(pos[g] for g in local)
            if len(info.paths) == 1:
                self.ready[at].append((h, "exact"))
                continue
            self.ready[at].append((h, "relaxed"))
            full = local | view.precursors[h]
            self.ready[max(pos[g] for g in full)].append((h, "exact"))
        self.stats = SearchStats()
        for info in infos.values():
            self.stats.product *= 2 ** len(info.actions) - 1
        self._behaviour: dict[tuple[str, tuple[str, ...]], tuple[Probs, list[sp.Symbol]]] = {}
        self._relaxed: dict[tuple[object, ...], bool] = {}
        self._exact: dict[tuple[Cond, ...], bool] = {}
        self.unknowns: set[sp.Symbol] = set()
        self._bounds: dict[sp.Symbol, list[Cond]] = {}

    # -- behaviour with stable unknowns ------------------------------------------------------
    def behaviour(self, h: str, support: tuple[str, ...]) -> Probs:
        """The action probabilities of a support (unknowns shared across the search); the
        conditions bounding its unknowns (each positive, their sum below 1) join the pending
        conditions when an unknown first enters one (:meth:`_check`)."""
        key = (h, support)
        if key not in self._behaviour:
            actions = self.view.infosets[h].actions
            probs: Probs = {a: sp.Integer(0) for a in actions}
            free: list[sp.Symbol] = []
            if len(support) == 1:
                probs[support[0]] = sp.Integer(1)
            else:
                free = [sp.Dummy(f"s[{h},{a}]", positive=True) for a in support[:-1]]
                for a, s in zip(support[:-1], free, strict=True):
                    probs[a] = s
                probs[support[-1]] = 1 - sp.Add(*free)
                self.unknowns.update(free)
                sum_bound: Cond = (1 - sp.Add(*free), ">")
                for u in free:
                    self._bounds[u] = [(u, ">"), sum_bound]
            self._behaviour[key] = (probs, free)
        return self._behaviour[key][0]

    # -- the search --------------------------------------------------------------------------
    def run(self) -> Iterator[dict[str, tuple[str, ...]]]:
        """Depth-first over the information sets in :attr:`order`, with an explicit stack
        (one frame per information set, so any number of them)."""
        shape: dict[str, tuple[str, ...]] = {}
        sigma: dict[str, Probs] = {}
        if not self.order:
            self.stats.shapes += 1
            yield {}
            return
        first = iter(supports(self.view.infosets[self.order[0]].actions))
        stack: list[tuple[int, Iterator[tuple[str, ...]], Pending]] = [(0, first, Pending())]
        while stack:
            k, todo, pending = stack[-1]
            h = self.order[k]
            support = next(todo, None)
            if support is None:
                stack.pop()
                shape.pop(h, None)
                sigma.pop(h, None)
                continue
            self.clock.check("partial support shapes visited", self.stats.visited)
            self.stats.visited += 1
            shape[h], sigma[h] = support, self.behaviour(h, support)
            grown = pending
            ok = True
            for g, kind in self.ready[k]:
                ok, grown = self._check(g, kind, shape, sigma, grown)
                self.stats.checks[kind] = self.stats.checks.get(kind, 0) + 1
                if not ok:
                    break
            if not ok:
                self.stats.pruned += 1
            elif k + 1 == len(self.order):
                self.stats.shapes += 1
                yield dict(shape)
            else:
                nxt = iter(supports(self.view.infosets[self.order[k + 1]].actions))
                stack.append((k + 1, nxt, grown))

    # -- checks ------------------------------------------------------------------------------
    def _values(self, h: str, sigma: Mapping[str, Probs]) -> dict[tuple[str, str], sp.Expr]:
        view = self.view
        info = view.infosets[h]
        i = view.players.index(info.player)
        memo: dict[str, tuple[sp.Expr, ...]] = {}
        return {
            (x, a): self._value(view.child(x, a), sigma, memo)[i]
            for x in info.paths
            for a in info.actions
        }

    def _value(
        self, path: str, sigma: Mapping[str, Probs], memo: dict[str, tuple[sp.Expr, ...]]
    ) -> tuple[sp.Expr, ...]:
        """Expected payoffs below ``path`` under ``sigma`` (children first, without recursion)."""
        view = self.view
        n = len(view.players)
        stack: list[tuple[str, bool]] = [(path, False)]
        while stack:
            at, expanded = stack.pop()
            if at in memo:
                continue
            node = view.nodes[at]
            if isinstance(node, Outcome):
                memo[at] = tuple(node.payoffs[p] for p in view.players)
                continue
            if isinstance(node, Chance):
                weights = [q for q, _ in node.branches.values()]
            else:
                probs = sigma[view.info[at].infoset or ""]
                weights = [probs[a] for a, _ in children(node)]
            below = [
                view.child(at, label) if w != 0 else None
                for w, (label, _) in zip(weights, children(node), strict=True)
            ]
            if not expanded:
                stack.append((at, True))
                stack.extend((b, False) for b in below if b is not None and b not in memo)
                continue
            kids = [memo[b] if b is not None else None for b in below]
            memo[at] = tuple(
                sp.expand(
                    sp.Add(
                        *(w * v[j] for w, v in zip(weights, kids, strict=False) if v is not None)
                    )
                )
                for j in range(n)
            )
        return memo[path]

    def _check(
        self,
        h: str,
        kind: str,
        shape: Mapping[str, tuple[str, ...]],
        sigma: Mapping[str, Probs],
        pending: Pending,
    ) -> tuple[bool, Pending]:
        info = self.view.infosets[h]
        support = shape[h]
        vals = self._values(h, sigma)
        if kind == "relaxed":
            if any(v.free_symbols & self.unknowns for v in vals.values()):
                return True, pending
            return self._relaxed_ok(h, support, vals), pending
        if len(info.paths) == 1:
            weights = {info.paths[0]: sp.Integer(1)}
        else:
            anchor = self.view.anchors[h]
            weights = {x: self.view.reach(x, sigma, anchor) for x in info.paths}
            if all(w == 0 for w in weights.values()):
                return True, pending  # off the path: the relaxed check covered it
        conds = _local_conditions(info.actions, support, weights, vals)
        joint = [(e, op) for e, op in conds if e.free_symbols & self.unknowns]
        alone = [(e, op) for e, op in conds if not e.free_symbols & self.unknowns]
        numbers = [(e, op) for e, op in alone if e.is_number]
        if any(not _holds(e, op) for e, op in numbers):
            return False, pending
        alone = [(e, op) for e, op in alone if not e.is_number]
        if alone:
            key = tuple(alone)
            if key not in self._exact:
                atoms = [a for e, op in alone for a in atom(e, op, space=self.space)]
                self._exact[key] = (
                    FALSE not in atoms and reduce(atoms, self.space, effort=0).status != "empty"
                )
            if not self._exact[key]:
                return False, pending
        if not joint:
            return True, pending
        involved = set().union(*(e.free_symbols & self.unknowns for e, _ in joint))
        local = [*joint, *(b for u in sorted(involved, key=str) for b in self._bounds[u])]
        key2 = tuple(local)
        if key2 not in self._exact:
            self._exact[key2] = Pending().with_conditions(local, self.space).feasible(self.space)
        if not self._exact[key2]:
            return False, pending
        fresh = sorted(involved - pending.bounded, key=str)
        bounds = [b for u in fresh for b in self._bounds[u]]
        grown = pending.with_conditions([*joint, *dict.fromkeys(bounds)], self.space, fresh)
        return grown.feasible(self.space), grown

    def _relaxed_ok(
        self, h: str, support: tuple[str, ...], vals: Mapping[tuple[str, str], sp.Expr]
    ) -> bool:
        """Whether some belief on the nodes makes the support a set of tied best replies."""
        key = (h, support, tuple(vals.items()))
        if key in self._relaxed:
            return self._relaxed[key]
        info = self.view.infosets[h]
        mus = [sp.Dummy(f"b{k}") for k in range(len(info.paths) - 1)]
        last = 1 - sp.Add(*mus)
        weights = dict(zip(info.paths, [*mus, last], strict=True))

        def u(a: str) -> sp.Expr:
            return sp.Add(*(w * vals[(x, a)] for x, w in weights.items()))

        base = u(support[0])
        conds = [(sp.expand(u(a) - base), "==") for a in support[1:]]
        conds += [(sp.expand(base - u(b)), ">=") for b in info.actions if b not in support]
        conds += [(m, ">=") for m in mus] + [(last, ">=")]
        lins = [linearise(e, op, mus, self.space) for e, op in conds]
        if any(x is None for x in lins):
            ok = True  # not decidable here: keep
        else:
            cases = eliminate([x for x in lins if x is not None], mus, self.space, clock=self.clock)
            ok = False
            for k, c in enumerate(cases):
                self.clock.check("belief cases of one information set decided", k, len(cases))
                if reduce(c, self.space, effort=0).status != "empty":
                    ok = True
                    break
        self._relaxed[key] = ok
        return ok


def _holds(e: sp.Expr, op: str) -> bool:
    """A numeric condition, decided exactly."""
    return bool(e == 0) if op == "==" else bool(e > 0) if op == ">" else bool(e >= 0)


def _local_conditions(
    actions: tuple[str, ...],
    support: tuple[str, ...],
    weights: Mapping[str, sp.Expr],
    vals: Mapping[tuple[str, str], sp.Expr],
) -> list[Cond]:
    """Indifference inside the support, nothing better outside it, given the weights."""

    def u(a: str) -> sp.Expr:
        return sp.Add(*(w * vals[(x, a)] for x, w in weights.items()))

    base = u(support[0])
    out: list[Cond] = [(sp.expand(u(a) - base), "==") for a in support[1:]]
    out += [(sp.expand(base - u(b)), ">=") for b in actions if b not in support]
    return [(e, op) for e, op in out if e != 0 or op != "=="]


def shapes(
    view: TreeView, space: ParameterSpace, clock: Budget = UNLIMITED
) -> tuple[Iterator[dict[str, tuple[str, ...]]], SearchStats]:
    """The shapes that survive the pruning (lazily), and the search's statistics (filled in as
    the iterator runs); ``clock`` is checked at every partial shape."""
    search = _Search(view, space, clock)
    return search.run(), search.stats

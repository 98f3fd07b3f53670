"""The SPE certificate below a continuum of private types (:class:`~gametheory.ContinuousChance`).

Nature draws ``θ`` from ``Uniform(lo, hi)``; the players in ``seen_by`` observe it.  The check
takes the game's definition at face value, independently of any solver:

* *Uninformed part.*  Below the draw, decisions of players who do not see ``θ`` and chance moves
  whose probabilities do not involve ``θ`` are reached before anyone learns anything about
  ``θ``: their movers hold the prior, so they must best-respond *in expectation over θ*.  The
  first node below that is not of this kind (an informed decision, a chance move depending on
  ``θ``, an outcome) is a *frontier*: values there are integrals over ``θ``.
* *Integrals.*  At a frontier the integrand (the subtree's payoffs and outcome probabilities at
  ``θ``, under the profile) is split at the cut points in ``θ`` of every condition below (the
  rules' cutoffs, ``Piecewise`` conditions, ``Min``/``Max``/``Abs``).  Where every piece is a
  polynomial in ``θ`` of degree at most ``d`` (a static bound over the subtree) and every cut
  point is a root of a polynomial (degree ≤ 6; other cut points are found as sign changes on
  the grid of types, then bisected), Gauss–Legendre quadrature with ``d // 2 + 1``
  nodes per piece is exact up to float rounding; otherwise the pieces are integrated numerically (12 nodes on 8 panels), compared with 4 panels, and a
  difference above the tolerance is reported as ``"cannot check"``.
* *Rules.*  Below a frontier every decision is checked at each ``θ`` of a grid over
  ``[lo, hi]`` plus each cut point and its ±ε neighbours (one-shot deviations by the player who
  sees ``θ``, the values below at that ``θ``).
* *Claims.*  The equilibrium's payoffs and outcome probabilities are compared with the profile's
  integrals computed exactly with sympy (the integrand resolved piece by piece between its exact
  cut points, each piece integrated as a polynomial), exactly when these are rational; where the
  exact integral is not available, with the quadrature and the tolerance.

Not checked (reported as ``"cannot check"``): a type drawn below another type on one path, a
distribution other than :class:`~gametheory.Uniform`, a continuous decision below a frontier, and
an uninformed decision below a frontier (which needs beliefs over a continuum of types: a
signalling game).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from ..distributions import Uniform
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Outcome
from ._pbe_walk import child, inside
from ._spe_cuts import conditions, cut_polynomials, roots_in, scanned_roots
from ._spe_types_exact import steps_as_piecewise

if TYPE_CHECKING:
    from ._spe_cuts import Cuts, Env, Scans
    from ._spe_grid_view import GridView

__all__ = ["TypeSupport", "condense"]


class TypeSupport:
    """The continuous-type part of one :class:`~._spe_grid.GridCheck` (see the module docstring)."""

    def __init__(self, check: GridView) -> None:
        self.check = check
        self.draws: dict[str, ContinuousChance] = {
            p: n for p, n in check.nodes.items() if isinstance(n, ContinuousChance)
        }
        self.draw_of: dict[str, str] = {}  # node path -> the path of the draw above it
        self.frontier: dict[str, str] = {}  # frontier path -> the path of its draw
        self.prior: set[str] = set()  # the uninformed decisions above a frontier
        self.problems: list[str] = []
        self._cuts: dict[str, Cuts] = {}
        self._degree: dict[str, int | None] = {}
        self._unsettled = False
        self._scans: dict[str, Scans] = {}
        for d, cc in self.draws.items():
            if d in self.draw_of:
                self.problems.append(
                    f"cannot check node {d}: the type {cc.variable} is drawn below the type "
                    f"{self.draws[self.draw_of[d]].variable} (one type per path is checked)"
                )
                continue
            if not isinstance(cc.distribution, Uniform):
                self.problems.append(
                    f"cannot check node {d}: the type {cc.variable} has the distribution "
                    f"{cc.distribution!r}; spe_violations integrates over Uniform types only"
                )
            below = child(d, str(cc.variable))
            for p in check.nodes:
                if inside(p, below):
                    self.draw_of[p] = d
            self._find_frontier(d, cc, below)

    # -- structure ---------------------------------------------------------------------------
    def _find_frontier(self, d: str, cc: ContinuousChance, path: str) -> None:
        node = self.check.nodes[path]
        theta = cc.variable
        if isinstance(node, Decision | ContinuousDecision) and node.player not in cc.seen_by:
            self.prior.add(path)
            kids = (
                [child(path, a) for a in node.actions]
                if isinstance(node, Decision)
                else [child(path, str(node.variable))]
            )
        elif isinstance(node, Chance) and not any(q.has(theta) for q, _ in node.branches.values()):
            kids = [child(path, b) for b in node.branches]
        else:
            self.frontier[path] = d
            self._check_below(cc, path)
            return
        for kid in kids:
            self._find_frontier(d, cc, kid)

    def _check_below(self, cc: ContinuousChance, top: str) -> None:
        """Report what below the frontier ``top`` the check does not cover."""
        top_node = self.check.nodes[top]
        after = (
            f"the informed move at node {top}"
            if isinstance(top_node, Decision)
            else f"the chance move at node {top}, which depends on {cc.variable}"
        )
        for p, n in self.check.nodes.items():
            if not inside(p, top) or not isinstance(n, Decision | ContinuousDecision):
                continue
            if n.player not in cc.seen_by:
                self.problems.append(
                    f"cannot check node {p}: {n.player}, who does not see the type "
                    f"{cc.variable}, moves after {after}; that needs beliefs over a continuum "
                    "of types (a signalling game)"
                )
            elif isinstance(n, ContinuousDecision):
                self.problems.append(
                    f"cannot check node {p}: {n.player} chooses {n.variable} knowing the type "
                    f"{cc.variable}; spe_violations checks the informed players' discrete "
                    "decisions only"
                )

    def informed(self, path: str) -> bool:
        """Whether the mover at ``path`` sees the type drawn above it."""
        d = self.draw_of.get(path)
        node = self.check.nodes[path]
        return d is not None and getattr(node, "player", None) in self.draws[d].seen_by

    def seen(self, path: str) -> set[sp.Symbol]:
        """The types the mover at ``path`` observes."""
        return {self.draws[self.draw_of[path]].variable} if self.informed(path) else set()

    def over(self, path: str) -> str:
        """`` (in expectation over θ ~ U[lo, hi])`` for an uninformed mover above a frontier."""
        if path not in self.prior:
            return ""
        cc = self.draws[self.draw_of[path]]
        return f" (in expectation over {cc.variable} ~ {cc.distribution!r})"

    def integrates(self, path: str, env: Env) -> bool:
        """Whether the value at ``path`` in context ``env`` is an integral over the type."""
        d = self.frontier.get(path)
        return d is not None and self.draws[d].variable not in env

    def at_support_ends(self, found: list[sp.Expr]) -> list[sp.Expr]:
        """The conditions, and each with a type set to its support's ends (where a cutoff in
        the type crosses an end, the expected value has a kink in the earlier variable)."""
        out = list(found)
        for cc in self.draws.values():
            ends = cc.distribution.support
            out.extend(
                f.xreplace({cc.variable: e}) for f in found if f.has(cc.variable) for e in ends
            )
        return out

    # -- the type's grid and the integrals -----------------------------------------------------
    def support(self, path: str, env: Env) -> tuple[sp.Symbol, float, float]:
        cc = self.draws[self.frontier[path]]
        lo, hi = (self.check.num(e, env) for e in cc.distribution.support)
        return cc.variable, lo, hi

    def cuts(self, path: str) -> Cuts:
        """The conditions below the frontier ``path``, as polynomials in the type."""
        if path not in self._cuts:
            theta = self.draws[self.frontier[path]].variable
            exprs = [e for p in self.check.nodes if inside(p, path) for e in self._exprs(p)]
            self._cuts[path], self._scans[path] = [], []
            for f in conditions(exprs, theta):
                poly = cut_polynomials([f], theta)
                self._cuts[path].extend(poly)
                if not poly:  # not a polynomial in θ: its roots by sign changes on a grid
                    syms = tuple(sorted(f.free_symbols - {theta}, key=str))
                    fn = sp.lambdify((theta, *syms), f, modules="math")
                    self._scans[path].append((syms, fn))
        return self._cuts[path]

    def _roots(self, path: str, env: Env, lo: float, hi: float) -> list[float]:
        """The cut points in the type below the frontier ``path`` (with ±ε neighbours)."""
        found = roots_in(self.cuts(path), env, lo, hi)
        return found + scanned_roots(self._scans[path], env, lo, hi, self.check.grid)

    def points(self, path: str, env: Env) -> list[float]:
        """The types at which the rules below the frontier ``path`` are checked."""
        _, lo, hi = self.support(path, env)
        grid = np.linspace(lo, hi, self.check.grid + 1).tolist()
        return sorted({*grid, *self._roots(path, env, lo, hi)})

    def expected(self, path: str, env: Env, dev: Any) -> tuple[tuple[float, ...], dict[str, float]]:
        """The value at the frontier ``path``: payoffs and outcome distribution integrated over
        the type (see the module docstring)."""
        theta, lo, hi = self.support(path, env)
        ends = sorted({lo, hi, *self._roots(path, env, lo, hi)})
        degree = None if self._scans[path] else self.degree(path)
        if degree is not None:
            return self._quadrature(path, env, dev, theta, ends, degree // 2 + 1, 1)
        fine = self._quadrature(path, env, dev, theta, ends, 12, 8)
        coarse = self._quadrature(path, env, dev, theta, ends, 12, 4)
        gap = max(abs(a - b) for a, b in zip(fine[0], coarse[0], strict=True))
        if gap > self.check.tol * max([1.0, *map(abs, fine[0])]) and not self._unsettled:
            self._unsettled = True
            self.check.found.append(
                f"cannot check the integral over {theta} at node {path}: the payoffs are not "
                f"piecewise polynomial in {theta} and the quadrature moved by {gap:.3g}"
            )
        return fine

    def _quadrature(
        self,
        path: str,
        env: Env,
        dev: Any,
        theta: sp.Symbol,
        ends: list[float],
        nodes: int,
        panels: int,
    ) -> tuple[tuple[float, ...], dict[str, float]]:
        xs, ws = np.polynomial.legendre.leggauss(nodes)
        pay = [0.0] * len(self.check.players)
        lottery: dict[str, float] = {}
        width = ends[-1] - ends[0]
        for a, b in itertools.pairwise(ends):
            step = (b - a) / panels
            for j in range(panels):
                lo = a + j * step
                for x, w in zip(xs, ws, strict=True):
                    weight = float(w) * step / 2 / width
                    t = lo + (float(x) + 1) * step / 2
                    got, lot = self.check.value(path, {**env, theta: t}, dev)
                    pay = [u + weight * g for u, g in zip(pay, got, strict=True)]
                    for lab, q in lot.items():
                        lottery[lab] = lottery.get(lab, 0.0) + weight * q
        return tuple(pay), lottery

    def degree(self, path: str) -> int | None:
        """A bound on the degree in the type of the integrand at the frontier ``path``, on each
        piece between cut points (None: not piecewise polynomial)."""
        if path not in self._degree:
            theta = self.draws[self.draw_of[path]].variable
            node = self.check.nodes[path]
            out: int | None
            if isinstance(node, Outcome):
                out = _max(_degree(e, theta) for e in node.payoffs.values())
            elif isinstance(node, Decision | Chance):
                kids = (
                    [child(path, a) for a in node.actions]
                    if isinstance(node, Decision)
                    else [child(path, b) for b in node.branches]
                )
                weights = self._exprs(path)
                out = _max(
                    _add(_degree(q, theta), self.degree(k))
                    for q, k in zip(weights, kids, strict=True)
                )
            else:
                out = None
            self._degree[path] = out
        return self._degree[path]

    def _exprs(self, path: str) -> list[sp.Expr]:
        """The expressions at a node: payoffs, chance probabilities or the profile's mixture
        (in the node's action order)."""
        node = self.check.nodes[path]
        if isinstance(node, Outcome):
            return list(node.payoffs.values())
        if isinstance(node, Chance):
            return [q for q, _ in node.branches.values()]
        if isinstance(node, Decision):
            raw = self.check.strategies.get(self.check.label[path], {})
            return [sp.sympify(raw.get(a, 0)) for a in node.actions]
        return []


def condense(messages: list[str]) -> list[str]:
    """The first message about each node, with how many types on the grid failed there too."""
    first: dict[str, int] = {}
    for m in messages:
        node = m.split(" (given", 1)[0]
        first[node] = first.get(node, 0) + 1
    out = []
    for m in messages:
        node = m.split(" (given", 1)[0]
        if node in first:
            more = first.pop(node) - 1
            out.append(m + (f" (and at {more} more types of the grid)" if more else ""))
    return out


def _max(values: Any) -> int | None:
    out = 0
    for v in values:
        if v is None:
            return None
        out = max(out, v)
    return out


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _degree(e: sp.Expr, theta: sp.Symbol) -> int | None:
    """The largest degree in ``theta`` of ``e``'s pieces (None: a piece is not polynomial)."""
    e = sp.sympify(e)
    if not e.has(theta):
        return 0
    folded = sp.piecewise_fold(steps_as_piecewise(e))
    pieces = [b for b, _ in folded.args] if isinstance(folded, sp.Piecewise) else [folded]
    out = 0
    for b in pieces:
        if b.has(sp.Piecewise) or not b.is_polynomial(theta):
            return None
        out = max(out, sp.Poly(b, theta).degree() if b.has(theta) else 0)
    return out

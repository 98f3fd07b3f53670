"""Symbolic ``gt.spe`` against the independent brute-force oracle (tests/spe_oracle.py), point by
point: seeded random trees whose payoffs are ``k + m*x`` (``m`` in -1, 0, 1, so choices tie on
whole intervals or at single points), solved once over ``x`` in (0, 4), then read at points,
tie points included (x = 1/2, 1, ..., 7/2).

At each point the profiles the symbolic solution lists there (``Solution.at``, each group of
equivalent choices expanded into its members) must all be extreme SPE of the game at that
point, and when the solution is ``complete`` they must be all of them, mixed end points
included (equivalence as in tests/test_spe_differential.py: same payoffs and distribution of
play at every node).  The oracle knows nothing of the solver: it enumerates mixtures on a grid
and tests vertices exactly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction as F

import numpy as np
import sympy as sp

import gametheory as gt
from tests import spe_oracle as oracle
from tests.spe_oracle import Leaf, Move
from tests.test_spe_differential import NAMES, Case, members

x = sp.Symbol("x", positive=True)
GAMES = 30
POINTS = [F(k, 2) for k in range(1, 8)]


@dataclass(frozen=True)
class SymLeaf:
    payoffs: tuple[tuple[int, int], ...]  # (k, m) per player: k + m*x


@dataclass(frozen=True)
class SymMove:
    player: int
    actions: tuple[tuple[str, SymLeaf | SymMove], ...]


def random_tree(rng: np.random.Generator, depth: int = 0) -> SymMove:
    """Depth at most 3, two actions (three at the root sometimes), payoffs ``k + m*x``."""
    acts = 3 if depth == 0 and rng.random() < 0.3 else 2
    kids: list[tuple[str, SymLeaf | SymMove]] = []
    for k in range(acts):
        if depth == 2 or rng.random() < (0.2 if depth == 0 else 0.4):
            pay = tuple((int(rng.integers(-2, 3)), int(rng.integers(-1, 2))) for _ in range(2))
            kids.append((f"a{k}", SymLeaf(pay)))
        else:
            kids.append((f"a{k}", random_tree(rng, depth + 1)))
    return SymMove(int(rng.integers(0, 2)), tuple(kids))


def to_game(tree: SymLeaf | SymMove) -> gt.ExtensiveGame:
    def build(node: SymLeaf | SymMove) -> gt.games.tree.Node:
        if isinstance(node, SymLeaf):
            return gt.Outcome(**{NAMES[i]: k + m * x for i, (k, m) in enumerate(node.payoffs)})
        return gt.Decision(NAMES[node.player], {a: build(k) for a, k in node.actions})

    return gt.ExtensiveGame(build(tree), players=NAMES[:2])


def at_point(tree: SymLeaf | SymMove, v: F) -> oracle.Node:
    if isinstance(tree, SymLeaf):
        return Leaf(tuple(k + m * v for k, m in tree.payoffs))
    return Move(tree.player, tuple((a, at_point(k, v)) for a, k in tree.actions))


@functools.cache
def solved() -> tuple[tuple[int, SymMove, gt.Solution], ...]:
    out = []
    seed = 0
    while len(out) < GAMES:
        rng = np.random.default_rng(1000 + seed)
        seed += 1
        tree = random_tree(rng)
        if sum(1 for _ in oracle.nodes(at_point(tree, F(1)))) > 15:
            continue
        out.append((seed - 1, tree, gt.spe(to_game(tree), gt.ParameterSpace({x: (0, 4)}))))
    return tuple(out)


def test_listed_profiles_at_points_are_the_oracles_extreme_spe() -> None:
    failures = []
    compared = mixed = 0
    for seed, tree, sol in solved():
        for v in POINTS:
            numeric = at_point(tree, v)
            try:
                extreme = oracle.extreme_spe(numeric, budget=3000)
            except (oracle.TooManyProfiles, oracle.GridTooCoarse):
                continue
            case = Case(seed, numeric, to_game(tree), sol, [], extreme)  # type: ignore[arg-type]
            here = sol.at({x: sp.Rational(v.numerator, v.denominator)})
            ours = {oracle.signature(numeric, m) for eq in here for m in members(case, eq)}
            theirs = {oracle.signature(numeric, e.strategies) for e in extreme}
            extra = ours - theirs
            missing = theirs - ours if sol.complete else set()
            compared += 1
            mixed += len(theirs) > len(oracle.pure_spe(numeric))
            if extra or missing:
                failures.append(
                    f"seed {seed} at x = {v}: {len(extra)} listed that are not extreme SPE, "
                    f"{len(missing)} extreme SPE missing"
                )
    assert compared >= GAMES * len(POINTS) // 2
    assert mixed >= 3  # the sample has mixed end points at some points
    assert not failures, "\n".join(failures)


def test_most_symbolic_solutions_are_complete() -> None:
    """The comparison above is a full one (missing ones counted) on most games."""
    assert sum(sol.complete for _, _, sol in solved()) >= GAMES * 2 // 3

"""The faster linear algebra of repeated-game checks against the plain one, on seeded random
automata (mixed play, random transitions), and the answers against an independent simulation.

The frequency solve goes one strongly connected component of the chain at a time, and the
Nash check's policy values are solved on the states a policy reaches from the start only: both
must give exactly the field elements of one Gaussian elimination of the whole system.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.repeated import _chain, _mdp, check
from tests.repeated_oracle import Sim

C, D = "C", "D"
delta = sp.Symbol("delta", positive=True)
T, R, P, S = sp.symbols("T R P S", real=True)


def _stage(t: object = T, r: object = R, p: object = P, s: object = S) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(
        [[r, s], [t, p]], [[r, t], [s, p]], actions=([C, D], [C, D])
    )


def random_automaton(rng: np.random.Generator, k: int, name: str) -> gt.Automaton:
    """``k`` states; each plays an action or a mixture (quarters), and moves after each
    profile to a state or, one time in three, to a lottery over two states (halves)."""
    states = [f"s{j}" for j in range(k)]
    play: dict[str, object] = {}
    for s in states:
        q = int(rng.integers(0, 5))
        play[s] = C if q == 4 else D if q == 0 else {C: sp.Rational(q, 4), D: sp.Rational(4 - q, 4)}
    moves: dict[tuple[str, tuple[str, str]], object] = {}
    for s in states:
        for own in (C, D):
            for other in (C, D):
                a, b = (states[int(x)] for x in rng.integers(0, k, 2))
                if a != b and rng.integers(0, 3) == 0:
                    moves[(s, (own, other))] = {a: sp.Rational(1, 2), b: sp.Rational(1, 2)}
                else:
                    moves[(s, (own, other))] = a
    return gt.Automaton(states[0], play, moves, name=name)


def _profile(seed: int) -> tuple[gt.Automaton, gt.Automaton]:
    rng = np.random.default_rng(seed)
    return (
        random_automaton(rng, int(rng.integers(2, 5)), f"row{seed}"),
        random_automaton(rng, int(rng.integers(2, 5)), f"col{seed}"),
    )


def _one_solve(chain: _chain.Chain, f: _chain.Field) -> list[list[object]]:
    """The frequencies by one elimination of the whole system (the reference)."""
    d = f(chain.game.discount)
    n = len(chain.states)
    one = f.k.one
    matrix = [[one if r == c else f.k.zero for c in range(n)] for r in range(n)]
    rhs = []
    for s in range(n):
        probs = [f(chain.prob(s, a)) for a in chain.profiles]
        rhs.append([(one - d) * q for q in probs])
        for a, q in zip(chain.profiles, probs, strict=True):
            for j, p in chain.moves[(s, a)].items():
                matrix[s][j] -= d * q * f(p)
    return _dense_solve(f, matrix, rhs)


def _dense_solve(
    f: _chain.Field, matrix: list[list[object]], rhs: list[list[object]]
) -> list[list[object]]:
    """Plain Gauss–Jordan elimination in the field, pivots in order (the reference for the
    sparse Markowitz solve)."""
    n = len(matrix)
    a = [[*row, *b] for row, b in zip(matrix, rhs, strict=True)]
    for c in range(n):
        p = next(r for r in range(c, n) if a[r][c])
        a[c], a[p] = a[p], a[c]
        inv = f.k.one / a[c][c]
        a[c] = [v * inv for v in a[c]]
        for r in range(n):
            if r != c and a[r][c]:
                k = a[r][c]
                a[r] = [x - k * y for x, y in zip(a[r], a[c], strict=True)]
    return [row[n:] for row in a]


@pytest.mark.parametrize("seed", range(4))
def test_markowitz_solve_equals_gauss_jordan(seed: int) -> None:
    """The sparse solve with Markowitz pivots against plain Gauss–Jordan on every policy's
    system (random automata: mixed play, random transitions)."""
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    d = f(delta)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        n = len(mdp.states)
        for policy in check._policies(mdp):
            rows = [[f.k.one if r == c else f.k.zero for c in range(n)] for r in range(n)]
            rhs = []
            for r in range(n):
                rhs.append([(f.k.one - d) * x for x in _mdp._reward(mdp, r, policy[r], f)])
                for c, p in mdp.move[(r, policy[r])].items():
                    rows[r][c] -= d * f(p)
            assert _chain.solve(f, rows, rhs) == _dense_solve(f, rows, rhs), policy


@pytest.mark.parametrize("seed", range(8))
def test_frequencies_by_components_equal_one_solve(seed: int) -> None:
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    whole = _one_solve(chain, f)
    assert _chain.frequencies(chain, f) == whole
    on_path = _chain.frequencies(chain, f, on_path=True)
    assert on_path[0] == whole[0]
    assert all(row == [] or row == whole[s] for s, row in enumerate(on_path))


@pytest.mark.parametrize("seed", range(8))
def test_start_values_on_reached_states_equal_the_whole_solve(seed: int) -> None:
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        for policy in check._policies(mdp):
            assert _mdp.start_value(mdp, policy, f) == _mdp.values(mdp, policy, f)[0], policy


@pytest.mark.parametrize("seed", range(6))
def test_random_profiles_agree_with_an_independent_simulation(seed: int) -> None:
    """At random rational δ, the profile is listed exactly where the simulation finds no
    profitable one-shot deviation (SPE) or no better strategy from the start (Nash)."""
    rng = np.random.default_rng(100 + seed)
    s_, p_, r_, t_ = sorted(int(x) for x in rng.choice(np.arange(-4, 8), 4, replace=False))
    stage = _stage(t_, r_, p_, s_)
    rg = gt.RepeatedGame(stage, delta)
    pay = {prof: [float(v) for v in stage.payoff(prof).values()] for prof in stage.profiles()}
    a, b = _profile(seed)
    for concept in ("spe", "nash"):
        sol = getattr(gt, concept)(rg, profile={"Row": a, "Col": b})
        for k in sorted(int(x) for x in rng.integers(1, 99, 6)):
            d = k / 100
            sim = Sim(pay, [[C, D], [C, D]], [a, b], d)
            gains = sim.spe_gains() if concept == "spe" else sim.nash_gains()
            if min(abs(g) for g in gains) < 1e-7:
                continue  # on a threshold: either answer is within rounding
            here = sol.at(delta=sp.Rational(k, 100))
            assert (len(here) == 1) == (min(gains) > 0), (concept, d, gains)

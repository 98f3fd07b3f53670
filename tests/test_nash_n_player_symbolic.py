"""``gt.nash`` on n-player games with symbolic payoffs: mixed equilibria with their regions.

Checks that do not trust the symbolic solver: at seeded random rational parameter points, the
equilibria whose conditions hold there must be exactly those the numeric n-player solver
finds in the game at that point (an independent exact computation: Gröbner bases in
rationals); each one passes the exact regret certificate there; and a closed form derived by
hand (the irrational 2x2x2 game of ``test_nash_n_player``, with its constant made a parameter).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from .fixtures import coordination_game, difference_game, table_game

k = sp.Symbol("k", positive=True)
t = sp.Symbol("t")
UNIT = gt.ParameterSpace({t: (0, 1)})


def parametric_irrational_game() -> gt.NormalFormGame:
    """Gains ``D1 = 2q - 2r + 1``, ``D2 = 2p + 2r - 3``, ``D3 = 20pq + 10p - k``: as in the
    numeric fixture (``k = 11``), ``q = 1 - p``, ``r = 3/2 - p`` and ``20p(1 - p) + 10p = k``,
    so ``p = 3/4 ± sqrt(225 - 20k)/20``: two totally mixed equilibria for ``10 < k < 45/4``
    (both in the unit cube there), irrational unless ``225 - 20k`` is a square."""
    return difference_game(
        [
            lambda q, r: 2 * q - 2 * r + 1,
            lambda p, r: 2 * p + 2 * r - 3,
            lambda p, q: 20 * p * q + 10 * p - k,
        ]
    )


def random_game(shape: tuple[int, ...], seed: int) -> gt.NormalFormGame:
    """Payoffs ``a + b t`` with small random integers ``a, b`` (seeded)."""
    rng = np.random.default_rng(seed)
    a = [rng.integers(-5, 6, size=shape) for _ in shape]
    b = [rng.integers(-5, 6, size=shape) for _ in shape]
    return table_game([a[p] + b[p] * t for p in range(len(shape))], entry=sp.sympify)


def rounded(eq: gt.Equilibrium) -> tuple[float, ...]:
    return tuple(round(float(v), 7) for s in eq.strategies.values() for v in s.values())


def test_coordination_game_with_a_parameter_is_solved_completely() -> None:
    c = sp.Symbol("c", positive=True)
    g = coordination_game(c)
    sol = gt.nash(g)
    assert sol.complete and not sol.incomplete and sol.method != "pure profiles"
    assert [eq.kind for eq in sol] == ["pure", "pure", "mixed"]
    half = sp.Rational(1, 2)
    assert all(v == half for s in sol[2].strategies.values() for v in s.values())
    assert sol[2].payoffs == {"A": c / 4, "B": c / 4, "C": c / 4}
    assert_equilibrium(g.at(c=3), sol[2].at(c=3))


def test_quadratic_support_system_gives_radicals_and_their_region() -> None:
    g = parametric_irrational_game()
    space = gt.ParameterSpace({k: (0, 40)})
    sol = gt.nash(g, space=space)
    full = [eq for eq in sol if all(len(s) == 2 for s in eq.strategies.values())]
    full = [eq for eq in full if all(v != 0 for s in eq.strategies.values() for v in s.values())]
    assert len(full) == 2
    root = sp.sqrt(225 - 20 * k) / 20
    got = {sp.simplify(eq.strategies["P1"]["a0"] - sp.Rational(3, 4)) for eq in full}
    assert got == {root, -root}
    for eq in full:
        p, q, r = (eq.strategies[f"P{i}"]["a0"] for i in (1, 2, 3))
        assert sp.simplify(q - (1 - p)) == 0 and sp.simplify(r - (sp.Rational(3, 2) - p)) == 0
        assert eq.witness is not None and 10 < eq.witness[k] <= sp.Rational(45, 4)
        # the region is 10 < k <= 45/4 for both (probabilities in (0, 1) and real)
        for kv, inside in [(sp.Rational(21, 2), True), (11, True), (10, False), (12, False)]:
            assert eq.holds_at(k=kv) == inside, kv
    # k = 11 is the numeric fixture: the same two radicals
    numeric = gt.nash(g.at(k=11))
    assert {rounded(eq) for eq in sol.at(k=11)} == {rounded(eq) for eq in numeric}


def _check_at_points(g: gt.NormalFormGame, sol: gt.Solution, seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        tv = sp.Rational(int(rng.integers(1, 997)), 997)  # off every listed boundary's roots
        here, numeric = sol.at(t=tv), gt.nash(g.at(t=tv))
        for eq in here:
            assert_equilibrium(g.at(t=tv), eq)
        ours, theirs = {rounded(eq) for eq in here}, {rounded(eq) for eq in numeric}
        assert ours <= theirs, tv
        if sol.complete or all("singular" in why for why in sol.incomplete):
            assert ours == theirs, tv  # off the named boundaries nothing is missed


@pytest.mark.parametrize("seed", range(4))
def test_random_2x2x2_games_agree_with_the_numeric_solver_at_points(seed: int) -> None:
    g = random_game((2, 2, 2), seed)
    sol = gt.nash(g, space=UNIT)
    assert sol.complete == (not sol.incomplete)
    for why in sol.incomplete:
        assert "singular" in why or "continuum" in why, why
    _check_at_points(g, sol, seed, 4)


def test_regret_certificates_at_points_inside_each_region() -> None:
    g = random_game((2, 2, 2), 11)
    sol = gt.nash(g, space=UNIT)
    assert any(eq.kind == "mixed" for eq in sol)
    rng = np.random.default_rng(3)
    for eq in sol:
        assert eq.witness is not None
        points = [eq.witness[t]] + [sp.Rational(int(rng.integers(0, 1001)), 1000) for _ in range(8)]
        for tv in points:
            if eq.holds_at(t=tv):
                assert_equilibrium(g.at(t=tv), eq.at(t=tv))


@pytest.mark.slow
def test_supports_beyond_the_closed_forms_are_named_and_the_rest_still_holds() -> None:
    g = random_game((2, 2, 3), 2)
    sol = gt.nash(g, space=UNIT)
    assert not sol.complete
    assert any("beyond the symbolic kernel" in why for why in sol.incomplete)
    rng = np.random.default_rng(9)
    for _ in range(2):
        tv = sp.Rational(int(rng.integers(1, 997)), 997)
        theirs = {rounded(eq) for eq in gt.nash(g.at(t=tv))}
        for eq in sol.at(t=tv):
            assert_equilibrium(g.at(t=tv), eq)
            assert rounded(eq) in theirs


def test_budget_stops_symbolic_enumeration_with_a_partial_solution() -> None:
    with pytest.raises(gt.BudgetExceededError) as err:
        gt.nash(random_game((2, 2, 2), 1), space=UNIT, budget=1e-9)
    partial = err.value.partial
    assert isinstance(partial, gt.Solution) and not partial.complete


def test_payoffs_beyond_rational_functions_keep_the_pure_equilibria_and_say_why() -> None:
    c = sp.Symbol("c", positive=True)
    g = gt.NormalFormGame(
        players={p: ["x", "y"] for p in "ABC"},
        payoffs={
            prof: (sp.exp(c), sp.sqrt(c), 1) if len(set(prof)) == 1 else (0, 1, 0)
            for prof in itertools.product("xy", repeat=3)
        },
    )
    sol = gt.nash(g, space=gt.ParameterSpace({c: (0, 5)}))
    assert not sol.complete and len(sol) == 4 and {eq.kind for eq in sol} == {"pure"}
    assert any("no closed form here" in why for why in sol.incomplete)
    for cv in (sp.Rational(1, 2), 2):
        ours = {rounded(eq) for eq in sol.at(c=cv)}
        assert ours <= {rounded(eq) for eq in gt.nash(g.at(c=cv))}

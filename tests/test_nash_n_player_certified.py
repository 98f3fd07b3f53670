"""The certified numeric fallback for support systems beyond the exact kernel.

Checks that do not trust it: the exact solver on the same games (with the size limit lowered so
that the fallback takes over every nonlinear support), Krawczyk's test on systems whose roots
are known, pygambit's ``enumpoly_solve`` on five-player games, and the regret certificate.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

import gametheory as gt
import gametheory.solvers.n_player as n_player
from gametheory.solvers._certified import _certify, _Poly
from gametheory.testing import assert_equilibrium

from .fixtures import table_game
from .test_nash_n_player import _gambit_equilibria


def _vectors(res: n_player.NPlayerResult) -> list[np.ndarray]:
    return [np.concatenate([[float(x) for x in v] for v in e]) for e in res.equilibria]


@pytest.mark.parametrize(
    ("shape", "seed"),
    [
        pytest.param((2, 2, 3), 0, id="2x2x3-0"),
        pytest.param((2, 2, 3), 1, id="2x2x3-1"),
        pytest.param((3, 3, 3), 2, id="3x3x3-2"),
    ],
)
def test_the_fallback_finds_the_exact_equilibria_and_nothing_else(
    shape: tuple[int, ...], seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(seed)
    g = table_game([rng.integers(-100, 101, size=shape) for _ in shape])
    exact = n_player.n_player_equilibria(g)
    assert not exact.unresolved and not exact.certified
    monkeypatch.setattr(n_player, "MAX_SOLUTIONS", 1)  # every nonlinear system goes numeric
    numeric = n_player.n_player_equilibria(g)
    assert numeric.certified and numeric.unresolved
    ours, truth = _vectors(numeric), _vectors(exact)
    for k in numeric.certified:  # each certified one is an exact one, to far below a float
        mixes = numeric.equilibria[k]
        match = [e for e in exact.equilibria if _distance(mixes, e) < 1e-25]
        assert len(match) == 1
    # on these seeded games the search also finds every one
    assert len(ours) == len(truth)
    assert all(any(np.max(np.abs(o - t)) < 1e-12 for o in ours) for t in truth)


def _distance(a: tuple, b: tuple) -> float:
    return max(
        abs(sp.N(x - y, 40)) for u, v in zip(a, b, strict=True) for x, y in zip(u, v, strict=True)
    )


def cyclic_pennies(n: int) -> gt.NormalFormGame:
    """Player i wants to match player i + 1, the last one to mismatch the first: the unique
    equilibrium has everyone mixing 1/2 (Jordan 1993's game with n players)."""
    arrays = [np.zeros((2,) * n, dtype=int) for _ in range(n)]
    for idx in itertools.product(range(2), repeat=n):
        for i in range(n):
            same = idx[i] == idx[(i + 1) % n]
            arrays[i][idx] = (1 if same else -1) * (-1 if i == n - 1 else 1)
    return table_game(arrays)


def test_five_player_pennies_get_their_certified_equilibrium() -> None:
    g = cyclic_pennies(5)
    sol = gt.nash(g)
    assert not sol.complete and len(sol) == 1
    (why,) = sol.incomplete
    assert "up to 44 solutions" in why and "certified" in why and "not proved" in why
    assert any("certified numeric" in note for note in sol.notes)
    eq = sol[0]
    assert all(
        abs(v - sp.Rational(1, 2)) < 1e-25 for s in eq.strategies.values() for v in s.values()
    )
    assert_equilibrium(g, eq)


def test_krawczyk_certifies_a_root_and_refuses_a_non_root() -> None:
    _, x, y = sp.ring("x y", sp.QQ)
    F = [_Poly(x**2 - 2), _Poly(x * y - 1)]  # root (sqrt 2, 1/sqrt 2)
    J = [[_Poly((x**2 - 2).diff(x)), _Poly((x**2 - 2).diff(y))], [_Poly(y), _Poly(x)]]
    with mpmath.workdps(60):
        root = [mpmath.sqrt(2), 1 / mpmath.sqrt(2)]
        off = [mpmath.sqrt(2) + mpmath.mpf(10) ** -12, 1 / mpmath.sqrt(2)]
    box = _certify(F, J, root)
    assert box is not None
    s2 = sp.sqrt(2)
    assert box[0][0] < s2 < box[0][1] and box[1][0] < 1 / s2 < box[1][1]
    assert box[0][1] - box[0][0] <= Fraction(2, 10**20)
    assert _certify(F, J, off) is None  # 1e-12 away: no box of radius <= 1e-20 holds a root


@pytest.mark.slow
def test_five_player_games_agree_with_pygambit() -> None:
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-100, 101, size=(2,) * 5) for _ in range(5)]
    g = table_game(arrays)
    sol = gt.nash(g)
    _, theirs = _gambit_equilibria(arrays)
    ours = [np.array([float(v) for s in eq.strategies.values() for v in s.values()]) for eq in sol]
    for e in theirs:
        assert any(np.max(np.abs(np.concatenate(e) - o)) < 1e-6 for o in ours)
    for eq in sol:
        assert_equilibrium(g, eq)

"""gametheory.testing: the certificate catches non-equilibria; the strategies build valid games."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings

import gametheory as gt
from gametheory.testing import assert_equilibrium, regret
from gametheory.testing import strategies as gst

PD = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_certificate_accepts_equilibria_and_rejects_others() -> None:
    assert_equilibrium(PD, {"Row": {"s2": 1}, "Col": {"s2": 1}})
    assert_equilibrium(PD, [[0, 1], [0, 1]])
    with pytest.raises(gt.NotAnEquilibriumError, match="player Row gains 2"):
        assert_equilibrium(PD, {"Row": {"s1": 1}, "Col": {"s1": 1}})
    assert regret(PD, [[1, 0], [1, 0]]) == {"Row": Fraction(2), "Col": Fraction(2)}


def test_certificate_is_exact_for_exact_profiles() -> None:
    mp = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    half = Fraction(1, 2)
    assert_equilibrium(mp, [[half, half], [half, half]])
    eps = Fraction(1, 10**12)
    with pytest.raises(gt.NotAnEquilibriumError):
        assert_equilibrium(mp, [[half, half], [half + eps, half - eps]])
    # floats get the tolerance
    assert_equilibrium(mp, [[0.5 + 1e-12, 0.5 - 1e-12], [0.5, 0.5]])


def test_certificate_rejects_bad_profiles() -> None:
    with pytest.raises(gt.NotAnEquilibriumError, match="not a probability vector"):
        assert_equilibrium(PD, [[Fraction(1, 2), 1], [0, 1]])
    with pytest.raises(gt.InvalidProfileError, match="no strategy for player Col"):
        assert_equilibrium(PD, {"Row": {"s2": 1}})
    with pytest.raises(gt.InvalidProfileError, match="no action"):
        assert_equilibrium(PD, {"Row": {"s9": 1}, "Col": {"s2": 1}})
    with pytest.raises(gt.InvalidProfileError, match="unknown player"):
        assert_equilibrium(PD, {"Row": {"s2": 1}, "Col": {"s2": 1}, "X": {}})


def test_certificate_on_symbolic_games_needs_a_point() -> None:
    c = sp.Symbol("c", positive=True)
    g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    with pytest.raises(gt.GameError, match="at="):
        assert_equilibrium(g, [[1, 0], [1, 0]])
    assert_equilibrium(g, [[1, 0], [1, 0]], at={"c": 2})


@given(gst.normal_form_games(gst.rational_payoffs(), max_actions=3))
def test_game_strategy_builds_valid_exact_games(game: gt.NormalFormGame) -> None:
    assert game.is_exact and len(game.players) == 2
    assert min(game.shape) >= 1 and max(game.shape) <= 3


@given(gst.degenerate_games(n_players=3, max_actions=2))
def test_degenerate_strategy_draws_small_payoffs(game: gt.NormalFormGame) -> None:
    assert all(v in (0, 1, 2) for row in game.table for v in row)
    assert len(game.players) == 3


x, y = sp.symbols("x y", positive=True)
SPACE = gt.ParameterSpace({x: (0, 1), y: sp.Interval(1, sp.oo)}, constraints=[y > 2 * x])


@settings(max_examples=50)
@given(gst.points(SPACE))
def test_points_lie_in_the_space_and_are_exact(point: dict) -> None:
    assert SPACE.contains(point)
    assert all(isinstance(v, sp.Rational) for v in point.values())


@given(gst.normal_form_games(gst.symbolic_payoffs([x, y]), max_actions=2))
def test_symbolic_payoffs_use_the_given_symbols(game: gt.NormalFormGame) -> None:
    assert set(game.parameters) <= {x, y}

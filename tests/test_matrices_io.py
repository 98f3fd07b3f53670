"""nashpy and numpy interchange: ``NormalFormGame.from_nashpy``, ``.to_nashpy()``,
``.to_matrices()`` (numbers read exactly, clear errors for games matrices cannot hold)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

import gametheory as gt
from gametheory.testing import strategies as gst

R = sp.Rational


def test_integers_stay_integers_and_zero_sum_games_get_their_second_matrix() -> None:
    g = gt.NormalFormGame.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
    assert g.players == ("Row", "Col") and g.actions["Col"] == ("s1", "s2")
    assert g.payoff(("s1", "s2")) == {"Row": -1, "Col": 1}
    assert g.is_exact


def test_floats_are_the_decimals_they_print_as() -> None:
    game = nashpy.Game([[0.1, 0.25], [1 / 3, 2.0]], [[1, 0], [0, 1]])
    g = gt.NormalFormGame.from_nashpy(game, players=("A", "B"), actions=[["u", "d"], ["l", "r"]])
    assert g.payoff(("u", "l"))["A"] == R(1, 10)  # not 3602879701896397/36028797018963968
    assert g.payoff(("u", "r"))["A"] == R(1, 4)
    assert g.payoff(("d", "l"))["A"] == R(3333333333333333, 10**16)  # 1/3 was never a float
    assert g.payoff(("d", "r"))["A"] == 2 and g.is_exact
    floats = gt.NormalFormGame.from_nashpy(game, exact=False)
    assert isinstance(floats.payoff(("s1", "s1"))["Row"], sp.Float) and not floats.is_exact


def test_matrices_and_back() -> None:
    g = gt.NormalFormGame.from_matrices([[1, R(1, 2)], [0, 3]], [[2, 0], [R(-3, 4), 1]])
    A, B = g.to_matrices()
    assert A.dtype == np.float64 and A.tolist() == [[1.0, 0.5], [0.0, 3.0]]
    A, B = g.to_matrices(exact=True)
    assert A.dtype == object and B[1, 0] == Fraction(-3, 4) and isinstance(B[1, 0], Fraction)
    theirs = g.to_nashpy()
    assert np.array_equal(theirs.payoff_matrices[1], [[2.0, 0.0], [-0.75, 1.0]])
    assert gt.NormalFormGame.from_nashpy(theirs) == g  # these rationals are exact decimals


@settings(max_examples=30)
@given(gst.normal_form_games(min_actions=2, max_actions=4))
def test_nashpy_round_trip_and_equilibria(game: gt.NormalFormGame) -> None:
    theirs = game.to_nashpy()
    assert gt.NormalFormGame.from_nashpy(theirs) == game
    sol = gt.nash(game)
    if sol.degenerate:
        return  # nashpy's support enumeration assumes a non-degenerate game
    ours = {
        tuple(tuple(float(eq.strategies[p][a]) for a in game.actions[p]) for p in game.players)
        for eq in sol
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns about degenerate games it cannot detect
        found = [tuple(map(tuple, eq)) for eq in theirs.support_enumeration()]
    for x, y in found:  # nashpy may miss equilibria (no tolerance), never invent one
        assert any(
            np.allclose(x, ox, atol=1e-9) and np.allclose(y, oy, atol=1e-9) for ox, oy in ours
        )


def test_errors() -> None:
    c = sp.Symbol("c")
    symbolic = gt.NormalFormGame.from_matrices([[c, 0]], [[0, 1]])
    with pytest.raises(gt.UnsupportedGameError, match=r"payoff of Row .* is c.*game\.at\(\.\.\.\)"):
        symbolic.to_matrices()
    with pytest.raises(gt.UnsupportedGameError, match="symbolic"):
        symbolic.to_nashpy()
    three = gt.NormalFormGame.from_matrices([[[1]]], [[[1]]], [[[1]]])
    with pytest.raises(gt.UnsupportedGameError, match="two-player game; this one has 3"):
        three.to_matrices()
    irrational = gt.NormalFormGame.from_matrices([[sp.sqrt(2)]], [[0]])
    assert irrational.to_matrices()[0][0, 0] == pytest.approx(2**0.5)
    with pytest.raises(gt.UnsupportedGameError, match="not rational"):
        irrational.to_matrices(exact=True)
    with pytest.raises(gt.UnsupportedGameError, match=r"nashpy\.Game"):
        gt.NormalFormGame.from_nashpy([[1, 2]])
    with pytest.raises(gt.InvalidPayoffError, match="not finite"):
        gt.NormalFormGame.from_nashpy(nashpy.Game([[np.nan, 1]], [[0, 1]]))

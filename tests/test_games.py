"""NormalFormGame: construction, access, transformations and clear errors on bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from .fixtures import crisis_game

c, a = sp.symbols("c a", positive=True)


chicken = crisis_game


def test_profile_dict_constructor_and_access() -> None:
    g = chicken()
    assert g.players == ("US", "Iran")
    assert g.actions["Iran"] == ("hold", "escalate")
    assert g.shape == (2, 2)
    assert g.payoff(("escalate", "escalate")) == {"US": -c, "Iran": -c}
    assert g.parameters == (a, c)
    assert not g.is_numeric
    assert g.label(("escalate", "escalate")) == "war"
    assert g.label(("hold", "hold")) == "hold/hold"


def test_from_matrices_matches_profile_dict() -> None:
    g = chicken()
    A, B = g.matrices()
    h = gt.NormalFormGame.from_matrices(
        A,
        B,
        players=("US", "Iran"),
        actions={"US": ["hold", "escalate"], "Iran": ["hold", "escalate"]},
    )
    assert h.table == g.table
    assert gt.NormalFormGame.from_matrices(np.array([[1, 2]]), [[3, 4]]).shape == (1, 2)


def test_numbers_are_exact_and_floats_kept() -> None:
    g = gt.NormalFormGame.from_matrices([[1, Fraction(1, 3)]], [[0.5, 2]])
    assert g.payoff(("s1", "s2"))["Row"] == sp.Rational(1, 3)
    assert isinstance(g.payoff(("s1", "s1"))["Col"], sp.Float)
    assert g.is_numeric and not g.is_exact


def test_at_substitutes_exactly() -> None:
    g = chicken().at(c=5, a=0.5)
    assert g.is_exact
    assert g.payoff(("hold", "escalate"))["US"] == sp.Rational(-1, 2)


def test_frozen_and_hashable() -> None:
    g = chicken()
    with pytest.raises(AttributeError):
        g.players = ("x",)  # type: ignore[misc]
    with pytest.raises(TypeError):
        g.actions["US"] = ("x",)  # type: ignore[index]
    assert hash(g) == hash(chicken())
    assert g == chicken()


def test_relabel_and_permute() -> None:
    g = chicken()
    h = g.relabel(players={"US": "A"}, actions={"Iran": {"hold": "wait"}})
    assert h.players == ("A", "Iran")
    assert h.payoff(("escalate", "wait")) == {"A": 1, "Iran": -a}
    assert h.label(("escalate", "escalate")) == "war"
    p = g.permute({"US": ["escalate", "hold"]})
    assert p.payoff(("escalate", "hold")) == g.payoff(("escalate", "hold"))
    assert p.actions["US"] == ("escalate", "hold")


def test_str_and_latex() -> None:
    text = str(chicken())
    assert "US \\ Iran" in text and "-c, -c" in text
    assert chicken()._repr_latex_().startswith("$$\\begin{array}")
    three = gt.NormalFormGame.from_matrices([[[1]]], [[[2]]], [[[3]]])
    assert "P1" in str(three)


@pytest.mark.parametrize(
    ("kwargs", "error", "culprit"),
    [
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {}},
            gt.InvalidProfileError,
            "('x', 'y')",
            id="missing-profile",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x", "y"): (1,)}},
            gt.InvalidPayoffError,
            "2 values",
            id="wrong-length",
        ),
        pytest.param(
            {
                "players": {"A": ["x"], "B": ["y"]},
                "payoffs": {("x", "z"): (1, 1), ("x", "y"): (1, 1)},
            },
            gt.InvalidActionError,
            "'z'",
            id="unknown-action",
        ),
        pytest.param(
            {"players": {"A": ["x", "x"], "B": ["y"]}, "payoffs": {}},
            gt.InvalidActionError,
            "duplicate label(s): x",
            id="duplicate-action",
        ),
        pytest.param(
            {"players": {"A": [], "B": ["y"]}, "payoffs": {}},
            gt.InvalidActionError,
            "player A is empty",
            id="empty-actions",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x", "y"): (math.nan, 1)}},
            gt.InvalidPayoffError,
            "payoff of A",
            id="nan",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x", "y"): (1, math.inf)}},
            gt.InvalidPayoffError,
            "payoff of B",
            id="inf",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x", "y"): ("1", 1)}},
            gt.InvalidPayoffError,
            "type str; give a number",
            id="string-payoff",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x", "y"): (sp.oo, 1)}},
            gt.InvalidPayoffError,
            "not finite",
            id="sympy-infinity",
        ),
        pytest.param(
            {"players": {"A": ["x"], "B": ["y"]}, "payoffs": {("x",): (1, 1)}},
            gt.InvalidProfileError,
            "tuple of 2 actions",
            id="short-profile",
        ),
        pytest.param(
            {"players": {}, "payoffs": {}}, gt.InvalidPlayerError, "non-empty", id="no-players"
        ),
    ],
)
def test_bad_input_names_the_culprit(kwargs: dict, error: type, culprit: str) -> None:
    with pytest.raises(error) as info:
        gt.NormalFormGame(**kwargs)
    assert culprit in str(info.value)
    assert isinstance(info.value, gt.GameError) and isinstance(info.value, ValueError)


def test_bad_matrices() -> None:
    with pytest.raises(gt.InvalidGameError, match="mismatched shapes"):
        gt.NormalFormGame.from_matrices([[1, 2]], [[1], [2]])
    with pytest.raises(gt.InvalidGameError, match="ragged"):
        gt.NormalFormGame.from_matrices([[1, 2], [3]], [[1, 2], [3, 4]])
    with pytest.raises(gt.InvalidActionError, match="player Row has 2 strategies"):
        gt.NormalFormGame.from_matrices([[1], [2]], [[1], [2]], actions=[["x"], ["y"]])
    with pytest.raises(gt.InvalidPlayerError, match="unknown player 'Z'"):
        chicken().payoff_array("Z")
    with pytest.raises(gt.UnknownParameterError, match="unknown parameter q"):
        chicken().at(q=1)

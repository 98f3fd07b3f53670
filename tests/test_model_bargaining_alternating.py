"""The complete-information alternating-offers game of models/bargaining.py through gt.spe."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

import gametheory as gt

from . import solved
from .cont_oracle import check_follower, check_leader, grid

ROOT = Path(__file__).resolve().parent.parent
R = sp.Rational


@pytest.fixture(scope="module")
def model() -> object:
    return solved.model("bargaining")


@pytest.mark.parametrize("horizon", [1, 2, 3, 4])
def test_finite_horizon_closed_form(model: object, horizon: int) -> None:
    """Ståhl (1972); Rubinstein (1982); Osborne & Rubinstein (1990), ch. 3: with T periods
    the first proposer's share is 1, 1 − δ_B, 1 − δ_B(1 − δ_A), 1 − δ_B(1 − δ_A(1 − δ_B)) for
    T = 1..4, agreed at once; the responder accepts exactly the offers worth its value as the
    next proposer (accepting at indifference)."""
    m: object = model
    da, db = m.delta_A, m.delta_B  # type: ignore[attr-defined]
    expected = [1, 1 - db, 1 - db * (1 - da), 1 - db * (1 - da * (1 - db))][horizon - 1]
    assert sp.expand(m.first_proposer_share(horizon) - expected) == 0  # type: ignore[attr-defined]
    sol = gt.spe(m.alternating_offers(horizon), m.alternating_space)  # type: ignore[attr-defined]
    assert len(sol) == 1
    (eq,) = sol
    assert sp.expand(eq.payoffs["A"] - expected) == 0
    assert sp.expand(eq.payoffs["B"] - (1 - expected)) == 0
    assert eq.outcomes["agreement in period 1"] == 1
    assert sp.expand(eq.strategies["A@root"]["x1"] - (1 - expected)) == 0


def test_converges_to_rubinstein(model: object) -> None:
    """Rubinstein (1982): the shares tend to (1 − δ_B)/(1 − δ_A·δ_B) as the horizon grows."""
    m: object = model
    da, db = m.delta_A, m.delta_B  # type: ignore[attr-defined]
    limit = (1 - db) / (1 - da * db)
    point = {da: R(9, 10), db: R(4, 5)}
    gaps = [abs(m.first_proposer_share(t).subs(point) - limit.subs(point)) for t in (2, 10, 40)]  # type: ignore[attr-defined]
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < R(1, 100)


@pytest.mark.parametrize("horizon", [2, 3])
def test_spe_survives_deviations_at_a_point(model: object, horizon: int) -> None:
    m: object = model
    point = {"delta_A": R(9, 10), "delta_B": R(4, 5)}
    game = m.alternating_offers(horizon).at(point)  # type: ignore[attr-defined]
    (eq,) = gt.spe(m.alternating_offers(horizon), m.alternating_space).at(point)  # type: ignore[attr-defined]
    x1 = eq.strategies["A@root"]["x1"]
    check_leader(game, eq, "A@root", 0, 1, [x1])
    check_follower(game, eq, grid(0, 1, [x1], n=21))


def test_bad_horizon_is_an_error(model: object) -> None:
    with pytest.raises(gt.GameError, match="horizon"):
        model.alternating_offers(0)  # type: ignore[attr-defined]

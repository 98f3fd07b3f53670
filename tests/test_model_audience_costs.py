"""Audience costs and bluffing (models/audience_costs.py): the results its docstring states.

Each stated region and formula is checked through ``gt.pbe``; the comparative static in the
audience cost symbolically (the derivative on the region) and along a compiled sweep; and, as a
property at random exact points, every PBE of the symbolic solution is a Nash equilibrium of
the tree's normal form and the symbolic solution at the point equals ``gt.pbe`` of the numeric
game there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers.spe import tree_profile_to_normal_form
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "audience_costs.py"
R = sp.Rational

model = solved.model("audience_costs")
q, a, c, k = model.q, model.a, model.c, model.k
SOL = solved.solution("audience_costs")


def pure(strategy: dict[str, Any]) -> str | None:
    actions = [x for x, v in strategy.items() if v == 1]
    return str(actions[0]) if actions else None


def predicted(point: dict[str, Any]) -> str:
    """The docstring's region at a point off the boundaries a = c and k·q = 1."""
    if point["a"] > point["c"]:
        return "committed"
    if point["k"] * point["q"] > 1:
        return "credible"
    return "bluffing"


def bluffing(eq: gt.Equilibrium) -> bool:
    return eq.kind == "semi-separating"


# -- the symbolic table ---------------------------------------------------------------------------


def test_resolved_challenger_always_threatens_and_fights() -> None:
    for eq in SOL:
        assert pure(eq.strategies["C|resolved"]) == "threaten"
        assert pure(eq.strategies["C|resolved|resisted"]) == "fight"


def test_bluffing_equilibrium() -> None:
    (eq,) = [e for e in SOL if bluffing(e)]
    assert eq.conditions == sp.And(c >= a, k * q < 1)
    sigma = q * (k - 1) / (1 - q)
    assert sp.simplify(eq.strategies["C|unresolved"]["threaten"] - sigma) == 0
    assert sp.simplify(eq.strategies["T|threat"]["resist"] - 1 / (1 + a)) == 0
    assert pure(eq.strategies["C|unresolved|resisted"]) == "back down"
    assert sp.simplify(eq.beliefs["T|threat"]["resolved"] - 1 / k) == 0
    expected = {
        "war": q / (1 + a),
        "back down": q * (k - 1) / (1 + a),
        "concession": a * k * q / (1 + a),
        "status quo": 1 - k * q,
    }
    for label, value in expected.items():
        assert sp.simplify(eq.outcomes[label] - value) == 0, label
    assert sp.simplify(eq.payoffs["C"] - q * (1 + 2 * a) / (2 * (1 + a))) == 0
    assert sp.simplify(eq.payoffs["T"] + k * q) == 0


def test_pooling_regions() -> None:
    pools = [e for e in SOL if e.kind == "pooling" and pure(e.strategies["T|threat"]) == "concede"]
    by_response = {pure(e.strategies["C|unresolved|resisted"]): e for e in pools}
    mixing = by_response.pop(None, None)  # the unresolved type mixes only where a = c
    if mixing is not None:
        assert sp.Eq(a, c) in sp.And.make_args(mixing.conditions)
    assert set(by_response) == {"fight", "back down"}
    assert by_response["fight"].conditions == (a >= c)  # committed
    assert by_response["back down"].conditions == sp.And(c >= a, k * q >= 1)  # credible
    for eq in pools:
        assert eq.outcomes["concession"] == 1
        assert eq.outcomes["war"] == 0
    # the remaining pooling equilibria (T mixing) live on the boundaries k·q = 1 or a = c only
    for eq in SOL:
        if eq.kind == "pooling" and eq not in pools:
            parts = sp.And.make_args(eq.conditions)
            assert sp.Eq(k * q, 1) in parts or sp.Eq(a, c) in parts


@pytest.mark.parametrize(
    "point",
    [
        pytest.param({"q": R(1, 4), "a": 1, "c": 3, "k": 2}, id="bluff"),
        pytest.param({"q": R(1, 4), "a": 4, "c": 3, "k": 2}, id="committed"),
        pytest.param({"q": R(3, 4), "a": 1, "c": 3, "k": 2}, id="credible"),
        pytest.param({"q": R(1, 10), "a": R(1, 2), "c": R(1, 3), "k": 9}, id="cheap-war"),
        pytest.param({"q": R(1, 2), "a": 7, "c": 8, "k": R(3, 2)}, id="bluff-2"),
    ],
)
def test_one_equilibrium_per_region(point: dict[str, Any]) -> None:
    (eq,) = SOL.at(point)
    region = predicted(point)
    assert bluffing(eq) == (region == "bluffing")
    unresolved = pure(eq.strategies["C|unresolved|resisted"])
    assert unresolved == ("fight" if region == "committed" else "back down")


# -- the comparative static in a -----------------------------------------------------------------


def test_war_probability_falls_in_audience_cost_symbolically() -> None:
    (eq,) = [e for e in SOL if bluffing(e)]
    slope = sp.diff(eq.outcomes["war"], a)
    assert sp.simplify(slope + q / (1 + a) ** 2) == 0
    assert slope.is_negative  # q, a positive
    # the bluffing rate does not move with a; T's resistance does
    assert sp.diff(eq.strategies["C|unresolved"]["threaten"], a) == 0
    assert sp.diff(eq.strategies["T|threat"]["resist"], a).is_negative
    assert sp.diff(eq.payoffs["C"], a).simplify().is_positive
    for e in SOL:  # war happens only in the bluffing equilibrium or on a boundary
        if not bluffing(e) and e.outcomes["war"] != 0:
            assert any(isinstance(x, sp.Eq) for x in sp.And.make_args(e.conditions))


@pytest.mark.parametrize(("qq", "cc", "kk"), [(0.25, 3, 2), (0.1, 1.5, 5), (0.4, 6, 2.2)])
def test_war_probability_falls_along_a_sweep(qq: float, cc: float, kk: float) -> None:
    grid = np.linspace(0.05, 10, 400)
    res = gt.sweep(SOL, a=grid, q=qq, c=cc, k=kk)
    frame = res.frame
    assert set(frame["a"].round(12)) == set(grid.round(12))  # an equilibrium at every point
    worst = frame.groupby("a")["war"].max().sort_index()
    assert (np.diff(worst.to_numpy()) <= 1e-12).all()
    inside = worst[worst.index < cc]
    assert np.allclose(inside.to_numpy(), qq / (1 + inside.index.to_numpy()))
    assert (worst[worst.index > cc] == 0).all()


def test_thresholds_in_a_and_q() -> None:
    (t,) = gt.thresholds(SOL, "a", q=R(1, 4), c=3, k=2)
    assert t.value == 3  # a = c: the audience cost commits the unresolved type
    (t,) = gt.thresholds(SOL, "q", a=1, c=3, k=2)
    assert t.value == R(1, 2)  # k·q = 1: the prior alone makes threats credible


# -- certificates and symbolic-at-a-point versus numeric -----------------------------------------


def _key(eq: gt.Equilibrium) -> frozenset[tuple[str, str, sp.Expr]]:
    return frozenset((h, x, sp.sympify(v)) for h, s in eq.strategies.items() for x, v in s.items())


exact = st.fractions(min_value=R(1, 12), max_value=10, max_denominator=12).map(sp.Rational)


@settings(max_examples=20, deadline=None)
@given(
    st.fractions(min_value=R(1, 12), max_value=R(11, 12), max_denominator=12).map(sp.Rational),
    exact,
    exact,
    st.fractions(min_value=R(13, 12), max_value=10, max_denominator=12).map(sp.Rational),
)
def test_symbolic_pbe_at_points_are_nash_and_match_numeric(
    qq: sp.Rational, aa: sp.Rational, cc: sp.Rational, kk: sp.Rational
) -> None:
    assume(aa != cc and kk * qq != 1)  # on these boundaries: see test_pbe_issues.py
    point = {"q": qq, "a": aa, "c": cc, "k": kk}
    here = SOL.at(point)
    assert len(here) >= 1
    numeric_game = model.game.at(point)
    nf = numeric_game.to_normal_form()
    for eq in here:
        assert_equilibrium(nf, tree_profile_to_normal_form(numeric_game, eq))
    numeric = gt.pbe(numeric_game)
    assert {_key(e) for e in here} == {_key(e) for e in numeric}


# -- scenarios and printed output -----------------------------------------------------------------


def test_scenarios() -> None:
    (bluff,) = SOL.at(model.scenarios["bluff"])
    assert bluff.kind == "semi-separating"
    assert bluff.strategies["C|unresolved"]["threaten"] == R(1, 3)
    assert bluff.outcomes["war"] == R(1, 8)
    assert bluff.outcomes["back down"] == R(1, 8)
    for name in ("high_audience_cost", "likely_resolved"):
        (eq,) = SOL.at(model.scenarios[name])
        assert eq.kind == "pooling" and eq.outcomes["concession"] == 1, name


def test_printed_output() -> None:
    out = solved.script("audience_costs")
    assert out.returncode == 0, out.stderr
    assert "Scenario 'bluff'" in out.stdout
    assert "threaten 1/3, status quo 2/3" in out.stdout
    assert "P(war) = 1/8" in out.stdout

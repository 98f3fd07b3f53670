"""gt.thresholds (exact parameter values where the equilibrium set changes) and gt.compare."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from .fixtures import A, C, crisis_game

SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return gt.nash(crisis_game(), space=SPACE)


def _kinds(sol: gt.Solution, idx: tuple[int, ...]) -> list[str]:
    return sorted(sol[k].kind for k in idx)


def test_chicken_threshold_is_exact_and_matches_at(sol: gt.Solution) -> None:
    (t,) = gt.thresholds(sol, "c", a=1)
    assert t.value == 1 and t.parameter == C
    assert _kinds(sol, t.below) == ["pure"]  # the audience trap: war
    assert _kinds(sol, t.above) == ["mixed", "pure", "pure"]
    assert set(t.at) == set(t.below) | set(t.above)
    # the sets either side agree with Solution.at
    assert len(sol.at(c=sp.Rational(1, 2), a=1)) == len(t.below)
    assert len(sol.at(c=2, a=1)) == len(t.above)
    (u,) = gt.thresholds(sol, A, c=3)
    assert u.value == 3 and "a = 3" in str(u)


def test_irrational_thresholds_are_exact() -> None:
    x = sp.Symbol("x", positive=True)
    g = gt.NormalFormGame.from_matrices([[x**2, 0], [0, 2]], [[1, 0], [0, 1]])
    sol = gt.nash(g, space=gt.ParameterSpace({x: (0, 4)}))
    values = [t.value for t in gt.thresholds(sol, x)]
    assert values == []  # the equilibrium set (two pure, one mixed) never changes here
    h = gt.NormalFormGame.from_matrices([[x**2, 0], [2, 0]], [[1, 1], [0, 0]])
    (t,) = gt.thresholds(gt.nash(h, space=gt.ParameterSpace({x: (0, 4)})), x)
    assert t.value == sp.sqrt(2)


def test_threshold_errors(sol: gt.Solution) -> None:
    with pytest.raises(gt.MissingParameterError, match="a"):
        gt.thresholds(sol, "c")
    with pytest.raises(gt.UnknownParameterError, match="unknown parameter z"):
        gt.thresholds(sol, "z", a=1)
    with pytest.raises(gt.GameError, match="varies"):
        gt.thresholds(sol, "c", c=1, a=1)
    with pytest.raises(gt.OutsideSpaceError):
        gt.thresholds(sol, "c", a=11)


def test_compare_finds_where_a_change_matters(sol: gt.Solution) -> None:
    costlier = crisis_game().map_payoffs(lambda v: v.xreplace({C: 2 * C}))
    other = gt.nash(costlier, space=SPACE)
    grid = {"c": np.linspace(0.25, 10, 40), "a": 2}
    cmp = gt.compare(gt.sweep(sol, **grid), gt.sweep(other, **grid), measure="war")
    frame = cmp.frame
    # doubling the cost of war removes the audience trap for 1 < c < 2 (a = 2)
    trap_only_here = frame[(frame["c"] > 1) & (frame["c"] < 2)]
    assert (trap_only_here["war_a"] == 1).all() and (trap_only_here["war_b"] < 1).all()
    assert not trap_only_here["same"].any()
    assert (frame.loc[frame["c"] > 2, "difference"] > 0).all()  # mixed war risk is lower
    assert 0 < cmp.summary()["share_differing"] <= 1
    assert len(cmp.differing()) == int((~frame["same"]).sum())


def test_compare_errors(sol: gt.Solution) -> None:
    a = gt.sweep(sol, c=[1, 2], a=1)
    with pytest.raises(gt.GameError, match="different grids"):
        gt.compare(a, gt.sweep(sol, c=[1, 2, 3], a=1), measure="war")
    with pytest.raises(gt.GameError, match="different parameter values"):
        gt.compare(a, gt.sweep(sol, c=[1, 3], a=1), measure="war")
    with pytest.raises(gt.GameError, match="no column 'peace'"):
        gt.compare(a, a, measure="peace")


def _choice(pay: sp.Expr) -> gt.Solution:
    c = sp.Symbol("c", positive=True)
    tree = gt.ExtensiveGame(
        gt.Decision(
            "A", {"x": gt.Outcome("x", A=pay.subs("c", c), B=0), "y": gt.Outcome("y", A=3, B=0)}
        ),
        players=["A", "B"],
    )
    return gt.spe(tree, gt.ParameterSpace({c: (0, 5)}))


def test_transcendental_threshold_is_exact_where_sympy_solves_it() -> None:
    (t,) = gt.thresholds(_choice(sp.exp(sp.Symbol("c"))), "c")
    assert t.exact and t.value == sp.log(3)
    assert (t.below, t.at, t.above) == ((1,), (0, 1), (0,))


def test_numeric_thresholds_are_bracketed_and_checked() -> None:
    """exp(c) + c^3 cos(c) = 3 has no closed form: roots by brentq, each a sign change of the
    payoff difference, and the equilibria on either side swap."""
    c = sp.Symbol("c")
    pay = sp.exp(c) + c**3 * sp.cos(c)
    found = gt.thresholds(_choice(pay), "c")
    assert len(found) == 3 and not any(t.exact for t in found)
    f = sp.lambdify(c, pay - 3)
    for t in found:
        x = float(t.value)
        assert abs(f(x)) < 1e-9
        assert set(t.at) == {0, 1} and set(t.below) | set(t.above) == {0, 1}
        assert "≈" in str(t)

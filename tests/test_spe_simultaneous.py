"""Simultaneous continuous choices in ``gt.spe`` (a labelled inner ContinuousDecision: the
second mover does not see the first's number): every pure Nash equilibrium, re-checked at
points by :mod:`tests.cont_oracle` against a grid of unilateral deviations."""

from __future__ import annotations

import pytest
import sympy as sp

import gametheory as gt

from .cont_oracle import check_simultaneous

a, b, c, V = sp.symbols("a b c V", positive=True)
c1, c2 = sp.symbols("c1 c2", nonnegative=True)
q1, q2 = sp.symbols("q1 q2", nonnegative=True)
R = sp.Rational


def _duopoly(cost1: sp.Expr, cost2: sp.Expr) -> gt.ExtensiveGame:
    price = a - b * (q1 + q2)
    leaf = gt.Outcome(A=q1 * (price - cost1), B=q2 * (price - cost2))
    inner = gt.ContinuousDecision("B", q2, (0, a / b), leaf, infoset="B")
    return gt.ExtensiveGame(gt.ContinuousDecision("A", q1, (0, a / b), inner, infoset="A"))


def test_cournot_closed_form() -> None:
    """Cournot (1838); Tirole (1988), §5.4: with demand a − b·Q and unit cost c < a, the unique
    equilibrium has q1 = q2 = (a − c)/(3b), each firm earning (a − c)²/(9b)."""
    space = gt.ParameterSpace({a: (1, 10), b: (1, 10), c: (0, 1)}, constraints=[a > c])
    sol = gt.spe(_duopoly(c, c), space)
    assert len(sol) == 1
    (eq,) = sol
    for h, v in (("A", "q1"), ("B", "q2")):
        assert sp.simplify(eq.strategies[h][v] - (a - c) / (3 * b)) == 0
    assert sp.simplify(eq.payoffs["A"] - (a - c) ** 2 / (9 * b)) == 0
    for point in ({a: 4, b: 1, c: 1}, {a: 10, b: 3, c: R(1, 2)}):
        (here,) = sol.at(point)
        game = _duopoly(c, c).at(point)
        hi = point[a] / point[b]
        check_simultaneous(game, here, [("A", 0, hi), ("B", 0, hi)])


@pytest.mark.parametrize(
    ("costs", "expected"),
    [
        ((1, 2), (R(4, 3), R(1, 3))),  # interior, asymmetric: q_i = (a − 2c_i + c_j)/(3b)
        ((0, 3), (R(2), R(0))),  # B's cost too high: B stays out, A is a monopolist
    ],
)
def test_asymmetric_cournot(costs: tuple[int, int], expected: tuple) -> None:
    """Tirole (1988), §5.4, with unit costs c1 ≠ c2 (a = 4, b = 1): interior
    q_i = (a − 2c_i + c_j)/(3b) while a − 2c_j + c_i ≥ 0, else the corner q_j = 0 and
    q_i = (a − c_i)/(2b)."""
    space = gt.ParameterSpace({a: (1, 10), b: (1, 10), c1: (0, 4), c2: (0, 4)})
    game = _duopoly(c1, c2)
    sol = gt.spe(game, space)
    point = {a: 4, b: 1, c1: costs[0], c2: costs[1]}
    eqs = sol.at(point)
    assert {(e.strategies["A"]["q1"], e.strategies["B"]["q2"]) for e in eqs} == {expected}
    for eq in eqs:
        check_simultaneous(game.at(point), eq, [("A", 0, 4), ("B", 0, 4)])


def test_tullock_contest() -> None:
    """Tullock (1980); Konrad (2009), §2.2: two contestants spend x_i on a prize V, winning
    with probability x_i/(x1 + x2); the unique equilibrium has x1 = x2 = V/4 (half the prize
    dissipated)."""
    x1, x2 = sp.symbols("x1 x2", nonnegative=True)
    win = x1 / (x1 + x2)
    leaf = gt.Chance(
        {
            "1 wins": (win, gt.Outcome(A=V - x1, B=-x2, label="A wins")),
            "2 wins": (1 - win, gt.Outcome(A=-x1, B=V - x2, label="B wins")),
        }
    )
    inner = gt.ContinuousDecision("B", x2, (0, V), leaf, infoset="B")
    game = gt.ExtensiveGame(gt.ContinuousDecision("A", x1, (0, V), inner, infoset="A"))
    sol = gt.spe(game, gt.ParameterSpace({V: (1, 10)}))
    assert len(sol) == 1
    (eq,) = sol
    assert eq.strategies["A"]["x1"] == V / 4 and eq.strategies["B"]["x2"] == V / 4
    assert sp.simplify(eq.payoffs["A"] - V / 4) == 0
    assert eq.outcomes["A wins"] == R(1, 2)
    (here,) = sol.at(V=4)
    check_simultaneous(game.at(V=4), here, [("A", 0, 4), ("B", 0, 4)])


def test_every_pure_equilibrium_of_a_coordination_game() -> None:
    """u_i = x_i·(2x_j − 1) on [0, 1]: each best reply is 0, 1 or (at x_j = 1/2) anything, so
    the pure equilibria are (0, 0), (1/2, 1/2) and (1, 1), and no asymmetric one."""
    x1, x2 = sp.symbols("x1 x2", real=True)
    leaf = gt.Outcome(A=x1 * (2 * x2 - 1), B=x2 * (2 * x1 - 1))
    inner = gt.ContinuousDecision("B", x2, (0, 1), leaf, infoset="B")
    game = gt.ExtensiveGame(gt.ContinuousDecision("A", x1, (0, 1), inner, infoset="A"))
    sol = gt.spe(game)
    found = {(e.strategies["A"]["x1"], e.strategies["B"]["x2"]) for e in sol}
    assert found == {(0, 0), (R(1, 2), R(1, 2)), (1, 1)}
    for eq in sol:
        check_simultaneous(game, eq, [("A", 0, 1), ("B", 0, 1)])


def test_an_interval_using_the_unseen_choice_is_an_error() -> None:
    x1, x2 = sp.symbols("x1 x2", nonnegative=True)
    leaf = gt.Outcome(A=x1, B=x2)
    inner = gt.ContinuousDecision("B", x2, (0, x1 + 1), leaf, infoset="B")
    game = gt.ExtensiveGame(gt.ContinuousDecision("A", x1, (0, 1), inner))
    with pytest.raises(gt.GameError, match="does not observe"):
        gt.spe(game)

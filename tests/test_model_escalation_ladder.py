"""The escalation ladder (models/escalation_ladder.py): the results its docstring states.

Each result is checked through ``gt.spe``.  An independent numeric backward induction below (no
solver, exact rationals, MODELS.md's tie rule "escalate only if strictly better") serves as a
differential check of the solver at interior points, and is itself checked against the tree's
Nash equilibria (``gt.nash`` and the regret certificate).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "escalation_ladder.py"

ladder = solved.model("escalation_ladder")
V, c_A, c_B = ladder.V, ladder.c_A, ladder.c_B


# -- an independent numeric backward induction ------------------------------------------------


def backward_induction(
    game: gt.ExtensiveGame, prefer: str = "stop"
) -> tuple[dict[str, str], dict[str, sp.Rational], str]:
    """The pure SPE of a numeric perfect-information tree, by direct recursion.

    Ties go to ``prefer`` when it is among the best actions, else to the first best action in the
    tree's order.  Returns ``({information set: action}, {player: payoff}, outcome label)``.
    """
    strategies: dict[str, str] = {}

    def solve(node: Any, path: str) -> tuple[dict[str, sp.Rational], str]:
        if isinstance(node, gt.Outcome):
            pay = {p: _rational(v) for p, v in node.payoffs.items()}
            return pay, node.label or f"end:{path}"
        if not isinstance(node, gt.Decision):
            raise TypeError(f"node {path} is not a decision or an outcome")
        values = {
            a: solve(child, a if path == "root" else f"{path}/{a}")
            for a, child in node.actions.items()
        }
        best = max(v[0][node.player] for v in values.values())
        winners = [a for a, v in values.items() if v[0][node.player] == best]
        choice = prefer if prefer in winners else winners[0]
        strategies[node.infoset or f"{node.player}@{path}"] = choice
        return values[choice]

    payoffs, label = solve(game.root, "root")
    return strategies, payoffs, label


def _rational(v: sp.Expr) -> sp.Rational:
    if not v.is_Rational:
        raise TypeError(f"payoff {v} is not an exact rational number")
    return v


def at(game: gt.ExtensiveGame, point: Mapping[str, object]) -> gt.ExtensiveGame:
    """The tree at a point, given only the parameters it has (a one-rung ladder has no V)."""
    names = {str(x) for x in game.parameters}
    return game.at({k: v for k, v in point.items() if k in names})


def interior_points() -> list[dict[str, sp.Rational]]:
    """Points of the space with V/c_A and V/c_B not integers: no ties anywhere in the tree."""
    q = sp.Rational
    costs = [q(7, 10), q(3, 2), q(23, 10), q(27, 10), q(4), q(7), q(93, 10)]
    return [
        {"V": q(10), "c_A": ca, "c_B": cb, **ladder.WAR_AT}
        for ca, cb in itertools.product(costs, repeat=2)
    ]


def stated_outcome(N: int, J_A: int, J_B: int, point: Mapping[str, object]) -> str:
    """MODELS.md's rule for N = 4 (the docstring's result 2)."""
    assert N == 4
    v, ca, cb = (sp.Rational(point[k]) for k in ("V", "c_A", "c_B"))
    if J_B == 1 or 2 * cb > v:
        return "A prevails at rung 1"
    if J_A >= 3 and 3 * ca < v:
        return "A prevails at rung 3"
    return "status quo"


SUBTRACTION = [(N, J) for N in range(1, 8) for J in range(1, 4) if J <= N]
AFFORDABLE = {
    "V": 10,
    "c_A": sp.Rational(3, 2),
    "c_B": sp.Rational(7, 4),
    **ladder.WAR_AT,
}  # 3*c_i < V, no ties


# -- the tree -----------------------------------------------------------------------------------


def test_build_shape() -> None:
    g = ladder.build(2, 1, 1)
    assert list(g.infosets) == ["A@root", "B@rung1"]
    assert g.players == ("A", "B")
    assert set(g.parameters) == {V, c_A, c_B, ladder.W_A, ladder.W_B}
    assert list(ladder.game.infosets["A@root"].actions) == ["stop", "rung1", "rung2", "rung3"]
    assert list(ladder.game.infosets["B@rung1"].actions) == ["stop", "rung2", "rung3"]
    # rung N is war, with free war payoffs that the space keeps below the worst stop
    war = ladder.game.node("rung3/rung4")
    assert war.label == "war"
    assert dict(war.payoffs) == {"A": ladder.W_A, "B": ladder.W_B}
    assert not ladder.space.contains(V=10, c_A=2, c_B=3, W_A=-5, W_B=-100)  # -5 > -3*c_A
    assert ladder.space_for(10).contains(V=10, c_A=9, c_B=9, W_A=-100, W_B=-82)


@pytest.mark.parametrize("args", [(0, 1, 1), (3, 0, 1), (3, 1, 4)])
def test_build_rejects_bad_ladders(args: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        ladder.build(*args)


def test_scenarios_inside_the_space() -> None:
    for name, point in ladder.scenarios.items():
        assert ladder.space.contains(point), name


# -- the numeric backward induction against the tree's Nash equilibria ---------------------------


@pytest.mark.parametrize("args", [(2, 1, 1), (3, 2, 1), (3, 2, 2), (3, 3, 3), (4, 1, 1)])
def test_backward_induction_is_a_nash_equilibrium(args: tuple[int, int, int]) -> None:
    """The numeric SPE is a Nash equilibrium of the reduced normal form (regret certificate), and
    gt.nash lists an equilibrium with its payoffs."""
    game = ladder.build(*args)
    for point in interior_points()[::5]:
        numeric = at(game, point)
        strategies, payoffs, _ = backward_induction(numeric)
        behaviour = {h: {a: 1} for h, a in strategies.items()}
        assert_equilibrium(numeric, numeric.behaviour_to_mixed(behaviour))
        nash_payoffs = {tuple(eq.payoffs[p] for p in game.players) for eq in gt.nash(numeric)}
        assert tuple(payoffs[p] for p in game.players) in nash_payoffs


def test_backward_induction_follows_the_stated_rules() -> None:
    """The numeric backward induction itself reproduces results 1-3 (so that it can referee the
    solver): the N = 4 rule for every reach, and the subtraction rule."""
    for J_A, J_B in itertools.product(range(1, 5), repeat=2):
        game = ladder.build(4, J_A, J_B)
        for point in interior_points():
            _, _, label = backward_induction(at(game, point))
            assert label == stated_outcome(4, J_A, J_B, point), (J_A, J_B, point)
    for N, J in SUBTRACTION:
        _, _, label = backward_induction(at(ladder.build(N, J, J), AFFORDABLE))
        assert (label == "status quo") == ((N - 1) % (J + 1) == 0), (N, J)
        assert label == "status quo" or label.startswith("A prevails at rung ")


# -- result 2: N = 4, through gt.spe --------------------------------------------------------------


@pytest.fixture(scope="module")
def solution() -> gt.Solution:
    return solved.solution("escalation_ladder")


STATED = {  # outcome -> (payoff of A, payoff of B, where it holds: weak inequalities on ties)
    "A prevails at rung 1": (V - c_A, -c_B, 2 * c_B >= V),
    "A prevails at rung 3": (V - 3 * c_A, -3 * c_B, sp.And(2 * c_B <= V, 3 * c_A <= V)),
    "status quo": (sp.Integer(0), sp.Integer(0), sp.And(2 * c_B <= V, 3 * c_A >= V)),
}


def on_path(eq: gt.Equilibrium) -> str:
    (label,) = [o for o, p in eq.outcomes.items() if p != 0]
    assert eq.outcomes[label] == 1
    return label


def test_module_game_three_regions(solution: gt.Solution) -> None:
    assert solution.concept == "spe"
    by_outcome: dict[str, list[gt.Equilibrium]] = {}
    for eq in solution.generic():
        by_outcome.setdefault(on_path(eq), []).append(eq)
    boundary = [eq for eq in solution if eq.on_boundary]
    assert boundary and all(eq.kind == "mixed" for eq in boundary)  # B mixing at 2c_B = V
    assert set(by_outcome) == set(STATED)
    for label, eqs in by_outcome.items():
        pay_a, pay_b, _ = STATED[label]
        for eq in eqs:
            assert sp.simplify(eq.payoffs["A"] - pay_a) == 0, label
            assert sp.simplify(eq.payoffs["B"] - pay_b) == 0, label
            assert eq.witness is not None, label
            assert len(eq.strategies) == len(ladder.game.infosets)


def test_module_game_regions_match_the_docstring(solution: gt.Solution) -> None:
    """Where each outcome's equilibria hold is exactly the stated region (boundaries included:
    ties keep both branches)."""
    q = sp.Rational
    grid = [q(k, 2) for k in range(1, 20)]  # c in 1/2 .. 19/2 with V = 10: hits 2c_B = V, 3c_A = V
    grid += [q(10, 3), q(5)]
    for ca, cb in itertools.product(grid, repeat=2):
        point = {"V": 10, "c_A": ca, "c_B": cb, **ladder.WAR_AT}
        here = solution.at(point)
        found = {on_path(eq) for eq in here if eq.kind == "pure"}
        expected = {
            label
            for label, (_, _, region) in STATED.items()
            if bool(region.subs({V: 10, c_A: ca, c_B: cb}))
        }
        assert found == expected, point


@pytest.mark.parametrize("J_A", [1, 2, 3, 4])
@pytest.mark.parametrize("J_B", [1, 2, 3, 4])
def test_n4_rule_for_every_reach(J_A: int, J_B: int) -> None:
    """Result 2 for every (J_A, J_B): at interior points gt.spe has one equilibrium, with the
    stated outcome, and it agrees with the numeric backward induction at every information set."""
    game = ladder.build(4, J_A, J_B)
    sol = gt.spe(game, space=ladder.space)
    for point in interior_points():
        here = sol.at(point)
        assert len(here) == 1, point
        (eq,) = here
        assert on_path(eq) == stated_outcome(4, J_A, J_B, point), point
        strategies, payoffs, _ = backward_induction(at(game, point))
        assert {h: _pure(s) for h, s in eq.strategies.items()} == strategies
        assert dict(eq.payoffs) == payoffs


def _pure(strategy: Mapping[str, sp.Expr]) -> str:
    (action,) = [a for a, v in strategy.items() if v == 1]
    return action


# -- result 3: the subtraction game --------------------------------------------------------------


@pytest.mark.parametrize(("N", "J"), SUBTRACTION, ids=[f"N{N}-J{J}" for N, J in SUBTRACTION])
def test_subtraction_rule(N: int, J: int) -> None:
    """With J_A = J_B = J and J*c_i < V, A is deterred iff (N - 1) mod (J + 1) = 0: gt.spe on the
    numeric tree, differentially against the numeric backward induction."""
    numeric = at(ladder.build(N, J, J), AFFORDABLE)
    sol = gt.spe(numeric)
    assert len(sol) == 1
    (eq,) = sol
    deterred = on_path(eq) == "status quo"
    assert deterred == ((N - 1) % (J + 1) == 0)
    strategies, _, label = backward_induction(numeric)
    assert label == on_path(eq)
    assert {h: _pure(s) for h, s in eq.strategies.items()} == strategies
    # at most one escalation on the path, by A, and B then stops
    if not deterred:
        assert on_path(eq).startswith("A prevails at rung ")


@pytest.mark.parametrize(("N", "J"), [(N, J) for N, J in SUBTRACTION if N <= 4])
def test_subtraction_rule_symbolic(N: int, J: int) -> None:
    """The same rule in the symbolic solution, at interior points with J*c_i < V."""
    sol = gt.spe(ladder.build(N, J, J), space=ladder.space_for(N))
    for point in interior_points():
        if J * point["c_A"] >= point["V"] or J * point["c_B"] >= point["V"]:
            continue
        (eq,) = sol.at(point)
        assert (on_path(eq) == "status quo") == ((N - 1) % (J + 1) == 0), point


# -- scenarios and the printed report ------------------------------------------------------------


def test_scenarios(solution: gt.Solution) -> None:
    expected = {
        "brink": ("A prevails at rung 3", 4, -9),
        "one_rung": ("A prevails at rung 1", 8, -6),
        "deterred": ("status quo", 0, 0),
    }
    for name, (label, pay_a, pay_b) in expected.items():
        (eq,) = solution.at(ladder.scenarios[name])
        assert on_path(eq) == label, name
        assert (eq.payoffs["A"], eq.payoffs["B"]) == (pay_a, pay_b), name


def test_printed_output() -> None:
    out = solved.script("escalation_ladder")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Escalation ladder" in text
    assert "Scenario 'brink'" in text
    assert "P(A prevails at rung 3) = 1" in text
    assert "P(A prevails at rung 1) = 1" in text
    assert "P(status quo) = 1" in text
    assert "P(war)" not in text.split("Scenario")[1]


def test_reach_sweeps_match_the_closed_form() -> None:
    """MODELS.md §2 for N = 4, J_B = 2: B stops at rung 1 iff 2c_B >= V (one rung, half the
    cost square); else A jumps to the brink iff J_A >= 3 and 3c_A < V (a sixth), else A is
    deterred."""
    results = ladder.reach_sweeps(n=30)
    for J, res in results.items():
        f = res.frame
        for point, rows in f.groupby("point"):
            ca, cb = rows["c_A"].iloc[0], rows["c_B"].iloc[0]
            want = (
                "A prevails at rung 1"
                if 2 * cb >= 1
                else ("A prevails at rung 3" if J >= 3 and 3 * ca < 1 else "status quo")
            )
            assert (rows[want] == 1).any(), (J, ca, cb, point)
    diff = gt.compare(results[3], results[1], measure="status quo")
    assert abs(diff.summary()["share_differing"] - 1 / 6) < 0.02

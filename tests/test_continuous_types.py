"""A continuum of private types (``gt.ContinuousChance``): validation, exact integrals checked
against numeric quadrature, the informed player's rule checked pointwise, the uninformed
player's choice checked against a brute-force grid, and what is refused."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.solvers._spe_types import type_cases

R = sp.Rational
theta = sp.Symbol("theta")
b = sp.Symbol("b", positive=True)  # the defender's cost of conceding
x = sp.Symbol("x", nonnegative=True)


def deterrence(lo: object = 0, hi: object = 1) -> gt.ExtensiveGame:
    """A challenger A, uninformed, challenges or not; the defender D, whose cost of war θ is
    private, concedes (cost b) or fights (cost θ)."""
    return gt.ExtensiveGame(
        gt.ContinuousChance(
            theta,
            gt.Uniform(lo, hi),
            then=gt.Decision(
                "A",
                {
                    "status quo": gt.Outcome("status quo", A=0, D=0),
                    "challenge": gt.Decision(
                        "D",
                        {
                            "concede": gt.Outcome("concession", A=1, D=-b),
                            "fight": gt.Outcome("war", A=-1, D=-theta),
                        },
                    ),
                },
            ),
            seen_by=("D",),
        )
    )


def offer_game(lo: object, hi: object, war_a: object, seen: tuple[str, ...] = ("B",)) -> object:
    """A offers x in [0, 1]; B with private cost θ ~ U[lo, hi] accepts or rejects (war worth
    1/2 - θ to B and ``war_a`` to A)."""
    return gt.ExtensiveGame(
        gt.ContinuousChance(
            theta,
            gt.Uniform(lo, hi),
            then=gt.ContinuousDecision(
                "A",
                x,
                (0, 1),
                gt.Decision(
                    "B",
                    {
                        "accept": gt.Outcome("settlement", A=1 - x, B=x),
                        "reject": gt.Outcome("war", A=war_a, B=R(1, 2) - theta),
                    },
                ),
                infoset="offer",
            ),
            seen_by=seen,
        )
    )


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lo", "hi"), [(1, 1), (2, 1), (b + 1, b)])
def test_empty_support_names_the_type(lo: object, hi: object) -> None:
    with pytest.raises(gt.InvalidGameError, match="theta"):
        gt.ContinuousChance(theta, gt.Uniform(lo, hi), then=gt.Outcome(A=theta), seen_by="A")


def test_seen_by_unknown_player_is_named() -> None:
    node = gt.ContinuousChance(
        theta, gt.Uniform(0, 1), then=gt.Outcome(A=theta, B=0), seen_by=("Iran",)
    )
    with pytest.raises(gt.InvalidPlayerError, match="'Iran'"):
        gt.ExtensiveGame(node)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(  # the type is also a declared parameter
            lambda: gt.ExtensiveGame(
                gt.ContinuousChance(theta, gt.Uniform(0, 1), gt.Outcome(A=theta), ("A",)),
                parameters=[theta],
            ),
            id="declared-parameter",
        ),
        pytest.param(  # used outside the subtree that draws it
            lambda: gt.ExtensiveGame(
                gt.Decision(
                    "A",
                    {
                        "in": gt.ContinuousChance(
                            theta, gt.Uniform(0, 1), gt.Outcome(A=theta), ("A",)
                        ),
                        "out": gt.Outcome(A=theta),
                    },
                )
            ),
            id="used-outside",
        ),
        pytest.param(  # also a continuous decision's variable
            lambda: gt.ExtensiveGame(
                gt.ContinuousChance(
                    theta,
                    gt.Uniform(0, 1),
                    gt.ContinuousDecision("A", theta, (0, 1), gt.Outcome(A=theta)),
                    ("A",),
                )
            ),
            id="continuous-variable",
        ),
        pytest.param(  # the support uses the type itself
            lambda: gt.ContinuousChance(theta, gt.Uniform(0, theta), gt.Outcome(A=1), ("A",)),
            id="support-uses-type",
        ),
        pytest.param(  # not a Symbol
            lambda: gt.ContinuousChance(2 * theta, gt.Uniform(0, 1), gt.Outcome(A=1), ("A",)),
            id="not-a-symbol",
        ),
    ],
)
def test_theta_clash_is_a_game_error(make: object) -> None:
    with pytest.raises(gt.GameError, match="theta"):
        make()  # type: ignore[operator]


def test_the_tree_and_its_parameters() -> None:
    game = deterrence()
    assert game.parameters == (b,)
    assert "theta ~ Uniform(0, 1) (seen by D)" in str(game)
    assert "\\sim U[0, 1]" in game._repr_latex_()
    assert "U[0, 1]" in game.to_latex()
    with pytest.raises(gt.UnsupportedGameError, match="continuum of types"):
        game.to_normal_form()
    with pytest.raises(gt.UnsupportedGameError, match="continuum of types"):
        game.at(b=1).to_gambit()
    assert game.at(b=R(1, 2)).parameters == ()


# -- exact integrals ----------------------------------------------------------------------------


def _mean(values: np.ndarray, ts: np.ndarray) -> float:
    """The mean over the uniform law on [ts[0], ts[-1]], by the trapezoid rule."""
    return float(np.trapezoid(values, ts) / (ts[-1] - ts[0]))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_deterrence_integrals_match_quadrature(seed: int) -> None:
    """Expected payoffs and war probability after a challenge, at random supports and costs,
    against numeric quadrature of the defender's pointwise best reply."""
    rng = np.random.default_rng(seed)
    for _ in range(4):
        lo = R(int(rng.integers(-50, 50)), 50)
        hi = lo + R(int(rng.integers(1, 100)), 50)
        cost = R(int(rng.integers(0, 150)), 50)
        node = deterrence(lo, hi).at(b=cost).root.then.actions["challenge"]
        cc = gt.ContinuousChance(theta, gt.Uniform(lo, hi), node, ("D",))
        cases, rules = type_cases(cc, ("challenge",), ["A", "D"], lambda a: int(sp.sign(a)))
        holding = [
            c for c in cases if all((e > 0) if op == ">" else (e >= 0) for e, op in c.conditions)
        ]
        assert holding  # the cases cover every point
        case = holding[0]
        assert all(c.payoffs == case.payoffs for c in holding)
        fl, fh, fb = float(lo), float(hi), float(cost)
        ts = np.linspace(fl, fh, 200001)
        fights = ts < fb  # concede on a tie
        war = _mean(fights.astype(float), ts)
        assert abs(float(case.outcomes.get("war", 0)) - war) < 1e-4
        pay_a = _mean(np.where(fights, -1.0, 1.0), ts)
        pay_d = _mean(np.maximum(-ts, -fb), ts)
        assert abs(float(case.payoffs[0]) - pay_a) < 1e-4
        assert abs(float(case.payoffs[1]) - pay_d) < 1e-6
        assert set(rules) == {"D@challenge/theta"}  # the path given to type_cases


def test_symbolic_cases_of_the_cutoff() -> None:
    """The cutoff b below, inside or above the support [0, 1]: one case each."""
    sol = gt.spe(deterrence(), space=gt.ParameterSpace({b: (0, 2)}))
    challenge = [eq for eq in sol if eq.strategies["A@theta"]["challenge"] == 1]
    assert len(challenge) == 1
    eq = challenge[0]
    assert sp.simplify(eq.payoffs["A"] - (1 - 2 * b)) == 0
    assert sp.simplify(eq.payoffs["D"] - (b**2 / 2 - b)) == 0
    assert sp.simplify(eq.outcomes["war"] - b) == 0
    assert eq.conditions == (b <= R(1, 2))
    rule = eq.strategies["D@theta/challenge"]
    assert rule["concede"] == sp.Piecewise((1, b <= theta), (0, True))
    assert eq.kind == "pure"


# -- the informed player's rule, pointwise; the uninformed player's choice, by grid ----------


@pytest.mark.parametrize("seed", [0, 1])
def test_rule_optimal_and_offer_beats_a_grid(seed: int) -> None:
    """At random numeric games: B's rule picks a best reply at sampled (θ, x); A's offer is at
    least as good as every offer of a fine grid, with the war probability integrated
    numerically over θ."""
    rng = np.random.default_rng(seed)
    for _ in range(3):
        lo = R(int(rng.integers(0, 20)), 40)
        hi = lo + R(int(rng.integers(1, 30)), 40)
        war_a = R(int(rng.integers(-20, 20)), 40)
        sol = gt.spe(offer_game(lo, hi, war_a))
        assert len(sol) >= 1
        ts = np.linspace(float(lo), float(hi), 4001)
        xs = np.linspace(0, 1, 2001)
        accept = xs[:, None] >= 0.5 - ts[None, :]
        value = np.where(accept, 1 - xs[:, None], float(war_a)).mean(axis=1)
        for eq in sol:
            rule = eq.strategies["B@theta/x"]
            for t, xv in zip(
                rng.uniform(float(lo), float(hi), 30), rng.uniform(0, 1, 30), strict=True
            ):
                pt = {theta: R(str(round(t, 4))), x: R(str(round(xv, 4)))}
                yes = rule["accept"].xreplace(pt)
                assert yes + rule["reject"].xreplace(pt) == 1
                assert (yes == 1) == (pt[x] >= R(1, 2) - pt[theta])
            assert float(eq.payoffs["A"]) >= value.max() - 1e-3
            x_star = float(eq.strategies["offer"]["x"])
            war = float(np.mean(x_star < 0.5 - ts))
            assert abs(float(eq.outcomes["war"]) - war) < 2e-3


def unit_types(then: gt.games.tree.Node, seen_by: tuple[str, ...]) -> gt.ExtensiveGame:
    """The game drawing θ ~ U[0, 1], seen by ``seen_by``, then playing ``then``."""
    return gt.ExtensiveGame(gt.ContinuousChance(theta, gt.Uniform(0, 1), then, seen_by))


def lottery_game() -> gt.ExtensiveGame:
    """D, seeing θ, folds (1/3) or fights, winning 1 with probability θ."""
    fight = gt.Chance(
        {"win": (theta, gt.Outcome("win", D=1)), "lose": (1 - theta, gt.Outcome("lose", D=0))}
    )
    return unit_types(
        gt.Decision("D", {"fold": gt.Outcome("fold", D=R(1, 3)), "fight": fight}), ("D",)
    )


def signalling_game() -> gt.ExtensiveGame:
    """S, seeing θ, stays quiet or signals; R, who does not see θ, then yields or fights."""
    reply = gt.Decision(
        "R", {"yield": gt.Outcome(S=1, R=-theta), "fight": gt.Outcome(S=-theta, R=0)}
    )
    return unit_types(gt.Decision("S", {"quiet": gt.Outcome(S=0, R=0), "signal": reply}), ("S",))


def test_chance_below_the_type_is_integrated() -> None:
    """A θ-dependent lottery after the informed move: Pr(win) = θ on [0, 1]."""
    (eq,) = gt.spe(lottery_game())
    # D fights iff θ > 1/3: E = 1/3·1/3 + ∫_{1/3}^1 θ dθ = 1/9 + 4/9
    assert eq.payoffs["D"] == R(5, 9)
    assert eq.outcomes["win"] == R(4, 9)
    assert eq.outcomes["fold"] == R(1, 3)


# -- what is refused ------------------------------------------------------------------------------


def test_signalling_is_refused() -> None:
    """An uninformed move after an informed one needs Bayesian updating over a continuum."""
    with pytest.raises(gt.UnsupportedGameError, match="signalling"):
        gt.spe(signalling_game())


def test_a_type_choosing_a_number_is_refused() -> None:
    y = sp.Symbol("y")
    game = unit_types(gt.ContinuousDecision("D", y, (0, 1), gt.Outcome(D=theta * y - y**2)), ("D",))
    with pytest.raises(gt.UnsupportedGameError, match="discrete decisions only"):
        gt.spe(game)


def test_nobody_sees_the_type() -> None:
    """seen_by=(): the draw moves to the leaves and is simply averaged."""
    game = gt.ExtensiveGame(
        gt.ContinuousChance(
            theta,
            gt.Uniform(0, 2),
            then=gt.Decision("A", {"risk": gt.Outcome(A=theta**2), "safe": gt.Outcome(A=1)}),
        )
    )
    (eq,) = gt.spe(game)
    assert eq.payoffs["A"] == R(4, 3)
    assert eq.strategies["A@theta"] == {"risk": 1, "safe": 0}

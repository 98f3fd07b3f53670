"""Sequential continuous choices in ``gt.spe``: a follower who sees the leader's number, and
replies that switch (the follower's indifference, where the supremum may not be attained).

Each listed SPE is re-checked at points by :mod:`tests.cont_oracle`, which plays the profile
on the tree itself against a fine grid of deviations plus the exact cutoffs."""

from __future__ import annotations

import pytest
import sympy as sp

import gametheory as gt

from .cont_oracle import check_follower, check_leader, grid

a, b, c = sp.symbols("a b c", positive=True)
q1, q2 = sp.symbols("q1 q2", nonnegative=True)
R = sp.Rational


def _stackelberg() -> gt.ExtensiveGame:
    price = a - b * (q1 + q2)
    follower = gt.ContinuousDecision(
        "F", q2, (0, a / b), gt.Outcome(L=q1 * (price - c), F=q2 * (price - c))
    )
    return gt.ExtensiveGame(gt.ContinuousDecision("L", q1, (0, a / b), follower))


STACKELBERG_SPACE = gt.ParameterSpace({a: (1, 10), b: (1, 10), c: (0, 1)}, constraints=[a > c])


def test_stackelberg_closed_form() -> None:
    """Stackelberg (1934); Tirole (1988), §8.2.1: with demand a − b·Q and unit cost c the leader
    produces (a − c)/(2b), the follower replies (a − c − b·q1)/(2b) (0 when that is negative),
    so (a − c)/(4b) on the path; the leader earns (a − c)²/(8b), the follower (a − c)²/(16b)."""
    game = _stackelberg()
    sol = gt.spe(game, STACKELBERG_SPACE)
    assert len(sol) == 1
    (eq,) = sol
    assert sp.simplify(eq.strategies["L@root"]["q1"] - (a - c) / (2 * b)) == 0
    rule = eq.strategies["F@q1"]["q2"]
    for v in (0, R(1, 3), 1, 3):  # the reply as a function of q1, at a = 4, b = 1, c = 1
        reply = rule.subs({a: 4, b: 1, c: 1, q1: v})
        assert reply == max(0, (3 - v) / sp.Integer(2))
    assert sp.simplify(eq.payoffs["L"] - (a - c) ** 2 / (8 * b)) == 0
    assert sp.simplify(eq.payoffs["F"] - (a - c) ** 2 / (16 * b)) == 0


@pytest.mark.parametrize("point", [(4, 1, 1), (10, 3, R(1, 2)), (2, 1, R(9, 10))])
def test_stackelberg_survives_deviations(point: tuple) -> None:
    av, bv, cv = (sp.sympify(v) for v in point)
    game = _stackelberg()
    sol = gt.spe(game, STACKELBERG_SPACE)
    at = game.at(a=av, b=bv, c=cv)
    for eq in sol.at(a=av, b=bv, c=cv):
        cut = (av - cv) / bv  # where the follower's reply hits 0
        check_leader(at, eq, "L@root", 0, av / bv, [cut, cut / 2])
        check_follower(at, eq, grid(0, av / bv, [cut], n=21), cutoffs=[(av - cv) / (2 * bv)])


def _ultimatum(order: list[str]) -> gt.ExtensiveGame:
    x = sp.Symbol("x")
    acts = {"accept": gt.Outcome(P=1 - x, R=x), "reject": gt.Outcome(P=0, R=0)}
    reply = gt.Decision("R", {k: acts[k] for k in order})
    return gt.ExtensiveGame(gt.ContinuousDecision("P", x, (0, 1), reply))


@pytest.mark.parametrize("order", [["accept", "reject"], ["reject", "accept"]])
def test_ultimatum_listing_order_does_not_matter(order: list[str]) -> None:
    """Osborne & Rubinstein (1994), Example 100.1 (the ultimatum game with a continuum of
    offers): the only SPE has the proposer offer 0 and the responder accept every offer; the
    responder who rejects 0 leaves the proposer no best offer, so that profile is no SPE."""
    game = _ultimatum(order)
    sol = gt.spe(game)
    assert len(sol) == 1
    (eq,) = sol
    assert eq.strategies["P@root"]["x"] == 0
    assert eq.strategies["R@x"] == {"accept": 1, "reject": 0}
    assert eq.payoffs == {"P": 1, "R": 0}
    check_leader(game, eq, "P@root", 0, 1, [0])
    check_follower(game, eq, grid(0, 1, [0], n=11))


def _jump(order: list[str], theta: sp.Symbol) -> gt.ExtensiveGame:
    r = sp.Symbol("r", real=True)
    acts = {
        "absorb": gt.Outcome(US=-r, Iran=r, label="absorbed"),
        "escalate": gt.Outcome(US=-theta, Iran=-1, label="war"),
    }
    reply = gt.Decision("US", {k: acts[k] for k in order})
    return gt.ExtensiveGame(gt.ContinuousDecision("Iran", r, (0, 2), reply))


@pytest.mark.parametrize("order", [["absorb", "escalate"], ["escalate", "absorb"]])
def test_a_reply_that_jumps_the_payoff_gives_the_optimal_choice(order: list[str]) -> None:
    """The reported bug: the US escalates once r exceeds its tolerance θ, and Iran's payoff
    jumps from r to −1 there.  Iran's supremum θ is attained only if the US absorbs at r = θ
    (where it is indifferent), so the unique SPE is r = θ with the US absorbing there, whichever
    action is listed first."""
    theta = sp.Symbol("theta", positive=True)
    game = _jump(order, theta)
    sol = gt.spe(game, gt.ParameterSpace({theta: (R(1, 10), R(19, 10))}))
    for value in (R(1, 10), R(1, 2), 1, R(19, 10)):
        eqs = sol.at(theta=value)
        assert len(eqs) == 1
        (eq,) = eqs
        assert eq.strategies["Iran@root"]["r"] == value
        assert eq.outcomes == {"absorbed": 1, "war": 0}
        assert eq.payoffs == {"US": -value, "Iran": value}
        at = game.at(theta=value)
        check_leader(at, eq, "Iran@root", 0, 2, [value])
        check_follower(at, eq, grid(0, 2, [value], n=21))


def test_an_unattained_supremum_gives_no_equilibrium() -> None:
    """War follows for sure once r ≥ θ (a strict cutoff written by the modeller): Iran's payoff
    r for r < θ approaches θ but never reaches it, so no SPE exists; none is listed (a choice
    short of θ is not optimal), and the notes say where."""
    theta = sp.Symbol("theta", positive=True)
    r = sp.Symbol("r", real=True)
    p = sp.Piecewise((0, r < theta), (1, True))
    game = gt.ExtensiveGame(
        gt.ContinuousDecision(
            "Iran",
            r,
            (0, 2),
            gt.Chance(
                {
                    "war": (p, gt.Outcome(US=-theta, Iran=-1, label="war")),
                    "peace": (1 - p, gt.Outcome(US=-r, Iran=r, label="peace")),
                }
            ),
        )
    )
    sol = gt.spe(game, gt.ParameterSpace({theta: (R(1, 10), R(19, 10))}))
    assert len(sol.at(theta=R(1, 2))) == 0
    (no,) = (d for d in sol.diagnostics if isinstance(d, gt.NoOptimum))
    assert (no.node, no.variable, no.player) == ("root", "r", "Iran")


def test_an_interval_that_can_be_empty_is_an_error() -> None:
    theta = sp.Symbol("theta", real=True)
    r = sp.Symbol("r", real=True)
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("Iran", r, (0, theta), gt.Outcome(Iran=r, US=-r)),
        players=["Iran", "US"],
    )
    with pytest.raises(gt.GameError, match=r"Iran's continuous choice r"):
        gt.spe(game, gt.ParameterSpace({theta: (-1, 1)}))
    assert len(gt.spe(game, gt.ParameterSpace({theta: (R(1, 2), 1)}))) == 1


def test_counter_choice_with_chance_below() -> None:
    """A leader's share x, then the follower's counter-choice y ∈ [0, 1] that works with
    probability 1/2 (a chance node below both).  By hand: F maximises y·(x − y)/2, so
    y = x/2; L's payoff 1 − x + (x − x/2)/2 = 1 − 3x/4 decreases, so x* = 0 (and y = 0)."""
    x, y = sp.symbols("x y", nonnegative=True)
    below = gt.Chance(
        {
            "works": (R(1, 2), gt.Outcome(L=1 - x + (x - y), F=y * (x - y))),
            "fails": (R(1, 2), gt.Outcome(L=1 - x, F=0)),
        }
    )
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("L", x, (0, 1), gt.ContinuousDecision("F", y, (0, 1), below))
    )
    sol = gt.spe(game)
    assert len(sol) == 1
    (eq,) = sol
    assert sp.simplify(eq.strategies["F@x"]["y"] - x / 2) == 0
    assert eq.strategies["L@root"]["x"] == 0
    assert eq.payoffs == {"L": 1, "F": 0}
    check_leader(game, eq, "L@root", 0, 1)
    check_follower(game, eq, grid(0, 1, n=11))

"""The SPE certificate below a continuum of private types (``gt.ContinuousChance``):
hand-derived profiles and claims, the exact and the numeric integrals, random type games solved
by ``gt.spe`` and then mutated, and the structures the certificate reports it cannot check."""

from __future__ import annotations

import numpy as np
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_spe, spe_violations
from tests.test_continuous_types import lottery_game, signalling_game

R = sp.Rational
theta = sp.Symbol("theta")


def _rule(yes: str, no: str, holds: sp.Basic) -> dict[str, sp.Expr]:
    return {yes: sp.Piecewise((1, holds), (0, True)), no: sp.Piecewise((0, holds), (1, True))}


def _equilibrium(
    strategies: dict[str, dict[str, sp.Expr]],
    payoffs: dict[str, sp.Expr],
    outcomes: dict[str, sp.Expr],
) -> gt.Equilibrium:
    return gt.Equilibrium("pure", strategies, payoffs, outcomes, sp.true, {}, gt.ParameterSpace({}))


def deterrence(fight: sp.Expr) -> gt.ExtensiveGame:
    """The challenger A does not see the defender D's cost of war θ ~ U[0, 1]; D concedes (cost
    1/4) or fights (payoff ``fight``)."""
    return gt.ExtensiveGame(
        gt.ContinuousChance(
            theta,
            gt.Uniform(0, 1),
            then=gt.Decision(
                "A",
                {
                    "status quo": gt.Outcome("status quo", A=0, D=0),
                    "challenge": gt.Decision(
                        "D",
                        {
                            "concede": gt.Outcome("concession", A=1, D=-R(1, 4)),
                            "fight": gt.Outcome("war", A=-1, D=fight),
                        },
                    ),
                },
            ),
            seen_by=("D",),
        )
    )


def test_a_hand_derived_deterrence_equilibrium_passes_and_its_claims_are_exact() -> None:
    """D fights iff θ < 1/4 (a cutoff rule: Fearon 1995, the defender's private cost), so A
    challenges (1·3/4 − 1·1/4 = 1/2 > 0); D expects −(∫₀^¼ θ dθ + ¾·¼) = −7/32."""
    game = deterrence(-theta)
    strategies = {
        "A@theta": {"status quo": 0, "challenge": 1},
        "D@theta/challenge": _rule("fight", "concede", theta < R(1, 4)),
    }
    claims = {"A": R(1, 2), "D": -R(7, 32)}
    lottery = {"war": R(1, 4), "concession": R(3, 4), "status quo": 0}
    assert_spe(game, _equilibrium(strategies, claims, lottery))
    for eq in gt.spe(game):  # the solver's answer passes too
        assert_spe(game, eq)
    (msg,) = spe_violations(
        game, _equilibrium(strategies, {**claims, "D": -R(7, 32) + R(1, 10**12)}, lottery)
    )
    assert msg.endswith("but the profile induces -7/32 (gap 1/1000000000000)")
    # A staying out is not a best reply in expectation over θ
    (msg,) = spe_violations(game, {**strategies, "A@theta": {"status quo": 1, "challenge": 0}})
    assert msg.startswith(
        "at node theta (in expectation over theta ~ Uniform(0, 1)), A plays 'status quo' "
        "(probability 1), worth 0, but 'challenge' is worth 0.5"
    )


def test_a_rule_wrong_near_its_cutoff_is_caught_at_the_cutoff() -> None:
    """A cutoff off by 10⁻⁵ falls between two points of the θ grid: it is caught at the rule's
    own cutoff ± ε, and the message names the node, the player, the action and θ."""
    game = deterrence(-theta)
    wrong = {
        "A@theta": {"status quo": 0, "challenge": 1},
        "D@theta/challenge": _rule("fight", "concede", theta < R(1, 4) + R(1, 10**5)),
    }
    (msg,) = spe_violations(game, wrong, grid=40)
    assert msg.startswith("at node theta/challenge (given theta = 0.25000")
    assert "D plays 'fight' (probability 1)" in msg and "'concede' is worth -0.25" in msg


def test_payoffs_not_polynomial_in_the_type_are_integrated_numerically() -> None:
    """D's war costs e^θ − 1: D fights iff θ < log(5/4), and expects
    −(∫₀^c (e^θ − 1) dθ + (1 − c)/4) = −(1/4 − c + (1 − c)/4), c = log(5/4) (not rational: the
    claim is compared with the quadrature, within the tolerance)."""
    game = deterrence(1 - sp.exp(theta))
    c = sp.log(R(5, 4))
    strategies = {
        "A@theta": {"status quo": 0, "challenge": 1},
        "D@theta/challenge": _rule("fight", "concede", theta < c),
    }
    d = -(R(1, 4) - c + (1 - c) / 4)
    lottery = {"war": c, "concession": 1 - c, "status quo": 0}
    assert spe_violations(game, _equilibrium(strategies, {"A": 1 - 2 * c, "D": d}, lottery)) == []
    (msg,) = spe_violations(
        game, _equilibrium(strategies, {"A": 1 - 2 * c, "D": d + R(1, 10**4)}, lottery)
    )
    assert msg.startswith("the claimed payoff of 'D' is -0.22097")
    assert "the profile induces -0.221070" in msg


def test_a_chance_move_depending_on_the_type() -> None:
    """Pr(win) = θ after D fights, fold worth 1/3: D fights iff θ > 1/3; E = 1/9 + 4/9 = 5/9
    (the game of tests/test_continuous_types.py, here through the certificate)."""
    game = lottery_game()
    rule = _rule("fight", "fold", theta > R(1, 3))
    lottery = {"win": R(4, 9), "lose": R(2, 9), "fold": R(1, 3)}
    assert spe_violations(game, _equilibrium({"D@theta": rule}, {"D": R(5, 9)}, lottery)) == []
    wrong = {**lottery, "win": R(1, 2), "lose": R(1, 6)}
    found = spe_violations(game, _equilibrium({"D@theta": rule}, {"D": R(5, 9)}, wrong))
    assert found == [
        "the claimed outcome probability of 'lose' is 1/6, but the profile induces 2/9 (gap 1/18)",
        "the claimed outcome probability of 'win' is 1/2, but the profile induces 4/9 (gap 1/18)",
    ]


def random_type_game(rng: np.random.Generator) -> gt.ExtensiveGame:
    """A (uninformed) picks one of two entries; after each, D (who sees θ ~ U[lo, hi]) picks
    one of 2–3 actions whose payoffs are integers plus integer multiples of θ."""

    def reply(tag: str) -> gt.Decision:
        acts = {}
        for k in range(int(rng.integers(2, 4))):
            a, b, u = (int(v) for v in rng.integers(-3, 4, size=3))
            acts[f"d{k}"] = gt.Outcome(f"{tag}{k}", A=u, D=a + b * theta)
        return gt.Decision("D", acts)

    lo = R(int(rng.integers(-2, 2)), 2)
    hi = lo + R(int(rng.integers(1, 5)), 2)
    return gt.ExtensiveGame(
        gt.ContinuousChance(
            theta,
            gt.Uniform(lo, hi),
            then=gt.Decision("A", {"L": reply("l"), "R": reply("r")}),
            seen_by=("D",),
        )
    )


def test_random_type_games_solved_by_spe_pass_and_their_mutants_fail() -> None:
    """Differential, on seeded random games: every SPE ``gt.spe`` lists passes the certificate;
    its claims moved by 1/1000 fail; D's rule with two actions' regions swapped fails wherever
    (on a dense sample of θ, computed here) one of them is played and their payoffs to D differ."""
    caught = 0
    for seed in range(8):
        rng = np.random.default_rng(seed)
        game = random_type_game(rng)
        sol = gt.spe(game)
        assert len(sol) >= 1
        for eq in sol:
            assert spe_violations(game, eq) == [], (seed, eq.strategies)
        eq = sol[0]
        moved = {k: v + R(1, 1000) for k, v in eq.payoffs.items()}
        found = spe_violations(game, _equilibrium(dict(eq.strategies), moved, dict(eq.outcomes)))
        assert len(found) == 2 and all("claimed payoff" in m for m in found), (seed, found)
        path = "theta/L"
        rule = dict(eq.strategies[f"D@{path}"])
        (a, pa), (b, pb) = list(rule.items())[:2]
        node = game.node(path)
        assert isinstance(node, gt.Decision)
        lo, hi = game.root.distribution.support  # type: ignore[union-attr]
        sample = [lo + (hi - lo) * R(k, 2000) for k in range(2001)]
        pay = {z: node.actions[z].payoffs["D"] for z in (a, b)}  # type: ignore[union-attr]
        wrong = any(
            (pa.subs(theta, t) == 1 or pb.subs(theta, t) == 1)
            and pay[a].subs(theta, t) != pay[b].subs(theta, t)
            for t in sample
        )
        if wrong:
            found = spe_violations(game, {**eq.strategies, f"D@{path}": {**rule, a: pb, b: pa}})
            assert any(m.startswith(f"at node {path} (given theta = ") for m in found), found
            caught += 1
    assert caught >= 4


# -- what the certificate says it cannot check -----------------------------------------------


def test_signalling_is_reported_as_not_checked() -> None:
    profile = {"S@theta": {"quiet": 1, "signal": 0}, "R@theta/signal": {"yield": 1, "fight": 0}}
    (msg,) = spe_violations(signalling_game(), profile)
    assert msg == (
        "cannot check node theta/signal: R, who does not see the type theta, moves after the "
        "informed move at node theta; that needs beliefs over a continuum of types (a "
        "signalling game)"
    )


def test_a_type_drawn_below_another_is_reported_as_not_checked() -> None:
    eta = sp.Symbol("eta")
    inner = gt.ContinuousChance(eta, gt.Uniform(0, 1), gt.Outcome(A=theta + eta), ("A",))
    game = gt.ExtensiveGame(gt.ContinuousChance(theta, gt.Uniform(0, 1), inner, ("A",)))
    (msg,) = spe_violations(game, {})
    assert msg.startswith("cannot check node theta: the type eta is drawn below the type theta")


def test_a_cutoff_that_is_no_polynomial_root_is_found_by_sign_changes() -> None:
    """D's rule written as e^θ < 5/4 (the same rule as θ < log(5/4)): its cut is found on the
    grid of types and bisected, so the integrals split there and the claims match."""
    game = deterrence(1 - sp.exp(theta))
    c = sp.log(R(5, 4))
    strategies = {
        "A@theta": {"status quo": 0, "challenge": 1},
        "D@theta/challenge": _rule("fight", "concede", sp.exp(theta) < R(5, 4)),
    }
    claims = {"A": 1 - 2 * c, "D": -(R(1, 4) - c + (1 - c) / 4)}
    lottery = {"war": c, "concession": 1 - c, "status quo": 0}
    assert spe_violations(game, _equilibrium(strategies, claims, lottery)) == []
    # off by 10⁻⁵ (between two points of a grid of 40 types): caught at the rule's own cut
    moved = sp.exp(theta) < R(5, 4) + R(1, 10**5)
    (msg,) = spe_violations(
        game, {**strategies, "D@theta/challenge": _rule("fight", "concede", moved)}, grid=40
    )
    assert msg.startswith("at node theta/challenge (given theta = 0.22315")
    assert "D plays 'fight'" in msg


def test_an_uninformed_choice_that_depends_on_the_type_is_reported() -> None:
    game = deterrence(-theta)
    profile = {
        "A@theta": _rule("challenge", "status quo", theta > R(1, 2)),
        "D@theta/challenge": _rule("fight", "concede", theta < R(1, 4)),
    }
    found = spe_violations(game, profile)
    assert [m.split(":", 1)[0] for m in found] == [
        "the strategy at 'A@theta' (challenge",
        "the strategy at 'A@theta' (status quo",
    ]
    tail = "depends on theta, which A does not observe there (or which has no value: pass at=...)"
    assert all(m.endswith(tail) for m in found)


class Triangular(gt.Distribution):
    """A law the certificate does not integrate over."""

    @property
    def support(self) -> tuple[sp.Expr, sp.Expr]:
        return sp.Integer(0), sp.Integer(1)

    def at(self, point: object) -> Triangular:
        return self


def test_a_distribution_other_than_uniform_is_reported() -> None:
    game = gt.ExtensiveGame(
        gt.ContinuousChance(
            theta, Triangular(), gt.Decision("A", {"a": gt.Outcome(A=theta)}), ("A",)
        )
    )
    (msg,) = spe_violations(game, {"A@theta": {"a": 1}})
    assert msg.startswith("cannot check node root: the type theta has the distribution")
    assert msg.endswith("spe_violations integrates over Uniform types only")

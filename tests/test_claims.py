"""``gt.verify``, ``gt.needed_assumptions`` and ``gt.monotone`` on the crisis game and the
flagship models: known-true claims proved, known-false ones refuted with a counterexample that
really breaks them (re-checked here exactly), proofs checked against sampling."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings

import gametheory as gt
from gametheory.testing import assert_equilibrium
from gametheory.testing.strategies import points

from . import solved
from .fixtures import A, C, crisis_game

ROOT = Path(__file__).resolve().parent.parent
SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})
R = sp.Rational


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return gt.nash(crisis_game(), space=SPACE)


def breaks(verdict: gt.claims.Verdict, sol: gt.Solution, claim: sp.Basic) -> bool:
    """The counterexample, re-checked exactly: some equilibrium there violates the claim."""
    point = verdict.counterexample
    assert point is not None
    for eq in sol.at(point):
        value = gt.claims._vocabulary.substitute(claim, eq).xreplace(point)
        if not bool(sp.simplify(value)):
            return True
    return False


def test_a_true_claim_is_proved(sol: gt.Solution) -> None:
    v = gt.verify(gt.war <= 1, sol)
    assert v.status == "proved" and v.method == "conditions" and bool(v)
    assert "imply the claim" in v.details


def test_a_false_claim_is_refuted_with_a_simple_counterexample(sol: gt.Solution) -> None:
    claim = gt.war <= R(1, 2)
    v = gt.verify(claim, sol)
    assert v.status == "refuted" and not v
    assert breaks(v, sol, claim)
    assert all(sp.Rational(x).q <= 10 for x in v.counterexample.values())  # small rationals


def test_an_exact_refutation_needs_no_hypothesis(
    sol: gt.Solution, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the hypothesis extra the exact refutation stands (no search for a simpler
    point); only a claim the exact check leaves open needs the search."""
    module = sys.modules["gametheory.claims.verify"]  # (gt.claims.verify is the function)
    monkeypatch.setattr(module, "_searchable", lambda: False)

    def not_installed(name: str, extra: str, feature: str) -> None:
        raise ImportError(f"{feature} needs {name}")

    monkeypatch.setattr(module, "require", not_installed)  # as if hypothesis were missing
    claim = gt.war <= R(1, 2)
    v = gt.verify(claim, sol, method="conditions")
    assert v.status == "refuted" and v.method == "conditions"
    assert breaks(v, sol, claim)


def test_payoff_and_strategy_words(sol: gt.Solution) -> None:
    assert gt.verify(gt.claims.payoff("US") >= -10, sol).status == "proved"
    v = gt.verify(gt.claims.prob("US", "escalate") <= R(1, 2), sol)
    assert v.status == "refuted"


def test_claims_with_parameters_and_implications(sol: gt.Solution) -> None:
    # where the audience cost exceeds the cost of war, mutual escalation is an equilibrium
    assert gt.verify(sp.Implies(A > C, gt.war >= 0), sol).status == "proved"
    claim = sp.Implies(C > A, gt.war < 1)
    assert gt.verify(claim, sol).status == "proved"
    v = gt.verify(sp.Implies(C >= A, gt.war < 1), sol)  # fails on the boundary c = a
    assert v.status == "refuted" and v.counterexample[C] == v.counterexample[A]


def test_some_equilibrium_and_predicates(sol: gt.Solution) -> None:
    v = gt.verify(gt.war < 1, sol, over="some")
    assert v.status == "refuted" and v.method == "search"
    assert all(eq.outcomes["war"] == 1 for eq in sol.at(v.counterexample))
    ok = gt.verify(lambda pt, eq: eq.outcomes["war"] <= 1, sol, max_examples=30)
    assert ok.status == "not refuted" and ok.tried >= 30


def test_bad_claims_are_named(sol: gt.Solution) -> None:
    with pytest.raises(gt.claims.ClaimError, match="outcome 'peace'"):
        gt.verify(gt.claims.outcome("peace") <= 1, sol)
    with pytest.raises(gt.claims.ClaimError, match="player 'UK'"):
        gt.verify(gt.claims.payoff("UK") <= 1, sol)
    with pytest.raises(gt.claims.ClaimError, match="not a Boolean"):
        gt.verify(gt.war + 1, sol)
    with pytest.raises(gt.claims.ClaimError, match="names z"):
        gt.verify(sp.Symbol("z") <= 1, sol)

    def broken(pt: object, eq: object) -> bool:
        raise ZeroDivisionError("oops")

    with pytest.raises(gt.claims.ClaimError, match=r"raised ZeroDivisionError.*at the point c ="):
        gt.verify(broken, sol, max_examples=5)


def test_an_empty_space_is_refused_before_any_claim() -> None:
    """Issue 13: a provably empty space is an error, not a space where every claim is vacuous."""
    with pytest.raises(gt.InvalidSpaceError, match="empty"):
        gt.ParameterSpace({C: (1, 2)}, constraints=[C > 3])


def test_needed_assumptions_name_the_constraint() -> None:
    space = gt.ParameterSpace({C: (0, 10), A: (0, 10)}, constraints=[C > A])
    sol = gt.nash(crisis_game(), space=space)
    assert gt.verify(gt.war < 1, sol).status == "proved"
    checks = gt.needed_assumptions(gt.war < 1, sol)
    needed = {c.assumption for c in checks if c.needed}
    assert needed == {"constraint c > a"}
    (dropped,) = [c for c in checks if c.needed]
    assert dropped.verdict.counterexample[A] >= dropped.verdict.counterexample[C]


def test_monotone(sol: gt.Solution) -> None:
    assert gt.monotone(gt.war, "c", sol).status == "proved"  # a costlier war is rarer
    v = gt.monotone(gt.war, "a", sol)  # audience costs make the mixed war likelier
    assert v.status == "refuted"


@settings(max_examples=25)
@given(points(SPACE))
def test_proved_claims_have_no_sampled_counterexample(sol: gt.Solution, point: dict) -> None:
    for claim in (gt.war <= 1, sp.Implies(C > A, gt.war < 1), gt.claims.payoff("US") >= -10):
        assert gt.verify(claim, sol).status == "proved"
        for eq in sol.at(point):
            assert bool(gt.claims._vocabulary.substitute(claim, eq).xreplace(point))


@pytest.mark.slow
def test_calibrated_retaliation_needs_war_to_be_costly() -> None:
    """MODELS.md §1 assumes W >= v^2/(2c) (certain war never pays; the model's space states it
    with its consequence at the edge of certain war): with it, I never strikes so hard that war
    is certain; without it, it may (a point where war is cheap)."""
    model = solved.model("calibrated_retaliation")
    sol = solved.solution("calibrated_retaliation")
    assert gt.verify(gt.war < 1, sol).status == "proved"
    point = {"v": 1, "c": 1, "W": R(1, 100), "kappa": R(1, 2), "lambda": R(1, 10)}
    point |= {"theta_L": 0, "theta_H": R(1, 10)}
    assert not sol.space.contains(point)
    assert all(eq.outcomes["war"] == 1 for eq in gt.spe(model.game.at(point)))


def test_assert_claim_fails_with_the_counterexample(sol: gt.Solution) -> None:
    from gametheory.testing import assert_claim

    assert assert_claim(gt.war <= 1, sol).status == "proved"
    with pytest.raises(AssertionError, match=r"claim refuted[\s\S]*counterexample: c = "):
        assert_claim(gt.war <= R(1, 2), sol)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        (gt.war <= 1, "proved"),
        (sp.Implies(C > A, gt.war < 1), "proved"),
        (gt.war <= R(1, 2), "refuted"),
        (gt.claims.payoff("US") >= -C, "proved"),
    ],
)
def test_smt_and_conditions_agree(sol: gt.Solution, claim: sp.Basic, status: str) -> None:
    pytest.importorskip("z3")
    by_conditions = gt.verify(claim, sol, method="conditions")
    by_z3 = gt.verify(claim, sol, method="z3")
    assert by_conditions.status == by_z3.status == status
    if status == "refuted":
        assert breaks(by_z3, sol, claim)
    else:
        assert by_z3.method == "z3"


def test_points_meet_linear_constraints_by_construction() -> None:
    """theta_L < theta_H and a region given by where=: every drawn point satisfies them
    without filtering most draws away (hypothesis would fail a health check otherwise)."""
    tl, th, w = sp.symbols("theta_L theta_H W", nonnegative=True)
    space = gt.ParameterSpace({w: (R(1, 2), 10), tl: (0, 2), th: (0, 2)}, constraints=[tl < th])
    seen = []

    @settings(max_examples=60)
    @given(points(space, where=[th - tl <= R(1, 10)]))
    def check(point: dict) -> None:
        assert point[tl] < point[th] <= point[tl] + R(1, 10)
        seen.append(point)

    check()
    assert len(seen) >= 30


def test_equilibria_strategy_draws_equilibria_that_exist(sol: gt.Solution) -> None:
    from gametheory.testing.strategies import equilibria

    @settings(max_examples=25)
    @given(equilibria(sol))
    def check(pair: tuple) -> None:
        point, eq = pair
        assert eq.conditions is sp.true and eq.witness == point
        assert_equilibrium(crisis_game(), eq, at=point)

    check()

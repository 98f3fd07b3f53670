"""Deterrence with uncertain resolve (models/deterrence_resolve.py): its stated results.

The threshold is checked exactly with ``gt.thresholds`` at several costs of war, the regions
and formulas through ``gt.pbe``, the escalation game's bluffing equilibrium through its
formulas and its region, and the weak-PBE caveat the docstring states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "deterrence_resolve.py"
R = sp.Rational

model = solved.model("deterrence_resolve")
pi, c, d_R, d_I, b, w = model.pi, model.c, model.d_R, model.d_I, model.b, model.w
SOL = solved.solution("deterrence_resolve")


@pytest.fixture(scope="module")
def escalation() -> gt.Solution:
    return model.escalation_solution()


def choice(eq: gt.Equilibrium, h: str) -> str | None:
    actions = [x for x, v in eq.strategies[h].items() if v == 1]
    return str(actions[0]) if actions else None


def test_defender_acts_on_its_type() -> None:
    assert len(SOL) == 2
    for eq in SOL:
        assert choice(eq, "D|resolved") == "resist"
        assert choice(eq, "D|irresolute") == "concede"
        assert eq.beliefs["C|challenge"] == {"resolved": pi, "irresolute": 1 - pi}


def test_challenge_and_deterrence_regions() -> None:
    by_choice = {choice(eq, "C|challenge"): eq for eq in SOL}
    challenge, deterred = by_choice["challenge"], by_choice["status quo"]
    assert sp.simplify(challenge.outcomes["war"] - pi) == 0
    assert sp.simplify(challenge.outcomes["concession"] - (1 - pi)) == 0
    assert sp.simplify(challenge.payoffs["C"] - (1 - pi * (1 + c))) == 0
    assert deterred.outcomes["status quo"] == 1
    # the conditions are pi <= 1/(1 + c) and pi >= 1/(1 + c), compared at points on each side
    for cc in (R(1, 10), R(1, 2), 2, 9):
        star = 1 / (1 + sp.sympify(cc))
        for p_, below in ((star * R(9, 10), True), (star, None), ((1 + star) / 2, False)):
            point = {"pi": p_, "c": cc, "d_R": R(1, 2), "d_I": 3}
            here = {choice(eq, "C|challenge") for eq in SOL.at(point)}
            expected = {
                True: {"challenge"},
                False: {"status quo"},
                None: {"challenge", "status quo"},
            }[below]
            assert here == expected, point


@pytest.mark.parametrize("cc", [R(1, 10), R(1, 2), 1, 2, R(19, 2)])
@pytest.mark.parametrize(("dr", "di"), [(R(1, 2), 2), (R(1, 10), 9)])
def test_deterrence_threshold_exactly(cc: Any, dr: Any, di: Any) -> None:
    (t,) = gt.thresholds(SOL, "pi", c=cc, d_R=dr, d_I=di)
    assert t.exact and t.value == model.THRESHOLD.subs(c, cc) == 1 / (1 + sp.sympify(cc))
    (below,) = t.below
    (above,) = t.above
    assert choice(SOL[below], "C|challenge") == "challenge"
    assert choice(SOL[above], "C|challenge") == "status quo"
    assert set(t.at) == {below, above}


def test_threshold_falls_in_the_cost_of_war() -> None:
    assert sp.diff(model.THRESHOLD, c).is_negative
    assert not model.THRESHOLD.has(d_R, d_I)


def test_certified_at_scenarios() -> None:
    for name, point in model.scenarios.items():
        eqs = SOL.at(point)
        assert len(eqs) == 1, name
        assert_equilibrium(model.game, eqs[0], at=point)
    (eq,) = SOL.at(model.scenarios["challenged"])
    assert eq.outcomes["war"] == R(1, 5)
    (eq,) = SOL.at(model.scenarios["cheap_war"])
    assert choice(eq, "C|challenge") == "challenge"  # pi* = 2/3 > 1/2
    (eq,) = SOL.at(model.scenarios["deterred"])
    assert choice(eq, "C|challenge") == "status quo"


# -- the escalation game -------------------------------------------------------------------------


def test_escalation_bluffing_equilibrium(escalation: gt.Solution) -> None:
    (eq,) = [e for e in escalation if choice(e, "C|challenge") == "challenge"]
    rho = pi * (c - b) / ((1 - pi) * (1 + b - c))
    assert sp.simplify(eq.strategies["D|irresolute"]["resist"] - rho) == 0
    assert sp.simplify(eq.strategies["C|resisted"]["fight"] - 1 / w) == 0
    assert sp.simplify(eq.beliefs["C|resisted"]["resolved"] - (1 + b - c)) == 0
    assert sp.simplify(eq.outcomes["war"] - pi / (w * (1 + b - c))) == 0
    assert sp.simplify(eq.payoffs["C"] - (1 - pi * (1 + b) / (1 + b - c))) == 0
    # it exists iff pi <= (1 + b - c)/(1 + b)
    for bb, cc in ((R(1, 2), 1), (R(1, 4), R(1, 2)), (2, R(5, 2))):
        star = model.ESCALATION_THRESHOLD.subs({b: bb, c: cc})
        for p_, holds in ((star * R(9, 10), True), (star, True), ((1 + star) / 2, False)):
            point = {"pi": p_, "b": bb, "c": cc, "w": 2}
            assert (eq.at(point) is not None) == holds, point


def test_escalation_deterrence_follows_bayes_where_possible(escalation: gt.Solution) -> None:
    """After C's own deviation (a challenge) the defender's strategies still determine the
    belief after resistance (Bayes' rule where possible): C stays out with both types resisting
    only where backing down is optimal at the prior, pi >= 1 + b - c; and the threshold of the
    challenge equilibrium is the boundary of deterrence."""
    stay_out = [
        e
        for e in escalation
        if choice(e, "C|challenge") == "status quo"
        and choice(e, "D|irresolute") == "resist"
        and choice(e, "C|resisted") == "back down"
    ]
    (eq,) = stay_out
    assert eq.beliefs["C|resisted"]["resolved"] == pi
    assert not eq.holds_at({"pi": R(1, 10), "b": R(1, 2), "c": 1, "w": 2})  # 1 + b - c = 1/2
    assert eq.holds_at({"pi": R(3, 5), "b": R(1, 2), "c": 1, "w": 2})


# -- printed output -------------------------------------------------------------------------------


def test_printed_output() -> None:
    out = solved.script("deterrence_resolve")
    assert out.returncode == 0, out.stderr
    assert "Scenario 'deterred'" in out.stdout
    assert "at c = 2: pi = 1/3" in out.stdout
    assert "With escalation" in out.stdout

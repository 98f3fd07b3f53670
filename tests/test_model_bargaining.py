"""Crisis bargaining with war as an outside option (Fearon 1995): the stated results, via gt.spe."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from . import solved

ROOT = Path(__file__).resolve().parent.parent
R = sp.Rational
HALF = R(1, 2)


@pytest.fixture(scope="module")
def model() -> tuple[object, gt.Solution]:
    return solved.model("bargaining"), solved.solution("bargaining")


def _unique(sol: gt.Solution, point: dict[str, object]) -> gt.Equilibrium:
    eqs = sol.at(point)
    keys = {(eq.strategies["offer"]["x"], eq.payoffs["A"]) for eq in eqs}
    assert len(keys) == 1, keys
    return eqs[0]


def _by_hand(ca: sp.Expr, k: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """The docstring's x*, Pr(war) and A's value (p = 1/2)."""
    y = max(sp.Integer(0), (k - ca) / 2)
    return HALF - y, y / k, HALF + y - y * (y + ca) / k


def test_bargaining_range_nonempty(model: tuple) -> None:
    """Complete information: [p − c_A, p + c_B] has width c_A + c_B > 0; x = 1 − p − c_B."""
    module, _ = model
    p = module.P
    c_b = sp.Symbol("c_B", positive=True)
    lo, hi = p - module.c_A, p + c_b
    assert sp.simplify(hi - lo - (module.c_A + c_b)) == 0
    assert (hi - lo).is_positive
    x_offer = 1 - p - c_b  # A keeps p + c_B: the top of the range, and B is indifferent
    assert sp.simplify((1 - x_offer) - hi) == 0
    assert sp.simplify(x_offer - (1 - p - c_b)) == 0
    assert ((1 - x_offer) - (p - module.c_A)).is_positive  # A strictly prefers it to war


def test_symbolic_table(model: tuple) -> None:
    module, sol = model
    ca, k = module.c_A, module.k
    risky = (1 + ca - k) / 2
    offers = {sp.simplify(eq.strategies["offer"]["x"]) for eq in sol}
    assert offers == {HALF, sp.simplify(risky)}
    for eq in sol:
        xs = eq.strategies["offer"]["x"]
        if sp.simplify(xs - risky) == 0 and xs != HALF:
            assert sp.simplify(eq.outcomes["war"] - (k - ca) / (2 * k)) == 0
            assert sp.simplify(eq.payoffs["A"] - (HALF + (k - ca) ** 2 / (4 * k))) == 0
            b = (ca**2 + 2 * ca * k - 3 * k**2 + 4 * k) / (8 * k)
            assert sp.simplify(eq.payoffs["B"] - b) == 0
        else:
            assert eq.outcomes["war"] == 0
            assert eq.payoffs["A"] == HALF


@pytest.mark.parametrize(
    ("name", "offer", "war", "value"),
    [
        ("jan2020", R(9, 20), R(1, 10), R(101, 200)),
        ("cheap_war", R(1, 20), R(9, 20), R(281, 400)),
        ("costly_war", HALF, 0, HALF),
    ],
)
def test_scenarios(model: tuple, name: str, offer: sp.Expr, war: sp.Expr, value: sp.Expr) -> None:
    module, sol = model
    eq = _unique(sol, module.scenarios[name])
    assert eq.strategies["offer"]["x"] == offer
    assert eq.outcomes["war"] == war
    assert eq.outcomes["settlement"] == 1 - war
    assert eq.payoffs["A"] == value
    assert eq.kind == "pure"
    if name == "jan2020":
        assert eq.payoffs["B"] == R(181, 400)


@pytest.mark.parametrize(
    "point",
    [
        (R(1, 10), R(1, 10)),  # c_A = k: the boundary, safe
        (R(1, 5), R(3, 10)),  # risky, k < 1/2 (sure-war offers exist)
        (R(3, 10), R(1, 5)),  # safe, k < 1/2
        (R(1, 2), R(3, 4)),  # risky, k > 1/2
        (R(9, 10), R(3, 4)),  # safe, k > 1/2
        (1, 1),  # c_A = k = 1
        (R(1, 100), HALF),  # k = 1/2 exactly
    ],
)
def test_offer_and_war_probability(model: tuple, point: tuple) -> None:
    _module, sol = model
    ca, k = (sp.sympify(v) for v in point)
    eq = _unique(sol, {"c_A": ca, "k": k})
    offer, war, value = _by_hand(ca, k)
    assert eq.strategies["offer"]["x"] == offer
    assert eq.outcomes["war"] == war
    assert eq.payoffs["A"] == value
    assert (war > 0) == (ca < k)


def _grid_value(ca: float, k: float) -> float:
    xs = np.linspace(0, 1, 200001)
    q = np.clip((0.5 - xs) / k, 0, 1)
    return float(np.max((1 - q) * (1 - xs) + q * (0.5 - ca)))


@pytest.mark.parametrize("seed", [0, 1])
def test_matches_grid_search(model: tuple, seed: int) -> None:
    _module, sol = model
    rng = np.random.default_rng(seed)
    for _ in range(6):
        ca = R(int(rng.integers(1, 101)), 100)
        k = R(int(rng.integers(1, 101)), 100)
        eq = _unique(sol, {"c_A": ca, "k": k})
        best = _grid_value(float(ca), float(k))
        assert -1e-12 <= float(eq.payoffs["A"]) - best < 1e-6
        # the solver's offer attains its payoff
        xs = float(eq.strategies["offer"]["x"])
        q = min(max((0.5 - xs) / float(k), 0.0), 1.0)
        assert abs((1 - q) * (1 - xs) + q * (0.5 - float(ca)) - float(eq.payoffs["A"])) < 1e-12
        assert abs(q - float(eq.outcomes["war"])) < 1e-12


@pytest.mark.parametrize("seed", [0, 1])
def test_war_probability_non_increasing_in_cost(model: tuple, seed: int) -> None:
    _module, sol = model
    rng = np.random.default_rng(100 + seed)
    for _ in range(3):
        k = R(int(rng.integers(1, 101)), 100)
        costs = sorted({R(int(c), 100) for c in rng.integers(1, 101, size=5)} | {k})
        wars = [_unique(sol, {"c_A": ca, "k": k}).outcomes["war"] for ca in costs]
        assert all(a >= b for a, b in itertools.pairwise(wars)), (k, costs, wars)
        assert wars[-1] == 0  # c_A ≥ k at the top: the safe offer


def test_printed_output() -> None:
    out = solved.script("bargaining").stdout
    assert "Crisis bargaining (US offers, Iran)" in out
    assert "x = c_A/2 - k/2 + 1/2" in out
    assert "Scenario 'jan2020' (c_A=2/5, k=1/2):" in out
    assert "x = 9/20" in out
    assert "P(settlement) = 9/10, P(war) = 1/10" in out
    assert "P(settlement) = 11/20, P(war) = 9/20" in out
    assert "Scenario 'costly_war'" in out
    assert "  pure: P(settlement) = 1" in out


def test_b_is_a_player_with_a_cutoff_rule(model: tuple) -> None:
    """B's private cost is a continuous type: its rule (a Piecewise in c_B and the offer x) is
    optimal for every sampled (c_B, x), and its expected payoff at the jan2020 offer equals a
    numeric quadrature over c_B ~ U[0, k]."""
    module, sol = model
    eq = _unique(sol, module.scenarios["jan2020"])
    rule = eq.strategies["reply"]
    k = float(module.scenarios["jan2020"]["k"])
    rng = np.random.default_rng(7)
    for cb, xv in rng.uniform(0, 1, size=(60, 2)):
        cb *= k
        point = {module.c_B: R(str(round(cb, 6))), module.x: R(str(round(xv, 6)))}
        accept = rule["accept"].xreplace(point)
        assert accept + rule["reject"].xreplace(point) == 1
        settle, war = point[module.x], 1 - module.P - point[module.c_B]
        assert (accept == 1) == (settle >= war)
    offer = float(eq.strategies["offer"]["x"])
    cs = np.linspace(0, k, 400001)
    pay = np.where(offer >= 0.5 - cs, offer, 0.5 - cs)
    assert abs(np.trapezoid(pay, cs) / k - float(eq.payoffs["B"])) < 1e-8

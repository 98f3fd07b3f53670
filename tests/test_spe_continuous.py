"""Continuous decisions in ``gt.spe``: the chooser's optimum r*(θ) on small trees."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

r = sp.Symbol("r")
b, t = sp.symbols("b t", positive=True)
m = sp.Symbol("m", real=True)


def _only(sol: gt.Solution, point: dict[str, object]) -> gt.Equilibrium:
    eqs = sol.at(point)
    assert len(eqs) >= 1
    values = {(eq.strategies["r"]["r"], eq.payoffs["A"]) for eq in eqs}
    assert len(values) == 1, values
    return eqs[0]


def test_concave_interior_optimum() -> None:
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 2), gt.Outcome(A=b * r - r**2 / 2, B=-r), infoset="r"),
        players=["A", "B"],
    )
    space = gt.ParameterSpace({b: (sp.Rational(1, 10), 1)})
    sol = gt.spe(game, space)
    assert len(sol) == 1
    (eq,) = sol
    assert sp.simplify(eq.strategies["r"]["r"] - b) == 0
    assert sp.simplify(eq.payoffs["A"] - b**2 / 2) == 0
    assert eq.kind == "pure"


def test_corner_optimum_and_case_split() -> None:
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 1), gt.Outcome(A=m * r - r**2 / 2, B=0), infoset="r"),
        players=["A", "B"],
    )
    space = gt.ParameterSpace({m: (-1, 3)})
    sol = gt.spe(game, space)
    assert len(sol) == 3  # r* = 0 (m <= 0), r* = m, r* = 1 (m >= 1)
    assert _only(sol, {"m": 2}).strategies["r"]["r"] == 1
    assert _only(sol, {"m": sp.Rational(1, 2)}).strategies["r"]["r"] == sp.Rational(1, 2)
    assert _only(sol, {"m": -1}).strategies["r"]["r"] == 0


def _kinked(tree_t: sp.Expr = t) -> gt.ExtensiveGame:
    p = sp.Piecewise((0, r <= tree_t), ((r - tree_t) / (1 - tree_t), r <= 1), (1, True))
    return gt.ExtensiveGame(
        gt.ContinuousDecision(
            "A",
            r,
            (0, 1),
            gt.Chance(
                {
                    "hit": (p, gt.Outcome("war", A=r - r**2 / 2 - b, B=-1)),
                    "miss": (1 - p, gt.Outcome("peace", A=r - r**2 / 2, B=-r)),
                }
            ),
            infoset="r",
        ),
        players=["A", "B"],
    )


def test_kinked_piecewise_payoff() -> None:
    space = gt.ParameterSpace(
        {b: (sp.Rational(1, 2), 2), t: (sp.Rational(1, 10), sp.Rational(9, 10))}
    )
    sol = gt.spe(_kinked(), space)
    # a costly war: strike exactly up to the threshold
    eq = _only(sol, {"b": 2, "t": sp.Rational(1, 2)})
    assert eq.strategies["r"]["r"] == sp.Rational(1, 2)
    assert eq.outcomes["war"] == 0
    # a cheap war and a low threshold: accept some risk, r* = 1 - b/(1 - t)
    eq = _only(sol, {"b": sp.Rational(1, 2), "t": sp.Rational(1, 10)})
    assert eq.strategies["r"]["r"] == 1 - sp.Rational(1, 2) / sp.Rational(9, 10)
    assert eq.outcomes["war"] > 0


def _grid_max(bv: float, tv: float) -> float:
    xs = np.linspace(0, 1, 20001)
    p = np.clip((xs - tv) / (1 - tv), 0, 1)
    return float(np.max(xs - xs**2 / 2 - bv * p))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spe_matches_grid_search(seed: int) -> None:
    space = gt.ParameterSpace(
        {b: (sp.Rational(1, 2), 2), t: (sp.Rational(1, 10), sp.Rational(9, 10))}
    )
    game = _kinked()
    sol = gt.spe(game, space)
    rng = np.random.default_rng(seed)
    for _ in range(5):
        bv = sp.Rational(int(rng.integers(50, 200)), 100)
        tv = sp.Rational(int(rng.integers(10, 90)), 100)
        eq = _only(sol, {"b": bv, "t": tv})
        best = _grid_max(float(bv), float(tv))
        assert abs(float(eq.payoffs["A"]) - best) < 1e-6
        rs = float(eq.strategies["r"]["r"])
        p = min(max((rs - float(tv)) / (1 - float(tv)), 0), 1)
        assert abs(rs - rs**2 / 2 - float(bv) * p - best) < 1e-6


def test_decision_below_in_a_shared_information_set_is_unsupported() -> None:
    below = gt.Decision("B", {"x": gt.Outcome(A=r, B=0), "y": gt.Outcome(A=0, B=r)}, infoset="h")
    game = gt.ExtensiveGame(gt.ContinuousDecision("A", r, (0, 1), below))
    with pytest.raises(gt.UnsupportedGameError, match="must observe it"):
        gt.spe(game)


def test_nonlinear_condition_is_unsupported() -> None:
    p = sp.Piecewise((0, r**2 <= sp.Rational(1, 4)), (1, True))
    game = gt.ExtensiveGame(
        gt.ContinuousDecision(
            "A",
            r,
            (0, 1),
            gt.Chance({"w": (p, gt.Outcome(A=-1, B=0)), "n": (1 - p, gt.Outcome(A=r, B=0))}),
        )
    )
    with pytest.raises(gt.UnsupportedGameError, match="not linear"):
        gt.spe(game)


def test_a_later_reply_becomes_a_cutoff_rule() -> None:
    """Iran picks an intensity r; the US, seeing r, absorbs (cost r) or escalates (cost theta),
    absorbing on ties.  Iran's payoff jumps down where the US starts escalating, so Iran strikes
    up to the US's threshold: r* = min(1, theta)."""
    r = sp.Symbol("r", real=True)
    th = sp.Symbol("theta", positive=True)
    tree = gt.ContinuousDecision(
        "Iran",
        r,
        (0, 2),
        gt.Decision(
            "US",
            {
                "absorb": gt.Outcome(US=-r, Iran=r - r**2 / 2, label="absorbed"),
                "escalate": gt.Outcome(US=-th, Iran=-1, label="war"),
            },
        ),
    )
    game = gt.ExtensiveGame(tree)
    space = gt.ParameterSpace({th: (0, 2)})
    sol = gt.spe(game, space)
    assert "absorb if r <= theta, escalate otherwise" in str(sol)
    for value in (sp.Rational(1, 4), sp.Rational(1, 2), 1, sp.Rational(3, 2), 2):
        (eq,) = sol.at(theta=value)
        r_star = eq.strategies["Iran@root"]["r"]
        assert r_star == min(1, value)
        assert eq.outcomes["war"] == 0
        rule = eq.strategies["US@r"]
        assert rule["absorb"].subs(r, r_star) == 1 and rule["escalate"].subs(r, r_star) == 0
        grid = np.linspace(0, 2, 20001)
        v = float(value)
        iran = np.where(grid <= v, grid - grid**2 / 2, -1.0)
        assert float(eq.payoffs["Iran"]) == pytest.approx(iran.max(), abs=1e-6)
    res = gt.sweep(sol, theta=np.linspace(0.1, 2, 20))
    assert res.n_points == 20 and len(res.frame) >= 20


def _transcendental(scale: sp.Expr) -> gt.ExtensiveGame:
    """V(r) = sin(r) - r²/(4·scale): dV/dr = 0 is cos(r) = r/(2·scale), no closed form."""
    return gt.ExtensiveGame(
        gt.ContinuousDecision(
            "A", r, (0, 2), gt.Outcome(A=sp.sin(r) - r**2 / (4 * scale), B=-r), infoset="r"
        ),
        players=["A", "B"],
    )


def test_transcendental_payoff_with_an_exact_root_stays_exact() -> None:
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 5), gt.Outcome(A=r * sp.exp(-r / b), B=0), infoset="r"),
        players=["A", "B"],
    )
    sol = gt.spe(game, gt.ParameterSpace({b: (1, 2)}))
    (eq,) = sol.at(b=sp.Rational(3, 2))
    assert eq.strategies["r"]["r"] == sp.Rational(3, 2)
    assert not any(isinstance(d, gt.NumericFallback) for d in sol.diagnostics)


def test_numeric_optimum_when_no_closed_form_at_a_point() -> None:
    sol = gt.spe(_transcendental(sp.Integer(1)))
    (eq,) = sol
    x = float(eq.strategies["r"]["r"])
    assert abs(np.cos(x) - x / 2) < 1e-8  # the first-order condition
    xs = np.linspace(0, 2, 200001)
    assert float(eq.payoffs["A"]) >= float(np.max(np.sin(xs) - xs**2 / 4)) - 1e-12
    assert gt.NumericFallback("root", "r") in sol.diagnostics


def test_numeric_optimum_of_a_quintic_matches_a_grid() -> None:
    # dV/dr = 1 - r**4 - r**5: no closed-form root (sympy gives CRootOf)
    v = r - r**5 / 5 - r**6 / 6
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 2), gt.Outcome(A=v, B=0), infoset="r"),
        players=["A", "B"],
    )
    (eq,) = gt.spe(game)
    xs = np.linspace(0, 2, 200001)
    f = sp.lambdify(r, v)
    best = xs[np.argmax(f(xs))]
    assert abs(float(eq.strategies["r"]["r"]) - best) < 1e-4
    assert float(eq.payoffs["A"]) >= float(np.max(f(xs))) - 1e-12


def test_numeric_optimum_at_an_exact_end_stays_exact() -> None:
    # increasing on [0, 1]: the optimum is the end r = 1, kept exact
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 1), gt.Outcome(A=r * sp.exp(r), B=0), infoset="r"),
        players=["A", "B"],
    )
    (eq,) = gt.spe(game)
    assert eq.strategies["r"]["r"] == 1
    assert eq.payoffs["A"] == sp.E


def test_no_closed_form_with_parameters_left_is_unsupported() -> None:
    with pytest.raises(gt.UnsupportedGameError, match=r"game\.at"):
        gt.spe(_transcendental(b), gt.ParameterSpace({b: (1, 2)}))

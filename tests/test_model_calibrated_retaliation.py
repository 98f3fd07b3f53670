"""Calibrated retaliation (MODELS.md §1, §1b): the stated results, through ``gt.spe``, with the
target U a player with a continuous private tolerance and all seven parameters symbolic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from . import solved

ROOT = Path(__file__).resolve().parent.parent
R = sp.Rational
JAN = {"v": 1, "c": 1, "kappa": R(1, 2), "lambda": R(1, 10)}  # the fixed values of the old model


@pytest.fixture(scope="module")
def model() -> tuple[object, gt.Solution]:
    return solved.model("calibrated_retaliation"), solved.solution("calibrated_retaliation")


def _unique(sol: gt.Solution, point: dict[str, object]) -> gt.Equilibrium:
    eqs = sol.at({**JAN, **point})
    keys = {(tuple(e.strategies["omega"].items()), e.payoffs["I"]) for e in eqs}
    assert len(keys) == 1, keys
    return eqs[0]


def test_jan2020(model: tuple) -> None:
    module, sol = model
    assert module.scenarios["jan2020"] == {
        **JAN,
        "W": 2,
        "theta_L": R(1, 4),
        "theta_H": R(3, 4),
    }
    eq = _unique(sol, module.scenarios["jan2020"])
    assert eq.strategies["omega"] == {"warn": 1, "no warning": 0}
    assert eq.strategies["r|warn"]["r"] == R(1, 2)
    assert eq.strategies["r|no warning"]["r"] == R(1, 4)
    assert eq.payoffs["I"] == R(13, 40)
    assert eq.outcomes["war"] == 0
    assert eq.payoffs["U"] == -R(1, 4)  # harm exactly theta_L, absorbed by every type
    assert eq.kind == "pure"


def _case(a: sp.Expr, k: sp.Expr, w: sp.Expr, tl: sp.Expr, th: sp.Expr) -> tuple[str, sp.Expr]:
    """MODELS.md's table (v = c = 1): the case and r* for one ω."""
    d = th - tl
    if a * k <= tl:
        return "safe", a
    if a - tl / k <= w * k / d:
        return "calibrated", tl / k
    return "risky", a - w * k / d


@pytest.mark.parametrize(
    ("point", "cases"),
    [
        ({"W": 1, "theta_L": R(3, 2), "theta_H": 2}, ("safe", "safe")),
        ({"W": 2, "theta_L": R(1, 4), "theta_H": R(3, 4)}, ("calibrated", "calibrated")),
        ({"W": R(1, 2), "theta_L": 0, "theta_H": 1}, ("risky", "risky")),
        ({"W": 1, "theta_L": R(1, 2), "theta_H": 2}, ("safe", "calibrated")),
        ({"W": R(1, 2), "theta_L": R(2, 5), "theta_H": 2}, ("calibrated", "risky")),
    ],
)
def test_three_cases(model: tuple, point: dict[str, object], cases: tuple[str, str]) -> None:
    _module, sol = model
    eq = _unique(sol, point)
    w, tl, th = (sp.sympify(point[n]) for n in ("W", "theta_L", "theta_H"))
    found = []
    for omega, label in ((1, "r|warn"), (0, "r|no warning")):
        a, k = 1 - R(1, 10) * omega, 1 - R(1, 2) * omega
        case, r_star = _case(a, k, w, tl, th)
        assert eq.strategies[label]["r"] == r_star
        found.append(case)
    assert tuple(found) == cases


@pytest.mark.parametrize("seed", [0, 1])
def test_matches_grid_search(model: tuple, seed: int) -> None:
    _module, sol = model
    rng = np.random.default_rng(seed)
    for _ in range(4):
        tl = R(int(rng.integers(0, 150)), 100)
        th = tl + R(int(rng.integers(5, 200 - int(tl * 100))), 100)
        w = R(int(rng.integers(50, 400)), 100)
        eq = _unique(sol, {"W": w, "theta_L": tl, "theta_H": th})
        best = -np.inf
        for omega in (0, 1):
            a, k = 1 - 0.1 * omega, 1 - 0.5 * omega
            xs = np.linspace(0, float(th) / k, 40001)
            p = np.clip((k * xs - float(tl)) / float(th - tl), 0, 1)
            best = max(best, float(np.max(a * xs - xs**2 / 2 - float(w) * p)))
        assert -1e-12 <= float(eq.payoffs["I"]) - best < 1e-4


@pytest.mark.slow
def test_printed_output() -> None:
    out = solved.script("calibrated_retaliation").stdout
    assert "Scenario 'jan2020'" in out
    assert "13/40" in out


def test_every_listed_region_matches_the_closed_form_at_its_witness(model: tuple) -> None:
    """Each listed SPE has an exact witness in the space where its conditions hold, and there
    the solver's intensities are MODELS.md's closed forms (no '?' in the overview)."""
    module, sol = model
    assert sol.equilibria
    for eq in sol:
        assert eq.witness is not None
        assert sol.space.contains(eq.witness)
        assert eq.holds_at(eq.witness)
    table = module.overview(sol)
    assert "?" not in table
    assert {"safe", "calibrated", "risky"} <= set(table.split())


def test_provably_empty_cases_are_not_listed(model: tuple) -> None:
    """Case combinations that cannot occur (e.g. the intensity at the edge of certain war,
    r = 2*theta_H, ruled out by W >= v^2/(2c)) are dropped, not listed."""
    _module, sol = model
    module, _ = model
    edge = {"r|warn": module.theta_H / (1 - module.kappa), "r|no warning": module.theta_H}
    for eq in (*sol.equilibria, *sol.undecided):
        for label, r_edge in edge.items():
            assert sp.cancel(eq.strategies[label]["r"] - r_edge) != 0


def test_phase_map_agrees_with_the_closed_form(model: tuple) -> None:
    """Down θ_L at a cheap war (W = 1/2, the first column) the path runs through risky,
    calibrated and safe optima; every cell's case and warning choice are MODELS.md's."""
    module, sol = model
    rows = [line for line in module.phase_map(sol).splitlines() if line.startswith("theta_L")]
    first = "".join(line.split("| ")[1][0] for line in rows)
    assert first[0].lower() == "r" and first[-1].lower() == "s" and "c" in first.lower()
    for line in rows:
        tl = R(line.split("=")[1].split("|")[0].strip())
        point = {module.W: R(1, 2), module.theta_L: tl, module.theta_H: 2}
        point |= {module.v: 1, module.c: 1, module.kappa: R(1, 2), module.lam: R(1, 10)}
        cell = line.split("| ")[1][0]
        values = {}
        for warn in (0, 1):
            name, x = module.case(point, warn)
            k, a = 1 - R(1, 2) * warn, 1 - R(1, 10) * warn
            war = min(max((k * x - tl) / (2 - tl), 0), 1)
            values[warn] = (name, a * x - x**2 / 2 - R(1, 2) * war)
        warn = int(cell.isupper())
        assert values[warn][0][0] == cell.lower()
        assert values[warn][1] >= values[1 - warn][1]


def test_all_seven_parameters_are_symbolic(model: tuple) -> None:
    module, sol = model
    names = {str(p) for p in module.game.parameters}
    assert names == {"v", "c", "W", "kappa", "lambda", "theta_L", "theta_H"}
    assert set(sol.space.symbols) == set(module.game.parameters)


def test_each_case_of_the_table_appears(model: tuple) -> None:
    """Every listed r* is one of MODELS.md's closed forms, symbolically (no '?')."""
    module, sol = model
    for _choice, warned, unwarned, _point in module.cases(sol):
        assert warned != "?" and unwarned != "?"
    found = {(w, u) for _, w, u, _ in module.cases(sol)}
    assert {("calibrated", "calibrated"), ("safe", "safe"), ("risky", "risky")} <= found


@pytest.mark.parametrize("seed", [0, 1])
def test_general_points_match_grid_search(model: tuple, seed: int) -> None:
    """Random points of the seven-dimensional space: I's value is the best of a fine grid of
    intensities after either choice of ω, war probability by U's cutoff θ < h."""
    _module, sol = model
    rng = np.random.default_rng(10 + seed)
    done = 0
    while done < 3:
        v, c = R(int(rng.integers(5, 20)), 10), R(int(rng.integers(5, 20)), 10)
        kap, lam = R(int(rng.integers(0, 9)), 10), R(int(rng.integers(0, 9)), 10)
        tl = R(int(rng.integers(0, 150)), 100)
        th = tl + R(int(rng.integers(5, 200)), 100)
        w = v**2 / (2 * c) + R(int(rng.integers(0, 300)), 100)
        point = {"v": v, "c": c, "kappa": kap, "lambda": lam, "W": w}
        point |= {"theta_L": tl, "theta_H": th}
        if not sol.space.contains(point):
            continue
        done += 1
        eqs = sol.at(point)
        assert eqs, point
        best = -np.inf
        for omega in (0, 1):
            a, k = float(v) * (1 - float(lam) * omega), 1 - float(kap) * omega
            xs = np.linspace(0, float(th) / k, 40001)
            p = np.clip((k * xs - float(tl)) / float(th - tl), 0, 1)
            best = max(best, float(np.max(a * xs - float(c) * xs**2 / 2 - float(w) * p)))
        for eq in eqs:
            assert -1e-12 <= float(eq.payoffs["I"]) - best < 1e-3 * (1 + abs(best))


def test_us_rule_and_expected_payoff(model: tuple) -> None:
    """U's rule is optimal for every sampled tolerance θ and harm, and its expected payoff is
    -h·Pr(θ >= h) - E[θ; θ < h] (numeric quadrature), at the risky scenario."""
    module, sol = model
    eq = _unique(sol, module.scenarios["risky"])
    assert eq.strategies["omega"]["warn"] == 1
    rule = eq.strategies["U@theta/warn/r"]
    rng = np.random.default_rng(3)
    for t, rv in rng.uniform(0, 1.5, size=(50, 2)):
        pt = {module.theta: R(str(round(t, 5))), module.r: R(str(round(rv, 5)))}
        absorb = rule["absorb"].xreplace(pt)
        h = pt[module.r] / 2
        assert absorb + rule["war"].xreplace(pt) == 1
        assert (absorb == 1) == (-h >= -pt[module.theta])
    h = float(eq.strategies["r|warn"]["r"]) / 2
    ts = np.linspace(0, 1, 400001)
    assert abs(np.trapezoid(np.where(ts >= h, -h, -ts), ts) - float(eq.payoffs["U"])) < 1e-8
    assert eq.payoffs["U"] == -R(871, 3200)


def test_ties_list_both_choices_and_say_so(model: tuple) -> None:
    """Where a warning neither removes harm nor costs value (κ = λ = 0), V(1) = V(0): both
    choices of ω are listed, and the solution's notes say so."""
    _module, sol = model
    point = {"v": 1, "c": 1, "W": 1, "kappa": 0, "lambda": 0, "theta_L": R(1, 2), "theta_H": 1}
    choices = {next(a for a, p in eq.strategies["omega"].items() if p == 1) for eq in sol.at(point)}
    assert choices == {"warn", "no warning"}
    assert gt.Tie("first mover") in sol.diagnostics

"""Every model file: the conformance checks all models share, then each model's stated results."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted(p for p in (ROOT / "models").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_model_conformance(path: Path) -> None:
    """Docstring with sources, game/space/scenarios, scenarios inside the space, main()."""
    module = solved.model(path.stem)
    assert module.__doc__ and "Sources" in module.__doc__
    assert isinstance(module.space, gt.ParameterSpace)
    assert callable(module.main)
    for name, point in module.scenarios.items():
        assert module.space.contains(point), name
    sol = solved.solved(path.stem)  # gt.solve(module.game, space=module.space), once per run
    if getattr(module.game, "has_continuous", False):
        # The normal-form certificate needs finitely many strategies; a tree with a continuous
        # decision is checked by its own model test (brute force over a grid of r) instead.
        assert all(sol.at(point) for point in module.scenarios.values())
        return
    for eq in sol:
        if eq.witness is not None:
            assert_equilibrium(module.game, eq, at=eq.witness)
    for point in module.scenarios.values():
        for eq in sol.at(point):
            assert_equilibrium(module.game, eq, at=point)


@pytest.mark.slow
@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_model_runs_as_a_script(path: Path) -> None:
    out = solved.script(path.stem)
    assert out.returncode == 0, out.stderr
    assert "Scenario" in out.stdout


# -- crisis chicken: the results stated in its docstring --------------------------------------


@pytest.fixture(scope="module")
def chicken() -> tuple[object, gt.Solution]:
    return solved.model("crisis_chicken"), solved.solution("crisis_chicken")


def test_chicken_regions(chicken: tuple) -> None:
    module, sol = chicken
    c, a = module.c, module.a
    by_profile = {
        tuple(next(k for k, v in s.items() if v == 1) for s in eq.strategies.values()): eq
        for eq in sol
        if eq.kind == "pure"
    }
    assert set(by_profile) == {("hold", "escalate"), ("escalate", "hold"), ("escalate", "escalate")}
    assert by_profile["hold", "escalate"].conditions == (c >= a)
    assert by_profile["escalate", "hold"].conditions == (c >= a)
    assert by_profile["escalate", "escalate"].conditions == (a >= c)
    (mixed,) = [eq for eq in sol if eq.kind == "mixed"]
    q = 1 / (1 + c - a)
    assert mixed.conditions == (c >= a)
    assert sp.simplify(mixed.strategies["US"]["escalate"] - q) == 0
    assert sp.simplify(mixed.outcomes["war"] - q**2) == 0
    assert sp.simplify(mixed.payoffs["Iran"] + a * q) == 0
    assert not sol.degenerate


def test_chicken_scenarios(chicken: tuple) -> None:
    module, sol = chicken
    jan = sol.at(module.scenarios["jan2020"])
    assert len(jan) == 3
    (mixed,) = [eq for eq in jan if eq.kind == "mixed"]
    assert mixed.strategies["Iran"]["escalate"] == sp.Rational(1, 10)
    assert mixed.outcomes["war"] == sp.Rational(1, 100)
    trap = sol.at(module.scenarios["audience_trap"])
    assert len(trap) == 1 and trap[0].outcomes["war"] == 1
    boundary = sol.at(module.scenarios["boundary"])
    assert len(boundary) == 3 and boundary.degenerate


def test_chicken_printed_output(chicken: tuple) -> None:
    _module, _ = chicken
    out = solved.script("crisis_chicken").stdout
    assert "escalate 1/(-a + c + 1)" in out
    assert "P(war) = 1/100" in out
    assert "Scenario 'audience_trap'" in out

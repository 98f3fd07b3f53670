"""Advance warning as a signal (models/warning_signal.py): the results its docstring states.

The separating and pooling-on-warning regions are compared with the docstring's conditions at
seeded random exact points of the space (and at points on the region's faces), every PBE
there is certified by regret, and the scenarios and printed output are checked.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "warning_signal.py"
R = sp.Rational

model = solved.model("warning_signal")
p, lam, c, W, w = model.p, model.lam, model.c, model.W, model.w
SOL = solved.solution("warning_signal")


def profile(eq: gt.Equilibrium) -> tuple[str | None, ...]:
    """Pure choices at I|resolved, I|restrained, U|warn, U|no warning (None where mixed)."""

    def pure(h: str) -> str | None:
        actions = [x for x, v in eq.strategies[h].items() if v == 1]
        return str(actions[0]) if actions else None

    return tuple(pure(h) for h in ("I|resolved", "I|restrained", "U|warn", "U|no warning"))


SEPARATING = ("no warning", "warn", "absorb", "escalate")
POOLING = ("warn", "warn", "absorb", "escalate")


def _one(shape: tuple[str, ...]) -> gt.Equilibrium:
    (eq,) = [e for e in SOL if profile(e) == shape]
    return eq


def random_points(
    n: int, seed: int, wars: tuple[int, int], lams: tuple[int, int]
) -> list[dict[str, Any]]:
    """Seeded exact points: war costs w < W in wars/10, lambda in lams/10."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        ww, big = sorted(R(rng.randint(*wars), 10) for _ in range(2))
        if ww == big:
            continue
        out.append(
            {
                "p": R(rng.randint(1, 19), 20),
                "lambda": R(rng.randint(*lams), 10),
                "c": R(rng.randint(1, 19), 20),
                "W": big,
                "w": ww,
            }
        )
    return out


# the whole space, then points near the separating region (W <= 1 <= 2w, c <= lambda <= 1)
POINTS = random_points(60, 5, (1, 40), (1, 20)) + random_points(40, 6, (4, 11), (1, 11))


def holds(cond: sp.Basic, point: dict[str, Any]) -> bool:
    return bool(cond.subs({model.space.symbol(k): v for k, v in point.items()}))


def test_separating_region() -> None:
    eq = _one(SEPARATING)
    assert eq.kind == "separating"
    assert eq.beliefs["U|warn"] == {"resolved": 0, "restrained": 1}
    assert eq.beliefs["U|no warning"] == {"resolved": 1, "restrained": 0}
    for point in POINTS:
        assert (eq.at(point) is not None) == holds(model.SEPARATING, point), point


def test_pooling_on_warning_region() -> None:
    eq = _one(POOLING)
    assert eq.kind == "pooling"
    assert eq.outcomes["absorbed"] == 1
    assert eq.beliefs["U|warn"] == {"resolved": p, "restrained": 1 - p}  # no information
    off = eq.beliefs["U|no warning"]["resolved"]
    assert isinstance(off, sp.Interval)
    assert off.left == 0
    (bound,) = [x for x in off.right.args if x != 1]  # Min(1, bound)
    assert isinstance(off.right, sp.Min) and sp.simplify(bound - (1 - w) / (W - w)) == 0
    for point in POINTS:
        assert (eq.at(point) is not None) == holds(model.POOLING_ON_WARNING, point), point


def test_regions_meet_only_where_lambda_equals_c() -> None:
    sep, pool = _one(SEPARATING), _one(POOLING)
    for point in POINTS:
        if sep.at(point) is not None and pool.at(point) is not None:
            assert point["lambda"] == point["c"]
    both = {"p": R(1, 2), "lambda": R(1, 2), "c": R(1, 2), "W": R(9, 10), "w": R(3, 4)}
    assert sep.at(both) is not None and pool.at(both) is not None
    # nudging lambda either way keeps only one of them
    for dl, kept in ((R(1, 100), SEPARATING), (-R(1, 100), POOLING)):
        here = {profile(e) for e in SOL.at({**both, "lambda": both["lambda"] + dl})}
        assert kept in here and ({SEPARATING, POOLING} - {kept}).isdisjoint(here)


def test_the_resolved_type_never_separates_by_warning() -> None:
    assert not [e for e in SOL if profile(e)[:2] == ("warn", "no warning")]


def test_warning_lowers_the_escalation_threshold() -> None:
    """U escalates iff mu*W + (1 - mu)*w <= harm: harm 1 unwarned, 1/2 warned."""
    node = {m: model.target("resolved", m) for m in model.MESSAGES}
    absorb = {m: node[m].actions["absorb"].payoffs["U"] for m in model.MESSAGES}
    assert absorb == {"warn": -R(1, 2), "no warning": -1}
    assert node["warn"].actions["escalate"].payoffs["U"] == -W


def test_every_pbe_certified_at_random_points() -> None:
    for point in POINTS[:25]:
        eqs = SOL.at(point)
        assert eqs, point
        for eq in eqs:
            assert_equilibrium(model.game, eq, at=point)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("jan2020", {POOLING}),
        ("two_readings", {POOLING, ("no warning", "no warning", "absorb", "absorb")}),
        ("reveals_restraint", {SEPARATING}),
    ],
)
def test_scenarios(name: str, expected: set[tuple[str, ...]]) -> None:
    """The pure equilibria at each scenario; a target mixing off the path (``None``) is an
    extreme point of a continuum beside a pure one, listed because the solution is degenerate."""
    eqs = SOL.at(model.scenarios[name])
    assert {profile(e) for e in eqs if None not in profile(e)} == expected
    for e in eqs:
        if None in profile(e):
            assert SOL.degenerate
            assert profile(e)[:2] in {x[:2] for x in expected}


def test_printed_output() -> None:
    out = solved.script("warning_signal")
    assert out.returncode == 0, out.stderr
    assert "Scenario 'jan2020'" in out.stdout
    assert "Separating (only the restrained type warns)" in out.stdout

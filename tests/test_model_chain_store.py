"""The chain-store game (models/chain_store.py): the results its docstring states.

The SPE is checked through ``gt.spe``, the incredible-threat Nash equilibria through ``gt.nash``
and the regret certificate, and the chain's unravelling against a numeric backward induction
written here (no solver).
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
MODEL = ROOT / "models" / "chain_store.py"

store = solved.model("chain_store")
b, f, m = store.b, store.f, store.m
POINTS = [
    {"b": sp.Rational(bb), "f": sp.Rational(ff), "m": sp.Rational(mm)}
    for bb, ff, mm in [(1, 1, 2), (2, 1, 5), (1, 5, 5), ("1/3", "19/2", 10), (9, "1/10", 10)]
]


def backward_induction(game: gt.ExtensiveGame) -> tuple[dict[str, str], dict[str, sp.Expr]]:
    """The pure SPE of a numeric perfect-information tree without ties, by direct recursion."""
    strategies: dict[str, str] = {}

    def solve(node: Any, path: str) -> dict[str, sp.Expr]:
        if isinstance(node, gt.Outcome):
            return dict(node.payoffs)
        values = {
            a: solve(child, a if path == "root" else f"{path}/{a}")
            for a, child in node.actions.items()
        }
        best = max(values, key=lambda a: values[a][node.player])
        others = [v[node.player] for a, v in values.items() if a != best]
        if any(v == values[best][node.player] for v in others):
            raise ValueError(f"a tie at {path}: pick a generic point")
        strategies[f"{node.player}@{path}"] = best
        return values[best]

    return strategies, solve(game.root, "root")


def _pure(strategy: Any) -> str:
    (action,) = [a for a, v in strategy.items() if v == 1]
    return str(action)


# -- result 1: the SPE ----------------------------------------------------------------------------


def test_spe_is_challenge_and_accommodate() -> None:
    sol = gt.spe(store.game, space=store.space)
    assert sol.concept == "spe"
    (eq,) = sol
    assert eq.conditions == sp.true
    assert {h: _pure(s) for h, s in eq.strategies.items()} == {
        "challenger@root": "challenge",
        "defender@challenge": "accommodate",
    }
    assert eq.payoffs == {"challenger": b, "defender": m - b}
    assert eq.outcomes["accommodation"] == 1
    assert eq.witness is not None and store.space.contains(eq.witness)
    assert len(gt.solve(store.game, space=store.space)) == 1


# -- result 2: Nash equilibria with an incredible threat -------------------------------------------


def test_nash_includes_the_incredible_threat() -> None:
    sol = store.nash_solution()
    assert sol.degenerate
    by_profile: dict[tuple[str, ...], list[gt.Equilibrium]] = {}
    for eq in sol:
        key = tuple(
            "mixed" if len([v for v in s.values() if v != 0]) > 1 else _pure(s)
            for s in eq.strategies.values()
        )
        by_profile.setdefault(key, []).append(eq)
    assert set(by_profile) == {
        ("stay out", "fight"),
        ("challenge", "accommodate"),
        ("stay out", "mixed"),
    }
    (threat,) = by_profile["stay out", "fight"]
    assert threat.conditions == sp.true
    assert threat.payoffs == {"challenger": 0, "defender": m}
    assert threat.outcomes["status quo"] == 1
    (edge,) = by_profile["stay out", "mixed"]
    assert sp.simplify(edge.strategies["defender"]["fight"] - b / (b + f)) == 0
    # neither threat equilibrium is subgame perfect: fighting after a challenge loses f
    fight = store.game.node("challenge/fight").payoffs["defender"]
    accommodate = store.game.node("challenge/accommodate").payoffs["defender"]
    assert sp.simplify(accommodate - fight - f) == 0
    for point in POINTS:
        for eq in sol.at(point):
            assert_equilibrium(store.game, eq, at=point)


def test_spe_is_one_of_the_nash_equilibria() -> None:
    nash = store.nash_solution()
    for point in POINTS:
        (eq,) = gt.spe(store.game, space=store.space).at(point)
        mixed = store.game.behaviour_to_mixed(eq.strategies)
        assert_equilibrium(store.game, mixed, at=point)
        assert eq.payoffs in [e.payoffs for e in nash.at(point)]


# -- result 3: the chain unravels -----------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3])
def test_chain_unravels(k: int) -> None:
    game = store.chain(k)
    sol = gt.spe(game, space=store.space)
    (eq,) = sol
    everywhere = {h: _pure(s) for h, s in eq.strategies.items()}
    assert len(everywhere) == len(game.infosets)
    for h, action in everywhere.items():
        expected = "accommodate" if h.startswith("defender@") else "challenge"
        assert action == expected, h
    assert eq.outcomes[", ".join(["accommodation"] * k)] == 1
    assert sp.simplify(eq.payoffs["defender"] - k * (m - b)) == 0
    for point in POINTS:
        strategies, payoffs = backward_induction(game.at(point))
        (here,) = sol.at(point)
        assert {h: _pure(s) for h, s in here.strategies.items()} == strategies
        assert dict(here.payoffs) == payoffs


def test_chain_backward_induction_unravels() -> None:
    """The numeric backward induction alone (no solver): challengers always challenge."""
    for point in POINTS:
        strategies, payoffs = backward_induction(store.chain(3).at(point))
        assert set(strategies.values()) == {"challenge", "accommodate"}
        assert payoffs["defender"] == 3 * (point["m"] - point["b"])


def test_chain_rejects_no_markets() -> None:
    with pytest.raises(ValueError):
        store.chain(0)


# -- scenarios and printed output -----------------------------------------------------------------


def test_printed_output() -> None:
    out = solved.script("chain_store")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    spe_part, nash_part = text.split("Nash (normal form)")
    assert "subgame perfect" in spe_part
    assert "Scenario 'cheap_fight'" in spe_part
    assert "P(accommodation) = 1" in spe_part
    assert "P(status quo)" not in spe_part
    assert "Scenario 'costly_fight'" in nash_part
    assert "P(status quo) = 1" in nash_part
    assert "accommodate f/(b + f), fight b/(b + f)" in nash_part
    assert "accommodate 5/6, fight 1/6" in nash_part  # costly_fight: fight with prob b/(b+f)

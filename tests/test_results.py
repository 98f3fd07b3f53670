"""Equilibrium and Solution: exact evaluation, printing, LaTeX, frames, immutability."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
import sympy as sp

import gametheory as gt

from .fixtures import beer_quiche, crisis_game, deterrence_root

c, a = sp.symbols("c a", positive=True)
SPACE = gt.ParameterSpace({c: (0, 10), a: (0, 10)})
GAME = crisis_game()


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return gt.nash(GAME, space=SPACE)


def test_at_is_exact_and_drops_absent_equilibria(sol: gt.Solution) -> None:
    here = sol.at(c=sp.Rational(7, 3), a=0.5)
    (mixed,) = [eq for eq in here if eq.kind == "mixed"]
    assert mixed.strategies["US"]["escalate"] == sp.Rational(6, 17)
    assert all(isinstance(v, sp.Rational) for v in mixed.payoffs.values())
    assert here.game.is_exact
    war = next(eq for eq in sol if eq.outcomes["war"] == 1)
    assert war.at(c=5, a=1) is None
    assert war.holds_at({c: 1, a: 5}) and not war.holds_at(c=5, a=1)


def test_at_merges_duplicates_on_boundaries(sol: gt.Solution) -> None:
    # at a = c the mixed equilibrium becomes (escalate, escalate): listed once
    keys = [eq.key() for eq in sol.at(c=2, a=2)]
    assert len(keys) == len(set(keys)) == 3


def test_str_latex_and_frame(sol: gt.Solution) -> None:
    text = str(sol)
    assert "conditions" in text and "c >= a" in text
    assert sol._repr_latex_().startswith("$$\\begin{array}")
    assert "\\geq" in sol[0]._repr_latex_()
    assert "pure equilibrium" in str(sol[0])
    frame = sol.to_frame()
    assert list(frame.columns[:2]) == ["equilibrium", "kind"]
    assert {"US:hold", "Iran:escalate", "US", "Iran", "war", "conditions"} <= set(frame.columns)
    assert len(frame) == len(sol)
    assert "no nash equilibria" in str(dataclasses.replace(sol, equilibria=()))


def test_frozen(sol: gt.Solution) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        sol.degenerate = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sol[0].kind = "x"  # type: ignore[misc]


def _results() -> list[gt.Solution]:
    """Solutions of every concept, symbolic and at a point, with beliefs and groups."""
    tree = gt.ExtensiveGame(deterrence_root())
    d = sp.Symbol("delta", positive=True)
    pd_ = gt.NormalFormGame(
        {"Row": ["C", "D"], "Col": ["C", "D"]},
        {("C", "C"): (3, 3), ("C", "D"): (0, 4), ("D", "C"): (4, 0), ("D", "D"): (1, 1)},
    )
    grim = gt.Automaton.grim_trigger(cooperate="C", punish="D")
    rg = gt.RepeatedGame(pd_, discount=d)
    return [
        gt.nash(GAME, space=SPACE),
        gt.nash(GAME, space=SPACE).at(c=2, a=1),
        gt.spe(tree),
        gt.pbe(beer_quiche()),
        gt.spe(rg, gt.ParameterSpace({d: (0, 1)}), profile={"Row": grim, "Col": grim}),
    ]


def test_results_are_frozen_all_the_way_down() -> None:
    """No mapping of a result can be changed, and equal results hash equal (DESIGN §4)."""
    for result in _results():
        again = pickle.loads(pickle.dumps(result))
        assert again == result and hash(again) == hash(result)
        for eq in (*result, *result.undecided):
            assert hash(eq) == hash(dataclasses.replace(eq))
            for name in (
                "strategies",
                "payoffs",
                "outcomes",
                "beliefs",
                "belief_sets",
                "equivalent",
            ):
                field = getattr(eq, name)
                with pytest.raises(TypeError, match="read-only"):
                    field["x"] = 1
                for inner in field.values():
                    if isinstance(inner, dict):
                        with pytest.raises(TypeError, match="read-only"):
                            inner["x"] = 1
                        with pytest.raises(TypeError, match="read-only"):
                            inner.clear()
            if eq.witness is not None:
                with pytest.raises(TypeError, match="read-only"):
                    eq.witness.update({c: 1})


def test_equal_mappings_hash_equal_whatever_their_order() -> None:
    base = gt.nash(GAME, space=SPACE)[0]
    flipped = dataclasses.replace(
        base,
        strategies={p: dict(reversed(s.items())) for p, s in reversed(base.strategies.items())},
    )
    assert flipped == base and hash(flipped) == hash(base)
    assert len({base, flipped}) == 1


def test_witnesses_lie_in_their_regions(sol: gt.Solution) -> None:
    for eq in sol:
        assert eq.witness is not None
        assert eq.holds_at(eq.witness)


def test_at_rejects_bad_points(sol: gt.Solution) -> None:
    with pytest.raises(gt.UnknownParameterError, match="unknown parameter q"):
        sol[0].at(c=1, a=1, q=3)
    with pytest.raises(gt.MissingParameterError, match="a"):
        sol[0].at(c=1)
    with pytest.raises(gt.OutsideSpaceError, match="parameter a = -1"):
        sol.at(c=1, a=-1)

"""Game trees: construction, validation with errors naming the node, rendering, normal form."""

from __future__ import annotations

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from .fixtures import deterrence_root, entry_game

a, c, p = sp.symbols("a c p", positive=True)
r = sp.Symbol("r", real=True)


deterrence = deterrence_root


def test_players_infosets_parameters() -> None:
    g = gt.ExtensiveGame(
        gt.Chance({"resolute": (p, deterrence()), "irresolute": (1 - p, deterrence())})
    )
    assert g.players == ("Iran", "US")
    assert list(g.infosets) == [
        "Iran@resolute",
        "US@resolute/retaliate",
        "Iran@irresolute",
        "US@irresolute/retaliate",
    ]
    assert g.parameters == (a, c, p)
    assert g.node("resolute/retaliate/escalate").label == "war"  # type: ignore[union-attr]
    assert "├─ resolute (p) → Iran" in str(g)
    assert g._repr_latex_().startswith("$$\\begin{array}")


def test_information_sets_by_label() -> None:
    def us() -> gt.Decision:
        return gt.Decision(
            "US", {"hold": gt.Outcome(US=0, Iran=0), "hit": gt.Outcome(US=1, Iran=-1)}, infoset="us"
        )

    g = gt.ExtensiveGame(gt.Decision("Iran", {"warn": us(), "surprise": us()}))
    assert g.infosets["us"].paths == ("warn", "surprise")
    nf = g.to_normal_form()
    assert nf.actions["US"] == ("hold", "hit") and nf.shape == (2, 2)


def test_reduced_normal_form_and_nash_with_incredible_threats() -> None:
    # Selten (1978) entry game: (out, fight) is Nash but rests on an incredible threat
    g = entry_game()
    nf = g.to_normal_form()
    assert nf.actions == {"Entrant": ("out", "in"), "Incumbent": ("fight", "accommodate")}
    sol = gt.nash(g)
    pure = {
        (
            next(k for k, v in eq.strategies["Entrant"].items() if v == 1),
            next(k for k, v in eq.strategies["Incumbent"].items() if v == 1),
        )
        for eq in sol
        if eq.kind == "pure"
    }
    assert ("in", "accommodate") in pure and ("out", "fight") in pure
    for eq in sol:
        assert_equilibrium(g, eq)
    # behaviour strategies are certified through the reduced normal form
    assert_equilibrium(g, {"Entrant@root": {"in": 1}, "Incumbent@in": {"accommodate": 1}})
    with pytest.raises(gt.NotAnEquilibriumError):
        assert_equilibrium(g, {"Entrant@root": {"in": 1}, "Incumbent@in": {"fight": 1}})


def test_chance_lotteries_reach_outcome_probabilities() -> None:
    g = gt.ExtensiveGame(
        gt.Chance({"resolute": (p, deterrence()), "irresolute": (1 - p, deterrence())})
    )
    nf = g.to_normal_form()
    lot = nf.lotteries[nf.index(("retaliate retaliate", "escalate escalate"))]
    assert lot == {"war": 1}
    mixed = nf.lotteries[nf.index(("retaliate retaliate", "accept escalate"))]
    assert mixed == {"de-escalation": p, "war": 1 - p}
    assert g.at(p=sp.Rational(1, 3)).to_normal_form().lotteries[
        nf.index(("retaliate retaliate", "accept escalate"))
    ]["war"] == sp.Rational(2, 3)


@pytest.mark.parametrize(
    ("build", "error", "culprit"),
    [
        pytest.param(
            lambda: gt.Decision(
                "Iran",
                {
                    "x": gt.Decision("US", {"a": gt.Outcome(US=0, Iran=0)}, infoset="h"),
                    "y": gt.Decision("Iran", {"a": gt.Outcome(US=0, Iran=0)}, infoset="h"),
                },
            ),
            gt.InvalidGameError,
            "information set 'h' mixes players: US at node x, Iran at node y",
            id="infoset-players",
        ),
        pytest.param(
            lambda: gt.Decision(
                "Iran",
                {
                    "x": gt.Decision("US", {"a": gt.Outcome(US=0, Iran=0)}, infoset="h"),
                    "y": gt.Decision("US", {"b": gt.Outcome(US=0, Iran=0)}, infoset="h"),
                },
            ),
            gt.InvalidGameError,
            "offers different actions",
            id="infoset-actions",
        ),
        pytest.param(
            lambda: gt.Chance(
                {
                    "x": (sp.Rational(3, 2), gt.Outcome(US=0, Iran=0)),
                    "y": (sp.Rational(-1, 2), gt.Outcome(US=0, Iran=0)),
                }
            ),
            gt.InvalidGameError,
            "above 1",
            id="probability-above-one",
        ),
        pytest.param(
            lambda: gt.Chance(
                {"x": (-p, gt.Outcome(US=0, Iran=0)), "y": (1 + p, gt.Outcome(US=0, Iran=0))}
            ),
            gt.InvalidGameError,
            "branch 'x' at node root has a negative probability -p",
            id="negative-probability",
        ),
        pytest.param(
            lambda: gt.Chance(
                {
                    "x": (sp.Rational(1, 3), gt.Outcome(US=0, Iran=0)),
                    "y": (sp.Rational(1, 3), gt.Outcome(US=0, Iran=0)),
                }
            ),
            gt.InvalidGameError,
            "sum to 2/3",
            id="sum-not-one",
        ),
        pytest.param(
            lambda: gt.Decision("Iran", {"x": gt.Outcome(US=0), "y": gt.Outcome(US=0, Iran=1)}),
            gt.InvalidPayoffError,
            "outcome at node x misses Iran",
            id="missing-payoff",
        ),
        pytest.param(
            lambda: (
                gt.ContinuousDecision("Iran", r, (0, 1), gt.Outcome(US=-r, Iran=r))
                and gt.Decision(
                    "Iran",
                    {
                        "x": gt.Outcome(US=r, Iran=0),
                        "y": gt.ContinuousDecision("Iran", r, (0, 1), gt.Outcome(US=-r, Iran=r)),
                    },
                )
            ),
            gt.InvalidGameError,
            "payoff of US at node x uses r outside the continuous decision",
            id="stray-variable",
        ),
    ],
)
def test_invalid_trees_name_the_node(build, error: type, culprit: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=culprit.replace("(", r"\(")):
        gt.ExtensiveGame(build())


def test_shared_nodes_and_bad_nodes() -> None:
    shared = gt.Decision("US", {"a": gt.Outcome(US=0, Iran=0)})
    with pytest.raises(gt.InvalidGameError, match="node y is shared with node x"):
        gt.ExtensiveGame(gt.Decision("Iran", {"x": shared, "y": shared}))
    with pytest.raises(gt.InvalidActionError, match="no actions"):
        gt.Decision("US", {})
    with pytest.raises(gt.InvalidGameError, match="empty or reversed"):
        gt.ContinuousDecision("Iran", r, (1, 0), gt.Outcome(US=0, Iran=0))
    with pytest.raises(gt.InvalidGameError, match="not a node"):
        gt.Decision("US", {"a": 3})  # type: ignore[dict-item]
    with pytest.raises(gt.InvalidGameError, match="uses q: neither a declared parameter"):
        gt.ExtensiveGame(gt.Decision("US", {"a": gt.Outcome(US=sp.Symbol("q"))}), parameters=[a])
    with pytest.raises(gt.UnsupportedGameError, match="continuous"):
        gt.ExtensiveGame(
            gt.ContinuousDecision("Iran", r, (0, 1), gt.Outcome(Iran=r))
        ).to_normal_form()


def test_undecided_probabilities_become_conditions() -> None:
    q = sp.Symbol("q", real=True)
    g = gt.ExtensiveGame(gt.Chance({"x": (q, gt.Outcome(US=0)), "y": (1 - q, gt.Outcome(US=1))}))
    assert sp.Ge(q, 0) in g.conditions and sp.Le(q, 1) in g.conditions

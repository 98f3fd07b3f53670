"""The signalling-game builder: the tree it produces, printing, substitution, errors."""

from __future__ import annotations

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_equilibrium

from .fixtures import beer_quiche, beer_quiche_payoffs

p = sp.Symbol("p", positive=True)


def test_beer_quiche_tree_structure() -> None:
    sg = beer_quiche()
    g = sg.game
    assert sg.to_extensive() is g
    assert g.players == sg.players == ("Sender", "Receiver")
    assert isinstance(g.root, gt.Chance)
    assert {t: prob for t, (prob, _) in g.root.branches.items()} == {
        "weak": sp.Rational(1, 10),
        "strong": sp.Rational(9, 10),
    }
    infosets = g.infosets
    assert set(infosets) == {"Sender|weak", "Sender|strong", "Receiver|beer", "Receiver|quiche"}
    assert infosets["Sender|strong"].paths == ("strong",)
    assert infosets["Sender|strong"].actions == ("beer", "quiche")
    assert infosets["Receiver|beer"].paths == ("weak/beer", "strong/beer")
    assert infosets["Receiver|quiche"].player == "Receiver"
    assert infosets["Receiver|quiche"].actions == ("duel", "not")
    assert sg.sender_infoset("weak") == "Sender|weak"
    assert sg.receiver_infoset("beer") == "Receiver|beer"
    for t in ("weak", "strong"):
        for m in ("beer", "quiche"):
            for x in ("duel", "not"):
                leaf = g.node(f"{t}/{m}/{x}")
                assert isinstance(leaf, gt.Outcome)
                assert dict(leaf.payoffs) == beer_quiche_payoffs(t, m, x)
                assert leaf.label == ("duel" if x == "duel" else None)
    # Cho & Kreps' numbers: the strong type drinking beer unchallenged gets 1 + 2
    assert g.node("strong/beer/not").payoffs == {"Sender": 3, "Receiver": 1}  # type: ignore[union-attr]
    assert g.node("weak/quiche/duel").payoffs == {"Sender": 1, "Receiver": 1}  # type: ignore[union-attr]
    assert g.parameters == ()


def test_pooling_on_beer_is_a_nash_equilibrium_of_the_tree() -> None:
    g = beer_quiche().game
    profile = {
        "Sender|weak": {"beer": 1},
        "Sender|strong": {"beer": 1},
        "Receiver|beer": {"not": 1},
        "Receiver|quiche": {"duel": 1},
    }
    assert_equilibrium(g, profile)


def test_symbolic_prior_and_substitution() -> None:
    sg = beer_quiche(prior_weak=p)
    assert sg.parameters == (p,)
    assert sg.types == {"weak": p, "strong": 1 - p}
    assert not any(isinstance(c, sp.Equality) for c in sg.game.conditions)  # sums to 1 exactly
    at = sg.at(p=sp.Rational(1, 3))
    assert at.types == {"weak": sp.Rational(1, 3), "strong": sp.Rational(2, 3)}
    assert at.game.root.branches["weak"][0] == sp.Rational(1, 3)  # type: ignore[union-attr]
    assert at == sg.at({p: sp.Rational(1, 3)})


def test_an_undecided_prior_is_recorded_as_a_condition() -> None:
    q, r = sp.symbols("q r")
    sg = gt.SignalingGame(
        "S", "R", {"a": q, "b": r}, ["m"], ["x"], lambda t, m, x: {"S": 0, "R": 0}
    )
    assert sp.Eq(q + r, 1) in sg.game.conditions


def test_payoff_table_pairs_and_outcome_table() -> None:
    table = {
        (t, m, x): (1 if x == "y" else 0, 0)
        for t in ("a", "b")
        for m in ("m1", "m2")
        for x in ("y", "n")
    }
    sg = gt.SignalingGame(
        "S",
        "R",
        {"a": sp.Rational(1, 2), "b": sp.Rational(1, 2)},
        ["m1", "m2"],
        ["y", "n"],
        table,
        outcomes={("a", "m1", "y"): "deal"},
    )
    assert sg.payoffs[("b", "m2", "y")] == {"S": 1, "R": 0}
    assert sg.outcomes == {("a", "m1", "y"): "deal"}
    assert sg.game.node("a/m1/y").label == "deal"  # type: ignore[union-attr]
    assert sg.game.node("a/m2/y").label is None  # type: ignore[union-attr]


def test_printing() -> None:
    sg = beer_quiche(prior_weak=p)
    text = str(sg)
    assert text.splitlines()[0] == "Signalling game: sender Sender, receiver Receiver"
    assert "strong  1 - p" in text and "outcome" in text
    assert repr(sg).startswith("<SignalingGame: Sender → Receiver")
    latex = sg._repr_latex_()
    assert latex.startswith("$$\\begin{array}") and "1 - p" in latex


def _sg(**overrides: object) -> gt.SignalingGame:
    spec: dict[str, object] = {
        "sender": "S",
        "receiver": "R",
        "types": {"hi": sp.Rational(1, 2), "lo": sp.Rational(1, 2)},
        "messages": ["m1", "m2"],
        "actions": ["x", "y"],
        "payoffs": lambda t, m, x: {"S": 1, "R": 0},
    }
    spec.update(overrides)
    return gt.SignalingGame(**spec)  # type: ignore[arg-type]


FULL = {(t, m, a): (0, 0) for t in ("hi", "lo") for m in ("m1", "m2") for a in ("x", "y")}


@pytest.mark.parametrize(
    ("overrides", "error", "culprit"),
    [
        pytest.param({"receiver": "S"}, gt.InvalidPlayerError, "both 'S'", id="same-players"),
        pytest.param({"sender": ""}, gt.InvalidPlayerError, "sender", id="empty-sender"),
        pytest.param({"types": {}}, gt.InvalidActionError, "types is empty", id="no-types"),
        pytest.param({"messages": []}, gt.InvalidActionError, "messages is empty", id="no-msgs"),
        pytest.param({"actions": []}, gt.InvalidActionError, "actions is empty", id="no-acts"),
        pytest.param(
            {"messages": ["m1", "m1"]}, gt.InvalidActionError, "duplicate label(s): m1", id="dup"
        ),
        pytest.param({"actions": "xy"}, gt.InvalidActionError, "list of labels", id="str-acts"),
        pytest.param({"actions": ["x/y"]}, gt.InvalidActionError, "'x/y'", id="slash"),
        pytest.param(
            {"types": {"hi": sp.Rational(1, 2), "lo": sp.Rational(1, 3)}},
            gt.InvalidGameError,
            "the prior sums to 5/6",
            id="prior-sum",
        ),
        pytest.param(
            {"types": {"hi": sp.Rational(3, 2), "lo": sp.Rational(-1, 2)}},
            gt.InvalidGameError,
            "type 'hi' is above 1",
            id="prior-above-one",
        ),
        pytest.param(
            {"types": {"hi": p + 1, "lo": -p}},
            gt.InvalidGameError,
            "type 'hi' is above 1",
            id="prior-symbolic-above-one",
        ),
        pytest.param(
            {"types": {"hi": 1, "lo": -p}},
            gt.InvalidGameError,
            "type 'lo' is negative",
            id="prior-symbolic-negative",
        ),
        pytest.param(
            {"payoffs": {k: v for k, v in FULL.items() if k != ("lo", "m2", "y")}},
            gt.InvalidPayoffError,
            "no entry for ('lo', 'm2', 'y')",
            id="table-missing",
        ),
        pytest.param(
            {"payoffs": {**FULL, ("mid", "m1", "x"): (0, 0)}},
            gt.InvalidPayoffError,
            "('mid', 'm1', 'x')",
            id="table-unknown-type",
        ),
        pytest.param(
            {"payoffs": lambda t, m, x: {"S": 1}},
            gt.InvalidPlayerError,
            "payoffs at ('hi', 'm1', 'x') misses R",
            id="function-missing-player",
        ),
        pytest.param(
            {"payoffs": lambda t, m, x: {"S": 1, "R": 0, "X": 2}},
            gt.InvalidPlayerError,
            "unknown player 'X'",
            id="function-extra-player",
        ),
        pytest.param(
            {"payoffs": lambda t, m, x: {"S": "a lot", "R": 0}},
            gt.InvalidPayoffError,
            "payoff of S at ('hi', 'm1', 'x')",
            id="bad-payoff",
        ),
        pytest.param(
            {"payoffs": lambda t, m, x: 3},
            gt.InvalidPayoffError,
            "payoffs at ('hi', 'm1', 'x') are 3",
            id="not-a-payoff-vector",
        ),
        pytest.param({"payoffs": 5}, gt.InvalidGameError, "got int", id="payoffs-not-spec"),
        pytest.param(
            {"outcomes": lambda t, m, x: 7}, gt.InvalidGameError, "outcome label", id="bad-label"
        ),
    ],
)
def test_errors_name_the_culprit(
    overrides: dict[str, object], error: type[gt.GameError], culprit: str
) -> None:
    with pytest.raises(error) as info:
        _sg(**overrides)
    assert culprit in str(info.value)

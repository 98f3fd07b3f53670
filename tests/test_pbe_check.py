"""The independent PBE certificate: Beer–Quiche assessments, Bayes' rule, sequential rationality,
subgame consistency, errors, and the property that every PBE is a Nash equilibrium."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.testing import assert_equilibrium, assert_pbe, pbe_violations

from .fixtures import beer_quiche

R = sp.Rational

POOL_BEER = {
    "Sender|weak": {"beer": 1},
    "Sender|strong": {"beer": 1},
    "Receiver|beer": {"not": 1},
    "Receiver|quiche": {"duel": 1},
}
POOL_QUICHE = {
    "Sender|weak": {"quiche": 1},
    "Sender|strong": {"quiche": 1},
    "Receiver|beer": {"duel": 1},
    "Receiver|quiche": {"not": 1},
}
PRIOR = {"weak": R(1, 10), "strong": R(9, 10)}


def _off(weak: object) -> dict[str, object]:
    return {"weak": weak, "strong": 1 - sp.sympify(weak)}


# -- Beer–Quiche (Cho & Kreps 1987), P(weak) = 1/10 ------------------------------------------


@pytest.mark.parametrize("off_path_weak", [R(1, 2), R(3, 4), 1])
def test_pooling_on_beer_is_a_pbe(off_path_weak: sp.Rational) -> None:
    beliefs = {"Receiver|beer": PRIOR, "Receiver|quiche": _off(off_path_weak)}
    assert pbe_violations(beer_quiche(), POOL_BEER, beliefs) == []
    assert_pbe(beer_quiche(), POOL_BEER, beliefs)
    assert_pbe(beer_quiche().game, POOL_BEER, beliefs)  # the tree itself


@pytest.mark.parametrize("off_path_weak", [R(1, 2), R(2, 3), 1])
def test_pooling_on_quiche_is_a_pbe(off_path_weak: sp.Rational) -> None:
    beliefs = {"Receiver|quiche": PRIOR, "Receiver|beer": _off(off_path_weak)}
    assert_pbe(beer_quiche(), POOL_QUICHE, beliefs)


def test_nodes_may_be_named_by_path_or_by_type() -> None:
    by_path = {
        "Receiver|beer": {"weak/beer": R(1, 10), "strong/beer": R(9, 10)},
        "Receiver|quiche": {"weak/quiche": 1},  # omitted nodes have belief 0
        "Sender|weak": {"weak": 1},  # singletons may be given, by their path
    }
    assert_pbe(beer_quiche(), POOL_BEER, by_path)


@pytest.mark.parametrize(
    ("profile", "infoset", "off_path"),
    [
        pytest.param(POOL_BEER, "Receiver|quiche", "Receiver|beer", id="beer"),
        pytest.param(POOL_QUICHE, "Receiver|beer", "Receiver|quiche", id="quiche"),
    ],
)
def test_off_path_belief_below_one_half_fails_at_the_receiver(
    profile: dict[str, dict[str, int]], infoset: str, off_path: str
) -> None:
    beliefs = {off_path: PRIOR, infoset: _off(R(2, 5))}
    found = pbe_violations(beer_quiche(), profile, beliefs)
    assert len(found) == 1
    assert f"information set {infoset!r}" in found[0] and "'duel'" in found[0]
    assert "gap 1/5" in found[0]  # duel is worth 2/5, not dueling 3/5
    with pytest.raises(gt.NotAnEquilibriumError, match=infoset.replace("|", r"\|")):
        assert_pbe(beer_quiche(), profile, beliefs)


SEPARATING = [
    pytest.param(("quiche", "beer"), "Sender|weak", id="weak-quiche-strong-beer"),
    pytest.param(("beer", "quiche"), "Sender|weak", id="weak-beer-strong-quiche"),
]


@pytest.mark.parametrize(("messages", "culprit"), SEPARATING)
def test_no_separating_profile_is_a_pbe(messages: tuple[str, str], culprit: str) -> None:
    weak_msg, strong_msg = messages
    # the receiver's best replies to the beliefs Bayes' rule gives
    profile = {
        "Sender|weak": {weak_msg: 1},
        "Sender|strong": {strong_msg: 1},
        f"Receiver|{weak_msg}": {"duel": 1},
        f"Receiver|{strong_msg}": {"not": 1},
    }
    beliefs = {f"Receiver|{weak_msg}": {"weak": 1}, f"Receiver|{strong_msg}": {"strong": 1}}
    found = pbe_violations(beer_quiche(), profile, beliefs)
    assert found and all(culprit in m for m in found)
    with pytest.raises(gt.NotAnEquilibriumError):
        assert_pbe(beer_quiche(), profile, beliefs)


def test_bayes_violation_on_the_path_is_caught() -> None:
    beliefs = {"Receiver|beer": _off(R(1, 5)), "Receiver|quiche": {"weak": 1}}
    found = pbe_violations(beer_quiche(), POOL_BEER, beliefs)
    assert len(found) == 2  # one message per node of the information set
    assert "Bayes' rule fails at information set 'Receiver|beer'" in found[0]
    assert "node 'weak/beer' is 1/5, Bayes' rule gives 1/10" in found[0]


def test_beliefs_and_strategies_must_be_distributions() -> None:
    beliefs = {"Receiver|beer": PRIOR, "Receiver|quiche": {"weak": R(3, 4), "strong": R(3, 4)}}
    found = pbe_violations(beer_quiche(), POOL_BEER, beliefs)
    assert "the beliefs at information set 'Receiver|quiche' sums to 3/2, not 1" in found
    mixed = {**POOL_BEER, "Receiver|beer": {"not": R(1, 2), "duel": R(-1, 2)}}
    found = pbe_violations(beer_quiche(), mixed, {**beliefs, "Receiver|quiche": {"weak": 1}})
    assert any("gives 'duel' the negative probability -1/2" in m for m in found)


def test_a_mixed_strategy_with_an_inferior_action_in_its_support_fails() -> None:
    profile = {**POOL_BEER, "Receiver|beer": {"not": R(1, 2), "duel": R(1, 2)}}
    beliefs = {"Receiver|beer": PRIOR, "Receiver|quiche": {"weak": 1}}
    (msg,) = pbe_violations(beer_quiche(), profile, beliefs)
    assert "'Receiver|beer'" in msg and "'duel' (probability 1/2), worth 1/10" in msg


def test_symbolic_prior_needs_a_point() -> None:
    p = sp.Symbol("p", positive=True)
    sg = beer_quiche(prior_weak=p)
    beliefs = {"Receiver|beer": {"weak": p, "strong": 1 - p}, "Receiver|quiche": {"weak": 1}}
    assert_pbe(sg, POOL_BEER, beliefs, at={"p": R(1, 10)})
    assert_pbe(sg, POOL_BEER, beliefs, at={p: 0.1, "unused": 3})  # floats made exact
    # with P(weak) = 3/5 the receiver duels after beer: pooling on beer with "not" fails
    assert pbe_violations(sg, POOL_BEER, beliefs, at={"p": R(3, 5)})
    with pytest.raises(gt.GameError, match="pass at="):
        pbe_violations(sg, POOL_BEER, beliefs)


def test_floats_need_a_tolerance() -> None:
    sg = beer_quiche(prior_weak=R(1, 3))
    beliefs = {"Receiver|beer": {"weak": 0.3333333333, "strong": 0.6666666667}}
    beliefs["Receiver|quiche"] = {"weak": 1}
    assert pbe_violations(sg, POOL_BEER, beliefs)
    assert_pbe(sg, POOL_BEER, beliefs, tol=1e-9)


def test_an_equilibrium_like_object_carries_its_beliefs() -> None:
    from types import SimpleNamespace

    found = SimpleNamespace(strategies=POOL_BEER, beliefs=GOOD_BELIEFS)
    assert_pbe(beer_quiche(), found)


# -- beyond signalling games ------------------------------------------------------------------


def _entry_with_simultaneous_subgame() -> gt.ExtensiveGame:
    """P1 stays out (1, 0) or enters a subgame where it picks L or R and P2, not seeing which,
    guesses l or r (P2 gets 1 for a match; P1 gets 2 only at L, l)."""
    guess = {
        "L": {"l": (2, 1), "r": (0, 0)},
        "R": {"l": (0, 0), "r": (0, 1)},
    }
    p2 = {
        m: gt.Decision(
            "P2",
            {x: gt.Outcome(P1=u1, P2=u2) for x, (u1, u2) in guess[m].items()},
            infoset="P2",
        )
        for m in ("L", "R")
    }
    return gt.ExtensiveGame(
        gt.Decision("P1", {"out": gt.Outcome(P1=1, P2=0), "in": gt.Decision("P1", p2)})
    )


def test_bayes_rule_holds_in_subgames_unless_weak() -> None:
    # (out, L; r) with P2 believing R: weak PBE, but in the subgame after "in" P1 plays L, so
    # Bayes' rule there forces belief 1 on L (and then P2 must play l: no PBE, no SPE)
    g = _entry_with_simultaneous_subgame()
    profile = {"P1@root": {"out": 1}, "P1@in": {"L": 1}, "P2": {"r": 1}}
    beliefs = {"P2": {"in/R": 1}}
    assert pbe_violations(g, profile, beliefs, weak=True) == []
    found = pbe_violations(g, profile, beliefs)
    assert any("in the subgame at node 'in'" in m and "'in/L' is 0" in m for m in found)
    assert_equilibrium(g, profile)  # it is Nash: weak PBE implies Nash


def test_a_whole_continuation_is_checked_when_the_mover_moves_again() -> None:
    # P1 stops (1) or goes; a fair coin, unseen, then P1 guesses: h on heads pays 1, t on tails
    # 10.  (stop, h) with the off-path belief "heads" is locally optimal everywhere, but going and
    # guessing t is worth 5 > 1: not sequentially rational at the root (and not Nash)
    def guess(coin: str) -> gt.Decision:
        pay = {"h": 1 if coin == "H" else 0, "t": 10 if coin == "T" else 0}
        return gt.Decision("P1", {a: gt.Outcome(P1=v) for a, v in pay.items()}, infoset="guess")

    g = gt.ExtensiveGame(
        gt.Decision(
            "P1",
            {
                "stop": gt.Outcome(P1=1),
                "go": gt.Chance({"H": (R(1, 2), guess("H")), "T": (R(1, 2), guess("T"))}),
            },
        )
    )
    profile = {"P1@root": {"stop": 1}, "guess": {"h": 1}}
    (msg,) = pbe_violations(g, profile, {"guess": {"go/H": 1}}, weak=True)
    assert "'P1@root'" in msg and "changing its later moves too is worth 5 (gap 4)" in msg
    with pytest.raises(gt.NotAnEquilibriumError):
        assert_equilibrium(g, profile)


# -- errors ------------------------------------------------------------------------------------


GOOD_BELIEFS = {"Receiver|beer": PRIOR, "Receiver|quiche": {"weak": 1}}


@pytest.mark.parametrize(
    ("strategies", "beliefs", "culprit"),
    [
        pytest.param(
            {k: v for k, v in POOL_BEER.items() if k != "Sender|weak"},
            GOOD_BELIEFS,
            "no strategy at information set 'Sender|weak'",
            id="missing-strategy",
        ),
        pytest.param(
            {**POOL_BEER, "Nobody": {"x": 1}}, GOOD_BELIEFS, "'Nobody'", id="unknown-infoset"
        ),
        pytest.param(
            {**POOL_BEER, "Receiver|beer": {"hug": 1}}, GOOD_BELIEFS, "'hug'", id="unknown-action"
        ),
        pytest.param(
            POOL_BEER,
            {"Receiver|beer": PRIOR},
            "no beliefs at information set 'Receiver|quiche'",
            id="missing-beliefs",
        ),
        pytest.param(
            POOL_BEER,
            {**GOOD_BELIEFS, "Receiver|quiche": {"medium": 1}},
            "has no node 'medium'",
            id="unknown-node",
        ),
        pytest.param(
            POOL_BEER,
            {**GOOD_BELIEFS, "Receiver|quiche": {"weak": 1, "weak/quiche": 1}},
            "twice",
            id="node-twice",
        ),
        pytest.param(POOL_BEER, {**GOOD_BELIEFS, "Elsewhere": {}}, "'Elsewhere'", id="bad-set"),
        pytest.param([1, 2], GOOD_BELIEFS, "strategies must map", id="not-a-mapping"),
    ],
)
def test_malformed_assessments_raise(
    strategies: object, beliefs: dict[str, dict[str, object]], culprit: str
) -> None:
    with pytest.raises(gt.InvalidProfileError) as info:
        pbe_violations(beer_quiche(), strategies, beliefs)
    assert culprit in str(info.value)


def test_unsupported_games() -> None:
    r = sp.Symbol("r")
    g = gt.ExtensiveGame(gt.ContinuousDecision("A", r, (0, 1), gt.Outcome(A=r)))
    with pytest.raises(gt.UnsupportedGameError):
        pbe_violations(g, {}, {})
    with pytest.raises(gt.GameError, match="NormalFormGame"):
        pbe_violations(gt.NormalFormGame.from_matrices([[1]], [[1]]), {}, {})


# -- every PBE is a Nash equilibrium -----------------------------------------------------------


@st.composite
def signalling_assessments(draw: st.DrawFn) -> tuple[gt.SignalingGame, dict, dict]:
    """A small random signalling game, a pure sender strategy, Bayes' beliefs on the path and
    random ones off it, and a receiver best reply to them (ties broken at random)."""
    types = [f"t{k}" for k in range(draw(st.integers(1, 3)))]
    messages = [f"m{k}" for k in range(draw(st.integers(1, 3)))]
    actions = [f"a{k}" for k in range(draw(st.integers(1, 3)))]
    weights = [draw(st.integers(1, 4)) for _ in types]
    prior = {t: F(w, sum(weights)) for t, w in zip(types, weights, strict=True)}
    pay = st.integers(-3, 3)
    table = {(t, m, x): (draw(pay), draw(pay)) for t in types for m in messages for x in actions}
    sg = gt.SignalingGame("S", "R", prior, messages, actions, table)
    send = {t: draw(st.sampled_from(messages)) for t in types}
    strategies: dict[str, dict[str, object]] = {f"S|{t}": {send[t]: 1} for t in types}
    beliefs: dict[str, dict[str, object]] = {}
    for m in messages:
        senders = [t for t in types if send[t] == m]
        if senders:
            total = sum(prior[t] for t in senders)
            mu = {t: prior[t] / total for t in senders}
        else:
            raw = [draw(st.integers(0, 3)) for _ in types]
            if not any(raw):
                raw[0] = 1
            mu = {t: F(w, sum(raw)) for t, w in zip(types, raw, strict=True)}
        worth = {x: sum(mu[t] * table[(t, m, x)][1] for t in mu) for x in actions}
        best = [x for x in actions if worth[x] == max(worth.values())]
        strategies[f"R|{m}"] = {draw(st.sampled_from(best)): 1}
        beliefs[f"R|{m}"] = mu
    return sg, strategies, beliefs


@settings(max_examples=60)
@given(signalling_assessments())
def test_every_pbe_is_a_nash_equilibrium(
    case: tuple[gt.SignalingGame, dict[str, dict[str, object]], dict[str, dict[str, object]]],
) -> None:
    sg, strategies, beliefs = case
    if pbe_violations(sg, strategies, beliefs):
        return
    g = sg.game
    mixed = g.behaviour_to_mixed(strategies)
    assert_equilibrium(g.to_normal_form(), mixed)


def test_the_property_is_not_vacuous() -> None:
    """The generator above yields PBE often enough for the property to bite."""
    hits = []

    @settings(max_examples=40)
    @given(signalling_assessments())
    def count(case: tuple[gt.SignalingGame, dict, dict]) -> None:
        hits.append(not pbe_violations(*case))

    count()
    assert sum(hits) >= 5

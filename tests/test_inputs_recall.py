"""Inputs (issue 11, item 4): float probabilities as the rationals they denote, priors that cannot
sum to 1, and perfect recall.

Perfect recall follows Kuhn (1953) and Osborne & Rubinstein (1994, *A Course in Game Theory*,
§11.1.3): at each of a player's information sets, every node is reached through the same
sequence of that player's own earlier (information set, action) pairs.  The forgetful and
absent-minded trees are in the style of Piccione & Rubinstein (1997, "On the interpretation of
decision problems with imperfect recall", *Games and Economic Behavior* 20, 3–24); Selten's horse
is from Selten (1975, *International Journal of Game Theory* 4, 25–55, Fig. 1).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sympy as sp

import gametheory as gt
from gametheory.games.extensive import require_perfect_recall
from gametheory.solvers import tree_profile_to_normal_form
from gametheory.solvers._space import tree_space
from gametheory.testing import assert_equilibrium, pbe_violations

from .fixtures import beer_quiche

p = sp.Symbol("p", positive=True)
q = sp.Symbol("q", real=True)
Out = gt.Outcome


def _sender_receiver(types: dict[str, object]) -> gt.SignalingGame:
    """A two-message game: the receiver wants to match the type, the sender wants action a."""
    return gt.SignalingGame(
        sender="S",
        receiver="R",
        types=types,
        messages=["m", "n"],
        actions=["a", "b"],
        payoffs=lambda t, m, x: {"S": int(x == "a"), "R": int((t == "t1") == (x == "a"))},
    )


# -- floats are the rationals they denote --------------------------------------------------------


def test_float_chance_probabilities_are_exact() -> None:
    node = gt.Chance({"x": (0.1, Out(A=0)), "y": (0.2, Out(A=1)), "z": (0.7, Out(A=2))})
    probs = [prob for prob, _ in node.branches.values()]
    assert probs == [sp.Rational(1, 10), sp.Rational(1, 5), sp.Rational(7, 10)]
    assert all(isinstance(v, sp.Rational) for v in probs)
    assert gt.ExtensiveGame(node).conditions == ()  # 0.1 + 0.2 + 0.7 is 1 exactly


def test_float_priors_and_payoffs_are_exact() -> None:
    sg = gt.SignalingGame(
        "S",
        "R",
        {"t1": 0.1, "t2": 0.2, "t3": 0.7},
        ["m"],
        ["a"],
        lambda t, m, x: (0.25, 1.5),
    )
    assert dict(sg.types) == {
        "t1": sp.Rational(1, 10),
        "t2": sp.Rational(1, 5),
        "t3": sp.Rational(7, 10),
    }
    assert sg.payoffs[("t1", "m", "a")]["S"] == sp.Rational(1, 4)
    tree = gt.ExtensiveGame(gt.Decision("A", {"l": Out(A=0.1, B=0.5 * p), "r": Out(A=0.3, B=0)}))
    assert tree.node("l").payoffs["B"] == p / 2  # type: ignore[union-attr]
    assert tree.to_normal_form().is_exact is False  # symbolic: exact but not numeric
    assert gt.ExtensiveGame(tree.at(p=1).root).to_normal_form().is_exact


def test_float_prior_signalling_game_solves_as_the_rational_one() -> None:
    """Beer–Quiche (Cho & Kreps 1987) with P(weak) typed as 0.5: the SPE of its tree are those
    of the game with prior 1/2, certified on the reduced normal form."""
    floats, exact = beer_quiche(0.5), beer_quiche(sp.Rational(1, 2))
    assert floats.types == exact.types
    sol, ref = gt.spe(floats.game), gt.spe(exact.game)
    assert len(sol) > 0 and [e.key() for e in sol] == [e.key() for e in ref]
    for eq in sol:
        mixed = tree_profile_to_normal_form(floats.game, eq)
        assert_equilibrium(floats.game.to_normal_form(), mixed)


@pytest.mark.parametrize(
    ("build", "culprit"),
    [
        pytest.param(
            lambda: gt.Chance({"x": ("0.5", Out(A=0)), "y": (0.5, Out(A=0))}),
            "probability of chance branch 'x' is '0.5' of type str",
            id="chance-string",
        ),
        pytest.param(
            lambda: gt.Chance({"x": (float("nan"), Out(A=0)), "y": (0.5, Out(A=0))}),
            "probability of chance branch 'x' is nan, which is not finite",
            id="chance-nan",
        ),
        pytest.param(
            lambda: gt.Chance({"x": (0.5, Out(A=0)), "y": (float("inf"), Out(A=0))}),
            "probability of chance branch 'y' is inf, which is not finite",
            id="chance-inf",
        ),
        pytest.param(
            lambda: _sender_receiver({"t1": "1/2", "t2": 0.5}),
            "prior probability of type 't1' is '1/2' of type str",
            id="prior-string",
        ),
        pytest.param(
            lambda: _sender_receiver({"t1": 0.5, "t2": float("-inf")}),
            "prior probability of type 't2' is -inf, which is not finite",
            id="prior-infinite",
        ),
    ],
)
def test_bad_probabilities_name_the_branch_or_type(
    build: Callable[[], object], culprit: str
) -> None:
    with pytest.raises(gt.InvalidGameError) as err:
        build()
    assert culprit in str(err.value)


# -- priors that cannot sum to 1 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "culprit"),
    [
        pytest.param(
            lambda: _sender_receiver({"t1": p, "t2": p + 1}),
            "the prior probability of type 't2' is above 1: p + 1",
            id="type-above-one",
        ),
        pytest.param(
            lambda: _sender_receiver({"t1": p, "t2": p, "t3": 1}),
            "the prior of types 't1', 't2', 't3' sums to 2*p + 1, which is above 1 for every "
            "value of p",
            id="types-sum-above-one",
        ),
        pytest.param(
            lambda: _sender_receiver({"t1": 0.5, "t2": 0.6}),
            "the prior sums to 11/10, not 1 (t1: 1/2, t2: 3/5)",
            id="constant-sum",
        ),
        pytest.param(
            lambda: gt.ExtensiveGame(
                gt.Chance(
                    {"x": (p, Out(A=0)), "y": (-p, Out(A=1)), "z": (sp.Rational(1, 2), Out(A=2))}
                )
            ),
            "chance branch 'y' at node root has a negative probability -p",
            id="chance-negative",
        ),
        pytest.param(
            lambda: gt.ExtensiveGame(
                gt.Chance({"x": (p / 2, Out(A=0)), "y": (p / 2, Out(A=1)), "z": (1, Out(A=2))})
            ),
            "chance probabilities at node root sum to p + 1, which is above 1 for every value "
            "of p (x: p/2, y: p/2, z: 1)",
            id="chance-sum-above-one",
        ),
        pytest.param(
            # each of q and q - 1 in [0, 1] forces q = 1, where the sum is 3/2: only the space
            # reasoning of the solvers (tree_space) proves it
            lambda: gt.spe(
                gt.ExtensiveGame(
                    gt.Chance(
                        {
                            "x": (q, Out(A=0)),
                            "y": (q - 1, Out(A=1)),
                            "z": (sp.Rational(1, 2), Out(A=2)),
                        }
                    )
                )
            ),
            "the chance probabilities at node root (x: q, y: q - 1, z: 1/2) form a "
            "distribution nowhere in the parameter space",
            id="jointly-impossible",
        ),
        pytest.param(
            lambda: gt.nash(
                _sender_receiver({"t1": p, "t2": p}).game,
                gt.ParameterSpace({p: (0, sp.Rational(1, 4))}),
            ),
            "the chance probabilities at node root (t1: p, t2: p) form a distribution nowhere "
            "in the parameter space (p ∈ (0, 1/4]): p <= 1 and 2*p = 1 cannot all hold",
            id="space-excludes",
        ),
    ],
)
def test_impossible_priors_are_refused(build: Callable[[], object], culprit: str) -> None:
    with pytest.raises(gt.InvalidGameError) as err:
        build()
    assert culprit in str(err.value)


@pytest.mark.parametrize(
    "solver", [pytest.param(gt.spe, id="spe"), pytest.param(gt.nash, id="nash")]
)
def test_symbolic_prior_pins_every_equilibrium_to_where_it_sums_to_one(
    solver: Callable[..., gt.Solution],
) -> None:
    """Types {t1: p, t2: p} are a prior only at p = 1/2: the solvers narrow the space to it, so
    every equilibrium's witness is p = 1/2 and a note says why.  Elsewhere there is no game
    (``game.at(p=3/10)`` is refused: the priors sum to 3/5), so ``Solution.at`` refuses the point
    with OutsideSpaceError rather than answering "no equilibrium" for a non-game."""
    game = _sender_receiver({"t1": p, "t2": p}).game
    assert sp.Eq(2 * p, 1) in game.conditions
    sol = solver(game)
    assert len(sol) > 0
    assert all(eq.witness == {p: sp.Rational(1, 2)} for eq in sol)
    assert sol.space.contains(p=sp.Rational(1, 2)) and not sol.space.contains(p=0.3)
    assert gt.Caveat("narrowed", equalities=(sp.Eq(2 * p, 1),)) in sol.diagnostics
    assert any("sum to 1 only where 2*p = 1" in n for n in sol.notes)  # rendered from it
    assert len(sol.at(p=0.5)) == len(sol)
    with pytest.raises(gt.OutsideSpaceError, match="p >= 1/2"):
        sol.at(p=0.3)
    with pytest.raises(gt.InvalidGameError, match="sum to 3/5"):
        game.at(p=0.3)


def test_tree_space_keeps_a_space_that_implies_the_conditions() -> None:
    game = beer_quiche(p).game  # weak: p, strong: 1 - p
    space = gt.ParameterSpace({p: (0, 1)})
    assert tree_space(game, space) is space
    narrowed = tree_space(game, None)  # p > 0 by assumption only: p <= 1 is added
    assert narrowed.constraints == (p <= 1,)


# -- perfect recall --------------------------------------------------------------------------


def forgetful() -> gt.ExtensiveGame:
    """A forgets its first move A1 at A2 (two information sets, so not absent-minded)."""
    return gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                "L": gt.Decision("A", {"l": Out(A=1, B=0), "r": Out(A=0, B=0)}, infoset="A2"),
                "R": gt.Decision("A", {"l": Out(A=0, B=0), "r": Out(A=2, B=0)}, infoset="A2"),
            },
            infoset="A1",
        )
    )


def forgets_what_it_knew() -> gt.ExtensiveGame:
    """A knows Nature's draw (two sets A1, A2) and then forgets it (one set A3)."""

    def after(good: str, label: str) -> gt.Decision:
        a3 = gt.Decision("A", {"l": Out(A=int(good == "l")), "r": Out(A=int(good == "r"))}, "A3")
        return gt.Decision("A", {"go": a3, "stop": Out(A=0)}, infoset=label)

    return gt.ExtensiveGame(gt.Chance({"x": (0.5, after("l", "A1")), "y": (0.5, after("r", "A2"))}))


def absent_minded() -> gt.ExtensiveGame:
    """The absent-minded driver (Piccione & Rubinstein 1997): both exits in one set."""
    second = gt.Decision("D", {"exit": Out(D=4), "continue": Out(D=1)}, infoset="h")
    return gt.ExtensiveGame(gt.Decision("D", {"exit": Out(D=0), "continue": second}, infoset="h"))


def selten_horse() -> gt.ExtensiveGame:
    """Selten's horse (Selten 1975, Fig. 1): player 3 does not know whether 1 or 2 deviated."""

    def three() -> gt.Decision:
        return gt.Decision(
            "3", {"L": Out(**{"1": 3, "2": 3, "3": 2}), "R": Out(**{"1": 0, "2": 0, "3": 0})}, "3"
        )

    def three_after_d() -> gt.Decision:
        return gt.Decision(
            "3", {"L": Out(**{"1": 4, "2": 4, "3": 0}), "R": Out(**{"1": 1, "2": 1, "3": 1})}, "3"
        )

    two = gt.Decision("2", {"c": Out(**{"1": 1, "2": 1, "3": 1}), "d": three_after_d()})
    return gt.ExtensiveGame(gt.Decision("1", {"C": two, "D": three()}))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(selten_horse, None, id="selten-horse"),
        pytest.param(lambda: beer_quiche().game, None, id="beer-quiche"),
        pytest.param(
            forgetful,
            "player 'A' forgets its own earlier move at information set 'A2': node 'L' follows "
            "A1=L but node 'R' follows A1=R",
            id="forgets-own-move",
        ),
        pytest.param(
            forgets_what_it_knew,
            "player 'A' forgets what it knew at information set 'A3': node 'x/go' follows A1=go "
            "but node 'y/go' follows A2=go",
            id="forgets-what-it-knew",
        ),
        pytest.param(
            absent_minded,
            "player 'D' is absent-minded at information set 'h': node 'continue' follows its "
            "own move h=continue in that same set",
            id="absent-minded",
        ),
    ],
)
def test_perfect_recall(build: Callable[[], gt.ExtensiveGame], message: str | None) -> None:
    game = build()
    assert game.perfect_recall is (message is None)
    assert (message is None) is (game.recall_violation is None)
    if message is not None:
        assert str(game.recall_violation) == message
        with pytest.raises(gt.ImperfectRecallError, match=r"gt\.spe needs perfect recall"):
            require_perfect_recall(game, "gt.spe")


FORGETS = "player 'A' forgets its own earlier move at information set 'A2'"
PLAN = {"A1": {"L": 0, "R": 1}, "A2": {"l": 0, "r": 1}}


@pytest.mark.parametrize(
    ("call", "what"),
    [
        pytest.param(lambda g: gt.spe(g), "gt.spe needs perfect recall", id="spe"),
        pytest.param(
            lambda g: g.behaviour_to_mixed(PLAN),
            "ExtensiveGame.behaviour_to_mixed (behaviour strategies) needs perfect recall",
            id="behaviour_to_mixed",
        ),
        pytest.param(
            lambda g: tree_profile_to_normal_form(g, PLAN),
            "tree_profile_to_normal_form (behaviour strategies) needs perfect recall",
            id="tree_profile_to_normal_form",
        ),
        pytest.param(
            lambda g: pbe_violations(g, PLAN),
            "a perfect Bayesian equilibrium (gametheory.testing) needs perfect recall",
            id="pbe_violations",
        ),
    ],
)
def test_imperfect_recall_is_refused_naming_player_and_sets(
    call: Callable[[gt.ExtensiveGame], object], what: str
) -> None:
    with pytest.raises(gt.ImperfectRecallError) as err:
        call(forgetful())
    text = str(err.value)
    assert isinstance(err.value, gt.UnsupportedGameError)
    assert FORGETS in text and what in text and "gt.nash still solves" in text


def test_nash_solves_imperfect_recall_through_the_reduced_normal_form() -> None:
    """In mixed strategies of the reduced normal form A can correlate its two moves: the pure
    plan (R, r) is an equilibrium with payoff 2; the solution says the tree lacks perfect
    recall."""
    sol = gt.nash(forgetful())
    assert sol.complete and len(sol) >= 1
    assert sol[0].payoffs["A"] == 2
    (recall,) = (d for d in sol.diagnostics if isinstance(d, gt.Caveat) and d.kind == "recall")
    assert recall.detail.startswith(FORGETS)
    assert str(recall) in sol.notes and str(recall).startswith("the tree lacks perfect recall (")
    horse = gt.nash(selten_horse()).diagnostics
    assert not any(isinstance(d, gt.Caveat) and d.kind == "recall" for d in horse)

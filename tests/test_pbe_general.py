"""``gt.pbe`` beyond two types: information sets of any size, belief sets, pruning, limits.

Fixtures: Beer–Quiche (Cho & Kreps 1987, QJE 102(2):179–221) with the strong type split into two
identical types (the pooling equilibria must survive the split: the game is the same), random
signalling games with 3 and 4 types.  Independent checks: ``assert_pbe`` (sequential rationality
and Bayes' rule, written apart from the solver) on every equilibrium, at a member of every belief
set; the search's pruning against the blind product of supports (the same solver with every
pruning check switched off) on seeded random games; relabelling invariance.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.beliefs import BeliefSet
from gametheory.testing import assert_pbe, random_signalling_game

from . import solved
from .fixtures import beer_quiche_payoffs

R = sp.Rational
ROOT = Path(__file__).resolve().parent.parent


def split_beer_quiche(prior_weak: object = R(1, 10)) -> gt.SignalingGame:
    """Beer–Quiche with the strong type split into two identical halves."""

    def payoffs(t: str, m: str, x: str) -> dict[str, int]:
        return beer_quiche_payoffs("strong" if t.startswith("strong") else "weak", m, x)

    rest = (1 - prior_weak) / 2  # type: ignore[operator]
    return gt.SignalingGame(
        sender="Sender",
        receiver="Receiver",
        types={"weak": prior_weak, "strong1": rest, "strong2": rest},
        messages=["beer", "quiche"],
        actions=["duel", "not"],
        payoffs=payoffs,
    )


def random_signalling(types: int, messages: int, actions: int, seed: int) -> gt.SignalingGame:
    return random_signalling_game(np.random.default_rng(seed), types, messages, actions, -3, 3)


def certify(game: object, sol: gt.Solution) -> None:
    for eq in sol:
        assert_pbe(game, eq)


# -- belief sets -------------------------------------------------------------------------------


def test_belief_set_vertices_contains_and_ranges() -> None:
    s = BeliefSet.simplex("R|m", ("a", "b", "c"))
    x, y, _ = s.symbols
    cut = s.with_relations([sp.Ge(2 * x - 1, 0)])
    assert set(map(lambda v: tuple(v.values()), cut.vertices())) == {
        (R(1, 2), R(1, 2), 0),
        (R(1, 2), 0, R(1, 2)),
        (1, 0, 0),
    }
    assert cut.contains({"a": R(3, 4), "c": R(1, 4)})
    assert not cut.contains({"a": R(1, 4), "b": R(3, 4)})
    assert cut.interval("a") == sp.Interval(R(1, 2), 1)
    assert cut.point() == {"a": R(2, 3), "b": R(1, 6), "c": R(1, 6)}
    c = sp.Symbol("c", positive=True)
    param = s.with_relations([sp.Ge(x - c * y, 0)])
    assert param.parameters == frozenset({c})
    with pytest.raises(gt.GameError, match="parameters"):
        param.vertices()
    assert param.at({c: 1}).interval("b") == sp.Interval(0, R(1, 2))
    empty = s.with_relations([sp.Ge(x - 2, 0)])
    assert empty.vertices() == () and empty.point() is None


# -- Beer–Quiche with a split type ---------------------------------------------------------------


@pytest.mark.parametrize("prior", [R(1, 10), R(1, 2), R(9, 10)], ids=["1/10", "1/2", "9/10"])
def test_split_type_keeps_every_equilibrium_of_beer_quiche(prior: sp.Rational) -> None:
    """Splitting a type into two identical halves changes nothing: the same outcomes are
    equilibria, each certified, with three-node belief sets off the path."""
    from .fixtures import beer_quiche

    plain = gt.pbe(beer_quiche(prior))
    split = gt.pbe(split_beer_quiche(prior))
    assert plain.complete and split.complete
    certify(split_beer_quiche(prior), split)

    def merged(eq: gt.Equilibrium, strong: str) -> tuple:
        return (
            tuple(sorted(eq.strategies["Sender|weak"].items())),
            tuple(sorted(eq.strategies[f"Sender|{strong}"].items())),
            tuple(sorted(eq.strategies["Receiver|beer"].items())),
            tuple(sorted(eq.strategies["Receiver|quiche"].items())),
        )

    want = {merged(eq, "strong") for eq in plain}
    same_halves = {
        merged(eq, "strong1")
        for eq in split
        if eq.strategies["Sender|strong1"] == eq.strategies["Sender|strong2"]
    }
    assert want <= same_halves


def test_split_type_pooling_on_beer_has_the_half_space_belief_set() -> None:
    sol = gt.pbe(split_beer_quiche())
    beer = next(
        eq
        for eq in sol
        if eq.kind == "pooling"
        and eq.strategies["Sender|weak"]["beer"] == 1
        and eq.strategies["Receiver|quiche"]["duel"] == 1
    )
    bs = beer.belief_sets["Receiver|quiche"]
    assert {tuple(v.values()) for v in bs.vertices()} == {
        (1, 0, 0),
        (R(1, 2), R(1, 2), 0),
        (R(1, 2), 0, R(1, 2)),
    }
    assert beer.beliefs["Receiver|quiche"]["weak"] == sp.Interval(R(1, 2), 1)
    assert "Receiver|quiche: free, weak >= 1/2" in str(sol)  # the set, solved for a node
    assert "belief at Receiver|quiche: free, weak >= 1/2" in str(beer)
    assert beer.beliefs["Receiver|beer"] == {
        "weak": R(1, 10),
        "strong1": R(9, 20),
        "strong2": R(9, 20),
    }


def test_beer_quiche_at_one_half_lists_the_boundary_member() -> None:
    """At P(weak) = 1/2 the semi-separating family of P(weak) > 1/2 (the weak type mixes so that
    the posterior after beer is 1/2) reaches its end: pooling on beer with the receiver dueling
    after beer with probability 1/2."""
    from .fixtures import beer_quiche

    sol = gt.pbe(beer_quiche(R(1, 2)))
    assert any(
        eq.strategies["Sender|weak"]["beer"] == 1
        and eq.strategies["Sender|strong"]["beer"] == 1
        and eq.strategies["Receiver|beer"]["duel"] == R(1, 2)
        for eq in sol
    )


# -- many types: certified, complete, invariant --------------------------------------------------


@pytest.mark.parametrize(
    ("types", "messages", "actions", "seed"),
    [(3, 2, 3, s) for s in range(4)] + [(4, 2, 2, s) for s in range(3)],
)
def test_many_types_certified_and_complete(
    types: int, messages: int, actions: int, seed: int
) -> None:
    game = random_signalling(types, messages, actions, seed)
    sol = gt.pbe(game)
    assert sol.complete and len(sol) > 0 and not sol.incomplete
    certify(game, sol)


@pytest.mark.parametrize("seed", range(3))
def test_relabelling_messages_changes_nothing(seed: int) -> None:
    game = random_signalling(3, 2, 2, seed)
    flipped = gt.SignalingGame(
        sender="S",
        receiver="R",
        types=dict(game.types),
        messages=list(reversed(game.messages)),
        actions=list(reversed(game.actions)),
        payoffs=dict(game.payoffs),
    )

    def profiles(sol: gt.Solution) -> set[tuple]:
        return {
            tuple(sorted((h, tuple(sorted(s.items()))) for h, s in eq.strategies.items()))
            for eq in sol
        }

    assert profiles(gt.pbe(game)) == profiles(gt.pbe(flipped))


@pytest.mark.parametrize("seed", range(4))
def test_pruning_never_loses_an_equilibrium(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search's checks are necessary conditions only: with every one of them switched off
    (the blind product of supports) the solver finds exactly the same equilibria."""
    from gametheory.solvers import _pbe_search

    game = random_signalling(2 + seed % 2, 2, 2, 100 + seed)
    pruned = gt.pbe(game)
    monkeypatch.setattr(
        _pbe_search._Search, "_check", lambda self, h, kind, shape, sigma, pending: (True, pending)
    )
    blind = gt.pbe(game)
    solved = [
        d.solved for s in (pruned, blind) for d in s.diagnostics if isinstance(d, gt.Searched)
    ]
    assert solved[0] < solved[1]  # the checks were really off: more shapes were solved
    assert {(eq.key(), eq.conditions) for eq in pruned} == {
        (eq.key(), eq.conditions) for eq in blind
    }


# -- symbolic priors over three types ------------------------------------------------------------


def test_three_symbolic_priors_are_solved_with_their_regions() -> None:
    """Three types with symbolic priors p, q, 1 - p - q: the equilibria's regions cover every
    sampled point of the simplex, and each one is a certified PBE there."""
    p, q = sp.symbols("p q", positive=True)
    space = gt.ParameterSpace({p: (0, 1), q: (0, 1)}, constraints=[p + q < 1])

    def payoffs(t: str, m: str, x: str) -> dict[str, int]:
        return beer_quiche_payoffs("strong" if t != "weak" else "weak", m, x)

    game = gt.SignalingGame(
        sender="Sender",
        receiver="Receiver",
        types={"weak": p, "strong1": q, "strong2": 1 - p - q},
        messages=["beer", "quiche"],
        actions=["duel", "not"],
        payoffs=payoffs,
    )
    sol = gt.pbe(game, space)
    assert sol.complete
    for pv, qv in itertools.product([R(1, 10), R(1, 2), R(3, 5)], [R(1, 10), R(1, 4)]):
        if pv + qv >= 1:
            continue
        at = sol.at(p=pv, q=qv)
        assert len(at) > 0
        for eq in at:
            assert_pbe(game, eq, at={p: pv, q: qv})


# -- inputs ------------------------------------------------------------------------------------


def test_imperfect_recall_is_refused_and_float_priors_are_exact() -> None:
    forgetful = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                "L": gt.Decision(
                    "A", {"l": gt.Outcome(A=1, B=0), "r": gt.Outcome(A=0, B=0)}, infoset="A2"
                ),
                "R": gt.Decision(
                    "A", {"l": gt.Outcome(A=0, B=0), "r": gt.Outcome(A=1, B=0)}, infoset="A2"
                ),
            },
        ),
        players=["A", "B"],
    )
    with pytest.raises(gt.ImperfectRecallError, match="A2"):
        gt.pbe(forgetful)
    from .fixtures import beer_quiche

    assert {eq.key() for eq in gt.pbe(beer_quiche(0.1))} == {
        eq.key() for eq in gt.pbe(beer_quiche(R(1, 10)))
    }


def test_incomplete_needs_a_reason() -> None:
    g = gt.NormalFormGame.from_matrices([[1]], [[1]])
    with pytest.raises(ValueError, match="must say why"):
        gt.Solution(g, (), gt.ParameterSpace({}), "pbe", "test", complete=False)


def test_a_free_mixing_probability_with_rational_conditions_is_solved() -> None:
    """models/audience_costs.py on its knife edge a = c: the target's mixing is free and the
    other mixing probabilities are rational functions of it.  The conditions are split by the
    signs of their linear factors, so the continuum's extreme points are listed (before, the
    shape was dropped); every equilibrium is a PBE at its witness."""
    model = solved.model("audience_costs")
    sol = solved.solution("audience_costs")
    assert sol.complete and sol.degenerate
    a, c = (model.space.symbol(n) for n in ("a", "c"))
    assert any(
        isinstance(x, sp.Eq) and x.free_symbols == {a, c}
        for e in sol
        for x in (e.conditions.args if isinstance(e.conditions, sp.And) else (e.conditions,))
    )
    for eq in sol:
        assert eq.witness is not None
        assert_pbe(model.game, eq, at=eq.witness)


@pytest.mark.parametrize(
    ("big_w", "small_w"),
    [(1, R(3, 4)), (1, R(1, 2)), (2, 1), (R(3, 2), R(1, 2)), (R(1, 2), R(1, 4))],
    ids=["W=1", "W=1,w=1/2", "w=1", "2w=1", "generic"],
)
def test_symbolic_solution_equals_numeric_on_singular_sets(
    warning_solution: tuple[object, gt.Solution], big_w: sp.Rational, small_w: sp.Rational
) -> None:
    """models/warning_signal.py: several shapes' generic solutions divide by W - 1, w - 1 or
    2w - 1; there the shape is solved again with the parameter pinned.  At those points the
    symbolic solution gives exactly the equilibria a numeric solve of the game there gives."""
    model, sol = warning_solution
    names = {str(x): x for x in model.space.symbols}  # type: ignore[attr-defined]
    pt = {
        names["p"]: R(1, 2),
        names["lambda"]: R(1, 10),
        names["c"]: R(1, 2),
        names["W"]: big_w,
        names["w"]: small_w,
    }

    def profiles(s: gt.Solution) -> set[tuple]:
        return {
            tuple(sorted((h, tuple(sorted(v.items()))) for h, v in e.strategies.items())) for e in s
        }

    numeric = gt.pbe(model.game.at(pt))  # type: ignore[attr-defined]
    assert profiles(sol.at(pt)) == profiles(numeric)


@pytest.fixture(scope="module")
def warning_solution() -> tuple[object, gt.Solution]:
    model = solved.model("warning_signal")
    sol = solved.solution("warning_signal")
    assert sol.complete
    return model, sol


@pytest.mark.parametrize(
    "point",
    [(R(1, 3), R(1, 4)), (R(1, 2), R(1, 2)), (R(2, 5), R(1, 3)), (R(3, 4), R(1, 5))],
    ids=["bluff", "delta_H", "corner", "attack"],
)
def test_symbolic_at_a_point_is_the_numeric_solution(point: tuple[sp.Rational, ...]) -> None:
    """models/perfect_deterrence.py with symbolic priors, evaluated at points inside its regimes
    and on their boundaries, lists exactly the assessments a numeric solve there lists: a mixed
    family's end point that a pure family's off-path belief set already holds is not listed
    twice."""
    model = solved.model("perfect_deterrence")
    values = dict(zip(("p_Ch", "p_Def"), point, strict=True))
    at = solved.solution("perfect_deterrence").at(values)
    numeric = gt.pbe(model.game.at(values))
    assert {e.key() for e in at} == {e.key() for e in numeric}

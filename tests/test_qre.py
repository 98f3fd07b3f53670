"""``gt.qre`` / ``gt.qre_branch``: the logit QRE principal branch.

Checks that do not trust the solver: a fixed-point certificate written here from the game's
definition (each agent's mix equals the logit response to the others at that λ, payoffs summed
directly over profiles or walked down the tree); pygambit's ``logit_solve_lambda`` /
``logit_solve`` at the same λ on seeded random 2- and 3-player games (degenerate ones with tied
payoffs included) and on random trees with chance (agent form); known answers from the
literature; metamorphic properties (payoff scale trades against λ; constants and relabelling
change nothing).
"""

from __future__ import annotations

import itertools
import math
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.extensive import infoset_label
from gametheory.games.tree import Chance, Decision, Node, Outcome
from gametheory.testing import strategies as gst

from .fixtures import beer_quiche, entry_game

Mix = Mapping[str, Mapping[str, float]]


# -- the certificate (written apart from gametheory.solvers._qre_*) ---------------------------


def _softmax(values: list[float], lam: float) -> list[float]:
    top = max(values)
    z = [math.exp(lam * (v - top)) for v in values]
    return [x / sum(z) for x in z]


def normal_form_logit_gap(game: gt.NormalFormGame, mix: Mix, lam: float) -> float:
    """Largest |p - logit response| of a mixed profile, payoffs summed over every profile."""
    gap = 0.0
    for i, player in enumerate(game.players):
        values = dict.fromkeys(game.actions[player], 0.0)
        for profile in game.profiles():
            weight = math.prod(
                mix[q][a]
                for j, (q, a) in enumerate(zip(game.players, profile, strict=True))
                if j != i
            )
            values[profile[i]] += weight * float(game.payoff(profile)[player])
        response = _softmax(list(values.values()), lam)
        for a, r in zip(game.actions[player], response, strict=True):
            gap = max(gap, abs(mix[player][a] - r))
    return gap


def tree_logit_gap(tree: gt.ExtensiveGame, mix: Mix, lam: float) -> float:
    """Largest |p - logit response| of a behaviour profile, with each information set's payoffs
    conditional on reaching it (beliefs by Bayes' rule), by walking the tree."""

    def value(node: Node) -> dict[str, float]:
        if isinstance(node, Outcome):
            return {p: float(v) for p, v in node.payoffs.items()}
        if isinstance(node, Chance):
            kids = [(float(pr), value(child)) for pr, child in node.branches.values()]
        else:
            assert isinstance(node, Decision)
            h = labels[id(node)]
            kids = [(mix[h][a], value(child)) for a, child in node.actions.items()]
        return {p: sum(w * v[p] for w, v in kids) for p in tree.players}

    labels: dict[int, str] = {}
    sums: dict[str, dict[str, float]] = {}
    reach_of: dict[str, float] = {}
    stack: list[tuple[Node, str, float]] = [(tree.root, "root", 1.0)]
    decisions: list[tuple[Decision, float]] = []
    while stack:
        node, path, reach = stack.pop()
        if isinstance(node, Chance):
            for b, (pr, child) in node.branches.items():
                stack.append((child, f"{path}/{b}".removeprefix("root/"), reach * float(pr)))
        elif isinstance(node, Decision):
            labels[id(node)] = infoset_label(node, path)
            decisions.append((node, reach))
            for a, child in node.actions.items():
                p_a = mix[labels[id(node)]][a]
                stack.append((child, f"{path}/{a}".removeprefix("root/"), reach * p_a))
    for node, reach in decisions:
        h = labels[id(node)]
        reach_of[h] = reach_of.get(h, 0.0) + reach
        acc = sums.setdefault(h, dict.fromkeys(node.actions, 0.0))
        for a, child in node.actions.items():
            acc[a] += reach * value(child)[node.player]
    gap = 0.0
    for h, acc in sums.items():
        response = _softmax([v / reach_of[h] for v in acc.values()], lam)
        for a, r in zip(acc, response, strict=True):
            gap = max(gap, abs(mix[h][a] - r))
    return gap


def test_the_certificate_can_fail() -> None:
    """The checks below would catch a wrong profile: a point at another λ fails it."""
    g = gt.NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    q = gt.qre(g, lam=2)
    assert normal_form_logit_gap(g, q.strategies, 2) < 1e-9
    assert normal_form_logit_gap(g, q.strategies, 2.1) > 1e-3
    tree = beer_quiche(sp.Rational(3, 10)).game
    qt = gt.qre(tree, lam=1.5)
    assert tree_logit_gap(tree, qt.strategies, 1.5) < 1e-9
    assert tree_logit_gap(tree, qt.strategies, 1.6) > 1e-3


# -- pygambit as the reference ----------------------------------------------------------------


def _gambit(game: gt.NormalFormGame | gt.ExtensiveGame) -> Any:
    gbt = pytest.importorskip("pygambit")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("g.efg" if isinstance(game, gt.ExtensiveGame) else "g.nfg")
        path.write_text(game.to_gambit(), encoding="utf-8")
        return gbt.read_efg(str(path)) if path.suffix == ".efg" else gbt.read_nfg(str(path))


def _gambit_flat(ours: Mix, theirs: Any) -> list[float]:
    """Our profile in pygambit's order (players, then their information sets or strategies)."""
    out: list[float] = []
    for player in theirs.players:
        if not theirs.is_tree:
            out.extend(ours[player.label][s.label] for s in player.strategies)
            continue
        for h in player.infosets:
            label = h.label.replace("\u2215", "/")
            out.extend(ours[label][a.label] for a in h.actions)
    return out


def random_normal_form(
    rng: np.random.Generator, shape: tuple[int, ...], levels: int
) -> gt.NormalFormGame:
    """Integer payoffs in ``[0, levels)``: small ``levels`` makes ties (degenerate games)."""
    arrays = [rng.integers(0, levels, size=shape).tolist() for _ in shape]
    return gt.NormalFormGame.from_matrices(*arrays)


CASES = [
    pytest.param((2, 2), 10, id="2x2"),
    pytest.param((3, 3), 10, id="3x3"),
    pytest.param((4, 3), 3, id="4x3-ties"),
    pytest.param((2, 2, 2), 10, id="2x2x2"),
    pytest.param((3, 2, 2), 3, id="3x2x2-ties"),
]


@pytest.mark.parametrize(("shape", "levels"), CASES)
def test_normal_form_matches_pygambit_on_random_games(shape: tuple[int, ...], levels: int) -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(sum(shape) * 1000 + levels)
    lams = [0.3, 1.0, 4.0]
    for _ in range(3):
        g = random_normal_form(rng, shape, levels)
        theirs = gbt.qre.logit_solve_lambda(_gambit(g), lams)
        for lam, ref in zip(lams, theirs, strict=True):
            q = gt.qre(g, lam=lam)
            assert q.converged
            assert normal_form_logit_gap(g, q.strategies, lam) < 1e-8
            # pygambit lands within ~1e-9 of the asked lambda: compare loosely
            assert np.allclose(_gambit_flat(q.strategies, ref.game), list(_flat(ref)), atol=1e-6)


def _flat(ref: Any) -> list[float]:
    return [float(ref[i]) for i in range(len(ref))]


def random_tree(rng: np.random.Generator) -> gt.ExtensiveGame:
    """Chance draws a state (2 or 3 branches, one possibly of probability 0 never: all > 0);
    player A moves seeing it or not; B moves seeing A's move but not the state."""
    states = ["s1", "s2", "s3"][: int(rng.integers(2, 4))]
    weights = rng.integers(1, 5, size=len(states))
    probs = [sp.Rational(int(w), int(weights.sum())) for w in weights]
    a_sees = bool(rng.integers(0, 2))
    a_acts = ["x", "y"] if rng.integers(0, 2) else ["x", "y", "z"]

    def leaf() -> Outcome:
        return Outcome(A=int(rng.integers(-3, 4)), B=int(rng.integers(-3, 4)))

    branches: dict[str, tuple[object, Node]] = {}
    for s, pr in zip(states, probs, strict=True):
        a_node = Decision(
            "A",
            {a: Decision("B", {"l": leaf(), "r": leaf()}, infoset=f"B|{a}") for a in a_acts},
            infoset=f"A|{s}" if a_sees else "A",
        )
        branches[s] = (pr, a_node)
    return gt.ExtensiveGame(Chance(branches))


def test_agent_form_matches_pygambit_on_random_trees_with_chance() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(20260)
    lams = [0.5, 2.0]
    for _ in range(4):
        tree = random_tree(rng)
        ref_game = _gambit(tree)
        theirs = gbt.qre.logit_solve_lambda(ref_game, lams)
        for lam, ref in zip(lams, theirs, strict=True):
            q = gt.qre(tree, lam=lam)
            assert q.form == "agent" and q.converged
            assert tree_logit_gap(tree, q.strategies, lam) < 1e-8
            assert np.allclose(_gambit_flat(q.strategies, ref_game), _flat(ref), atol=1e-6)


def test_signalling_game_agent_qre_matches_pygambit() -> None:
    gbt = pytest.importorskip("pygambit")
    sg = beer_quiche(sp.Rational(3, 10))
    ref_game = _gambit(sg.game)
    ref = gbt.qre.logit_solve_lambda(ref_game, [1.5])[0]
    q = gt.qre(sg, lam=1.5)
    assert np.allclose(_gambit_flat(q.strategies, ref_game), _flat(ref), atol=1e-6)
    # beliefs by Bayes' rule: P(weak | beer) from the prior and the types' mixes
    weak, strong = q.strategies["Sender|weak"]["beer"], q.strategies["Sender|strong"]["beer"]
    bayes = 0.3 * weak / (0.3 * weak + 0.7 * strong)
    assert q.beliefs["Receiver|beer"]["weak/beer"] == pytest.approx(bayes, abs=1e-12)


def test_tree_limit_agrees_with_pygambit_logit_solve() -> None:
    gbt = pytest.importorskip("pygambit")
    tree = beer_quiche(sp.Rational(3, 10)).game
    ref_game = _gambit(tree)
    ref = gbt.nash.logit_solve(ref_game).equilibria[0]
    ours = gt.qre(tree, lam=math.inf)
    flat = [float(ref[a]) for h in ref_game.infosets for a in h.actions]
    ordered = [ours.strategies[h.label][a.label] for h in ref_game.infosets for a in h.actions]
    assert ours.limit and ours.converged and ours.selected is None
    assert np.allclose(ordered, flat, atol=1e-4)
    assert "sequential equilibrium" in ours.selection


# -- known answers ------------------------------------------------------------------------------


def test_lambda_zero_is_uniform_play() -> None:
    g = random_normal_form(np.random.default_rng(1), (3, 2, 4), 10)
    q = gt.qre(g, lam=0)
    for player, acts in g.actions.items():
        assert all(q.strategies[player][a] == pytest.approx(1 / len(acts)) for a in acts)
    tree = random_tree(np.random.default_rng(2))
    qt = gt.qre(tree, lam=0)
    assert all(
        p == pytest.approx(1 / len(mix)) for mix in qt.strategies.values() for p in mix.values()
    )


def test_unique_mixed_equilibrium_is_the_limit() -> None:
    """McKelvey & Palfrey (1995, §4, Figure 2's game): the asymmetric matching pennies with Row's
    payoff 9 at (U, L); its unique Nash equilibrium is Row (1/2, 1/2), Col (1/10, 9/10)."""
    g = gt.NormalFormGame.from_matrices(
        [[9, 0], [0, 1]], [[0, 1], [1, 0]], actions=[["U", "D"], ["L", "R"]]
    )
    q = gt.qre(g, lam=math.inf)
    assert q.limit and q.converged
    assert q.selected is not None and q.selected.kind == "mixed"
    assert q.selected.strategies["Col"]["R"] == sp.Rational(9, 10)
    assert q.strategies["Row"]["U"] == pytest.approx(0.5, abs=1e-6)


@pytest.mark.parametrize("lam", [0.5, 2.0])
def test_own_payoff_effect_in_asymmetric_matching_pennies(lam: float) -> None:
    """Goeree, Holt & Palfrey (2003) and McKelvey & Palfrey (1995, §4): raising Row's payoff x at
    (U, L) leaves Row's Nash mix at 1/2 but raises Row's QRE probability of U (an "own-payoff
    effect"), while Col, as in Nash, moves to R."""

    def game(x: int) -> gt.NormalFormGame:
        return gt.NormalFormGame.from_matrices([[x, 0], [0, 1]], [[0, 1], [1, 0]])

    points = [gt.qre(game(x), lam=lam) for x in (1, 4, 9)]
    ups = [q.strategies["Row"]["s1"] for q in points]
    rights = [q.strategies["Col"]["s2"] for q in points]
    assert ups[0] == pytest.approx(0.5)  # x = 1 is symmetric pennies: uniform at every lambda
    assert ups[0] < ups[1] < ups[2]
    assert rights[0] < rights[1] < rights[2]
    for x in (4, 9):
        assert gt.nash(game(x))[0].strategies["Row"]["s1"] == sp.Rational(1, 2)


def test_dominance_solvable_game_converges_to_its_pure_equilibrium() -> None:
    """The prisoner's dilemma, and a 3x3 game solved by iterated strict dominance."""
    pd = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    q = gt.qre(pd, lam=math.inf)
    assert q.selected is not None and q.selected.kind == "pure"
    assert q.selected.strategies["Row"]["s2"] == 1 and q.strategies["Row"]["s2"] > 1 - 1e-8
    # Row's s3 < s1; then Col's s3 < s1; then Row's s2 < s1; then Col's s2 < s1 against s1
    A = [[3, 2, 0], [1, 1, 5], [2, 0, -1]]
    B = [[4, 2, 1], [2, 5, 0], [0, 0, 9]]
    g = gt.NormalFormGame.from_matrices(A, B)
    q = gt.qre(g, lam=math.inf)
    assert q.selected is not None and q.selected.kind == "pure"
    assert q.selected.strategies["Row"]["s1"] == 1 and q.selected.strategies["Col"]["s1"] == 1


def test_coordination_game_selects_the_risk_dominant_equilibrium() -> None:
    """In a symmetric 2x2 coordination game the principal branch selects the risk-dominant
    equilibrium (McKelvey & Palfrey 1995, §3; Turocy 2005, §5)."""
    g = gt.NormalFormGame.from_matrices([[9, 0], [8, 7]], [[9, 8], [0, 7]])
    q = gt.qre(g, lam=math.inf)
    assert q.selected is not None
    assert q.selected.strategies["Row"]["s2"] == 1 and q.selected.strategies["Col"]["s2"] == 1


def test_entry_game_limit_is_the_subgame_perfect_equilibrium() -> None:
    entry = entry_game()
    q = gt.qre(entry, lam=math.inf)
    assert q.strategies["Entrant@root"]["in"] > 1 - 1e-6
    assert q.strategies["Incumbent@in"]["accommodate"] > 1 - 1e-6


# -- metamorphic properties -------------------------------------------------------------------


def test_scaling_payoffs_trades_against_lambda() -> None:
    rng = np.random.default_rng(7)
    g = random_normal_form(rng, (3, 3), 10)
    doubled = gt.NormalFormGame.from_matrices(*(2 * g.payoff_array(p) for p in g.players))
    a, b = gt.qre(g, lam=3.0), gt.qre(doubled, lam=1.5)
    assert a.steps == b.steps  # the tracer works in payoffs divided by their range
    for p in g.players:
        for act in g.actions[p]:
            assert a.strategies[p][act] == pytest.approx(b.strategies[p][act], abs=1e-9)


def test_constants_and_relabelling_change_nothing() -> None:
    rng = np.random.default_rng(8)
    g = random_normal_form(rng, (2, 3, 2), 10)
    q = gt.qre(g, lam=2.0)
    shifted = gt.NormalFormGame(
        {p: g.actions[p] for p in g.players},
        {
            prof: (row[0] + 5, row[1], row[2] - 3)
            for prof, row in zip(g.profiles(), g.table, strict=True)
        },
    )
    qs = gt.qre(shifted, lam=2.0)
    permuted = gt.qre(g.permute({"P2": ["s3", "s1", "s2"]}), lam=2.0)
    for p in g.players:
        for act in g.actions[p]:
            assert qs.strategies[p][act] == pytest.approx(q.strategies[p][act], abs=1e-9)
            assert permuted.strategies[p][act] == pytest.approx(q.strategies[p][act], abs=1e-9)


# -- the branch ---------------------------------------------------------------------------------


def test_branch_frame_starts_uniform_ends_at_lam_max_and_every_row_is_a_qre() -> None:
    g = gt.NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    branch = gt.qre_branch(g, lam_max=5)
    frame = branch.frame()
    assert list(frame.columns) == ["lam", "Row/s1", "Row/s2", "Col/s1", "Col/s2"]
    assert frame["lam"].iloc[0] == 0 and frame["lam"].iloc[-1] == 5
    assert len(frame) >= 5
    for _, row in frame.iloc[:: max(1, len(frame) // 5)].iterrows():
        mix = {
            "Row": {"s1": row["Row/s1"], "s2": row["Row/s2"]},
            "Col": {"s1": row["Col/s1"], "s2": row["Col/s2"]},
        }
        assert normal_form_logit_gap(g, mix, float(row["lam"])) < 1e-8
    assert branch.end.strategies["Col"]["s2"] == pytest.approx(frame["Col/s2"].iloc[-1])


def test_branch_plot_draws_a_line_per_action() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    tree = beer_quiche(sp.Rational(3, 10)).game
    branch = gt.qre_branch(tree, lam_max=3)
    ax = branch.plot(agents=["Receiver|beer"])
    assert len(ax.get_lines()) == 2
    with pytest.raises(gt.GameError, match="nobody"):
        branch.plot(agents=["nobody"])
    import matplotlib.pyplot as plt

    plt.close("all")


# -- results and bad input --------------------------------------------------------------------


def test_result_is_frozen_and_readable() -> None:
    g = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    q = gt.qre(g, lam=1)
    with pytest.raises(TypeError):
        q.strategies["Row"]["s1"] = 0.5  # type: ignore[index]
    assert "λ = 1" in str(q) and "Row" in str(q)
    assert "<table>" in q._repr_html_()
    limit = gt.qre(g, lam=math.inf)
    assert "selects equilibrium" in str(limit)
    assert hash(limit) == hash(gt.qre(g, lam=math.inf))
    assert hash(q) == hash(gt.qre(g, lam=1))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"lam": -1}, "lam", id="negative"),
        pytest.param({"lam": math.nan}, "lam", id="nan"),
        pytest.param({"lam": True}, "lam", id="bool"),
        pytest.param({"lam": "2"}, "lam", id="string"),
        pytest.param({"tol": 0}, "tol", id="tol"),
        pytest.param({"budget": -1}, "budget", id="budget"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, object], match: str) -> None:
    g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.GameError, match=match):
        gt.qre(g, **kwargs)  # type: ignore[arg-type]


def test_symbolic_games_need_a_point() -> None:
    c = sp.Symbol("c", positive=True)
    g = gt.NormalFormGame.from_matrices([[1, -c], [0, 1]], [[1, 0], [c, 1]])
    with pytest.raises(gt.MissingParameterError, match=r"\(c\).*at="):
        gt.qre(g, lam=1)
    assert gt.qre(g, lam=1, at={c: 2}) == gt.qre(g.at(c=2), lam=1)


def test_unsupported_trees_are_refused() -> None:
    x = sp.Symbol("x")
    cont = gt.ExtensiveGame(gt.ContinuousDecision("A", x, (0, 1), then=gt.Outcome(A=x, B=-x)))
    with pytest.raises(gt.UnsupportedGameError, match="continuous"):
        gt.qre(cont)
    forgetful = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                "l": gt.Decision("A", {"u": gt.Outcome(A=1), "d": gt.Outcome(A=0)}, infoset="h"),
                "r": gt.Decision("A", {"u": gt.Outcome(A=0), "d": gt.Outcome(A=1)}, infoset="h"),
            },
        )
    )
    with pytest.raises(gt.ImperfectRecallError):
        gt.qre(forgetful)
    unreached = gt.ExtensiveGame(
        gt.Chance(
            {
                "never": (0, gt.Decision("A", {"u": gt.Outcome(A=1), "d": gt.Outcome(A=0)})),
                "always": (1, gt.Outcome(A=0)),
            }
        )
    )
    with pytest.raises(gt.UnsupportedGameError, match="A@never"):
        gt.qre(unreached)
    with pytest.raises(gt.UnsupportedGameError, match="dict"):
        gt.qre({})


def test_budget_is_enforced() -> None:
    g = random_normal_form(np.random.default_rng(3), (3, 3), 10)
    with pytest.raises(gt.BudgetExceededError, match="lambda"):
        gt.qre(g, lam=math.inf, budget=1e-9)


def test_three_player_profiles_are_certified_along_the_branch() -> None:
    rng = np.random.default_rng(11)
    for _ in range(2):
        g = random_normal_form(rng, (2, 2, 2), 4)
        for lam in (0.7, 3.0, 12.0):
            q = gt.qre(g, lam=lam)
            assert normal_form_logit_gap(g, q.strategies, lam) < 1e-8


def test_all_profiles_of_a_tree_sum_to_one() -> None:
    tree = random_tree(np.random.default_rng(4))
    q = gt.qre(tree, lam=2)
    for mix in q.strategies.values():
        assert sum(mix.values()) == pytest.approx(1, abs=1e-12)
    for bel in q.beliefs.values():
        assert sum(bel.values()) == pytest.approx(1, abs=1e-12)
    assert set(itertools.chain.from_iterable(q.beliefs.values())) <= {
        p for p, _ in __import__("gametheory").games.tree.node_paths(tree.root)
    }


def test_a_crossing_branch_is_reported_and_the_point_is_still_a_qre() -> None:
    """A degenerate 2x2 (Row's s1 weakly dominant, Col indifferent against it): two curves of
    QRE cross near lambda = 6.3, where pygambit's tracer turns onto the other one.  Ours goes
    straight on, says so in ``bifurcations``, and its point passes the certificate."""
    g = gt.NormalFormGame.from_matrices([[2, 1], [1, 1]], [[2, 2], [0, 1]])
    q = gt.qre(g, lam=10)
    assert len(q.bifurcations) == 1
    before, after = q.bifurcations[0]
    assert 4 < before < after < 9
    assert any("bifurcation" in n for n in q.notes) and q.converged
    assert normal_form_logit_gap(g, q.strategies, 10) < 1e-9
    assert gt.qre(g, lam=4).bifurcations == ()
    generic = random_normal_form(np.random.default_rng(5), (3, 3), 1000)
    assert gt.qre(generic, lam=math.inf).bifurcations == ()


def test_limit_through_information_sets_that_play_leaves() -> None:
    """The incumbent's information set is reached with probability ~exp(-2 lambda): its
    conditional payoffs are computed without underflow, and its limit is sequentially
    rational (accommodate) although play never reaches it."""
    entry = entry_game(out=3)
    q = gt.qre(entry, lam=1000)  # reach exp(-2000): 0.0 in floating point
    assert q.converged
    assert q.strategies["Entrant@root"]["out"] == 1.0
    assert q.strategies["Incumbent@in"]["accommodate"] == 1.0
    assert q.beliefs["Incumbent@in"] == {"in": 1.0}
    assert tree_logit_gap(entry, gt.qre(entry, lam=300).strategies, 300) < 1e-9


def test_where_the_branch_turns_back_the_first_point_at_lambda_is_returned() -> None:
    """A 4x4 game (drawn by random_normal_form, seed 0, levels 100) whose principal branch turns
    back at lambda ~ 0.3077 (down to ~0.28, then on).  A lambda between the traced points
    either side of the turn is met before the turn and again after it.  ``gt.qre`` returns the
    first, on the arc before the turn (Row's s2 falls along the branch), a QRE by the
    certificate.  (pygambit's ``logit_solve_lambda`` returns a later one here.)"""
    A = [[14, 81, 9, 46], [97, 46, 66, 91], [72, 2, 56, 12], [7, 81, 84, 84]]
    B = [[41, 42, 39, 84], [13, 90, 11, 31], [52, 0, 56, 0], [51, 18, 61, 50]]
    g = gt.NormalFormGame.from_matrices(A, B)
    frame = gt.qre_branch(g, lam_max=0.4).frame()
    lam = frame["lam"].to_numpy()
    turn = int(np.argmax(np.diff(lam) < 0))  # the last traced point before lambda decreases
    assert lam[turn + 1] < lam[turn] and 0.30 < lam[turn] < 0.31
    target = float(lam[turn] + lam[turn + 1]) / 2
    q = gt.qre(g, lam=target)
    assert normal_form_logit_gap(g, q.strategies, target) < 1e-9
    first = int(np.argmax(lam >= target))
    assert first <= turn
    s2 = frame["Row/s2"].to_numpy()
    assert s2[first] <= q.strategies["Row"]["s2"] <= s2[first - 1]
    assert q.strategies["Row"]["s2"] > s2[turn]  # not the crossing after the turn


@given(
    st.one_of(
        gst.normal_form_games(max_actions=3),
        gst.degenerate_games(max_actions=3),
        gst.normal_form_games(n_players=3, max_actions=2),
    ),
    st.sampled_from([0.25, 1.0, 3.0]),
)
@settings(max_examples=25)
def test_every_point_passes_the_certificate(game: gt.NormalFormGame, lam: float) -> None:
    q = gt.qre(game, lam=lam)
    assert q.converged
    assert normal_form_logit_gap(game, q.strategies, lam) <= 1e-8


def test_the_two_evaluations_of_the_normal_form_system_agree() -> None:
    """Normal forms are evaluated by tensor contractions; the general (agent-form) evaluation
    by sums over (action, profile) pairs must give the same system and Jacobian."""
    from gametheory.solvers._qre_system import agent_system, evaluate

    rng = np.random.default_rng(12)
    for shape in [(3, 4), (2, 3, 2)]:
        game = random_normal_form(rng, shape, 10)
        system, general = agent_system(game), agent_system(game, tables=False)
        y = np.log(rng.dirichlet(np.ones(system.size)))  # any log-probabilities will do
        fast, slow = evaluate(system, y, 1.7), evaluate(general, y, 1.7)
        assert np.allclose(fast.residual, slow.residual, atol=1e-12)
        assert np.allclose(fast.jacobian, slow.jacobian, atol=1e-12)


def test_games_beyond_the_dense_kernel_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory.solvers import _qre_system

    monkeypatch.setattr(_qre_system, "MAX_ENTRIES", 50)
    with pytest.raises(gt.UnsupportedGameError, match=r"normal form is too large .*64 x 16"):
        gt.qre(random_normal_form(np.random.default_rng(0), (8, 8), 10))
    with pytest.raises(gt.UnsupportedGameError, match="tree is too large"):
        gt.qre(random_tree(np.random.default_rng(0)))


def test_limit_of_a_symmetric_coordination_game_reports_the_crossing_it_passed() -> None:
    """In pure coordination the centroid is a QRE at every lambda (no regret at all), and curves
    of QRE leave it at lambda = 2 (x = 1/(1 + exp(lambda (1 - 2x))) gains two more roots).  The
    limit is traced past that, reports the crossing, and selects the mixed equilibrium."""
    g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    q = gt.qre(g, lam=math.inf)
    assert q.converged and q.selected is not None and q.selected.kind == "mixed"
    assert len(q.bifurcations) == 1
    before, after = q.bifurcations[0]
    assert before < 2 < after
    branch = gt.qre_branch(g, lam_max=math.inf)
    assert branch.end.limit and branch.lam[-1] == branch.end.lam


def test_symbolic_trees_need_a_point_and_names_work_as_keys() -> None:
    p = sp.Symbol("p", positive=True)
    sg = beer_quiche(p)
    with pytest.raises(gt.MissingParameterError, match=r"\(p\)"):
        gt.qre(sg, lam=1)
    by_name = gt.qre(sg, lam=1, at={"p": sp.Rational(3, 10)})
    assert by_name == gt.qre(beer_quiche(sp.Rational(3, 10)), lam=1)


def test_a_simultaneous_move_tree_has_the_qre_of_its_normal_form() -> None:
    """Each player moves once, the second without seeing the first: the agent QRE of the tree
    (pair sums over leaves, with beliefs) equals the QRE of its normal form (tensor
    contractions), information set by player."""
    rng = np.random.default_rng(21)
    for _ in range(3):

        def leaf() -> Outcome:
            return Outcome(A=int(rng.integers(-5, 6)), B=int(rng.integers(-5, 6)))

        tree = gt.ExtensiveGame(
            Decision(
                "A",
                {a: Decision("B", {b: leaf() for b in ("l", "c", "r")}, infoset="B") for a in "xy"},
                infoset="A",
            )
        )
        nf = tree.to_normal_form()
        for lam in (0.5, 2.5):
            ours, theirs = gt.qre(tree, lam=lam), gt.qre(nf, lam=lam)
            for h in ("A", "B"):
                for a, v in ours.strategies[h].items():
                    assert v == pytest.approx(theirs.strategies[h][a], abs=1e-9)

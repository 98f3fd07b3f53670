"""Budgets (``budget=`` seconds), size guards and deep trees (issue 13, item 3).

The long jobs here would each run for minutes (or hours) without a budget; a budget of half a
second must stop them with :class:`gametheory.BudgetExceededError` saying what was done.  The
time bounds asserted are hang guards, generous for slow CI machines, not speed claims.
"""

from __future__ import annotations

import math
import pickle
import random
import sys
import time
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory._budget import Budget
from gametheory.games.extensive import MAX_PROFILES, plan_bounds

HANG_GUARD = 10.0  # seconds; a budget of 0.5 s must raise well within this


def _full_tree(depth: int) -> gt.ExtensiveGame:
    """A complete binary tree of decisions, players alternating by level (127 decision nodes
    at depth 7)."""
    count = [0]

    def build(level: int) -> gt.Decision | gt.Outcome:
        if level == depth:
            count[0] += 1
            return gt.Outcome(A=count[0] % 7, B=(count[0] * 3) % 11)
        player = "A" if level % 2 == 0 else "B"
        return gt.Decision(player, {"l": build(level + 1), "r": build(level + 1)})

    return gt.ExtensiveGame(build(0))


def _chain(n: int, symbolic: bool = False) -> gt.ExtensiveGame:
    """A centipede-like chain of ``n`` moves, A and B alternating, each able to stop.

    Numeric payoffs are distinct per player, so there are no ties (one SPE); symbolic ones are
    a fresh positive parameter per node (ties everywhere: the SPE splits into many regions)."""
    if symbolic:
        u = sp.symbols(f"u0:{n + 1}", positive=True)
        node: gt.Decision | gt.Outcome = gt.Outcome(A=u[n], B=-u[n])
        stops = [(u[i], u[(i + 1) % n]) for i in range(n)]
    else:
        node = gt.Outcome(A=0, B=0)
        stops = [(i + 1, (i * 7919) % 10007 + 1) for i in range(n)]
    for i in range(n):
        a, b = stops[i]
        player = "A" if i % 2 == 0 else "B"
        node = gt.Decision(player, {"stop": gt.Outcome(A=a, B=b), "go": node})
    return gt.ExtensiveGame(node)


def _symbolic_4x4() -> gt.NormalFormGame:
    """A 4x4 game whose payoffs use four parameters (issue 13: ran past 110 s)."""
    rng = random.Random(1)
    syms = sp.symbols("a b c d", positive=True)

    def entry() -> sp.Expr:
        return rng.choice(syms) * rng.randint(1, 3) - rng.randint(0, 4)

    return gt.NormalFormGame.from_matrices(
        [[entry() for _ in range(4)] for _ in range(4)],
        [[entry() for _ in range(4)] for _ in range(4)],
    )


def _raises_in_time(call, budget: float = 0.5) -> gt.BudgetExceededError:
    start = time.monotonic()
    with pytest.raises(gt.BudgetExceededError) as info:
        call(budget)
    elapsed = time.monotonic() - start
    assert elapsed < HANG_GUARD, f"took {elapsed:.1f} s past a budget of {budget} s"
    assert elapsed >= budget * 0.9
    return info.value


# -- the error and the mechanism ---------------------------------------------------------------


def test_budget_error_is_a_game_error_with_fields_and_pickles() -> None:
    err = Budget(1e-9, "nash").exceeded("supports tried 1,234 of 65,025")
    assert isinstance(err, gt.GameError)
    assert err.solver == "nash" and err.budget == pytest.approx(1e-9)
    assert err.done == "supports tried 1,234 of 65,025" and err.partial is None
    assert str(err).startswith("gt.nash ran out of its budget")
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.solver, back.done) == (str(err), err.solver, err.done)


def test_check_formats_counts_only_when_it_raises() -> None:
    clock = Budget(0.05, "spe")
    clock.check("never raised", 1, 2)  # before the deadline: nothing
    time.sleep(0.06)
    with pytest.raises(gt.BudgetExceededError, match=r"faces solved 1,234 of 65,025"):
        clock.check("faces solved", 1234, 65025)


def test_no_budget_and_infinity_mean_unlimited() -> None:
    for value in (None, math.inf):
        clock = Budget.of(value, "nash")
        assert not clock.limited and clock.remaining() is None
        clock.check("anything")


def test_an_outer_budget_is_shared_not_restarted() -> None:
    outer = Budget.of(2, "solve")
    assert Budget.of(outer, "spe") is outer


@pytest.mark.parametrize(
    "bad",
    [0, -1, -0.5, math.nan, "10", True, [1], complex(1, 1), sp.Symbol("t")],
    ids=[
        "zero",
        "negative",
        "negative-float",
        "nan",
        "string",
        "bool",
        "list",
        "complex",
        "symbol",
    ],
)
@pytest.mark.parametrize("entry", ["nash", "spe", "pbe", "solve", "verify", "sweep"])
def test_bad_budgets_are_game_errors_naming_the_budget(entry: str, bad: object) -> None:
    nf = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    tree = _chain(2)
    c = sp.Symbol("c", positive=True)
    calls = {
        "nash": lambda: gt.nash(nf, budget=bad),
        "spe": lambda: gt.spe(tree, budget=bad),
        "pbe": lambda: gt.pbe(tree, budget=bad),
        "solve": lambda: gt.solve(nf, budget=bad),
        "verify": lambda: gt.verify(sp.true, nf, budget=bad),
        "sweep": lambda: gt.sweep(gt.NormalFormGame.from_matrices([[c]], [[c]]), c=[1], budget=bad),
    }
    with pytest.raises(gt.GameError, match=rf"{entry}\(\): budget must be a positive number"):
        calls[entry]()


@pytest.mark.parametrize("ok", [1, 2.5, Fraction(3, 2), np.float64(2.0), np.int64(3)])
def test_real_numbers_of_any_kind_are_budgets(ok: object) -> None:
    pennies = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert len(gt.nash(pennies, budget=ok)) == 1  # type: ignore[arg-type]


# -- long jobs stop in time and say what was done ----------------------------------------------


def test_nash_on_a_127_node_tree_with_a_budget_stops_while_building() -> None:
    game = _full_tree(7)
    err = _raises_in_time(lambda b: gt.nash(game, budget=b, method="normal-form"))
    assert "reduced plans" in err.done or "normal-form profiles played out" in err.done
    assert err.solver == "nash"


def test_nash_on_a_symbolic_4x4_with_four_parameters_stops_with_a_partial_solution() -> None:
    err = _raises_in_time(lambda b: gt.nash(_symbolic_4x4(), budget=b))
    assert "vertex systems" in err.done or "pairs of feasible vertices" in err.done
    partial = err.partial
    assert isinstance(partial, gt.Solution) and not partial.complete
    (limit,) = (d for d in partial.diagnostics if isinstance(d, gt.Limit))
    assert limit.kind == "budget" and limit.seconds == 0.5
    assert partial.incomplete == (str(limit),) and "budget of 0.5 s ran out" in str(limit)


def test_spe_with_ties_everywhere_stops_in_time() -> None:
    """A 14-move chain with a parameter per payoff: ties at every node (minutes unbudgeted)."""
    err = _raises_in_time(lambda b: gt.spe(_chain(14, symbolic=True), budget=b))
    assert "induction nodes solved" in err.done or "tie faces solved" in err.done


def test_solve_names_itself_and_the_solver_it_chose() -> None:
    err = _raises_in_time(lambda b: gt.solve(_chain(14, symbolic=True), budget=b))
    assert err.solver == "solve" and "(in gt.spe)" in err.done


def test_pbe_stops_in_time_with_a_partial_solution() -> None:
    """A signalling game with four types, three messages and three responses, symbolic."""
    t = sp.symbols("t0:4", positive=True)
    rng = random.Random(3)

    def pay(k: int) -> sp.Expr:
        return rng.choice(t) * rng.randint(-2, 2) + rng.randint(-3, 3) + k

    game = gt.SignalingGame(
        "S",
        "R",
        types={f"T{k}": sp.Rational(1, 4) for k in range(4)},
        messages=["m0", "m1", "m2"],
        actions=["a0", "a1", "a2"],
        payoffs={
            (f"T{k}", m, a): (pay(k), pay(-k))
            for k in range(4)
            for m in ["m0", "m1", "m2"]
            for a in ["a0", "a1", "a2"]
        },
    )
    err = _raises_in_time(lambda b: gt.pbe(game, budget=b))
    assert "shapes" in err.done or "decided" in err.done
    assert isinstance(err.partial, gt.Solution) and not err.partial.complete


def test_verify_stops_its_search_in_time() -> None:
    c = sp.Symbol("c", positive=True)
    sol = gt.nash(gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]]))

    def slow(point: object, eq: object) -> bool:
        time.sleep(0.02)
        return True

    err = _raises_in_time(lambda b: gt.verify(slow, sol, max_examples=100_000, budget=b))
    assert "points of the space searched" in err.done and err.solver == "verify"


def test_a_per_point_sweep_stops_between_chunks() -> None:
    c = sp.Symbol("c", positive=True)
    game = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    grid = np.linspace(0.1, 10, 200_000)  # 10,000 chunks: seconds of work, stopped at 0.5 s
    err = _raises_in_time(lambda b: gt.sweep(game, c=grid, chunk_size=20, budget=b))
    assert "points handed to the solver" in err.done and err.solver == "sweep"


def test_a_budget_that_suffices_changes_nothing() -> None:
    c = sp.Symbol("c", positive=True)
    chicken = gt.NormalFormGame.from_matrices([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    assert [e.conditions for e in gt.nash(chicken, budget=60)] == [
        e.conditions for e in gt.nash(chicken)
    ]
    tree = _chain(6)
    assert gt.spe(tree, budget=60)[0].strategies == gt.spe(tree)[0].strategies
    assert len(gt.pbe(tree, budget=60)) == len(gt.pbe(tree))


# -- size guards -------------------------------------------------------------------------------


def test_the_normal_form_of_a_127_node_tree_is_refused_before_it_is_built() -> None:
    game = _full_tree(7)
    start = time.monotonic()
    with pytest.raises(gt.UnsupportedGameError) as info:
        gt.nash(game, method="normal-form")  # method="auto" solves it on the sequence form
    assert time.monotonic() - start < HANG_GUARD
    msg = str(info.value)
    assert "32,768 x 16,384 plans for 'A', 'B'" in msg
    assert f"{MAX_PROFILES:,} profiles" in msg and "gt.spe" in msg and "budget" in msg
    with pytest.raises(gt.UnsupportedGameError, match="reduced normal form"):
        game.to_normal_form()


def test_plan_bounds_are_exact_on_perfect_information_trees_and_bound_the_others() -> None:
    """Differential: the bound against the plans actually built (Kuhn's reduced strategies)."""
    for depth in (2, 3, 4):
        game = _full_tree(depth)
        assert plan_bounds(game) == {p: len(game.plans[p]) for p in game.players}
    # B cannot see A's move: one information set over both of A's actions (2 plans, not 4)
    hidden = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                a: gt.Decision(
                    "B", {b: gt.Outcome(A=1, B=2) for b in ("x", "y")}, infoset="B-blind"
                )
                for a in ("l", "r")
            },
        )
    )
    bounds = plan_bounds(hidden)
    assert bounds == {"A": 2, "B": 2} == {p: len(hidden.plans[p]) for p in hidden.players}


def test_a_huge_symbolic_game_is_refused_without_a_budget() -> None:
    c = sp.Symbol("c", positive=True)
    n = 8  # C(16, 8) - 1 = 12,869 vertex systems a player
    game = gt.NormalFormGame.from_matrices(
        [[c * int(i == j) + i for j in range(n)] for i in range(n)],
        [[c * int(i != j) + j for j in range(n)] for i in range(n)],
    )
    with pytest.raises(gt.UnsupportedGameError, match=r"8x8 game has 12,869 vertex systems"):
        gt.nash(game)
    err = _raises_in_time(lambda b: gt.nash(game, budget=b))
    assert "vertex systems solved" in err.done


def test_a_budget_builds_a_normal_form_the_guard_refuses() -> None:
    game = _full_tree(6)  # 128 x 16,384 plans: 2,097,152 profiles
    with pytest.raises(gt.UnsupportedGameError, match="128 x 16,384 plans"):
        game.to_normal_form()
    game = _full_tree(5)  # 128 x 64 plans: under the guard, built with or without a budget
    nf = game.to_normal_form(budget=120)
    assert nf.table == game.to_normal_form().table
    assert nf.shape == tuple(plan_bounds(game)[p] for p in game.players)


# -- deep trees --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deep() -> gt.ExtensiveGame:
    return _chain(5_000)


def test_a_5000_move_chain_is_built_printed_and_exported(deep: gt.ExtensiveGame) -> None:
    assert len(deep.infosets) == 5_000 and deep.perfect_recall
    assert str(deep).count("\n") > 5_000
    assert deep._repr_html_().count("stop") >= 5_000
    assert deep.to_gambit().count(" p ") + deep.to_gambit().count("\np ") >= 5_000
    assert len(deep.at({}).infosets) == 5_000
    assert "stop" in deep.to_latex()


def test_nash_on_a_5000_move_chain_is_refused_at_once(deep: gt.ExtensiveGame) -> None:
    start = time.monotonic()
    with pytest.raises(gt.UnsupportedGameError, match="2,501 x 2,501 plans"):
        gt.nash(deep, method="normal-form")
    with pytest.raises(gt.UnsupportedGameError, match="sequence form of this tree has 5,001"):
        gt.nash(deep)  # method="auto": the sequence form, past its size without a budget
    assert time.monotonic() - start < HANG_GUARD


@pytest.mark.slow
def test_nash_through_1500_chance_moves_without_recursion() -> None:
    """Plans, the normal form and nash walk a tree 1,500 chance moves deep (past Python's
    recursion limit of 1,000; 5,000 before, the suite's slowest test, for no more coverage):
    Nature ends the game early with probability 1/2 at each move, else A and B play matching
    pennies last."""
    pennies = gt.Decision(
        "A",
        {
            a: gt.Decision(
                "B",
                {b: gt.Outcome(A=1 if a == b else -1, B=-1 if a == b else 1) for b in "HT"},
                infoset="B-blind",
            )
            for a in "HT"
        },
    )
    node: gt.Chance | gt.Decision = pennies
    assert sys.getrecursionlimit() < 1_500
    for _ in range(1_500):
        half = sp.Rational(1, 2)
        node = gt.Chance({"end": (half, gt.Outcome(A=0, B=0)), "on": (half, node)})
    game = gt.ExtensiveGame(node)
    assert {p: len(game.plans[p]) for p in game.players} == {"A": 2, "B": 2}
    assert game.to_normal_form().shape == (2, 2)
    (eq,) = gt.nash(game)
    assert eq.strategies["A"] == {"H": sp.Rational(1, 2), "T": sp.Rational(1, 2)}


@pytest.mark.slow
def test_backward_induction_on_a_1500_move_chain() -> None:
    """SPE, PBE and solve on a chain past Python's recursion limit, checked against a plain
    backward induction (the chain has no ties, so one equilibrium)."""
    game = _chain(1_500)
    stop = {}  # backward induction by hand: who stops where
    cont = (0, 0)
    root = game.root
    nodes = []
    while isinstance(root, gt.Decision):
        nodes.append(root)
        root = root.actions["go"]
    for node in reversed(nodes):
        here = node.actions["stop"].payoffs
        k = 0 if node.player == "A" else 1
        mine = (here["A"], here["B"])
        stop[id(node)] = mine[k] > cont[k]
        cont = mine if stop[id(node)] else cont
    (eq,) = gt.spe(game)
    assert (eq.payoffs["A"], eq.payoffs["B"]) == cont
    assert (gt.solve(game)[0].payoffs["A"]) == cont[0]
    assert {(e.payoffs["A"], e.payoffs["B"]) for e in gt.pbe(game)} == {cont}


def test_plan_bounds_of_a_game_without_recall_are_capped_by_its_information_sets() -> None:
    """Gambit's e09 (voting twice, no recall): the count over the tree multiplies at every other
    level (A: 128 here, B: 16,384), but a reduced plan names at most one action per information set, so a
    player with three binary information sets has at most 3**3 = 27 of them (the guard refused
    this game as 10 x 100 x 18,496 profiles before)."""

    def level(depth: int) -> gt.Decision | gt.Outcome:
        if depth == 6:
            return gt.Outcome(A=1, B=-1)
        player = "AB"[depth % 2]
        return gt.Decision(
            player,
            {"1": level(depth + 1), "0": level(depth + 1)},
            infoset=f"{player}{depth // 2}",
        )

    game = gt.ExtensiveGame(level(0))
    assert not game.perfect_recall
    bounds = plan_bounds(game)
    assert bounds == {"A": 27, "B": 27}
    built = {p: len(game.plans[p]) for p in game.players}
    assert all(built[p] <= bounds[p] for p in game.players)
    assert game.to_normal_form().shape == (built["A"], built["B"])

"""``gt.nash`` on games with three or more players: every equilibrium, mixed ones included.

Checks that do not trust the solver: the exact regret certificate (``assert_equilibrium``, which
decides radicals and ``CRootOf`` exactly), pygambit's ``enumpoly_solve`` on seeded random games
(its equilibria must all be ours; ours that it misses must pass pygambit's own regret too), and
literature fixtures with known answers.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import NotAnEquilibriumError
from gametheory.solvers.n_player import n_player_equilibria
from gametheory.testing import assert_equilibrium
from gametheory.testing import strategies as gst

from .fixtures import coordination_game, difference_game, table_game

HALF = sp.Rational(1, 2)


def first_probabilities(eq: gt.Equilibrium) -> tuple[sp.Expr, ...]:
    """Each player's probability of a0."""
    return tuple(s["a0"] for s in eq.strategies.values())


def same_number(a: sp.Expr, b: sp.Expr) -> bool:
    """Exact equality of algebraic numbers (minimal polynomial of the difference is x)."""
    x = sp.Dummy("x")
    return bool(sp.minimal_polynomial(sp.expand(a - b), x) == x)


# -- literature fixtures ------------------------------------------------------------------


def jordan_game() -> gt.NormalFormGame:
    """Jordan's three-player matching pennies: J. S. Jordan, "Three problems in learning
    mixed-strategy Nash equilibria", *Games and Economic Behavior* 5 (1993) 368-386.  Player 1
    wants to match player 2, player 2 to match player 3, player 3 to mismatch player 1; the
    unique equilibrium has everyone mixing 1/2."""
    sign = [
        lambda a, b, c: 1 if a == b else -1,
        lambda a, b, c: 1 if b == c else -1,
        lambda a, b, c: 1 if c != a else -1,
    ]
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for idx in itertools.product(range(2), repeat=3):
        for k in range(3):
            arrays[k][idx] = sign[k](*idx)
    return table_game(arrays)


def test_jordan_game_has_its_unique_mixed_equilibrium_and_the_old_pure_only_answer_is_gone() -> (
    None
):
    g = jordan_game()
    sol = gt.nash(g)
    # before issue 15: "no nash equilibria found", complete=False, method "pure profiles"
    assert sol.complete and not sol.incomplete and sol.method != "pure profiles"
    assert len(sol) == 1 and sol[0].kind == "mixed"
    assert all(v == HALF for s in sol[0].strategies.values() for v in s.values())
    assert sol[0].payoffs == {"P1": 0, "P2": 0, "P3": 0}
    assert_equilibrium(g, sol[0])


# Gambit's contrib/games/2x2x2.nfg: "2x2x2 Example from McKelvey-McLennan, with 9 Nash
# equilibria, 2 totally mixed" (R. D. McKelvey & A. McLennan, "The maximal number of regular
# totally mixed Nash equilibria", J. Economic Theory 72 (1997) 411-425).  Payoffs in Gambit's
# order (player 1's action changes fastest).
MM_PAYOFFS = [
    (9, 8, 12), (0, 0, 0), (0, 0, 0), (9, 8, 2), (0, 0, 0), (3, 4, 6), (3, 4, 6), (0, 0, 0),
]  # fmt: skip


def mckelvey_mclennan_game() -> gt.NormalFormGame:
    payoffs = {}
    for k, row in enumerate(MM_PAYOFFS):
        idx = (k % 2, (k // 2) % 2, k // 4)
        payoffs[tuple(f"a{i}" for i in idx)] = row
    players = {p: ["a0", "a1"] for p in ("P1", "P2", "P3")}
    return gt.NormalFormGame(players=players, payoffs=payoffs)


def test_mckelvey_mclennan_game_has_nine_equilibria_two_totally_mixed() -> None:
    g = mckelvey_mclennan_game()
    sol = gt.nash(g)
    assert sol.complete and len(sol) == 9
    full = [eq for eq in sol if all(0 < p < 1 for p in first_probabilities(eq))]
    assert len(full) == 2
    # the ones Gambit's documentation lists with partial supports (gambit issue #474's log)
    third = sp.Rational(1, 3)
    expected = {
        (1, 1, 1), (1, 0, 0), (0, 1, 0), (0, 0, 1), (HALF, HALF, 1),
        (third, 1, sp.Rational(1, 4)), (0, sp.Rational(1, 4), third),
        (sp.Rational(2, 5), HALF, third),
    }  # fmt: skip
    assert expected <= {first_probabilities(eq) for eq in sol}
    for eq in sol:
        assert_equilibrium(g, eq)


def irrational_game() -> gt.NormalFormGame:
    """A 2x2x2 game with two totally mixed equilibria, both irrational (derived by hand).

    With p, q, r each player's probability of a0, the gains from a0 over a1 are
    ``D1 = 2q - 2r + 1``, ``D2 = 2p + 2r - 3``, ``D3 = 20pq + 10p - 11`` (no gain is 0 at a
    pure profile, so no player is indifferent at a corner).  Totally mixed equilibria solve
    ``D1 = D2 = D3 = 0``: ``q = r - 1/2`` and ``r = 3/2 - p`` give ``q = 1 - p`` and then
    ``20 p (1 - p) + 10 p - 11 = 0``, i.e. ``p**2 - 3p/2 + 11/20 = 0``,
    ``p = 3/4 ± sqrt(1/80) = 3/4 ± sqrt(5)/20``, both in (1/2, 1), with
    ``q = 1/4 ∓ sqrt(5)/20`` and ``r = 3/4 ∓ sqrt(5)/20`` in (0, 1).  Two is the maximum for
    2x2x2 games (McKelvey & McLennan 1997).
    """
    return difference_game(
        [
            lambda q, r: 2 * q - 2 * r + 1,
            lambda p, r: 2 * p + 2 * r - 3,
            lambda p, q: 20 * p * q + 10 * p - 11,
        ]
    )


def test_irrational_equilibria_are_exact_radicals() -> None:
    g = irrational_game()
    sol = gt.nash(g)
    assert sol.complete and len(sol) == 5
    s = sp.sqrt(5) / 20
    q = sp.Rational(1, 4)
    expected = [(3 * q + s, q - s, 3 * q - s), (3 * q - s, q + s, 3 * q + s)]
    full = [first_probabilities(eq) for eq in sol if eq.kind == "mixed"]
    for want in expected:
        assert any(all(same_number(a, b) for a, b in zip(got, want, strict=True)) for got in full)
    assert all(x.has(sp.sqrt(5)) for got in full[-2:] for x in got)
    for eq in sol:
        assert_equilibrium(g, eq)


def cos20_game() -> gt.NormalFormGame:
    """A four-player game whose mixed equilibrium needs ``CRootOf`` (derived by hand).

    With p, q, r, s each player's probability of a0, the gains from a0 over a1 are
    ``D1 = 8qrs - 6q - 1``, ``D2 = 4r - 4p - 1``, ``D3 = 4s - 4p - 1``, ``D4 = 4q - 4p - 1``
    (none 0 at a pure profile).  ``D2 = D3 = D4 = 0`` give ``q = r = s = p + 1/4`` and then
    ``D1 = 8u**3 - 6u - 1 = 0`` for ``u = q``: ``4u**3 - 3u = cos 3θ`` with ``u = cos θ`` gives
    ``cos 3θ = 1/2``, so ``u = cos 20°`` (the only root in (1/4, 1); the others, cos 140° and
    cos 260°, are negative).  The cubic is irreducible with three real roots (casus
    irreducibilis): cos 20° has no expression in real radicals, hence ``CRootOf``.
    """
    return difference_game(
        [
            lambda q, r, s: 8 * q * r * s - 6 * q - 1,
            lambda p, r, s: 4 * r - 4 * p - 1,
            lambda p, q, s: 4 * s - 4 * p - 1,
            lambda p, q, r: 4 * q - 4 * p - 1,
        ]
    )


def test_an_equilibrium_beyond_radicals_is_an_exact_crootof() -> None:
    g = cos20_game()
    sol = gt.nash(g)
    assert sol.complete
    (eq,) = [eq for eq in sol if any(x.has(sp.CRootOf) for x in first_probabilities(eq))]
    p, q, r, s = first_probabilities(eq)
    u = sp.cos(sp.pi / 9)
    assert abs(float(q) - float(u)) < 1e-12 and abs(float(p) - float(u) + 0.25) < 1e-12
    x = sp.Symbol("x")
    assert sp.minimal_polynomial(q, x) == 8 * x**3 - 6 * x - 1  # exactly cos 20°
    assert q == r == s
    assert_equilibrium(g, eq)


# -- the certificate is exact on algebraic numbers ----------------------------------------


def test_certificate_rejects_an_irrational_profile_off_by_far_less_than_any_float_tolerance() -> (
    None
):
    g = irrational_game()
    eq = next(
        e for e in gt.nash(g) if e.kind == "mixed" and e.strategies["P1"]["a0"].has(sp.sqrt(5))
    )
    assert_equilibrium(g, eq)
    bump = sp.Rational(1, 10**40)
    off = {p: dict(s) for p, s in eq.strategies.items()}
    off["P2"] = {"a0": off["P2"]["a0"] + bump, "a1": off["P2"]["a1"] - bump}
    with pytest.raises(NotAnEquilibriumError, match="decided exactly"):
        assert_equilibrium(g, off)
    off = {p: dict(s) for p, s in eq.strategies.items()}
    off["P3"] = {"a0": off["P3"]["a0"] + bump, "a1": off["P3"]["a1"]}  # sums to 1 + 1e-40
    with pytest.raises(NotAnEquilibriumError, match="probability vector"):
        assert_equilibrium(g, off)


# -- differential: pygambit's enumpoly_solve -----------------------------------------------


def _gambit_equilibria(arrays: Sequence[np.ndarray]) -> tuple[object, list[list[list[float]]]]:
    gbt = pytest.importorskip("pygambit")
    game = gbt.Game.from_arrays(*[a.astype(int) for a in arrays])
    res = gbt.nash.enumpoly_solve(game, maxregret=1e-8)
    return game, [
        [[float(e[s]) for s in p.strategies] for p in game.players] for e in res.equilibria
    ]


def _close(a: Sequence[Sequence[float]], b: Sequence[Sequence[float]], tol: float) -> bool:
    return all(
        abs(x - y) < tol for u, v in zip(a, b, strict=True) for x, y in zip(u, v, strict=True)
    )


def _support(profile: Sequence[Sequence[float]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(i for i, x in enumerate(v) if x > 1e-6) for v in profile)


def _gambit_regret(game: object, profile: Sequence[Sequence[sp.Expr]]) -> float:
    """pygambit's own max regret of our profile (a third, independent certificate)."""
    mixed = game.mixed_strategy_profile()  # type: ignore[attr-defined]
    for player, vec in zip(game.players, profile, strict=True):  # type: ignore[attr-defined]
        for strat, x in zip(player.strategies, vec, strict=True):
            mixed[strat] = float(sp.N(x, 30))
    return float(mixed.max_regret())


CASES = [
    pytest.param((2, 2, 2), range(-100, 101), 12, 1, id="2x2x2-generic"),
    pytest.param((2, 2, 3), range(-100, 101), 6, 2, id="2x2x3-generic"),
    pytest.param((2, 2, 2), range(0, 2), 12, 3, id="2x2x2-ties"),
]


@pytest.mark.parametrize(("shape", "values", "count", "seed"), CASES)
def test_agrees_with_pygambit_enumpoly(
    shape: tuple[int, ...], values: range, count: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    missed_by_gambit = 0
    for _ in range(count):
        arrays = [rng.choice(list(values), size=shape) for _ in shape]
        g = table_game(arrays)
        res = n_player_equilibria(g)
        sol = gt.nash(g)
        assert sol.complete == (not res.unresolved) and len(sol) == len(res.equilibria) > 0
        ours = [[[float(sp.N(x, 30)) for x in v] for v in e] for e in res.equilibria]
        assert len({tuple(np.round(np.concatenate(o), 9)) for o in ours}) == len(ours)
        unresolved = {u.supports for u in res.unresolved}
        game, theirs = _gambit_equilibria(arrays)
        for eq in sol:
            assert_equilibrium(g, eq)
        # every equilibrium Gambit finds is ours, or lies in a support we flagged
        for e in theirs:
            assert any(_close(e, o, 1e-4) for o in ours) or _support(e) in unresolved, e
        # ours that Gambit misses pass Gambit's own regret computation
        for o, exact in zip(ours, res.equilibria, strict=True):
            if not any(_close(e, o, 1e-6) for e in theirs):
                missed_by_gambit += 1
                assert _gambit_regret(game, exact) < 1e-9
    if shape == (2, 2, 3) and values == range(-100, 101):
        assert missed_by_gambit > 0  # enumpoly 16.7 misses some isolated equilibria here


def test_gambit_misses_the_cos20_equilibrium_that_its_own_regret_accepts() -> None:
    g = cos20_game()
    arrays = [g.payoff_array(k).astype(int) for k in range(4)]
    game, theirs = _gambit_equilibria(arrays)
    sol = gt.nash(g)
    assert len(theirs) == 2 and len(sol) == 3
    eq = next(e for e in sol if any(x.has(sp.CRootOf) for x in first_probabilities(e)))
    vecs = [list(s.values()) for s in eq.strategies.values()]
    assert _gambit_regret(game, vecs) < 1e-12


# -- metamorphic ----------------------------------------------------------------------------


def test_permuting_players_and_rescaling_payoffs_permutes_the_equilibria() -> None:
    g = mckelvey_mclennan_game()
    base = {first_probabilities(eq) for eq in gt.nash(g)}
    order = (2, 0, 1)
    arrays = [g.payoff_array(k) for k in range(3)]
    moved = [np.transpose(arrays[k], order) * (k + 2) + 7 * k for k in order]
    h = table_game([np.vectorize(int)(a) for a in moved])
    permuted = {tuple(p[k] for k in order) for p in base}
    assert {first_probabilities(eq) for eq in gt.nash(h)} == permuted


# -- degenerate games, budgets, symbolic payoffs, trees -------------------------------------


def test_a_continuum_is_flagged_not_dropped() -> None:
    # player 3 is paid nothing: every mix of P3 supports the (P1, P2) coordination outcomes
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for idx in itertools.product(range(2), repeat=3):
        arrays[0][idx] = arrays[1][idx] = int(idx[0] == idx[1]) * (1 + idx[2])
    g = table_game(arrays)
    sol = gt.nash(g)
    assert not sol.complete and sol.degenerate
    assert any("continuum" in why and "P3: a0, a1" in why for why in sol.incomplete)
    assert all(isinstance(d, gt.Limit) and d.kind == "supports" for d in sol.diagnostics)
    assert any(0 < eq.strategies["P3"]["a0"] < 1 for eq in sol)  # a point of the continuum
    for eq in sol:
        assert_equilibrium(g, eq)


def test_budget_raises_with_the_equilibria_found_so_far() -> None:
    g = table_game([np.random.default_rng(5).integers(-9, 10, size=(3, 3, 2)) for _ in range(3)])
    with pytest.raises(gt.BudgetExceededError) as err:
        gt.nash(g, budget=1e-9)
    assert "support profiles examined" in str(err.value)
    partial = err.value.partial
    assert isinstance(partial, gt.Solution) and not partial.complete


def test_symbolic_three_player_games_get_their_mixed_equilibria_too() -> None:
    # before session 7: the pure equilibria only, complete=False ("symbolic" in incomplete);
    # tests/test_nash_n_player_symbolic.py checks the symbolic kernel itself
    c = sp.Symbol("c", positive=True)
    sol = gt.nash(coordination_game(c))
    assert sol.complete and len(sol) == 3
    assert {eq.kind for eq in sol} == {"pure", "mixed"}
    assert len(sol.at(c=1)) == 3


def test_three_player_tree_is_solved_on_its_reduced_normal_form() -> None:
    # Selten's horse (Selten 1975, "Reexamination of the perfectness concept", Fig. 1)
    leaf = gt.Outcome
    tree = gt.Decision(
        "A",
        {
            "C": gt.Decision(
                "B",
                {
                    "c": leaf(A=1, B=1, C=1),
                    "d": gt.Decision(
                        "C",
                        {
                            "L": leaf(A=4, B=4, C=0),
                            "R": leaf(A=1, B=1, C=1),
                        },
                        infoset="h3",
                    ),
                },
            ),
            "D": gt.Decision(
                "C",
                {"L": leaf(A=3, B=2, C=2), "R": leaf(A=0, B=0, C=0)},
                infoset="h3",
            ),
        },
    )
    game = gt.ExtensiveGame(tree)
    sol = gt.nash(game)
    pure = {tuple(max(s, key=s.__getitem__) for s in eq.strategies.values()) for eq in sol}
    assert {("C", "c", "R"), ("C", "d", "R"), ("D", "c", "L")} <= pure
    # two components: B mixes freely when A plays C and C plays R; B plays c with probability
    # at least 1/3 when A plays D and C plays L (Selten 1975)
    assert not sol.complete and sol.degenerate
    assert "(A: C; B: c, d; C: R)" in sol.incomplete[0]
    assert "(A: D; B: c, d; C: L)" in sol.incomplete[0]
    for eq in sol:
        assert_equilibrium(game.to_normal_form(), eq)


def test_bezout_bounds_are_mckelvey_mclennans_maximal_counts() -> None:
    # McKelvey & McLennan (1997): at most 2 totally mixed equilibria in 2x2x2 games, 9 with four
    # players and 44 with five (two actions each; the derangement numbers), 10 in 3x3x3 games
    from gametheory.solvers.n_player import _bezout

    assert [_bezout((1,) * n) for n in (3, 4, 5)] == [2, 9, 44]
    assert _bezout((2, 2, 2)) == 10


def test_systems_beyond_the_size_limit_are_named_and_solved_numerically(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gametheory.solvers._certified as certified
    import gametheory.solvers.n_player as n_player

    monkeypatch.setattr(n_player, "MAX_SOLUTIONS", 1)
    g = jordan_game()
    sol = gt.nash(g)
    assert not sol.complete and len(sol) == 1  # the certified numeric equilibrium
    assert "(P1: a0, a1; P2: a0, a1; P3: a0, a1)" in sol.incomplete[0]
    assert "up to 2 solutions" in sol.incomplete[0] and "not proved" in sol.incomplete[0]
    assert any("certified numeric" in note for note in sol.notes)
    assert all(abs(float(v) - 0.5) < 1e-25 for s in sol[0].strategies.values() for v in s.values())
    assert_equilibrium(g, sol[0])
    monkeypatch.setattr(certified, "NUMERIC_FALLBACK", False)
    sol = gt.nash(g)
    assert not sol.complete and len(sol) == 0
    assert "searched numerically" not in sol.incomplete[0]


@settings(max_examples=15)
@given(
    st.one_of(
        gst.normal_form_games(gst.rational_payoffs(), n_players=3, max_actions=2),
        gst.degenerate_games(n_players=3, max_actions=2),
    ),
    st.integers(1, 3),
    st.integers(-5, 5),
)
def test_every_equilibrium_passes_and_shift_scale_leaves_the_set_unchanged(
    g: gt.NormalFormGame, scale: int, shift: int
) -> None:
    sol = gt.nash(g)
    assert len(sol) > 0 and (sol.complete or sol.incomplete)
    for eq in sol:
        assert_equilibrium(g, eq)
    first = g.players[0]
    moved = gt.NormalFormGame(
        players={p: list(g.actions[p]) for p in g.players},
        payoffs={
            prof: (row[0] * scale + shift, *row[1:])
            for prof, row in zip(g.profiles(), g.table, strict=True)
        },
    )
    again = gt.nash(moved)
    assert again.complete == sol.complete
    if not sol.degenerate:  # a continuum's listed point is any witness: compare the rest
        assert {eq.key() for eq in again} == {eq.key() for eq in sol}, first


def _slow_solutions(system: object) -> list:
    time.sleep(30)
    return []


def test_budget_stops_a_single_long_system(monkeypatch: pytest.MonkeyPatch) -> None:
    # one support system that never finishes (as a Groebner basis can): the budget still holds
    import gametheory.solvers.n_player as n_player

    monkeypatch.setattr(n_player, "_solutions", _slow_solutions)
    monkeypatch.setattr(n_player, "CHILD_FROM", 1)  # Jordan's full support: bound 2
    start = time.monotonic()
    with pytest.raises(gt.BudgetExceededError, match="stopped while solving") as err:
        gt.nash(jordan_game(), budget=1.0)
    assert time.monotonic() - start < 15  # generous under load; it stops at about 1 s
    assert isinstance(err.value.partial, gt.Solution) and not err.value.partial.complete


def test_run_until_returns_results_and_raises_errors_of_the_child() -> None:
    from gametheory.solvers._deadline import DeadlinePassed, run_until

    assert run_until(10, sum, [1, 2, 3]) == 6
    with pytest.raises(ZeroDivisionError):
        run_until(10, divmod, 1, 0)
    with pytest.raises(DeadlinePassed):
        run_until(0.2, time.sleep, 30)

"""gt.nash: literature fixtures, certificates, symbolic-vs-numeric, metamorphic and differential
properties."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.testing import assert_equilibrium
from gametheory.testing import strategies as gst

from .fixtures import BIMATRIX_FIXTURES, as_key, crisis_game, eq_set

c, a = sp.symbols("c a", positive=True)


@pytest.mark.parametrize(("A", "B", "expected", "degenerate"), BIMATRIX_FIXTURES)
def test_literature_fixtures(A: list, B: list, expected: list, degenerate: bool) -> None:
    game = gt.NormalFormGame.from_matrices(A, B)
    sol = gt.nash(game)
    assert eq_set(sol) == {as_key(x, y) for x, y in expected}
    assert sol.degenerate is degenerate
    for eq in sol:
        assert_equilibrium(game, eq)
        assert eq.conditions is sp.true and eq.witness == {}


crisis = crisis_game


def test_symbolic_chicken_closed_form() -> None:
    space = gt.ParameterSpace({c: (0, 10), a: (0, 10)}, constraints=[c > a])
    sol = gt.nash(crisis(), space=space)
    kinds = sorted(eq.kind for eq in sol)
    assert kinds == ["mixed", "pure", "pure"]
    mixed = next(eq for eq in sol if eq.kind == "mixed")
    q = 1 / (1 + c - a)
    assert sp.simplify(mixed.strategies["US"]["escalate"] - q) == 0
    assert sp.simplify(mixed.outcomes["war"] - q**2) == 0
    assert sp.simplify(mixed.payoffs["US"] + a * q) == 0
    for eq in sol:
        assert eq.conditions is sp.true  # implied by c > a
        assert eq.witness is not None and space.contains(eq.witness)
    assert mixed.at(c=10, a=1).outcomes["war"] == sp.Rational(1, 100)


def test_symbolic_regions_without_constraint() -> None:
    sol = gt.nash(crisis(), space=gt.ParameterSpace({c: (0, 10), a: (0, 10)}))
    war = [eq for eq in sol if eq.kind == "pure" and eq.outcomes["war"] == 1]
    assert len(war) == 1 and war[0].holds_at(c=1, a=2) and not war[0].holds_at(c=2, a=1)
    at_boundary = sol.at(c=2, a=2)
    assert len(at_boundary) == 3 and at_boundary.degenerate
    assert len(sol.at(c=1, a=2)) == 1
    assert len(sol.at(c=2, a=1)) == 3


def test_every_symbolic_equilibrium_passes_the_certificate_inside_its_region() -> None:
    space = gt.ParameterSpace({c: (0, 10), a: (0, 10)})
    game = crisis()
    for eq in gt.nash(game, space=space):
        assert eq.witness is not None
        assert_equilibrium(game, eq, at=eq.witness)
        for pt in space.sample_points(20, np.random.default_rng(3)):
            if eq.holds_at(pt):
                assert_equilibrium(game, eq, at=pt)


@st.composite
def symbolic_game_and_point(draw: st.DrawFn) -> tuple[gt.NormalFormGame, gt.ParameterSpace, dict]:
    x, y = sp.symbols("x y", real=True)
    space = gt.ParameterSpace({x: (-3, 3), y: (-3, 3)})
    game = draw(
        gst.normal_form_games(gst.symbolic_payoffs([x, y], 2), min_actions=2, max_actions=3)
    )
    point = draw(gst.points(space, max_denominator=4))
    return game, space, point


@pytest.mark.slow
@settings(max_examples=25)
@given(symbolic_game_and_point())
def test_symbolic_solution_at_a_point_equals_exact_numeric_solution(case: tuple) -> None:
    game, space, point = case
    sol = gt.nash(game, space=space)
    here = sol.at(point)
    numeric = gt.nash(game.at({s: v for s, v in point.items() if s in game.parameters}))
    assert eq_set(here) == eq_set(numeric)
    for eq in here:
        assert_equilibrium(game, eq, at=point)


@settings(max_examples=40)
@given(gst.normal_form_games(max_actions=4), st.integers(-5, 5), st.integers(1, 4), st.data())
def test_payoff_shift_scale_and_relabelling_leave_equilibria_unchanged(
    game: gt.NormalFormGame, shift: int, scale: int, data: st.DataObject
) -> None:
    base = eq_set(gt.nash(game))
    player = data.draw(st.sampled_from(game.players))
    k = game.players.index(player)

    def affine(row: tuple) -> tuple:
        return tuple(v * scale + shift if j == k else v for j, v in enumerate(row))

    moved = gt.NormalFormGame(
        {p: game.actions[p] for p in game.players},
        {prof: affine(row) for prof, row in zip(game.profiles(), game.table, strict=True)},
    )
    assert eq_set(gt.nash(moved)) == base
    order = data.draw(st.permutations(game.actions[player]))
    perm = game.permute({player: order})
    renamed = {
        tuple(tuple(eq.strategies[p][act] for act in game.actions[p]) for p in game.players)
        for eq in gt.nash(perm)
    }
    assert renamed == base


def _nashpy_set(A: np.ndarray, B: np.ndarray) -> set:
    import nashpy

    out = set()
    for x, y in nashpy.Game(A, B).support_enumeration():
        out.add((tuple(np.round(x, 6)), tuple(np.round(y, 6))))
    return out


@settings(max_examples=30)
@given(gst.normal_form_games(st.integers(-50, 50), min_actions=2, max_actions=4))
def test_agrees_with_nashpy_on_nondegenerate_games(game: gt.NormalFormGame) -> None:
    sol = gt.nash(game)
    if sol.degenerate or _has_ties(game):
        return
    A = game.payoff_array(0).astype(float)
    B = game.payoff_array(1).astype(float)
    ours = {
        (tuple(np.round([float(v) for v in x], 6)), tuple(np.round([float(v) for v in y], 6)))
        for x, y in eq_set(sol)
    }
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = _nashpy_set(A, B)
    # nashpy's equality checks have no tolerance and can miss equilibria; never the reverse
    assert theirs <= ours


def _has_ties(game: gt.NormalFormGame) -> bool:
    for k in range(2):
        arr = game.payoff_array(k)
        lines = arr.T if k == 1 else arr
        for line in lines.T:
            if len(set(line)) < len(line):
                return True
    return False


@settings(max_examples=40)
@given(st.one_of(gst.normal_form_games(max_actions=4), gst.degenerate_games(max_actions=4)))
def test_agrees_with_pygambit_rational_enummixed(game: gt.NormalFormGame) -> None:
    gbt = pytest.importorskip("pygambit")
    A = game.payoff_array(0).astype(int)
    B = game.payoff_array(1).astype(int)
    g = gbt.Game.from_arrays(A, B)
    res = gbt.nash.enummixed_solve(g, rational=True)
    theirs = {
        tuple(tuple(sp.Rational(str(eq[s])) for s in pl.strategies) for pl in g.players)
        for eq in res.equilibria
    }
    assert eq_set(gt.nash(game)) == theirs


def test_three_player_games_get_their_mixed_equilibria_too() -> None:
    # everyone is paid 1 when all three match: two pure equilibria (all 0, all 1) and the
    # symmetric mixed one, where q r = (1 - q)(1 - r) for each player makes q = r = 1/2
    # (before issue 15 only the pure ones were listed, with complete=False)
    arr = np.zeros((2, 2, 2), dtype=int)
    for idx in itertools.product(range(2), repeat=3):
        arr[idx] = int(len(set(idx)) == 1)
    g = gt.NormalFormGame.from_matrices(arr, arr, arr)
    sol = gt.nash(g)
    assert len(sol) == 3 and sol.complete
    half = sp.Rational(1, 2)
    assert [eq.kind for eq in sol].count("mixed") == 1
    mixed = next(eq for eq in sol if eq.kind == "mixed")
    assert all(v == half for s in mixed.strategies.values() for v in s.values())
    for eq in sol:
        assert_equilibrium(g, eq)


def test_float_games_use_a_tolerance() -> None:
    g = gt.NormalFormGame.from_matrices([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    sol = gt.nash(g)
    assert len(sol) == 3 and "floating point" in sol.method
    for eq in sol:
        assert_equilibrium(g, eq, tol=1e-9)


def test_solve_dispatches_to_nash() -> None:
    g = crisis()
    assert eq_set(gt.solve(g)) == eq_set(gt.nash(g))


def test_errors() -> None:
    with pytest.raises(gt.MissingParameterError, match="a"):
        gt.nash(crisis(), space=gt.ParameterSpace({c: (0, 1)}))
    with pytest.raises(gt.UnsupportedGameError, match="int"):
        gt.nash(3)
    with pytest.raises(gt.GameError, match="tol"):
        gt.nash(crisis(), tol=-1)
    sol = gt.nash(crisis(), space=gt.ParameterSpace({c: (0, 10), a: (0, 10)}))
    with pytest.raises(gt.UnknownParameterError):
        sol.at(c=1, a=1, z=2)
    with pytest.raises(gt.MissingParameterError):
        sol.at(c=1)
    with pytest.raises(gt.OutsideSpaceError):
        sol.at(c=11, a=1)


def test_equilibrium_on_a_line_where_the_equal_support_system_is_singular() -> None:
    # Found by the symbolic-vs-numeric search: on x + y + 1 = 0 rows 2 and 3 tie in column 1, the
    # equal-support system (rows 2-3, columns 1-2) is singular, and the equilibrium with Row mixing
    # rows 2-3 against column 2 must come from an unequal-support pair.
    x, y = sp.symbols("x y", real=True)
    space = gt.ParameterSpace({x: (-3, 3), y: (-3, 3)})
    A = [[-2 * x + y, x + 1], [-2 * x + y + 1, x + 2], [-x + 2 * y + 2, x + 2]]
    B = [
        [-x + 2 * y - 2, -x + 2 * y - 1],
        [x + 2 * y - 2, 2 * x],
        [x + 2 * y - 2, -2 * x + 2 * y - 2],
    ]
    game = gt.NormalFormGame.from_matrices(A, B)
    point = {x: sp.Rational(-11, 4), y: sp.Rational(7, 4)}
    here = gt.nash(game, space=space).at(point)
    assert eq_set(here) == eq_set(gt.nash(game.at(point)))
    assert len(here) == 4

"""``gt.minmax`` and ``gt.folk_region``: literature values, independent checks, polygon properties.

Independent of the solver: the punishment is re-evaluated by direct expectation, values are
compared with scipy's floating-point LP, with the exact Nash equilibria of the zero-sum game
(vertex enumeration, another algorithm) and with the pure minmax; polygons with scipy's convex
hull.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.testing import strategies as gst

scipy_optimize = pytest.importorskip("scipy.optimize")
scipy_spatial = pytest.importorskip("scipy.spatial")


# -- helpers independent of the solver ---------------------------------------------------------
def punishment_value(game: gt.NormalFormGame, player: str, punisher: dict) -> Fraction:
    """The player's best-reply payoff against the opponents' independent mixtures, by direct
    expectation over the pure profiles."""
    k = game.players.index(player)
    best = None
    for own in game.actions[player]:
        total = Fraction(0)
        for prof in game.profiles():
            if prof[k] != own:
                continue
            w = Fraction(1)
            for q, a in enumerate(prof):
                if q != k:
                    w *= Fraction(str(punisher[game.players[q]][a]))
            total += w * Fraction(str(game.payoff(prof)[player]))
        best = total if best is None else max(best, total)
    assert best is not None
    return best


def own_matrix(game: gt.NormalFormGame, player: str) -> np.ndarray:
    """Two players: the player's payoffs, its own actions as rows, as floats."""
    k = game.players.index(player)
    m = np.array(game.payoff_array(k), dtype=float)
    return m if k == 0 else m.T


def linprog_minmax(matrix: np.ndarray) -> float:
    """min_y max_i (M y)_i by scipy's LP, in floats."""
    m, n = matrix.shape
    res = scipy_optimize.linprog(
        np.r_[np.zeros(n), 1.0],
        A_ub=np.c_[matrix, -np.ones(m)],
        b_ub=np.zeros(m),
        A_eq=np.r_[np.ones(n), 0.0][None],
        b_eq=[1.0],
        bounds=[(0, None)] * n + [(None, None)],
    )
    assert res.success
    return float(res.fun)


def pure_minmax(game: gt.NormalFormGame, player: str) -> Fraction:
    k = game.players.index(player)
    others = [q for q in range(len(game.players)) if q != k]
    worst = None
    for opp in itertools.product(*(game.actions[game.players[q]] for q in others)):
        best = None
        for own in game.actions[player]:
            prof = list(opp)
            prof.insert(k, own)
            v = Fraction(str(game.payoff(tuple(prof))[player]))
            best = v if best is None else max(best, v)
        worst = best if worst is None else min(worst, best)
    assert worst is not None
    return worst


def bimatrix(a: list[list[object]], b: list[list[object]], **kw: object) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(a, b, **kw)


# -- literature fixtures -------------------------------------------------------------------------
def test_prisoners_dilemma_minmax_is_mutual_defection() -> None:
    """Osborne (2004), *An Introduction to Game Theory*, ch. 14 (repeated Prisoner's Dilemma,
    payoffs 2/0/3/1): each player can be held to its mutual-punishment payoff P = 1, by the
    other defecting; no mixture does better, since D is dominant."""
    pd = bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]], actions=[["C", "D"], ["C", "D"]])
    r = gt.minmax(pd)
    assert r == {"Row": 1, "Col": 1}
    assert r.punishers["Row"] == {"Col": {"C": 0, "D": 1}}
    assert r.punishers["Col"] == {"Row": {"C": 0, "D": 1}}
    assert r.complete and all(r.exact.values())


def test_matching_pennies_minmax_is_zero() -> None:
    """Osborne (2004), ch. 4, Matching Pennies: the value of this zero-sum game is 0 for each
    player, and the only punishment that holds a player there is the half-half mixture."""
    mp = bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    r = gt.minmax(mp)
    assert dict(r) == {"Row": 0, "Col": 0}
    assert r.punishers["Row"]["Col"] == {"s1": sp.Rational(1, 2), "s2": sp.Rational(1, 2)}
    assert r.pure == {"Row": 1, "Col": 1}


def test_rock_paper_scissors_uniform_punishment() -> None:
    """Rock-paper-scissors (von Neumann & Morgenstern 1944; any textbook): value 0, and the
    uniform mixture is the unique optimal strategy."""
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    r = gt.minmax(bimatrix(a, [[-v for v in row] for row in a]))
    third = sp.Rational(1, 3)
    assert r["Row"] == 0 and r["Col"] == 0
    assert set(r.punishers["Row"]["Col"].values()) == {third}


def test_two_by_two_zero_sum_formula() -> None:
    """A 2x2 zero-sum game without a saddle point has value (ad - bc)/(a + d - b - c)
    (e.g. Owen 1995, *Game Theory*, section II.3): here (8 - 9)/(2 + 4 + 3 + 3) = -1/12."""
    a = [[2, -3], [-3, 4]]
    r = gt.minmax(bimatrix(a, [[-v for v in row] for row in a]))
    assert r["Row"] == sp.Rational(-1, 12)
    assert r["Col"] == sp.Rational(1, 12)


def test_mixed_punishment_below_pure_minmax() -> None:
    """After Fudenberg & Tirole (1991), *Game Theory*, section 5.1.2, where a game of this kind
    shows that the minmax value in mixed strategies can lie strictly below the pure one.

    Row's payoffs (U: -2, 1; M: 1, -2; D: 0, 0): against either pure column Row gets 1, but
    against L and R half-half U and M give -1/2 and D gives 0, so Row's minmax is 0 < 1.
    Col's payoffs (U: 2, -2; M: -2, 2; D: 1, 1): Row mixing U and M half-half holds Col to 0,
    while every pure row leaves Col at least 1 (and that mixture is the only one holding Col to 0:
    max(2p - 2q + r, 2q - 2p + r) = 0 forces r = 0, p = q)."""
    g = bimatrix(
        [[-2, 1], [1, -2], [0, 0]],
        [[2, -2], [-2, 2], [1, 1]],
        actions=[["U", "M", "D"], ["L", "R"]],
    )
    r = gt.minmax(g)
    assert r == {"Row": 0, "Col": 0}
    assert r.pure == {"Row": 1, "Col": 1}
    half = sp.Rational(1, 2)
    # Row is held to 0 by any mixture of L in [1/3, 2/3]; Col only by U and M half-half
    assert Fraction(1, 3) <= Fraction(str(r.punishers["Row"]["Col"]["L"])) <= Fraction(2, 3)
    assert r.punishers["Col"] == {"Row": {"U": half, "M": half, "D": 0}}
    for p in g.players:
        assert punishment_value(g, p, r.punishers[p]) == r[p]


# -- differential tests on seeded random games ------------------------------------------------
@pytest.mark.parametrize("seed", range(25))
def test_random_bimatrix_against_linprog_nash_and_pure(seed: int) -> None:
    """Random integer bimatrix games: the exact value equals scipy's LP within 1e-9, equals the
    value of the zero-sum game solved by gt.nash (vertex enumeration, exact), is at most the
    pure minmax, and the reported punishment attains it exactly."""
    rng = np.random.default_rng(seed)
    m, n = (int(x) for x in rng.integers(1, 6, size=2))
    a = rng.integers(-9, 10, size=(m, n)).tolist()
    b = rng.integers(-9, 10, size=(m, n)).tolist()
    g = bimatrix(a, b)
    r = gt.minmax(g)
    for k, player in enumerate(g.players):
        value = r[player]
        assert value.is_Rational
        assert abs(float(value) - linprog_minmax(own_matrix(g, player))) < 1e-9
        assert punishment_value(g, player, r.punishers[player]) == value
        assert value <= pure_minmax(g, player) == r.pure[player]
        own = g.payoff_array(k) if k == 0 else g.payoff_array(k).T
        zero_sum = gt.NormalFormGame.from_matrices(own, -own)
        for eq in gt.nash(zero_sum):
            assert eq.payoffs["Row"] == value


@given(gst.normal_form_games(gst.rational_payoffs(), max_actions=3), st.integers(-5, 5))
def test_shift_and_relabel_invariance(game: gt.NormalFormGame, shift: int) -> None:
    """Metamorphic: adding a constant to a player's payoffs adds it to its minmax and leaves the
    other's unchanged; listing actions in another order changes nothing."""
    r = gt.minmax(game)
    shifted = gt.NormalFormGame(
        {p: game.actions[p] for p in game.players},
        {
            prof: (row[0] + shift, row[1])
            for prof, row in zip(game.profiles(), game.table, strict=True)
        },
    )
    s = gt.minmax(shifted)
    assert s["Row"] == r["Row"] + shift and s["Col"] == r["Col"]
    reordered = game.permute({p: list(reversed(game.actions[p])) for p in game.players})
    assert gt.minmax(reordered) == dict(r)


# -- three or more players -----------------------------------------------------------------------
def coordination_punishment_game() -> gt.NormalFormGame:
    """P3 earns 1 with L if P1, P2 both play a, with R if both play b, with M if they differ."""
    pay = {}
    for x, y, z in itertools.product("ab", "ab", "LMR"):
        u3 = {"L": (x, y) == ("a", "a"), "R": (x, y) == ("b", "b"), "M": x != y}[z]
        pay[(x, y, z)] = (0, 0, int(u3))
    return gt.NormalFormGame({"P1": ["a", "b"], "P2": ["a", "b"], "P3": ["L", "M", "R"]}, pay)


def test_three_players_correlated_gap_is_reported() -> None:
    """Correlation helps punish: P1, P2 can hold P3 to 1/3 by correlating (aa, bb and a
    mismatch, a third each), but independently to no less than 4/9 (at p = q = 1/3, where
    max(pq, (1-p)(1-q), p(1-q) + q(1-p)) = 4/9; a grid confirms it is the minimum).  The result
    says the value is only bracketed, and its upper bound is attained."""
    g = coordination_punishment_game()
    r = gt.minmax(g)
    assert r.lower["P3"] == sp.Rational(1, 3)
    assert r["P3"] == sp.Rational(4, 9)
    assert r.pure["P3"] == 1
    assert not r.exact["P3"] and r.exact["P1"] and r.exact["P2"]
    assert not r.complete and "P3" in r.incomplete[0]
    assert punishment_value(g, "P3", r.punishers["P3"]) == sp.Rational(4, 9)
    grid = np.linspace(0, 1, 301)
    p, q = np.meshgrid(grid, grid)
    independent = np.maximum.reduce([p * q, (1 - p) * (1 - q), p * (1 - q) + q * (1 - p)])
    assert independent.min() >= 4 / 9 - 1e-12


def test_three_players_with_a_dummy_is_exact() -> None:
    """An opponent with a single action changes nothing: the value is the two-player one, and
    exact (the correlated and independent bounds meet)."""
    a = [[-2, 1], [1, -2], [0, 0]]
    g = gt.NormalFormGame.from_matrices(
        [[[v] for v in row] for row in a],
        [[[0] for _ in row] for row in a],
        [[[0] for _ in row] for row in a],
    )
    r = gt.minmax(g)
    assert r["P1"] == 0 and r.exact["P1"]
    assert r.punishers["P1"]["P3"] == {"s1": 1}
    assert punishment_value(g, "P1", r.punishers["P1"]) == 0
    two = gt.minmax(bimatrix(a, [[0, 0]] * 3, players=("P1", "P2")))
    assert r["P1"] == two["P1"] and r["P2"] == two["P2"]


@pytest.mark.parametrize("seed", range(10))
def test_random_three_player_bounds(seed: int) -> None:
    """Random 3-player games: correlated minmax <= value <= pure minmax, the punishment
    attains the value exactly, and no sampled independent punishment beats the lower bound."""
    rng = np.random.default_rng(100 + seed)
    shape = tuple(int(x) for x in rng.integers(2, 4, size=3))
    g = gt.NormalFormGame.from_matrices(
        *(rng.integers(-5, 6, size=shape).tolist() for _ in range(3))
    )
    r = gt.minmax(g)
    for k, player in enumerate(g.players):
        assert r.lower[player] <= r[player] <= r.pure[player] == pure_minmax(g, player)
        assert punishment_value(g, player, r.punishers[player]) == r[player]
        u = np.moveaxis(np.array(g.payoff_array(k), dtype=float), k, 0)
        others = [s for q, s in enumerate(g.shape) if q != k]
        for _ in range(50):
            x, y = (rng.dirichlet(np.ones(s)) for s in others)
            best = np.einsum("aij,i,j->a", u, x, y).max()
            assert best >= float(r.lower[player]) - 1e-9


# -- symbolic payoffs --------------------------------------------------------------------------
def test_symbolic_chicken_is_piecewise() -> None:
    """Chicken with crash cost c: the opponent going straight holds a player to max(-1, -c)."""
    c = sp.Symbol("c", positive=True)
    chicken = bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    r = gt.minmax(chicken)
    for point in (sp.Rational(1, 3), 1, 5):
        assert r.at(c=point)["Row"] == max(-1, -point)
        assert sp.simplify(r["Col"].subs(c, point)) == max(-1, -point)


@pytest.mark.parametrize("seed", range(6))
def test_symbolic_equals_numeric_at_points(seed: int) -> None:
    """A symbolic minmax evaluated at rational points equals the numeric minmax of the game
    there (computed by the exact simplex, another algorithm than symbolic support enumeration),
    and the symbolic punishment attains it."""
    a_, b_ = sp.symbols("a b", positive=True)
    rng = np.random.default_rng(200 + seed)
    base = rng.integers(-4, 5, size=(3, 2)).tolist()
    other = rng.integers(-4, 5, size=(3, 2)).tolist()
    base[0][1] = -a_ + int(rng.integers(-2, 3))
    base[1][0] = b_
    other[2][1] = a_ - b_
    g = bimatrix(base, other)
    r = gt.minmax(g)
    for _ in range(5):
        point = {
            "a": sp.Rational(int(rng.integers(1, 30)), int(rng.integers(1, 6))),
            "b": sp.Rational(int(rng.integers(1, 30)), int(rng.integers(1, 6))),
        }
        here = r.at(**point)
        numeric = gt.minmax(g.at(**point))
        assert dict(here) == dict(numeric)
        for p in g.players:
            assert punishment_value(g.at(**point), p, here.punishers[p]) == numeric[p]


# -- the folk-theorem region -------------------------------------------------------------------
def test_prisoners_dilemma_region() -> None:
    """Osborne (2004), ch. 14: in the Prisoner's Dilemma (2/0/3/1) the feasible set is the hull
    of (0,3), (1,1), (3,0), (2,2); cut at u >= (1, 1), by hand: the edge (2,2)-(0,3) meets u_1 = 1
    at (1, 5/2), the edge (3,0)-(2,2) meets u_2 = 1 at (5/2, 1).  Area: two triangles of base 3/2
    and height 1, 3/2 in all."""
    pd = bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]])
    region = gt.folk_region(pd)
    half = Fraction(1, 2)
    assert region.vertices == ((1, 1), (2 + half, 1), (2, 2), (1, 2 + half))
    assert region.area == Fraction(3, 2)
    assert region.minmax == (1, 1)
    assert region.feasible == ((0, 3), (1, 1), (3, 0), (2, 2))
    assert region.contains((2, 2)) and region.contains((1, 1))
    assert not region.contains((3, 0)) and not region.contains((half, 2))


def test_zero_sum_region_is_one_point_and_strict_is_empty() -> None:
    """In a zero-sum game the only individually rational feasible payoff is (v, -v); strictly
    individually rational payoffs do not exist (matching pennies: v = 0)."""
    mp = bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    weak = gt.folk_region(mp)
    assert weak.vertices == ((0, 0),) and weak.area == 0 and weak.contains((0, 0))
    strict = gt.folk_region(mp, strict=True)
    assert strict.is_empty and not strict.contains((0, 0))


def test_strict_region_leaves_out_the_lines() -> None:
    pd = bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]])
    strict = gt.folk_region(pd, strict=True)
    assert strict.vertices == gt.folk_region(pd).vertices
    assert not strict.contains((1, Fraction(3, 2))) and strict.contains(
        (Fraction(3, 2), Fraction(3, 2))
    )


@pytest.mark.parametrize("seed", range(20))
def test_region_properties_on_random_games(seed: int) -> None:
    """Random games: the region is convex and counter-clockwise, its vertices are individually
    rational and feasible, it holds every Nash equilibrium's payoffs (found by gt.nash), and
    membership of random points agrees with scipy's convex hull and the minmax lines."""
    rng = np.random.default_rng(300 + seed)
    m, n = (int(x) for x in rng.integers(2, 5, size=2))
    g = bimatrix(
        rng.integers(-6, 7, size=(m, n)).tolist(), rng.integers(-6, 7, size=(m, n)).tolist()
    )
    region = gt.folk_region(g)
    mm = gt.minmax(g)
    v = region.vertices
    assert v, (
        "a two-player game always has an individually rational feasible payoff (its Nash ones)"
    )
    assert region.minmax == (mm["Row"], mm["Col"])
    for x, y in v:
        assert x >= mm["Row"] and y >= mm["Col"]
    if len(v) >= 3:
        for i in range(len(v)):
            o, a, b = v[i], v[(i + 1) % len(v)], v[(i + 2) % len(v)]
            assert (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]) > 0
    for eq in gt.nash(g):
        point = (eq.payoffs["Row"], eq.payoffs["Col"])
        assert region.contains(point), (point, region)
    pts = np.array([[float(x) for x in row] for row in g.table])
    try:
        hull = scipy_spatial.ConvexHull(pts)
    except Exception:  # degenerate (collinear) payoff vectors: nothing to compare with
        return
    lo = np.array([float(mm["Row"]), float(mm["Col"])])
    for q in rng.uniform(pts.min(0) - 1, pts.max(0) + 1, size=(200, 2)):
        margins = hull.equations[:, :2] @ q + hull.equations[:, 2]
        if np.abs(margins).min() < 1e-7 or np.abs(q - lo).min() < 1e-7:
            continue  # too near a boundary for a float check
        expected = bool((margins < 0).all() and (q >= lo).all())
        assert region.contains((Fraction(q[0]), Fraction(q[1]))) == expected
    assert region.area <= Fraction(hull.volume).limit_denominator(10**9) + Fraction(1, 10**6)


def test_region_plot_draws() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    pd = bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]])
    ax = gt.folk_region(pd).plot()
    try:
        assert ax.get_xlabel() == "payoff of Row"
        labels = ax.get_legend_handles_labels()[1]
        assert "individually rational" in labels and "minmax of Col" in labels
    finally:
        plt.close(ax.figure)


# -- bad input -----------------------------------------------------------------------------------
def test_bad_inputs_raise_game_errors_naming_them() -> None:
    with pytest.raises(gt.UnsupportedGameError, match="NormalFormGame, got str"):
        gt.minmax("prisoners dilemma")
    tree = gt.ExtensiveGame(
        gt.Decision("A", {"x": gt.Outcome(A=1, B=0), "y": gt.Outcome(A=0, B=1)})
    )
    with pytest.raises(gt.UnsupportedGameError, match="to_normal_form"):
        gt.minmax(tree)
    solo = gt.NormalFormGame({"Alone": ["x", "y"]}, {("x",): (1,), ("y",): (2,)})
    with pytest.raises(gt.InvalidPlayerError, match="Alone"):
        gt.minmax(solo)
    with pytest.raises(gt.InvalidPlayerError, match="Alone"):
        gt.folk_region(solo)
    c = sp.Symbol("c", positive=True)
    three = gt.NormalFormGame.from_matrices(*([[[c, 0], [0, 1]], [[1, 0], [0, 1]]],) * 3)
    with pytest.raises(gt.UnsupportedGameError, match="has 3"):
        gt.minmax(three)
    chicken = bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    with pytest.raises(gt.UnsupportedGameError, match="parameters c"):
        gt.folk_region(chicken)
    irrational = bimatrix([[sp.sqrt(2), 0], [0, 1]], [[0, 1], [1, 0]])
    with pytest.raises(
        gt.UnsupportedGameError, match=r"sqrt\(2\) of Row at profile \('s1', 's1'\)"
    ):
        gt.minmax(irrational)
    pd = bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]])
    with pytest.raises(gt.InvalidPlayerError, match="Nobody"):
        gt.minmax(pd)["Nobody"]
    with pytest.raises(gt.GameError, match="pair"):
        gt.folk_region(pd).contains((1, 2, 3))
    with pytest.raises(gt.GameError, match="ParameterSpace"):
        gt.minmax(pd, space="everywhere")  # type: ignore[arg-type]


def test_float_payoffs_are_read_as_decimals() -> None:
    g = bimatrix([[0.1, 0.3], [0.2, 0.0]], [[0, 0], [0, 0]])
    r = gt.minmax(g)
    assert r["Row"] == sp.Rational(3, 20)  # (0*0.1 - 0.3*0.2)/(0.1 + 0 - 0.3 - 0.2) = 0.06/0.4
    assert r.notes

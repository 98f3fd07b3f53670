"""gt.sweep over a game: solved afresh at each point; equals the compiled sweep of its solution;
the same frame on any executor; failures recorded; progress; errors."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cli import load_module
from gametheory.sweeps._batch import Batch
from gametheory.sweeps._bimatrix import Bimatrix
from gametheory.sweeps._plan import exact_plan
from gametheory.sweeps._pointwise import layout

from .fixtures import AFFINE_X, AFFINE_Y, affine_game

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def crisis() -> ModuleType:
    return load_module(ROOT / "models" / "crisis_chicken.py")


@pytest.fixture(scope="module")
def ladder() -> ModuleType:
    return load_module(ROOT / "models" / "escalation_ladder.py")


def _results(frame: pd.DataFrame, point: int, columns: list[str]) -> np.ndarray:
    """The distinct (payoffs, outcome probabilities, ...) rows of the equilibria at a point,
    sorted (a group of equivalent choices may be listed under another of its members by the
    symbolic and the per-point solve, so rows are compared as sets)."""
    rows = frame.loc[frame["point"] == point, columns].to_numpy(dtype=float)
    return np.unique(rows.round(12), axis=0) if len(rows) else rows


def assert_same_per_point(a: gt.SweepResult, b: gt.SweepResult, columns: list[str]) -> None:
    assert a.n_points == b.n_points
    for k in range(a.n_points):
        ra, rb = _results(a.frame, k, columns), _results(b.frame, k, columns)
        assert ra.shape == rb.shape, f"point {k}: {ra} vs {rb}"
        np.testing.assert_allclose(ra, rb, rtol=1e-9, atol=1e-9, err_msg=f"point {k}")


def assert_frames_close(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The same rows, points, equilibrium numbers and kinds; values equal to 1e-7 (the batched
    float path computes them from a float solve: about 1e-10 off where a system is
    ill-conditioned; the exact path rounds exact values)."""
    assert list(a.columns) == list(b.columns)
    assert a[["point", "equilibrium"]].equals(b[["point", "equilibrium"]])
    assert a["kind"].tolist() == b["kind"].tolist()
    num = [c for c in a.columns if c != "kind"]
    np.testing.assert_allclose(
        a[num].to_numpy(dtype=float), b[num].to_numpy(dtype=float), rtol=1e-7, atol=1e-9
    )


def _measure_columns(module: ModuleType) -> list[str]:
    eq = gt.solve(module.game, module.space)[0]
    return [*eq.payoffs, *eq.outcomes]


# -- equals the compiled sweep ----------------------------------------------------------------
@settings(max_examples=12)
@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=4, unique=True),
    st.lists(st.integers(0, 40), min_size=1, max_size=4, unique=True),
)
def test_crisis_per_point_equals_compiled(
    crisis: ModuleType, cs: list[int], as_: list[int]
) -> None:
    # quarters hit the boundary a = c, where three equilibria hold at once, often
    grid = {"c": np.array(cs) / 4, "a": np.array(as_) / 4}
    compiled = gt.sweep(gt.solve(crisis.game, crisis.space), **grid)
    pointwise = gt.sweep(crisis.game, space=crisis.space, **grid)
    assert pointwise.failures.empty
    assert list(pointwise.frame.columns) == list(compiled.frame.columns)
    assert pointwise.shape == compiled.shape
    assert_same_per_point(pointwise, compiled, _measure_columns(crisis))


def test_tree_per_point_equals_compiled(ladder: ModuleType) -> None:
    # c_B = 5 and c_A = 2.5 lie on the boundaries 2*c_B = V and ... of the ladder's regions
    grid = {"V": 10, "c_A": [0.5, 2.5, 3, 4, 9.5], "c_B": [1, 2.5, 5, 6, 9], **ladder.WAR_AT}
    compiled = gt.sweep(gt.solve(ladder.game, ladder.space), strategies=True, **grid)
    pointwise = gt.sweep(ladder.game, space=ladder.space, strategies=True, **grid)
    assert pointwise.failures.empty and len(pointwise.frame) >= 25
    assert list(pointwise.frame.columns) == list(compiled.frame.columns)
    # at the tie points the same extreme SPE, mixed end points included, strategies and all
    moves = [c for c in compiled.frame.columns if ":" in c]
    assert moves
    assert_same_per_point(pointwise, compiled, [*_measure_columns(ladder), *moves])


def test_continuous_choice_per_point_equals_compiled() -> None:
    # an ultimatum with a continuous offer x: the responder's strategy is a rule in x, not a
    # number, so it has no column; the offer has one
    x, d = sp.Symbol("x", nonnegative=True), sp.Symbol("d", positive=True)
    respond = gt.Decision(
        "R",
        {
            "accept": gt.Outcome("deal", P=1 - x, R=x),
            "reject": gt.Outcome("war", P=-d, R=sp.Rational(1, 4) - d),
        },
    )
    game = gt.ExtensiveGame(gt.ContinuousDecision("P", x, (0, 1), respond, infoset="offer"))
    space = gt.ParameterSpace({d: (0, 1)})
    grid = {"d": [0.05, 0.1, 0.25, 0.5, 1]}
    compiled = gt.sweep(gt.solve(game, space), strategies=True, **grid)
    pointwise = gt.sweep(game, space=space, strategies=True, **grid)
    assert list(pointwise.frame.columns) == list(compiled.frame.columns)
    assert "offer:x" in pointwise.frame.columns
    assert_same_per_point(pointwise, compiled, ["P", "R", "deal", "war", "offer:x"])


def test_equilibrium_ids_are_per_point(crisis: ModuleType) -> None:
    res = gt.sweep(crisis.game, space=crisis.space, c=[4, 1], a=2, strategies=True)
    # Chicken at c = 4 (three equilibria), the audience trap at c = 1 (one)
    assert res.frame.groupby("point")["equilibrium"].apply(list).tolist() == [[0, 1, 2], [0]]
    trap = res.frame[res.frame["point"] == 1].iloc[0]
    assert trap["kind"] == "pure" and trap["war"] == 1 and trap["US:escalate"] == 1


def test_default_space_measures_and_select(crisis: ModuleType) -> None:
    war = sp.Symbol("war")
    res = gt.sweep(
        crisis.game,
        c=[2, 4],
        a=1,
        measures={"risk": 100 * war, "cost": war * sp.Symbol("c"), "gap": lambda f: f["US"] - 1},
    )
    np.testing.assert_allclose(res.frame["risk"], 100 * res.frame["war"])
    np.testing.assert_allclose(res.frame["cost"], res.frame["war"] * res.frame["c"])
    np.testing.assert_allclose(res.frame["gap"], res.frame["US"] - 1)
    worst = gt.sweep(crisis.game, c=[2, 4], a=1, select="max:war").frame
    assert worst["point"].tolist() == [0, 1]
    np.testing.assert_allclose(worst["war"], [1 / 4, 1 / 16])  # 1/(1 + c - a)**2


# -- the fast path of two-player games ----------------------------------------------------------
C, A = sp.symbols("c a", positive=True)
SPACE = gt.ParameterSpace({C: (0, 4), A: (0, 4)})
_entries = st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-3, 3)).map(
    lambda k: k[0] + k[1] * C + sp.Rational(k[2], 3) * A
)


def _both_paths(game: object, **kw: Any) -> tuple[gt.SweepResult, gt.SweepResult]:
    """The sweep with the two-player fast path, and with gt.solve at every point."""
    fast = gt.sweep(game, **kw)
    with pytest.MonkeyPatch.context() as mp:  # applies() decides both fast paths
        mp.setattr("gametheory.sweeps._pointwise.applies", lambda game: False)
        general = gt.sweep(game, **kw)
    return fast, general


def test_fast_path_solves_without_falling_back(crisis: ModuleType) -> None:
    spec = tuple(layout(crisis.game).values())
    rows = Bimatrix(crisis.game, (crisis.c, crisis.a), spec).rows([Fraction(3), Fraction(1)])
    sol = gt.solve(crisis.game.at(c=3, a=1))
    assert [k for k, _ in rows] == [eq.kind for eq in sol] == ["pure", "mixed", "pure"]
    war = list(layout(crisis.game)).index("war")
    assert [r[war] for _, r in rows] == [0, 1 / 9, 0]  # q**2, q = 1/(1 + c - a)


@settings(max_examples=10)
@given(st.integers(2, 3), st.integers(2, 3), st.data())
def test_fast_path_equals_solving_each_point(m: int, n: int, data: st.DataObject) -> None:
    A_ = [[data.draw(_entries) for _ in range(n)] for _ in range(m)]
    B_ = [[data.draw(_entries) for _ in range(n)] for _ in range(m)]
    game = gt.NormalFormGame.from_matrices(A_, B_)
    assert gt.sweeps._pointwise.applies(game)
    grid = {"c": [0.5, 1, 1.5, 3], "a": [0.75, 1.5, 3]}  # thirds and halves: many ties
    fast, general = _both_paths(game, space=SPACE, strategies=True, **grid)
    assert_frames_close(fast.frame, general.frame)
    assert fast.failures.equals(general.failures)


def test_fast_path_with_chance_lotteries_and_failures() -> None:
    p = sp.Symbol("p", positive=True)
    tree = gt.Decision(
        "A",
        {
            "wait": gt.Outcome("peace", A=0, B=0),
            "strike": gt.Decision(
                "B",
                {
                    "yield": gt.Outcome("A wins", A=1, B=-1),
                    "fight": gt.Chance(
                        {
                            "win": (p, gt.Outcome("war won", A=2 - C, B=-C)),
                            "lose": (1 - p, gt.Outcome("war lost", A=-C, B=1 / (C - 1))),
                        }
                    ),
                },
            ),
        },
    )
    game = gt.ExtensiveGame(tree).to_normal_form()
    assert gt.sweeps._pointwise.applies(game)
    space = gt.ParameterSpace({C: (0, 4), p: (0, 1)})
    fast, general = _both_paths(game, space=space, c=[0.5, 1, 2, 3], p=[0.25, 0.5, 0.9])
    assert_frames_close(fast.frame, general.frame)
    assert fast.failures.equals(general.failures)
    assert fast.failures["c"].tolist() == [1, 1, 1]  # B's payoff 1/(c - 1) is undefined there
    assert {"war won", "war lost"} <= set(fast.frame.columns)
    floats = game.map_payoffs(lambda v: v * sp.Float(1.0))  # probabilities are mapped too
    assert not gt.sweeps._pointwise.applies(floats)


# -- executors ---------------------------------------------------------------------------------
def _failing_game() -> tuple[gt.NormalFormGame, gt.ParameterSpace]:
    """A payoff 1/(c - a): undefined where c = a, so evaluating the game there raises."""
    c, a = sp.symbols("c a", positive=True)
    game = gt.NormalFormGame.from_matrices([[1 / (c - a), 0], [0, 1]], [[1, 0], [0, c]])
    return game, gt.ParameterSpace({c: (0, 4), a: (0, 4)})


def test_failures_are_recorded_and_the_rest_kept() -> None:
    game, space = _failing_game()
    res = gt.sweep(game, space=space, c=[1, 2, 3], a=[1, 2])
    assert res.failures.columns.tolist() == ["c", "a", "point", "error"]
    assert res.failures[["c", "a", "point"]].to_numpy().tolist() == [[1, 1, 0], [2, 2, 3]]
    assert all(e.startswith("InvalidPayoffError: ") for e in res.failures["error"])
    assert "not finite" in res.failures["error"].iloc[0]
    assert sorted(set(res.frame["point"])) == [1, 2, 4, 5]


def test_process_pool_gives_the_same_frame(crisis: ModuleType, ladder: ModuleType) -> None:
    game, space = _failing_game()
    grid = {"c": np.linspace(0.5, 4, 15), "a": np.linspace(0.5, 4, 8)}  # c = a at 8 points
    pts = crisis.space.sample(60, np.random.default_rng(3))
    tree_grid = {"V": 10, "c_A": [1, 4, 9], "c_B": [2, 5, 8], **ladder.WAR_AT}
    with ProcessPoolExecutor(2) as ex:
        pooled = gt.sweep(game, space=space, strategies=True, executor=ex, chunk_size=7, **grid)
        crisis_pooled = gt.sweep(crisis.game, space=crisis.space, points=pts, executor=ex)
        tree_pooled = gt.sweep(ladder.game, space=ladder.space, executor=ex, **tree_grid)
    serial = gt.sweep(game, space=space, strategies=True, **grid)
    assert len(serial.failures) == 8
    assert pooled.frame.equals(serial.frame) and pooled.failures.equals(serial.failures)
    assert crisis_pooled.frame.equals(gt.sweep(crisis.game, space=crisis.space, points=pts).frame)
    tree_serial = gt.sweep(ladder.game, space=ladder.space, **tree_grid)
    assert tree_pooled.frame.equals(tree_serial.frame)


def test_threads_finishing_out_of_order_give_the_same_frame(ladder: ModuleType) -> None:
    grid = {"V": 10, "c_A": np.linspace(0.5, 9.5, 7), "c_B": [1, 5, 9], **ladder.WAR_AT}
    serial = gt.sweep(ladder.game, space=ladder.space, **grid)
    with ThreadPoolExecutor(4) as ex:
        threaded = gt.sweep(ladder.game, space=ladder.space, executor=ex, chunk_size=2, **grid)
    assert threaded.frame.equals(serial.frame)


class _Flaky(Executor):
    """Runs tasks in the caller; the second one fails (an error that is not a lost worker, so
    it is not retried: see test_sweep_faults.py for those), then the executor refuses work."""

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls += 1
        if self.calls >= 3:
            raise RuntimeError("the pool is broken")
        fut: Future[Any] = Future()
        if self.calls == 2:
            fut.set_exception(RuntimeError("worker lost"))
        else:
            fut.set_result(fn(*args, **kwargs))
        return fut


def test_failed_tasks_record_their_points_as_failed(crisis: ModuleType) -> None:
    res = gt.sweep(
        crisis.game, space=crisis.space, c=[1, 2, 3, 4, 5, 6], a=1, executor=_Flaky(), chunk_size=2
    )
    assert res.failures["point"].tolist() == [2, 3, 4, 5]
    assert (
        res.failures["error"].tolist()
        == ["RuntimeError: worker lost"] * 2 + ["RuntimeError: the pool is broken"] * 2
    )
    assert sorted(set(res.frame["point"])) == [0, 1]


def test_dask_cluster_gives_the_same_frame(crisis: ModuleType) -> None:
    distributed = pytest.importorskip("distributed")
    pts = crisis.space.sample(40, np.random.default_rng(5))
    serial = gt.sweep(crisis.game, space=crisis.space, points=pts, strategies=True)
    # one worker process on loopback: the game, the points and the work function cross a
    # process boundary as they would on a cluster; the HTTP server takes any free port
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        res = gt.sweep(
            crisis.game,
            space=crisis.space,
            points=pts,
            strategies=True,
            executor=client.get_executor(),
            chunk_size=5,
        )
    assert res.frame.equals(serial.frame) and res.failures.empty


def test_games_and_solutions_pickle(crisis: ModuleType, ladder: ModuleType) -> None:
    for obj in (
        crisis.game,
        crisis.space,
        gt.solve(crisis.game, crisis.space),
        ladder.game,
        gt.solve(ladder.game, ladder.space),
    ):
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert copy.deepcopy(obj) == obj


# -- progress ----------------------------------------------------------------------------------
def test_progress_forced_on_writes_to_stderr(
    crisis: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    gt.sweep(crisis.game, space=crisis.space, c=np.linspace(1, 10, 12), a=1, progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\rsweep [") and "12/12 points (100%)" in err and err.endswith("\n")


def test_progress_auto_and_off_stay_silent(
    crisis: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    for progress in (None, False):
        gt.sweep(crisis.game, space=crisis.space, c=[1, 2], a=1, progress=progress)
    assert capsys.readouterr().err == ""


# -- errors ------------------------------------------------------------------------------------
def test_errors_name_the_culprit(crisis: ModuleType) -> None:
    game, space = crisis.game, crisis.space
    with pytest.raises(gt.UnknownParameterError, match="unknown parameter z"):
        gt.sweep(game, space=space, c=1, a=1, z=2)
    with pytest.raises(gt.MissingParameterError, match="a"):
        gt.sweep(game, space=space, c=[1, 2])
    with pytest.raises(gt.GameError, match="values of c are empty"):
        gt.sweep(game, space=space, c=[], a=1)
    with pytest.raises(gt.OutsideSpaceError, match="2 grid points lie outside the space"):
        gt.sweep(game, space=space, c=[5, 11, 12], a=1)
    dropped = gt.sweep(game, space=space, c=[5, 11, 12], a=1, outside="drop")
    assert dropped.n_points == 3 and set(dropped.frame["point"]) == {0}
    with pytest.raises(gt.GameError, match="names peace"):
        gt.sweep(game, space=space, c=1, a=1, measures={"x": sp.Symbol("peace")})
    with pytest.raises(gt.GameError, match="unknown column 'peace'"):
        gt.sweep(game, space=space, c=1, a=1, select="max:peace")
    with pytest.raises(gt.GameError, match="measure 'x' must be a sympy expression"):
        gt.sweep(game, space=space, c=1, a=1, measures={"x": 3})
    with pytest.raises(gt.MissingParameterError, match="c are not in the space"):
        gt.sweep(game, space=gt.ParameterSpace({crisis.a: (0, 1)}), c=1, a=1)
    with pytest.raises(gt.GameError, match=r"executor must be a concurrent\.futures\.Executor"):
        gt.sweep(game, space=space, c=1, a=1, executor="dask")  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="chunk_size must be a positive integer"):
        gt.sweep(game, space=space, c=1, a=1, chunk_size=0)
    sol = gt.solve(game, space)
    with (
        ThreadPoolExecutor(1) as ex,
        pytest.raises(gt.GameError, match="executor= is for per-point sweeps of a game"),
    ):
        gt.sweep(sol, c=1, a=1, executor=ex)
    with pytest.raises(gt.UnsupportedGameError, match=r"needs a Solution .* or a game"):
        gt.sweep("crisis", c=1, a=1)


# -- the batched float path: exact where it decides, deferring the rest -------------------------
X, Y = AFFINE_X, AFFINE_Y
# ties on the grid: small integer coefficients, and thirds, halves and wholes as values
TIE_GRID = np.array([0.5, 1, 1.5, 2, 3])


def _random_game(seed: int, m: int, n: int) -> gt.NormalFormGame:
    return affine_game(seed, m, n)


def _exact_rows(game: gt.NormalFormGame, point: dict[sp.Symbol, Any]) -> list[tuple[str, list]]:
    """Each equilibrium of the exact solve at the point: its kind, payoffs and strategies."""
    sol = gt.nash(game.at({s: float(v) for s, v in point.items()}))  # read as the sweep does
    return [
        (
            eq.kind,
            [float(eq.payoffs[p]) for p in game.players]
            + [float(eq.strategies[p][a]) for p in game.players for a in game.actions[p]],
        )
        for eq in sol.equilibria
    ]


SHAPES = [(2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (3, 4), (4, 4), (1, 3), (5, 2)]


@pytest.mark.parametrize("seed", range(18))
def test_batched_path_equals_the_exact_solve_at_every_point(seed: int) -> None:
    """The batched kernel against ``gt.nash(game.at(point))`` at every point it decides: the
    same equilibria (count, order, kinds, payoffs, strategies); the points it defers are those
    where floats cannot decide (degenerate ones among them), and the sweep solves them exactly."""
    m, n = SHAPES[seed % len(SHAPES)]
    game = _random_game(seed, m, n)
    rng = np.random.default_rng(1000 + seed)
    pts = np.array(
        [[x, y] for x in TIE_GRID for y in TIE_GRID[::2]]  # grid points, ties among them
        + rng.uniform(0.1, 4, size=(6, 2)).round(3).tolist()  # and off the ties
    )
    batch = Batch(game, (X, Y), tuple(layout(game).values()), exact_plan(game, (X, Y)))
    rows, ids, pure, values, deferred = batch.solve(pts)
    spec = list(layout(game))
    cols = [*game.players, *(f"{p}:{a}" for p in game.players for a in game.actions[p])]
    where = [spec.index(c) for c in cols]
    for r, point in enumerate(pts):
        if r in deferred:
            continue
        exact = _exact_rows(game, {X: point[0], Y: point[1]})
        mine = rows == r
        assert ids[mine].tolist() == list(range(len(exact))), f"point {point}"
        assert ["pure" if p else "mixed" for p in pure[mine]] == [k for k, _ in exact]
        np.testing.assert_allclose(
            values[mine][:, where], [v for _, v in exact], rtol=1e-9, atol=1e-12
        )
    # the sweep (batched, deferred points exact) equals solving every point exactly
    grid = {"x": pts[:, 0], "y": pts[:, 1]}
    space = gt.ParameterSpace({X: (0, 4), Y: (0, 4)})
    fast, general = _both_paths(game, space=space, points=grid, strategies=True)
    assert_frames_close(fast.frame, general.frame)
    assert fast.failures.equals(general.failures)


def test_batched_path_decides_generic_points_and_defers_ties(crisis: ModuleType) -> None:
    """Crisis chicken: points off the lines a = c (a tie: the continuum) and a = 1 + c (a
    system singular there, not everywhere) are decided in floats; points on them, or within
    1e-13 of them, are deferred, as are points where a payoff is not finite."""
    plan = exact_plan(crisis.game, (crisis.c, crisis.a))
    batch = Batch(crisis.game, (crisis.c, crisis.a), tuple(layout(crisis.game).values()), plan)
    pts = np.array(
        [[3, 1], [1, 3], [0.3, 0.7], [2, 2], [0.3, 0.3], [2, 3], [2 + 1e-13, 2], [1e300, 1]]
    )
    _, _, _, _, deferred = batch.solve(pts)
    assert deferred.tolist() == [3, 4, 5, 6, 7]


def test_structurally_singular_systems_are_decided() -> None:
    """Rows that differ by a constant: the system making the row player indifferent between
    them is singular at every point (exactly so, decided once), so points are not deferred."""
    game = gt.NormalFormGame.from_matrices([[X, 2 * X], [X + 1, 2 * X + 1]], [[1, 0], [0, X]])
    plan = exact_plan(game, (X,))
    assert plan[1][:2] == ((True,), (False,))  # k = 2: the row player's system, not the column's
    batch = Batch(game, (X,), tuple(layout(game).values()), plan)
    rows, _, pure, _, deferred = batch.solve(np.array([[0.5], [1.5], [3.0]]))
    assert deferred.size == 0 and rows.tolist() == [0, 1, 2] and pure.all()
    grid = {"x": [0.5, 1.0, 1.5, 3.0]}  # x = 1: a tie for the column player
    fast, general = _both_paths(game, space=gt.ParameterSpace({X: (0, 4)}), **grid)
    assert_frames_close(fast.frame, general.frame)


def test_pool_and_serial_give_the_same_batched_frame() -> None:
    """Chunks of any size and a process pool: the same frame (the kernel's float values do not
    depend on which points share a chunk)."""
    game = _random_game(3, 3, 3)
    space = gt.ParameterSpace({X: (0, 4), Y: (0, 4)})
    pts = space.sample(300, np.random.default_rng(7))
    serial = gt.sweep(game, space=space, points=pts, strategies=True)
    small = gt.sweep(game, space=space, points=pts, strategies=True, chunk_size=7)
    with ProcessPoolExecutor(2) as ex:
        pooled = gt.sweep(game, space=space, points=pts, strategies=True, executor=ex)
    assert small.frame.equals(serial.frame) and pooled.frame.equals(serial.frame)


def test_games_degenerate_everywhere_are_decided() -> None:
    """An entry game's normal form: the incumbent's choice is irrelevant when the entrant stays
    out, a tie at every point (a vertex with too many labels, everywhere).  The plan proves
    those ties exact, so generic points are decided in floats, and equal the exact solve
    (a continuum's extreme points included); the point c = 2, with one more tie, is deferred."""
    C_ = sp.Symbol("c", positive=True)
    tree = gt.Decision(
        "E",
        {
            "out": gt.Outcome("peace", E=0, I=2),
            "in": gt.Decision(
                "I",
                {
                    "fight": gt.Outcome("war", E=-C_, I=-1),
                    "share": gt.Outcome("deal", E=1, I=1 - C_),
                },
            ),
        },
    )
    game = gt.ExtensiveGame(tree).to_normal_form()
    plan = exact_plan(game, (C_,))
    assert any(any(z) for zs in plan[0][2:] for z in zs)  # ties proved exact
    batch = Batch(game, (C_,), tuple(layout(game).values()), plan)
    _, _, _, _, deferred = batch.solve(np.array([[0.5], [2.0], [1.5], [3.0]]))
    assert deferred.tolist() == [1]  # c = 2: fighting and sharing tie for the incumbent
    space = gt.ParameterSpace({C_: (0, 4)})
    fast, general = _both_paths(game, space=space, c=np.arange(1, 33) / 8, strategies=True)
    assert_frames_close(fast.frame, general.frame)
    assert (fast.frame.groupby("point").size() > 1).any()  # a continuum: several extreme points

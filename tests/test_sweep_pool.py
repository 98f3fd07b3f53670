"""Per-point sweeps on a process pool (issue 15, item 5): the caller solves a share of a batched
sweep itself while the pool solves the rest, and the frame is the serial one, bit for bit, on
seeded games and grids (points the float path cannot decide among them), whatever the pool's
size or the chunks; a lost worker, a failing pool and Ctrl-C during the caller's share keep the
semantics of :mod:`gametheory.sweeps._runner`."""

from __future__ import annotations

import math
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sympy as sp

import gametheory as gt
from gametheory.sweeps import _pointwise, _runner
from gametheory.sweeps._assemble import kind_column
from gametheory.sweeps._batch import Batch, cells
from gametheory.sweeps._plan import exact_plan
from gametheory.sweeps._pointwise import layout
from gametheory.sweeps._worker import Chunk, solve_chunk

from .fixtures import AFFINE_X, AFFINE_Y, affine_game
from .solved import model

X, Y = AFFINE_X, AFFINE_Y
SPACE = gt.ParameterSpace({X: (0, 4), Y: (0, 4)})
TIES = np.array([0.5, 1, 1.5, 2, 3])  # small integer payoffs tie at many of these points


def _game(seed: int, m: int, n: int) -> gt.NormalFormGame:
    return affine_game(seed, m, n)


def _points(seed: int) -> dict[str, np.ndarray]:
    """Tie points of the grid, then random points (which the float path decides)."""
    rng = np.random.default_rng(500 + seed)
    ties = np.array([[a, b] for a in TIES for b in TIES])
    free = rng.uniform(0.05, 4, size=(200, 2))
    both = np.concatenate([ties, free])[rng.permutation(len(ties) + len(free))]
    return {"x": both[:, 0], "y": both[:, 1]}


def _deferred(game: gt.NormalFormGame, pts: dict[str, np.ndarray]) -> np.ndarray:
    """The points the batched float path cannot decide (ties, near-ties)."""
    batch = Batch(game, (X, Y), tuple(layout(game).values()), exact_plan(game, (X, Y)))
    return batch.solve(np.column_stack([pts["x"], pts["y"]]))[4]


def assert_same(a: gt.SweepResult, b: gt.SweepResult) -> None:
    """The same frame and failures, bit for bit (values, dtypes, the kind's categories)."""
    pd.testing.assert_frame_equal(a.frame, b.frame, check_exact=True)
    pd.testing.assert_frame_equal(a.failures, b.failures, check_exact=True)
    assert a.frame.equals(b.frame) and a == b


@pytest.fixture(scope="module", params=["ProcessPoolExecutor", "gt.ProcessPool"])
def pool(request: pytest.FixtureRequest) -> Iterator[ProcessPoolExecutor]:
    """A warm pool of 2 of each kind: the standard library's, and ours (tasks straight through
    each worker's pipe; tests/test_process_pool.py has its own tests)."""
    with (
        ProcessPoolExecutor(2)
        if request.param == "ProcessPoolExecutor"
        else gt.ProcessPool(2) as ex
    ):
        yield ex  # type: ignore[misc]


# -- the pooled frame is the serial one --------------------------------------------------------
@pytest.mark.parametrize(
    ("seed", "shape"),
    [(s, shape) for s, shape in enumerate([(2, 2), (2, 2), (3, 3), (3, 3), (2, 3), (3, 2)])],
)
def test_pooled_frame_equals_serial_on_seeded_games(
    seed: int, shape: tuple[int, int], pool: ProcessPoolExecutor
) -> None:
    game = _game(seed, *shape)
    pts = _points(seed)
    assert len(_deferred(game, pts))  # points the float path leaves to the exact solve
    serial = gt.sweep(game, space=SPACE, points=pts, strategies=True)
    for size in (None, 37):
        pooled = gt.sweep(
            game, space=SPACE, points=pts, strategies=True, executor=pool, chunk_size=size
        )
        assert_same(pooled, serial)


def test_pooled_frame_equals_serial_on_a_grid_with_boundaries(pool: ProcessPoolExecutor) -> None:
    """Crisis chicken (models/crisis_chicken.py) on a Cartesian grid through its boundary ``a = c`` (a
    continuum there: floats cannot decide, the exact solve does), with a measure and a
    selection."""
    crisis = model("crisis_chicken")
    game, c, a = crisis.game, crisis.c, crisis.a
    space = gt.ParameterSpace({c: (0, 10), a: (0, 10)})
    grid = {"c": np.linspace(0.5, 10, 20), "a": np.linspace(0.5, 10, 20)}  # a = c: 20 points
    kw: dict[str, Any] = {"measures": {"w2": 2 * sp.Symbol("war")}}
    serial = gt.sweep(game, space=space, **grid, **kw)
    assert (serial.frame.groupby("point").size() == 3).sum() >= 20  # the boundary's three
    assert_same(gt.sweep(game, space=space, executor=pool, **grid, **kw), serial)
    pick = gt.Select.max("war")
    assert_same(
        gt.sweep(game, space=space, executor=pool, select=pick, **grid, **kw),
        gt.sweep(game, space=space, select=pick, **grid, **kw),
    )


@pytest.mark.parametrize("workers", [1, 3])
def test_any_pool_size_gives_the_serial_frame(workers: int) -> None:
    game = _game(11, 3, 3)
    pts = _points(11)
    with ProcessPoolExecutor(workers) as ex:
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


# -- the caller's share ------------------------------------------------------------------------
class _Counting(ProcessPoolExecutor):
    """A process pool that counts the points it is given, and can lose (as a killed worker's
    pool does) the first ``lose`` tasks, or every task with ``lose=-1``."""

    def __init__(self, workers: int, lose: int = 0) -> None:
        super().__init__(workers)
        self.points: list[int] = []
        self.lose = lose

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.points.append(len(args[1]))
        if self.lose:
            self.lose -= 1 if self.lose > 0 else 0
            fut: Future[Any] = Future()
            fut.set_exception(BrokenProcessPool("a worker died"))
            return fut
        return super().submit(fn, *args, **kwargs)


def test_the_caller_solves_one_share_and_the_pool_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On 2 cores, a pool of 2 gets one task and the caller solves the other, a little larger
    (the pool's task also pays for its trip)."""
    monkeypatch.setattr(_pointwise, "cores", lambda: 2)
    game = _game(2, 2, 2)
    pts = _points(2)
    n = len(pts["x"])
    with _Counting(2) as ex:
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    mine = math.ceil((n + _pointwise._TRIP / cells((2, 2))) / 2)
    assert ex.points == [n - mine] and mine > n // 2
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


def test_points_solved_one_by_one_all_go_to_the_pool() -> None:
    """A game outside the batched path (a square root): every point goes to the pool, which
    protects the caller from a point that kills its process."""
    c = sp.Symbol("c", positive=True)
    game = gt.NormalFormGame.from_matrices([[sp.sqrt(c), 0], [0, 1]], [[1, 0], [0, c]])
    space = gt.ParameterSpace({c: (0, 4)})
    grid = np.linspace(0.25, 4, 16)
    with _Counting(2) as ex:
        pooled = gt.sweep(game, space=space, c=grid, executor=ex)
    assert sum(ex.points) == len(grid)
    assert_same(pooled, gt.sweep(game, space=space, c=grid))


def test_a_lost_worker_during_the_callers_share_loses_nothing() -> None:
    """The pool loses its task (a killed worker) while the caller solves its share: the task
    is retried, and the frame is the serial one."""
    game = _game(4, 3, 3)
    pts = _points(4)
    with _Counting(2, lose=1) as ex:
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert len(ex.points) == 2 and ex.points[0] == ex.points[1]  # lost once, then retried
    assert pooled.complete and pooled.failures.empty
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


def test_a_pool_that_loses_everything_keeps_the_callers_share() -> None:
    game = _game(4, 2, 2)
    pts = _points(4)
    with _Counting(2, lose=-1) as ex:
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex, retries=0)
    serial = gt.sweep(game, space=SPACE, points=pts)
    failed = set(pooled.failures["point"])
    assert failed and len(failed) < len(pts["x"])
    assert pooled.failures["error"].str.startswith("worker lost").all()
    kept = serial.frame[~serial.frame["point"].isin(failed)].reset_index(drop=True)
    pd.testing.assert_frame_equal(pooled.frame, kept, check_exact=True, check_categorical=False)
    assert pooled.frame["kind"].tolist() == kept["kind"].tolist()


def _interrupted_here(game: object, values: np.ndarray, options: Any) -> Any:
    """``solve_chunk``, but Ctrl-C in the sweeping process (not in a pool's worker), after
    the pool has had time to finish its task (a task still running at Ctrl-C is abandoned)."""
    if multiprocessing.parent_process() is None:
        time.sleep(1.5)
        raise KeyboardInterrupt
    return solve_chunk(game, values, options)


def test_ctrl_c_during_the_callers_share_keeps_the_pools_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    game = _game(5, 2, 2)
    pts = _points(5)
    n = len(pts["x"])
    serial = gt.sweep(game, space=SPACE, points=pts)
    before = sys.getswitchinterval()
    monkeypatch.setattr(_runner, "solve_chunk", _interrupted_here)
    with ProcessPoolExecutor(2) as ex:
        res = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert sys.getswitchinterval() == before  # restored
    assert not res.complete and "interrupted" in res.incomplete[0]
    lost = set(res.failures["point"])
    assert 0 < len(lost) < n
    assert res.failures["error"].str.startswith("not evaluated").all()
    kept = serial.frame[~serial.frame["point"].isin(lost)].reset_index(drop=True)
    # the kinds' categories are in order of appearance: in the frame of the points kept
    pd.testing.assert_frame_equal(res.frame, kept, check_exact=True, check_categorical=False)
    assert res.frame["kind"].tolist() == kept["kind"].tolist()


def test_the_switch_interval_is_restored_after_a_pooled_sweep(pool: ProcessPoolExecutor) -> None:
    before = sys.getswitchinterval()
    gt.sweep(_game(6, 2, 2), space=SPACE, points=_points(6), executor=pool)
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize(
    ("workers", "cores", "caller", "tasks"),
    [(2, 2, True, 2), (1, 2, True, 2), (4, 8, True, 5), (8, 2, True, 2), (2, 2, False, 2)],
)
def test_batched_tasks_per_busy_core(
    workers: int, cores: int, caller: bool, tasks: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the caller's share, one task per busy core (the caller's and the pool's), at least
    one for the pool; without it, one per worker."""
    monkeypatch.setattr(_pointwise, "cores", lambda: cores)
    with ProcessPoolExecutor(workers) as ex:
        size = _pointwise._auto_size(6000, ex, True, caller)
    assert size == -(-6000 // tasks)


@pytest.mark.parametrize("seed", range(6))
def test_the_kind_column_is_factorized_in_order_of_appearance(seed: int) -> None:
    """Chunks' kind codes (each chunk with its own names) give the column ``pd.factorize``
    gives of the kinds' strings: categories in order of appearance over the whole frame."""
    rng = np.random.default_rng(seed)
    kinds = ["pure", "mixed", "pooling", "separating"]
    chunks, strings = [], []
    for _ in range(int(rng.integers(1, 5))):
        names = ("pure", "mixed", *rng.permutation(kinds[2:])[: int(rng.integers(0, 3))])
        codes = rng.integers(0, len(names), size=int(rng.integers(0, 8))).astype(np.int8)
        chunk = Chunk.empty(0)
        chunks.append(Chunk(chunk.rows, chunk.equilibrium, codes, chunk.values, (), names))
        strings += [names[k] for k in codes]
    got = kind_column(chunks)
    codes, found = pd.factorize(np.array(strings, dtype=object))
    want = pd.Categorical.from_codes(codes, categories=list(found))
    assert got.tolist() == want.tolist()
    assert list(got.categories) == list(want.categories)


def test_overlapping_sweeps_restore_the_switch_interval() -> None:
    """Two sweeps solving shares at once (threads): the interval is short while either runs,
    and what it was once both are done, whichever ends first."""
    before = sys.getswitchinterval()
    short = _runner._ShortSwitch()
    short.enter()
    short.enter()
    assert sys.getswitchinterval() == pytest.approx(min(before, _runner._SWITCH))
    short.leave()
    assert sys.getswitchinterval() == pytest.approx(min(before, _runner._SWITCH))
    short.leave()
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize(
    ("points", "size", "more"),
    [
        (0, 5, 0.0),
        (0, 5, 3.0),
        (1, 1, 0.0),
        (7, 3, 0.0),
        (2000, 1000, 117.6),
        (2000, 667, 40.0),
        (5, 3, 100.0),
        (2, 1, 50.0),
        (100, 4096, 9.0),
    ],
)
def test_task_bounds_partition_the_points(points: int, size: int, more: float) -> None:
    """The tasks cover the kept points once, in order; without ``more`` every task but the last
    has ``size`` points; with it, as many tasks, the first (the caller's) the largest and the
    others at least one point."""
    bounds = _pointwise._bounds(points, size, more)
    assert [b for _, b in bounds[:-1]] == [a for a, _ in bounds[1:]]
    assert bounds == [] if not points else (bounds[0][0], bounds[-1][1]) == (0, points)
    lengths = [b - a for a, b in bounds]
    assert len(bounds) == -(-points // size)
    if not more:
        assert all(n == size for n in lengths[:-1])
    elif len(lengths) > 1:
        assert lengths[0] == max(lengths) and min(lengths) >= 1


def test_the_fast_frame_equals_pandas_public_constructor() -> None:
    """``_assemble.frame_of`` (pandas' private column constructor where it exists) builds the
    frame ``pd.DataFrame(data)`` builds, for the columns a sweep has: integers, floats,
    categoricals, objects, booleans, and no rows at all.  (pandas 3 gives strings in object
    arrays a string dtype, which the private constructor does not: the first version of the
    fast path changed such a column's dtype.)"""
    import pandas as pd

    from gametheory.sweeps._assemble import frame_of as _frame

    rng = np.random.default_rng(0)
    n = 7
    data = {
        "point": np.arange(n, dtype=np.int64),
        "c": rng.normal(size=n),
        "kind": pd.Categorical.from_codes(rng.integers(0, 2, n), ["pure", "mixed"]),
        "strategy": np.array([f"s{k}" for k in range(n)], dtype=object),
        "exact": rng.integers(0, 2, n).astype(bool),
    }
    numeric = {k: v for k, v in data.items() if k != "strategy"}  # the private path
    for columns in (numeric, data):  # (objects: the public one, which infers a string dtype)
        pd.testing.assert_frame_equal(_frame(columns), pd.DataFrame(columns))
        empty = {k: v[:0] for k, v in columns.items()}
        pd.testing.assert_frame_equal(_frame(empty), pd.DataFrame(empty))

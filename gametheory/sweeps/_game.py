"""``gt.sweep_game``: a game solved afresh at each point of a grid, serially or on an executor."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from typing import Any, Final, Literal

import numpy as np

from .._budget import Budget
from ..errors import GameError, UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ..space_resolution import resolve_space
from ._batch import fits
from ._compiled import Measure
from ._grid import read_grid
from ._options import check_common, check_per_point
from ._pointwise import pointwise_sweep, pool_shares
from ._pool import ProcessPool
from ._result import SweepResult
from ._select import Select

__all__ = ["RETRIES", "run_game", "sweep_game"]

RETRIES: Final = 2  # tries of a task whose worker was lost, by default
_ALL: Final = Select.all()


def sweep_game(
    game: NormalFormGame | ExtensiveGame,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    space: ParameterSpace | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: Select = _ALL,
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    progress: bool | None = None,
    retries: int = RETRIES,
    budget: float | None = None,
) -> SweepResult:
    """Solve a game afresh at each point of a grid: the fallback when a symbolic solution is out
    of reach, or an independent check of one.

    The game is evaluated at each point (floats read as the simple rationals they denote,
    ``0.3`` as ``3/10``) and solved there exactly with :func:`~gametheory.solve`; a small
    two-player game is solved at all points of a chunk at once in floats wherever error bounds
    make the answer the exact one, and exactly elsewhere (values then agree with the exact ones
    to about ``1e-9``).  Chunks of points run serially or on any executor and come back in point
    order, so the frame is the same whatever the executor.  To sweep a symbolic solution, see
    :func:`sweep_solution`; :func:`~gametheory.sweep` takes either.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame` or :class:`~gametheory.ExtensiveGame`.
    grid
        Each parameter's values, by symbol or by name: a scalar, or a 1-D array; arrays span a
        Cartesian grid.  Every parameter of the space needs a value.
    points
        Instead of a grid: aligned arrays, one per parameter (e.g. ``space.sample(n, rng)``).
    space
        The parameter space of the grid (default: the game's parameters, bounded only by their
        own assumptions).
    measures, strategies, select, outside, tol
        As for :func:`sweep_solution`; ``select`` is a :class:`~gametheory.Select`.
    chunk_size
        Points per task handed to the executor (default: about 1/64 of the grid, at most 256;
        for small two-player games solved in batches, up to 4,096 serially and about two tasks
        per worker of a process pool).
    executor
        A :class:`concurrent.futures.Executor` to solve chunks of points on (a
        ``ProcessPoolExecutor``, dask's ``Client.get_executor()``, ...); default serial.
    progress
        A progress line on stderr.  ``None`` shows it when stderr is a terminal and the sweep
        runs longer than two seconds; ``True`` / ``False`` force it on / off.
    retries
        How often a task whose worker was lost (a killed process, a broken pool, dask's
        ``KilledWorker``) is tried again, alone (default 2); then it is split, so only the
        points that lose their worker every time are failures.
    budget
        Seconds the sweep may take (None: no limit), checked between chunks (a smaller
        ``chunk_size`` checks more often); past it, :class:`~gametheory.BudgetExceededError`
        says how many chunks were done.

    Returns
    -------
    SweepResult
        The frame has the columns of :func:`sweep_solution`'s, but ``equilibrium`` is the
        equilibrium's index in *that point's* solution (the same id may name different
        equilibria at two points) and ``kind`` its kind there.  ``failures``: the points inside
        the space with no answer, with why (the game undefined there, a solve that raised, a
        worker lost at every try).  Ctrl-C returns the points done so far, with
        ``complete=False`` and the points not reached in ``failures``.

    Raises
    ------
    GameError
        A bad argument, named in the message; :class:`~gametheory.OutsideSpaceError` for
        points outside the space.
    MeasureError
        A callable measure raised: after the sweep, which is kept on the error's ``result``.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> len(gt.sweep_game(g, {"c": np.linspace(0.5, 4, 8)}).frame)
    24
    >>> gt.sweep_game(g, {"c": [0.5, 2]}, select=gt.Select.first()).frame["kind"].tolist()
    ['pure', 'pure']
    """
    return run_game(
        game,
        grid,
        points,
        {},
        space=space,
        measures=measures,
        strategies=strategies,
        select=select,
        outside=outside,
        tol=tol,
        chunk_size=chunk_size,
        executor=executor,
        progress=progress,
        retries=retries,
        clock=Budget.of(budget, "sweep_game"),
    )


def run_game(
    game: object,
    grid: Mapping[Any, object] | None,
    points: Mapping[Any, object] | None,
    values: Mapping[str, object],
    *,
    space: ParameterSpace | None,
    measures: object,
    strategies: object,
    select: object,
    outside: object,
    tol: float,
    chunk_size: object,
    executor: object,
    progress: object,
    retries: object,
    clock: Budget,
) -> SweepResult:
    """Check the options, read the grid, and run the per-point sweep (``values``: parameters by
    keyword, as :func:`gametheory.sweep` takes them)."""
    chosen, selection = check_common(
        measures=measures,
        strategies=strategies,
        select=select,
        outside=outside,
        tol=tol,
        chunk_size=chunk_size,
    )
    check_per_point(executor=executor, progress=progress, retries=retries)
    if not isinstance(game, NormalFormGame | ExtensiveGame):
        raise UnsupportedGameError(
            "sweep_game() needs a game (NormalFormGame, ExtensiveGame), got "
            f"{type(game).__name__}; sweep a Solution with gt.sweep_solution"
        )
    if isinstance(executor, ProcessPool) and fits(game):
        # the workers that will get a task (one per other busy core) wake while the points
        # are read: a batched sweep, of which the caller solves a share
        executor.wake(pool_shares(executor.max_workers))
    sweep_space = resolve_space(game.parameters, space)
    if not sweep_space.symbols:
        raise GameError("nothing to sweep: the space has no parameters")
    arrays, shape = read_grid(sweep_space, grid, points, values)
    n = int(np.prod([len(a) for a in arrays])) if shape is not None else len(arrays[0])
    if n == 0:
        raise GameError("the grid is empty")
    return pointwise_sweep(
        game,
        sweep_space,
        arrays,
        shape,
        n,
        measures=chosen,
        strategies=bool(strategies),
        select=selection,
        outside=str(outside),
        tol=tol,
        chunk_size=None if chunk_size is None else int(chunk_size),  # type: ignore[call-overload]
        executor=executor,  # type: ignore[arg-type]
        progress=progress,  # type: ignore[arg-type]
        retries=int(retries),  # type: ignore[call-overload]
        clock=clock,
    )

"""Sweeps: which equilibria exist, and what they yield, over grids of parameter points.

Two ways, one frame.  A sweep over a :class:`~gametheory.Solution` compiles every equilibrium's
conditions and measures once (``lambdify`` to numpy) and evaluates them vectorised, in chunks
that bound memory.  Conditions are compared with the tolerance rule of
:mod:`gametheory.conditions` (weak inequalities hold on their boundary, within ``tol`` times the
size of their terms), so points on a boundary list every equilibrium that holds there, as
``Solution.at`` does.  A sweep over a game solves it afresh at each point (``gt.solve`` of
``game.at(point)``), serially or on any :class:`concurrent.futures.Executor`: the fallback for
games whose symbolic solution is out of reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from typing import Any, Literal

import numpy as np

from .._budget import Budget
from ..equilibrium import Solution
from ..errors import GameError, UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ..space_resolution import resolve_space
from ._compiled import Measure, sweep_solution
from ._grid import read_grid
from ._measures import check_measures
from ._pointwise import sweep_game
from ._result import SweepResult

__all__ = ["SweepResult", "sweep"]


def sweep(
    target: object,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    space: ParameterSpace | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: str = "all",
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    progress: bool | None = None,
    retries: int | None = None,
    budget: float | None = None,
    **values: object,
) -> SweepResult:
    """Evaluate equilibria over a grid of parameter points.

    Parameters
    ----------
    target
        A :class:`~gametheory.Solution`: its equilibria are compiled once and evaluated
        vectorised.  Or a game (:class:`~gametheory.NormalFormGame`,
        :class:`~gametheory.ExtensiveGame`): it is evaluated at each point (floats read as the
        simple rationals they denote, ``0.3`` as ``3/10``) and solved there exactly with
        :func:`~gametheory.solve`; a small two-player game is solved at all points at once in
        floats wherever error bounds make the answer the exact one, and exactly elsewhere
        (values then agree with the exact ones to about ``1e-9``).  In a per-point frame,
        ``equilibrium`` is the equilibrium's
        index in *that point's* solution (the same id may name different equilibria at two
        points) and ``kind`` is its kind there.
    grid, values
        Each parameter's values, by symbol (in ``grid``) or by name (keywords): a scalar, or a
        1-D array; arrays span a Cartesian grid.  Every parameter of the space needs a value.
    points
        Instead of a grid: aligned arrays, one per parameter (e.g. ``space.sample(n, rng)``).
    space
        Games only: the parameter space of the grid (default: the game's parameters, bounded
        only by their own assumptions).  A solution brings its own.
    measures
        Extra columns: ``{name: expression}`` in the parameters, players (their payoffs) and
        outcome labels (their probabilities), evaluated per equilibrium, or
        ``{name: callable(frame) -> array}`` evaluated on the finished frame.
    strategies
        Also add a ``player:action`` probability column per action (``infoset:action`` for
        trees; an information set after a continuous choice has none: its strategy is a rule in
        that choice, not a number).
    select
        ``"all"`` (every equilibrium at every point), or ``"min:<column>"`` / ``"max:<column>"``
        to keep, at each point, the equilibrium with the smallest / largest value of a column
        (e.g. ``"max:war"``: the equilibrium most likely to end in war).
    outside
        Points outside the space raise :class:`~gametheory.OutsideSpaceError` (saying how many,
        and for which parameters) or, with ``"drop"``, are left out.
    tol
        Tolerance of condition checks and of the space's constraints (see
        :mod:`gametheory.conditions`).
    chunk_size
        Solutions: points evaluated at once (default 500,000; bounds memory).  Games: points per
        task handed to the executor (default: about 1/64 of the grid, at most 256; for small
        two-player games solved in batches, up to 4,096 serially and about two tasks per worker
        of a process pool).
    executor
        Games only: a :class:`concurrent.futures.Executor` to solve chunks of points on (a
        ``ProcessPoolExecutor``, dask's ``Client.get_executor()``, ...); default serial.  The
        frame is the same whatever the executor.
    progress
        Games only: a progress line on stderr.  ``None`` shows it when stderr is a terminal and
        the sweep runs longer than two seconds; ``True`` / ``False`` force it on / off.
    retries
        Games only: how often a task whose worker was lost (a killed process, a broken pool,
        dask's ``KilledWorker``) is tried again, alone (default 2); then it is split, so only
        the points that lose their worker every time are failures.
    budget
        Seconds the sweep may take (None: no limit), checked between chunks (a smaller
        ``chunk_size`` checks more often); past it, :class:`~gametheory.BudgetExceededError`
        says how many chunks were done.

    Returns
    -------
    SweepResult
        The tidy frame, and ``failures``: the points inside the space with no answer, with
        why (the game or an equilibrium undefined there, a per-point solve that raised, a
        worker lost at every try); the rest of the sweep is kept.  Ctrl-C during a per-point
        sweep returns the points done so far, with ``complete=False`` and the points not
        reached in ``failures``.

    Raises
    ------
    GameError
        A bad argument, named in the message; :class:`~gametheory.OutsideSpaceError` for
        points outside the space (NaN and infinities included), counted over the whole grid.
    MeasureError
        A callable measure raised: after the sweep, which is kept on the error's ``result``.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> res = gt.sweep(gt.nash(g, gt.ParameterSpace({c: (0, 4)})), c=np.linspace(0.5, 4, 8))
    >>> len(res.frame)
    24
    >>> len(gt.sweep(g, c=np.linspace(0.5, 4, 8)).frame)
    24
    """
    clock = Budget.of(budget, "sweep")
    _check_flags(strategies, tol, retries)
    if chunk_size is not None and (
        not isinstance(chunk_size, int | np.integer)
        or isinstance(chunk_size, bool)
        or chunk_size <= 0
    ):
        raise GameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if outside not in ("raise", "drop"):
        raise GameError(f"outside must be 'raise' or 'drop', got {outside!r}")
    if not isinstance(select, str):
        raise GameError(f"select must be 'all', 'min:<column>' or 'max:<column>', got {select!r}")
    chosen = check_measures(measures)
    if isinstance(target, Solution):
        for name, given in (
            ("space", space),
            ("executor", executor),
            ("progress", progress),
            ("retries", retries),
        ):
            if given is not None:
                raise GameError(
                    f"{name}= is for per-point sweeps of a game; a Solution is swept compiled "
                    "and vectorised in its own space"
                )
        sweep_space = target.space
    elif isinstance(target, NormalFormGame | ExtensiveGame):
        sweep_space = resolve_space(target.parameters, space)
        if executor is not None and not isinstance(executor, Executor):
            raise GameError(
                "executor must be a concurrent.futures.Executor (e.g. ProcessPoolExecutor, "
                f"dask's client.get_executor()), got {type(executor).__name__}"
            )
        if progress is not None and not isinstance(progress, bool):
            raise GameError(f"progress must be None, True or False, got {progress!r}")
    else:
        raise UnsupportedGameError(
            "sweep() needs a Solution (e.g. gt.nash(game, space)) or a game (NormalFormGame, "
            f"ExtensiveGame), got {type(target).__name__}"
        )
    if not sweep_space.symbols:
        raise GameError("nothing to sweep: the space has no parameters")
    arrays, shape = read_grid(sweep_space, grid, points, values)
    n = int(np.prod([len(a) for a in arrays])) if shape is not None else len(arrays[0])
    if n == 0:
        raise GameError("the grid is empty")
    if isinstance(target, Solution):
        return sweep_solution(
            target,
            arrays,
            shape,
            n,
            measures=chosen,
            strategies=strategies,
            select=select,
            outside=outside,
            tol=tol,
            chunk_size=int(chunk_size or 250_000),
            clock=clock,
        )
    return sweep_game(
        target,
        sweep_space,
        arrays,
        shape,
        n,
        measures=chosen,
        strategies=strategies,
        select=select,
        outside=outside,
        tol=tol,
        chunk_size=None if chunk_size is None else int(chunk_size),
        executor=executor,
        progress=progress,
        retries=2 if retries is None else int(retries),
        clock=clock,
    )


def _check_flags(strategies: object, tol: object, retries: object) -> None:
    if not isinstance(strategies, bool | np.bool_):
        raise GameError(f"strategies must be True or False, got {strategies!r}")
    if (
        isinstance(tol, bool | np.bool_)
        or not isinstance(tol, int | float | np.integer | np.floating)
        or not 0 <= float(tol) < 1
    ):
        raise GameError(f"tol must be a number in [0, 1) (default 1e-9), got {tol!r}")
    if retries is not None and (
        isinstance(retries, bool | np.bool_)
        or not isinstance(retries, int | np.integer)
        or not 0 <= retries <= 100
    ):
        raise GameError(f"retries must be an integer from 0 to 100, got {retries!r}")

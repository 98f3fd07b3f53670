"""``gt.sweep_solution``: a symbolic solution compiled once and evaluated over a grid."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import numpy as np

from .._budget import Budget
from ..equilibrium import Solution
from ..errors import GameError, UnsupportedGameError
from ._compiled import Measure, compiled_sweep
from ._grid import read_grid
from ._options import check_common
from ._result import SweepResult
from ._select import Select

__all__ = ["CHUNK", "run_solution", "sweep_solution"]

CHUNK: Final = 250_000  # points evaluated at once by default (bounds memory)
_ALL: Final = Select.all()


def sweep_solution(
    solution: Solution,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: Select = _ALL,
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int = CHUNK,
    budget: float | None = None,
) -> SweepResult:
    """Evaluate a solution's equilibria over a grid of parameter points, compiled and vectorised.

    Every equilibrium's conditions and measures are lambdified once and evaluated with numpy,
    in chunks that bound memory.  Conditions are compared with the tolerance rule of
    :mod:`gametheory.conditions` (weak inequalities hold on their boundary), so a point on a
    boundary lists every equilibrium holding there, as :meth:`Solution.at` does.  For a game
    without a symbolic solution, see :func:`sweep_game`; :func:`~gametheory.sweep` takes
    either.

    Parameters
    ----------
    solution
        A :class:`~gametheory.Solution` (``gt.nash(game, space)``, ``gt.solve(...)``); the grid
        lies in its space.
    grid
        Each parameter's values, by symbol or by name: a scalar, or a 1-D array; arrays span a
        Cartesian grid.  Every parameter of the space needs a value.
    points
        Instead of a grid: aligned arrays, one per parameter (e.g. ``space.sample(n, rng)``).
    measures
        Extra columns: ``{name: expression}`` in the parameters, players (their payoffs) and
        outcome labels (their probabilities), evaluated per equilibrium, or
        ``{name: callable(frame) -> array}`` evaluated on the finished frame.
    strategies
        Also add a ``player:action`` probability column per action (``infoset:action`` for
        trees; an information set after a continuous choice has none: its strategy is a rule in
        that choice, not a number).
    select
        Which equilibria to keep at each point, a :class:`~gametheory.Select`: every one
        (``Select.all()``, the default), or one per point, e.g. ``Select.max("war")``.
    outside
        Points outside the space raise :class:`~gametheory.OutsideSpaceError` (saying how many,
        and for which parameters) or, with ``"drop"``, are left out.
    tol
        Tolerance of condition checks and of the space's constraints.
    chunk_size
        Points evaluated at once (default 250,000); bounds memory, and how often the budget
        is checked.
    budget
        Seconds the sweep may take (None: no limit), checked between chunks; past it,
        :class:`~gametheory.BudgetExceededError` says how many chunks were done.

    Returns
    -------
    SweepResult
        The tidy frame (a row per point and equilibrium holding there: the parameters,
        ``point``, ``equilibrium`` (the index in the solution), ``kind``, a payoff column per
        player, a probability column per outcome label, the measures), and ``failures``: the
        points inside the space where the game or a holding equilibrium is undefined, with why.

    Raises
    ------
    GameError
        A bad argument, named in the message (an option of :func:`sweep_game` is a
        ``TypeError``); :class:`~gametheory.OutsideSpaceError` for points outside the space.
    MeasureError
        A callable measure raised: after the sweep, which is kept on the error's ``result``.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> sol = gt.nash(g, gt.ParameterSpace({c: (0, 4)}))
    >>> len(gt.sweep_solution(sol, {"c": np.linspace(0.5, 4, 8)}).frame)
    24
    >>> best = gt.sweep_solution(sol, {c: [0.5, 2]}, select=gt.Select.max("Row"))
    >>> best.frame["Row"].tolist()
    [1.0, 2.0]
    """
    return run_solution(
        solution,
        grid,
        points,
        {},
        measures=measures,
        strategies=strategies,
        select=select,
        outside=outside,
        tol=tol,
        chunk_size=chunk_size,
        clock=Budget.of(budget, "sweep_solution"),
    )


def run_solution(
    solution: object,
    grid: Mapping[Any, object] | None,
    points: Mapping[Any, object] | None,
    values: Mapping[str, object],
    *,
    measures: object,
    strategies: object,
    select: object,
    outside: object,
    tol: float,
    chunk_size: object,
    clock: Budget,
) -> SweepResult:
    """Check the options, read the grid, and run the compiled sweep (``values``: parameters by
    keyword, as :func:`gametheory.sweep` takes them)."""
    chosen, selection = check_common(
        measures=measures,
        strategies=strategies,
        select=select,
        outside=outside,
        tol=tol,
        chunk_size=chunk_size,
    )
    if not isinstance(solution, Solution):
        raise UnsupportedGameError(
            "sweep_solution() needs a Solution (e.g. gt.nash(game, space)), got "
            f"{type(solution).__name__}; sweep a game point by point with gt.sweep_game"
        )
    space = solution.space
    if not space.symbols:
        raise GameError("nothing to sweep: the space has no parameters")
    arrays, shape = read_grid(space, grid, points, values)
    n = int(np.prod([len(a) for a in arrays])) if shape is not None else len(arrays[0])
    if n == 0:
        raise GameError("the grid is empty")
    return compiled_sweep(
        solution,
        arrays,
        shape,
        n,
        measures=chosen,
        strategies=bool(strategies),
        select=selection,
        outside=str(outside),
        tol=tol,
        chunk_size=int(chunk_size or CHUNK),  # type: ignore[call-overload]
        clock=clock,
    )

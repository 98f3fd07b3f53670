"""Sweeps: which equilibria exist, and what they yield, over grids of parameter points.

Two engines, one frame.  :func:`sweep_solution` compiles a :class:`~gametheory.Solution`'s
conditions and measures once (``lambdify`` to numpy) and evaluates them vectorised, in chunks
that bound memory; conditions are compared with the tolerance rule of
:mod:`gametheory.conditions`, so points on a boundary list every equilibrium holding there, as
``Solution.at`` does.  :func:`sweep_game` solves a game afresh at each point (``gt.solve`` of
``game.at(point)``), serially or on any :class:`concurrent.futures.Executor`: the fallback for
games whose symbolic solution is out of reach.  :func:`sweep` takes either, and the options and
the string selection (``select="max:war"``) it always took.  :class:`Select` says which
equilibria a sweep keeps at each point.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from concurrent.futures import Executor
from typing import Any, Literal

from .._budget import Budget
from ..equilibrium import Solution
from ..errors import GameError, UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from . import _present  # noqa: F401  (registers the HTML and the plots of SweepResult)
from ._compiled import Measure
from ._game import RETRIES, run_game, sweep_game
from ._pool import ProcessPool
from ._result import SweepResult
from ._select import Select
from ._solution import run_solution, sweep_solution

__all__ = ["ProcessPool", "Select", "SweepResult", "sweep", "sweep_game", "sweep_solution"]

# options of sweep() that sweep_solution() does not take: refused for a Solution, by name
_GAME_ONLY = tuple(
    name
    for name in inspect.signature(sweep_game).parameters
    if name not in inspect.signature(sweep_solution).parameters and name != "game"
)


def sweep(
    target: object,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    space: ParameterSpace | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: Select | str = "all",
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    progress: bool | None = None,
    retries: int | None = None,
    budget: float | None = None,
    **values: object,
) -> SweepResult:
    """Evaluate equilibria over a grid of parameter points: :func:`sweep_solution` for a
    solution, :func:`sweep_game` for a game.

    Parameters
    ----------
    target
        A :class:`~gametheory.Solution`, swept by :func:`sweep_solution` (compiled once,
        evaluated vectorised), or a game (:class:`~gametheory.NormalFormGame`,
        :class:`~gametheory.ExtensiveGame`), swept by :func:`sweep_game` (solved at each point;
        in its frame ``equilibrium`` is the index in *that point's* solution).
    grid, values
        Each parameter's values, by symbol (in ``grid``) or by name (keywords): a scalar, or a
        1-D array; arrays span a Cartesian grid.  Every parameter of the space needs a value.
    select
        A :class:`~gametheory.Select`, or its string form: ``"all"`` (every equilibrium at
        every point), ``"first"``, or ``"min:<column>"`` / ``"max:<column>"`` to keep, at each
        point, the equilibrium with the smallest / largest value of a column (``"max:war"`` is
        ``Select.max("war")``: the equilibrium most likely to end in war).
    points, measures, strategies, outside, tol, chunk_size, budget
        As for :func:`sweep_solution` and :func:`sweep_game` (``chunk_size``: default 250,000
        points for a solution, automatic for a game).
    space, executor, progress, retries
        Games only, as for :func:`sweep_game`; given for a solution, a
        :class:`~gametheory.GameError` (:func:`sweep_solution` does not take them at all).

    Returns
    -------
    SweepResult
        The tidy frame and the ``failures``; see :func:`sweep_solution` and :func:`sweep_game`.

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
    selection = Select.of(select)
    common: dict[str, Any] = {
        "measures": measures,
        "strategies": strategies,
        "select": selection,
        "outside": outside,
        "tol": tol,
        "chunk_size": chunk_size,
        "clock": clock,
    }
    if isinstance(target, Solution):
        given = {"space": space, "executor": executor, "progress": progress, "retries": retries}
        for name in _GAME_ONLY:
            if given.get(name) is not None:
                raise GameError(
                    f"{name}= is for per-point sweeps of a game (gt.sweep_game); a Solution is "
                    "swept compiled and vectorised in its own space"
                )
        return run_solution(target, grid, points, values, **common)
    if isinstance(target, NormalFormGame | ExtensiveGame):
        return run_game(
            target,
            grid,
            points,
            values,
            space=space,
            executor=executor,
            progress=progress,
            retries=RETRIES if retries is None else retries,
            **common,
        )
    raise UnsupportedGameError(
        "sweep() needs a Solution (e.g. gt.nash(game, space)) or a game (NormalFormGame, "
        f"ExtensiveGame), got {type(target).__name__}"
    )

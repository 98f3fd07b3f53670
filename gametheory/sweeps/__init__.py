"""Sweeps: which equilibria exist, and what they yield, over grids of parameter points.

A sweep over a :class:`~gametheory.Solution` compiles every equilibrium's conditions and
measures once (``lambdify`` to numpy) and evaluates them vectorised, in chunks that bound
memory.  Conditions are compared with the tolerance rule of :mod:`gametheory.conditions`
(weak inequalities hold on their boundary, within ``tol`` times the size of their terms), so
points on a boundary list every equilibrium that holds there, as ``Solution.at`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium, Solution
from ..errors import GameError, UnsupportedGameError
from ._compiled import Compiled, Measure, build_frame, chunk_rows, select_rows
from ._grid import columns, inside, read_grid
from ._result import SweepResult

__all__ = ["SweepResult", "sweep"]


def sweep(
    target: object,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: str = "all",
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int = 1_000_000,
    **values: object,
) -> SweepResult:
    """Evaluate a solution's equilibria over a grid of parameter points.

    Parameters
    ----------
    target
        A :class:`~gametheory.Solution` (compiled once, evaluated vectorised).
    grid, values
        Each parameter's values, by symbol (in ``grid``) or by name (keywords): a scalar, or a
        1-D array; arrays span a Cartesian grid.  Every parameter of the space needs a value.
    points
        Instead of a grid: aligned arrays, one per parameter (e.g. ``space.sample(n, rng)``).
    measures
        Extra columns: ``{name: expression in the parameters}`` evaluated per equilibrium, or
        ``{name: callable(frame) -> array}`` evaluated on the finished frame.
    strategies
        Also add a ``player:action`` probability column per action.
    select
        ``"all"`` (every equilibrium at every point), or ``"min:<column>"`` / ``"max:<column>"``
        to keep, at each point, the equilibrium with the smallest / largest value of a column
        (e.g. ``"max:war"``: the equilibrium most likely to end in war).
    outside
        Points outside the space raise :class:`~gametheory.OutsideSpaceError` (saying how many,
        and for which parameters) or, with ``"drop"``, are left out.
    tol
        Tolerance of condition checks (see :mod:`gametheory.conditions`).
    chunk_size
        Points evaluated at once; bounds memory.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> res = gt.sweep(gt.nash(g, gt.ParameterSpace({c: (0, 4)})), c=np.linspace(0.5, 4, 8))
    >>> len(res.frame)
    24
    """
    if not isinstance(target, Solution):
        raise UnsupportedGameError(
            f"sweep() needs a Solution (e.g. gt.nash(game, space)), got {type(target).__name__}"
        )
    if chunk_size <= 0:
        raise GameError(f"chunk_size must be positive, got {chunk_size}")
    space = target.space
    names = tuple(s.name for s in space.symbols)
    arrays, shape = read_grid(space, grid, points, values)
    n = int(np.prod([len(a) for a in arrays])) if shape is not None else len(arrays[0])
    if n == 0:
        raise GameError("the grid is empty")
    eqs = _all(target)
    compiled = [Compiled(eq, k, space, measures) for k, eq in enumerate(eqs)]
    parts: list[dict[str, np.ndarray]] = []
    for start in range(0, n, chunk_size):
        idx = np.arange(start, min(n, start + chunk_size))
        cols = columns(arrays, shape, idx)
        keep = inside(space, cols, outside, tol)
        if not keep.all():
            idx, cols = idx[keep], [c[keep] for c in cols]
        parts.append(chunk_rows(compiled, cols, idx, names, tol, strategies))
    frame = build_frame(parts, names, compiled, [eq.kind for eq in eqs], strategies)
    for name, m in (measures or {}).items():
        if not isinstance(m, sp.Basic):
            frame[name] = np.asarray(m(frame))
    frame = select_rows(frame, select)
    return SweepResult(frame, names, n, shape)


def _all(sol: Solution) -> tuple[Equilibrium, ...]:
    return (*sol.equilibria, *sol.undecided)

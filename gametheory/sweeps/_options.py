"""Checking a sweep's options at the boundary: each a GameError naming the option and the value.

Shared by :func:`~gametheory.sweep_solution` and :func:`~gametheory.sweep_game`; which options
a sweep takes at all is said by their signatures (an option of the other one is a TypeError).
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Executor
from typing import Any

import numpy as np

from ..errors import GameError
from ._measures import check_measures
from ._select import Select

__all__ = ["check_common", "check_per_point"]


def check_common(
    *,
    measures: object,
    strategies: object,
    select: object,
    outside: object,
    tol: object,
    chunk_size: object,
) -> tuple[dict[str, Any], Select]:
    """The options of every sweep: the measures as a dict and the selection, once all are
    checked."""
    if not isinstance(strategies, bool | np.bool_):
        raise GameError(f"strategies must be True or False, got {strategies!r}")
    if (
        isinstance(tol, bool | np.bool_)
        or not isinstance(tol, int | float | np.integer | np.floating)
        or not 0 <= float(tol) < 1
    ):
        raise GameError(f"tol must be a number in [0, 1) (default 1e-9), got {tol!r}")
    if chunk_size is not None and (
        not isinstance(chunk_size, int | np.integer)
        or isinstance(chunk_size, bool)
        or chunk_size <= 0
    ):
        raise GameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if outside not in ("raise", "drop"):
        raise GameError(f"outside must be 'raise' or 'drop', got {outside!r}")
    if not isinstance(select, Select):
        hint = ""
        if isinstance(select, str):
            with contextlib.suppress(GameError):
                hint = f" (gt.sweep's string form; here write {Select.parse(select)!r})"
        raise GameError(
            f"select must be a gt.Select (Select.all(), Select.first(), Select.min(column), "
            f"Select.max(column)), got {select!r}{hint}"
        )
    return check_measures(measures), select


def check_per_point(*, executor: object, progress: object, retries: object) -> None:
    """The options of a per-point sweep of a game."""
    if executor is not None and not isinstance(executor, Executor):
        raise GameError(
            "executor must be a concurrent.futures.Executor (e.g. ProcessPoolExecutor, "
            f"dask's client.get_executor()), got {type(executor).__name__}"
        )
    if progress is not None and not isinstance(progress, bool):
        raise GameError(f"progress must be None, True or False, got {progress!r}")
    if (
        isinstance(retries, bool | np.bool_)
        or not isinstance(retries, int | np.integer)
        or not 0 <= retries <= 100
    ):
        raise GameError(f"retries must be an integer from 0 to 100, got {retries!r}")

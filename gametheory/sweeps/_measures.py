"""The end of every sweep: callable measures on the finished frame, then the selection.

A measure that raises does not lose the sweep: every other measure is still added, and a
:class:`~gametheory.errors.MeasureError` naming each failing measure is raised after the sweep
with the finished result on it (``exc.result``), the failing columns left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp

from ..errors import GameError, MeasureError
from ._result import SweepResult
from ._select import Select

__all__ = ["check_measures", "finish"]


def check_measures(measures: object) -> dict[str, Any]:
    """The measures as a dict of name -> sympy expression or callable; a GameError naming
    the first one that is neither."""
    if measures is None:
        return {}
    if not isinstance(measures, Mapping):
        raise GameError(
            f"measures must be a mapping of name -> measure, got {type(measures).__name__}"
        )
    out: dict[str, Any] = {}
    for name, m in measures.items():
        if not isinstance(name, str) or not name:
            raise GameError(f"measure names must be non-empty strings, got {name!r}")
        if isinstance(m, sp.Basic) and not isinstance(m, sp.Expr):
            raise GameError(f"measure {name!r} must be a sympy expression, got {m!r}")
        if not isinstance(m, sp.Basic) and not callable(m):
            raise GameError(
                f"measure {name!r} must be a sympy expression or a callable, got {type(m).__name__}"
            )
        out[name] = m
    return out


def finish(
    frame: pd.DataFrame,
    measures: Mapping[str, Any],
    select: Select,
    make: Callable[[pd.DataFrame], SweepResult],
) -> SweepResult:
    """Add the callable measures, select rows, and build the result with ``make``."""
    failed: list[tuple[str, BaseException]] = []
    for name, m in measures.items():
        if isinstance(m, sp.Basic):
            continue
        try:
            column = np.asarray(m(frame))
            frame[name] = column
        except Exception as exc:  # the user's code: reported after the sweep, which is kept
            failed.append((name, exc))
    skipped = ""
    if failed and select.column is not None and select.column not in frame.columns:
        skipped = f"; select={str(select)!r} was not applied (its column is missing)"
    else:
        frame = select.apply(frame)
    result = make(frame)
    if failed:
        what = "; ".join(f"measure {n!r} raised {type(e).__name__}: {e}" for n, e in failed)
        error = MeasureError(
            f"{what} (the sweep is kept without {'that column' if len(failed) == 1 else 'those columns'} "
            f"on this error's .result{skipped})",
            result,
        )
        raise error from failed[0][1]
    return result

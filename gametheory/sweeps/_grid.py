"""Reading a sweep's grid: values per parameter, Cartesian or aligned, and membership."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..conditions import atom, compile_atoms
from ..errors import GameError, MissingParameterError, OutsideSpaceError
from ..params import ParameterSpace

__all__ = ["columns", "inside", "read_grid"]


def read_grid(
    space: ParameterSpace,
    grid: Mapping[Any, object] | None,
    points: Mapping[Any, object] | None,
    values: Mapping[str, object],
) -> tuple[list[np.ndarray], tuple[int, ...] | None]:
    given: dict[sp.Symbol, object] = {}
    aligned = points is not None
    for key, v in [*(grid or {}).items(), *values.items(), *(points or {}).items()]:
        sym = space.symbol(key)
        if sym in given:
            raise GameError(f"parameter {sym} is given twice")
        given[sym] = v
    missing = [s.name for s in space.symbols if s not in given]
    if missing:
        raise MissingParameterError(f"no values given for parameter(s): {', '.join(missing)}")
    arrays = []
    for s in space.symbols:
        arr = np.atleast_1d(np.asarray(given[s], dtype=float))
        if arr.ndim != 1:
            raise GameError(f"values of {s} must be a scalar or a 1-D array, got shape {arr.shape}")
        if arr.size == 0:
            raise GameError(f"values of {s} are empty")
        arrays.append(arr)
    if not aligned:
        return arrays, tuple(len(a) for a in arrays)
    n = max(len(a) for a in arrays)
    for s, a in zip(space.symbols, arrays, strict=True):
        if len(a) not in (1, n):
            raise GameError(f"points: {s} has {len(a)} values, others {n}")
    return [np.broadcast_to(a, (n,)) for a in arrays], None


def columns(
    arrays: list[np.ndarray], shape: tuple[int, ...] | None, idx: np.ndarray
) -> list[np.ndarray]:
    if shape is None:
        return [a[idx] for a in arrays]
    sub = np.unravel_index(idx, shape)
    return [a[i] for a, i in zip(arrays, sub, strict=True)]


def inside(space: ParameterSpace, cols: list[np.ndarray], outside: str, tol: float) -> np.ndarray:
    """Which points lie in the space: interval ends exactly as given, constraints by the
    tolerance rule.  Raises with counts per violated bound unless ``outside == "drop"``."""
    checks: list[tuple[str, np.ndarray]] = []
    for (sym, iv), x in zip(space.intervals, cols, strict=True):
        lo, hi = iv.start, iv.end
        if lo.is_finite:
            ok = x > float(lo) if iv.left_open else x >= float(lo)
            checks.append((f"{sym} {'>' if iv.left_open else '>='} {lo}", ok))
        if hi.is_finite:
            ok = x < float(hi) if iv.right_open else x <= float(hi)
            checks.append((f"{sym} {'<' if iv.right_open else '<='} {hi}", ok))
    atoms = [a for rel in space.constraints for a in atom(rel)]
    if atoms:
        holds = compile_atoms(atoms, space.symbols).holds(*cols, tol=tol)
        checks += [(str(a.as_relational()), row) for a, row in zip(atoms, holds, strict=True)]
    ok = np.ones(len(cols[0]), dtype=bool)
    for _, row in checks:
        ok &= row
    if ok.all() or outside == "drop":
        return ok
    bad = [f"{int((~row).sum())} points violate {what}" for what, row in checks if not row.all()]
    raise OutsideSpaceError(
        f"{int((~ok).sum())} grid points lie outside the space: {'; '.join(bad)} "
        "(pass outside='drop' to leave them out)"
    )

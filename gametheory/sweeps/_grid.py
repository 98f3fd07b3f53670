"""Reading a sweep's grid: values per parameter, Cartesian or aligned, and membership.

Values are checked one parameter at a time, so a bad one is an error naming its parameter (a
string, a boolean, a complex number, a symbol, an int too large for a float).  NaN and
infinities are read, and lie outside every space: a parameter space is a set of real points.
Membership is counted over the whole sweep before anything is evaluated, so an error says how
many points lie outside, and for which bound.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp

from ..conditions import atom, compile_atoms
from ..errors import GameError, MissingParameterError, OutsideSpaceError
from ..params import ParameterSpace

__all__ = ["columns", "failure_frame", "kept_points", "read_grid"]

_Why = Callable[[], str]  # what a failed check says, built only when one fails
_BLOCK = 500_000  # points checked for membership at once (bounds memory)


def read_grid(
    space: ParameterSpace,
    grid: Mapping[Any, object] | None,
    points: Mapping[Any, object] | None,
    values: Mapping[str, object],
) -> tuple[list[np.ndarray], tuple[int, ...] | None]:
    for what, given_map in (("grid", grid), ("points", points)):
        if given_map is not None and not isinstance(given_map, Mapping):
            raise GameError(
                f"{what} must be a mapping of parameter -> values (e.g. {{'c': [1, 2]}}), "
                f"got {type(given_map).__name__}"
            )
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
    arrays = [_floats(s, given[s]) for s in space.symbols]
    if not aligned:
        return arrays, tuple(len(a) for a in arrays)
    n = max(len(a) for a in arrays)
    for s, a in zip(space.symbols, arrays, strict=True):
        if len(a) not in (1, n):
            raise GameError(f"points: {s} has {len(a)} values, others {n}")
    return [np.broadcast_to(a, (n,)) for a in arrays], None


def _floats(sym: sp.Symbol, value: object) -> np.ndarray:
    """One parameter's values as a 1-D float array; a GameError naming it otherwise."""
    if isinstance(value, str | bytes):
        raise GameError(f"values of {sym} must be numbers, got the string {value!r}")
    try:
        raw = np.asarray(value)
    except Exception as exc:  # a ragged nest of lists, an object numpy refuses
        raise GameError(f"values of {sym} must be a scalar or a 1-D array: {exc}") from exc
    if raw.ndim > 1:
        raise GameError(f"values of {sym} must be a scalar or a 1-D array, got shape {raw.shape}")
    raw = np.atleast_1d(raw)
    if raw.size == 0:
        raise GameError(f"values of {sym} are empty")
    kind = raw.dtype.kind
    if kind in "iuf":
        return raw.astype(float)
    if kind == "O":
        return np.array([_float(sym, v) for v in raw], dtype=float)
    what = {
        "b": "booleans",
        "c": "complex numbers",
        "U": "strings",
        "S": "strings",
        "M": "dates",
        "m": "time spans",
    }.get(kind, f"of numpy type {raw.dtype}")
    raise GameError(f"values of {sym} must be real numbers, got {what} ({raw[0]!r} ...)")


def _float(sym: sp.Symbol, v: object) -> float:
    if isinstance(v, bool | np.bool_) or v is None or isinstance(v, str | bytes | complex):
        raise GameError(f"values of {sym} must be real numbers, got {v!r}")
    if isinstance(v, sp.Basic):
        if not (isinstance(v, sp.Expr) and v.is_number and v.is_extended_real):
            raise GameError(f"values of {sym} must be real numbers, got the expression {v}")
    elif not isinstance(v, numbers.Real | Fraction):
        raise GameError(f"values of {sym} must be real numbers, got {type(v).__name__} {v!r}")
    try:
        return float(v)
    except OverflowError:
        raise GameError(
            f"a value of {sym} is too large for a float sweep (about 10**{len(str(v)) - 1})"
        ) from None
    except (TypeError, ValueError) as exc:
        raise GameError(f"values of {sym} must be real numbers, got {v!r}") from exc


def columns(
    arrays: list[np.ndarray], shape: tuple[int, ...] | None, idx: np.ndarray
) -> list[np.ndarray]:
    if shape is None:
        return [a[idx] for a in arrays]
    sub = np.unravel_index(idx, shape)
    return [a[i] for a, i in zip(arrays, sub, strict=True)]


def failure_frame(
    names: Sequence[str],
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    points: np.ndarray,
    errors: np.ndarray,
) -> pd.DataFrame:
    """The failures of a sweep: a column per parameter, ``point`` and ``error``, by point."""
    if not len(points):
        return _no_failures(tuple(names)).copy()
    order = np.argsort(points, kind="stable")
    points = np.asarray(points, dtype=np.int64)[order]
    data: dict[str, Any] = {
        name: np.asarray(col, dtype=float) if len(points) else np.empty(0)
        for name, col in zip(names, columns(arrays, shape, points), strict=True)
    }
    data["point"] = points
    data["error"] = np.asarray(errors, dtype=object)[order]
    return pd.DataFrame(data)


@functools.lru_cache(maxsize=32)
def _no_failures(names: tuple[str, ...]) -> pd.DataFrame:
    """The failures of a sweep without any (kept, and copied for each result: built in
    pandas, even an empty frame takes a tenth of a millisecond)."""
    data: dict[str, Any] = {name: np.empty(0) for name in names}
    data["point"] = np.empty(0, dtype=np.int64)
    data["error"] = np.empty(0, dtype=object)
    return pd.DataFrame(data)


def kept_points(
    space: ParameterSpace,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    outside: str,
    tol: float,
) -> np.ndarray:
    """The indices of the points inside the space, every point checked before any is
    evaluated: interval ends exactly as given, constraints by the tolerance rule, NaN and
    infinities outside.  Unless ``outside == "drop"``, points outside raise, counted over the
    whole sweep for each violated bound."""
    if shape is not None and not space.constraints:
        return _kept_on_axes(space, arrays, n, outside)
    if shape is None and not space.constraints and _all_inside(space, arrays):
        return np.arange(n)  # the common case, in a few array operations
    parts = []
    counts: dict[str, int] = {}
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        idx = np.arange(start, stop)
        cols = [a[start:stop] for a in arrays] if shape is None else columns(arrays, shape, idx)
        ok, checks = _inside(space, cols, tol)
        for why, row in checks:
            if not row.all():
                what = why()
                counts[what] = counts.get(what, 0) + int((~row).sum())
        parts.append(idx if ok.all() else idx[ok])
    kept = np.concatenate(parts)
    _refuse(counts, n, len(kept), outside)
    return kept


def _all_inside(space: ParameterSpace, arrays: list[np.ndarray]) -> bool:
    """Whether every aligned point is finite and inside its intervals (then no check needs
    its own row: :func:`_inside` says which fail, and where, otherwise)."""
    for (_, iv), x in zip(space.intervals, arrays, strict=True):
        lo, hi = iv.start, iv.end
        if not np.isfinite(x).all():
            return False
        if lo.is_finite and not (x > float(lo) if iv.left_open else x >= float(lo)).all():
            return False
        if hi.is_finite and not (x < float(hi) if iv.right_open else x <= float(hi)).all():
            return False
    return True


def _kept_on_axes(
    space: ParameterSpace, arrays: list[np.ndarray], n: int, outside: str
) -> np.ndarray:
    """:func:`kept_points` of a Cartesian grid in a space of intervals only: each axis checked
    on its own, a bad value counted once per point of the grid it spans."""
    counts: dict[str, int] = {}
    oks = []
    for i, (sym, iv) in enumerate(space.intervals):
        x = arrays[i]
        spans = n // len(x)
        ok = np.ones(len(x), dtype=bool)
        for why, row in _interval_checks(sym, iv, x):
            if not row.all():
                what = why()
                counts[what] = counts.get(what, 0) + int((~row).sum()) * spans
            ok &= row
        oks.append(ok)
    if all(ok.all() for ok in oks):
        return np.arange(n)
    inside = int(np.prod([int(ok.sum()) for ok in oks]))
    _refuse(counts, n, inside, outside)
    mask = oks[0]
    for ok in oks[1:]:
        mask = np.logical_and.outer(mask, ok).ravel()
    return np.flatnonzero(mask)


def _refuse(counts: dict[str, int], n: int, inside: int, outside: str) -> None:
    if inside < n and outside != "drop":
        said = [f"{k} points {what}" for what, k in counts.items()]
        raise OutsideSpaceError(
            f"{n - inside} grid points lie outside the space: {'; '.join(said)} "
            f"({inside} of {n} inside; pass outside='drop' to leave them out)"
        )


def _inside(
    space: ParameterSpace, cols: list[np.ndarray], tol: float
) -> tuple[np.ndarray, list[tuple[_Why, np.ndarray]]]:
    """Which points lie in the space, and each check's row (what it says when violated)."""
    checks: list[tuple[_Why, np.ndarray]] = []
    for (sym, iv), x in zip(space.intervals, cols, strict=True):
        checks += _interval_checks(sym, iv, x)
    finite = np.all([np.isfinite(x) for x in cols], axis=0)
    atoms = [a for rel in space.constraints for a in atom(rel)]
    if atoms:
        with np.errstate(all="ignore"):
            holds = compile_atoms(atoms, space.symbols).holds(*cols, tol=tol)
        # a constraint is blamed only at points whose values are all finite
        checks += [
            (functools.partial(_said, "violate {}", a.as_relational()), row | ~finite)
            for a, row in zip(atoms, holds, strict=True)
        ]
    ok = finite.copy()
    for _, row in checks:
        ok &= row
    return ok, checks


def _interval_checks(
    sym: sp.Symbol, iv: sp.Interval, x: np.ndarray
) -> list[tuple[_Why, np.ndarray]]:
    """One parameter's checks: finite, then each finite end of its interval (exactly as given);
    a value that is not finite is blamed only for that."""
    finite = np.isfinite(x)
    checks: list[tuple[_Why, np.ndarray]] = [
        (functools.partial(_said, "have {} not finite (NaN or infinite)", sym), finite)
    ]
    lo, hi = iv.start, iv.end
    if lo.is_finite:
        ok = x > float(lo) if iv.left_open else x >= float(lo)
        how = ">" if iv.left_open else ">="
        checks.append((functools.partial(_said, f"violate {{}} {how} {{}}", sym, lo), ok | ~finite))
    if hi.is_finite:
        ok = x < float(hi) if iv.right_open else x <= float(hi)
        how = "<" if iv.right_open else "<="
        checks.append((functools.partial(_said, f"violate {{}} {how} {{}}", sym, hi), ok | ~finite))
    return checks


def _said(template: str, *parts: object) -> str:
    """A check's words, written only when it fails (printing sympy objects is slow)."""
    return template.format(*parts)

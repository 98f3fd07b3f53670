"""The work function of per-point sweeps: a chunk of points of one game, solved point by point.

Runs on the executor's workers (or in the caller, serially), so everything here pickles: the
function is module-level, and its arguments are the game, a float array of points and
:class:`Options`, which hold no compiled code (the two-player fast path compiles the game once
per process, under the sweep's token).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._numbers import simple_fraction
from ..solvers.solve import solve
from ._batch import BatchRows, prepared_batch
from ._bimatrix import prepared

__all__ = ["Chunk", "Options", "Spec", "error_text", "float_ends", "solve_chunk"]

Spec = tuple[tuple[str, str, str], ...]
"""Per value column: ``("payoff", player, "")``, ``("outcome", label, "")`` or
``("strategy", player or information set, action)``."""


@dataclass(frozen=True)
class Options:
    """What a worker needs besides the game and the points: picklable, no compiled code.

    Attributes
    ----------
    symbols
        The game's parameters, in the order of the chunk's value columns.
    ends
        Their intervals in the sweep's space, as the float checks of the grid read them
        ``(lo, hi, left open, right open)``: a float read as a simple rational stays inside.
    spec
        The value columns to read off each equilibrium (see :data:`Spec`).
    fast
        For games :mod:`._bimatrix` solves without sympy: the sweep's token, under which each
        process compiles the game once.
    plan
        For small such games, the batched float path's exact plan
        (:func:`._plan.exact_plan`, booleans computed once by the caller), or
        ``None``: the points are then solved one by one.
    """

    symbols: tuple[sp.Symbol, ...]
    ends: tuple[tuple[float, float, bool, bool], ...]
    spec: Spec
    fast: str | None = None
    plan: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Chunk:
    """One chunk's equilibria, a row each, and its failed points (positions in the chunk).

    Compact, as it travels back from a worker: the rows' kinds are codes (``kinds[r]`` names
    row ``r``'s kind ``names[kinds[r]]``), not a string per row."""

    rows: np.ndarray
    equilibrium: np.ndarray
    kinds: np.ndarray
    values: np.ndarray
    failed: tuple[tuple[int, str], ...]
    names: tuple[str, ...] = ()

    @classmethod
    def empty(cls, width: int, failed: tuple[tuple[int, str], ...] = ()) -> Chunk:
        """No equilibria (``width`` value columns), only ``failed`` points."""
        none = np.empty(0, dtype=np.int64)
        return cls(none, none, np.empty(0, dtype=np.int8), np.empty((0, width)), failed)


def solve_chunk(game: object, values: np.ndarray, options: Options) -> Chunk:
    """Solve ``game`` at each row of ``values`` (one column per parameter of ``options``).

    Module-level and free of compiled code, so an executor can pickle it with its arguments.
    An exception at a point is caught and recorded as ``"TypeName: message"``.
    """
    values = np.asarray(values, dtype=float).reshape(len(values), len(options.symbols))
    todo: list[int] = list(range(len(values)))
    pre: BatchRows | None = None
    if options.fast and options.plan is not None:
        batch = prepared_batch(options.fast, game, options.symbols, options.spec, options.plan)
        if batch is not None:
            try:
                pre = batch.solve(values)
                todo = pre[4].tolist()
            except Exception:  # pragma: no cover - defensive: every point then goes exact
                pre = None
    rows: list[int] = []
    ids: list[int] = []
    kinds: list[str] = []
    out: list[list[float]] = []
    failed: list[tuple[int, str]] = []
    fast = (
        prepared(options.fast, game, options.symbols, options.spec)  # type: ignore[arg-type]
        if options.fast and todo
        else None
    )
    for r in todo:
        xs = values[r]
        try:
            exact = [_exact(float(x), e) for x, e in zip(xs, options.ends, strict=True)]
            found = None
            if fast is not None:
                try:
                    found = fast.rows(exact)
                except Exception:  # e.g. a payoff undefined here: the general path says so
                    found = None
            if found is None:
                point = {
                    s: sp.Rational(q.numerator, q.denominator)
                    for s, q in zip(options.symbols, exact, strict=True)
                }
                sol = solve(game.at(point))  # type: ignore[attr-defined]
                found = [(eq.kind, _row(eq, options.spec)) for eq in sol.equilibria]
        except Exception as exc:  # any failure at one point is data, not the end of the sweep
            failed.append((r, error_text(exc)))
            continue
        for k, (kind, vals) in enumerate(found):
            rows.append(r)
            ids.append(k)
            kinds.append(kind)
            out.append(vals)
    width = len(options.spec)
    names = list(_KINDS)
    code = {k: c for c, k in enumerate(names)}
    for kind in kinds:
        if kind not in code:
            code[kind] = len(names)
            names.append(kind)
    rows_a = np.array(rows, dtype=np.int64)
    ids_a = np.array(ids, dtype=np.int64)
    kinds_a = np.array([code[k] for k in kinds], dtype=np.int8 if len(names) < 128 else np.int64)
    vals_a = np.array(out, dtype=float).reshape(len(out), width)
    if pre is not None and len(pre[0]) and not rows:  # in order already: by point, then id
        return Chunk(
            pre[0].astype(np.int64, copy=False),
            pre[1].astype(np.int64, copy=False),
            np.where(pre[2], 0, 1).astype(np.int8),
            pre[3],
            tuple(failed),
            tuple(names),
        )
    if pre is not None and len(pre[0]):
        all_rows = np.concatenate([pre[0], rows_a])
        all_ids = np.concatenate([pre[1], ids_a])
        # the batched path's kinds: "pure" (code 0) or "mixed" (code 1), as _KINDS lists them
        all_kinds = np.concatenate([np.where(pre[2], 0, 1).astype(np.int8), kinds_a])
        all_vals = np.concatenate([pre[3], vals_a])
        order = np.lexsort((all_ids, all_rows))
        rows_a, ids_a = all_rows[order], all_ids[order]
        kinds_a, vals_a = all_kinds[order], all_vals[order]
    return Chunk(rows_a, ids_a, kinds_a, vals_a, tuple(failed), tuple(names))


_KINDS = ("pure", "mixed")  # the first kind codes of every chunk (the batched path's two)


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def float_ends(iv: sp.Interval) -> tuple[float, float, bool, bool]:
    lo = float(iv.start) if iv.start.is_finite else -math.inf
    hi = float(iv.end) if iv.end.is_finite else math.inf
    return lo, hi, bool(iv.left_open), bool(iv.right_open)


def _exact(x: float, ends: tuple[float, float, bool, bool]) -> Fraction:
    """The simple rational a float denotes (``0.3`` is ``3/10``, as ``rational_of`` reads it),
    unless rounding to it would cross an end of the interval the float was checked against:
    then the float's exact value."""
    q = simple_fraction(x)
    lo, hi, lo_open, hi_open = ends
    f = float(q)
    if (f > lo if lo_open else f >= lo) and (f < hi if hi_open else f <= hi):
        return q
    return Fraction(x)


def _row(eq: Any, spec: Spec) -> list[float]:
    out = []
    for source, key, action in spec:
        if source == "payoff":
            v = eq.payoffs.get(key)
        elif source == "outcome":
            v = eq.outcomes.get(key)
        else:
            v = eq.strategies.get(key, {}).get(action)
        out.append(_number(v))
    return out


def _number(v: object) -> float:
    """A value as a float; NaN when it is not a number (a cutoff rule in a continuous choice)."""
    if v is None:
        return math.nan
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan

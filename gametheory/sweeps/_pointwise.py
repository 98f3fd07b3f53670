"""Per-point sweeps of a game: at each grid point, the game evaluated there and solved exactly.

The fallback of :func:`~gametheory.sweep` for games without a symbolic solution (or where one is
too slow to derive).  Each point's float values are read as the simple rationals they denote
(``0.3`` is ``3/10``), the game is evaluated there (``game.at``) and solved with
:func:`~gametheory.solve`.  Points go in chunks to :func:`solve_chunk`, a module-level function
of the game, the chunk's values and picklable options, run serially or on any
:class:`concurrent.futures.Executor`; chunks are reassembled in point order, so the frame is the
same whatever the executor.  A point where evaluating or solving the game raises is recorded in
``SweepResult.failures`` and the sweep goes on.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp

from .._numbers import simple_fraction
from ..errors import GameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.tree import ContinuousDecision, node_paths
from ..params import ParameterSpace
from ..solvers.solve import solve
from ..solvers.spe import _outcome_labels
from ._bimatrix import applies, prepared
from ._compiled import Measure, select_rows
from ._grid import columns, inside
from ._progress import Progress
from ._result import SweepResult

__all__ = ["Options", "solve_chunk", "sweep_game"]

Spec = tuple[tuple[str, str, str], ...]
"""Per value column: ``("payoff", player, "")``, ``("outcome", label, "")`` or
``("strategy", player or information set, action)``."""

_MAX_TASK = 256  # points per task, at most (auto size)
_TASKS = 128  # aim for about this many tasks (auto size), so workers stay balanced
_IN_FLIGHT = 64  # tasks submitted to an executor ahead of the results read


# -- the work function (runs on workers) ---------------------------------------------------
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
    """

    symbols: tuple[sp.Symbol, ...]
    ends: tuple[tuple[float, float, bool, bool], ...]
    spec: Spec
    fast: str | None = None


@dataclass(frozen=True)
class Chunk:
    """One chunk's equilibria, a row each, and its failed points (positions in the chunk)."""

    rows: np.ndarray
    equilibrium: np.ndarray
    kinds: tuple[str, ...]
    values: np.ndarray
    failed: tuple[tuple[int, str], ...]


def solve_chunk(game: object, values: np.ndarray, options: Options) -> Chunk:
    """Solve ``game`` at each row of ``values`` (one column per parameter of ``options``).

    Module-level and free of compiled code, so an executor can pickle it with its arguments.
    An exception at a point is caught and recorded as ``"TypeName: message"``.
    """
    fast = (
        prepared(options.fast, game, options.symbols, options.spec)  # type: ignore[arg-type]
        if options.fast
        else None
    )
    rows: list[int] = []
    ids: list[int] = []
    kinds: list[str] = []
    out: list[list[float]] = []
    failed: list[tuple[int, str]] = []
    for r, xs in enumerate(np.asarray(values, dtype=float)):
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
    return Chunk(
        np.array(rows, dtype=np.int64),
        np.array(ids, dtype=np.int64),
        tuple(kinds),
        np.array(out, dtype=float).reshape(len(out), len(options.spec)),
        tuple(failed),
    )


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _float_ends(iv: sp.Interval) -> tuple[float, float, bool, bool]:
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


# -- the frame's columns, from the game's structure -----------------------------------------
def layout(game: object) -> dict[str, tuple[str, str, str]]:
    """The value columns, named as the compiled sweep names them: a payoff per player, a
    probability per outcome label (``P(label)`` if a player has that name), a
    ``player:action`` column per action (information set and action for trees)."""
    if isinstance(game, NormalFormGame):
        labels = list(dict.fromkeys(lab for lot in game.lotteries for lab in lot))
        owners = [(p, game.actions[p]) for p in game.players]
    elif isinstance(game, ExtensiveGame):
        labels = _outcome_labels(game)
        after = _after_continuous(game)
        owners = [(h, info.actions) for h, info in game.infosets.items() if h not in after]
    else:  # pragma: no cover - sweep() checks the type first
        raise GameError(f"cannot sweep a {type(game).__name__} point by point")
    cols: dict[str, tuple[str, str, str]] = {p: ("payoff", p, "") for p in game.players}
    for lab in labels:
        cols[lab if lab not in cols else f"P({lab})"] = ("outcome", lab, "")
    for owner, actions in owners:
        for a in actions:
            cols[f"{owner}:{a}"] = ("strategy", owner, a)
    return cols


def _after_continuous(game: ExtensiveGame) -> set[str]:
    """Information sets below a continuous decision: their strategies are rules in the earlier
    choice (``accept if x >= 1/4 - d``), not numbers, so, as in the compiled sweep, no column."""
    cuts = [p for p, node in node_paths(game.root) if isinstance(node, ContinuousDecision)]
    return {
        h
        for h, info in game.infosets.items()
        if any(
            p != cut and (cut == "root" or p.startswith(cut + "/"))
            for p in info.paths
            for cut in cuts
        )
    }


# -- the sweep (runs in the caller's process) ------------------------------------------------
def sweep_game(
    game: NormalFormGame | ExtensiveGame,
    space: ParameterSpace,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    *,
    measures: Mapping[str, Measure],
    strategies: bool,
    select: str,
    outside: str,
    tol: float,
    chunk_size: int | None,
    executor: Executor | None,
    progress: bool | None,
) -> SweepResult:
    """Solve ``game`` at each point of the grid; see :func:`gametheory.sweep`."""
    names = tuple(s.name for s in space.symbols)
    cols = layout(game)
    shown = [c for c, (src, _, _) in cols.items() if strategies or src != "strategy"]
    exprs = {k: _measure_columns(k, m, cols, names) for k, m in measures.items()}
    # a typo in select= should not cost a whole sweep: check it on the frame's columns first
    select_rows(
        pd.DataFrame(columns=[*names, "point", "equilibrium", "kind", *shown, *measures]), select
    )
    kept = _kept_points(space, arrays, shape, n, outside, tol)
    params = game.parameters
    where = [space.symbols.index(s) for s in params]
    options = Options(
        params,
        tuple(_float_ends(space.interval(s)) for s in params),
        tuple(cols.values()),
        uuid.uuid4().hex if applies(game) else None,
    )
    size = chunk_size or max(1, min(_MAX_TASK, math.ceil(len(kept) / _TASKS)))

    def tasks() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for start in range(0, len(kept), size):
            idx = kept[start : start + size]
            values = columns(arrays, shape, idx)
            yield (
                idx,
                np.column_stack([values[j] for j in where]) if where else np.empty((len(idx), 0)),
            )

    bar = Progress(len(kept), progress)
    try:
        chunks = _run(game, tasks(), options, executor, bar)
    finally:
        bar.close()
    frame, failures = _assemble(chunks, cols, shown, names, arrays, shape)
    for name, m in measures.items():
        if isinstance(m, sp.Basic):
            frame[name] = _evaluate(m, exprs[name], frame)
    for name, m in measures.items():
        if not isinstance(m, sp.Basic):
            frame[name] = np.asarray(m(frame))
    frame = select_rows(frame, select)
    return SweepResult(frame, names, n, shape, failures)


def _kept_points(
    space: ParameterSpace,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    outside: str,
    tol: float,
) -> np.ndarray:
    """The indices of the points inside the space, all checked before any is solved."""
    parts = []
    for start in range(0, n, 500_000):
        idx = np.arange(start, min(n, start + 500_000))
        parts.append(idx[inside(space, columns(arrays, shape, idx), outside, tol)])
    return np.concatenate(parts)


def _run(
    game: object,
    tasks: Iterator[tuple[np.ndarray, np.ndarray]],
    options: Options,
    executor: Executor | None,
    bar: Progress,
) -> list[tuple[np.ndarray, Chunk]]:
    """Every task's chunk, in task order.  A task that fails as a whole (a worker lost, the game
    not picklable) records each of its points as failed."""
    if executor is None:
        out = []
        for idx, values in tasks:
            try:
                chunk = solve_chunk(game, values, options)
            except Exception as exc:  # pragma: no cover - solve_chunk catches per point
                chunk = _all_failed(len(idx), options, exc)
            out.append((idx, chunk))
            bar.advance(len(idx))
        return out
    results: dict[int, tuple[np.ndarray, Chunk]] = {}
    pending: dict[Future[Chunk], tuple[int, np.ndarray]] = {}
    queue = enumerate(tasks)
    try:
        while True:
            while len(pending) < _IN_FLIGHT and (task := next(queue, None)) is not None:
                k, (idx, values) = task
                pending[executor.submit(solve_chunk, game, values, options)] = (k, idx)
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                k, idx = pending.pop(fut)
                try:
                    chunk = fut.result()
                except Exception as exc:
                    chunk = _all_failed(len(idx), options, exc)
                results[k] = (idx, chunk)
                bar.advance(len(idx))
    finally:
        for fut in pending:
            fut.cancel()
    return [results[k] for k in sorted(results)]


def _all_failed(m: int, options: Options, exc: BaseException) -> Chunk:
    text = error_text(exc)
    return Chunk(
        np.empty(0, dtype=np.int64),
        np.empty(0, dtype=np.int64),
        (),
        np.empty((0, len(options.spec))),
        tuple((r, text) for r in range(m)),
    )


def _assemble(
    chunks: Sequence[tuple[np.ndarray, Chunk]],
    cols: Mapping[str, tuple[str, str, str]],
    shown: Sequence[str],
    names: Sequence[str],
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    empty = np.empty(0, dtype=np.int64)
    point = np.concatenate([empty, *(idx[c.rows] for idx, c in chunks)])
    ids = np.concatenate([empty, *(c.equilibrium for _, c in chunks)])
    kinds = [k for _, c in chunks for k in c.kinds]
    values = np.concatenate([np.empty((0, len(cols))), *(c.values for _, c in chunks)])
    data: dict[str, Any] = dict(zip(names, _params(arrays, shape, point, names), strict=True))
    data["point"] = point
    data["equilibrium"] = ids
    data["kind"] = pd.Categorical(kinds, categories=list(dict.fromkeys(kinds)))
    position = {c: j for j, c in enumerate(cols)}
    for c in shown:
        data[c] = values[:, position[c]]
    frame = pd.DataFrame(data, copy=False)
    bad = [(idx[r], text) for idx, c in chunks for r, text in c.failed]
    where = np.array([p for p, _ in bad], dtype=np.int64)
    fails: dict[str, Any] = dict(zip(names, _params(arrays, shape, where, names), strict=True))
    fails["point"] = where
    fails["error"] = np.array([t for _, t in bad], dtype=object)
    return frame, pd.DataFrame(fails)


def _params(
    arrays: list[np.ndarray], shape: tuple[int, ...] | None, idx: np.ndarray, names: Sequence[str]
) -> list[np.ndarray]:
    if not len(idx):
        return [np.empty(0) for _ in names]
    return [np.asarray(c, dtype=float) for c in columns(arrays, shape, idx)]


# -- measures -------------------------------------------------------------------------------
def _is_expr(m: object) -> bool:
    return isinstance(m, sp.Basic)


def _measure_columns(
    name: str, m: Measure, cols: Mapping[str, tuple[str, str, str]], params: Sequence[str]
) -> dict[sp.Symbol, str]:
    """The frame column each symbol of an expression measure reads: an outcome label's
    probability, a player's payoff, or a parameter (in that order of precedence, as the
    compiled sweep substitutes them)."""
    if not _is_expr(m):
        if not callable(m):
            raise GameError(
                f"measure {name!r} must be a sympy expression or a callable, got {type(m).__name__}"
            )
        return {}
    payoff = {key: c for c, (src, key, _) in cols.items() if src == "payoff"}
    outcome = {key: c for c, (src, key, _) in cols.items() if src == "outcome"}
    out: dict[sp.Symbol, str] = {}
    unknown = []
    for s in sorted(m.free_symbols, key=lambda s: s.name):  # type: ignore[union-attr]
        col = outcome.get(s.name) or payoff.get(s.name) or (s.name if s.name in params else None)
        if col is None:
            unknown.append(s.name)
        else:
            out[s] = col
    if unknown:
        raise GameError(
            f"measure {m} names {', '.join(unknown)}: not a parameter, player or outcome label "
            f"(outcomes: {', '.join(outcome)})"
        )
    return out


def _evaluate(m: sp.Basic, where: Mapping[sp.Symbol, str], frame: pd.DataFrame) -> np.ndarray:
    syms = list(where)
    fn = sp.lambdify(syms, m, modules="numpy")
    with np.errstate(all="ignore"):
        v = fn(*(frame[where[s]].to_numpy(dtype=float) for s in syms))
    return np.broadcast_to(np.asarray(v, dtype=float), (len(frame),)).copy()

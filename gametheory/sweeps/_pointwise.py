"""Per-point sweeps of a game: at each grid point, the game evaluated there and solved exactly.

The fallback of :func:`~gametheory.sweep` for games without a symbolic solution (or where one is
too slow to derive).  Each point's float values are read as the simple rationals they denote
(``0.3`` is ``3/10``), the game is evaluated there (``game.at``) and solved with
:func:`~gametheory.solve`.  Points go in chunks to :func:`~._worker.solve_chunk`, a module-level
function of the game, the chunk's values and picklable options, run serially or on any
:class:`concurrent.futures.Executor`; chunks are reassembled in point order, so the frame is the
same whatever the executor.  A point where evaluating or solving the game raises is recorded in
``SweepResult.failures`` and the sweep goes on; a task whose worker is lost is retried, and
Ctrl-C keeps the tasks done (see :mod:`._runner`).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import uuid
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp

from .._budget import UNLIMITED, Budget
from ..errors import GameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.outcome_labels import outcome_labels
from ..games.tree import ContinuousDecision, node_paths
from ..params import ParameterSpace
from ._assemble import assemble
from ._batch import cells, fits
from ._bimatrix import applies
from ._compiled import Measure
from ._grid import columns, failure_frame, kept_points
from ._measures import finish
from ._plan import exact_plan
from ._pool import ProcessPool
from ._progress import Progress
from ._result import SweepResult
from ._runner import Task, run
from ._select import Select
from ._worker import Options, float_ends

__all__ = ["cores", "layout", "pointwise_sweep", "pool_shares"]

_MAX_TASK = 256  # points per task, at most (auto size)
_TASKS = 64  # aim for about this many tasks (auto size), so workers stay balanced
_BATCH = 4096  # points per task of the batched float path, at most (auto size)
_TRIP = 6000  # system entries (see _batch.cells) a worker solves, per point, in the time its
# task's round trip takes: about 0.35 ms against 0.06 us an entry (measured on 2 cores: a 2x2
# game's 51 entries a point, 2.7 us; a 4x4's 1,339, 100 us), so the caller takes that many
# points more than a worker (118 of a 2x2 game, 4 of a 4x4) on a ProcessPoolExecutor
_TRIP_OWN = 4500  # the same on a ProcessPool: 88 points of a 2x2 game (a shorter trip, but a
# worker's share runs a little slower than the caller's; interleaved runs of +0 to +120 points
# on 2 cores: +75 to +105 best, 4-5% faster than equal shares)


# -- the frame's columns, from the game's structure -----------------------------------------
def layout(game: object) -> dict[str, tuple[str, str, str]]:
    """The value columns, named as the compiled sweep names them: a payoff per player, a
    probability per outcome label (``P(label)`` if a player has that name), a
    ``player:action`` column per action (information set and action for trees)."""
    if isinstance(game, NormalFormGame):
        labels = list(dict.fromkeys(lab for lot in game.lotteries for lab in lot))
        owners = [(p, game.actions[p]) for p in game.players]
    elif isinstance(game, ExtensiveGame):
        labels = outcome_labels(game)
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
def pointwise_sweep(
    game: NormalFormGame | ExtensiveGame,
    space: ParameterSpace,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    *,
    measures: Mapping[str, Measure],
    strategies: bool,
    select: Select,
    outside: str,
    tol: float,
    chunk_size: int | None,
    executor: Executor | None,
    progress: bool | None,
    retries: int = 2,
    clock: Budget = UNLIMITED,
) -> SweepResult:
    """Solve ``game`` at each point of the grid; see :func:`gametheory.sweep_game`."""
    names = tuple(s.name for s in space.symbols)
    cols = layout(game)
    shown = [c for c, (src, _, _) in cols.items() if strategies or src != "strategy"]
    exprs = {k: _measure_columns(k, m, cols, names) for k, m in measures.items()}
    # a typo in select= should not cost a whole sweep: check it on the frame's columns first
    select.check([*names, "point", "equilibrium", "kind", *shown, *measures])
    kept = kept_points(space, arrays, shape, n, outside, tol)
    params = game.parameters
    where = [space.symbols.index(s) for s in params]
    spec = tuple(cols[c] for c in shown)  # only the columns the frame shows travel back
    token, ends = _static(game, space, params, spec)
    options = Options(params, ends, spec, token, _plan(token, game, params) if token else None)
    inline = _inline(executor, options.plan is not None)
    size = chunk_size or _auto_size(len(kept), executor, options.plan is not None, inline)
    # the caller's share is larger by what a worker's task costs it more (its trip there
    # and back: longer through ProcessPoolExecutor's threads than through a ProcessPool's pipes)
    trip = _TRIP_OWN if isinstance(executor, ProcessPool) else _TRIP
    more = trip / cells(game.shape) if inline and isinstance(game, NormalFormGame) else 0.0
    bounds = _bounds(len(kept), size, 0.0 if chunk_size else more)

    def tasks() -> Iterator[Task]:
        for start, stop in bounds:
            clock.check("points handed to the solver", start, len(kept))
            idx = kept[start:stop]
            values = columns(arrays, shape, idx)
            yield Task(
                idx,
                np.column_stack([values[j] for j in where]) if where else np.empty((len(idx), 0)),
            )

    bar = Progress(len(kept), progress)
    try:
        done = run(game, tasks(), options, executor, bar, retries, inline)
    finally:
        bar.close()
    frame, (points, errors) = assemble(done.chunks, shown, names, arrays, shape)
    incomplete: tuple[str, ...] = ()
    if done.interrupted:
        reached = np.concatenate([np.empty(0, dtype=np.int64), *(idx for idx, _ in done.chunks)])
        left = np.setdiff1d(kept, reached)
        incomplete = (
            f"interrupted (KeyboardInterrupt): {len(left)} of the {len(kept)} points inside the "
            "space were not evaluated (in failures as 'not evaluated')",
        )
        points = np.concatenate([points, left])
        errors = np.concatenate(
            [errors, np.full(len(left), "not evaluated: the sweep was interrupted", dtype=object)]
        )
    failures = failure_frame(names, arrays, shape, points, errors)
    for name, m in measures.items():
        if isinstance(m, sp.Basic):
            frame[name] = _evaluate(m, exprs[name], frame)
    return finish(
        frame,
        measures,
        select,
        lambda f: SweepResult(f, names, n, shape, failures, not incomplete, incomplete),
    )


def _static(
    game: object, space: ParameterSpace, params: tuple[sp.Symbol, ...], spec: tuple[Any, ...]
) -> tuple[str | None, tuple[tuple[float, float, bool, bool], ...]]:
    """What a sweep of ``game`` in ``space`` sends its workers besides the points, the same
    for every sweep of them (kept for the next): the fast path's token (``None``: the game
    is solved by ``gt.solve`` at each point) and the parameters' interval ends."""
    key: tuple[object, ...] | None = (game, space, params, spec)
    try:
        found = _STATIC.get(key)  # type: ignore[arg-type]
    except TypeError:  # something unhashable in it: nothing kept
        key, found = None, None
    if found is None:
        token = _token(game, params, spec) if applies(game) else None
        found = (token, tuple(float_ends(space.interval(s)) for s in params))
        if key is not None:
            if len(_STATIC) >= 16:
                _STATIC.clear()
            _STATIC[key] = found
    return found


_STATIC: dict[tuple[object, ...], tuple[str | None, Any]] = {}  # by game, space, params, spec


def _token(game: object, params: Sequence[sp.Symbol], spec: object) -> str:
    """The name each process compiles the game under: its content's digest, so a pool already
    started compiles a game once however many sweeps of it run (a random name if the game
    does not pickle: the workers then record that error)."""
    try:
        return hashlib.sha256(pickle.dumps((game, tuple(params), spec))).hexdigest()
    except Exception:
        return uuid.uuid4().hex


_PLANS: dict[str, tuple[Any, ...] | None] = {}  # this process's plans, by token


def _plan(token: str, game: object, params: Sequence[sp.Symbol]) -> tuple[Any, ...] | None:
    """The batched float path's plan for a small two-player game (``None``: point by point)."""
    if token in _PLANS:
        return _PLANS[token]
    plan = None
    if fits(game):
        try:
            plan = exact_plan(game, params)  # type: ignore[arg-type]
        except Exception:  # pragma: no cover - defensive: the per-point path is always right
            plan = None
    if len(_PLANS) >= 8:
        _PLANS.clear()
    _PLANS[token] = plan
    return plan


def _bounds(points: int, size: int, more: float) -> list[tuple[int, int]]:
    """Each task's ``(start, stop)`` in the kept points: tasks of ``size`` points, the first
    (the caller's share) larger by ``more`` points than the others, as many tasks in all."""
    first = size
    if more and points > size:
        count = math.ceil(points / size)
        first = min(points - count + 1, math.ceil((points + (count - 1) * more) / count))
        size = math.ceil((points - first) / (count - 1))
    if not points:
        return []
    starts = [0, *range(first, points, size)]
    return list(zip(starts, [*starts[1:], points], strict=True))


def _inline(executor: Executor | None, batched: bool) -> bool:
    """Whether the caller solves a share of a batched sweep itself (:mod:`._runner`): on a
    process pool of this machine, where it would otherwise idle on a core the pool could use."""
    return batched and isinstance(executor, ProcessPoolExecutor | ProcessPool)


def pool_shares(workers: int) -> int:
    """The tasks a pool of ``workers`` gets when the caller solves a share: one per other busy
    core, at least one (on 2 cores: one)."""
    return max(1, min(workers, cores() - 1))


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _auto_size(points: int, executor: Executor | None, batched: bool, inline: bool = False) -> int:
    """Points per task: about 1/64 of the grid point by point; batched, one task per
    :data:`_BATCH` points serially and one task per worker on an executor (each task has a
    fixed cost of about a millisecond, which at a few thousand small games is a good part of
    the work: 2,000 points of a 3x3 game, 2 workers, measured 1.4-1.5x serial with two tasks
    per worker, 1.7-1.8x with one).  With the caller's share (``inline``), one task per busy
    core: the caller's and as many workers' as the other cores keep busy (on 2 cores, a 2-worker
    pool gets one task and the caller solves the other; at least one goes to the pool)."""
    if not batched:
        return max(1, min(_MAX_TASK, math.ceil(points / _TASKS)))
    if executor is None:
        return max(1, min(_BATCH, points))
    workers = getattr(executor, "_max_workers", None)
    tasks = workers if isinstance(workers, int) and workers > 0 else _TASKS
    if inline:
        tasks = 1 + pool_shares(tasks)
    return max(1, min(_BATCH, math.ceil(points / tasks)))


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

"""Placing a compiled sweep's rows: which equilibria hold where, written straight into the frame.

Two passes over the chunks of the grid, each chunk on a thread (numpy releases the GIL, so the
chunks run in parallel on several cores):

1. which equilibria hold at each point of the chunk (one boolean row per equilibrium), with
   coinciding equilibria merged, and how many rows each point gets;
2. with every chunk's row count known, the output columns are allocated once, and each chunk
   writes its rows into its own slice: row ``(p, k)`` (point ``p``, equilibrium ``k``) comes after
   the rows of earlier points and of earlier equilibria at ``p``.

The frame is ordered by point, then equilibrium, and is the same whatever the number of threads.
A point where some equilibrium's conditions cannot be evaluated (NaN) while all its other
conditions hold gets no rows: it is returned as undecided, with why.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

import numpy as np

__all__ = ["Chunk", "place_rows"]

Chunk = tuple[np.ndarray, list[np.ndarray]]  # the points' indices, one column per parameter
T = TypeVar("T")


class _Compiled(Protocol):
    names: list[str]

    k: int

    def mask(self, cols: list[np.ndarray], tol: float) -> tuple[np.ndarray, np.ndarray]: ...

    def values(self, cols: list[np.ndarray]) -> dict[str, np.ndarray]: ...

    def undefined_condition(self, cols: list[np.ndarray]) -> str: ...


def place_rows(
    compiled: Sequence[_Compiled],
    chunks: Sequence[Chunk],
    names: Sequence[str],
    tol: float,
    strategies: bool,
    workers: int | None = None,
) -> tuple[dict[str, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The frame's columns: parameters, ``point``, ``equilibrium`` and every measure (strategy
    columns ``player:action`` only with ``strategies``); and the undecided points with why."""
    threads = workers or min(4, os.cpu_count() or 1)
    found = _map(lambda ch: _held(compiled, ch, tol), chunks, threads)
    held = [h for h, _ in found]
    unsure = [u for _, u in found]
    totals = [int(h.sum()) for h in held]
    bases = np.cumsum([0, *totals])
    total = int(bases[-1])
    wanted = [n for n in dict.fromkeys(n for c in compiled for n in c.names)]
    wanted = [n for n in wanted if strategies or ":" not in n]
    out: dict[str, np.ndarray] = {n: np.empty(total) for n in names}
    out["point"] = np.empty(total, dtype=np.int64)
    out["equilibrium"] = np.empty(total, dtype=np.int64)
    for n in wanted:  # NaN first only where some equilibrium lacks the column
        out[n] = np.empty(total) if all(n in c.names for c in compiled) else np.full(total, np.nan)

    def fill(k: int) -> None:
        _fill(compiled, chunks[k], held[k], int(bases[k]), names, out)

    _map(fill, range(len(chunks)), threads)
    where = np.concatenate([np.empty(0, dtype=np.int64), *(p for p, _ in unsure)])
    why = np.concatenate([np.empty(0, dtype=object), *(t for _, t in unsure)])
    return out, (where, why)


def _map(fn: Callable[[Any], T], items: Sequence[Any] | range, threads: int) -> list[T]:
    if threads <= 1 or len(items) <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(fn, items))


def _held(
    compiled: Sequence[_Compiled], chunk: Chunk, tol: float
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Which equilibria hold at each point (rows: equilibria), coinciding ones merged; and the
    points where that cannot be told (no equilibrium is held there), with why."""
    idx, cols = chunk
    if not compiled:
        return np.zeros((0, len(idx)), dtype=bool), (idx[:0], np.empty(0, dtype=object))
    masks = [c.mask(cols, tol) for c in compiled]
    held = np.vstack([h for h, _ in masks])
    unsure = np.vstack([u for _, u in masks])
    where = np.flatnonzero(unsure.any(axis=0))
    why = np.empty(len(where), dtype=object)
    for j, p in enumerate(where):
        comp = compiled[int(np.argmax(unsure[:, p]))]
        cond = comp.undefined_condition([x[p : p + 1] for x in cols])
        why[j] = (
            f"GameError: cannot tell whether equilibrium {comp.k} holds here: its condition "
            f"{cond} is undefined here"
        )
    held[:, where] = False
    _merge_coinciding(compiled, held, cols)
    return held, (idx[where], why)


def _merge_coinciding(
    compiled: Sequence[_Compiled], held: np.ndarray, cols: list[np.ndarray]
) -> None:
    """Clear ``held[j]`` where an earlier equilibrium ``i`` holds with the same strategies
    (within 1e-9): on a boundary, as ``Solution.at`` merges them."""
    for i, j in itertools.combinations(range(len(compiled)), 2):
        both = np.flatnonzero(held[i] & held[j])
        if not len(both):
            continue
        at = [x[both] for x in cols]
        vi, vj = compiled[i].values(at), compiled[j].values(at)
        same = np.ones(len(both), dtype=bool)
        for k in (k for k in vi if ":" in k):
            same &= np.abs(vi[k] - vj.get(k, np.nan)) <= 1e-9
        held[j, both[same]] = False


def _fill(
    compiled: Sequence[_Compiled],
    chunk: Chunk,
    held: np.ndarray,
    base: int,
    names: Sequence[str],
    out: dict[str, np.ndarray],
) -> None:
    """Write one chunk's rows into ``out[...][base : base + rows]``."""
    idx, cols = chunk
    counts = held.sum(axis=0)
    offsets = np.cumsum(counts) - counts + base
    seen = np.zeros(len(idx), dtype=np.int64)
    for k, h in enumerate(held):
        at = np.flatnonzero(h)
        if not len(at):
            continue
        pos = offsets[at] + seen[at]
        seen[at] += 1
        out["point"][pos] = idx[at]
        out["equilibrium"][pos] = k
        sel = [x[at] for x in cols]
        for n, x in zip(names, sel, strict=True):
            out[n][pos] = x
        for n, v in compiled[k].values(sel).items():
            if n in out:
                out[n][pos] = v

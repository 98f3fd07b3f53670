"""The frame of a per-point sweep, from its chunks: a row per equilibrium, in point order.

Built with pandas' own column constructor where this pandas has it (three times faster than the
public one for a sweep's few thousand rows; not for object columns, whose dtype the public
constructor infers), and the kinds as a categorical whose categories are in order of appearance
(as ``pd.factorize`` gives them), from each chunk's kind codes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._grid import columns
from ._worker import Chunk

__all__ = ["assemble", "frame_of", "kind_column"]


def assemble(
    chunks: Sequence[tuple[np.ndarray, Chunk]],
    shown: Sequence[str],
    names: Sequence[str],
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """The frame of every chunk's equilibria, and the failed points with their errors (the
    chunks' value columns are ``shown``, in that order)."""
    empty = np.empty(0, dtype=np.int64)
    point = np.concatenate([empty, *(idx[c.rows] for idx, c in chunks)])
    ids = np.concatenate([empty, *(c.equilibrium for _, c in chunks)])
    kind = kind_column([c for _, c in chunks])
    values = np.concatenate([np.empty((0, len(shown))), *(c.values for _, c in chunks)])
    data: dict[str, Any] = dict(zip(names, _params(arrays, shape, point, names), strict=True))
    data["point"] = point
    data["equilibrium"] = ids
    data["kind"] = kind
    for j, c in enumerate(shown):
        data[c] = values[:, j]
    frame = frame_of(data)
    bad = [(idx[r], text) for idx, c in chunks for r, text in c.failed]
    where = np.array([p for p, _ in bad], dtype=np.int64)
    return frame, (where, np.array([t for _, t in bad], dtype=object))


def frame_of(data: dict[str, Any]) -> pd.DataFrame:
    """``pd.DataFrame(data, copy=False)`` for columns of one length, built in a third of the
    time by pandas' own column constructor where this pandas has it (not for object columns,
    where the public constructor infers a dtype: the frame must be the public one)."""
    make = getattr(pd.DataFrame, "_from_arrays", None)
    objects = any(isinstance(v, np.ndarray) and v.dtype.kind == "O" for v in data.values())
    if make is not None and not objects:  # (pandas infers a string dtype for objects)
        try:
            n = len(next(iter(data.values()))) if data else 0
            return make(
                list(data.values()),
                columns=_column_index(tuple(data)).copy(),  # its name is settable
                index=pd.RangeIndex(n),
                verify_integrity=False,
            )
        except TypeError:  # pragma: no cover - another pandas' signature
            pass
    return pd.DataFrame(data, copy=False)  # pragma: no cover - pandas without it


def kind_column(chunks: Sequence[Chunk]) -> pd.Categorical:
    """The rows' kinds, their categories in order of appearance (as ``pd.factorize`` gives
    them), from each chunk's kind codes."""
    order: dict[str, int] = {}
    parts = []
    for c in chunks:
        codes = np.asarray(c.kinds)
        first = [(int(np.argmax(hit)), k) for k in range(len(c.names)) if (hit := codes == k).any()]
        for _, k in sorted(first):
            order.setdefault(c.names[k], len(order))
        lookup = [order.get(name, -1) for name in c.names]
        if lookup == list(range(len(lookup))):  # this chunk's codes are the frame's already
            parts.append(codes)
        else:
            parts.append(np.asarray(lookup, dtype=np.int64)[codes])
    small = np.int8 if len(order) < 127 else np.int64
    codes = np.concatenate(
        [np.empty(0, dtype=small), *(p.astype(small, copy=False) for p in parts)]
    )
    return pd.Categorical.from_codes(codes, dtype=_categories(tuple(order)), validate=False)


@functools.lru_cache(maxsize=64)
def _column_index(names: tuple[str, ...]) -> pd.Index:
    return pd.Index(list(names))


@functools.lru_cache(maxsize=64)
def _categories(names: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(names))


def _params(
    arrays: list[np.ndarray], shape: tuple[int, ...] | None, idx: np.ndarray, names: Sequence[str]
) -> list[np.ndarray]:
    if not len(idx):
        return [np.empty(0) for _ in names]
    return [np.asarray(c, dtype=float) for c in columns(arrays, shape, idx)]

"""Saving and loading sweep results, and the grid as an xarray Dataset.

Two file formats, chosen by suffix:

- ``.parquet``: the frame as a Parquet table (pyarrow); the rest of the result (parameters,
  ``n_points``, ``shape``, the column dtypes and the failures) as JSON under the key
  ``gametheory`` of the schema's key-value metadata.
- ``.csv``: the frame as a plain CSV file any tool reads, with the same JSON in a sidecar file
  beside it, named by appending ``.json`` (``result.csv`` → ``result.csv.json``).

The frame's index is not stored: a sweep's frame is tidy, its rows numbered 0, 1, ...
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import GameError

__all__ = [
    "file_format",
    "metadata",
    "read_csv",
    "read_parquet",
    "sidecar",
    "to_xarray",
    "write_csv",
    "write_parquet",
]

FORMAT = "gametheory.SweepResult"
VERSION = 1
KEY = b"gametheory"
SUFFIXES: dict[str, Literal["csv", "parquet"]] = {".csv": "csv", ".parquet": "parquet"}
PathArg = str | PathLike[str]


def file_format(path: PathArg) -> Literal["csv", "parquet"]:
    """The format a path's suffix names; a GameError naming any other suffix."""
    suffix = Path(path).suffix
    if suffix.lower() not in SUFFIXES:
        raise GameError(
            f"cannot tell the file format of {str(path)!r} from its suffix {suffix!r}: "
            f"use {' or '.join(SUFFIXES)}"
        )
    return SUFFIXES[suffix.lower()]


def sidecar(path: PathArg) -> Path:
    """The JSON file holding a CSV's metadata: the CSV's name with ``.json`` appended."""
    p = Path(path)
    return p.with_name(p.name + ".json")


# ---------------------------------------------------------------------------- metadata


def metadata(
    frame: pd.DataFrame,
    parameters: Sequence[str],
    n_points: int,
    shape: tuple[int, ...] | None,
    failures: pd.DataFrame,
    incomplete: Sequence[str] = (),
) -> dict[str, Any]:
    """Everything but the frame's values, as JSON-ready data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "parameters": list(parameters),
        "n_points": int(n_points),
        "shape": None if shape is None else [int(n) for n in shape],
        "columns": _dtypes(frame),
        "failures": {
            "columns": _dtypes(failures),
            "data": {str(k): [_plain(v) for v in failures[k].tolist()] for k in failures.columns},
        },
        "incomplete": [str(r) for r in incomplete],
    }


def _fields(meta: dict[str, Any], where: str) -> dict[str, Any]:
    """The SweepResult fields other than the frame, from the metadata (checked)."""
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise GameError(f"{where} holds no gametheory sweep metadata")
    if meta.get("version") != VERSION:
        raise GameError(
            f"{where} was written by format version {meta.get('version')!r}; "
            f"this gametheory reads version {VERSION}"
        )
    fail = meta["failures"]
    failures = pd.DataFrame(
        {name: pd.Series(fail["data"][name], dtype=object) for name, _ in fail["columns"]}
    )
    shape = meta["shape"]
    return {
        "parameters": tuple(meta["parameters"]),
        "n_points": int(meta["n_points"]),
        "shape": None if shape is None else tuple(int(n) for n in shape),
        "failures": _restore(failures, fail["columns"], where),
        # absent from files written before sweeps could be incomplete
        "complete": not meta.get("incomplete"),
        "incomplete": tuple(str(r) for r in meta.get("incomplete") or ()),
    }


def _dtypes(frame: pd.DataFrame) -> list[list[Any]]:
    out: list[list[Any]] = []
    for name, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            spec: Any = {"categories": dtype.categories.tolist(), "ordered": bool(dtype.ordered)}
        else:
            spec = str(dtype)
        out.append([str(name), spec])
    return out


def _dtype(spec: Any) -> Any:
    if isinstance(spec, dict):
        return pd.CategoricalDtype(spec["categories"], ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec)


def _restore(frame: pd.DataFrame, columns: list[list[Any]], where: str) -> pd.DataFrame:
    names = [name for name, _ in columns]
    if list(frame.columns) != names:
        raise GameError(
            f"{where}: the columns ({', '.join(map(str, frame.columns))}) are not those recorded "
            f"in its metadata ({', '.join(names)}); was the file edited?"
        )
    try:
        return frame.astype({name: _dtype(spec) for name, spec in columns})
    except (TypeError, ValueError) as exc:
        raise GameError(f"{where}: a column does not fit its recorded type: {exc}") from None


def _plain(v: Any) -> Any:
    """A JSON value: numpy scalars as Python ones, NaN as null, infinities as "inf" / "-inf"
    (which pandas reads back as floats)."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        return str(v)
    return v


def _exists(path: PathArg) -> Path:
    p = Path(path)
    if not p.is_file():
        raise GameError(f"no file {str(p)!r}")
    return p


# ---------------------------------------------------------------------------- CSV


def _json(meta: dict[str, Any]) -> str:
    try:
        return json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise GameError(f"cannot store the failures as JSON: {exc}") from None


def write_csv(frame: pd.DataFrame, meta: dict[str, Any], path: PathArg) -> None:
    text = _json(meta)  # first, so that a failure leaves no CSV without its sidecar
    frame.to_csv(path, index=False)
    sidecar(path).write_text(text + "\n", "utf-8")


def read_csv(path: PathArg) -> tuple[pd.DataFrame, dict[str, Any]]:
    p = _exists(path)
    side = sidecar(p)
    if not side.is_file():
        raise GameError(
            f"{str(p)!r} has no metadata file {str(side)!r} beside it (SweepResult.to_csv writes "
            "one); read a plain CSV with pandas.read_csv"
        )
    try:
        meta = json.loads(side.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise GameError(f"{str(side)!r} is not valid JSON: {exc}") from None
    fields = _fields(meta, repr(str(side)))
    columns = meta["columns"]
    text = {
        name: object
        for name, spec in columns
        if isinstance(spec, dict) or not _is_numeric(_dtype(spec))
    }
    # pandas 3 reads floats back exactly by default; older pandas needs asking
    exact = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}
    try:
        frame = pd.read_csv(p, dtype=text, **exact)
    except (ValueError, pd.errors.ParserError) as exc:
        raise GameError(f"cannot read {str(p)!r} as CSV: {exc}") from None
    return _restore(frame, columns, repr(str(p))), fields


def _is_numeric(dtype: Any) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)


# ---------------------------------------------------------------------------- Parquet


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise GameError("Parquet files need pyarrow: pip install 'crisis-gametheory[io]'") from None
    return pyarrow


def write_parquet(frame: pd.DataFrame, meta: dict[str, Any], path: PathArg) -> None:
    pa = _pyarrow()
    text = _json(meta)
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except pa.ArrowException as exc:
        raise GameError(f"cannot write the frame as Parquet: {exc}") from None
    extra = {**(table.schema.metadata or {}), KEY: text.encode()}
    pa.parquet.write_table(table.replace_schema_metadata(extra), str(path))


def read_parquet(path: PathArg) -> tuple[pd.DataFrame, dict[str, Any]]:
    pa = _pyarrow()
    p = _exists(path)
    try:
        table = pa.parquet.read_table(str(p))
    except pa.ArrowException as exc:
        raise GameError(f"cannot read {str(p)!r} as Parquet: {exc}") from None
    raw = (table.schema.metadata or {}).get(KEY)
    if raw is None:
        raise GameError(
            f"{str(p)!r} holds no gametheory sweep metadata (not written by to_parquet)"
        )
    meta = json.loads(raw)
    fields = _fields(meta, repr(str(p)))
    return _restore(table.to_pandas(), meta["columns"], repr(str(p))), fields


# ---------------------------------------------------------------------------- xarray


def to_xarray(
    frame: pd.DataFrame,
    parameters: Sequence[str],
    shape: tuple[int, ...] | None,
    failures: pd.DataFrame,
) -> Any:
    """The grid as an ``xarray.Dataset``; see :meth:`SweepResult.to_xarray`."""
    if shape is None:
        raise GameError(
            "to_xarray() needs a Cartesian grid; this sweep evaluated aligned points "
            "(points=...): use its frame"
        )
    try:
        import xarray as xr
    except ImportError:
        raise GameError("to_xarray() needs xarray: pip install 'crisis-gametheory[io]'") from None
    swept = [i for i, n in enumerate(shape) if n > 1]
    # the grid's axis values, read back from the rows (and failed points) that hold them
    cols = [*parameters, "point"]
    located = frame[cols]
    if set(cols) <= set(failures.columns) and len(failures):
        located = pd.concat([located, failures[cols]], ignore_index=True)
    where = np.unravel_index(located["point"].to_numpy(dtype=np.int64), shape)
    coords: dict[str, Any] = {}
    for i, name in enumerate(parameters):
        values = located[name].to_numpy(dtype=float)
        if i in swept:
            axis = np.full(shape[i], np.nan)
            axis[where[i]] = values
            coords[name] = axis
        else:
            coords[name] = values[0] if len(values) else np.nan
    eqs = np.unique(frame["equilibrium"].to_numpy(dtype=np.int64))
    kinds = frame.groupby("equilibrium", observed=True)["kind"].first()
    coords["equilibrium"] = eqs
    coords["kind"] = ("equilibrium", np.array([str(kinds.get(k, "")) for k in eqs], dtype=object))
    dims = [*(parameters[i] for i in swept), "equilibrium"]
    grid = (*(shape[i] for i in swept), len(eqs))
    at = np.unravel_index(frame["point"].to_numpy(dtype=np.int64), shape)
    index = (*(at[i] for i in swept), np.searchsorted(eqs, frame["equilibrium"].to_numpy()))
    exists = np.zeros(grid, dtype=bool)
    exists[index] = True
    if "exists" in frame.columns:
        raise GameError("the frame has a column 'exists': the name to_xarray() gives its own mask")
    data: dict[str, Any] = {"exists": (dims, exists)}
    skip = {*parameters, "point", "equilibrium", "kind"}
    for name in frame.columns:
        if name in skip:
            continue
        column = frame[name]
        if _is_numeric(column.dtype):
            arr = np.full(grid, np.nan)
            arr[index] = column.to_numpy(dtype=float)
        else:
            arr = np.full(grid, None, dtype=object)
            arr[index] = column.to_numpy(dtype=object)
        data[str(name)] = (dims, arr)
    return xr.Dataset(data, coords=coords)

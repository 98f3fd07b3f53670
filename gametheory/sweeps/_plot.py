"""Pictures of a sweep: phase diagrams with named equilibria, heat maps, measure curves.

matplotlib is imported inside the functions (the ``plot`` extra), never at import time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..equilibrium import Solution
from ..errors import GameError
from ..games.outcome_labels import is_leaf_default
from ._plot_options import HOWS, How, Names

if TYPE_CHECKING:
    from ._result import SweepResult

__all__ = ["Names", "draw", "row_names"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise GameError("plot() needs matplotlib: pip install 'crisis-gametheory[plot]'") from None
    return plt


def draw(
    res: SweepResult,
    measure: str | None,
    ax: Any,
    names: Names,
    how: How | None,
    x: str | None,
    y: str | None,
) -> Any:
    """The body of :meth:`SweepResult.plot` (its docstring says what is drawn when)."""
    if how is not None and how not in HOWS:
        raise GameError(f"how must be 'max' or 'min', got {how!r}")
    if measure is not None and not isinstance(measure, str):
        raise GameError(f"measure must be a column name, got {measure!r}")
    if measure is not None and measure not in res.frame.columns:
        raise GameError(f"no column {measure!r}; columns: {', '.join(map(str, res.frame.columns))}")
    swept = _axes(res, x, y)
    if len(swept) == 2 and names is not None and measure is not None:
        raise GameError("names= labels a phase diagram; a heat map of a measure has no legend")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5) if measure is None else (6, 4.5))
    if len(swept) == 2 and measure is None:
        if how is not None:
            raise GameError(
                "how= applies to a measure (a heat map or a curve), not to a phase diagram"
            )
        # names from the frame alone (kinds) are counted; names of equilibria are not: two
        # ids with one name are one thing to the reader
        counted = names is None and res.solution is None
        return _phase(res, swept, ax, row_names(res, names), counted)
    if len(swept) == 2:
        assert measure is not None
        return _heatmap(res, measure, swept, how or "max", ax)
    if len(swept) != 1 or measure is None:
        raise GameError(
            "plot() draws a phase diagram for two swept parameters, or a measure against one "
            f"(swept here: {', '.join(swept) or 'none'}; measure: {measure})"
        )
    labels = None if names is None and res.solution is None else row_names(res, names)
    return _curves(res, measure, swept[0], how, ax, labels)


def _axes(res: SweepResult, x: str | None, y: str | None) -> list[str]:
    swept = [p for p in res.parameters if res.frame[p].nunique() > 1]
    for name, value in (("x", x), ("y", y)):
        if value is not None and value not in swept:
            raise GameError(
                f"{name}={value!r} is not a swept parameter (swept here: "
                f"{', '.join(swept) or 'none'})"
            )
    if x is not None or y is not None:
        if len(swept) != 2:
            raise GameError(
                "x= and y= choose the axes of two swept parameters "
                f"(swept here: {', '.join(swept) or 'none'})"
            )
        first = x if x is not None else next(p for p in swept if p != y)
        second = y if y is not None else next(p for p in swept if p != first)
        if first == second:
            raise GameError(f"x and y are both {first!r}")
        return [first, second]
    return swept


# ---------------------------------------------------------------------------- names


def row_names(res: SweepResult, names: Names) -> pd.Series:
    """The name of each row's equilibrium.

    ``names``: a mapping ``{equilibrium id: name}`` (ids it leaves out keep their automatic
    name), a callable ``Equilibrium -> str`` or a Solution (both need the swept solution: the
    result's own, or the one given), or None: automatic names from the swept solution, or,
    without one (a per-point sweep, a result read from a file), from the frame.
    """
    from ..naming import equilibrium_names

    solution = res.solution
    namer: Callable[[Any], object] | None = None
    given: dict[int, str] = {}
    if isinstance(names, Solution):
        solution = names
    elif isinstance(names, Mapping):
        for k, v in names.items():
            if isinstance(k, bool) or not isinstance(k, int | np.integer):
                raise GameError(f"names= maps equilibrium ids (integers) to labels; got key {k!r}")
            if not isinstance(v, str) or not v:
                raise GameError(f"names= gives equilibrium {k} the label {v!r}: not a string")
            given[int(k)] = v
        if solution is not None:
            total = len(solution) + len(solution.undecided)
            unknown = sorted(k for k in given if not 0 <= k < total)
            if unknown:
                raise GameError(
                    f"names= names equilibrium {unknown[0]}, but the swept solution has "
                    f"{total} (ids 0 to {total - 1})"
                )
    elif callable(names):
        namer = names
        if solution is None:
            raise GameError(
                "names= as a callable needs the swept solution, which this result does not "
                "keep (a per-point sweep or a result read from a file): pass names=solution, "
                "or a mapping {equilibrium id: name}"
            )
    elif names is not None:
        raise GameError(
            "names must be a mapping {equilibrium id: name}, a callable Equilibrium -> str or "
            f"a Solution, got {type(names).__name__}"
        )
    ids = res.frame["equilibrium"].to_numpy()
    if solution is not None:
        total = len(solution) + len(solution.undecided)
        if len(ids) and int(ids.max()) >= total:
            raise GameError(
                f"the sweep has equilibrium {int(ids.max())} but the solution only "
                f"{total}: not the swept solution"
            )
        auto = equilibrium_names(solution, namer)
    else:
        auto = _frame_names(res.frame)
    if solution is None:  # auto is by row position
        return pd.Series(
            [given.get(int(k), auto[r]) for r, k in enumerate(ids)],
            index=res.frame.index,
            dtype=object,
        )
    table = {**auto, **given}
    return pd.Series([table[int(k)] for k in ids], index=res.frame.index, dtype=object)


def _frame_names(frame: pd.DataFrame) -> dict[int, str]:
    """Row position -> name, from the frame alone: the pure profile when the strategy columns
    are there (``player:action``, numeric, each player's summing to 1 on every row; a tree's
    made-up outcome labels ``end:<path>`` are not strategies), else the kind."""
    groups: dict[str, list[str]] = {}
    for col in frame.columns:
        if (
            isinstance(col, str)
            and ":" in col
            and not is_leaf_default(col)
            and pd.api.types.is_numeric_dtype(frame[col])
        ):
            who, _, action = col.rpartition(":")
            groups.setdefault(who, []).append(action)
    names = pd.Series("", index=range(len(frame)), dtype=object)
    pure = np.ones(len(frame), dtype=bool)
    shown = 0
    for who, actions in groups.items():
        m = frame[[f"{who}:{a}" for a in actions]].to_numpy(dtype=float)
        if not np.all(np.abs(np.nansum(m, axis=1) - 1) <= 1e-9):
            continue  # not a probability distribution: a measure, not a strategy
        sure = np.abs(m - 1) <= 1e-9
        pure &= sure.sum(axis=1) == 1
        chosen = pd.Series(np.asarray(actions, dtype=object)[sure.argmax(axis=1)], dtype=object)
        names = names + (", " if shown else "") + f"{who} " + chosen
        shown += 1
    kinds = frame["kind"].astype(str).to_numpy()
    return {r: names[r] if shown and pure[r] else kinds[r] for r in range(len(frame))}


def _region_label(names: Sequence[str], counted: bool) -> str:
    counts = Counter(names)
    return "\n".join(
        n if k == 1 or not counted else f"{n} (×{k})" for n, k in sorted(counts.items())
    )


# ---------------------------------------------------------------------------- pictures


def _phase(res: SweepResult, xy: list[str], ax: Any, names: pd.Series, counted: bool) -> Any:
    plt = _pyplot()
    x, y = xy
    frame = res.frame.assign(_name=names.to_numpy())
    regions = frame.groupby("point")["_name"].agg(lambda s: _region_label(list(s), counted))
    coords = frame.groupby("point")[[x, y]].first()
    labels = sorted(set(regions), key=lambda s: (s.count("\n"), s))
    cmap = plt.get_cmap("tab10" if len(labels) <= 10 else "tab20", max(len(labels), 1))
    for k, lab in enumerate(labels):
        sel = (regions == lab).to_numpy()
        ax.scatter(
            coords.loc[sel, x], coords.loc[sel, y], s=6, color=cmap(k), label=lab, marker="s"
        )
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title("which equilibria exist where")
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.02, 1),
        fontsize="small",
        markerscale=3,
        title="equilibria",
        title_fontsize="small",
    )
    return ax


def heat_values(res: SweepResult, measure: str, xy: Sequence[str], how: How) -> pd.DataFrame:
    """The heat map's data: one row per point with an equilibrium, the swept parameters and the
    largest / smallest value of ``measure`` over the equilibria there."""
    g = res.frame.groupby("point")
    values = g[measure].max() if how == "max" else g[measure].min()
    out = g[list(xy)].first()
    out[measure] = values
    return out.reset_index()


def _heatmap(res: SweepResult, measure: str, xy: list[str], how: How, ax: Any) -> Any:
    x, y = xy
    if not pd.api.types.is_numeric_dtype(res.frame[measure]):
        raise GameError(f"column {measure!r} is not numeric: no heat map")
    data = heat_values(res, measure, xy, how)
    if res.shape is not None:
        table = data.pivot_table(index=y, columns=x, values=measure, aggfunc=how, dropna=False)
        full = table.reindex(
            index=np.sort(res.frame[y].unique()), columns=np.sort(res.frame[x].unique())
        )
        mesh = ax.pcolormesh(
            full.columns.to_numpy(dtype=float),
            full.index.to_numpy(dtype=float),
            np.ma.masked_invalid(full.to_numpy(dtype=float)),
            shading="nearest",
            cmap="viridis",
        )
    else:
        mesh = ax.scatter(data[x], data[y], c=data[measure], s=8, marker="s", cmap="viridis")
    ax.figure.colorbar(mesh, ax=ax, label=f"{measure} ({how} over the equilibria)")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{measure}: the {'largest' if how == 'max' else 'smallest'} over the equilibria")
    return ax


def _curves(
    res: SweepResult, measure: str, x: str, how: How | None, ax: Any, names: pd.Series | None
) -> Any:
    if how is None:
        for k, part in res.frame.groupby("equilibrium"):
            label = f"equilibrium {k}" if names is None else str(names[part.index[0]])
            ax.plot(part[x], part[measure], ".", markersize=3, label=label)
    else:
        data = heat_values(res, measure, [x], how).sort_values(x)
        ax.plot(data[x], data[measure], ".-", markersize=3, label=f"{measure} ({how})")
    ax.set_xlabel(x)
    ax.set_ylabel(measure)
    ax.legend(fontsize="small")
    return ax

"""Sweeps: which equilibria exist, and what they yield, over grids of parameter points.

A sweep over a :class:`~gametheory.Solution` compiles every equilibrium's conditions and
measures once (``lambdify`` to numpy) and evaluates them vectorised, in chunks that bound
memory.  Conditions are compared with the tolerance rule of :mod:`gametheory.conditions`
(weak inequalities hold on their boundary, within ``tol`` times the size of their terms), so
points on a boundary list every equilibrium that holds there, as ``Solution.at`` does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import numpy as np
import pandas as pd
import sympy as sp

from .conditions import atom, compile_atoms
from .equilibrium import Equilibrium, Solution
from .errors import GameError, MissingParameterError, OutsideSpaceError, UnsupportedGameError
from .params import ParameterSpace

__all__ = ["SweepResult", "sweep"]

Measure: TypeAlias = sp.Expr | Callable[[pd.DataFrame], Any]


@dataclass(frozen=True)
class SweepResult:
    """The result of :func:`sweep`.

    Attributes
    ----------
    frame
        Tidy: one row per (point, equilibrium existing there).  Columns: one per parameter
        (named by the symbol), ``point`` (the point's index), ``equilibrium`` (its index in the
        solution), ``kind``, a payoff column per player, a probability column per outcome label,
        then any requested strategy and user measures.
    parameters
        The parameter columns, in the space's order.
    n_points
        How many grid points were evaluated.
    shape
        The grid's shape for Cartesian grids (one axis per swept parameter), else ``None``.
    """

    frame: pd.DataFrame
    parameters: tuple[str, ...]
    n_points: int
    shape: tuple[int, ...] | None = None

    def summary(self) -> pd.DataFrame:
        """Share of the grid where each equilibrium exists, with its kind."""
        g = self.frame.groupby("equilibrium")
        out = pd.DataFrame({"kind": g["kind"].first(), "points": g["point"].nunique()})
        out["share"] = out["points"] / self.n_points
        return out

    def to_csv(self, path: str) -> None:
        """Write the frame as CSV."""
        self.frame.to_csv(path, index=False)

    def plot(self, measure: str | None = None, ax: Any = None) -> Any:
        """A phase diagram: which equilibria exist where (two swept parameters), or a measure
        against one swept parameter (one line per equilibrium).  Needs matplotlib (the ``plot``
        extra); returns the matplotlib Axes."""
        try:
            import matplotlib.pyplot as plt
        except ImportError:  # pragma: no cover - depends on the environment
            raise GameError(
                "plot() needs matplotlib: pip install 'crisis-gametheory[plot]'"
            ) from None
        swept = [p for p in self.parameters if self.frame[p].nunique() > 1]
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4.5))
        if len(swept) == 2 and measure is None:
            x, y = swept
            sets = self.frame.groupby("point")["equilibrium"].apply(lambda s: tuple(sorted(s)))
            coords = self.frame.groupby("point")[[x, y]].first()
            labels = sorted(set(sets))
            codes = sets.map({lab: k for k, lab in enumerate(labels)})
            cmap = plt.get_cmap("tab10", max(len(labels), 1))
            for k, lab in enumerate(labels):
                sel = codes == k
                ax.scatter(
                    coords.loc[sel, x],
                    coords.loc[sel, y],
                    s=6,
                    color=cmap(k),
                    label="equilibria " + ", ".join(map(str, lab)),
                    marker="s",
                )
            ax.set_xlabel(x)
            ax.set_ylabel(y)
            ax.set_title("which equilibria exist where")
            ax.legend(fontsize="small", markerscale=3)
            return ax
        if len(swept) != 1 or measure is None:
            raise GameError(
                "plot() draws a phase diagram for two swept parameters, or a measure against one "
                f"(swept here: {', '.join(swept) or 'none'}; measure: {measure})"
            )
        if measure not in self.frame.columns:
            raise GameError(f"no column {measure!r}; columns: {', '.join(self.frame.columns)}")
        (x,) = swept
        for k, part in self.frame.groupby("equilibrium"):
            ax.plot(part[x], part[measure], ".", markersize=3, label=f"equilibrium {k}")
        ax.set_xlabel(x)
        ax.set_ylabel(measure)
        ax.legend(fontsize="small")
        return ax

    def __repr__(self) -> str:
        return (
            f"<SweepResult: {self.n_points} points, {len(self.frame)} rows, "
            f"parameters {', '.join(self.parameters)}>"
        )


def sweep(
    target: object,
    grid: Mapping[Any, object] | None = None,
    /,
    *,
    points: Mapping[Any, object] | None = None,
    measures: Mapping[str, Measure] | None = None,
    strategies: bool = False,
    select: str = "all",
    outside: Literal["raise", "drop"] = "raise",
    tol: float = 1e-9,
    chunk_size: int = 500_000,
    **values: object,
) -> SweepResult:
    """Evaluate a solution's equilibria over a grid of parameter points.

    Parameters
    ----------
    target
        A :class:`~gametheory.Solution` (compiled once, evaluated vectorised).
    grid, values
        Each parameter's values, by symbol (in ``grid``) or by name (keywords): a scalar, or a
        1-D array; arrays span a Cartesian grid.  Every parameter of the space needs a value.
    points
        Instead of a grid: aligned arrays, one per parameter (e.g. ``space.sample(n, rng)``).
    measures
        Extra columns: ``{name: expression in the parameters}`` evaluated per equilibrium, or
        ``{name: callable(frame) -> array}`` evaluated on the finished frame.
    strategies
        Also add a ``player:action`` probability column per action.
    select
        ``"all"`` (every equilibrium at every point), or ``"min:<column>"`` / ``"max:<column>"``
        to keep, at each point, the equilibrium with the smallest / largest value of a column
        (e.g. ``"max:war"``: the equilibrium most likely to end in war).
    outside
        Points outside the space raise :class:`~gametheory.OutsideSpaceError` (saying how many,
        and for which parameters) or, with ``"drop"``, are left out.
    tol
        Tolerance of condition checks (see :mod:`gametheory.conditions`).
    chunk_size
        Points evaluated at once; bounds memory.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
    >>> res = gt.sweep(gt.nash(g, gt.ParameterSpace({c: (0, 4)})), c=np.linspace(0.5, 4, 8))
    >>> len(res.frame)
    24
    """
    if not isinstance(target, Solution):
        raise UnsupportedGameError(
            f"sweep() needs a Solution (e.g. gt.nash(game, space)), got {type(target).__name__}"
        )
    if chunk_size <= 0:
        raise GameError(f"chunk_size must be positive, got {chunk_size}")
    space = target.space
    names = tuple(s.name for s in space.symbols)
    arrays, shape = _read_grid(space, grid, points, values)
    n = int(np.prod([len(a) for a in arrays])) if shape is not None else len(arrays[0])
    if n == 0:
        raise GameError("the grid is empty")
    eqs = _all(target)
    compiled = [_Compiled(eq, k, space, measures) for k, eq in enumerate(eqs)]
    parts: list[dict[str, np.ndarray]] = []
    for start in range(0, n, chunk_size):
        idx = np.arange(start, min(n, start + chunk_size))
        cols = _columns(arrays, shape, idx)
        keep = _inside(space, cols, outside, tol)
        if not keep.all():
            idx, cols = idx[keep], [c[keep] for c in cols]
        chunk = [p for comp in compiled if (p := comp.rows(cols, idx, names, tol)) is not None]
        if chunk:
            parts.append(_merge_chunk(chunk))
    frame = _frame(parts, names, compiled, [eq.kind for eq in eqs], strategies)
    for name, m in (measures or {}).items():
        if not isinstance(m, sp.Basic):
            frame[name] = np.asarray(m(frame))
    frame = _select(frame, select)
    return SweepResult(frame, names, n, shape)


def _all(sol: Solution) -> tuple[Equilibrium, ...]:
    return (*sol.equilibria, *sol.undecided)


def _read_grid(
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


def _columns(
    arrays: list[np.ndarray], shape: tuple[int, ...] | None, idx: np.ndarray
) -> list[np.ndarray]:
    if shape is None:
        return [a[idx] for a in arrays]
    sub = np.unravel_index(idx, shape)
    return [a[i] for a, i in zip(arrays, sub, strict=True)]


def _inside(space: ParameterSpace, cols: list[np.ndarray], outside: str, tol: float) -> np.ndarray:
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


class _Compiled:
    """One equilibrium's conditions and measures, lambdified once."""

    def __init__(
        self, eq: Equilibrium, k: int, space: ParameterSpace, measures: Mapping[str, Measure] | None
    ) -> None:
        self.k = k
        conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
        atoms = [a for c in conj if c is not sp.true for a in atom(c)]
        self.conditions = compile_atoms(atoms, space.symbols) if atoms else None
        cols: dict[str, sp.Expr] = {}
        cols.update(dict(eq.payoffs.items()))
        for label, v in eq.outcomes.items():
            cols[label if label not in cols else f"P({label})"] = v
        for p, s in eq.strategies.items():
            for a, v in s.items():
                cols[f"{p}:{a}"] = v
        for name, m in (measures or {}).items():
            if isinstance(m, sp.Basic):
                cols[name] = _substitute_measure(m, eq, space)
        # a cutoff rule of a later player depends on the continuous choice, not only on the
        # parameters: such columns cannot be swept
        known = set(space.symbols)
        cols = {k: v for k, v in cols.items() if sp.sympify(v).free_symbols <= known}
        self.names = list(cols)
        exprs = [sp.sympify(e) for e in cols.values()]
        self.fn = sp.lambdify(space.symbols, exprs, modules="numpy", cse=True)

    def rows(
        self, cols: list[np.ndarray], idx: np.ndarray, names: Sequence[str], tol: float
    ) -> dict[str, np.ndarray] | None:
        mask = (
            np.ones(len(idx), dtype=bool)
            if self.conditions is None
            else self.conditions.all_hold(*cols, tol=tol)
        )
        m = int(mask.sum())
        if not m:
            return None
        sel = [c[mask] for c in cols]
        data: dict[str, np.ndarray] = dict(zip(names, sel, strict=True))
        data["point"] = idx[mask]
        data["equilibrium"] = np.full(m, self.k, dtype=np.int64)
        with np.errstate(all="ignore"):
            values = self.fn(*sel)
        for name, v in zip(self.names, values, strict=True):
            data[name] = np.broadcast_to(np.asarray(v, dtype=float), (m,))
        return data


def _merge_chunk(chunk: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One chunk's rows, sorted by point then equilibrium, with duplicates merged: where two
    equilibria coincide at a point (on a boundary) the later one is dropped, as ``Solution.at``
    merges them."""
    strat = [k for k in chunk[0] if ":" in k]
    keep = [np.ones(len(c["point"]), dtype=bool) for c in chunk]
    for i, j in itertools.combinations(range(len(chunk)), 2):
        _, ii, jj = np.intersect1d(chunk[i]["point"], chunk[j]["point"], return_indices=True)
        if not len(ii):
            continue
        same = np.ones(len(ii), dtype=bool)
        for k in strat:
            same &= np.abs(chunk[i][k][ii] - chunk[j][k][jj]) <= 1e-9
        keep[j][jj[same & keep[i][ii]]] = False
    out = {k: np.concatenate([c[k][m] for c, m in zip(chunk, keep, strict=True)]) for k in chunk[0]}
    order = np.lexsort((out["equilibrium"], out["point"]))
    return {k: v[order] for k, v in out.items()}


def _frame(
    parts: list[dict[str, np.ndarray]],
    names: Sequence[str],
    compiled: Sequence[_Compiled],
    kinds: Sequence[str],
    strategies: bool,
) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(columns=[*names, "point", "equilibrium", "kind"])
    data = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    categories = list(dict.fromkeys(kinds))
    codes = np.array([categories.index(k) for k in kinds])[data["equilibrium"]]
    ordered: dict[str, Any] = {k: data[k] for k in [*names, "point", "equilibrium"]}
    ordered["kind"] = pd.Categorical.from_codes(codes, categories=categories)
    for k in compiled[0].names:
        if strategies or ":" not in k:
            ordered[k] = data[k]
    return pd.DataFrame(ordered, copy=False)


def _substitute_measure(m: sp.Basic, eq: Equilibrium, space: ParameterSpace) -> sp.Expr:
    """A user measure may name outcome labels and players (their payoffs) as symbols."""
    names = {**dict(eq.payoffs.items()), **dict(eq.outcomes.items())}
    params = {s.name for s in space.symbols}
    unknown = sorted(s.name for s in m.free_symbols if s.name not in names and s.name not in params)
    if unknown:
        raise GameError(
            f"measure {m} names {', '.join(unknown)}: not a parameter, player or outcome label "
            f"(outcomes: {', '.join(eq.outcomes)})"
        )
    return sp.sympify(m).xreplace({s: names[s.name] for s in m.free_symbols if s.name in names})


def _select(frame: pd.DataFrame, select: str) -> pd.DataFrame:
    if select == "all":
        return frame
    how, _, column = select.partition(":")
    if how not in ("min", "max") or not column:
        raise GameError(f"select must be 'all', 'min:<column>' or 'max:<column>', got {select!r}")
    if column not in frame.columns:
        raise GameError(
            f"select names unknown column {column!r}; columns: {', '.join(frame.columns)}"
        )
    if frame.empty:
        return frame
    pick = (
        frame.groupby("point")[column].idxmin()
        if how == "min"
        else frame.groupby("point")[column].idxmax()
    )
    return frame.loc[pick.to_numpy()].reset_index(drop=True)

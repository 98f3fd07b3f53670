"""The result of a sweep: a tidy frame, its summary and its pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import GameError
from . import _io

__all__ = ["SweepResult"]


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
    failures
        Points inside the space where no equilibria could be given: the parameters, ``point``
        and ``error`` (what went wrong, ``"TypeName: message"``).  A per-point sweep records
        each point where evaluating or solving the game raised, or whose worker was lost more
        often than the sweep retries; a compiled sweep each point where the game or an
        equilibrium is undefined (a payoff ``1/(c - 1)`` at ``c = 1``).  Points an interrupted
        sweep never reached are here too, as ``"not evaluated: ..."``.
    complete
        True when every point inside the space was evaluated (each is in ``frame`` or in
        ``failures``) and, for a compiled sweep, the solution was complete.
    incomplete
        Why ``complete`` is False: one sentence per reason (empty when complete).
    """

    frame: pd.DataFrame
    parameters: tuple[str, ...]
    n_points: int
    shape: tuple[int, ...] | None = None
    failures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["point", "error"]))
    complete: bool = True
    incomplete: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.complete == bool(self.incomplete):
            raise GameError(
                "a SweepResult is complete exactly when it gives no reason to be incomplete "
                f"(complete={self.complete}, incomplete={self.incomplete!r})"
            )

    def summary(self) -> pd.DataFrame:
        """Share of the grid where each equilibrium exists, with its kind."""
        g = self.frame.groupby("equilibrium")
        out = pd.DataFrame({"kind": g["kind"].first(), "points": g["point"].nunique()})
        out["share"] = out["points"] / self.n_points
        return out

    def to_csv(self, path: _io.PathArg) -> None:
        """Write the frame as CSV, and the rest of the result beside it as JSON.

        The CSV is plain (a header, then one line per row) so any tool reads it; the
        parameters, ``n_points``, ``shape``, column types and failures go to a sidecar file
        named by appending ``.json`` (``result.csv`` → ``result.csv.json``), which
        :meth:`read` needs.
        """
        _io.write_csv(self.frame, self._metadata(), path)

    def to_parquet(self, path: _io.PathArg) -> None:
        """Write the result as one Parquet file: the frame as the table, the rest as JSON under
        the key ``gametheory`` of the schema's metadata.  Needs pyarrow (the ``io`` extra)."""
        _io.write_parquet(self.frame, self._metadata(), path)

    def write(self, path: _io.PathArg) -> None:
        """Write as CSV or Parquet, by the path's suffix (``.csv``, ``.parquet``)."""
        if _io.file_format(path) == "csv":
            self.to_csv(path)
        else:
            self.to_parquet(path)

    @classmethod
    def read(cls, path: _io.PathArg) -> SweepResult:
        """Read a result written by :meth:`to_csv`, :meth:`to_parquet` or :meth:`write`, by
        the path's suffix (``.csv``, ``.parquet``); equal to the one written.

        Examples
        --------
        >>> import tempfile, pathlib, numpy as np, sympy as sp, gametheory as gt
        >>> c = sp.Symbol("c", positive=True)
        >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
        >>> res = gt.sweep(gt.nash(g, gt.ParameterSpace({c: (0, 4)})), c=np.linspace(0.5, 4, 8))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     res.write(pathlib.Path(tmp) / "res.csv")
        ...     gt.SweepResult.read(pathlib.Path(tmp) / "res.csv") == res
        True
        """
        how = _io.file_format(path)
        frame, fields = _io.read_csv(path) if how == "csv" else _io.read_parquet(path)
        return cls(frame, **fields)

    def to_xarray(self) -> Any:
        """The Cartesian grid as an ``xarray.Dataset`` (xarray: the ``io`` extra).

        Dimensions: one per swept parameter (its grid values as the coordinate), then
        ``equilibrium`` (with each one's ``kind`` as a coordinate along it); parameters held
        at one value are scalar coordinates.  Data variables: ``exists`` (whether the
        equilibrium exists at the point) and every measure column of the frame (payoffs,
        outcome probabilities, strategies, your measures), NaN where the equilibrium does not
        exist.  Aligned-point sweeps (``points=``) have no grid: a GameError.
        """
        return _io.to_xarray(self.frame, self.parameters, self.shape, self.failures)

    def _metadata(self) -> dict[str, Any]:
        return _io.metadata(
            self.frame,
            self.parameters,
            self.n_points,
            self.shape,
            self.failures,
            self.incomplete,
        )

    def __eq__(self, other: object) -> bool:
        """Equal parameters, grid and failures, and frames with the same columns, dtypes and
        values (NaN equal to NaN; the frames' index is not compared)."""
        if not isinstance(other, SweepResult):
            return NotImplemented
        return (
            self.parameters == other.parameters
            and self.n_points == other.n_points
            and self.shape == other.shape
            and self.complete == other.complete
            and self.incomplete == other.incomplete
            and _same(self.frame, other.frame)
            and _same(self.failures, other.failures)
        )

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

    def _repr_html_(self) -> str:
        from .._html import sweep_html

        return sweep_html(self)

    def __repr__(self) -> str:
        failed = f", {len(self.failures)} failed" if len(self.failures) else ""
        partial = ", incomplete" if not self.complete else ""
        return (
            f"<SweepResult: {self.n_points} points, {len(self.frame)} rows{failed}{partial}, "
            f"parameters {', '.join(self.parameters)}>"
        )


def _same(x: pd.DataFrame, y: pd.DataFrame) -> bool:
    return (
        list(x.columns) == list(y.columns)
        and x.dtypes.equals(y.dtypes)
        and x.reset_index(drop=True).equals(y.reset_index(drop=True))
    )

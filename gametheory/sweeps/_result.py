"""The result of a sweep: a tidy frame, its summary and its pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._present_registry import render
from ..errors import GameError
from . import _io

if TYPE_CHECKING:
    from ..equilibrium import Solution
    from ._plot_options import How, Names

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
    solution
        The swept :class:`~gametheory.Solution` (compiled sweeps), from which :meth:`plot`
        names the equilibria; ``None`` for a per-point sweep or a result read from a file.
        Not saved, and not compared by ``==``.
    """

    frame: pd.DataFrame
    parameters: tuple[str, ...]
    n_points: int
    shape: tuple[int, ...] | None = None
    failures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["point", "error"]))
    complete: bool = True
    incomplete: tuple[str, ...] = ()
    solution: Solution | None = field(default=None, repr=False)

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

    def plot(
        self,
        measure: str | None = None,
        ax: Any = None,
        *,
        names: Names = None,
        how: How | None = None,
        x: str | None = None,
        y: str | None = None,
    ) -> Any:
        """Draw the sweep; returns the matplotlib Axes (matplotlib: the ``plot`` extra).

        - Two swept parameters, no ``measure``: a **phase diagram**, which equilibria exist
          where.  Each region (a set of equilibria) is one colour, its legend entry naming the
          equilibria there, one per line: by the outcome reached for sure (``"war"``), the
          pure profile (``"US escalate, Iran hold"``) or the kind and supports
          (``"mixed: US hold/escalate, Iran hold/escalate"``); see :mod:`gametheory.naming`.
          Equilibria with the same name are one region.
        - Two swept parameters and a ``measure``: a **heat map** of the measure (a column:
          payoff, outcome label, your measure), the largest (``how="max"``, the default) or
          smallest (``"min"``) value over the equilibria at each point, with a colour bar.
          Points with no equilibrium (failures) are blank.
        - One swept parameter and a ``measure``: the measure against it, one series per
          equilibrium, or with ``how`` one curve of its largest / smallest value.

        Parameters
        ----------
        measure
            A column of :attr:`frame`.
        ax
            The Axes to draw into (default: a new figure).
        names
            How equilibria are named: ``{equilibrium id: name}`` (ids left out keep their
            automatic name), a callable ``Equilibrium -> str``, or a
            :class:`~gametheory.Solution` to name them from.  Default: automatic names from the
            swept solution (kept in :attr:`solution`), or, for a per-point sweep or a result
            read from a file, from the frame: the pure profile where the strategy columns are
            there (``strategies=True``), else the kind (a per-point sweep's ids name
            different equilibria at different points, so a mapping by id rarely fits it).
        how
            ``"max"`` or ``"min"``: which value of a measure to show where several equilibria
            exist (heat maps and single curves).
        x, y
            Which swept parameter goes on which axis (default: the space's order).

        Raises
        ------
        GameError
            A bad argument, named: an unknown column, ``how``, ``x``/``y`` not swept, ``names``
            of the wrong type or naming an equilibrium not in the sweep; or no picture fits
            (no swept parameter, three or more).
        """
        return render("plot", self, measure, ax, names, how, x, y)

    def _repr_html_(self) -> str:
        return render("html", self)

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

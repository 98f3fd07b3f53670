"""Comparing two sweeps over the same grid, or two solutions exactly: where a measure differs,
and by how much."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np

from ._compare_symbolic import PairDifference, SolutionComparison, compare_solutions
from ._present_registry import render
from .equilibrium import Solution
from .errors import GameError

if TYPE_CHECKING:  # imported where used: a fast `import gametheory` (no pandas)
    import pandas as pd

    from .sweeps import SweepResult

__all__ = ["Comparison", "PairDifference", "SolutionComparison", "compare"]


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    frame
        One row per grid point: ``point``, the parameters, the measure in each sweep (``<measure>_a``,
        ``<measure>_b``; the largest or smallest over the equilibria at that point, see ``how``),
        ``difference`` (a − b), and ``same`` (whether both sweeps have the same number of
        equilibria with the same values of the measure there, within ``tol``).
    measure
        The compared column.
    """

    frame: pd.DataFrame
    measure: str

    def differing(self) -> pd.DataFrame:
        """The points where the two sweeps differ."""
        return self.frame[~self.frame["same"]]

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameter columns of the frame."""
        m = self.measure
        own = {"point", f"{m}_a", f"{m}_b", "difference", "same"}
        return tuple(str(k) for k in self.frame.columns if k not in own)

    def plot(self, ax: Any = None, *, labels: tuple[str, str] = ("a", "b")) -> Any:
        """Draw the comparison; returns the matplotlib Axes (matplotlib: the ``plot`` extra).

        With one swept parameter: both sweeps' measure against it, and their difference
        (dashed).  With two: a map of the grid, each point coloured by the difference a − b
        (a diverging scale centred on 0), points where the sweeps agree in grey, and points
        where only one sweep has an equilibrium (no difference defined) as black crosses.
        ``labels`` name the two sweeps in the legend.
        """
        return render("plot", self, ax, labels=labels)

    def summary(self) -> dict[str, float]:
        """Share of points that differ, and the largest and mean absolute difference."""
        d = self.frame["difference"].abs()
        return {
            "share_differing": float((~self.frame["same"]).mean()),
            "max_abs_difference": float(d.max()),
            "mean_abs_difference": float(d.mean()),
        }


@overload
def compare(
    a: SweepResult,
    b: SweepResult,
    measure: str,
    *,
    how: Literal["max", "min"] | None = None,
    tol: float | None = None,
) -> Comparison: ...


@overload
def compare(
    a: Solution,
    b: Solution,
    measure: str,
    *,
    how: Literal["max", "min"] | None = None,
    tol: float | None = None,
) -> SolutionComparison: ...


def compare(
    a: SweepResult | Solution,
    b: SweepResult | Solution,
    measure: str,
    *,
    how: Literal["max", "min"] | None = None,
    tol: float | None = None,
) -> Comparison | SolutionComparison:
    """Where and by how much two sweeps over the same grid, or two solutions, differ in a measure.

    Two sweeps are compared point by point on their common grid (a :class:`Comparison`).  Two
    solutions are compared exactly, without a grid (a :class:`SolutionComparison`): for every
    pair of equilibria, one of each, that hold together somewhere in the space, the
    difference a − b of the measure as an expression, and where it is positive or negative
    as conditions on the parameters, reduced under the space with
    :func:`gametheory.conditions.reduce`.  We chose this exact form over sweeping both
    solutions on a grid: it names the thresholds (a grid only brackets them) and cannot miss a
    sliver between grid points; to see it on a grid, sweep both solutions and compare the
    sweeps (the two agree at every grid point).

    Parameters
    ----------
    a, b
        Two sweeps over the same parameters and the same points, or two solutions over the
        same parameter space (e.g. a model with and without a warning channel).
    measure
        A column of both frames (sweeps) or, for solutions, a player (the payoff) or an
        outcome label such as ``"war"`` (its probability).
    how
        Sweeps only: where several equilibria exist at a point, compare the largest
        (``"max"``, the default, e.g. the worst case for war) or the smallest value.
        A comparison of solutions lists every pair instead.
    tol
        Sweeps only: tolerance for ``same`` (default ``1e-9``).  Solutions are compared
        exactly.

    Returns
    -------
    Comparison or SolutionComparison
        By the arguments' type.

    Raises
    ------
    GameError
        A bad argument, named: not two sweeps or two solutions, an unknown measure, ``how``,
        ``tol``; sweeps over different grids; solutions over different spaces.

    Examples
    --------
    >>> import sympy as sp, gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> space = gt.ParameterSpace({c: (0, 4)})
    >>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> h = gt.NormalFormGame.from_matrices([[2 * c, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> cmp = gt.compare(gt.nash(g, space), gt.nash(h, space), measure="Row")
    >>> [(p.a, p.b, p.difference, p.a_higher) for p in cmp.differing()][:2]
    [(0, 0, -c, False), (0, 1, c - 1, c > 1)]
    """
    if isinstance(a, Solution) and isinstance(b, Solution):
        for name, given in (("how", how), ("tol", tol)):
            if given is not None:
                raise GameError(
                    f"{name}= applies to sweeps; two solutions are compared exactly, pair by "
                    f"pair of equilibria (got {name}={given!r})"
                )
        if not isinstance(measure, str):
            raise GameError(
                f"measure must be a player (its payoff) or an outcome label, got {measure!r}"
            )
        return compare_solutions(a, b, measure)
    import pandas as pd

    from .sweeps import SweepResult

    for name, res in (("a", a), ("b", b)):
        if not isinstance(res, SweepResult | Solution):
            raise GameError(
                "compare() needs two sweeps (gt.sweep results) or two solutions; "
                f"{name} is {type(res).__name__}"
            )
    if isinstance(a, Solution) or isinstance(b, Solution):
        raise GameError(
            f"compare() needs two sweeps or two solutions, got a {type(a).__name__} and a "
            f"{type(b).__name__}: sweep the solution over the other's grid"
        )
    assert isinstance(a, SweepResult) and isinstance(b, SweepResult)
    how = "max" if how is None else how
    tol = 1e-9 if tol is None else tol
    if not isinstance(measure, str):
        raise GameError(
            f"measure must be a column name (a payoff, an outcome label), got {measure!r}"
        )
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 <= tol < math.inf:
        raise GameError(f"tol must be a finite number >= 0, got {tol!r}")
    if how not in ("max", "min"):
        raise GameError(f"how must be 'max' or 'min', got {how!r}")
    if a.parameters != b.parameters:
        raise GameError(
            f"the sweeps vary different parameters: {', '.join(a.parameters)} vs {', '.join(b.parameters)}"
        )
    if a.n_points != b.n_points or a.shape != b.shape:
        raise GameError(
            f"the sweeps have different grids: {a.n_points} points {a.shape} vs "
            f"{b.n_points} points {b.shape}"
        )
    for name, res in (("a", a), ("b", b)):
        if measure not in res.frame.columns:
            raise GameError(
                f"sweep {name} has no column {measure!r}; columns: {', '.join(res.frame.columns)}"
            )
    params = list(a.parameters)
    ga = a.frame.groupby("point")
    gb = b.frame.groupby("point")
    pa, pb = ga[params].first(), gb[params].first()
    common = pa.index.intersection(pb.index)
    if not np.allclose(pa.loc[common].to_numpy(), pb.loc[common].to_numpy(), rtol=0, atol=1e-12):
        raise GameError("the sweeps' points have different parameter values: not the same grid")
    agg = ga[measure].max() if how == "max" else ga[measure].min()
    bgg = gb[measure].max() if how == "max" else gb[measure].min()
    values_a = ga[measure].apply(lambda s: tuple(np.sort(s.to_numpy())))
    values_b = gb[measure].apply(lambda s: tuple(np.sort(s.to_numpy())))
    index = pa.index.union(pb.index)
    frame = pd.concat([pa, pb]).groupby(level=0).first().reindex(index)
    frame = frame.reset_index().rename(columns={"index": "point"})
    frame[f"{measure}_a"] = agg.reindex(index).to_numpy()
    frame[f"{measure}_b"] = bgg.reindex(index).to_numpy()
    frame["difference"] = frame[f"{measure}_a"] - frame[f"{measure}_b"]
    same = []
    for pt in index:
        va, vb = values_a.get(pt, ()), values_b.get(pt, ())
        same.append(len(va) == len(vb) and bool(np.all(np.abs(np.subtract(va, vb)) <= tol)))
    frame["same"] = same
    return Comparison(frame, measure)

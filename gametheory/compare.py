"""Comparing two sweeps over the same grid: where the equilibria differ, and by how much."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .errors import GameError
from .sweeps import SweepResult

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    frame
        One row per grid point: the parameters, ``point``, the measure in each sweep (``<measure>_a``,
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

    def summary(self) -> dict[str, float]:
        """Share of points that differ, and the largest and mean absolute difference."""
        d = self.frame["difference"].abs()
        return {
            "share_differing": float((~self.frame["same"]).mean()),
            "max_abs_difference": float(d.max()),
            "mean_abs_difference": float(d.mean()),
        }


def compare(
    a: SweepResult,
    b: SweepResult,
    measure: str,
    *,
    how: Literal["max", "min"] = "max",
    tol: float = 1e-9,
) -> Comparison:
    """Where and by how much two sweeps over the same grid differ in a measure.

    Parameters
    ----------
    a, b
        Sweeps over the same parameters and the same points (e.g. a model with and without a
        warning channel).
    measure
        A column of both frames: a payoff, an outcome label such as ``"war"``, a measure.
    how
        Where several equilibria exist at a point, compare the largest (``"max"``, e.g. the worst
        case for war) or the smallest value of the measure.
    tol
        Tolerance for ``same``.
    """
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

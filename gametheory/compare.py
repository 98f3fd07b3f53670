"""Comparing two sweeps over the same grid: where the equilibria differ, and by how much."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .errors import GameError

if TYPE_CHECKING:  # imported where used: a fast `import gametheory` (no pandas)
    import pandas as pd

    from .sweeps import SweepResult

__all__ = ["Comparison", "compare"]


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
        try:
            import matplotlib.pyplot as plt
            from matplotlib.colors import TwoSlopeNorm
        except ImportError:  # pragma: no cover - depends on the environment
            raise GameError(
                "plot() needs matplotlib: pip install 'crisis-gametheory[plot]'"
            ) from None
        f, m = self.frame, self.measure
        swept = [p for p in self.parameters if f[p].nunique() > 1]
        if len(swept) not in (1, 2):
            raise GameError(
                "Comparison.plot() draws one or two swept parameters "
                f"(swept here: {', '.join(swept) or 'none'})"
            )
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4.5))
        if len(swept) == 1:
            (x,) = swept
            ordered = f.sort_values(x)
            ax.plot(ordered[x], ordered[f"{m}_a"], ".-", markersize=3, label=f"{m} ({labels[0]})")
            ax.plot(ordered[x], ordered[f"{m}_b"], ".-", markersize=3, label=f"{m} ({labels[1]})")
            ax.plot(
                ordered[x],
                ordered["difference"],
                "--",
                color="black",
                label=f"difference ({labels[0]} − {labels[1]})",
            )
            ax.axhline(0, color="grey", linewidth=0.5)
            ax.set_xlabel(x)
            ax.set_ylabel(m)
            ax.legend(fontsize="small")
            return ax
        x, y = swept
        same = f["same"].to_numpy(dtype=bool)
        diff = f["difference"].to_numpy(dtype=float)
        known = ~same & np.isfinite(diff)
        ax.scatter(f.loc[same, x], f.loc[same, y], s=6, marker="s", color="0.85", label="same")
        if known.any():
            span = float(np.abs(diff[known]).max()) or 1.0
            dots = ax.scatter(
                f.loc[known, x],
                f.loc[known, y],
                c=diff[known],
                s=6,
                marker="s",
                cmap="RdBu_r",
                norm=TwoSlopeNorm(0.0, -span, span),
                label="differ",
            )
            ax.figure.colorbar(dots, ax=ax, label=f"{m}: {labels[0]} − {labels[1]}")
        lone = ~same & ~np.isfinite(diff)
        if lone.any():
            ax.scatter(
                f.loc[lone, x],
                f.loc[lone, y],
                s=12,
                marker="x",
                color="black",
                label="equilibria in one sweep only",
            )
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_title(f"where {m} differs ({labels[0]} vs {labels[1]})")
        ax.legend(fontsize="small", markerscale=2)
        return ax

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
    import pandas as pd

    from .sweeps import SweepResult

    for name, res in (("a", a), ("b", b)):
        if not isinstance(res, SweepResult):
            raise GameError(
                f"compare() needs two sweeps (gt.sweep results); {name} is {type(res).__name__}"
            )
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

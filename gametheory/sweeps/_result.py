"""The result of a sweep: a tidy frame, its summary and its pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import GameError

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
        Points where a per-point sweep failed: the parameters, ``point`` and ``error`` (the
        exception's type and message); empty for compiled sweeps.
    """

    frame: pd.DataFrame
    parameters: tuple[str, ...]
    n_points: int
    shape: tuple[int, ...] | None = None
    failures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["point", "error"]))

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

"""Pictures of two analysis results (matplotlib, the ``plot`` extra): a comparison of two sweeps
(:class:`gametheory.Comparison`) and the folk-theorem payoff region
(:class:`gametheory.PayoffRegion`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._present_registry import register
from ..compare import Comparison
from ..errors import GameError
from ..payoff_region import PayoffRegion

__all__ = ["comparison_plot", "payoff_region_plot"]


@register("plot", Comparison)
def comparison_plot(
    cmp: Comparison, ax: Any = None, *, labels: tuple[str, str] = ("a", "b")
) -> Any:
    """:meth:`Comparison.plot <gametheory.Comparison.plot>`: the two sweeps' measure and their
    difference against one swept parameter, or a map of the difference over two."""
    try:
        import matplotlib.pyplot as plt
        from matplotlib.colors import TwoSlopeNorm
    except ImportError:  # pragma: no cover - depends on the environment
        raise GameError("plot() needs matplotlib: pip install 'crisis-gametheory[plot]'") from None
    f, m = cmp.frame, cmp.measure
    swept = [p for p in cmp.parameters if f[p].nunique() > 1]
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


@register("plot", PayoffRegion)
def payoff_region_plot(folk: PayoffRegion, ax: Any = None, *, color: str = "tab:blue") -> Any:
    """:meth:`PayoffRegion.plot <gametheory.PayoffRegion.plot>`: the feasible set, the
    individually rational lines and the region."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    hull = [(float(x), float(y)) for x, y in folk.feasible]
    closed = [*hull, hull[0]]
    ax.fill(*zip(*hull, strict=True), color="0.9", label="feasible payoffs")
    ax.plot(*zip(*closed, strict=True), color="0.5", linewidth=1)
    if folk.vertices:
        region = [(float(x), float(y)) for x, y in folk.vertices]
        if len(region) >= 3:
            ax.fill(
                *zip(*region, strict=True),
                color=color,
                alpha=0.45,
                label="individually rational",
            )
        ax.plot(
            *zip(*region, region[0], strict=True),
            color=color,
            linewidth=2,
            marker="." if len(region) < 3 else None,
        )
    m0, m1 = (float(m) for m in folk.minmax)
    ax.axvline(m0, color="0.3", linestyle="--", linewidth=1, label=f"minmax of {folk.players[0]}")
    ax.axhline(m1, color="0.3", linestyle=":", linewidth=1, label=f"minmax of {folk.players[1]}")
    px, py = zip(*((float(x), float(y)) for x, y in folk.payoffs), strict=True)
    ax.scatter(px, py, color="black", s=15, zorder=3, label="pure profiles")
    ax.set_xlabel(f"payoff of {folk.players[0]}")
    ax.set_ylabel(f"payoff of {folk.players[1]}")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="best", fontsize="small")
    return ax

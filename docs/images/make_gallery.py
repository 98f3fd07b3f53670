"""Draw the phase diagrams of docs/gallery.md.

    python docs/images/make_gallery.py [output directory] [model ...]

One PNG per model with two parameters worth sweeping, ``gallery-<model>.png``: the model's
symbolic solution, swept over a grid with ``gt.sweep`` and drawn with ``SweepResult.plot()``
(which equilibria exist where), its legend naming what each equilibrium does: the
library's automatic names, or the model's own where it has better ones (``names=``).  The chain-store
game has one equilibrium everywhere: no picture.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import gametheory as gt
from gametheory.cli import load_module

ROOT = Path(__file__).resolve().parents[2]

# model -> (the grid of the sweep: swept parameters first (x, then y), fixed ones after, title)
GRIDS: dict[str, tuple[dict[str, Any], str]] = {
    "crisis_chicken": (
        {"c": np.linspace(0.25, 10, 40), "a": np.linspace(0, 10, 41)},
        "Crisis chicken: Chicken below a = c, the audience trap above",
    ),
    "calibrated_retaliation": (
        {
            "W": np.linspace(0.5, 4, 36),
            "theta_L": np.linspace(0, 1.9, 39),
            "theta_H": 2,
            **{"v": 1, "c": 1, "kappa": 0.5, "lambda": 0.1},
        },
        "Calibrated retaliation at theta_H = 2 (v = c = 1, kappa = 1/2, lambda = 1/10)",
    ),
    "escalation_ladder": (
        {
            "c_A": np.linspace(0.25, 9.75, 39),
            "c_B": np.linspace(0.25, 9.75, 39),
            "V": 10,
            "W_A": -100,
            "W_B": -100,
        },
        "Escalation ladder (N = 4, J_A = 3, J_B = 2) at V = 10",
    ),
    "bargaining": (
        {"c_A": np.linspace(0.025, 1, 40), "k": np.linspace(0.025, 1, 40)},
        "Crisis bargaining (p = 1/2): risky offers where c_A < k",
    ),
    "perfect_deterrence": (
        {"p_Ch": np.linspace(0.0125, 0.9875, 40), "p_Def": np.linspace(0.0125, 0.9875, 40)},
        "Perfect deterrence: the PBE families over the priors",
    ),
}


def offer(eq: gt.Equilibrium) -> str:
    """Crisis bargaining: the safe offer (no war) or the risky one (war with some probability)."""
    return (
        "safe offer, no war" if sp.sympify(eq.outcomes["war"]) == 0 else "risky offer, P(war) > 0"
    )


def retaliation_case(model: Any, sol: gt.Solution) -> dict[int, str]:
    """Calibrated retaliation: I's choice and the case of its optimum on the path (the model's
    own ``cases``: safe, calibrated or risky)."""
    return {
        k: f"{choice}, {warned if choice == 'warn' else unwarned}"
        for k, (choice, warned, unwarned, _) in enumerate(model.cases(sol))
    }


# model -> the ``names=`` of ``SweepResult.plot`` (None: the automatic names, by the outcome
# reached for sure or the pure profile; see gametheory.naming)
NAMES: dict[str, Any] = {
    "crisis_chicken": lambda model, sol: None,
    "calibrated_retaliation": retaliation_case,
    "escalation_ladder": lambda model, sol: None,
    "bargaining": lambda model, sol: offer,
    "perfect_deterrence": lambda model, sol: (
        lambda eq: f"{model.family(eq)}, Soft Def {model.soft_defender(eq)}"
    ),
}


def solution(model: Any) -> gt.Solution:
    """The model's symbolic solution: its ``solution()`` if it has one, else ``gt.solve``."""
    if hasattr(model, "solution"):
        return model.solution()
    return gt.solve(model.game, space=model.space)


def make(out: Path, models: list[str] | None = None) -> list[Path]:
    """Write ``gallery-<model>.png`` into ``out`` for each model (default: all of ``GRIDS``)."""
    paths = []
    for name in models or list(GRIDS):
        grid, title = GRIDS[name]
        model = load_module(ROOT / "models" / f"{name}.py")
        fig = Figure(figsize=(8, 4.5))
        FigureCanvasAgg(fig)
        sol = solution(model)
        res = gt.sweep(sol, outside="drop", **grid)
        ax = res.plot(ax=fig.add_subplot(), names=NAMES[name](model, sol))
        ax.set_title(title, fontsize="medium")
        fig.tight_layout()
        path = out / f"gallery-{name}.png"
        fig.savefig(path, dpi=72)
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in make(target, sys.argv[2:] or None):
        print(f"wrote {path} ({path.stat().st_size // 1024} kB)")

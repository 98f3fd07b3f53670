"""Make the pictures of the docs: python docs/images/make_images.py [output directory].

compare-map.png: docs/how-to/compare.md (the crisis against a costlier war, P(war) difference);
sweep-phase.png: docs/how-to/command-line.md (the phase diagram `gametheory sweep --plot` draws).
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import gametheory as gt
from gametheory.cli import load_module, main

ROOT = Path(__file__).resolve().parents[2]


def make(out: Path) -> list[Path]:
    crisis = load_module(ROOT / "models" / "crisis_chicken.py")
    costlier = crisis.game.map_payoffs(lambda v: v.xreplace({crisis.c: 2 * crisis.c}))
    grid = {"c": np.linspace(0.25, 10, 40), "a": np.linspace(0.25, 10, 40)}
    a = gt.sweep(crisis.solution(), **grid)
    b = gt.sweep(gt.nash(costlier, space=crisis.space), **grid)
    fig = Figure(figsize=(6, 4.5))
    FigureCanvasAgg(fig)
    gt.compare(a, b, measure="war").plot(fig.add_subplot(), labels=("baseline", "costlier war"))
    fig.tight_layout()
    fig.savefig(out / "compare-map.png", dpi=72)
    model = str(ROOT / "models" / "crisis_chicken.py")
    phase = out / "sweep-phase.png"
    with contextlib.redirect_stdout(io.StringIO()):  # the command's summary: not needed here
        main(["sweep", model, "c=0.25:10:40", "a=0:10:41", "--plot", str(phase)])
    return [out / "compare-map.png", phase]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in make(target):
        print(f"wrote {path} ({path.stat().st_size // 1024} kB)")

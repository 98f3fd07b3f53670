"""Each model file imported, and solved, once per test run.

Solving a model is the expensive part of its tests, and many test files need the same
solution (the model's own tests, the conformance checks of every model, claims, LaTeX, sweeps).
Solutions are frozen all the way down, so one object can serve every test: take them from here
instead of calling ``load_module(...).solution()`` in each file.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import gametheory as gt
from gametheory.cli import load_module

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "models"


@functools.cache
def model(name: str) -> ModuleType:
    """``models/<name>.py`` imported without running ``main()`` (one module object per run)."""
    return load_module(MODELS_DIR / f"{name}.py")


@functools.cache
def solution(name: str) -> gt.Solution:
    """The model's ``solution()`` (else ``gt.solve(game, space=space)``), solved once per run."""
    module = model(name)
    if hasattr(module, "solution"):
        return module.solution()
    return gt.solve(module.game, space=module.space)


@functools.cache
def solved(name: str) -> gt.Solution:
    """``gt.solve(game, space=space)`` of the model, as ``gametheory run`` and the conformance
    checks call it (it can differ from the file's own ``solution()``), solved once per run."""
    module = model(name)
    if hasattr(module, "solution") and solution(name).concept == _natural_concept(module.game):
        return solution(name)  # every model's solution() is gt.<concept>(game, space) itself
    return gt.solve(module.game, space=module.space)


def _natural_concept(game: object) -> str | None:
    """The concept ``gt.solve`` picks for a model's game (None: not a plain game)."""
    from gametheory.solvers.solve import _incomplete_information

    if isinstance(game, gt.NormalFormGame):
        return "nash"
    if callable(getattr(game, "to_extensive", None)):
        return "pbe"
    if isinstance(game, gt.ExtensiveGame):
        return "pbe" if _incomplete_information(game) else "spe"
    return None


@functools.cache
def script(name: str) -> subprocess.CompletedProcess[str]:
    """``python models/<name>.py`` run once per test run (its stdout, stderr and return code):
    the conformance check of every model and the model's own test read the same run."""
    return subprocess.run(
        [sys.executable, str(MODELS_DIR / f"{name}.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )

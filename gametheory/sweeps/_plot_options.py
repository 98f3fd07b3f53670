"""The option types of :meth:`SweepResult.plot <gametheory.sweeps.SweepResult.plot>`, below both
the result and the drawing code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from ..equilibrium import Equilibrium, Solution

__all__ = ["HOWS", "How", "Names"]

How = Literal["max", "min"]
Names = Mapping[int, str] | Callable[[Equilibrium], object] | Solution | None
HOWS: tuple[How, ...] = ("max", "min")

"""Solvers: one module per solution concept or algorithm, each returning a ``Solution``."""

from .nash import nash
from .solve import solve

__all__ = ["nash", "solve"]

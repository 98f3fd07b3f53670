"""Solvers: one module per solution concept or algorithm, each returning a ``Solution``."""

from .nash import nash
from .solve import solve
from .spe import spe, tree_profile_to_normal_form

__all__ = ["nash", "solve", "spe", "tree_profile_to_normal_form"]

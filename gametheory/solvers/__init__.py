"""Solvers: one module per solution concept or algorithm, each returning a ``Solution``."""

from .nash import nash
from .pbe import pbe
from .solve import solve
from .spe import spe, tree_profile_to_normal_form

__all__ = ["nash", "pbe", "solve", "spe", "tree_profile_to_normal_form"]

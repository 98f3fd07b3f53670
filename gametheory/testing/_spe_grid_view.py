"""What the continuous-type checks read of a :class:`~._spe_grid.GridCheck`: a protocol, so that
they need not import the check that uses them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import sympy as sp

from ..games.tree import Node
from ._spe_cuts import Env

__all__ = ["Dev", "GridView"]

Dev = tuple[str, Any] | None
"""A deviation: the information set and the deviating choice, or none."""


class GridView(Protocol):
    """The tree's nodes by path, the profile and the tolerances of one grid check."""

    players: tuple[str, ...]
    nodes: dict[str, Node]
    strategies: Mapping[str, Mapping[str, sp.Expr]]
    tol: float
    grid: int
    found: list[str]
    label: dict[str, str]

    def num(self, expr: sp.Expr, env: Env) -> float: ...

    def value(
        self, path: str, env: Env, dev: Dev = None
    ) -> tuple[tuple[float, ...], dict[str, float]]: ...

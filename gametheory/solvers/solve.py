"""``gt.solve``: the natural solution concept for a game."""

from __future__ import annotations

from ..equilibrium import Solution
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from .nash import nash
from .spe import spe

__all__ = ["solve"]


def solve(game: object, space: ParameterSpace | None = None) -> Solution:
    """Solve a game with its natural concept: Nash equilibria for normal-form games,
    subgame-perfect equilibria for game trees.

    Parameters
    ----------
    game
        The game to solve.
    space
        The parameter space (default: what the symbols' assumptions allow).

    Returns
    -------
    Solution
        The equilibria with the conditions under which each exists.
    """
    if isinstance(game, NormalFormGame):
        return nash(game, space)
    if isinstance(game, ExtensiveGame):
        return spe(game, space)
    raise UnsupportedGameError(
        f"solve() does not know how to solve a {type(game).__name__}; "
        "give a NormalFormGame or an ExtensiveGame"
    )

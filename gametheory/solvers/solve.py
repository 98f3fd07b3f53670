"""``gt.solve``: the natural solution concept for a game."""

from __future__ import annotations

from ..equilibrium import Solution
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ..repeated.game import RepeatedProfile
from .nash import nash
from .pbe import pbe
from .spe import spe

__all__ = ["solve"]


def solve(game: object, space: ParameterSpace | None = None) -> Solution:
    """Solve a game with its natural concept: Nash equilibria for normal-form games,
    perfect Bayesian equilibria for trees with a chance move and an information set of two or
    more nodes (incomplete information; also a :class:`~gametheory.SignalingGame`), and
    subgame-perfect equilibria for the other trees.

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

    Examples
    --------
    >>> import gametheory as gt
    >>> pennies = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> gt.solve(pennies).concept
    'nash'
    >>> tree = gt.ExtensiveGame(
    ...     gt.Decision("A", {"stop": gt.Outcome(A=0, B=0), "go": gt.Outcome(A=1, B=-1)})
    ... )
    >>> gt.solve(tree).concept
    'spe'
    """
    if isinstance(game, NormalFormGame):
        return nash(game, space)
    if isinstance(game, RepeatedProfile):  # a profile of automata: checked again
        return spe(game, space) if game.concept == "spe" else nash(game, space)
    if callable(getattr(game, "to_extensive", None)):
        return pbe(game, space)
    if isinstance(game, ExtensiveGame):
        if _incomplete_information(game):
            return pbe(game, space)
        return spe(game, space)
    raise UnsupportedGameError(
        f"solve() does not know how to solve a {type(game).__name__}; "
        "give a NormalFormGame or an ExtensiveGame"
    )


def _incomplete_information(game: ExtensiveGame) -> bool:
    from ..games.tree import Chance, node_paths

    has_chance = any(isinstance(n, Chance) for _, n in node_paths(game.root))
    shared = any(len(i.paths) > 1 for i in game.infosets.values())
    return has_chance and shared and not game.has_continuous

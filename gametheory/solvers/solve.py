"""``gt.solve``: the natural solution concept for a game."""

from __future__ import annotations

from collections.abc import Callable

from .._budget import Budget
from ..equilibrium import Solution
from ..errors import BudgetExceededError, UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ..repeated.game import RepeatedProfile
from .nash import nash
from .pbe import pbe
from .spe import spe

__all__ = ["solve"]


def solve(
    game: object, space: ParameterSpace | None = None, *, budget: float | None = None
) -> Solution:
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
    budget
        Seconds the call may take (None: no limit), handed on to the solver chosen; past it,
        :class:`~gametheory.BudgetExceededError` names ``solve`` and that solver.

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
    clock = Budget.of(budget, "solve")
    if isinstance(game, NormalFormGame):
        solver: Callable[..., Solution] = nash
    elif isinstance(game, RepeatedProfile):  # a profile of automata: checked again
        solver = spe if game.concept == "spe" else nash
    elif callable(getattr(game, "to_extensive", None)):
        solver = pbe
    elif isinstance(game, ExtensiveGame):
        solver = pbe if _incomplete_information(game) else spe
    else:
        raise UnsupportedGameError(
            f"solve() does not know how to solve a {type(game).__name__}; "
            "give a NormalFormGame or an ExtensiveGame"
        )
    try:
        return solver(game, space, budget=clock.remaining())
    except BudgetExceededError as exc:
        raise clock.exceeded(f"{exc.done} (in gt.{exc.solver})", exc.partial) from None


def _incomplete_information(game: ExtensiveGame) -> bool:
    from ..games.tree import Chance, node_paths

    has_chance = any(isinstance(n, Chance) for _, n in node_paths(game.root))
    shared = any(len(i.paths) > 1 for i in game.infosets.values())
    return has_chance and shared and not game.has_continuous

"""Two-player games to and from numpy payoff matrices and ``nashpy.Game``.

nashpy holds a bimatrix game as two numpy arrays (``game.payoff_matrices``).  Reading one,
integer entries stay integers and a float is read as the decimal it prints as (``0.1`` is
``1/10``, the shortest decimal that rounds to that float, not the binary fraction
``3602879701896397/36028797018963968``), so the game is solved exactly; ``exact=False`` keeps the
floats (solved in floating point, with a tolerance).  Writing gives float64 arrays (or, with
``exact=True``, object arrays of :class:`fractions.Fraction`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..games import _matrices
from ..games.normal_form import NormalFormGame

__all__ = ["from_nashpy", "to_matrices", "to_nashpy"]


def from_nashpy(
    game: object,
    *,
    exact: bool = True,
    players: Sequence[str] | None = None,
    actions: Mapping[str, Sequence[str]] | Sequence[Sequence[str]] | None = None,
) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``nashpy.Game`` (or anything with ``payoff_matrices``).

    Floats are read as the decimals they print as when ``exact`` (the default), else kept.
    ``players`` and ``actions`` are passed to :meth:`NormalFormGame.from_matrices`.
    """
    return NormalFormGame.from_nashpy(game, exact=exact, players=players, actions=actions)


def to_matrices(game: NormalFormGame, *, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrices ``(A, B)`` of a numeric two-player game: float64 arrays, or object
    arrays of :class:`fractions.Fraction` when ``exact``."""
    return _matrices.to_matrices(game, exact=exact)


def to_nashpy(game: NormalFormGame) -> Any:
    """A ``nashpy.Game`` of a numeric two-player game (float64 matrices)."""
    return _matrices.to_nashpy(game)

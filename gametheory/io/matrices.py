"""Two-player games to and from numpy payoff matrices and ``nashpy.Game``.

nashpy holds a bimatrix game as two numpy arrays (``game.payoff_matrices``).  Reading one,
integer entries stay integers and a float is read as the decimal it prints as (``0.1`` is
``1/10``, the shortest decimal that rounds to that float, not the binary fraction
``3602879701896397/36028797018963968``), so the game is solved exactly; ``exact=False`` keeps the
floats (solved in floating point, with a tolerance).  Writing gives float64 arrays (or, with
``exact=True``, object arrays of :class:`fractions.Fraction`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._optional import require
from ..errors import InvalidGameError, InvalidPayoffError, UnsupportedGameError
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
    matrices = getattr(game, "payoff_matrices", None)
    if not isinstance(matrices, tuple) or len(matrices) != 2:
        raise UnsupportedGameError(
            f"from_nashpy needs a nashpy.Game (with two payoff_matrices), got {type(game).__name__}"
        )
    arrays = [
        np.vectorize(lambda v, k=k: _entry(v, k, exact), otypes=[object])(_array(m, k))
        for k, m in enumerate(matrices)
    ]
    return NormalFormGame.from_matrices(*arrays, players=players, actions=actions)


def _array(matrix: object, k: int) -> np.ndarray:
    """``numpy.asarray(matrix)``; a ragged or otherwise unreadable matrix is an
    :class:`InvalidGameError` naming it, not numpy's own error."""
    try:
        return np.asarray(matrix)
    except (ValueError, TypeError):
        raise InvalidGameError(
            f"payoff matrix {k} is not a rectangular array (are its rows of different lengths?)"
        ) from None


def _entry(value: object, k: int, exact: bool) -> object:
    if isinstance(value, bool | np.bool_):
        raise InvalidPayoffError(f"payoff matrix {k} holds a boolean ({value!r})")
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        if not math.isfinite(x):
            raise InvalidPayoffError(f"payoff matrix {k} holds {x!r}, which is not finite")
        if not exact:
            return x
        return Fraction(repr(x))
    return value  # Fractions, sympy numbers: from_matrices checks them


def to_matrices(game: NormalFormGame, *, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrices ``(A, B)`` of a numeric two-player game: float64 arrays, or object
    arrays of :class:`fractions.Fraction` when ``exact``."""
    if len(game.players) != 2:
        raise UnsupportedGameError(
            f"payoff matrices need a two-player game; this one has {len(game.players)} players "
            f"({', '.join(game.players)})"
        )
    out = []
    for k, player in enumerate(game.players):
        arr = game.payoff_array(k)
        for prof, v in zip(game.profiles(), arr.flat, strict=True):
            _check_numeric(v, f"the payoff of {player} at profile {prof}", exact)
        if exact:
            out.append(np.vectorize(_fraction, otypes=[object])(arr))
        else:
            out.append(arr.astype(float))
    return out[0], out[1]


def to_nashpy(game: NormalFormGame) -> Any:
    """A ``nashpy.Game`` of a numeric two-player game (float64 matrices)."""
    nashpy = require("nashpy", "nashpy", "to_nashpy")
    return nashpy.Game(*to_matrices(game))


def _check_numeric(value: sp.Expr, what: str, exact: bool) -> None:
    if value.free_symbols:
        raise UnsupportedGameError(
            f"{what} is {value}, which is symbolic: substitute a parameter point first, "
            "e.g. game.at(...).to_matrices()"
        )
    if exact and not (value.is_Rational or isinstance(value, sp.Float)):
        raise UnsupportedGameError(f"{what} is {value}, which is not rational; use exact=False")


def _fraction(value: sp.Expr) -> Fraction:
    if isinstance(value, sp.Float):
        return Fraction(repr(float(value)))
    return Fraction(int(value.p), int(value.q))

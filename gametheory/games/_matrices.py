"""Kernels of :mod:`gametheory.io.matrices`: numpy payoff matrices of a two-player game and the
entries of a ``nashpy.Game`` read exactly.  Here, below the game classes, so that
``NormalFormGame.to_matrices`` and ``from_nashpy`` need nothing above them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import sympy as sp

from .._optional import require
from ..errors import InvalidGameError, InvalidPayoffError, UnsupportedGameError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["nashpy_arrays", "to_matrices", "to_nashpy"]


class _Table(Protocol):
    """What the writers read of a :class:`~gametheory.NormalFormGame`."""

    @property
    def players(self) -> tuple[str, ...]: ...

    def payoff_array(self, k: int) -> np.ndarray: ...

    def profiles(self) -> Iterator[tuple[str, ...]]: ...


def nashpy_arrays(game: object, exact: bool) -> list[np.ndarray]:
    """The two payoff matrices of a ``nashpy.Game`` (or anything with ``payoff_matrices``) as
    object arrays: integers, Fractions (floats read as the decimals they print as) when
    ``exact``, else floats; ``NormalFormGame.from_matrices`` checks the rest."""
    import numpy as np

    matrices = getattr(game, "payoff_matrices", None)
    if not isinstance(matrices, tuple) or len(matrices) != 2:
        raise UnsupportedGameError(
            f"from_nashpy needs a nashpy.Game (with two payoff_matrices), got {type(game).__name__}"
        )
    return [
        np.vectorize(lambda v, k=k: _entry(v, k, exact), otypes=[object])(_array(m, k))
        for k, m in enumerate(matrices)
    ]


def _array(matrix: object, k: int) -> np.ndarray:
    """``numpy.asarray(matrix)``; a ragged or otherwise unreadable matrix is an
    :class:`InvalidGameError` naming it, not numpy's own error."""
    import numpy as np

    try:
        return np.asarray(matrix)
    except (ValueError, TypeError):
        raise InvalidGameError(
            f"payoff matrix {k} is not a rectangular array (are its rows of different lengths?)"
        ) from None


def _entry(value: object, k: int, exact: bool) -> object:
    import numpy as np

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


def to_matrices(game: _Table, *, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrices ``(A, B)`` of a numeric two-player game: float64 arrays, or object
    arrays of :class:`fractions.Fraction` when ``exact``."""
    import numpy as np

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


def to_nashpy(game: _Table) -> Any:
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

"""Parameter resolution: the :class:`~gametheory.ParameterSpace` a game is solved, swept or
checked in.

Every entry point that takes ``space=None`` or a space reads it here, so that they all agree:
no space means each parameter of the game on its symbol's own assumptions
(:meth:`ParameterSpace.from_symbols`); a space keyed by parameter names bounds the game's
symbols of those names (:meth:`ParameterSpace.aligned`); a space must bound every parameter of
the game.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp

from .errors import InvalidSpaceError, MissingParameterError
from .params import ParameterSpace

__all__ = ["resolve_space"]


def resolve_space(parameters: Iterable[sp.Symbol], space: ParameterSpace | None) -> ParameterSpace:
    """The space to solve in: the given one (which must bound every parameter) or the default.

    Parameters
    ----------
    parameters
        The game's parameters (``game.parameters``), in order.
    space
        The user's space, or ``None`` for the default.

    Raises
    ------
    InvalidSpaceError
        When ``space`` is not a :class:`ParameterSpace`.
    MissingParameterError
        When the space lacks some of the parameters, naming them.

    Examples
    --------
    >>> import sympy as sp
    >>> c = sp.Symbol("c", positive=True)
    >>> resolve_space((c,), None).interval(c)
    Interval.open(0, oo)
    """
    parameters = tuple(parameters)
    if space is None:
        return ParameterSpace.from_symbols(parameters)
    if not isinstance(space, ParameterSpace):
        raise InvalidSpaceError(f"space must be a ParameterSpace, got {type(space).__name__}")
    space = space.aligned(parameters)  # a space keyed by names bounds the game's symbols
    missing = [s.name for s in parameters if s not in space.symbols]
    if missing:
        raise MissingParameterError(
            f"the game's parameter(s) {', '.join(missing)} are not in the space; add them "
            "(e.g. space.extended(game.parameters))"
        )
    return space

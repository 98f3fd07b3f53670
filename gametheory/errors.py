"""Errors raised by gametheory.

Every error is a :class:`GameError`, itself a :class:`ValueError`, so callers can catch the whole
family at once or a precise subclass.  Messages name the offending player, action, node, profile
or parameter.
"""

from __future__ import annotations

__all__ = [
    "GameError",
    "InvalidActionError",
    "InvalidGameError",
    "InvalidPayoffError",
    "InvalidPlayerError",
    "InvalidProfileError",
    "InvalidSpaceError",
    "MissingParameterError",
    "NotAnEquilibriumError",
    "OutsideSpaceError",
    "UnknownParameterError",
    "UnsupportedGameError",
]


class GameError(ValueError):
    """Base class of every error gametheory raises for bad input."""


class InvalidGameError(GameError):
    """The game's structure is malformed (shapes, missing profiles, duplicate labels)."""


class InvalidPlayerError(InvalidGameError):
    """A player is unknown, duplicated or has no actions."""


class InvalidActionError(InvalidGameError):
    """An action is unknown or duplicated."""


class InvalidProfileError(InvalidGameError):
    """A profile is missing, unknown or of the wrong length."""


class InvalidPayoffError(InvalidGameError):
    """A payoff is not a finite number or a sympy expression."""


class InvalidSpaceError(GameError):
    """A parameter space is malformed (empty or reversed interval, bad constraint)."""


class UnknownParameterError(GameError):
    """A parameter was named that the game or space does not have."""


class MissingParameterError(GameError):
    """A parameter the game or space needs was not given a value."""


class OutsideSpaceError(GameError):
    """A parameter point lies outside the parameter space."""


class UnsupportedGameError(GameError):
    """The solver cannot handle this kind of game."""


class NotAnEquilibriumError(GameError, AssertionError):
    """A profile failed an equilibrium certificate (some player has positive regret)."""

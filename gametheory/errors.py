"""Errors raised by gametheory.

Every error is a :class:`GameError`, itself a :class:`ValueError`, so callers can catch the whole
family at once or a precise subclass.  Messages name the offending player, action, node, profile
or parameter.
"""

from __future__ import annotations

__all__ = [
    "GambitFormatError",
    "GameError",
    "ImperfectRecallError",
    "InvalidActionError",
    "InvalidGameError",
    "InvalidOptionError",
    "InvalidPayoffError",
    "InvalidPlayerError",
    "InvalidProfileError",
    "InvalidRefinementError",
    "InvalidSpaceError",
    "MeasureError",
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


class GambitFormatError(InvalidGameError):
    """A Gambit ``.nfg`` / ``.efg`` file is malformed; the message starts with its line and column.

    Attributes
    ----------
    line, column
        Where the problem is, counted from 1 (characters, not bytes).
    """

    def __init__(self, message: str, line: int, column: int, source: str | None = None) -> None:
        where = f"{source}: " if source else ""
        super().__init__(f"{where}line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.source = source

    def __reduce__(self) -> tuple[type[GambitFormatError], tuple[str, int, int, str | None]]:
        return (type(self), (self.message, self.line, self.column, self.source))


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


class InvalidOptionError(GameError):
    """An option is not one of the values it allows (``refine="intuitve"``, ``method="fast"``,
    an equilibrium ``kind`` or solution ``concept`` outside its vocabulary); the message names
    the option, the value and the allowed ones."""


class UnknownParameterError(GameError):
    """A parameter was named that the game or space does not have."""


class MissingParameterError(GameError):
    """A parameter the game or space needs was not given a value."""


class OutsideSpaceError(GameError):
    """A parameter point lies outside the parameter space."""


class UnsupportedGameError(GameError):
    """The solver cannot handle this kind of game."""


class InvalidRefinementError(InvalidOptionError, UnsupportedGameError):
    """``gt.pbe(refine=...)`` names no refinement it knows (``"intuitive"``, ``"D1"``): an
    :class:`InvalidOptionError`, and an :class:`UnsupportedGameError` as this error was before
    options had their own class."""


class ImperfectRecallError(UnsupportedGameError):
    """A game tree without perfect recall was given to a method that needs it (subgame-perfect
    and perfect Bayesian equilibria, behaviour strategies); the message names the player, the
    information set and the two nodes that the player cannot tell apart although its own earlier
    moves (or what it knew) differ.  ``gt.nash`` still solves such a tree through mixed
    strategies of its reduced normal form."""


class NotAnEquilibriumError(GameError, AssertionError):
    """A profile failed an equilibrium certificate (some player has positive regret)."""


class MeasureError(GameError):
    """A user measure of a sweep (a callable given in ``measures=``) raised.

    The message names the measure and what it raised (the exception is chained as the cause).

    Attributes
    ----------
    result
        The finished sweep, kept: a ``SweepResult`` with every other column, without the
        failing measures' columns.
    """

    def __init__(self, message: str, result: object = None) -> None:
        super().__init__(message)
        self.result = result

    def __reduce__(self) -> tuple[type[MeasureError], tuple[str, object]]:
        return (type(self), (str(self), self.result))


# -- budgets (issue 13) --------------------------------------------------------------------------

__all__ += ["BudgetExceededError"]


class BudgetExceededError(GameError):
    """A solver ran out of the time budget it was given (``budget=`` seconds).

    The message names the solver, the budget and what was done so far.

    Attributes
    ----------
    solver
        The entry point that was given the budget (``"nash"``, ``"spe"``, ...).
    budget
        The budget, in seconds.
    done
        What was done when it ran out, in words (``"supports tried 1,234 of 65,025"``).
    partial
        A partial ``Solution`` (``complete=False``) where the solver had one, else None.
    """

    def __init__(
        self,
        message: str,
        solver: str = "",
        budget: float = 0.0,
        done: str = "",
        partial: object = None,
    ) -> None:
        super().__init__(message)
        self.solver = solver
        self.budget = budget
        self.done = done
        self.partial = partial

    def __reduce__(self) -> tuple[type[BudgetExceededError], tuple[object, ...]]:
        return (type(self), (str(self), self.solver, self.budget, self.done, self.partial))

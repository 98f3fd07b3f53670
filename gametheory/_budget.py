"""Time budgets for the solvers (private): a deadline on the monotonic clock, checked in loops.

A public entry point takes ``budget=`` (seconds, or None for no limit), turns it into a
:class:`Budget` with :meth:`Budget.of` and hands it to its kernels, which call
:meth:`Budget.check` in their main loops with a description of what they have done so far.
Past the deadline, ``check`` raises :class:`~gametheory.errors.BudgetExceededError`.  No
signals and no threads: a single long call between two checks (one hard ``sympy`` simplification,
say) runs to its end before the budget is noticed.

A :class:`Budget` handed to another entry point (``gt.solve`` to ``gt.spe``, ``gt.verify`` to
``gt.nash``) is shared, not restarted: the deadline is the outer call's.
"""

from __future__ import annotations

import math
import numbers
import time

from .errors import BudgetExceededError, GameError

__all__ = ["UNLIMITED", "Budget"]


class Budget:
    """A deadline for one solver call; ``seconds=None`` means no limit.

    Parameters
    ----------
    seconds
        The budget in seconds (a positive number) or None.
    solver
        The entry point's name, for messages (``"nash"``).
    """

    __slots__ = ("deadline", "seconds", "solver")

    def __init__(self, seconds: float | None, solver: str) -> None:
        self.seconds = seconds
        self.solver = solver
        self.deadline = None if seconds is None else time.monotonic() + seconds

    @classmethod
    def of(cls, budget: object, solver: str) -> Budget:
        """The budget an entry point was given, validated.

        ``None`` and ``math.inf`` mean no limit; a :class:`Budget` (from an outer entry point) is
        returned as it is, so nested solvers share one deadline.

        Raises
        ------
        GameError
            If ``budget`` is not a positive real number of seconds.
        """
        if budget is None:
            return cls(None, solver)
        if isinstance(budget, Budget):
            return budget
        ok = isinstance(budget, numbers.Real) and not isinstance(budget, bool)
        value = float(budget) if ok else math.nan  # type: ignore[arg-type]
        if not ok or math.isnan(value) or value <= 0:
            raise GameError(
                f"{solver}(): budget must be a positive number of seconds (or None for no "
                f"limit), got {budget!r}"
            )
        return cls(None if math.isinf(value) else value, solver)

    @property
    def limited(self) -> bool:
        """Whether there is a deadline at all."""
        return self.deadline is not None

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self.deadline is not None and time.monotonic() > self.deadline

    def remaining(self) -> float | None:
        """Seconds left (at least a microsecond, so a callee given them raises at its first
        check), or None without a deadline."""
        if self.deadline is None:
            return None
        return max(self.deadline - time.monotonic(), 1e-6)

    def check(
        self, what: str, done: int | None = None, total: int | None = None, partial: object = None
    ) -> None:
        """Raise :class:`BudgetExceededError` if the deadline has passed.

        Parameters
        ----------
        what, done, total
            What was done so far: ``what`` in words, followed by the count ``done`` and the
            ``total`` when given (``"supports tried", 1234, 65025`` reads "supports tried
            1,234 of 65,025"); formatted only on raising, so the check stays cheap.
        partial
            What was found so far, kept on the error as ``partial``; the entry point may turn
            it into a partial ``Solution``.
        """
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.exceeded(describe(what, done, total), partial)

    def exceeded(self, done: str, partial: object = None) -> BudgetExceededError:
        """The error to raise when the budget has run out, saying what was ``done``."""
        return BudgetExceededError(
            f"gt.{self.solver} ran out of its budget of {self.seconds:g} s; done so far: {done}",
            solver=self.solver,
            budget=float(self.seconds or 0.0),
            done=done,
            partial=partial,
        )


def describe(what: str, done: int | None = None, total: int | None = None) -> str:
    """``"supports tried 1,234 of 65,025"`` from its parts."""
    if done is None:
        return what
    return f"{what} {done:,}" + ("" if total is None else f" of {total:,}")


UNLIMITED = Budget(None, "solver")
"""A budget without a deadline, the default of the private kernels."""

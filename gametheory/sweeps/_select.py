"""Which equilibria a sweep keeps at each point: :class:`Select`, and the old string form.

A sweep lists every equilibrium holding at each point.  ``Select`` keeps one per point instead,
chosen by a column of the frame (``Select.max("war")``: the equilibrium most likely to end in
war) or by its place in the solution (``Select.first()``).  ``gt.sweep`` also takes the string
form it always took (``select="max:war"``), read here and only here by :meth:`Select.parse`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from ..errors import GameError

if TYPE_CHECKING:  # pandas loads with the sweep, not with this module
    import pandas as pd

__all__ = ["How", "Select"]

How = Literal["all", "first", "min", "max"]
_FORMS = "'all', 'first', 'min:<column>' or 'max:<column>'"


@dataclass(frozen=True)
class Select:
    """Which equilibria a sweep keeps at each point.

    Build one with a named constructor: :meth:`all` (every equilibrium, the default),
    :meth:`first` (the first listed at the point), :meth:`min` / :meth:`max` (the one with the
    smallest / largest value of a column).  Ties go to the equilibrium listed first.  ``str()``
    gives the string form ``gt.sweep`` also reads (``"max:war"``), and :meth:`parse` reads it.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.Select.max("war")
    Select.max('war')
    >>> str(gt.Select.min("US")), gt.Select.parse("max:war") == gt.Select.max("war")
    ('min:US', True)
    """

    how: How = "all"
    column: str | None = None

    def __post_init__(self) -> None:
        if self.how not in get_args(How):
            raise GameError(
                f"Select.how must be 'all', 'first', 'min' or 'max', got {self.how!r} (build one "
                "with Select.all(), Select.first(), Select.min(column), Select.max(column))"
            )
        if self.how in ("min", "max"):
            if not isinstance(self.column, str) or not self.column:
                raise GameError(
                    f"Select.{self.how} needs a column name (e.g. Select.{self.how}('war')), "
                    f"got {self.column!r}"
                )
        elif self.column is not None:
            raise GameError(f"Select.{self.how}() takes no column, got {self.column!r}")

    # -- named constructors -------------------------------------------------------------------
    @classmethod
    def all(cls) -> Select:
        """Every equilibrium at every point (the default)."""
        return cls("all")

    @classmethod
    def first(cls) -> Select:
        """At each point, the equilibrium listed first there (the smallest ``equilibrium``)."""
        return cls("first")

    @classmethod
    def min(cls, column: str) -> Select:
        """At each point, the equilibrium with the smallest value of ``column``."""
        return cls("min", column)

    @classmethod
    def max(cls, column: str) -> Select:
        """At each point, the equilibrium with the largest value of ``column``."""
        return cls("max", column)

    @classmethod
    def parse(cls, text: str) -> Select:
        """The string form: ``"all"``, ``"first"``, ``"min:<column>"`` or ``"max:<column>"``."""
        if not isinstance(text, str):
            raise GameError(f"select must be {_FORMS} (or a gt.Select), got {text!r}")
        if text in ("all", "first"):
            return cls(text)  # type: ignore[arg-type]
        how, sep, column = text.partition(":")
        if not sep or how not in ("min", "max") or not column:
            raise GameError(f"select must be {_FORMS} (or a gt.Select), got {text!r}")
        return cls(how, column)  # type: ignore[arg-type]

    @classmethod
    def of(cls, value: object) -> Select:
        """A ``Select`` as given, or read from its string form; a GameError otherwise."""
        if isinstance(value, Select):
            return value
        return cls.parse(value)  # type: ignore[arg-type]

    # -- printing -------------------------------------------------------------------------------
    def __str__(self) -> str:
        return self.how if self.column is None else f"{self.how}:{self.column}"

    def __repr__(self) -> str:
        return f"Select.{self.how}({'' if self.column is None else repr(self.column)})"

    # -- applying it (the sweeps' kernel) ----------------------------------------------------
    def check(self, columns: Iterable[str]) -> None:
        """A GameError if the column it reads is not among ``columns``, or is ``kind`` (not a
        number); checked before a sweep runs, so that a typo does not cost the sweep."""
        names = list(columns)
        if self.column is not None and self.column not in names:
            raise GameError(
                f"select names unknown column {self.column!r}; columns: {', '.join(names)}"
            )
        if self.column == "kind":
            raise GameError(f"select={str(self)!r}: the column 'kind' is not a number")

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame's rows it keeps: at most one per ``point``, in point order (``all``: the
        frame itself).  A row whose value is NaN is kept only when every row of its point is
        NaN, and then the first listed is; ties go to the first listed."""
        if self.how == "all":
            return frame
        self.check(frame.columns)
        if frame.empty:
            return frame
        from pandas.api.types import is_numeric_dtype

        point = frame["point"]
        if self.how == "first":
            pick = frame["equilibrium"].groupby(point).idxmin()
        else:
            values = frame[self.column]
            if not is_numeric_dtype(values):
                raise GameError(
                    f"select={str(self)!r}: the column {self.column!r} is not a number "
                    f"(dtype {values.dtype})"
                )
            worst = float("inf") if self.how == "min" else float("-inf")
            ranked = values.astype(float).fillna(worst).groupby(point)
            pick = ranked.idxmin() if self.how == "min" else ranked.idxmax()
        return frame.loc[pick.to_numpy()].reset_index(drop=True)

"""Exact value of a finite zero-sum game: a small simplex method over Fractions.

The kernel behind :func:`gametheory.minmax`.  A matrix ``A`` (rows: the maximiser's actions,
columns: the minimiser's) is shifted to be positive, and the linear programme

    maximise ``sum(x)``  subject to  ``(A + s) x <= 1``,  ``x >= 0``

is solved with the tableau simplex method and Bland's rule (which cannot cycle), every number a
:class:`fractions.Fraction`.  With ``z`` its optimum the game's value is ``1/z - s``, the
minimiser's optimal strategy is ``x / z`` and the maximiser's is read from the dual (the objective
row under the slack columns), as in Dantzig (1951), "A proof of the equivalence of the programming
problem and the game problem", and von Stengel (2007), "Equilibrium computation for two-player
games in strategic and extensive form", section 3.2 of Nisan et al., *Algorithmic Game Theory*.

The answer certifies itself: both strategies are checked exactly to guarantee the value (the
maximiser gets at least it against every column, the minimiser concedes at most it against every
row), so a returned value is the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["ZeroSumValue", "zero_sum_value"]


@dataclass(frozen=True)
class ZeroSumValue:
    """The exact value of a zero-sum matrix game and a pair of optimal strategies.

    Attributes
    ----------
    value
        ``max_x min_y x'Ay = min_y max_x x'Ay``.
    maximiser
        An optimal mixed strategy of the row player (who maximises), one probability per row.
    minimiser
        An optimal mixed strategy of the column player (who minimises), one per column.
    """

    value: Fraction
    maximiser: tuple[Fraction, ...]
    minimiser: tuple[Fraction, ...]


def zero_sum_value(matrix: Sequence[Sequence[Fraction]]) -> ZeroSumValue:
    """The value of the zero-sum game ``matrix`` (the row player maximises), exactly.

    Parameters
    ----------
    matrix
        A non-empty rectangular matrix of Fractions (or ints).

    Returns
    -------
    ZeroSumValue
        The value and optimal strategies of both players, certified exactly.
    """
    rows = [[Fraction(v) for v in row] for row in matrix]
    m, n = len(rows), len(rows[0])
    shift = 1 - min(min(row) for row in rows)  # every entry of A + shift is >= 1
    x, u = _simplex([[v + shift for v in row] for row in rows])
    total = sum(x, Fraction(0))
    minimiser = tuple(v / total for v in x)
    dual_total = sum(u, Fraction(0))
    maximiser = tuple(v / dual_total for v in u)
    value = 1 / total - shift
    # the certificate: each strategy guarantees the value against every pure reply
    conceded = max(
        sum((a * y for a, y in zip(row, minimiser, strict=True)), Fraction(0)) for row in rows
    )
    guaranteed = min(
        sum((rows[i][j] * maximiser[i] for i in range(m)), Fraction(0)) for j in range(n)
    )
    if not (conceded == value == guaranteed):  # pragma: no cover - a bug, not bad input
        raise RuntimeError(
            f"exact simplex failed its certificate: {guaranteed} <= value {value} <= {conceded}"
        )
    return ZeroSumValue(value, maximiser, minimiser)


def _simplex(matrix: list[list[Fraction]]) -> tuple[list[Fraction], list[Fraction]]:
    """Maximise ``sum(x)`` subject to ``matrix @ x <= 1``, ``x >= 0`` for a positive matrix.

    Returns the optimal ``x`` and the optimal dual ``u`` (``matrix' u >= 1``, ``u >= 0``).  The
    origin is feasible (all right-hand sides are 1) and the programme is bounded (every entry is
    positive), so no first phase is needed; Bland's rule (smallest index enters, ties in the
    ratio test leave by smallest basic index) guarantees termination.
    """
    m, n = len(matrix), len(matrix[0])
    width = n + m  # structural columns 0..n-1, slack columns n..n+m-1; the last entry is the rhs
    one, zero = Fraction(1), Fraction(0)
    tableau = [
        [*row, *(one if k == i else zero for k in range(m)), one] for i, row in enumerate(matrix)
    ]
    objective = [*(-one for _ in range(n)), *(zero for _ in range(m)), zero]
    basis = list(range(n, n + m))
    while True:
        entering = next((j for j in range(width) if objective[j] < 0), None)
        if entering is None:
            break
        leaving, best = -1, None
        for i in range(m):
            a = tableau[i][entering]
            if a > 0:
                ratio = tableau[i][-1] / a
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leaving]):
                    leaving, best = i, ratio
        # bounded: a column of a positive matrix always has a positive entry in some row
        pivot_row = tableau[leaving]
        p = pivot_row[entering]
        pivot_row[:] = [v / p for v in pivot_row]
        for i in range(m):
            if i != leaving and tableau[i][entering] != 0:
                f = tableau[i][entering]
                tableau[i] = [v - f * w for v, w in zip(tableau[i], pivot_row, strict=True)]
        f = objective[entering]
        objective = [v - f * w for v, w in zip(objective, pivot_row, strict=True)]
        basis[leaving] = entering
    x = [zero] * n
    for i, b in enumerate(basis):
        if b < n:
            x[b] = tableau[i][-1]
    u = objective[n : n + m]
    return x, u

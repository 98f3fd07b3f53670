"""Lemke's algorithm for a linear complementarity problem, exactly, with integer pivoting.

The problem: given ``q`` and ``M`` (rationals), find ``z >= 0`` with ``w = q + M z >= 0`` and
``z' w = 0``.  Lemke (1965) adds an artificial variable ``z0`` with a covering vector ``d > 0``
(``w = q + M z + d z0``), starts at ``z = 0`` with ``z0`` just large enough to make ``w >= 0``,
and pivots complementarily (the variable entering is the complement of the one that left) until
``z0`` leaves the basis (a solution) or no row limits the entering variable (a secondary ray).

Degeneracy is resolved by the lexicographic minimum-ratio rule over the rows of
``[rhs | B^-1]`` (Cottle, Pang & Stone 1992, section 4.9), which visits no basis twice, so the
algorithm terminates.  All arithmetic is on Python integers: each row of the tableau is an
equation scaled by its own positive factor (reduced by the gcd of its entries) and stored
sparsely (``{column: coefficient}``, the sequence form's matrices being mostly zeros), a pivot
touches only the rows with a non-zero in the entering column, and a basic variable's value is
read as ``rhs / (its coefficient in its row)``; ratios are compared by cross-multiplication, in
which the row factors cancel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from .._budget import UNLIMITED, Budget

__all__ = ["RayTermination", "lemke"]


class RayTermination(ArithmeticError):
    """Lemke's algorithm ended on a secondary ray (no solution found along its path)."""


def lemke(
    q: Sequence[Fraction],
    M: Sequence[Mapping[int, Fraction]],
    d: Sequence[Fraction] | None = None,
    budget: Budget = UNLIMITED,
    what: str = "Lemke pivots",
) -> tuple[list[Fraction], int]:
    """A solution ``z`` of the LCP ``(q, M)`` and the number of pivots taken.

    Parameters
    ----------
    q
        The LCP's constant vector (Fractions or ints).
    M
        The LCP's matrix, one sparse row ``{column: value}`` per entry of ``q``.
    d
        The covering vector (positive); all ones by default.
    budget
        Checked at each pivot.
    what
        The budget message's description of the pivots.

    Raises
    ------
    RayTermination
        If the path ends on a secondary ray.
    """
    n = len(q)
    dv = [Fraction(1)] * n if d is None else [Fraction(v) for v in d]
    if any(v <= 0 for v in dv):
        raise ValueError("the covering vector must be positive")
    if all(Fraction(v) >= 0 for v in q):
        return [Fraction(0)] * n, 0
    # Rows: s_i w_i - s_i M_i z - s_i d_i z0 = s_i q_i, with s_i making the row integral; the
    # variable w'_i = s_i w_i keeps the identity as the starting basis.
    # Columns: w' (0..n-1), z (n..2n-1), z0 (2n), rhs (2n+1).
    z0 = 2 * n
    rhs = 2 * n + 1
    tab: list[dict[int, int]] = []
    for i in range(n):
        budget.check("rows of the Lemke tableau built", i, n)
        entries = {n + j: Fraction(-v) for j, v in M[i].items() if v}
        entries[z0] = -dv[i]
        if q[i]:
            entries[rhs] = Fraction(q[i])
        s = math.lcm(*(v.denominator for v in entries.values()))
        row = {i: 1}
        row.update({j: int(v * s) for j, v in entries.items()})
        tab.append(row)
    basis = list(range(n))  # the variable basic in each row
    # the first pivot: z0 enters at the lexicographically smallest (rhs, B^-1) / (-d) row
    r = _ratio_row(tab, list(range(n)), z0, -1, n, rhs)
    leaving = basis[r]
    _pivot(tab, r, z0)
    basis[r] = z0
    steps = 1
    while True:
        budget.check(what, steps)
        entering = leaving + n if leaving < n else leaving - n  # the complement
        rows = [i for i in range(n) if tab[i].get(entering, 0) > 0]
        if not rows:
            raise RayTermination(f"Lemke's algorithm ended on a ray after {steps} pivots")
        r = _ratio_row(tab, rows, entering, 1, n, rhs)
        leaving = basis[r]
        _pivot(tab, r, entering)
        basis[r] = entering
        steps += 1
        if leaving == z0:
            break
    z = [Fraction(0)] * n
    for i, b in enumerate(basis):
        if n <= b < 2 * n:
            z[b - n] = Fraction(tab[i].get(rhs, 0), tab[i][b])
    return z, steps


def _ratio_row(
    tab: list[dict[int, int]], rows: list[int], c: int, sign: int, n: int, rhs: int
) -> int:
    """The row of ``rows`` whose ``(rhs, w' columns) / (sign * column c)`` is lexicographically
    smallest (that divisor positive on every row of ``rows``)."""
    best = rows[0]
    for i in rows[1:]:
        if _lex_less(tab[i], sign * tab[i][c], tab[best], sign * tab[best][c], n, rhs):
            best = i
    return best


def _lex_less(a: dict[int, int], va: int, b: dict[int, int], vb: int, n: int, rhs: int) -> bool:
    """Whether ``a / va`` precedes ``b / vb`` on (rhs, columns 0..n-1); ``va, vb > 0``."""
    x, y = a.get(rhs, 0) * vb, b.get(rhs, 0) * va
    if x != y:
        return x < y
    for j in sorted(k for k in a.keys() | b.keys() if k < n):
        x, y = a.get(j, 0) * vb, b.get(j, 0) * va
        if x != y:
            return x < y
    return False  # identical rows cannot happen: B^-1 is nonsingular


def _pivot(tab: list[dict[int, int]], r: int, c: int) -> None:
    """Pivot on ``(r, c)``: every other row with a non-zero in column ``c`` becomes
    ``row * piv - f * pivot_row`` (so each row's basic variable keeps a positive coefficient),
    divided by the gcd of its entries; rows with a zero there are left as they are."""
    row = tab[r]
    if row[c] < 0:
        row = {j: -v for j, v in row.items()}
    g = math.gcd(*row.values())
    if g > 1:
        row = {j: v // g for j, v in row.items()}
    tab[r] = row
    piv = row[c]
    for i, other in enumerate(tab):
        f = other.get(c, 0)
        if i == r or f == 0:
            continue
        new = {j: v * piv for j, v in other.items()}
        for j, w in row.items():
            v = new.get(j, 0) - f * w
            if v:
                new[j] = v
            else:
                new.pop(j, None)
        g = math.gcd(*new.values())
        tab[i] = {j: v // g for j, v in new.items()} if g > 1 else new

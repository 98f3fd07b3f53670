"""The kernel of :mod:`gametheory.solvers.sequence_form`: an equilibrium's realization plans
as a solution of the sequence form's linear complementarity problem (von Stengel 2007, Theorem
3.14), by Lemke's algorithm, checked exactly before they are returned."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from .._budget import Budget
from ._lemke import RayTermination, lemke

if TYPE_CHECKING:
    from ._sequence_data import SequenceForm

__all__ = ["solve_lcp"]


def solve_lcp(sf: SequenceForm, clock: Budget) -> tuple[list[Fraction], list[Fraction]]:
    """Realization plans of an equilibrium: the standard LCP of the sequence form, with each
    player's payoffs shifted below zero, solved by Lemke's algorithm and checked exactly."""
    (E, F), (n1, n2) = sf.constraints, (len(sf.sequences[0]), len(sf.sequences[1]))
    m1, m2 = len(E), len(F)
    shifted = []
    for k in (0, 1):
        # u - (max u + 1) <= -1 at every leaf: the expected payoff matrix is <= 0, negative on
        # every pair that reaches a leaf (Koller, Megiddo & von Stengel 1996, section 4)
        top = max(
            (v / sf.reach[key] for key, v in sf.payoffs[k].items() if sf.reach[key]), default=0
        )
        shift = math.floor(top) + 1
        shifted.append({key: v - shift * sf.reach[key] for key, v in sf.payoffs[k].items()})
    A, B = shifted
    size = n1 + n2 + 2 * (m1 + m2)
    ox, oy, op1, op2, oq1, oq2 = 0, n1, n1 + n2, n1 + n2 + m1, n1 + n2 + 2 * m1, size - m2
    M: list[dict[int, Fraction]] = [{} for _ in range(size)]
    q = [Fraction(0)] * size
    for (i, j), v in A.items():
        if v:
            M[ox + i][oy + j] = -v
    for (i, j), v in B.items():
        if v:
            M[oy + j][ox + i] = -v
    for r, row in enumerate(E):
        for i, v in enumerate(row):
            if v:
                M[ox + i][op1 + r], M[ox + i][op2 + r] = v, -v
                M[op1 + r][ox + i], M[op2 + r][ox + i] = -v, v
    for r, row in enumerate(F):
        for j, v in enumerate(row):
            if v:
                M[oy + j][oq1 + r], M[oy + j][oq2 + r] = v, -v
                M[oq1 + r][oy + j], M[oq2 + r][oy + j] = -v, v
    q[op1], q[op2], q[oq1], q[oq2] = Fraction(1), Fraction(-1), Fraction(1), Fraction(-1)
    try:
        z, _ = lemke(q, M, budget=clock, what="Lemke pivots on the sequence form")
    except RayTermination as exc:  # pragma: no cover - excluded by the theorem; a bug if seen
        raise RuntimeError(f"sequence form: {exc} (a bug: please report the tree)") from exc
    x, y = z[ox:oy], z[oy:op1]
    p = [a - b for a, b in zip(z[op1:op2], z[op2:oq1], strict=True)]
    u = [a - b for a, b in zip(z[oq1:oq2], z[oq2:], strict=True)]
    _check(E, x, p, A, y, transpose=False)
    _check(F, y, u, B, x, transpose=True)
    return x, y


def _check(
    E: tuple[tuple[Fraction, ...], ...],
    x: list[Fraction],
    p: list[Fraction],
    A: Mapping[tuple[int, int], Fraction],
    y: list[Fraction],
    *,
    transpose: bool,
) -> None:
    """The LCP's conditions for one player, exactly: ``E x = e``, ``x >= 0``, and ``x`` a best
    response (``E' p >= A y``, with equality on ``x``'s support).  A failure is a bug."""
    ok = all(v >= 0 for v in x)
    for r, row in enumerate(E):
        ok = ok and sum((a * b for a, b in zip(row, x, strict=True)), Fraction(0)) == (r == 0)
    reply = [Fraction(0)] * len(x)
    for (i, j), v in A.items():
        if transpose:
            reply[j] += v * y[i]
        else:
            reply[i] += v * y[j]
    for i in range(len(x)):
        slack = sum((E[r][i] * p[r] for r in range(len(E))), Fraction(0)) - reply[i]
        ok = ok and slack >= 0 and (x[i] == 0 or slack == 0)
    if not ok:  # pragma: no cover - a bug, not bad input
        raise RuntimeError("the sequence-form LCP solution failed its exact check")

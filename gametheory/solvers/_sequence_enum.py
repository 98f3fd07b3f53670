"""Every extreme equilibrium of a two-player tree on its sequence form, exactly (private kernel
of :mod:`gametheory.solvers.sequence_form`).

General-sum trees (von Stengel 1996, section 4; von Stengel 2007, section 3.11; Audet, Belhaiza
& Hansen 2006): the best-response polyhedra are

    P1 = {(x, q) : E x = e, x >= 0, s = F' q - B' x >= 0},
    P2 = {(y, p) : F y = f, y >= 0, r = E' p - A y >= 0}

(``p``, ``q`` free; both pointed, ``E`` and ``F`` having full row rank), and the extreme
equilibria are their *completely labelled* vertex pairs: ``x_i r_i = 0`` and ``y_j s_j = 0`` for
every sequence.  Every vertex of ``P1`` is enumerated (:func:`._polyhedron.vertices`), then the
vertices of ``P2`` one by one, each matched at once against ``P1``'s by bit masks of supports.
Each maximal set of equilibria (a product of faces) is the convex hull of the pairs in it; a pair
is listed once per distinct ``(x, y)``.

Constant-sum trees: the equilibria are the pairs of optimal plans, and a player's optimal plans
are the face of its polyhedron where the opponent's best-response value (``q_0``, resp. ``p_0``)
equals the opponent's equilibrium payoff (the sequence-form linear programme and its dual, von
Stengel 1996, Theorem 4.4).  The vertices of each face are enumerated with that equality added;
their projections on the plan, with duplicates and points inside the hull of the others
removed (an exact feasibility test), are the extreme optimal plans; the extreme equilibria are
all their pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from .._budget import Budget
from ._polyhedron import feasible, vertices

if TYPE_CHECKING:
    from ._sequence_data import SequenceForm

__all__ = ["all_equilibria", "optimal_pairs"]

Plan = tuple[Fraction, ...]


def all_equilibria(
    sf: SequenceForm,
    clock: Budget,
    found: Callable[[Plan, Plan], None],
    max_bases: int | None = None,
) -> None:
    """Call ``found(x, y)`` for each extreme equilibrium (completely labelled vertex pair),
    each distinct pair once.  Raises :class:`._polyhedron.CapReached` past ``max_bases``
    bases of either polyhedron, :class:`~gametheory.BudgetExceededError` past the budget."""
    n1, n2 = (len(s) for s in sf.sequences)
    rows1, rhs1, free1 = _polyhedron(sf, 0)
    rows2, rhs2, free2 = _polyhedron(sf, 1)
    first: dict[tuple[int, int], list[Plan]] = {}
    for v in vertices(
        rows1,
        rhs1,
        free1,
        budget=clock,
        what="bases of the first player's best-response polyhedron visited",
        max_bases=max_bases,
    ):
        x, s = v[:n1], v[n1 + len(free1) :]
        first.setdefault((_mask(x), _mask(s)), []).append(x)
    seen: set[tuple[Plan, Plan]] = set()
    for v in vertices(
        rows2,
        rhs2,
        free2,
        budget=clock,
        what="bases of the second player's best-response polyhedron visited",
        max_bases=max_bases,
    ):
        y, r = v[:n2], v[n2 + len(free2) :]
        ry, rr = _mask(y), _mask(r)
        for (mx, ms), plans in first.items():
            if mx & rr or ms & ry:
                continue
            for x in plans:
                if (x, y) not in seen:
                    seen.add((x, y))
                    found(x, y)


def optimal_pairs(
    sf: SequenceForm,
    payoffs: tuple[Fraction, Fraction],
    clock: Budget,
    max_bases: int | None = None,
) -> tuple[list[Plan], list[Plan]]:
    """Each player's extreme optimal plans in a constant-sum tree whose equilibrium payoffs are
    ``payoffs``.  Raises :class:`._polyhedron.CapReached` past ``max_bases`` bases of a face."""
    out = []
    for k in (0, 1):
        n = len(sf.sequences[k])
        rows, rhs, free = _polyhedron(sf, k)
        # the opponent's best-response value (the dual variable of its empty sequence's row)
        # is held at its equilibrium payoff
        extra = [Fraction(0)] * len(rows[0])
        extra[free[0]] = Fraction(1)
        rows.append(extra)
        rhs.append(payoffs[1 - k])
        plans: list[Plan] = []
        for v in vertices(
            rows,
            rhs,
            free,
            budget=clock,
            what=f"bases of player {k + 1}'s optimal face visited",
            max_bases=max_bases,
        ):
            if v[:n] not in plans:
                plans.append(v[:n])
        out.append(_extreme(plans, clock))
    return out[0], out[1]


def _polyhedron(sf: SequenceForm, k: int) -> tuple[list[list[Fraction]], list[Fraction], list[int]]:
    """Player ``k``'s best-response polyhedron as ``G z = g`` over ``z = (plan, dual, slack)``
    (the dual free), with the dual of the opponent's empty-sequence row first among the free."""
    own, other = sf.constraints[k], sf.constraints[1 - k]
    n, m = len(sf.sequences[k]), len(sf.sequences[1 - k])
    mo = len(other)
    payoff = sf.payoffs[1 - k]  # the opponent's payoffs, as (i, j) = (P1 seq, P2 seq)
    width = n + mo + m
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for r, coefs in enumerate(own):
        rows.append(list(coefs) + [Fraction(0)] * (mo + m))
        rhs.append(Fraction(int(r == 0)))
    opp: list[list[Fraction]] = [[Fraction(0)] * n for _ in range(m)]
    for (i, j), v in payoff.items():
        mine, theirs = (i, j) if k == 0 else (j, i)
        opp[theirs][mine] += v
    for j in range(m):
        row = [-v for v in opp[j]] + [other[r][j] for r in range(mo)] + [Fraction(0)] * m
        row[n + mo + j] = Fraction(-1)
        rows.append(row)
        rhs.append(Fraction(0))
    assert all(len(r) == width for r in rows)
    return rows, rhs, list(range(n, n + mo))


def _mask(values: Plan) -> int:
    out = 0
    for i, v in enumerate(values):
        if v:
            out |= 1 << i
    return out


def _extreme(points: list[Plan], clock: Budget) -> list[Plan]:
    """The points of ``points`` (distinct) not in the convex hull of the others."""
    if len(points) <= 2:
        return points
    out = []
    for i, p in enumerate(points):
        clock.check("extreme optimal plans checked", i, len(points))
        others = [q for j, q in enumerate(points) if j != i]
        rows = [[q[c] for q in others] for c in range(len(p))]
        rows.append([Fraction(1)] * len(others))
        if not feasible(rows, [*p, Fraction(1)]):
            out.append(p)
    return out

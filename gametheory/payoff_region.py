"""``gt.folk_region``: the feasible, individually rational payoffs of a two-player game.

The folk theorem (Fudenberg & Maskin 1986) says every payoff vector in this set (strictly
individually rational, for discount factors close enough to 1) is the average payoff of a
subgame-perfect equilibrium of the infinitely repeated game.  The set is an exact polygon: the
convex hull of the pure payoff vectors cut by ``u_i >= minmax_i`` for both players.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from ._present_registry import render
from .errors import GameError, InvalidPlayerError, UnsupportedGameError
from .minmax import _check_game, _exact_table, minmax

__all__ = ["PayoffRegion", "folk_region"]

Point2 = tuple[Fraction, Fraction]


@dataclass(frozen=True)
class PayoffRegion:
    """A convex polygon of payoff vectors of a two-player game, exact.

    Attributes
    ----------
    players
        The two players; a vertex is ``(payoff of players[0], payoff of players[1])``.
    vertices
        The region's vertices, counter-clockwise, without repeated or collinear points
        (one vertex for a single point, two for a segment, none when empty).
    feasible
        The vertices of the feasible set (the convex hull of the pure payoff vectors),
        counter-clockwise.
    minmax
        The two players' minmax values (the individually rational lines).
    strict
        Whether the region is the *strictly* individually rational set (``u_i > minmax_i``):
        then ``vertices`` are those of its closure and :meth:`contains` leaves out the lines.
    payoffs
        The pure payoff vectors of the game, one per profile.
    """

    players: tuple[str, str]
    vertices: tuple[Point2, ...]
    feasible: tuple[Point2, ...]
    minmax: Point2
    strict: bool
    payoffs: tuple[Point2, ...]

    @property
    def area(self) -> Fraction:
        """The region's area, exactly (zero for a point or a segment)."""
        v = self.vertices
        twice = sum(
            (
                v[i][0] * v[(i + 1) % len(v)][1] - v[(i + 1) % len(v)][0] * v[i][1]
                for i in range(len(v))
            ),
            Fraction(0),
        )
        return abs(twice) / 2

    @property
    def is_empty(self) -> bool:
        """True when no payoff vector is (strictly, if :attr:`strict`) individually rational."""
        return not self.vertices

    def contains(self, point: Sequence[object]) -> bool:
        """Whether a payoff vector ``(u_0, u_1)`` lies in the region (boundary included unless
        on an individually rational line of a strict region), decided exactly."""
        if isinstance(point, str) or not isinstance(point, Sequence) or len(point) != 2:
            raise GameError(
                f"a payoff vector is a pair (u_{self.players[0]}, u_{self.players[1]}), got {point!r}"
            )
        p = (_exact(point[0], self.players[0]), _exact(point[1], self.players[1]))
        if self.strict and not (p[0] > self.minmax[0] and p[1] > self.minmax[1]):
            return False
        return _in_convex(self.vertices, p)

    def plot(self, ax: Any = None, *, color: str = "tab:blue") -> Any:
        """Draw the feasible set, the individually rational lines and the region.

        Parameters
        ----------
        ax
            A matplotlib ``Axes``; by default a new figure's.
        color
            The region's colour.

        Returns
        -------
        matplotlib.axes.Axes
        """
        return render("plot", self, ax, color=color)

    def __repr__(self) -> str:
        pts = ", ".join(f"({x}, {y})" for x, y in self.vertices)
        kind = "strictly " if self.strict else ""
        return f"<PayoffRegion {kind}individually rational: [{pts}], area {self.area}>"


def folk_region(game: object, *, strict: bool = False) -> PayoffRegion:
    """The feasible, individually rational payoff set of a two-player game (the folk-theorem
    region), as an exact polygon.

    Parameters
    ----------
    game
        A two-player :class:`~gametheory.NormalFormGame` with numeric payoffs.
    strict
        The strictly individually rational set (``u_i > minmax_i``), the one the folk theorem
        supports; by default the weak one (``u_i >= minmax_i``).

    Returns
    -------
    PayoffRegion
        Its vertices (Fractions, counter-clockwise), ``contains``, ``area`` and ``plot``.

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game, not two players, or symbolic payoffs (substitute numbers
        with ``game.at(...)``).

    Examples
    --------
    The Prisoner's Dilemma: both players can be held to the mutual-defection payoff 1.

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> region = gt.folk_region(pd)
    >>> [tuple(map(str, v)) for v in region.vertices]
    [('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
    >>> region.area, region.contains((3, 3)), region.contains((5, 0))
    (Fraction(20, 3), True, False)
    """
    nf = _check_game(game)
    if len(nf.players) != 2:
        raise InvalidPlayerError(
            f"folk_region() needs a two-player game; this one has {len(nf.players)} "
            f"({', '.join(nf.players)})"
        )
    if nf.parameters:
        raise UnsupportedGameError(
            f"folk_region() needs numeric payoffs; this game has parameters "
            f"{', '.join(map(str, nf.parameters))}: substitute numbers with game.at(...)"
        )
    if not isinstance(strict, bool):
        raise GameError(f"strict must be True or False, got {strict!r}")
    table, _ = _exact_table(nf)
    m = minmax(nf)
    floor = (_fraction(m.values[nf.players[0]]), _fraction(m.values[nf.players[1]]))
    points: list[Point2] = [(row[0], row[1]) for row in table]
    feasible = _hull(points)
    region = feasible
    for axis in (0, 1):
        region = _clip(region, axis, floor[axis])
    if strict and region:
        # a convex set has a strictly rational point iff the mean of its vertices is one
        mean = [sum((v[k] for v in region), Fraction(0)) / len(region) for k in (0, 1)]
        if not (mean[0] > floor[0] and mean[1] > floor[1]):
            region = ()
    return PayoffRegion(
        (nf.players[0], nf.players[1]),
        region,
        feasible,
        floor,
        strict,
        tuple(dict.fromkeys(points)),
    )


def _fraction(x: Any) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _exact(x: object, player: str) -> Fraction:
    """A coordinate of a queried point, exactly (a float is the binary number it holds)."""
    if isinstance(x, numbers.Rational) and not isinstance(x, bool):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, sp.Rational):
        return Fraction(int(x.p), int(x.q))
    if (
        isinstance(x, numbers.Real | sp.Float)
        and not isinstance(x, bool)
        and math.isfinite(float(x))
    ):
        return Fraction(float(x))
    raise GameError(f"the payoff of {player} in the point, {x!r}, is not a finite number")


def _cross(o: Point2, a: Point2, b: Point2) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: list[Point2]) -> tuple[Point2, ...]:
    """The convex hull, counter-clockwise from the leftmost (then lowest) point, collinear points
    dropped (Andrew's monotone chain); one point or two for degenerate hulls."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)
    lower: list[Point2] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point2] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return tuple(hull) if len(hull) >= 2 else tuple(pts[:1])


def _clip(poly: tuple[Point2, ...], axis: int, bound: Fraction) -> tuple[Point2, ...]:
    """The convex polygon (or segment, or point) cut by ``coordinate[axis] >= bound``."""
    if not poly:
        return ()
    if len(poly) == 1:
        return poly if poly[0][axis] >= bound else ()
    out: list[Point2] = []
    n = len(poly)
    for i in range(n):
        cur, nxt = poly[i], poly[(i + 1) % n]
        if cur[axis] >= bound:
            out.append(cur)
        if (cur[axis] - bound) * (nxt[axis] - bound) < 0:  # the edge crosses the line
            t = (bound - cur[axis]) / (nxt[axis] - cur[axis])
            out.append((cur[0] + t * (nxt[0] - cur[0]), cur[1] + t * (nxt[1] - cur[1])))
    return _hull(out)


def _in_convex(poly: tuple[Point2, ...], p: Point2) -> bool:
    """Whether ``p`` lies in the closed convex polygon, segment or point ``poly`` (CCW)."""
    if not poly:
        return False
    if len(poly) == 1:
        return p == poly[0]
    if len(poly) == 2:
        a, b = poly
        return (
            _cross(a, b, p) == 0
            and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])
        )
    return all(_cross(poly[i], poly[(i + 1) % len(poly)], p) >= 0 for i in range(len(poly)))

"""Hypothesis strategies that build valid games and parameter points by construction.

>>> from gametheory.testing import strategies as gst
>>> from hypothesis import given
>>> @given(gst.normal_form_games(max_actions=3))
... def test_something(game): ...
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from .._optional import missing
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace, Point

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ImportError as exc:  # hypothesis is an optional extra
    raise missing("hypothesis", "hypothesis", "gametheory.testing.strategies") from exc

__all__ = [
    "degenerate_games",
    "equilibria",
    "integer_payoffs",
    "normal_form_games",
    "points",
    "rational_payoffs",
    "symbolic_payoffs",
]


def integer_payoffs(min_value: int = -10, max_value: int = 10) -> st.SearchStrategy[int]:
    """Integer payoffs."""
    return st.integers(min_value, max_value)


def rational_payoffs(max_denominator: int = 6, bound: int = 10) -> st.SearchStrategy[Fraction]:
    """Exact rational payoffs with small denominators."""
    return st.builds(
        lambda n, d: Fraction(n, d),
        st.integers(-bound * max_denominator, bound * max_denominator),
        st.integers(1, max_denominator),
    )


def symbolic_payoffs(
    symbols: Sequence[sp.Symbol], max_coefficient: int = 3
) -> st.SearchStrategy[sp.Expr]:
    """Affine payoffs ``k0 + sum(k_i * symbol_i)`` with small integer coefficients."""
    coef = st.integers(-max_coefficient, max_coefficient)
    return st.builds(
        lambda k0, ks: (
            sp.Integer(k0) + sum((k * s for k, s in zip(ks, symbols, strict=True)), sp.Integer(0))
        ),
        coef,
        st.lists(coef, min_size=len(symbols), max_size=len(symbols)),
    )


@st.composite
def normal_form_games(
    draw: st.DrawFn,
    payoffs: st.SearchStrategy[object] | None = None,
    n_players: int = 2,
    min_actions: int = 1,
    max_actions: int = 4,
) -> NormalFormGame:
    """Normal-form games with ``n_players`` players and payoffs drawn from ``payoffs``.

    Actions are labelled ``s1, s2, ...``; players ``Row``/``Col`` for two players, ``P1..Pn``
    otherwise.
    """
    entries = payoffs if payoffs is not None else integer_payoffs()
    shape = tuple(draw(st.integers(min_actions, max_actions)) for _ in range(n_players))
    size = 1
    for s in shape:
        size *= s
    flat = draw(st.lists(st.tuples(*[entries] * n_players), min_size=size, max_size=size))
    arrays = []
    for k in range(n_players):
        values = [row[k] for row in flat]
        arrays.append(_reshape(values, shape))
    return NormalFormGame.from_matrices(*arrays)


def degenerate_games(n_players: int = 2, max_actions: int = 4) -> st.SearchStrategy[NormalFormGame]:
    """Games with many payoff ties (entries in {0, 1, 2}): degenerate games are frequent."""
    return normal_form_games(st.integers(0, 2), n_players=n_players, max_actions=max_actions)


def _reshape(values: list[object], shape: tuple[int, ...]) -> object:
    if len(shape) == 1:
        return list(values)
    step = len(values) // shape[0]
    return [_reshape(values[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def _inside(iv: sp.Interval) -> Callable[[Fraction], bool]:
    return lambda f: bool(iv.contains(sp.Rational(f.numerator, f.denominator)))


def _narrowed(
    sym: sp.Symbol, iv: sp.Interval, conditions: Sequence[sp.Basic], point: Point
) -> sp.Interval:
    """``sym``'s interval cut by every condition that, with the coordinates drawn so far
    substituted, is a linear inequality in ``sym`` alone (``theta_L < theta_H`` once
    ``theta_L`` is drawn)."""
    for c in conditions:
        if not (c.is_Relational and sym in c.free_symbols):
            continue
        rel = c.xreplace(point)
        if rel.free_symbols != {sym} or not rel.is_Relational:
            continue
        try:
            solved = sp.solve_univariate_inequality(rel, sym, relational=False)
        except (NotImplementedError, ValueError, TypeError):
            continue
        if isinstance(solved, sp.Interval):
            iv = iv.intersect(solved)
    return iv


@st.composite
def points(
    draw: st.DrawFn,
    space: ParameterSpace,
    max_denominator: int = 20,
    where: sp.Basic | Sequence[sp.Basic] | None = None,
) -> Point:
    """Exact rational points of ``space`` (and of the region ``where``, a sympy Boolean or a
    list of relations on the parameters).

    Each coordinate is a small-denominator rational inside its interval (ends included when
    closed).  Constraints that are linear in one coordinate once the earlier ones are drawn
    (``theta_L < theta_H``, ``c_A < V``) are met *by construction*, by narrowing that
    coordinate's interval; any others are met by filtering, so keep those loose.
    """
    extra = list(sp.And.make_args(where)) if isinstance(where, sp.Basic) else list(where or [])
    conditions = [*space.constraints, *extra]
    point: Point = {}
    for sym, iv in space.intervals:
        iv = _narrowed(sym, iv, conditions, point)
        assume(not iv.is_empty and iv is not sp.S.EmptySet)
        lo = (
            iv.start
            if iv.start.is_finite
            else (iv.end - 20 if iv.end.is_finite else sp.Integer(-10))
        )
        hi = iv.end if iv.end.is_finite else lo + 20
        low = Fraction(str(lo)) if lo.is_Rational else Fraction(float(lo))
        high = Fraction(str(hi)) if hi.is_Rational else Fraction(float(hi))
        q = draw(
            st.fractions(
                min_value=low,
                max_value=high,
                max_denominator=max(max_denominator, low.denominator, high.denominator),
            ).filter(_inside(iv))
        )
        point[sym] = sp.Rational(q.numerator, q.denominator)
    for c in conditions:
        assume(bool(c.subs(point)))
    return point


@st.composite
def equilibria(draw: st.DrawFn, target: Any, max_denominator: int = 20) -> tuple[Point, Any]:
    """A point of a solution's space and an equilibrium that exists there (evaluated at it).

    ``target`` is a :class:`~gametheory.Solution`; points where no equilibrium exists are
    skipped (``assume``).
    """
    point = draw(points(target.space, max_denominator))
    found = list(target.at(point))
    assume(found)
    return point, draw(st.sampled_from(found))

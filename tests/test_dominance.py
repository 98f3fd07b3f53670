"""``drop_dominated`` keeps a conjunction equivalent on the space: metamorphic tests on random
small systems (the survivors and the original agree at random points of the space), and the
repeated-game case it was written for."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.conditions import Atom
from gametheory.conditions._dominance import drop_dominated

d = sp.Symbol("delta", positive=True)
t, r, p, s = sp.symbols("t r p s", real=True)
SPACE = gt.ParameterSpace(
    {t: (-5, 5), r: (-5, 5), p: (-5, 5), s: (-5, 5), d: sp.Interval.open(0, 1)},
    constraints=[t > r, r > p, p > s],
)


def test_the_repeated_games_redundant_condition_is_dropped() -> None:
    grim = Atom(r - d * p + d * t - t, ">=")  # r >= delta p - delta t + t
    weaker = Atom(r - d * s + d * t - t, ">=")  # implied: the difference is delta (p - s) > 0
    assert drop_dominated([grim, weaker], SPACE) == [grim]
    assert drop_dominated([weaker, grim], SPACE) == [grim]


def test_strictness_is_kept() -> None:
    a = Atom(t - r, ">")
    b = Atom(d * (t - r), ">=")  # a - b = (1 - delta)(t - r) > 0: b implies a, strictly
    assert drop_dominated([a, b], SPACE) == [b]
    c = Atom(t - r - d * (t - r), ">")  # c - b = (1 - 2 delta)(t - r): no fixed sign
    assert drop_dominated([c, b], SPACE) == [c, b]


def test_only_the_space_signs_the_difference() -> None:
    """``x >= y`` does not drop ``x - y >= 0``'s neighbours by reasoning from itself: without
    a constraint on x, y, neither of ``x >= 0`` and ``x + x*y >= 0`` implies the other."""
    x, y = sp.symbols("x y", real=True)
    free = gt.ParameterSpace({x: (-1, 1), y: (-1, 1)})
    a, b = Atom(x, ">="), Atom(x + x * y, ">=")
    assert drop_dominated([a, b], free) == [a, b]


terms = st.sampled_from([t, r, p, s, d * t, d * r, d * p, d * s, d, sp.Integer(1)])
atoms = st.builds(
    lambda coeffs, op: Atom(sp.expand(sum(c * x for c, x in coeffs)), op),
    st.lists(st.tuples(st.integers(-3, 3), terms), min_size=1, max_size=4),
    st.sampled_from([">=", ">"]),
)


@given(st.lists(atoms, min_size=2, max_size=6), st.integers(0, 10**6))
def test_survivors_are_equivalent_on_the_space(system: list[Atom], seed: int) -> None:
    system = [a for a in system if a.expr.free_symbols]
    kept = drop_dominated(system, SPACE)
    assert set(kept) <= set(system)
    rng = random.Random(seed)
    for _ in range(60):
        s_, p_, r_, t_ = sorted(sp.Rational(rng.randint(-50, 50), 10) for _ in range(4))
        if not (s_ < p_ < r_ < t_):
            continue
        at = {t: t_, r: r_, p: p_, s: s_, d: sp.Rational(rng.randint(1, 99), 100)}
        assert all(a.holds_at(at) for a in kept) == all(a.holds_at(at) for a in system), at

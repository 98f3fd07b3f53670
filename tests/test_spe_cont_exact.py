"""The memoised exact helpers of the continuous solvers (``_spe_cont_cuts``): ``same`` decides
identity of rational functions exactly (a point where they differ only ever says "different";
poles and ties at that point fall back to ``cancel``), ``canonical`` is ``tidy``."""

from __future__ import annotations

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from gametheory.solvers._backward_pieces import tidy
from gametheory.solvers._spe_cont_cuts import cancelled, canonical, same

x, y, z = sp.symbols("x y z")
R = sp.Rational


def _poly(coeffs: list[int]) -> sp.Expr:
    monomials = [sp.Integer(1), x, y, z, x * y, x**2, y * z]
    return sp.Add(*(c * m for c, m in zip(coeffs, monomials, strict=False)))


small = st.lists(st.integers(-3, 3), min_size=1, max_size=7)


@given(small, small, small)
def test_same_agrees_with_cancel(a: list[int], b: list[int], c: list[int]) -> None:
    """Differential: ``same`` against ``cancel`` on random rational functions, including
    pairs equal only after cancelling a common factor."""
    p, q, r = _poly(a), _poly(b), _poly(c)
    if q == 0 or r == 0:
        return
    f = p / q
    for g in (p * r / (q * r), (p + r) / q, sp.expand(p * r) / sp.expand(q * r), f + 1 - 1):
        assert same(f, g) == (sp.cancel(sp.together(f - g)) == 0)


def test_a_pole_or_a_tie_at_the_fixed_point_falls_back_to_cancel() -> None:
    # the fixed point puts the first symbol (by name) at 3/7 and the second at 5/11
    pole = 1 / (x - R(3, 7))
    assert same(pole, (x - R(3, 7)) / (x - R(3, 7)) ** 2)
    assert not same(pole, 1 / (x - R(3, 7)) + 1)
    tie = (x - R(3, 7)) * (y - R(5, 11))  # zero at the point, not identically zero
    assert not same(tie, sp.Integer(0))
    assert same(sp.expand(tie), tie)
    assert not same(sp.sqrt(2) * x, x)  # not rational at the point: decided by cancel


def test_piecewise_and_numbers() -> None:
    pw = sp.Piecewise((x, y >= x), (2 * x, True))
    assert same(pw, pw)
    assert not same(pw, sp.Piecewise((x, y >= x), (3 * x, True)))
    assert same(R(1, 2), R(2, 4)) and not same(R(1, 2), R(1, 3))


def test_canonical_is_tidy_and_its_own_tidy_form() -> None:
    for e in (
        (x**2 - 1) / (x - 1),
        -x / (1 - y),
        x / 2 + y / 3,
        (x * y + x) / (2 * y + 2) + z,
        sp.Integer(3),
    ):
        t = tidy(e)
        assert canonical(e) == t
        assert canonical(t) == t == tidy(t)
    assert cancelled((x**2 - 1) / (x - 1)) == x + 1

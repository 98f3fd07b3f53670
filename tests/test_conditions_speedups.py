"""The speed-ups of issue 12 keep the conditions' guarantees.

* ``reduce(..., hint=w)``: an open cell's witness decides its closure without a search, and a
  hint that fails any atom or lies outside the space is ignored (never trusted).
* ``_bnb._poly_bounds`` (all terms at once, outward rounding): its float bounds contain the exact
  value of the polynomial at every rational point of every box, so emptiness proofs stay proofs.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.conditions import Atom, reduce
from gametheory.conditions._bnb import _poly_bounds, bnb_empty
from gametheory.conditions._eval import compiled
from gametheory.conditions._interval import Ival
from gametheory.params import ParameterSpace

a, b, c = sp.symbols("a b c", real=True)
SPACE = ParameterSpace({a: (0, 10), b: (0, 10), c: (0, 10)}, constraints=[a + b <= 15])
ATOMS = [a * b - c >= 0, a - 2 * b >= 0]


def test_a_valid_hint_is_the_witness_and_the_atoms_are_simplified_alike() -> None:
    hint = {a: sp.Rational(22, 3), b: sp.Rational(7, 3), c: sp.Rational(1, 9)}
    plain = reduce(ATOMS, SPACE)
    hinted = reduce(ATOMS, SPACE, hint=hint)
    assert hinted.status == "nonempty"
    assert hinted.witness == hint  # no search: the search finds another point
    assert plain.witness != hint
    assert hinted.atoms == plain.atoms


def test_a_hint_failing_an_atom_or_the_space_is_ignored() -> None:
    plain = reduce(ATOMS, SPACE)
    failing = {a: sp.Integer(1), b: sp.Integer(1), c: sp.Integer(0)}  # a - 2b < 0
    outside = {a: sp.Integer(12), b: sp.Integer(5), c: sp.Integer(0)}  # a + b > 15, a > 10
    partial = {a: sp.Integer(9)}  # not a point of the space
    for hint in (failing, outside, partial):
        assert reduce(ATOMS, SPACE, hint=hint) == plain
    empty = [a - b >= 1, b - a >= 1]
    assert reduce(empty, SPACE, hint=failing).status == "empty"


x, y, z = sp.symbols("x y z")
coefficient = st.fractions(min_value=-9, max_value=9, max_denominator=7)
term = st.tuples(coefficient, st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))
end = st.fractions(min_value=-4, max_value=4, max_denominator=8)


@st.composite
def boxes(draw: st.DrawFn) -> list[tuple[Fraction, Fraction]]:
    out = []
    for _ in range(3):
        lo, hi = sorted((draw(end), draw(end)))
        out.append((lo, hi))
    return out


@settings(max_examples=40)
@given(st.lists(term, min_size=1, max_size=8), st.lists(boxes(), min_size=1, max_size=4))
def test_poly_bounds_contain_the_exact_values(
    terms: list[tuple[Fraction, int, int, int]], box_list: list[list[tuple[Fraction, Fraction]]]
) -> None:
    expr = sp.expand(
        sum(sp.Rational(k.numerator, k.denominator) * x**i * y**j * z**m for k, i, j, m in terms)
    )
    if not expr.free_symbols:
        return
    comp = compiled(Atom(expr, ">="))
    assert comp.terms is not None
    syms = (x, y, z)
    cols = [syms.index(g) for g in comp.gens]
    lo = np.array([[float(iv[0]) for iv in box] for box in box_list])
    hi = np.array([[float(iv[1]) for iv in box] for box in box_list])
    flo, fhi = _poly_bounds(comp, cols, lo, hi)
    for k, box in enumerate(box_list):
        for t in (Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1)):
            point = {s: iv[0] + t * (iv[1] - iv[0]) for s, iv in zip(syms, box, strict=True)}
            if any(Fraction(float(v)) != v for v in point.values()):
                continue  # the float box must hold the point exactly
            value = comp.exact_value(point)
            assert value is not None
            assert Fraction(flo[k]) <= value <= Fraction(fhi[k])


def test_bnb_proves_a_curved_empty_set_and_not_a_nonempty_one() -> None:
    box = {x: Ival(Fraction(0), Fraction(2)), y: Ival(Fraction(0), Fraction(2))}
    disk = compiled(Atom(1 - x**2 - y**2, ">="))  # the quarter disk of radius 1
    beyond = compiled(Atom(x + y - Fraction(3, 2), ">="))  # x + y <= sqrt(2) on the disk
    near = compiled(Atom(x + y - Fraction(6, 5), ">="))
    assert bnb_empty([disk, compiled(Atom(x * y - 1, ">="))], box, 4096)
    assert bnb_empty([disk, beyond], box, 4096)
    assert not bnb_empty([disk, near], box, 4096)  # (3/4, 3/5) is in both


# -- Compiled.ival memo (issue 12, round 2) -----------------------------------------------------


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 3), st.integers(-2, 2)), min_size=1),
    st.lists(st.integers(-4, 4), min_size=4, max_size=4),
)
def test_memoised_enclosures_match_fresh_ones(
    pairs: list[tuple[int, int, int]], ends: list[int]
) -> None:
    """Asked again (also through a box with other symbols besides), the memo answers what a
    fresh computation does, and the answer encloses the exact values on the box."""
    from gametheory.conditions._atoms import canon
    from gametheory.conditions._eval import _enclosure

    expr = sum((k * a**e + m * a * b for k, e, m in pairs), sp.Integer(0)) + c
    comp = compiled(canon(sp.expand(expr), ">="))
    assert comp.terms is not None
    lo_a, hi_a = sorted(ends[:2])
    lo_b, hi_b = sorted(ends[2:])
    box = {a: Ival(Fraction(lo_a), Fraction(hi_a + 1)), b: Ival(Fraction(lo_b), Fraction(hi_b))}
    box[c] = Ival(Fraction(0), Fraction(1))
    first = comp.ival(box)
    again = comp.ival({**box, sp.Symbol("zz"): Ival(Fraction(5), Fraction(6))})
    fresh = _enclosure(comp.terms, [box.get(g, Ival.whole()) for g in comp.gens])
    assert first == again == fresh
    narrower = {**box, a: Ival(Fraction(lo_a), Fraction(lo_a) + Fraction(1, 2))}
    assert comp.ival(narrower) == _enclosure(
        comp.terms, [narrower.get(g, Ival.whole()) for g in comp.gens]
    )
    for x in (Fraction(lo_a), Fraction(hi_a + 1), Fraction(2 * lo_a + 1, 2)):
        value = sp.Rational(sp.sympify(comp.atom.expr).xreplace({a: x, b: lo_b, c: 0}))
        assert first.contains(Fraction(int(value.p), int(value.q)))

"""``poly_expr`` builds the same sympy expression as ``PolyElement.as_expr`` (same ``args``,
hash and equality), without sympy's flattening and with its own sort key in place of
``Basic.compare``: differential tests on random polynomials (up to five symbols of different
assumptions, coefficients of every size and sign, degrees up to 70), and the key against
``Basic.compare`` itself on random terms."""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.rings import PolyRing

from gametheory.conditions import _poly
from gametheory.conditions._poly import _primitive, poly_expr, ring_for, sort_symbols

SYMS = sort_symbols(sp.symbols("P R S T delta g", real=True))
RING = ring_for(SYMS)

coefficients = st.fractions(min_value=-50, max_value=50, max_denominator=12)
monomials = st.tuples(*(st.integers(0, 3) for _ in SYMS))

# symbols whose names and assumptions make ``compare`` look past the class and the name
POOL = (
    sp.Symbol("x"),
    sp.Symbol("x", positive=True),
    sp.Symbol("x", real=True),
    sp.Symbol("y", integer=True),
    sp.Symbol("delta", positive=True),
    sp.Symbol("T", real=True),
    sp.Symbol("a1"),
    sp.Symbol("A"),
    sp.Dummy("d"),
)


def _same(fast: sp.Expr, slow: sp.Expr) -> None:
    assert fast == slow
    assert fast.args == slow.args
    assert hash(fast) == hash(slow)
    assert sp.srepr(fast) == sp.srepr(slow)


@given(st.dictionaries(monomials, coefficients, max_size=25))
def test_poly_expr_is_as_expr(terms: dict[tuple[int, ...], object]) -> None:
    p = RING.from_dict({m: sp.QQ(c.numerator, c.denominator) for m, c in terms.items()})
    _same(poly_expr(p), p.as_expr())


big_coefficients = st.one_of(
    st.sampled_from([Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2), Fraction(2)]),
    st.integers(-(10**40), 10**40).map(Fraction),
    st.builds(
        Fraction, st.integers(-(10**30), 10**30), st.integers(1, 10**12).filter(lambda d: d > 0)
    ),
)


@st.composite
def random_polys(draw: st.DrawFn) -> object:
    """A polynomial of ``QQ[gens]`` or ``ZZ[gens]``: 1-5 distinct generators from
    :data:`POOL` in a random order (not only the canonical one), up to 40 terms of degree up
    to 70 in each generator."""
    gens = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True))
    integral = draw(st.booleans())
    ring = PolyRing(tuple(gens), sp.ZZ if integral else sp.QQ)
    degree = st.integers(0, 70) | st.integers(0, 2)
    terms = draw(
        st.dictionaries(
            st.tuples(*(degree for _ in gens)), big_coefficients, min_size=0, max_size=40
        )
    )
    dom = ring.domain
    return ring.from_dict(
        {
            m: dom(c.numerator) if integral else dom(c.numerator, c.denominator)
            for m, c in terms.items()
        }
    )


@settings(max_examples=300)
@given(random_polys())
def test_poly_expr_is_as_expr_in_any_ring(p: object) -> None:
    _same(poly_expr(p), p.as_expr())  # type: ignore[attr-defined]


@st.composite
def random_terms(draw: st.DrawFn) -> list[sp.Expr]:
    """Distinct terms ``c · Π gᵉ`` as ``as_expr`` builds them (numbers, symbols, powers and
    products), over generators of :data:`POOL`."""
    gens = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True))
    ring = PolyRing(tuple(gens), sp.QQ)
    out = []
    for m, c in draw(
        st.dictionaries(
            st.tuples(*(st.integers(0, 4) for _ in gens)), big_coefficients, max_size=12
        )
    ).items():
        out.append(ring.from_dict({m: sp.QQ(c.numerator, c.denominator)}).as_expr())
    return out


def _key_of(e: sp.Expr) -> object:
    """The key of an expression ``_poly_expr`` keys, assembled as it does."""
    if e.is_Rational:
        return _poly._number_key(e)
    if e.is_Symbol:
        return _poly._compare_key(e)
    if e.is_Pow:
        return _poly._pow_key(_poly._compare_key(e.base), int(e.exp))
    return (*_poly._class_key(sp.Mul), len(e.args), *(x for a in e.args for x in _key_of(a)))


@settings(max_examples=300)
@given(random_terms())
def test_key_orders_as_basic_compare(terms: list[sp.Expr]) -> None:
    for a in terms:
        for b in terms:
            by_key = (_key_of(a) > _key_of(b)) - (_key_of(a) < _key_of(b))
            assert by_key == a.compare(b)
    by_compare = sorted(terms, key=functools.cmp_to_key(sp.Basic.compare))
    assert sorted(terms, key=_key_of) == by_compare


def test_poly_expr_falls_back_to_sympy() -> None:
    """Generators that are not symbols, and a symbol whose content holds a frozenset (a
    ``Wild`` with exclusions): sympy sorts, the result is ``as_expr``'s all the same."""
    x = sp.Symbol("x")
    for gens in [(sp.sin(x), x), (sp.Wild("w", exclude=[x]), x)]:
        ring = PolyRing(gens, sp.QQ)
        a, b = ring.gens
        for p in [a**3 * b - 2 * a + b**2 / 3 + 1, a * b, 3 * a, a**2 + b]:
            _same(poly_expr(p), p.as_expr())


@pytest.mark.parametrize("domain", [sp.QQ.algebraic_field(sp.sqrt(2)), sp.ZZ_I])
def test_poly_expr_other_domains(domain: object) -> None:
    ring = PolyRing(sp.symbols("x y"), domain)
    x, y = ring.gens
    two = ring.domain.from_sympy(sp.Integer(2))
    for p in [x * y + two * x**2 - 1, -x, x**5 * y**3 - two]:
        _same(poly_expr(p), p.as_expr())


def test_poly_expr_edge_cases() -> None:
    x = RING.gens
    for p in [
        RING.zero,
        RING.one,
        RING(-3),
        x[0],
        -x[0],
        2 * x[0],
        x[0] ** 2,
        x[0] + 1,
        x[0] * x[1] - x[0] ** 3 / 7 + sp.QQ(1, 2),
        -x[4] + 1,
        x[2] - x[3],
        x[4] ** 70 * x[0] - x[4] ** 69 * x[3] + 10**50 * x[1] - sp.QQ(1, 2) * x[2],
    ]:
        assert sp.srepr(poly_expr(p)) == sp.srepr(p.as_expr())


def test_poly_expr_seeds_only_the_ring_ring_of_would_use() -> None:
    """The expression is seeded with its polynomial when every generator of the canonical
    ring appears in it (then ``ring_of`` would pick that ring), and not otherwise."""
    x = RING.gens
    full = sum(x[1:], x[0] * x[0] + 3)
    assert _poly.seeded_poly(poly_expr(full)) is full
    for p in [x[0] * x[1] - 2, RING.zero, RING(5)]:
        assert _poly.seeded_poly(poly_expr(p)) is not p
    other = PolyRing(SYMS[::-1], sp.QQ)  # not the canonical order
    q = sum(other.gens, other.zero)
    assert _poly.seeded_poly(poly_expr(q)) is not q


@given(
    st.lists(
        st.tuples(
            st.integers(-(10**6), 10**6), st.integers(1, 60), st.integers(0, 5), st.integers(0, 3)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_primitive_is_clear_denoms_then_primitive(terms: list[tuple[int, int, int, int]]) -> None:
    x, y = sp.symbols("x y")
    ring = ring_for((x, y))
    p = ring.zero
    for num, den, i, j in terms:
        p += ring.domain(num) / ring.domain(den) * ring.gens[0] ** i * ring.gens[1] ** j
    if not p:
        return
    _, q = p.clear_denoms()
    _, q = q.primitive()
    assert _primitive(p) == q

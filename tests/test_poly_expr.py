"""``poly_expr`` builds the same sympy expression as ``PolyElement.as_expr`` (same ``args``,
hash and equality), without sympy's flattening: a differential test on random polynomials."""

from __future__ import annotations

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from gametheory.conditions._poly import poly_expr, ring_for, sort_symbols

SYMS = sort_symbols(sp.symbols("P R S T delta g", real=True))
RING = ring_for(SYMS)

coefficients = st.fractions(min_value=-50, max_value=50, max_denominator=12)
monomials = st.tuples(*(st.integers(0, 3) for _ in SYMS))


@given(st.dictionaries(monomials, coefficients, max_size=25))
def test_poly_expr_is_as_expr(terms: dict[tuple[int, ...], object]) -> None:
    p = RING.from_dict({m: sp.QQ(c.numerator, c.denominator) for m, c in terms.items()})
    fast, slow = poly_expr(p), p.as_expr()
    assert fast == slow
    assert fast.args == slow.args
    assert hash(fast) == hash(slow)
    assert sp.srepr(fast) == sp.srepr(slow)


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
    ]:
        assert sp.srepr(poly_expr(p)) == sp.srepr(p.as_expr())

"""The float simplex of the certificate sweeps, and the exact witnesses found by LPs.

- ``_simplex.minimise`` against scipy's HiGHS on random small LPs (integer entries: degenerate
  vertices and ties are common): the same status, the same optimum, and a feasible vertex.
- ``_lp_witness.lp_witness`` against the Farkas sweep, two independent methods on the same
  systems: a point found holds exactly, and a system with a point is never proved empty.
- The sweep proves a system whose multipliers vanish at the open end ``δ = 1`` (``(1 − δ)^k``:
  the floats near the end saw false sign changes and the sweep gave up).
"""

from __future__ import annotations

import hypothesis.strategies as st
import numpy as np
import sympy as sp
from hypothesis import given

from gametheory.conditions._context import context_for
from gametheory.conditions._farkas_cover import farkas_empty
from gametheory.conditions._lp_witness import lp_witness
from gametheory.conditions._simplex import highs, minimise

from .test_farkas import PD, SPACE, P, R, T, X, atom, delta, planted, systems

entries = st.integers(-3, 3).map(float)


@st.composite
def lps(draw: st.DrawFn) -> tuple[np.ndarray, ...]:
    n = draw(st.integers(1, 6))
    m_ub, m_eq = draw(st.integers(0, 8)), draw(st.integers(0, 3))

    def matrix(r: int, c: int) -> np.ndarray:
        return np.array([[draw(entries) for _ in range(c)] for _ in range(r)]).reshape(r, c)

    return (
        matrix(1, n)[0],
        matrix(m_ub, n),
        matrix(1, m_ub)[0] + draw(st.sampled_from([0.0, 1.0])),
        matrix(m_eq, n),
        matrix(1, m_eq)[0],
    )


@given(lps())
def test_simplex_agrees_with_highs(lp: tuple[np.ndarray, ...]) -> None:
    c, a_ub, b_ub, a_eq, b_eq = lp
    mine = minimise(c, a_ub, b_ub, a_eq, b_eq)
    ref = highs(c, a_ub if len(b_ub) else None, b_ub if len(b_ub) else None,
                a_eq if len(b_eq) else None, b_eq if len(b_eq) else None)  # fmt: skip
    if ref.status == "infeasible" and mine.status == "unbounded":
        # HiGHS' dual simplex reports "infeasible or unbounded" as infeasible: feasible here?
        ref = highs(np.zeros_like(c), a_ub if len(b_ub) else None, b_ub if len(b_ub) else None,
                    a_eq if len(b_eq) else None, b_eq if len(b_eq) else None)  # fmt: skip
        assert ref.status == "optimal"
        return
    assert mine.status == ref.status
    if mine.status != "optimal":
        return
    assert abs(mine.fun - ref.fun) <= 1e-7 * max(1.0, abs(ref.fun))
    x = mine.x
    assert (x >= -1e-9).all()
    assert (a_ub @ x <= b_ub + 1e-7).all()
    assert np.allclose(a_eq @ x, b_eq, atol=1e-7)
    # a vertex: the columns of its positive entries are linearly independent
    support = np.nonzero(x > 1e-9)[0]
    full = np.vstack(
        [np.hstack([a_ub, np.eye(len(b_ub))]), np.hstack([a_eq, np.zeros((len(b_eq), len(b_ub)))])]
    )
    slack = b_ub - a_ub @ x
    cols = [*support, *(len(c) + np.nonzero(slack > 1e-9)[0])]
    assert np.linalg.matrix_rank(full[:, cols]) == len(cols) if cols else True


@given(planted())
def test_a_witness_holds_exactly(case: tuple[list, dict]) -> None:
    atoms, _ = case
    ctx = context_for(SPACE, [a.expr for a in atoms])
    point = lp_witness(atoms, ctx)
    if point is None:  # (a planted point may sit on a boundary: nothing is promised then)
        return
    values = {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    assert all(a.holds_at(values) for a in atoms)
    assert all(SPACE.interval(s).contains(values[s]) for s in SPACE.symbols)


@given(systems())
def test_witness_and_certificates_never_both_answer(atoms: list) -> None:
    ctx = context_for(SPACE, [a.expr for a in atoms])
    point = lp_witness(atoms, ctx)
    core = farkas_empty(atoms, ctx)
    assert point is None or core is None, (point, core)


def test_an_interior_system_gets_a_witness() -> None:
    t = sorted(SPACE.symbols, key=str)[-1]
    a, b = X[0], X[1]
    atoms = [atom(a - t * b, ">"), atom(b - 1, ">"), atom(4 - a, ">")]  # a > t b > t, a < 4
    ctx = context_for(SPACE, [x.expr for x in atoms])
    point = lp_witness(atoms, ctx)
    assert point is not None
    values = {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    assert all(x.holds_at(values) for x in atoms)


def test_multipliers_vanishing_at_the_open_end_are_proved() -> None:
    # in a = T - R > 0, b = R - P > 0 the atoms read (d^3 - d^2 - 1) a + (d^3 + d) b > 0 and
    # a > (d + d^2 + d^3) b: together d^2 (1 + d - d^4) b < 0, empty on (0, 1); the atoms keep
    # a factor (1 - d), so every multiplier vanishes at d = 1
    d = delta
    first = (d - 1) * (P * d**3 + P * d - R * d**2 - R * d - R - T * d**3 + T * d**2 + T)
    second = (1 - d) * (P * d**3 + P * d**2 + P * d - R * d**3 - R * d**2 - R * d - R + T)
    atoms = [atom(first, ">"), atom(second, ">")]
    ctx = context_for(PD, [a.expr for a in atoms])
    assert farkas_empty(atoms, ctx) is not None
    assert lp_witness(atoms, ctx) is None

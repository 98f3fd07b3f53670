"""Emptiness by polynomial Farkas certificates (``conditions._farkas``, ``_farkas_cover``,
``_upoly``), checked against code that does not share it.

- ``_upoly``'s proofs against sympy's exact real roots;
- soundness: systems with a planted exact solution are never called empty;
- every claimed emptiness is re-decided at many rational values of the parameter by the
  exact linear reasoning of :func:`gametheory.conditions.reduce` (a different proof: the
  parameter substituted, the atoms then linear);
- the switch of certificates at a point, and a knife edge (feasible at one point only);
- the repeated-game profiles that needed it (``benchmarks/bench_repeated.py``'s ``rand-8``).
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pytest
import sympy as sp
from hypothesis import given

import gametheory as gt
from gametheory.conditions import Atom, reduce
from gametheory.conditions import _farkas_cover as farkas_cover
from gametheory.conditions._context import context_for
from gametheory.conditions._farkas_cover import farkas_empty
from gametheory.conditions._upoly import bracket_root, deflate, on_interval, one_sign, sign_at

from .repeated_oracle import Sim

t = sp.Symbol("t", positive=True)
X = sp.symbols("a b c", real=True)
SPACE = gt.ParameterSpace({t: (0, 1), X[0]: (-5, 5), X[1]: (-5, 5), X[2]: (-5, 5)})

ints = st.integers(-6, 6)
small_poly = st.lists(ints, min_size=1, max_size=4)
fractions_in_unit = st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50))


def atom(expr: sp.Expr, op: str) -> Atom:
    """An atom as written (not normalised: the certificates take any polynomial atom)."""
    return Atom(sp.expand(expr), op)  # type: ignore[arg-type]


def _expr(coeffs: list[int]) -> sp.Expr:
    return sum((c * t**k for k, c in enumerate(coeffs)), sp.Integer(0))


# -- _upoly ------------------------------------------------------------------------------------


@given(st.lists(st.integers(-20, 20), min_size=1, max_size=8), fractions_in_unit, fractions_in_unit)
def test_one_sign_agrees_with_sympy_roots(coeffs: list[int], u: Fraction, v: Fraction) -> None:
    lo, hi = min(u, v), max(u, v)
    if lo == hi:
        return
    p = sp.Poly(list(reversed(coeffs)), t)
    s = one_sign(coeffs, lo, hi, False, False)
    if p.is_zero:
        assert s is None
        return
    roots = [
        r
        for r in sp.real_roots(p)
        if sp.Rational(lo.numerator, lo.denominator)
        <= r
        <= sp.Rational(hi.numerator, hi.denominator)
    ]
    if s is not None:  # a proof: no root in the closed interval, and that sign at its middle
        assert not roots
        assert np.sign(float(p.eval(sp.Rational((lo + hi) / 2)))) == s
    elif not roots:  # not proved without a root: only Descartes' depth may do that (never here)
        pytest.fail(f"{coeffs} on [{lo}, {hi}]: no root, yet no sign proved")


@given(
    st.lists(st.integers(-50, 50), min_size=1, max_size=9),
    fractions_in_unit,
    fractions_in_unit,
    st.fractions(min_value=0, max_value=1),
)
def test_on_interval_is_a_positive_multiple(
    coeffs: list[int], u: Fraction, v: Fraction, s: Fraction
) -> None:
    lo, hi = min(u, v), max(u, v)
    if lo == hi:
        return
    q = on_interval(coeffs, lo, hi)
    x = lo + (hi - lo) * s
    direct = sum(Fraction(c) * x**k for k, c in enumerate(coeffs))
    mapped = sum(Fraction(c) * s**k for k, c in enumerate(q))
    assert np.sign(direct) == np.sign(mapped)
    assert sign_at(coeffs, x) == np.sign(direct)


@given(
    st.lists(st.integers(-9, 9), min_size=1, max_size=6).filter(any),
    st.fractions(min_value=-3, max_value=3, max_denominator=5),
    st.integers(0, 3),
)
def test_deflate_finds_the_multiplicity_sympy_finds(coeffs: list[int], r: Fraction, k: int) -> None:
    x = sp.Symbol("x")
    base = sp.Poly(list(reversed(coeffs)), x) * sp.Poly(r.denominator * x - r.numerator, x) ** k
    p = [int(c) for c in reversed(base.all_coeffs())]
    m, q = deflate(p, r)
    root = sp.Rational(r.numerator, r.denominator)
    expected = sum(e for f, e in base.factor_list()[1] if f.eval(root) == 0)  # multiplicity
    assert m == expected
    rebuilt = sp.Poly(list(reversed(q)), x) * sp.Poly(r.denominator * x - r.numerator, x) ** m
    assert rebuilt == base


def test_bracket_root_brackets_the_root() -> None:
    p = [-2, 0, 1]  # t^2 - 2 on [1, 2]: sqrt(2)
    a, b = bracket_root(p, Fraction(1), Fraction(2), Fraction(1, 2**40))
    assert b - a <= Fraction(1, 2**40)
    assert a * a < 2 < b * b


# -- soundness: a planted solution is never called empty --------------------------------------


@st.composite
def planted(draw: st.DrawFn) -> tuple[list, dict]:
    """Atoms ``Σ c_k(t) x_k + c_0(t) ≥ 0`` (or ``>``) holding at a random rational point."""
    t0 = draw(fractions_in_unit)
    x0 = [draw(st.fractions(min_value=-4, max_value=4, max_denominator=7)) for _ in X]
    point = {t: sp.Rational(t0.numerator, t0.denominator)}
    point.update({x: sp.Rational(v.numerator, v.denominator) for x, v in zip(X, x0, strict=True)})
    atoms = []
    for _ in range(draw(st.integers(1, 18))):
        lin = sum(_expr(draw(small_poly)) * x for x in X)
        value = lin.xreplace(point)
        strict = draw(st.booleans())
        slack = draw(st.sampled_from([0, 0, 1])) if not strict else 1
        expr = sp.expand(lin - value + slack)  # = slack >= 0 at the point
        atoms.append(atom(expr, ">" if strict else ">="))
    return atoms, point


@given(planted())
def test_a_planted_solution_is_never_called_empty(case: tuple[list, dict]) -> None:
    atoms, point = case
    assert all(a.holds_at(point) for a in atoms)
    ctx = context_for(SPACE, [a.expr for a in atoms])
    assert farkas_empty(atoms, ctx) is None
    assert reduce(atoms, SPACE).status != "empty"


# -- every emptiness it claims is re-proved pointwise by the exact linear reasoning -------------


@st.composite
def systems(draw: st.DrawFn) -> list:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        lin = sum(_expr(draw(small_poly)) * x for x in X[:2])
        out.append(
            atom(sp.expand(lin + _expr(draw(small_poly))), draw(st.sampled_from([">=", ">"])))
        )
    return out


@given(systems())
def test_claimed_emptiness_holds_at_every_sampled_parameter(atoms: list) -> None:
    ctx = context_for(SPACE, [a.expr for a in atoms])
    core = farkas_empty(atoms, ctx)
    if core is None:
        return
    assert set(core) <= set(atoms)
    for k in range(1, 40):
        tk = sp.Rational(k, 40)
        fixed = [a.expr.xreplace({t: tk}) for a in core]
        rels = [e >= 0 if a.op == ">=" else e > 0 for e, a in zip(fixed, core, strict=True)]
        assert reduce(rels, SPACE).status == "empty", (core, tk)


# -- fixtures ----------------------------------------------------------------------------------

T, R, P, S = sp.symbols("T R P S", real=True)
delta = sp.Symbol("delta", positive=True)
PD = gt.ParameterSpace(
    {T: (-10, 10), R: (-10, 10), P: (-10, 10), S: (-10, 10), delta: (0, 1)},
    constraints=[T > R, R > P, P > S],
)


def _padding(n: int) -> list:
    """Atoms the space implies (``k (T − S) > 0``), so that the certificates are tried first."""
    return [atom(sp.expand((T - S) * (1 + delta**k)), ">") for k in range(n)]


def test_two_certificates_that_overlap_cover_the_interval() -> None:
    # empty for delta < 2/3 by the first atom, for delta > 1/3 by the second
    atoms = [
        atom(sp.expand((3 * delta - 2) * (T - R)), ">="),
        atom(sp.expand((1 - 3 * delta) * (R - P)), ">="),
    ]
    ctx = context_for(PD, [a.expr for a in atoms])
    assert set(farkas_empty(atoms, ctx) or ()) == set(atoms)
    assert reduce([*atoms, *_padding(16)], PD).status == "empty"


def test_certificates_meeting_at_an_irrational_point_cover_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With ``u = (T − R, R − P, P − S) > 0``: the first atom alone is empty for
    ``δ ≤ 1/√2`` (multipliers ``(1, 1 − 2δ², 1)``), both atoms together for ``δ ≥ 1/√2``
    (``2δ² − 1`` on the second).  No certificate holds on a neighbourhood of ``1/√2``: the two
    meet there, and the sweep proves it with the common factor ``2δ² − 1``."""
    atoms = [
        atom(-(T - R) + (2 * delta**2 - 1) * (R - P) - (P - S), ">="),
        atom((T - R) - (R - P), ">="),
    ]
    met = []
    original = farkas_cover._meet

    def spy(*args: object) -> bool:
        met.append(original(*args))  # type: ignore[arg-type]
        return met[-1]

    monkeypatch.setattr(farkas_cover, "_meet", spy)
    ctx = context_for(PD, [a.expr for a in atoms])
    assert set(farkas_empty(atoms, ctx) or ()) == set(atoms)
    assert met == [True]
    for k in range(1, 40):  # and each value of delta, decided on its own, agrees
        fixed = [a.expr.xreplace({delta: sp.Rational(k, 40)}) >= 0 for a in atoms]
        assert reduce(fixed, PD).status == "empty"


def test_a_switch_nearer_the_end_than_the_grid_sees() -> None:
    """The first atom is empty below ``r = 1 − 10⁻⁶``, the second above ``1 − 2·10⁻⁶``:
    the switch lies between the float grid's last point and the end, found by bisection."""
    r, r2 = 1 - sp.Rational(1, 10**6), 1 - sp.Rational(2, 10**6)
    atoms = [atom((delta - r) * (T - R), ">="), atom((r2 - delta) * (R - P), ">=")]
    ctx = context_for(PD, [a.expr for a in atoms])
    assert set(farkas_empty(atoms, ctx) or ()) == set(atoms)


def test_holding_at_the_meeting_point_is_decided_by_the_gcd() -> None:
    """``h = (t − 1/2)(t − 5)`` has one root in ``(1/4, 3/4)``; a ``g`` divisible by ``t − 1/2``
    but not by ``h`` vanishes there, so a certificate with that ``g`` and no strict row does
    not hold at ``1/2``; with ``g`` nonzero at ``1/2`` it does."""
    from gametheory.conditions._farkas import Certificate

    h = [5, -11, 2]  # (2t − 1)(t − 5)
    lo, hi = Fraction(1, 4), Fraction(3, 4)
    vanishing = Certificate(rows=(0,), y=([1],), g=[1, -2], strict_rows=(False,))  # 1 − 2t
    nonzero = Certificate(rows=(0,), y=([1],), g=[-1, -1], strict_rows=(False,))  # −1 − t
    assert not farkas_cover._holds_at_root(vanishing, h, lo, hi)
    assert farkas_cover._holds_at_root(nonzero, h, lo, hi)


def test_a_knife_edge_is_not_called_empty() -> None:
    # feasible at delta = 1/2 only (where both atoms read 0 >= 0)
    atoms = [
        atom(sp.expand((2 * delta - 1) * (T - R)), ">="),
        atom(sp.expand((1 - 2 * delta) * (T - R)), ">="),
    ]
    ctx = context_for(PD, [a.expr for a in atoms])
    assert farkas_empty(atoms, ctx) is None
    region = reduce([*atoms, *_padding(16)], PD)
    assert region.status != "empty"
    if region.witness is not None:
        assert region.witness[delta] == sp.Rational(1, 2)


def test_grim_trigger_below_its_threshold_is_empty() -> None:
    # grim trigger is subgame perfect iff delta >= (T - R) / (T - P) (Osborne 2004, §14.7);
    # with delta < 1/4 and T - R >= (T - P) / 2 the condition cannot hold
    space = gt.ParameterSpace(
        {T: (-10, 10), R: (-10, 10), P: (-10, 10), S: (-10, 10), delta: (0, sp.Rational(1, 4))},
        constraints=[T > R, R > P, P > S, 2 * (T - R) >= T - P],
    )
    cond = atom(sp.expand(delta * (T - P) - (T - R)), ">=")
    ctx = context_for(space, [cond.expr])
    assert farkas_empty([cond], ctx) == (cond,)


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("concept", ["spe", "nash"])
def test_random_automata_profile_is_decided(concept: str) -> None:
    """Two seeded random 8-state automata (``bench_repeated``'s ``rand-8``): their conditions
    (150-185 atoms of degree ~60 in δ) were not decided in minutes before the certificates.
    The answer, no equilibrium anywhere, agrees with the independent simulation: at seeded
    points of the space it finds a profitable deviation."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_repeated
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rg, space, a, b = bench_repeated._profile("rand-8")
    sol = getattr(gt, concept)(rg, space, profile={"Row": a, "Col": b})
    assert sol.complete and len(sol) == 0
    rng = np.random.default_rng(3)
    for _ in range(4):
        s_, p_, r_, t_ = sorted(rng.uniform(-9, 9, 4))
        d = float(rng.uniform(0.05, 0.95))
        pay = {(x, y): [0.0, 0.0] for x in "CD" for y in "CD"}
        pay[("C", "C")], pay[("C", "D")] = [r_, r_], [s_, t_]
        pay[("D", "C")], pay[("D", "D")] = [t_, s_], [p_, p_]
        sim = Sim(pay, [["C", "D"], ["C", "D"]], [a, b], d)
        gains = sim.spe_gains() if concept == "spe" else sim.nash_gains()
        assert min(gains) < 0, (d, gains)

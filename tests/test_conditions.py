"""Tests of gametheory.conditions: atoms, regions, reduction, witnesses and compilation."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.conditions import (
    FALSE,
    Atom,
    ConditionError,
    Region,
    atom,
    compile_atoms,
    implied,
    reduce,
    simplify_condition,
)
from gametheory.conditions._interval import INF, Ival, decide, expr_ival, ival_mul, ival_pow
from gametheory.errors import (
    GameError,
    InvalidSpaceError,
    MissingParameterError,
    UnknownParameterError,
)
from gametheory.params import ParameterSpace

c, a, p = sp.symbols("c a p", positive=True)
x, y, z = sp.symbols("x y z", real=True)
HALF = sp.Rational(1, 2)


@pytest.fixture(scope="module")
def space() -> ParameterSpace:
    return ParameterSpace({c: (0, 10), a: (0, 10), p: (0, 1)}, constraints=[c > a])


@pytest.fixture(scope="module")
def cube() -> ParameterSpace:
    return ParameterSpace({x: (0, 10), y: (0, 10), z: (0, 10)})


def check_witness(region: Region, conditions: list[object], space: ParameterSpace) -> None:
    """A nonempty region's witness satisfies every input condition and the space, exactly."""
    assert region.status == "nonempty"
    assert region.witness is not None
    assert all(isinstance(v, sp.Rational) for v in region.witness.values())
    assert space.contains(region.witness)
    for cond in conditions:
        for at in atom(cond):
            assert at.holds_at(region.witness), (at, region.witness)
    assert region.holds_at(region.witness)


# -- normalisation ---------------------------------------------------------------------------


def test_atom_removes_content_and_reads_relationals() -> None:
    (at,) = atom(2 * c - 4 * a >= 0)
    assert at == Atom(c - 2 * a, ">=")
    assert atom(c >= 2 * a) == atom(2 * c >= 4 * a) == atom(c - 2 * a, ">=") == (at,)
    assert atom(a <= c) == atom(c >= a) == atom(c - a, ">=")
    assert atom(a < c) == atom(c - a, ">") == atom(a - c, "<")
    assert atom(c / 2 - a / 3 >= 0) == (Atom(3 * c - 2 * a, ">="),)


def test_atom_reads_floats_as_simple_rationals() -> None:
    assert atom(0.5 * c - a >= 0) == atom(c - 2 * a >= 0)
    assert atom(0.3 * c, ">") == atom(c, ">")


def test_equalities_have_a_canonical_sign() -> None:
    assert atom(sp.Eq(c, a)) == atom(sp.Eq(a, c)) == atom(a - c, "==")
    assert atom(sp.Ne(2 * c, 2 * a)) == atom(a - c, "!=")


def test_constant_atoms() -> None:
    assert atom(sp.true) == ()
    assert atom(sp.Integer(1), ">") == ()
    assert atom(sp.false) == (FALSE,)
    assert atom(sp.Integer(1), "<") == (FALSE,)
    assert atom(sp.Integer(0), "!=") == (FALSE,)
    assert FALSE.as_relational() is sp.false


def test_conjunctions_are_flattened() -> None:
    assert atom(sp.And(c > a, p < HALF)) == (*atom(c > a), *atom(p < HALF))


def test_denominators_of_known_sign_are_multiplied_through() -> None:
    assert atom((c - a) / (c + 1) > 0) == (Atom(c - a, ">"),)
    assert atom((c - a) / (-c - 1) > 0) == (Atom(a - c, ">"),)


def test_denominators_of_unknown_sign_give_product_and_nonzero() -> None:
    num, nonzero = atom((x - 1) / (x - 2) >= 0)
    assert num == Atom(sp.expand((x - 1) * (x - 2)), ">=")
    assert nonzero == Atom(x - 2, "!=")
    assert atom((c - a) / (c - 2), "==") == (Atom(a - c, "=="), Atom(c - 2, "!="))


def test_denominators_use_the_space_when_given(space: ParameterSpace) -> None:
    assert atom((c - a) / (1 - p) >= 0, space=space) == (Atom(c - a, ">="), Atom(p - 1, "!="))
    open_p = ParameterSpace({c: (0, 10), a: (0, 10), p: sp.Interval.open(0, 1)})
    assert atom((c - a) / (1 - p) >= 0, space=open_p) == (Atom(c - a, ">="),)
    assert atom((c - a) / (p - 1) >= 0, space=open_p) == (Atom(a - c, ">="),)


def test_as_relational_is_readable() -> None:
    assert Atom(c - 2 * a, ">=").as_relational() == sp.Ge(c, 2 * a)
    assert Atom(-a + c, ">").as_relational() == sp.Gt(c, a)
    assert str(Atom(2 - c, ">=")) == "c <= 2"
    assert str(Atom(1 - 2 * p, ">")) == "p < 1/2"
    assert str(Atom(-c - a, ">=")) == "a + c <= 0"
    assert str(Atom(c + 1 - a, ">=")) == "c + 1 >= a"
    assert Atom(c, ">").as_relational() == sp.Gt(c, 0, evaluate=False)  # not evaluated to True


def test_atom_input_errors() -> None:
    with pytest.raises(ConditionError, match="needs an operator"):
        atom(c + a)
    with pytest.raises(ConditionError, match="disjunction"):
        atom(sp.Or(c > 1, a > 1))
    with pytest.raises(ConditionError, match="unknown operator"):
        atom(c, "<>")
    with pytest.raises(ConditionError, match="unknown operator"):
        Atom(c, "<")  # type: ignore[arg-type]
    with pytest.raises(ConditionError, match="effort"):
        reduce([c > 1], None, effort=-1)
    assert issubclass(ConditionError, GameError)
    assert issubclass(ConditionError, ValueError)


def test_holds_at_is_exact() -> None:
    at = Atom(c - a, ">")
    assert not at.holds_at({c: 1, a: 1})
    assert at.holds_at({c: Fraction(1, 3) + Fraction(10**-30), a: Fraction(1, 3)})
    assert Atom(3 * c - 1, "==").holds_at({c: sp.Rational(1, 3)})
    assert Atom(10 * c - 3, "==").holds_at({c: 0.3})  # floats read as the rational they denote
    assert Atom(c**2 - 2, ">").holds_at({c: sp.sqrt(3)})
    with pytest.raises(MissingParameterError, match="a"):
        at.holds_at({c: 1})


def test_negated() -> None:
    assert Atom(c - a, ">=").negated() == Atom(a - c, ">")
    assert Atom(c - a, ">").negated() == Atom(a - c, ">=")
    assert Atom(c - a, "==").negated() == atom(c - a, "!=")[0]


# -- interval arithmetic -------------------------------------------------------------------


def test_interval_open_and_closed_ends() -> None:
    box = {c: Ival(Fraction(0), Fraction(10), lo_open=True), x: Ival(-INF, INF)}
    assert decide(expr_ival(c, box), ">") is True
    assert decide(expr_ival(c - 1, box), ">=") is None
    assert decide(expr_ival(c - 10, box), ">") is False
    assert decide(expr_ival(c - 10, box), ">=") is None
    assert decide(expr_ival(x**2, box), ">=") is True
    assert decide(expr_ival(x**2 + 1, box), ">") is True
    assert decide(expr_ival(c * x**2, box), ">=") is True
    assert decide(expr_ival(1 / c, box), ">") is True
    assert ival_pow(Ival(Fraction(-2), Fraction(1)), 2) == Ival(Fraction(0), Fraction(4))
    assert ival_mul(Ival(Fraction(0), Fraction(1), lo_open=True), Ival(Fraction(1), INF)) == Ival(
        Fraction(0), INF, lo_open=True
    )


# -- dedupe and pair rules -------------------------------------------------------------------


def test_dedupe_and_pair_rules(cube: ParameterSpace) -> None:
    assert reduce([x - y >= 0, x - y > 0], cube).atoms == (Atom(x - y, ">"),)
    assert reduce([x >= y, 2 * x >= 2 * y], cube).atoms == (Atom(x - y, ">="),)
    r = reduce([x >= y, y >= x], cube)
    assert r.atoms == atom(sp.Eq(x, y))
    check_witness(r, [sp.Eq(x, y)], cube)
    assert reduce([x > y, y >= x], cube).status == "empty"
    assert reduce([sp.Eq(x, y), sp.Ne(x, y)], cube).status == "empty"
    assert reduce([x - y >= 1, x - y > 0], cube).atoms == (Atom(x - y - 1, ">="),)
    assert reduce([x - y >= 0, sp.Ne(x, y)], cube).atoms == (Atom(x - y, ">"),)
    assert reduce([sp.true, x > 1], cube).atoms == (Atom(x - 1, ">"),)
    assert reduce([sp.false, x > 1], cube).status == "empty"
    assert reduce([sp.Eq(x, 1), sp.Eq(x, 2)], cube).status == "empty"


def test_region_condition(cube: ParameterSpace) -> None:
    r = reduce([x >= 2 * y, z < 3], cube)
    assert r.condition == sp.And(x >= 2 * y, z < 3)
    assert reduce([x >= 0], cube).condition is sp.true
    assert reduce([x > 11], cube).condition is sp.false


# -- implied by the space -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "verdicts"),
    [
        (sp.Interval.Lopen(0, 10), ["implied", "implied", "kept", "empty", "pinned"]),
        (sp.Interval(0, 10), ["kept", "implied", "kept", "empty", "pinned"]),
        (sp.Interval.open(0, 10), ["implied", "implied", "kept", "empty", "empty"]),
    ],
)
def test_interval_implication_respects_open_ends(
    interval: sp.Interval, verdicts: list[str]
) -> None:
    s = sp.Symbol("s", real=True)
    sp_ = ParameterSpace({s: interval})
    for cond, verdict in zip([s > 0, s >= 0, s >= 1, s > 10, s >= 10], verdicts, strict=True):
        r = reduce([cond], sp_)
        if verdict == "empty":
            assert r.status == "empty", cond
        elif verdict == "pinned":  # s >= 10 with s <= 10 is s == 10
            assert r.atoms == atom(sp.Eq(s, 10))
            check_witness(r, [cond], sp_)
        else:
            assert r.atoms == (() if verdict == "implied" else atom(cond)), cond
            check_witness(r, [cond], sp_)


def test_nonlinear_implication(space: ParameterSpace) -> None:
    real = ParameterSpace({x: sp.Interval(-sp.oo, sp.oo)})
    assert reduce([x**2 >= 0], real).atoms == ()
    assert reduce([x**2 > 0], real).atoms == (Atom(x, "!="),)
    assert reduce([x**2 + 1 <= 0], real).status == "empty"
    assert reduce([c * a > 0], space).atoms == ()
    assert reduce([c * a - 100 > 0], space).status == "empty"
    assert reduce([c**2 - 2 * c * a + a**2 >= 0], space).atoms == ()
    assert reduce([(c - a) * (c + 1) > 0], space).atoms == ()  # c + 1 > 0 and c > a
    assert reduce([sp.exp(c) > 1], space).atoms == ()


def test_space_constraints_and_lp_implication(space: ParameterSpace) -> None:
    assert reduce([c > a], space).atoms == ()  # a constraint of the space
    assert reduce([c >= a], space).atoms == ()
    assert reduce([c + 1 > a], space).atoms == ()
    assert reduce([2 * c - a > 0], space).atoms == ()  # 2c - a = c + (c - a): needs the LP
    assert reduce([c >= 2 * a], space).atoms == atom(c >= 2 * a)
    assert implied(c >= a, space) is True
    assert implied(2 * c > a, space) is True
    assert implied(c >= 2 * a, space) is False
    assert implied(a > 0, space) is True


def test_implied_by_other_atoms(space: ParameterSpace) -> None:
    r = reduce([a >= 3, c**2 > 4, c > 3 * a - 5], space)
    assert r.atoms == (*atom(a >= 3), *atom(c > 3 * a - 5))  # c > a >= 3 gives c**2 > 4


def test_factor_signs_follow_from_other_atoms(space: ParameterSpace) -> None:
    assert reduce([c < 4, (c - 4) * (c - 2) >= 0], space).atoms == atom(c <= 2)
    assert reduce([(c - a) / (c - 2) > 0], space).atoms == atom(c > 2)  # c - a > 0 in the space
    r = reduce([a + p > 1, (p - 1) * (a + p - 1) >= 0], space)
    assert r.atoms == atom(sp.Eq(p, 1))  # p <= 1 on the space: pinned to the end
    check_witness(r, [a + p > 1, (p - 1) * (a + p - 1) >= 0], space)


def test_products_display_factored() -> None:
    num, nonzero = atom((c - a) / (c - 2) > 0)
    assert str(num) == str(sp.Gt((c - a) * (c - 2), 0))
    assert nonzero.as_relational() == sp.Ne(c, 2)


# -- emptiness ---------------------------------------------------------------------------------


def test_lp_emptiness(space: ParameterSpace, cube: ParameterSpace) -> None:
    assert reduce([a > c], space).status == "empty"
    assert reduce([c + a >= 15, c - a >= 8], space).status == "empty"
    assert reduce([x + y > 20], cube).status == "empty"  # strict: empty by a hair
    r = reduce([x + y >= 20], cube)
    check_witness(r, [x + y >= 20], cube)
    assert r.witness == {x: 10, y: 10, z: 5}
    assert reduce([x + y >= 20, x > y], cube).status == "empty"
    assert reduce([x + y >= 5, x + y <= 4, z > 1], cube).status == "empty"


def test_lower_dimensional_regions_get_exact_witnesses(cube: ParameterSpace) -> None:
    conds = [x >= y, y >= z, z >= x, x + y + z >= 3]
    r = reduce(conds, cube)
    check_witness(r, conds, cube)
    conds = [3 * x - 2 * y >= 1, 2 * y - 3 * x >= -1, x + y <= 1]
    check_witness(reduce(conds, cube), conds, cube)


def test_nonlinear_emptiness(space: ParameterSpace) -> None:
    assert reduce([c**2 - 4 * a > 0, c < 1, a > 1], space).status == "empty"
    assert reduce([c * p - a > 0, p < sp.Rational(1, 10), a > 2], space).status == "empty"
    unit = ParameterSpace({x: (0, 1)})
    assert reduce([x - x**2 > sp.Rational(3, 10)], unit).status == "empty"  # branch-and-bound
    assert reduce([x - x**2 >= sp.Rational(1, 4)], unit).status == "nonempty"


# -- equalities ---------------------------------------------------------------------------------


def test_equalities_are_eliminated(space: ParameterSpace, cube: ParameterSpace) -> None:
    conds = [sp.Eq(c, 2 * a), a > 4]
    check_witness(reduce(conds, space), conds, space)
    assert reduce([sp.Eq(c, 2 * a), a > 5], space).status == "empty"
    conds = [sp.Eq(c * p, a), a > 5]
    check_witness(reduce(conds, space), conds, space)
    conds = [sp.Eq(x + y, 3), sp.Eq(x - y, 1), z > x]
    r = reduce(conds, cube)
    check_witness(r, conds, cube)
    assert (r.witness[x], r.witness[y]) == (2, 1)  # type: ignore[index]
    conds = [sp.Eq(x * y, 2), x > 1]
    check_witness(reduce(conds, cube), conds, cube)
    assert reduce([sp.Eq(x * y, 200)], cube).status == "empty"
    assert reduce([sp.Ne(x, y), sp.Eq(x, 1), sp.Eq(y, 1)], cube).status == "empty"


def test_irrational_only_regions_are_unknown_not_empty(space: ParameterSpace) -> None:
    r = reduce([sp.Eq(c**2, 2)], space)
    assert r.status == "unknown"
    assert r.witness is None
    assert r.atoms == atom(sp.Eq(c**2, 2))


# -- witnesses ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "conds",
    [
        [c > a, c**2 - 4 * a > 0],
        [c >= 3 * a + 1, a >= 3],
        [c * p - a > 0, p < HALF],
        [c * p - a >= 0, (1 - p) * c - a * p >= 0, p * c - 1 > 0],
        [(c - a) / (c + 1) > p, a > 2 * p],
        [(c - a) / (c - 2) > 0, sp.Ne(a, 1)],
        [sp.sqrt(c) > a + 1],
        [c * a * p > 50, p < sp.Rational(9, 10)],
    ],
)
def test_witnesses_are_exact(space: ParameterSpace, conds: list[object]) -> None:
    r = reduce(conds, space)
    check_witness(r, conds, space)


def test_extra_symbols_are_bounded_by_their_assumptions(space: ParameterSpace) -> None:
    w = sp.Symbol("w", positive=True)
    r = reduce([w > c], space)
    assert r.status == "nonempty"
    assert r.witness is not None and r.witness[w] > r.witness[c] > 0
    with pytest.raises(ConditionError, match="different sympy assumptions"):
        reduce([sp.Symbol("c") > 1], space)


def test_reduce_is_deterministic_and_leaves_global_random_state(space: ParameterSpace) -> None:
    state = np.random.get_state()[1].copy()  # type: ignore[index]  # noqa: NPY002
    conds = [c * p - a > 0, p < HALF, a > 1]
    r1, r2 = reduce(conds, space), reduce(conds, space)
    assert r1 == r2
    assert np.array_equal(np.random.get_state()[1], state)  # type: ignore[index]  # noqa: NPY002
    r3 = reduce(conds, space, rng=np.random.default_rng(5), effort=2)
    check_witness(r3, conds, space)


def test_effort_zero_is_cheap_but_sound(space: ParameterSpace) -> None:
    r = reduce([c**2 - 4 * a > 0, c < 1, a > 1], space, effort=0)
    assert r.status == "empty"
    r = reduce([c * a * p > 99], space, effort=0)
    assert r.status in ("nonempty", "unknown")
    if r.status == "nonempty":
        check_witness(r, [c * a * p > 99], space)


def test_reduce_accepts_a_single_boolean_and_no_space() -> None:
    r = reduce(sp.And(c > a, a > 1), None)
    assert set(r.atoms) == {*atom(c > a), *atom(a > 1)}
    assert r.witness is not None and r.witness[c] > r.witness[a] > 1
    assert reduce([], None).condition is sp.true


def test_spaces_with_float_and_irrational_ends() -> None:
    root2 = ParameterSpace({x: (0, sp.sqrt(2))})
    check_witness(reduce([x > 1], root2), [x > 1], root2)
    assert reduce([x > 2], root2).status == "empty"
    assert reduce([x >= sp.sqrt(2)], root2).status == "unknown"  # only an irrational point
    tenths = ParameterSpace({x: (0, 0.3)})
    check_witness(reduce([x > 0.25], tenths), [x > 0.25], tenths)
    assert reduce([x > 0.3], tenths).status == "empty"


def test_non_polynomial_atoms(space: ParameterSpace) -> None:
    check_witness(reduce([sp.sqrt(c) > a], space), [sp.sqrt(c) > a], space)
    assert reduce([sp.sqrt(c) > 4], space).status == "empty"
    box = ParameterSpace({x: (-10, 10)})
    conds = [sp.Abs(x) > 3, sp.Max(x, 1) < 5]
    check_witness(reduce(conds, box), conds, box)
    assert reduce([sp.Piecewise((x, x > 0), (-x, True)) > 20], box).status == "empty"


def test_simplify_condition(space: ParameterSpace) -> None:
    assert simplify_condition(sp.And(c > a, c >= a, a > 0), space) is sp.true
    assert simplify_condition(c < a, space) is sp.false
    got = simplify_condition(sp.And(c >= 2 * a, p < HALF, p < 1), space)
    assert got == sp.And(c >= 2 * a, p < HALF)


# -- compilation -------------------------------------------------------------------------------


def test_compile_atoms_values_and_tolerance() -> None:
    atoms = [
        Atom(c - a, ">="),
        Atom(c - a, ">"),
        Atom(a - c, ">="),
        Atom(c - a, "=="),
        Atom(c - a, "!="),
    ]
    f = compile_atoms(atoms, [c, a, p])
    cs = np.array([0.1 + 0.2, 1.0, 0.0])
    as_ = np.array([0.3, 2.0, 0.0])
    vals = f(cs, as_, 0.5)
    assert vals.shape == (5, 3)
    assert np.allclose(vals[0], cs - as_)
    holds = f.holds(cs, as_, 0.5)
    # on the boundary (0.1 + 0.2 vs 0.3) weak atoms and equalities hold, strict ones fail
    assert holds[:, 0].tolist() == [True, False, True, True, False]
    assert holds[:, 1].tolist() == [False, False, True, False, True]
    assert f.all_hold(cs, as_, 0.5).tolist() == [False, False, False]
    with pytest.raises(UnknownParameterError, match="p"):
        compile_atoms([Atom(p - 1, ">")], [c, a])


# -- properties ---------------------------------------------------------------------------------

SYMS = sp.symbols("u0 u1 u2", real=True)


@st.composite
def linear_problems(draw: st.DrawFn) -> tuple[ParameterSpace, list[Atom], list[dict]]:
    n = draw(st.integers(1, 3))
    syms = SYMS[:n]
    bounds = {}
    grids = []
    for s in syms:
        lo = draw(st.integers(-4, 4))
        hi = lo + draw(st.integers(1, 6))
        lo_open, hi_open = draw(st.booleans()), draw(st.booleans())
        bounds[s] = sp.Interval(lo, hi, lo_open, hi_open)
        vals = [Fraction(lo) + Fraction(k * (hi - lo), 6) for k in range(7)]
        grids.append([v for v in vals if bounds[s].contains(sp.Rational(v)) is sp.true])
    coeff = st.integers(-3, 3)
    constraints = []
    if n > 1 and draw(st.booleans()):
        lhs = sum(draw(coeff) * s for s in syms) + draw(st.integers(-3, 3))
        if lhs.free_symbols:  # a constant constraint would be no constraint, or an empty space
            constraints.append(lhs >= 0)
    try:
        space = ParameterSpace(bounds, constraints=constraints)
    except InvalidSpaceError:  # a provably empty space is refused: draw it without the constraint
        space = ParameterSpace(bounds)
    atoms = []
    for _ in range(draw(st.integers(1, 4))):
        expr = sum(draw(coeff) * s for s in syms) + draw(st.integers(-8, 8))
        if draw(st.integers(0, 4)) == 0:  # some products: nonlinear atoms
            expr = expr * (syms[-1] - draw(st.integers(-4, 4)))
        atoms.append(
            Atom(sp.expand(expr), draw(st.sampled_from([">=", ">", ">=", ">", "==", "!="])))
        )
    points = [dict(zip(syms, pt, strict=True)) for pt in itertools.product(*grids)]
    points = [pt for pt in points if all(bool(k.subs(pt)) for k in space.constraints)]
    return space, atoms, points


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(linear_problems())
def test_reduce_is_sound_on_random_problems(
    problem: tuple[ParameterSpace, list[Atom], list[dict]],
) -> None:
    space, atoms, points = problem
    region = reduce(atoms, space)
    if region.status == "nonempty":
        assert region.witness is not None
        assert space.contains(region.witness)
        assert all(at.holds_at(region.witness) for at in atoms)
    for pt in points:
        original = all(at.holds_at(pt) for at in atoms)
        if region.status == "empty":
            assert not original, (pt, atoms)
        else:
            # dropped atoms were implied: the displayed region is the same set on the space
            assert region.holds_at(pt) == original, (pt, atoms, region.atoms)


@st.composite
def product_problems(draw: st.DrawFn) -> tuple[ParameterSpace, list[Atom], list[dict]]:
    space, atoms, points = draw(linear_problems())
    syms = sorted(space.symbols, key=lambda s: s.name)
    coeff = st.integers(-2, 2)
    for i, at in enumerate(atoms):
        if draw(st.booleans()):
            other = sum(draw(coeff) * s for s in syms) + draw(st.integers(-4, 4))
            atoms[i] = Atom(sp.expand(at.expr * other + draw(st.integers(-3, 3))), at.op)
    return space, atoms, points


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(product_problems())
def test_reduce_is_sound_on_random_quadratic_problems(
    problem: tuple[ParameterSpace, list[Atom], list[dict]],
) -> None:
    test_reduce_is_sound_on_random_problems.hypothesis.inner_test(problem)  # type: ignore[attr-defined]


def test_witnesses_lie_inside_full_dimensional_regions() -> None:
    """A region with an interior gets a witness there, not on a tie or at an end of a
    parameter's interval (issue 16: every Chicken equilibrium had the knife-edge c = a = 5)."""
    a, c = sp.symbols("a c", positive=True)
    space = gt.ParameterSpace({a: (0, 10), c: (0, 10)})
    for cond in (c >= a, sp.And(c >= a, 2 * a >= c), sp.And(a + c <= 10, c >= 3)):
        region = reduce(cond, space)
        w = region.witness
        assert w is not None
        for rel in cond.args if isinstance(cond, sp.And) else (cond,):
            lhs, rhs = rel.lhs.xreplace(w), rel.rhs.xreplace(w)
            assert lhs != rhs, (cond, w)  # strictly inside every weak condition
        assert all(0 < w[s] < 10 for s in (a, c)), w
    # a lower-dimensional region keeps its (only possible) boundary witness
    tie = reduce(sp.Eq(a, c), space)
    assert tie.witness is not None and tie.witness[a] == tie.witness[c]


C1 = sp.Symbol("c1", positive=True)


@pytest.mark.parametrize(
    ("lhs", "status", "root"),
    [
        (sp.sqrt(C1) - 1, "nonempty", 1),
        (sp.sqrt(C1) - 3, "empty", None),
        (sp.sqrt(C1) + 1, "empty", None),
    ],
)
def test_an_equality_in_one_parameter_that_is_not_a_polynomial(
    lhs: sp.Expr, status: str, root: int | None
) -> None:
    """sqrt(c) = 1 on c in (0, 4] used to raise PolynomialError (the one-parameter root
    finder took it for a polynomial); now it is decided, and a witness is the root."""
    r = reduce([sp.Eq(lhs, 0)], gt.ParameterSpace({C1: (0, 4)}))
    assert r.status == status
    if root is not None:
        assert r.witness is not None and r.witness[C1] == root

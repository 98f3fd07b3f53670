"""The repeated-game checks on one common denominator (``repeated/_dense.py``, with policy
values by fraction-free elimination, ``repeated/_bareiss.py``) against the fraction-field path
they replace when ``δ`` is the only symbol: differential tests on literature automata and on
seeded random ones (mixed play, random transitions), and against the independent simulation
of ``tests/repeated_oracle.py`` at points."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory._budget import UNLIMITED
from gametheory.repeated import _bareiss, _chain, _content, _dense, _mdp, check
from gametheory.repeated.game import with_discount
from tests.fixtures import random_automaton, roots_in_unit
from tests.repeated_oracle import Sim

delta = sp.Symbol("delta", positive=True)
T, R, P, S = sp.symbols("T R P S", real=True)
C, D = "C", "D"
STAGE = gt.NormalFormGame.from_matrices(
    [[R, S], [T, P]], [[R, T], [S, P]], actions=([C, D], [C, D])
)
SPACE = gt.ParameterSpace(
    {T: (-10, 10), R: (-10, 10), P: (-10, 10), S: (-10, 10), delta: (0, 1)},
    constraints=[T > R, R > P, P > S],
)
RG = gt.RepeatedGame(STAGE, delta)


def _profiles() -> dict[str, tuple[gt.Automaton, gt.Automaton]]:
    out = {
        "grim": (gt.Automaton.grim_trigger(C, D),) * 2,
        "tft": (gt.Automaton.tit_for_tat(C, D),) * 2,
        "wsls": (gt.Automaton.win_stay_lose_shift(C, D),) * 2,
        "lp3": (gt.Automaton.limited_punishment(C, D, 3),) * 2,
        "gtft": (gt.Automaton.generous_tit_for_tat(C, D, sp.Rational(1, 3)),) * 2,
    }
    rng = np.random.default_rng(2026)
    for k in range(6):
        out[f"random-{k}"] = (
            random_automaton(rng, int(rng.integers(1, 4))),
            random_automaton(rng, int(rng.integers(2, 5))),
        )
    return out


PROFILES = _profiles()


def _atoms(
    name: str, concept: str, monkeypatch: pytest.MonkeyPatch, dense: bool
) -> list[gt.conditions.Atom]:
    with monkeypatch.context() as m:
        if not dense:
            m.setattr(_dense, "dense_frequencies", lambda f, freq: None)
        space = with_discount(SPACE, delta)
        chain = _chain.build_chain(RG, PROFILES[name])
        f = _chain.coefficient_field(chain)
        freq = _chain.frequencies(chain, f, on_path=concept == "nash")
        if concept == "spe":
            return check._one_shot(chain, freq, f, space, UNLIMITED)[0]
        return [
            a for i in range(2) for a in check._enumerated(chain, freq, f, i, space, UNLIMITED)[0]
        ]


def _deltas(atoms: list[gt.conditions.Atom], point: dict[sp.Symbol, int]) -> set[sp.Rational]:
    """A grid of δ, every root in (0, 1) of an atom at ``point``'s payoffs (rational roots
    exactly) and points just beside each."""
    out = {sp.Rational(k, 10) for k in range(1, 10)}
    eps = sp.Rational(1, 10**6)
    for r in roots_in_unit(atoms, point, delta):
        near = sp.Rational(str(sp.N(r, 30)))
        out |= {near - eps, near + eps}
        if r.is_Rational:
            out.add(r)
    return out


@pytest.mark.parametrize("concept", ["spe", "nash"])
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_dense_conditions_hold_where_the_field_ones_do(
    name: str, concept: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _atoms(name, concept, monkeypatch, dense=True)
    slow = _atoms(name, concept, monkeypatch, dense=False)
    rng = np.random.default_rng(7)
    for _ in range(2):
        s_, p_, r_, t_ = sorted(int(x) for x in rng.choice(np.arange(-4, 8), 4, replace=False))
        point = {T: t_, R: r_, P: p_, S: s_}
        for d in sorted(_deltas([*fast, *slow], point)):
            at = {**point, delta: d}
            assert all(a.holds_at(at) for a in fast) == all(a.holds_at(at) for a in slow), at


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_fraction_free_policy_values_are_the_field_ones(name: str) -> None:
    """``N / det`` from Bareiss' elimination is the exact value of every policy from the
    start, and ``det > 0`` on ``[0, 1)``."""
    chain = _chain.build_chain(RG, PROFILES[name])
    f = _chain.coefficient_field(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        for policy in check._policies(mdp):
            det, num = _bareiss.start_value(mdp, policy)
            exact = _mdp.start_value(mdp, policy, f)
            den = sp.Poly(det[::-1], delta)
            assert den.count_roots(0, 1) == int(den.eval(1) == 0) and den.eval(0) > 0
            for n, x in zip(num, exact, strict=True):
                assert sp.cancel(sp.Poly(n[::-1], delta).as_expr() / den.as_expr() - f.expr(x)) == 0


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_packed_gains_are_the_products_of_the_values(name: str) -> None:
    """``_bareiss.gains`` (products at ``2^k``, then unpacked) equals ``own · det − N · den``
    from :func:`_bareiss.start_value`'s unpacked ``det`` and ``N``, for every policy."""
    chain = _chain.build_chain(RG, PROFILES[name])
    f = _chain.coefficient_field(chain)
    freq = _chain.frequencies(chain, f, on_path=True)
    dense = _dense.dense_frequencies(f, freq)
    if dense is None:
        return
    own = [list(x) for x in dense.rows[0]]
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        base = _bareiss.GainBase.of(own, dense.den)
        for policy in check._policies(mdp):
            det, num = _bareiss.start_value(mdp, policy)
            want = [
                _dense.trim(_dense.sub(_dense.mul(x, det), _dense.mul(y, dense.den)))
                for x, y in zip(own, num, strict=True)
            ]
            got = _bareiss.gains(mdp, policy, base)
            assert [_dense.trim(list(g)) for g in got] == want, policy


@pytest.mark.parametrize("name", ["random-0", "random-3", "random-5", "lp3"])
def test_dense_checks_agree_with_the_simulation(name: str) -> None:
    """Where the profile is listed (by the dense path) is where the simulation finds no
    profitable deviation, at rational points away from the thresholds."""
    rng = np.random.default_rng(3)
    s_, p_, r_, t_ = sorted(int(x) for x in rng.choice(np.arange(-4, 8), 4, replace=False))
    stage = STAGE.map_payoffs(lambda v: v.xreplace({T: t_, R: r_, P: p_, S: s_}))
    rg = gt.RepeatedGame(stage, delta)
    pay = {prof: [float(v) for v in stage.payoff(prof).values()] for prof in stage.profiles()}
    row, col = PROFILES[name]
    for concept in ("spe", "nash"):
        sol = getattr(gt, concept)(rg, profile={"Row": row, "Col": col})
        for d in (0.1, 0.3, 0.5, 0.7, 0.9):
            sim = Sim(pay, [[C, D], [C, D]], [row, col], d)
            verdict = sim.verdict(concept)
            if verdict is None:
                continue  # on a threshold: either answer is within rounding
            here = sol.at(delta=sp.Rational(d).limit_denominator(100))
            assert (len(here) == 1) == verdict, (concept, d)


def test_a_content_that_changes_sign_is_kept_as_a_factor() -> None:
    assert _dense.positive_on_unit([1, -2]) is None  # 1 − 2δ vanishes at 1/2
    assert _dense.positive_on_unit([-1, 0, 1]) == -1  # δ² − 1 < 0 on (0, 1)
    assert _dense.positive_on_unit([0, 1]) == 1  # δ > 0 inside
    atoms = _dense.gain_atoms([[[1, -2], [-1, 2], [0], [0]]], [T, R, P, S], SPACE, delta)
    assert atoms is not None and len(atoms) >= 1
    for d, t_, r_ in [
        (sp.Rational(1, 4), 3, 1),
        (sp.Rational(3, 4), 3, 1),
        (sp.Rational(3, 4), 1, 3),
    ]:
        expect = (1 - 2 * d) * (t_ - r_) >= 0
        assert all(a.holds_at({delta: d, T: t_, R: r_, P: 0, S: -1}) for a in atoms) == expect


@given(st.lists(st.integers(-6, 6), min_size=2, max_size=9))
def test_the_sign_on_the_unit_interval_is_sympys(coeffs: list[int]) -> None:
    """``positive_on_unit`` (Descartes' rule after a Möbius map, then Sturm) against sympy's
    real roots: ``None`` exactly when a root lies in (0, 1), else the sign there."""
    if not any(coeffs):
        return
    poly = sp.Poly(coeffs[::-1], delta)
    inside = [r for r in sp.real_roots(poly) if 0 < r < 1]
    got = _dense.positive_on_unit(coeffs)
    if inside:
        assert got is None
    else:
        assert got == (1 if poly.eval(sp.Rational(1, 2)) > 0 else -1)


small_polys = st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=12).filter(any)
shared = st.lists(
    st.sampled_from([[-1, 1], [0, 1], [1, 1], [2, -3], [1, 0, 1], [-1, 1, 1], [7]]), max_size=4
)


def _sympy_content(polys: list[list[int]]) -> list[int]:
    expect = sp.Poly(0, delta)
    for p in polys:
        expect = expect.gcd(sp.Poly(p[::-1], delta))
    want = [int(c) for c in reversed(expect.all_coeffs())]
    return [-c for c in want] if want[-1] < 0 else want


@st.composite
def collections(draw: st.DrawFn) -> list[list[int]]:
    """Nonzero integer polynomials with common factors put in on purpose: linear ones
    (``δ − 1``, ``δ``, ``δ + 1``, ``3δ − 2``), others, and an integer."""
    polys = draw(st.lists(small_polys, min_size=1, max_size=5))
    factor = [draw(st.integers(1, 10**9))]
    for f in draw(shared):
        factor = _dense.mul(factor, f)
    return [_dense.mul(p, factor) for p in polys]


@given(collections())
def test_content_is_the_gcd_of_sympy(polys: list[list[int]]) -> None:
    """``content`` (linear factors and an integer divided out, the rest proved coprime by one
    evaluation, else gcds) and the quotients, against sympy's gcd."""
    want = _sympy_content(polys)
    c, quotients = _dense.divide_content(polys)
    assert c == want == _dense.content(polys)
    assert [_dense.trim(_dense.mul(q, c)) for q in quotients] == [_dense.trim(p) for p in polys]


@given(st.lists(collections(), max_size=6))
def test_contents_at_once_are_the_single_ones(many: list[list[list[int]]]) -> None:
    """``divide_contents`` (one batched Euclid modulo a prime for all collections) gives what
    ``divide_content`` gives for each."""
    assert _content.divide_contents(many) == [_dense.divide_content(polys) for polys in many]


@given(small_polys, small_polys, st.sampled_from([[1, 0, 1], [-1, 1, 1], [2, -3], [5, 0, 0, 1]]))
def test_a_common_factor_is_never_taken_for_coprime(
    f: list[int], g: list[int], common: list[int]
) -> None:
    """The batched modular test is sound: polynomials with a common factor of positive
    degree are never declared coprime (and coprime ones, as sympy finds them, mostly are)."""
    pairs = [(_dense.mul(f, common), _dense.mul(g, common)), (f, g)]
    shared_, plain = _content._coprime_mod_p(pairs)
    assert not shared_
    if plain:
        assert len(_sympy_content([f, g])) == 1


def test_nothing_shared_is_sound_where_values_share_a_factor() -> None:
    """Values at ``2^k`` that share a large factor are not taken for a proof: ``δ² + 1`` and
    ``δ² + 2δ + 3`` are coprime, the test may say so; with a common factor it never does."""
    p, q = [1, 0, 1], [3, 2, 1]
    assert _content._nothing_shared([p, q])
    assert not _content._nothing_shared([_dense.mul(p, [1, 1, 1]), _dense.mul(q, [1, 1, 1])])
    assert _dense.content([_dense.mul(p, [1, 1, 1]), _dense.mul(q, [1, 1, 1])]) == [1, 1, 1]


@given(
    st.lists(st.integers(-(10**60), 10**60) | st.integers(-3, 3), min_size=1, max_size=70),
    st.lists(st.integers(-(10**60), 10**60) | st.integers(-3, 3), min_size=1, max_size=70),
)
def test_mul_is_the_schoolbook_product(p: list[int], q: list[int]) -> None:
    """``mul`` (short loops, or one product of packed big integers) against the definition."""
    want = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            want[i + j] += a * b
    assert _dense.mul(p, q) == (want if any(p) else [0])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 3), st.data())
def test_bareiss_at_a_power_of_two_is_cramers_rule(n: int, m: int, data: st.DataObject) -> None:
    """``_bareiss._eliminate`` (every entry carried as its value at ``2^k``) against sympy:
    the last pivot is ``± det A`` and the last row of ``B`` is ``±`` Cramer's numerator of the
    last unknown, with the same sign, for regular ``A`` of linear polynomials in ``δ``."""
    linear = st.lists(st.integers(-(10**6), 10**6) | st.integers(-2, 2), min_size=1, max_size=2)
    rows = [[data.draw(linear) for _ in range(n + m)] for _ in range(n)]
    a = sp.Matrix(n, n, lambda i, j: sp.Poly(rows[i][j][::-1], delta).as_expr())
    det = sp.expand(a.det(method="berkowitz"))
    if det == 0:
        return
    rows_ = [[list(x) for x in row] for row in rows]
    k = _bareiss._bits(rows_, 1)
    det_v, num_v = _bareiss._eliminate(rows_, n, m, k)
    got_det = _bareiss._digits(det_v, k, n + 1)
    got_num = [_bareiss._digits(x, k, n + 1) for x in num_v]
    sign = 1 if sp.Poly(got_det[::-1], delta).as_expr() == det else -1
    assert sp.expand(sign * sp.Poly(got_det[::-1], delta).as_expr() - det) == 0
    for c in range(m):
        b = sp.Matrix([sp.Poly(rows[i][n + c][::-1], delta).as_expr() for i in range(n)])
        cramer = sp.expand(a[:, : n - 1].row_join(b).det(method="berkowitz"))
        assert sp.expand(sign * sp.Poly(got_num[c][::-1], delta).as_expr() - cramer) == 0

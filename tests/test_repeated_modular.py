"""The multi-modular solve of a chain's discounted frequencies (``repeated/_modular.py``)
against the fraction-field path it replaces (``_chain.frequencies`` then
``_dense.dense_frequencies``): equal as rational functions on seeded random automata and on the
benchmark's mixed ones; a wrong residue is caught by the exact verification; the SPE and Nash
answers are the same whichever path solved the frequencies.  And the Descartes test that
replaced most Sturm counts in ``_dense.positive_on_unit`` against sympy's exact root count."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.conditions._upoly import no_root_in_unit, shift
from gametheory.repeated import _chain, _dense, _hessenberg, _modular, check
from tests.fixtures import random_automaton
from tests.test_repeated_dense import RG, SPACE, C, D, delta


def _mixed(k: int) -> gt.Automaton:
    """``benchmarks/bench_repeated.py``'s ``mixed-k``: punishes for ``k`` periods with the
    mixture ``3/4 D + 1/4 C``, forgiving with probability ``1/2`` after the other cooperated."""
    half = sp.Rational(1, 2)
    lot = {D: sp.Rational(3, 4), C: sp.Rational(1, 4)}
    play: dict[str, object] = {"c": C, **{f"p{j}": lot for j in range(1, k + 1)}}
    moves: dict[tuple[str, tuple[str, str]], object] = {("c", ("*", "*")): "p1", ("c", (C, C)): "c"}
    for j in range(1, k + 1):
        nxt = f"p{j + 1}" if j < k else "c"
        moves[(f"p{j}", ("*", D))] = nxt
        moves[(f"p{j}", ("*", C))] = {"c": half, nxt: half} if nxt != "c" else "c"
    return gt.Automaton("c", play, moves, name=f"mixed-{k}")


def _random_pair(seed: int, lo: int, hi: int) -> tuple[gt.Automaton, gt.Automaton]:
    rng = np.random.default_rng(seed)
    return (
        random_automaton(rng, int(rng.integers(lo, hi))),
        random_automaton(rng, int(rng.integers(lo, hi))),
    )


PAIRS = {
    **{f"random-{k}": _random_pair(40 + k, 2, 6) for k in range(8)},
    "mixed-3/lp-3": (gt.Automaton.limited_punishment(C, D, 3), _mixed(3)),
    "mixed-3/mixed-3": (_mixed(3), _mixed(3)),
    "mixed-4/mixed-2": (_mixed(4), _mixed(2)),
    "grim": (gt.Automaton.grim_trigger(C, D),) * 2,
}


def _same(a: _dense.Dense, b: _dense.Dense) -> bool:
    """``a`` and ``b`` give the same rational functions (rows compared crosswise)."""
    if len(a.rows) != len(b.rows):
        return False
    for ra, rb in zip(a.rows, b.rows, strict=True):
        if len(ra) != len(rb):
            return False
        for x, y in zip(ra, rb, strict=True):
            left = _dense.trim(_dense.mul(list(x), b.den))
            right = _dense.trim(_dense.mul(list(y), a.den))
            if left != right:
                return False
    return a.den[0] > 0 and b.den[0] > 0


@pytest.mark.parametrize("on_path", [False, True])
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_modular_frequencies_are_the_field_ones(name: str, on_path: bool) -> None:
    chain = _chain.build_chain(RG, PAIRS[name])
    f = _chain.coefficient_field(chain)
    freq = _chain.frequencies(chain, f, on_path=on_path)
    slow = _dense.dense_frequencies(f, freq)
    fast = _modular.chain_frequencies(chain, f, on_path=on_path)
    assert slow is not None and fast is not None
    assert _same(fast, slow)
    assert fast.den == slow.den  # both the least common denominator, den(0) > 0
    rows = _modular.FieldRows(fast, f)
    assert len(rows) == len(freq)
    for s in range(len(freq)):
        assert rows[s] == freq[s]


@st.composite
def systems(draw: st.DrawFn) -> tuple[list[int], list[dict[int, int]], list[list[int]]]:
    """A system ``(diag(L) − δ K) X = diag(L)(1 − δ) Π`` in integers, not necessarily a
    chain's: sparse ``K`` (zero rows and columns, so that pivots vanish and the Hessenberg
    form splits into blocks), any ``L`` and right-hand sides."""
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 3))
    diag = draw(st.lists(st.integers(1, 40), min_size=n, max_size=n))
    entries = st.integers(-30, 30) | st.just(0)
    k_rows = [
        {t: v for t in range(n) if (v := draw(entries)) and draw(st.booleans())} for _ in range(n)
    ]
    pi = [draw(st.lists(st.integers(-20, 20), min_size=m, max_size=m)) for _ in range(n)]
    return diag, k_rows, pi


@given(systems(), st.sampled_from([2, 3, 5, 7, 11, 13, 101, (1 << 28) - 57]))
def test_residues_are_the_determinant_and_cramers_numerators(
    system: tuple[list[int], list[dict[int, int]], list[list[int]]], p: int
) -> None:
    """``_hessenberg.residues`` against sympy's exact ``det A`` and ``adj(A) B``, reduced mod
    ``p``: small primes make many entries vanish (pivot searches, zero subdiagonals); a prime
    dividing some ``L_s`` gives ``None``."""
    diag, k_rows, pi = system
    n, m = len(diag), len(pi[0])
    (got,) = _hessenberg.residues(diag, k_rows, pi, [p])
    if any(d % p == 0 for d in diag):
        assert got is None
        return
    assert got is not None and got.shape == (n + 1, 1 + n * m)
    a = sp.Matrix(n, n, lambda s, t: (diag[s] if s == t else 0) - delta * k_rows[s].get(t, 0))
    b = sp.Matrix(n, m, lambda s, j: pi[s][j] * (1 - delta))
    cols = [a.det(method="berkowitz"), *(a.adjugate(method="berkowitz") * b)]

    def coeffs(e: sp.Expr) -> list[int]:
        c = [int(x) % p for x in reversed(sp.Poly(sp.expand(e), delta).all_coeffs())]
        return c + [0] * (n + 1 - len(c))

    want = np.array([coeffs(e) for e in cols], dtype=np.int64).T
    assert np.array_equal(got, want)


def test_batched_primes_are_the_single_ones() -> None:
    """All primes of a batch at once give what each alone gives (pivots chosen per prime)."""
    diag, k_rows, pi = (
        [3, 5, 7, 2],
        [{1: 1, 2: 2}, {0: 3}, {3: 1}, {0: 1, 1: 1}],
        [[1], [2], [3], [4]],
    )
    primes = [3, 7, 11, 13, (1 << 28) - 57]
    together = _hessenberg.residues(diag, k_rows, pi, primes)
    for p, got in zip(primes, together, strict=True):
        (alone,) = _hessenberg.residues(diag, k_rows, pi, [p])
        assert (got is None and alone is None) or np.array_equal(got, alone)
    assert together[0] is None and together[2] is not None  # 3 divides L_0


def _small_system() -> tuple[list[int], list[dict[int, int]], list[list[int]]]:
    # a hand-made 3-state system: (diag(L) − δ K) X = diag(L)(1 − δ) Π
    diag = [4, 6, 12]
    k_rows = [{0: 1, 1: 3}, {2: 6}, {0: 5, 2: 7}]
    pi = [[1, 3], [6, 0], [5, 7]]
    return diag, k_rows, pi


def test_the_solve_is_cramers_rule() -> None:
    diag, k_rows, pi = _small_system()
    out = _modular.solve_dense(diag, k_rows, pi)
    assert out is not None
    den, nums = out
    a = sp.Matrix(3, 3, lambda s, t: (diag[s] if s == t else 0) - delta * k_rows[s].get(t, 0))
    b = sp.Matrix(3, 2, lambda s, j: pi[s][j] * (1 - delta))
    x = a.LUsolve(b)
    for s in range(3):
        for j in range(2):
            got = sp.Poly(nums[s][j][::-1], delta).as_expr() / sp.Poly(den[::-1], delta).as_expr()
            assert sp.cancel(got - x[s, j]) == 0
    assert den[0] > 0


def test_a_wrong_residue_is_caught_by_the_verification() -> None:
    diag, k_rows, pi = _small_system()

    def tamper(stack: np.ndarray, primes: list[int]) -> np.ndarray:
        out = stack.copy()
        out[0, 1, 3] = (out[0, 1, 3] + 1) % primes[0]  # one coefficient, one prime
        return out

    assert _modular.solve_dense(diag, k_rows, pi) is not None
    assert _modular.solve_dense(diag, k_rows, pi, tamper=tamper) is None


def test_a_failed_verification_falls_back_to_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = PAIRS["mixed-3/mixed-3"]
    expect = gt.spe(RG, SPACE, profile={"Row": a, "Col": b})
    original = _modular.solve_dense
    calls: list[int] = []

    def broken(*args: object, **kwargs: object) -> object:
        calls.append(1)

        def tamper(stack: np.ndarray, primes: list[int]) -> np.ndarray:
            out = stack.copy()
            out[-1] = (out[-1] + 1) % primes[-1]  # every residue of the last prime
            return out

        return original(*args, tamper=tamper)  # type: ignore[arg-type]

    monkeypatch.setattr(_modular, "solve_dense", broken)
    monkeypatch.setattr(_modular, "LARGE", 0)
    got = gt.spe(RG, SPACE, profile={"Row": a, "Col": b})
    assert calls and len(got) == len(expect)
    if len(got):
        assert got[0].conditions == expect[0].conditions


@pytest.mark.parametrize("concept", ["spe", "nash"])
@pytest.mark.parametrize("name", ["random-0", "random-2", "random-5", "mixed-3/lp-3", "grim"])
def test_answers_do_not_depend_on_the_path(
    name: str, concept: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same conditions whether every chain goes to the modular solve or none does."""
    a, b = PAIRS[name]
    out = []
    for large in (-1, 10**9):
        with monkeypatch.context() as m:
            m.setattr(_modular, "LARGE", large)
            sol = getattr(gt, concept)(RG, SPACE, profile={"Row": a, "Col": b})
        out.append(
            (
                len(sol),
                sol[0].conditions if len(sol) else None,
                sol[0].payoffs if len(sol) else None,
            )
        )
    assert out[0] == out[1]


def test_the_field_path_is_kept_with_a_symbolic_probability() -> None:
    g = sp.Symbol("g", positive=True)
    gtft = gt.Automaton.generous_tit_for_tat(C, D, generosity=g)
    chain = _chain.build_chain(RG, (gtft, gtft))
    f = _chain.coefficient_field(chain)
    assert _modular.chain_frequencies(chain, f) is None
    freq, dense = check._frequencies(chain, f, on_path=False)
    assert dense is None and isinstance(freq, list)


def _count_inside(p: list[int]) -> int:
    poly = sp.Poly(p[::-1], delta)
    return int(poly.count_roots(0, 1)) - int(p[0] == 0) - int(sum(p) == 0)


@given(
    st.lists(st.integers(-6, 6), min_size=2, max_size=7),
    st.lists(st.fractions(min_value=0, max_value=1, max_denominator=8), max_size=2),
)
def test_descartes_agrees_with_sturm(coeffs: list[int], roots: list[object]) -> None:
    p = _dense.trim(list(coeffs))
    for r in roots:  # plant roots, some inside (0, 1), some at its ends
        q = sp.Rational(str(r))
        p = _dense.mul(p, [-int(q.p), int(q.q)])
    p = _dense.trim(p)
    if not any(p) or len(p) == 1:
        return
    clear = no_root_in_unit(p)
    if clear is not None:
        assert clear == (_count_inside(p) == 0), p
    assert (_dense.positive_on_unit(p) is None) == (_count_inside(p) > 0)


def test_taylor_shift() -> None:
    x = sp.Symbol("x")
    p = [3, -1, 0, 5]
    got = shift(p)
    want = sp.Poly(sum(c * (x + 1) ** k for k, c in enumerate(p)), x).all_coeffs()[::-1]
    assert got == [int(c) for c in want]


def test_points_that_keep_failing_leave_it_to_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    diag, k_rows, pi = _small_system()
    monkeypatch.setattr(_hessenberg, "residues", lambda d, k, b, primes: [None] * len(primes))
    assert _modular.solve_dense(diag, k_rows, pi) is None


def test_a_chain_beyond_the_size_limit_stays_in_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    chain = _chain.build_chain(RG, PAIRS["mixed-3/mixed-3"])
    f = _chain.coefficient_field(chain)
    monkeypatch.setattr(_modular, "MAX_STATES", 4)
    assert _modular.chain_frequencies(chain, f) is None


@given(
    st.lists(st.integers(-(2**200), 2**200), min_size=1, max_size=40),
    st.integers(1, 9),
)
def test_garner_lifts_signed_integers(values: list[int], count: int) -> None:
    """The packed Garner reconstruction gives back the signed integers from their residues,
    for any number of primes whose product exceeds twice their size."""
    pool = _modular._primes()
    primes = [next(pool) for _ in range(count)]
    total = 1
    for p in primes:
        total *= p
    values = [v % total - total if v % total > total // 2 else v % total for v in values]
    res = np.array([[v % p for v in values] for p in primes], dtype=np.int64)
    assert _modular._garner(res, primes) == values


def test_the_verification_sees_any_one_coefficient_off() -> None:
    """``_verified`` (both sides compared at a power of two beyond their coefficients) takes
    the true ``det A`` and numerators, and refuses each of them with one coefficient moved."""
    diag, k_rows, pi = _small_system()
    a = sp.Matrix(3, 3, lambda s, t: (diag[s] if s == t else 0) - delta * k_rows[s].get(t, 0))
    b = sp.Matrix(3, 2, lambda s, j: pi[s][j] * (1 - delta))

    def coeffs(e: sp.Expr) -> list[int]:
        return [int(c) for c in reversed(sp.Poly(sp.expand(e), delta).all_coeffs())]

    det = coeffs(a.det())
    nums = [[coeffs(e) for e in row] for row in (a.adjugate() * b).tolist()]
    assert _modular._verified(diag, k_rows, pi, det, nums)
    for s in range(3):
        for j in range(2):
            for k in range(len(nums[s][j])):
                wrong = [[list(x) for x in row] for row in nums]
                wrong[s][j][k] += 1
                assert not _modular._verified(diag, k_rows, pi, det, wrong)
    for k in range(len(det)):
        assert not _modular._verified(diag, k_rows, pi, [*det[:k], det[k] - 1, *det[k + 1 :]], nums)
    assert not _modular._verified(diag, k_rows, pi, [0], nums)

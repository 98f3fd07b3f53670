"""Tests of the exact bimatrix vertex-enumeration kernel (`gametheory.solvers._vertex_enum`).

Checks: literature games with known equilibrium sets, a differential comparison with Gambit's
``enummixed_solve(rational=True)`` (the same set by definition), an independent exact regret
check of every equilibrium, an independent brute-force enumeration for payoffs too large for
Gambit, the float variant against the exact one, and input validation.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
import gametheory.solvers._lex_search as lex_search
import gametheory.solvers._vertex_enum as vertex_enum
from gametheory._budget import Budget
from gametheory.errors import BudgetExceededError
from gametheory.solvers._vertex_enum import (
    BimatrixResult,
    extreme_equilibria_exact,
    extreme_equilibria_float,
)

F = Fraction
Matrix = list[list[int]]
Eq = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


# --- independent helpers -------------------------------------------------------------------


def regret_free(A: Sequence[Sequence[int]], B: Sequence[Sequence[int]], eq: Eq) -> bool:
    """Exact Nash check: probability vectors, and no pure strategy beats the mixed one."""
    x, y = eq
    if min(x) < 0 or min(y) < 0 or sum(x) != 1 or sum(y) != 1:
        return False
    row = [sum(F(a) * q for a, q in zip(r, y, strict=True)) for r in A]
    col = [sum(F(B[i][j]) * x[i] for i in range(len(x))) for j in range(len(y))]
    own_row = sum(p * v for p, v in zip(x, row, strict=True))
    own_col = sum(q * v for q, v in zip(y, col, strict=True))
    return max(row) == own_row and max(col) == own_col


def gambit_set(A: Matrix, B: Matrix) -> set[Eq]:
    gbt = pytest.importorskip("pygambit")
    game = gbt.Game.from_arrays(np.array(A, dtype=np.int64), np.array(B, dtype=np.int64))
    result = gbt.nash.enummixed_solve(game, rational=True)
    return {
        tuple(tuple(F(eq[s]) for s in player.strategies) for player in game.players)  # type: ignore[misc]
        for eq in result.equilibria
    }


def _solve(mat: list[list[Fraction]]) -> list[Fraction] | None:
    """Gauss-Jordan with Fractions for ``mat z = 1``; None when singular."""
    k = len(mat)
    aug = [[*r, F(1)] for r in mat]
    for c in range(k):
        piv = next((r for r in range(c, k) if aug[r][c] != 0), None)
        if piv is None:
            return None
        aug[c], aug[piv] = aug[piv], aug[c]
        for r in range(k):
            if r != c and aug[r][c] != 0:
                f = aug[r][c] / aug[c][c]
                aug[r] = [u - f * v for u, v in zip(aug[r], aug[c], strict=True)]
    return [aug[i][k] / aug[i][i] for i in range(k)]


def _brute_vertices(C: list[list[Fraction]]) -> dict[tuple[Fraction, ...], set[int]]:
    """Every vertex of {z >= 0, C z <= 1} (origin excluded) with its label set: zero coords
    j -> j, tight rows i -> d + i.  Tries all square bases, in plain Fractions."""
    p, d = len(C), len(C[0])
    out: dict[tuple[Fraction, ...], set[int]] = {}
    for k in range(1, min(p, d) + 1):
        for T in itertools.combinations(range(p), k):
            for S in itertools.combinations(range(d), k):
                zs = _solve([[C[t][s] for s in S] for t in T])
                if zs is None or min(zs) < 0:
                    continue
                z = [F(0)] * d
                for s, v in zip(S, zs, strict=True):
                    z[s] = v
                rows = [sum(c * v for c, v in zip(r, z, strict=True)) for r in C]
                if max(rows) <= 1:
                    out[tuple(z)] = {j for j in range(d) if z[j] == 0} | {
                        d + i for i in range(p) if rows[i] == 1
                    }
    return out


def brute_force(A: Matrix, B: Matrix) -> set[Eq]:
    """Completely labelled vertex pairs of the best-response polytopes, by brute force."""
    m, n = len(A), len(A[0])
    a_lo, b_lo = min(map(min, A)), min(map(min, B))
    P = _brute_vertices([[F(B[i][j] - b_lo + 1) for i in range(m)] for j in range(n)])
    Q = _brute_vertices([[F(v - a_lo + 1) for v in r] for r in A])
    result = set()
    for x, lx in P.items():  # labels already in game numbering (x_i = 0 -> i, col j -> m + j)
        for y, ly in Q.items():  # y_j = 0 -> j, row i -> n + i: renumber
            labels = lx | {m + j for j in ly if j < n} | {i - n for i in ly if i >= n}
            if labels == set(range(m + n)):
                result.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return result


@st.composite
def games(
    draw: st.DrawFn, max_dim: int = 4, hi: int = 99, min_dim: int = 1
) -> tuple[Matrix, Matrix]:
    m, n = draw(st.integers(min_dim, max_dim)), draw(st.integers(min_dim, max_dim))
    mat = st.lists(st.lists(st.integers(0, hi), min_size=n, max_size=n), min_size=m, max_size=m)
    return draw(mat), draw(mat)


def as_set(result: BimatrixResult) -> set[Eq]:
    assert len(set(result.equilibria)) == len(result.equilibria), "duplicate equilibria"
    assert list(result.equilibria) == sorted(result.equilibria), "not sorted"
    return set(result.equilibria)


def shares_strategy(eqs: Sequence[Eq]) -> bool:
    return len({x for x, _ in eqs}) < len(eqs) or len({y for _, y in eqs}) < len(eqs)


# --- literature games ----------------------------------------------------------------------


def test_von_stengel_3x2() -> None:
    # von Stengel (2007), "Equilibrium computation for two-player games in strategic and
    # extensive form", ch. 3 of Nisan et al. (eds.), Algorithmic Game Theory: the chapter's
    # running 3 x 2 example, with exactly these three equilibria.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    result = extreme_equilibria_exact(A, B)
    assert as_set(result) == {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert not result.degenerate


def test_von_stengel_degenerate_variant() -> None:
    # Same chapter, its degenerate example: B's top row made (3, 3), so the top row has two
    # best responses and its equilibria form the segment y in [(2/3, 1/3), (1, 0)].
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    result = extreme_equilibria_exact(A, B)
    assert as_set(result) == {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert result.degenerate


def test_matching_pennies() -> None:
    # The standard textbook game without a pure equilibrium: unique equilibrium, both players
    # mix uniformly (e.g. Osborne and Rubinstein 1994, A Course in Game Theory).
    result = extreme_equilibria_exact([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert result.equilibria == (((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2))),)
    assert not result.degenerate


def test_coordination_3x3_has_seven() -> None:
    # Identity payoffs for both players: one equilibrium per non-empty support (uniform on
    # it), 2^d - 1 = 7, the classical lower-bound family (Quint and Shubik 1997; von Stengel
    # 1999, "New maximal numbers of equilibria in bimatrix games", Discrete Comput. Geom.).
    eye = [[int(i == j) for j in range(3)] for i in range(3)]
    result = extreme_equilibria_exact(eye, eye)
    expected = set()
    for k in range(1, 4):
        for sup in itertools.combinations(range(3), k):
            v = tuple(F(1, k) if i in sup else F(0) for i in range(3))
            expected.add((v, v))
    assert as_set(result) == expected
    assert not result.degenerate


def test_rock_paper_scissors() -> None:
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    B = [[-v for v in r] for r in A]
    third = (F(1, 3),) * 3
    assert extreme_equilibria_exact(A, B).equilibria == ((third, third),)


def test_dominant_row_continuum() -> None:
    # The row player's top row is dominant and the column player is indifferent: every y is
    # an equilibrium with x = (1, 0); the extreme points are the two pure y.
    result = extreme_equilibria_exact([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert as_set(result) == {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(0), F(1)))}
    assert result.degenerate


def test_constant_game_all_pure_profiles() -> None:
    result = extreme_equilibria_exact([[0, 0], [0, 0]], [[5, 5], [5, 5]])
    pure = [(F(1), F(0)), (F(0), F(1))]
    assert as_set(result) == set(itertools.product(pure, pure))
    assert result.degenerate


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        ([[7]], [[-2]], {((F(1),), (F(1),))}),
        ([[1, 2, 3]], [[3, 1, 3]], {((F(1),), (F(1), F(0), F(0))), ((F(1),), (F(0), F(0), F(1)))}),
        (
            [[1], [4], [4]],
            [[0], [0], [9]],
            {((F(0), F(1), F(0)), (F(1),)), ((F(0), F(0), F(1)), (F(1),))},
        ),
        ([[2, 0, 1]], [[0, 5, 1]], {((F(1),), (F(0), F(1), F(0)))}),
    ],
)
def test_single_row_or_column(A: Matrix, B: Matrix, expected: set[Eq]) -> None:
    assert as_set(extreme_equilibria_exact(A, B)) == expected


def test_fraction_payoffs_and_affine_invariance() -> None:
    A = [[F(3, 7), F(1, 2)], [F(1, 3), F(2, 3)]]
    B = [[F(1, 5), F(0)], [F(0), F(1, 11)]]
    scaled = extreme_equilibria_exact(
        [[1000 * v + 17 for v in r] for r in A], [[F(1, 9) * v - 3 for v in r] for r in B]
    )
    assert extreme_equilibria_exact(A, B) == scaled
    assert len(scaled.equilibria) == 3


# --- differential and property tests -------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(games(max_dim=4, hi=99))
def test_matches_gambit_generic(game: tuple[Matrix, Matrix]) -> None:
    A, B = game
    assert as_set(extreme_equilibria_exact(A, B)) == gambit_set(A, B)


@settings(max_examples=250, deadline=None)
@given(games(max_dim=5, hi=2))
def test_matches_gambit_with_ties(game: tuple[Matrix, Matrix]) -> None:
    A, B = game
    result = extreme_equilibria_exact(A, B)
    assert as_set(result) == gambit_set(A, B)
    assert result.degenerate == shares_strategy(result.equilibria)


@pytest.mark.parametrize("seed", range(4))
def test_matches_gambit_6x6(seed: int) -> None:
    rng = np.random.default_rng(seed)
    hi = (3, 100)[seed % 2]
    A, B = rng.integers(0, hi, (6, 6)).tolist(), rng.integers(0, hi, (6, 6)).tolist()
    if seed < 2:  # duplicated strategies: degenerate
        A[1], B[0][1] = A[0], B[0][0]
    assert as_set(extreme_equilibria_exact(A, B)) == gambit_set(A, B)


@settings(max_examples=100, deadline=None)
@given(games(max_dim=6, hi=9))
def test_every_equilibrium_has_zero_regret(game: tuple[Matrix, Matrix]) -> None:
    A, B = game
    result = extreme_equilibria_exact(A, B)
    assert result.equilibria, "every finite game has an equilibrium"
    assert all(regret_free(A, B, eq) for eq in result.equilibria)
    assert result.degenerate == shares_strategy(result.equilibria)


@settings(max_examples=60, deadline=None)
@given(
    games(max_dim=4, hi=3, min_dim=3),
    st.sampled_from([10**6, 10**12, 10**18, 3**50]),
    st.integers(0, 10**9),
)
def test_huge_payoffs_match_brute_force(
    game: tuple[Matrix, Matrix], scale: int, noise_seed: int
) -> None:
    # Large, nearly tied payoffs push the minors past int64 and float64 precision, where the
    # kernel relies on its error bound and exact fallback (Gambit's rational solver returns
    # nothing at this scale, so the oracle is a plain-Fraction brute force).
    rng = np.random.default_rng(noise_seed)
    A = [[v * scale + int(rng.integers(0, 2)) for v in r] for r in game[0]]
    B = [[v * scale + int(rng.integers(0, 2)) for v in r] for r in game[1]]
    assert as_set(extreme_equilibria_exact(A, B)) == brute_force(A, B)


def test_float_agrees_with_exact() -> None:
    rng = np.random.default_rng(2024)
    for trial in range(60):
        m, n = (int(v) for v in rng.integers(1, 8, 2))
        hi = (2, 3, 100)[trial % 3]
        A, B = rng.integers(0, hi, (m, n)), rng.integers(0, hi, (m, n))
        exact = extreme_equilibria_exact(A.tolist(), B.tolist())
        approx = extreme_equilibria_float(0.37 * A - 5.0, B / 3.0)
        assert len(approx.equilibria) == len(exact.equilibria)
        assert approx.degenerate == exact.degenerate
        for x, y in exact.equilibria:
            target = np.array([*x, *y], dtype=float)
            assert any(
                np.allclose(np.r_[fx, fy], target, atol=1e-9) for fx, fy in approx.equilibria
            )


def test_float_matches_von_stengel() -> None:
    result = extreme_equilibria_float(
        np.array([[3, 3], [2, 5], [0, 6]]), np.array([[3, 2], [2, 6], [3, 1]])
    )
    assert len(result.equilibria) == 3
    x, y = result.equilibria[1]
    np.testing.assert_allclose(x, [0.8, 0.2, 0.0])
    np.testing.assert_allclose(y, [2 / 3, 1 / 3])


def test_result_is_deterministic() -> None:
    rng = np.random.default_rng(5)
    A, B = rng.integers(0, 3, (5, 5)).tolist(), rng.integers(0, 3, (5, 5)).tolist()
    assert extreme_equilibria_exact(A, B) == extreme_equilibria_exact(A, B)


# --- input validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("A", "B", "match"),
    [
        ([[1, 2], [3]], [[1, 2], [3, 4]], "rectangular"),
        ([], [], "non-empty"),
        ([[]], [[]], "non-empty"),
        ([[1, 2]], [[1, 2], [3, 4]], "shapes must match"),
        ([[1.5, 2]], [[1, 2]], "int or Fraction"),
        (3, [[1]], "sequence of sequences"),
        ([[0] * 32] * 31, [[0] * 32] * 31, "too large"),
    ],
)
def test_exact_rejects_bad_input(A: object, B: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        extreme_equilibria_exact(A, B)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("A", "B", "match"),
    [
        ([[1, 2], [3]], [[1, 2], [3, 4]], "rectangular"),
        ([[1.0, 2.0]], [[1.0], [2.0]], "shapes must match"),
        ([[float("nan")]], [[1.0]], "finite"),
        ([1.0, 2.0], [1.0, 2.0], "2-D"),
    ],
)
def test_float_rejects_bad_input(A: object, B: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        extreme_equilibria_float(A, B)  # type: ignore[arg-type]


# --- the lexicographic search (above 10 x 10; forced here on small games) -------------------


@pytest.fixture
def search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Route every game through the lexicographic search (and the one-sided pairing)."""
    monkeypatch.setattr(vertex_enum, "_MINORS_MAX_BASES", 0)


@pytest.mark.usefixtures("search")
@settings(max_examples=120, deadline=None)
@given(games(max_dim=4, hi=2) | games(max_dim=4, hi=99))
def test_search_matches_brute_force(game: tuple[Matrix, Matrix]) -> None:
    A, B = game
    result = extreme_equilibria_exact(A, B)
    assert as_set(result) == brute_force(A, B)
    assert result.degenerate == shares_strategy(result.equilibria)


@pytest.mark.usefixtures("search")
@pytest.mark.parametrize("seed", range(8))
def test_search_matches_gambit_6x6(seed: int) -> None:
    rng = np.random.default_rng([seed, 66])
    hi = (2, 100, 3, 100)[seed % 4]
    A, B = rng.integers(0, hi, (6, 6)).tolist(), rng.integers(0, hi, (6, 6)).tolist()
    if seed % 4 == 3:  # a duplicated strategy in a generic game: degenerate
        A[1], B[1] = A[0], B[0]
    assert as_set(extreme_equilibria_exact(A, B)) == gambit_set(A, B)


@pytest.mark.usefixtures("search")
@settings(max_examples=40, deadline=None)
@given(
    games(max_dim=4, hi=3, min_dim=3),
    st.sampled_from([10**12, 10**18, 3**50]),
    st.integers(0, 10**9),
)
def test_search_huge_payoffs_match_brute_force(
    game: tuple[Matrix, Matrix], scale: int, noise_seed: int
) -> None:
    # Nearly tied payoffs past float64 precision: the error bounds leave decisions open and
    # the exact fallback decides them.
    rng = np.random.default_rng(noise_seed)
    A = [[v * scale + int(rng.integers(0, 2)) for v in r] for r in game[0]]
    B = [[v * scale + int(rng.integers(0, 2)) for v in r] for r in game[1]]
    assert as_set(extreme_equilibria_exact(A, B)) == brute_force(A, B)


@pytest.mark.parametrize("hi", [2, 3, 100])
def test_search_vertices_equal_all_minors(hi: int) -> None:
    # The two vertex kernels (written apart) give the same vertices with the same labels.
    rng = np.random.default_rng(hi)
    for _ in range(25):
        p, d = (int(v) for v in rng.integers(1, 8, 2))
        c = (rng.integers(0, hi, (p, d)) + 1).tolist()
        minors = vertex_enum.minor_vertices(c, np.array(c, float), 0.0)
        search = lex_search.lex_vertices(c)
        assert set(zip(*(a.tolist() for a in minors[:2]), strict=True)) == set(
            zip(*(a.tolist() for a in search[:2]), strict=True)
        )


def test_exact_fallback_alone_gives_the_same_vertices(monkeypatch: pytest.MonkeyPatch) -> None:
    # With error bounds inflated past use, every basis is redone in exact arithmetic.
    rng = np.random.default_rng(9)
    cases = [(rng.integers(0, hi, (5, 4)) + 1).tolist() for hi in (2, 3, 100, 2, 100)]
    fast = [lex_search.lex_vertices(c) for c in cases]
    monkeypatch.setattr(lex_search, "_SAFETY", 1e300)
    for c, want in zip(cases, fast, strict=True):
        got = lex_search.lex_vertices(c)
        assert set(zip(got[0].tolist(), got[1].tolist(), strict=True)) == set(
            zip(want[0].tolist(), want[1].tolist(), strict=True)
        )


def test_large_game_is_solved_not_refused() -> None:
    # 13 x 13 was refused before the search (C(26, 13) > 3 million bases).
    rng = np.random.default_rng(13)
    A, B = rng.integers(0, 100, (13, 13)).tolist(), rng.integers(0, 100, (13, 13)).tolist()
    result = extreme_equilibria_exact(A, B)
    assert result.equilibria
    assert all(regret_free(A, B, eq) for eq in result.equilibria)


def test_budget_stops_the_search() -> None:
    rng = np.random.default_rng(16)
    A, B = rng.integers(0, 100, (16, 16)).tolist(), rng.integers(0, 100, (16, 16)).tolist()
    with pytest.raises(BudgetExceededError, match="bases of a best-response polytope"):
        extreme_equilibria_exact(A, B, budget=Budget(0.05, "nash"))


def test_nash_budget_on_a_large_numeric_game() -> None:
    # gt.nash hands its budget to the search: a 16 x 16 game stops in bounded time.
    rng = np.random.default_rng(161)
    game = gt.NormalFormGame.from_matrices(
        rng.integers(0, 100, (16, 16)), rng.integers(0, 100, (16, 16))
    )
    with pytest.raises(gt.BudgetExceededError, match=r"budget of 0\.2 s"):
        gt.nash(game, budget=0.2)


def _exact_search(c: list[list[int]]) -> dict[int, tuple[int, int, list[int], float]]:
    """Every lexicographic basis of {z >= 0 : C z <= 1}, by exact steps only, with |det|."""
    p, d = len(c), len(c[0])
    start = sum(1 << (d + i) for i in range(p))
    found: dict[int, tuple[int, int, list[int], float]] = {}
    todo = [(start, 1.0)]
    while todo:
        mask, det = todo.pop()
        if mask in found:
            continue
        zero, tight, children, dets = lex_search._exact_step(c, mask, p, d)
        found[mask] = (zero, tight, children, det)
        todo.extend(zip(children, dets, strict=True))
    return found


@pytest.mark.parametrize("hi", [2, 3, 100, 10**6, 10**15])
def test_float_step_agrees_with_exact_step(hi: int) -> None:
    # Every decision the certified float step takes (labels, the lexicographic leaving row of
    # each entering column) equals exact pivoting's; the bases it leaves open are few.
    rng = np.random.default_rng([hi, 5])
    opened = total = 0
    for _ in range(8):
        p, d = (int(v) for v in rng.integers(3, 7, 2))
        if hi <= 10**6:
            c = (rng.integers(0, hi, (p, d)) + 1).tolist()
        else:  # near ties far beyond float precision
            c = (rng.integers(1, 4, (p, d)) * hi + rng.integers(0, 2, (p, d))).tolist()
        bases = _exact_search(c)
        masks = np.array(list(bases), np.int64)
        dets = np.array([bases[k][3] for k in bases]) * (1 + 1e-9)
        m_full = np.hstack(
            [np.array(c, float), np.eye(p), np.ones((p, 1)), lex_search._tilt(c)[:, None]]
        )
        with np.errstate(all="ignore"):
            step = lex_search._float_step(m_full, masks, dets, p, d)
        for k, mask in enumerate(masks.tolist()):
            total += 1
            if step.open[k]:
                opened += 1
                continue
            zero, tight, children, _ = bases[mask]
            assert (int(step.zero[k]), int(step.tight[k])) == (zero, tight)
            assert step.child[k].tolist() == children
    if hi <= 100:
        assert opened == 0, f"{opened} of {total} bases left open"
    assert total > 50

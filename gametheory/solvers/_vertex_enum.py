"""All extreme Nash equilibria of a bimatrix game by vertex enumeration (private kernel).

Vertex enumeration of the best-response polytopes (Avis, Rosenberg, Savani and von Stengel 2010,
"Enumeration of Nash equilibria for two-player games", Economic Theory 42:9-37; Gambit's
``enummixed``).  With positive payoffs, ``P = {x >= 0 : B^T x <= 1}`` (label ``i`` if ``x_i = 0``,
``m + j`` if ``(B^T x)_j = 1``) and ``Q = {y >= 0 : A y <= 1}`` (label ``i`` if ``(A y)_i = 1``,
``m + j`` if ``y_j = 0``); the extreme equilibria are the completely labelled vertex pairs.

A basis ``(T, S)`` of ``{z >= 0 : C z <= 1}`` solves ``C[T, S] z_S = 1``.  By Cramer's rule and a
Schur complement, the sign of each coordinate and slack of each basic solution is the sign of a
minor of ``[C | 1]``.  All minors are computed at once by a vectorised Laplace expansion, in
``int64`` while it provably cannot overflow, then in floats with a running error bound; minors
whose sign the bound leaves open are recomputed exactly (Bareiss).  So feasibility and the full
tight-label set of every vertex are exact, degenerate games included (a vertex is determined by
its labels, so its bases merge exactly).  Each equilibrium is then recomputed exactly from its
basis and kept only if both players' regrets are zero.

That kernel costs ``C(m + n, m)`` whatever the game, so from 9 x 9 on (``_MINORS_MAX_BASES``)
the exact path uses the lexicographic search of ``_lex_search`` instead (cost proportional to
the number of vertices, as ``lrs``), enumerates ``P`` only and solves for the partners in ``Q``
(``_lex_pairs``, as ``lrsnash``), searching ``Q`` too only when that would be cheaper or the
partner systems are singular.  The floating-point path keeps the all-minors kernel.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._budget import UNLIMITED, Budget
from ..errors import InvalidPayoffError, UnsupportedGameError
from ._lex_pairs import partners_by_solving
from ._lex_search import lex_vertices
from ._minors import complementary_pairs, minor_vertices, solve_exact

__all__ = [
    "BimatrixResult",
    "FloatBimatrixResult",
    "extreme_equilibria_exact",
    "extreme_equilibria_float",
]

_EPS = float(np.finfo(np.float64).eps)
_MINORS_MAX_BASES = 12_870  # C(m + n, m) up to which all minors are computed at once (8 x 8)
_MAX_BASES = 3_000_000  # the float kernel computes all minors: C(m + n, m) at most this
_MAX_STRATEGIES = 62  # bases and label sets are int64 bitmasks
_FLOAT_SPREAD = 64.0  # float payoffs are mapped affinely onto [1, 1 + _FLOAT_SPREAD]

Mixed = tuple[Fraction, ...]


@dataclass(frozen=True)
class BimatrixResult:
    """All extreme equilibria of a bimatrix game, exact.

    Attributes
    ----------
    equilibria : tuple of (x, y)
        Mixed strategies of the row and the column player as tuples of ``Fraction``, sorted.
    degenerate : bool
        True iff two extreme equilibria share ``x`` or share ``y`` (so continua exist).
    n_vertices_row, n_vertices_col : int
        Numbers of vertices, origin excluded, of the polytopes ``P`` and ``Q``; ``-1`` for
        ``Q`` when it was not enumerated (from 9 x 9 on, unless highly degenerate: the partners of
        the vertices of ``P`` are solved for, as ``lrsnash`` does).
    """

    equilibria: tuple[tuple[Mixed, Mixed], ...]
    degenerate: bool
    n_vertices_row: int = 0
    n_vertices_col: int = 0


@dataclass(frozen=True, eq=False)
class FloatBimatrixResult:
    """All extreme equilibria of a bimatrix game in floating point (see `BimatrixResult`)."""

    equilibria: tuple[tuple[NDArray[np.float64], NDArray[np.float64]], ...]
    degenerate: bool
    n_vertices_row: int = 0
    n_vertices_col: int = 0


def _check_shapes(m: int, n: int, shape_b: tuple[int, ...]) -> None:
    if (m, n) != tuple(shape_b):
        raise ValueError(f"A is {m}x{n} but B is {shape_b[0]}x{shape_b[1]}; shapes must match")
    if m + n > _MAX_STRATEGIES:
        raise UnsupportedGameError(
            f"a {m}x{n} game is too large for exhaustive vertex enumeration (at most "
            f"{_MAX_STRATEGIES} strategies of both players together: the kernel keeps bases as "
            "64-bit masks); for one equilibrium use a path-following method such as pygambit's "
            "lcp_solve"
        )


def _as_exact(mat: object, name: str) -> list[list[Fraction]]:
    """Validate a non-empty rectangular matrix of exact rationals."""
    try:
        rows = [list(r) for r in mat]  # type: ignore[attr-defined]
    except TypeError:
        raise ValueError(f"{name} must be a sequence of sequences of numbers") from None
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        raise ValueError(f"{name} must be a non-empty rectangular matrix")
    for v in itertools.chain.from_iterable(rows):
        if not isinstance(v, numbers.Rational):
            raise ValueError(
                f"{name} has a {type(v).__name__} entry; the exact kernel needs int "
                "or Fraction entries (use extreme_equilibria_float for floats)"
            )
    return [[Fraction(v) for v in r] for r in rows]


def _positive_ints(mat: list[list[Fraction]], who: str = "a player") -> list[list[int]]:
    """Positive affine rescaling (equilibria are unchanged) to coprime integers, minimum 1."""
    lcm = math.lcm(*(v.denominator for r in mat for v in r))
    ints = [[v.numerator * (lcm // v.denominator) for v in r] for r in mat]
    lo = min(min(r) for r in ints)
    g = math.gcd(*(v - lo for r in ints for v in r)) or 1
    out = [[(v - lo) // g + 1 for v in r] for r in ints]
    top = max(max(r) for r in out)
    if top >= 2**900:
        raise InvalidPayoffError(
            f"the payoffs of {who}, rescaled to integers, have {len(str(top))} digits: more "
            "than the exact kernel's 270; rescale them (equilibria do not change under a "
            "positive affine map) or round them"
        )
    return out


def _members(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _exact_vertex(c: list[list[int]], t: int, s: int) -> list[int] | None:
    """Nonnegative integer vector proportional to the basic solution of basis (T, S)."""
    cols = _members(s)
    sol = solve_exact([[c[r][j] for j in cols] for r in _members(t)])
    if sol is None:
        return None
    z = [0] * len(c[0])
    for j, v in zip(cols, sol[0], strict=True):
        z[j] = v if sol[1] > 0 else -v
    return z if min(z) >= 0 and max(z) > 0 else None


def _payoffs(c: list[list[int]], other: list[int]) -> tuple[list[int], int]:
    """Each pure strategy's payoff against ``other`` (unnormalised), and the best of them."""
    pay = [sum(a * w for a, w in zip(r, other, strict=True)) for r in c]
    return pay, max(pay)


def _supported(pay: tuple[list[int], int], own: list[int]) -> bool:
    return all(pv == pay[1] for pv, u in zip(pay[0], own, strict=True) if u)


def _lowest(z: list[int]) -> tuple[int, ...]:
    """A nonnegative integer vector in lowest terms: one tuple per point of the simplex."""
    g = math.gcd(*z)
    return tuple(v // g for v in z)


_KEY_BITS = 4096  # a common denominator this large or larger: sorted as Fractions instead


def _in_order(found: set[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[Any]:
    """The equilibria as Fraction tuples, sorted as Fraction tuples sort, but compared as
    integers scaled to a common denominator (Fraction comparisons are slow)."""
    sums = {z: sum(z) for pair in found for z in pair}
    common = math.lcm(*sums.values()) if sums else 1
    if common.bit_length() < _KEY_BITS:
        scale = {z: common // t for z, t in sums.items()}
        order = sorted(found, key=lambda p: tuple(v * scale[z] for z in p for v in z))
    else:  # pragma: no cover - vertices with huge denominators: exact but slower
        order = sorted(found, key=lambda p: tuple(Fraction(v, sums[z]) for z in p for v in z))
    point = {z: tuple(Fraction(v, t) for v in z) for z, t in sums.items()}
    return [(point[x], point[y]) for x, y in order]


def _shares_vertex(pairs: Sequence[tuple[int, int]]) -> bool:
    """Two extreme equilibria share x (same P-vertex) or share y (same Q-vertex)."""
    return len({i for i, _ in pairs}) < len(pairs) or len({j for _, j in pairs}) < len(pairs)


def extreme_equilibria_exact(
    A: Sequence[Sequence[object]],
    B: Sequence[Sequence[object]],
    budget: Budget = UNLIMITED,
    names: tuple[str, str] = ("the row player", "the column player"),
) -> BimatrixResult:
    """Every extreme Nash equilibrium of the bimatrix game (A, B), exactly.

    Vertex enumeration of the best-response polytopes (Avis, Rosenberg, Savani and von Stengel,
    2010), returning the same set as Gambit's ``enummixed_solve(game, rational=True)``.

    Parameters
    ----------
    A, B : m x n sequences of sequences of int or Fraction
        Payoffs of the row and of the column player.
    budget : Budget, optional
        The caller's time budget (:mod:`gametheory._budget`), checked between vectorised
        steps; by default none.

    Returns
    -------
    BimatrixResult
        The equilibria as exact ``Fraction`` tuples, sorted, and the degeneracy flag.

    Raises
    ------
    ValueError
        If a matrix is empty, not rectangular or not exact, or the shapes differ
        (:class:`~gametheory.InvalidPayoffError`, a ``ValueError``, when the payoffs span
        more than 270 digits; :class:`~gametheory.UnsupportedGameError` past 62 strategies
        of both players together).
    BudgetExceededError
        When ``budget`` runs out, saying how many bases were visited.
    """
    a, b = _as_exact(A, "A"), _as_exact(B, "B")
    m, n = len(a), len(a[0])
    _check_shapes(m, n, (len(b), len(b[0])))
    ai, bi = _positive_ints(a, names[0]), _positive_ints(b, names[1])
    bti = [list(col) for col in zip(*bi, strict=True)]
    small = math.comb(m + n, m) <= _MINORS_MAX_BASES
    vp = (
        minor_vertices(bti, np.array(bti, float), 0.0, budget)
        if small
        else lex_vertices(bti, budget)
    )
    found = None if small else partners_by_solving(ai, vp[0], vp[1], budget)
    if found is None:  # enumerate Q too, and pair the vertices by their labels
        vq = (
            minor_vertices(ai, np.array(ai, float), 0.0, budget)
            if small
            else lex_vertices(ai, budget)
        )
        pairs = complementary_pairs(vp, vq, m, n)
        n_q = len(vq[0])
        cands = [(i, j, int(vq[2][j]), int(vq[3][j])) for i, j in pairs]
    else:  # lrsnash's route: Q's partner bases solved for, vertex by vertex of P
        n_q = -1
        idx, rows_t, cols_s = (a.tolist() for a in found)
        cands = [(i, k, t, s) for k, (i, t, s) in enumerate(zip(idx, rows_t, cols_s, strict=True))]
    xs: dict[int, list[int] | None] = {}
    ys: dict[int, list[int] | None] = {}
    col_pay: dict[int, tuple[list[int], int]] = {}  # B^T x: the column player's, against x_i
    row_pay: dict[int, tuple[list[int], int]] = {}  # A y: the row player's, against y_j
    hits: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for done, (i, j, t, s) in enumerate(cands):
        budget.check("complementary vertex pairs checked", done, len(cands))
        if i not in xs:
            xs[i] = _exact_vertex(bti, int(vp[2][i]), int(vp[3][i]))
        if j not in ys:
            ys[j] = _exact_vertex(ai, t, s)
        x, y = xs[i], ys[j]
        if not (x and y):
            continue
        if j not in row_pay:
            row_pay[j] = _payoffs(ai, y)
        if i not in col_pay:
            col_pay[i] = _payoffs(bti, x)
        if _supported(row_pay[j], x) and _supported(col_pay[i], y):
            hits.add((_lowest(x), _lowest(y)))  # from several bases when degenerate
    eqs = _in_order(hits)
    # (lowest terms: equal tuples are equal points)
    degenerate = len({x for x, _ in hits}) < len(hits) or len({y for _, y in hits}) < len(hits)
    return BimatrixResult(tuple(eqs), degenerate, len(vp[0]), n_q)


def _as_float(mat: ArrayLike, name: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate a float matrix; also return it mapped affinely onto [1, 1 + _FLOAT_SPREAD]."""
    try:
        arr = np.asarray(mat, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a rectangular matrix of real numbers") from None
    if arr.ndim != 2 or arr.size == 0 or not np.isfinite(arr).all():
        raise ValueError(f"{name} must be a non-empty 2-D matrix of finite numbers")
    width = float(np.ptp(arr))
    return arr, (1.0 + (arr - arr.min()) * (_FLOAT_SPREAD / width) if width else np.ones_like(arr))


def _float_vertex(c: NDArray[np.float64], t: int, s: int) -> NDArray[np.float64] | None:
    rows, cols = _members(t), _members(s)
    try:
        zs = np.linalg.solve(c[np.ix_(rows, cols)], np.ones(len(rows)))
    except np.linalg.LinAlgError:
        return None
    z = np.zeros(c.shape[1])
    z[cols] = np.clip(zs, 0.0, None)
    if z.sum() <= 0:
        return None
    z /= z.sum()
    z.setflags(write=False)
    return z


def extreme_equilibria_float(
    A: ArrayLike, B: ArrayLike, tol: float = 1e-9, budget: Budget = UNLIMITED
) -> FloatBimatrixResult:
    """Every extreme Nash equilibrium of (A, B) in floating point.

    The vertex enumeration of `extreme_equilibria_exact`, except that a minor counts as zero
    when it is within ``tol`` (relative) of the size of its terms, so near-ties are ties.  A
    candidate is kept only if each player's regret is at most ``tol`` times the largest
    absolute payoff of that player.

    Parameters
    ----------
    A, B : array_like, m x n
        Payoffs of the row and of the column player.
    tol : float, optional
        Relative tolerance, by default 1e-9.
    budget : Budget, optional
        The caller's time budget, checked between vectorised steps; by default none.

    Returns
    -------
    FloatBimatrixResult
        The equilibria as pairs of float arrays, sorted, and the degeneracy flag.
    """
    (a, cq), (b, cb) = _as_float(A, "A"), _as_float(B, "B")
    if not tol >= 0:
        raise ValueError("tol must be a nonnegative number")
    m, n = a.shape
    _check_shapes(m, n, b.shape)
    if math.comb(m + n, m) > _MAX_BASES:
        raise UnsupportedGameError(
            f"a {m}x{n} game with float payoffs is too large for the floating-point vertex "
            f"enumeration (C(m+n, m) <= {_MAX_BASES}); give the payoffs as integers or "
            "fractions for the exact kernel, which has no size limit but its budget"
        )
    cp = np.ascontiguousarray(cb.T)
    vp, vq = minor_vertices(None, cp, tol, budget), minor_vertices(None, cq, tol, budget)
    pairs = complementary_pairs(vp, vq, m, n)
    found: list[tuple[tuple[float, ...], NDArray[np.float64], NDArray[np.float64], int, int]] = []
    for done, (i, j) in enumerate(pairs):
        budget.check("complementary vertex pairs checked", done, len(pairs))
        x = _float_vertex(cp, int(vp[2][i]), int(vp[3][i]))
        y = _float_vertex(cq, int(vq[2][j]), int(vq[3][j]))
        if x is None or y is None:
            continue
        row, col = a @ y, x @ b  # regret tolerance: tol, floored at float round-off
        if (
            row.max() - x @ row <= (tol + 1e3 * _EPS) * np.abs(a).max()
            and col.max() - col @ y <= (tol + 1e3 * _EPS) * np.abs(b).max()
        ):
            found.append(((*x, *y), x, y, i, j))
    found.sort(key=lambda f: f[0])
    degenerate = _shares_vertex([(f[3], f[4]) for f in found])
    return FloatBimatrixResult(
        tuple((f[1], f[2]) for f in found), degenerate, len(vp[0]), len(vq[0])
    )

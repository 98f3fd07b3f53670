"""The all-minors kernel of exact bimatrix vertex enumeration (games up to about 8 x 8).

Every basis ``(T, S)`` of ``{z >= 0 : C z <= 1}`` at once: the minors of ``C`` by size, in colex
order, expanded level by level with Bareiss-style exact integer arithmetic in numpy (int64 while
safe, Python ints past that), the vertex of each feasible basis read off by Cramer's rule.  Larger
games go to the lexicographic search (``_lex_search``); see ``_vertex_enum`` for the method.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._budget import UNLIMITED, Budget

__all__ = ["IntArray", "Vertices", "complementary_pairs", "minor_vertices", "solve_exact"]

_EPS = float(np.finfo(np.float64).eps)
_INT64_SAFE = 2**62

IntArray = NDArray[np.int64]
Vertices = tuple[IntArray, IntArray, IntArray, IntArray]  # zero coords, tight rows, T, S


@dataclass(frozen=True)
class _Level:
    """Minors of size k of a p x q matrix: subsets in colex order and expansion indices."""

    rows: IntArray  # (nR, k) row subsets
    cols: IntArray  # (nC, k) column subsets
    drop_row: IntArray  # (nR,) index at size k - 1 of the rows without the last one
    drop_col: IntArray  # (nC, k) index at size k - 1 of the columns without the j-th one


@dataclass(frozen=True)
class _Bases:
    """Bases (T, S), |T| = |S| = k, of {z >= 0 : C z <= 1}, C p x d, column d = ones."""

    t_mask: IntArray  # (nT,) bitmask of T; T runs over the rows of level k
    s_mask: IntArray  # (nS,) bitmask of S
    s_idx: IntArray  # (nS,) level-k column index of S
    n_idx: IntArray  # (nS, k) level-k column index of S - {s_j} + {d}
    n_sign: NDArray[np.int8]  # (k,) sign of moving column d to position j
    s_bits: IntArray  # (nS, k) bit of the j-th member of S
    u_idx: IntArray  # (nS,) level-(k + 1) column index of S + {d}
    up_idx: IntArray  # (nT, p) level-(k + 1) row index of T + {i}
    up_sign: NDArray[np.int8]  # (nT, p) sign of moving row i last; 0 when i is in T


def _colex(n: int, k: int) -> IntArray:
    """The k-subsets of range(n) in colex order, as rows of sorted members."""
    combos = sorted(itertools.combinations(range(n), k), key=lambda c: c[::-1])
    return np.array(combos, dtype=np.int64).reshape(len(combos), k)


def _rank(members: IntArray, binom: IntArray, shift: IntArray | int = 0) -> IntArray:
    """Colex rank sum_j C(s_j, j + 1 + shift_j) of sorted subsets (combinatorial numbers)."""
    pos = np.arange(1, members.shape[-1] + 1) + shift
    return np.asarray(binom[members, pos].sum(axis=-1), dtype=np.int64)


@lru_cache(maxsize=16)
def _tables(p: int, d: int) -> tuple[list[_Level], dict[int, _Bases]]:
    """Index tables (cached) for the minors of a p x (d + 1) matrix and the bases of size k."""
    top = min(p, d + 1)
    big = max(p, d + 1) + 1
    binom = np.array([[math.comb(a, b) for b in range(big + 1)] for a in range(big)], np.int64)
    none = np.zeros((1, 0), np.int64)
    levels = [_Level(none, none, np.zeros(1, np.int64), none)]
    for k in range(1, top + 1):
        rows, cols = _colex(p, k), _colex(d + 1, k)
        drop = np.stack([_rank(np.delete(cols, j, axis=1), binom) for j in range(k)], axis=1)
        levels.append(_Level(rows, cols, _rank(rows[:, :-1], binom), drop.reshape(len(cols), k)))
    bases: dict[int, _Bases] = {}
    for k in range(1, min(p, d) + 1):
        rows, s = levels[k].rows, _colex(d, k)
        up_idx = np.zeros((len(rows), p), np.int64)
        up_sign = np.zeros((len(rows), p), np.int8)
        for i in range(p):
            below, inside = (rows < i).sum(axis=1), (rows == i).any(axis=1)
            if k < p:
                rank = _rank(rows, binom, (rows > i).astype(np.int64)) + binom[i, below + 1]
                up_idx[:, i] = np.where(inside, 0, rank)
            up_sign[:, i] = np.where(inside, 0, (-1) ** (k - below))
        n_idx = [_rank(np.delete(s, j, axis=1), binom) + binom[d, k] for j in range(k)]
        bases[k] = _Bases(
            t_mask=(np.int64(1) << rows).sum(axis=1),
            s_mask=(np.int64(1) << s).sum(axis=1),
            s_idx=_rank(s, binom),
            n_idx=np.stack(n_idx, axis=1).reshape(len(s), k),
            n_sign=((-1) ** (k - 1 - np.arange(k))).astype(np.int8),
            s_bits=np.int64(1) << s,
            u_idx=_rank(s, binom) + (binom[d, k + 1] if k < p else 0),
            up_idx=up_idx,
            up_sign=up_sign,
        )
    return levels, bases


def _bareiss(mat: list[list[int]]) -> int:
    """Fraction-free elimination (Bareiss 1968) in place on a k x (k + r) integer matrix.

    Returns the determinant of the leading k x k block; ``mat`` is left upper triangular.
    """
    k, sign, prev = len(mat), 1, 1
    for c in range(k):
        piv = next((r for r in range(c, k) if mat[r][c]), None)
        if piv is None:
            return 0
        if piv != c:
            mat[c], mat[piv], sign = mat[piv], mat[c], -sign
        top, a = mat[c], mat[c][c]
        for r in range(c + 1, k):
            row, b = mat[r], mat[r][c]
            for j in range(c + 1, len(row)):
                row[j] = (row[j] * a - b * top[j]) // prev
        prev = a
    return sign * mat[k - 1][k - 1] if k else 1


def solve_exact(mat: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``X z = 1`` exactly: integer numerators and common denominator, or None."""
    k = len(mat)
    aug = [[*r, 1] for r in mat]
    if _bareiss(aug) == 0:
        return None
    den, num = aug[k - 1][k - 1], [0] * k
    for i in range(k - 1, -1, -1):  # den * z_i is an integer (Cramer), so // is exact
        num[i] = (den * aug[i][k] - sum(aug[i][j] * num[j] for j in range(i + 1, k))) // aug[i][i]
    return num, den


def _expand(
    c: NDArray[Any], prev: NDArray[Any], lv: _Level, k: int, perr: NDArray[np.float64] | None
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Laplace expansion of all size-k minors along their last row, with error terms."""
    c, prev = c[lv.rows[:, -1]], prev[lv.drop_row]
    new = np.zeros((len(lv.rows), len(lv.cols)), c.dtype)
    asum: Any = 0.0
    prop: Any = 0.0
    perr = None if perr is None else perr[lv.drop_row]
    for j in range(k):
        cj = c[:, lv.cols[:, j]]
        term = cj * prev[:, lv.drop_col[:, j]]
        new = new + term if (k - 1 + j) % 2 == 0 else new - term
        if c.dtype == np.float64:
            asum = asum + np.abs(term)
            prop = prop if perr is None else prop + cj * perr[:, lv.drop_col[:, j]]
    return new, np.asarray(asum), np.asarray(prop)


def _minor_signs(
    cf: NDArray[np.float64],
    ci: list[list[int]] | None,
    tol: float,
    levels: list[_Level],
    budget: Budget = UNLIMITED,
) -> list[NDArray[np.int8]]:
    """Signs of all minors of the augmented matrix ``cf`` (p x q), size by size.

    Exact mode (``ci``: the same matrix as Python ints): exact signs, in int64 while safe, then
    in floats with a running error bound, with Bareiss for minors the bound leaves open.
    Float mode (``ci is None``): a minor is zero when within ``tol`` of the size of its terms.
    """
    cmax = max(max(r) for r in ci) if ci is not None else _INT64_SAFE
    val: NDArray[Any] = np.ones((1, 1), np.int64 if cmax < _INT64_SAFE else np.float64)
    c64, err = np.array(ci, np.int64) if cmax < _INT64_SAFE else cf, None
    signs = [np.ones((1, 1), np.int8)]
    for k, lv in enumerate(levels[1:], start=1):
        budget.check("minor sizes computed", k - 1, len(levels) - 1)
        if val.dtype == np.int64 and k * cmax * int(np.abs(val).max()) < _INT64_SAFE:
            val = _expand(c64, val, lv, k, None)[0]
            signs.append(np.sign(val).astype(np.int8))
            continue
        if val.dtype == np.int64:  # leave the integer regime
            fval = val.astype(np.float64)
            err = np.where(np.abs(val) >= 2**53, np.abs(fval) * _EPS, 0.0)
            val = fval
        new, asum, prop = _expand(cf, val, lv, k, err)
        bound = (prop + (k + 2) * _EPS * asum) * 1.0001
        if ci is None:
            sign = np.where(np.abs(new) <= bound + tol * asum, 0.0, np.sign(new))
        else:
            bound[(prop == 0) & (asum < 2**52)] = 0.0  # integer arithmetic below 2**53 is exact
            for r, s in np.argwhere(~((np.abs(new) > bound) | (bound == 0))):
                budget.check("minor sizes computed", k - 1, len(levels) - 1)
                det = _bareiss([[ci[a][b] for b in lv.cols[s]] for a in lv.rows[r]])
                new[r, s] = (
                    float(det) if abs(det) < 2**1000 else (math.inf if det > 0 else -math.inf)
                )
                bound[r, s] = 0.0 if abs(det) < 2**53 else abs(new[r, s]) * _EPS
            sign = np.sign(new)
        val, err = new, (bound if (bound > 0).any() else None)
        signs.append(sign.astype(np.int8))
    return signs


def minor_vertices(
    ci: list[list[int]] | None, cf: NDArray[np.float64], tol: float, budget: Budget = UNLIMITED
) -> Vertices:
    """Vertices (origin excluded) of ``{z >= 0 : C z <= 1}``, C positive p x d.

    Returns per vertex the bitmasks of its zero coordinates and tight rows (its exact labels)
    and of one basis (T, S); bases of the same degenerate vertex are merged.
    """
    p, d = cf.shape
    levels, bases = _tables(p, d)
    aug = np.hstack([cf, np.ones((p, 1))])
    with np.errstate(over="ignore", invalid="ignore"):  # inf/nan minors are resolved exactly
        exact = None if ci is None else [[*r, 1] for r in ci]
        signs = _minor_signs(aug, exact, tol, levels, budget)
    parts = [np.zeros((0, 4), np.int64)]
    row_bits, all_coords = np.int64(1) << np.arange(p, dtype=np.int64), (np.int64(1) << d) - 1
    for k, b in bases.items():
        budget.check("basis sizes searched for vertices", k - 1, len(bases))
        det = signs[k][:, b.s_idx]
        zs = signs[k][:, b.n_idx] * b.n_sign * det[:, :, None]
        ti, si = np.nonzero((det != 0) & (zs >= 0).all(axis=2))
        zero = (all_coords ^ b.s_mask[si]) | ((zs[ti, si] == 0) * b.s_bits[si]).sum(axis=1)
        if k < p:
            sl = signs[k + 1][:, b.u_idx][b.up_idx[ti], si[:, None]] * b.up_sign[ti]
            sl = sl * det[ti, si][:, None]
            good, tight = (sl >= 0).all(axis=1), ((sl == 0) * row_bits).sum(axis=1)
        else:
            good, tight = np.ones(ti.size, bool), np.full(ti.size, (1 << p) - 1, np.int64)
        parts.append(np.stack([zero, tight, b.t_mask[ti], b.s_mask[si]], axis=1)[good])
    found = np.concatenate(parts)
    # one vertex per (zero coordinates, tight rows): a single int64 key (d + p <= 62 bits),
    # ordered as the pairs are, so the first basis of each vertex is kept, as by rows
    _, first = np.unique((found[:, 0] << p) | found[:, 1], return_index=True)
    return found[first, 0], found[first, 1], found[first, 2], found[first, 3]


def complementary_pairs(vp: Vertices, vq: Vertices, m: int, n: int) -> list[tuple[int, int]]:
    """Completely labelled pairs of vertices of P (matrix B^T) and Q (matrix A).

    P: zero coords -> labels i, tight rows -> m + j; Q: tight rows -> i, zero coords -> m + j.
    A pair of nondegenerate vertices (exactly m, resp. n, labels) is completely labelled iff
    their label sets are complements: a hash join.  Pairs with a degenerate vertex (more
    labels) are found by a vectorised superset test, degenerate vertices being few.
    """
    full = (1 << (m + n)) - 1
    lp, lq = vp[0] | (vp[1] << m), vq[1] | (vq[0] << m)
    need = full & ~lp
    deg_p = np.bitwise_count(lp) > m
    deg_q = np.bitwise_count(lq) > n
    pairs: set[tuple[int, int]] = set()
    by_labels: dict[int, list[int]] = {}
    for j, lab in enumerate(lq.tolist()):
        by_labels.setdefault(lab, []).append(j)
    for i, want in enumerate(need.tolist()):
        pairs.update((i, j) for j in by_labels.get(want, ()))
    for rows, cols in (
        (np.flatnonzero(deg_p), np.arange(len(lq))),
        (np.arange(len(lp)), np.flatnonzero(deg_q)),
    ):
        for lo in range(0, len(rows), 512):
            r = rows[lo : lo + 512]
            ok = (lq[cols][None, :] & need[r][:, None]) == need[r][:, None]
            hit_r, hit_c = np.nonzero(ok)
            pairs.update(zip(r[hit_r].tolist(), cols[hit_c].tolist(), strict=True))
    return sorted(pairs)

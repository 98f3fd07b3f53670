"""Partner bases in Q for the vertices of P, without enumerating Q (private kernel).

``lrsnash``'s second phase (Avis, Rosenberg, Savani and von Stengel 2010, section 5): once
every vertex ``x`` of ``P = {x >= 0 : B^T x <= 1}`` is known with its exact label set ``L``,
an equilibrium partner ``y`` of ``x`` is a vertex of ``Q = {y >= 0 : A y <= 1}`` carrying
every label in ``N = labels - L``.  If the constraints named by ``N`` are linearly
independent, they extend to a basis of ``Q`` within the labels of ``y``, and those extra
labels lie in ``L``: so ``y`` is the basic solution of some basis ``N + S``, ``S`` a subset of
``L`` of size ``|L| - m`` (none for a nondegenerate ``x``).  This module tries those candidate
bases for all vertices of ``P`` at once in floats with certified error bounds (the bounds of
``_lex_search.float_tableau``); a candidate is dropped only where it is singular or some basic
value is certainly negative, and the caller confirms every kept pair exactly.  Where ``N`` is
dependent, or the candidates would outnumber a search of ``Q`` (highly degenerate games), it
returns None and the caller enumerates ``Q`` in full.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.typing import NDArray

from .._budget import UNLIMITED, Budget
from ._lex_search import float_tableau

__all__ = ["partners_by_solving"]

_CHUNK = 4096
_MAX_PER_VERTEX = 3  # candidates per vertex of P, on average, above which Q is searched

IntArray = NDArray[np.int64]


def _rank(mat: list[list[int]]) -> int:
    """Exact rank of an integer matrix (fraction-free elimination)."""
    rows = [r[:] for r in mat]
    rank, prev = 0, 1
    for col in range(len(rows[0]) if rows else 0):
        piv = next((r for r in range(rank, len(rows)) if rows[r][col]), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        top, a = rows[rank], rows[rank][col]
        for r in range(rank + 1, len(rows)):
            b = rows[r][col]
            rows[r] = [(u * a - b * t) // prev for u, t in zip(rows[r], top, strict=True)]
        prev, rank = a, rank + 1
    return rank


def _independent(a_int: list[list[int]], labels: int, m: int, n: int) -> bool:
    """Whether the constraints of Q named by ``labels`` are linearly independent.

    Label ``i < m`` is the row ``A_i y = 1``; label ``m + j`` is ``y_j = 0``.  Dropping the
    unit rows, the rows ``A_i`` restricted to the free columns must be independent.
    """
    rows = [i for i in range(m) if labels >> i & 1]
    free = [j for j in range(n) if not labels >> (m + j) & 1]
    if len(rows) > len(free):
        return False
    return not rows or _rank([[a_int[i][j] for j in free] for i in rows]) == len(rows)


def _singular(a_int: list[list[int]], rows: int, cols: int, m: int, n: int) -> bool:
    sub = [[a_int[i][j] for j in range(n) if cols >> j & 1] for i in range(m) if rows >> i & 1]
    return bool(sub) and _rank(sub) < len(sub)


def partners_by_solving(
    a_int: list[list[int]],
    zero_p: IntArray,
    tight_p: IntArray,
    budget: Budget = UNLIMITED,
) -> tuple[IntArray, IntArray, IntArray] | None:
    """Candidate partners in ``Q`` (matrix ``A``, m x n) of the vertices of ``P``.

    Parameters
    ----------
    a_int
        ``A`` as positive integers.
    zero_p, tight_p
        Per vertex of ``P``: bitmasks of its zero coordinates (m bits) and tight rows (n bits).
    budget
        The caller's time budget.

    Returns
    -------
    tuple of arrays or None
        Per candidate: the index of its vertex of ``P`` and its basis of ``Q`` as
        ``_vertex_enum`` describes one, the rows of ``A`` it makes tight (``T``) and its basic
        coordinates (``S``).  None where ``Q`` must be enumerated instead (see the module).
    """
    m, n = len(a_int), len(a_int[0])
    full = (1 << (m + n)) - 1
    labels = zero_p | (tight_p << m)
    excess = np.bitwise_count(labels).astype(np.int64) - m
    total = sum(math.comb(m + int(e), int(e)) for e in excess.tolist())
    if total > _MAX_PER_VERTEX * len(labels) + 1000:
        return None
    owner_parts, label_parts = [np.flatnonzero(excess == 0)], [full & ~labels[excess == 0]]
    for i in np.flatnonzero(excess > 0).tolist():
        lab, need = int(labels[i]), full & ~int(labels[i])
        if not _independent(a_int, need, m, n):
            return None
        have = [b for b in range(m + n) if lab >> b & 1]
        extra = [sum(1 << b for b in s) for s in itertools.combinations(have, int(excess[i]))]
        owner_parts.append(np.full(len(extra), i, np.int64))
        label_parts.append(need | np.array(extra, np.int64))
    owner, cand = np.concatenate(owner_parts), np.concatenate(label_parts)
    # a candidate's labels are its nonbasic variables: label i -> slack of row i, m + j -> y_j
    rows_t = cand & ((1 << m) - 1)
    cols_s = ~(cand >> m) & ((1 << n) - 1)
    basic_mask = cols_s | ((~cand & ((1 << m) - 1)) << n)
    m_full = np.hstack([np.array(a_int, float), np.eye(m), np.ones((m, 1))])
    keep: list[IntArray] = []
    for lo in range(0, len(cand), _CHUNK):
        budget.check("candidate partners of the vertices of P solved", lo, len(cand))
        masks = basic_mask[lo : lo + _CHUNK]
        bits = ((masks[:, None] >> np.arange(n + m, dtype=np.int64)) & 1).astype(bool)
        basic = np.nonzero(bits)[1].reshape(len(masks), m)
        with np.errstate(all="ignore"):  # inf and nan compare False: such candidates are kept
            tab, erow, bad = float_tableau(m_full, basic)
        negative = (tab[:, :, -1] < -erow).any(axis=1) & ~bad
        for k in np.flatnonzero(bad).tolist():
            c = lo + k
            if _singular(a_int, int(rows_t[c]), int(cols_s[c]), m, n):
                if excess[owner[c]] == 0:  # N itself is dependent
                    return None
                negative[k] = True  # not a basis
        keep.append(lo + np.flatnonzero(~negative))
    idx = np.concatenate(keep)
    return owner[idx], rows_t[idx], cols_s[idx]

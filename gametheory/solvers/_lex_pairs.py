"""Complementary bases of Q for the vertices of P, without enumerating Q (private kernel).

``lrsnash``'s second phase (Avis, Rosenberg, Savani and von Stengel 2010, section 5): once
every vertex ``x`` of ``P = {x >= 0 : B^T x <= 1}`` is known with its exact labels, an
equilibrium partner ``y`` must carry every label ``x`` lacks.  When ``x`` is nondegenerate it
lacks exactly ``n`` labels, which name the ``n`` tight constraints of ``y``: if they are
linearly independent, ``y`` is the unique point where they are tight, and it is a vertex of
``Q = {y >= 0 : A y <= 1}`` iff its basic solution is nonnegative.  This module checks that
for all vertices of ``P`` at once in floats with certified error bounds; a candidate is dropped
only where some basic value is certainly negative, and every kept pair is confirmed exactly by
the caller.  A degenerate ``x`` (its partners form a face of ``Q``) or a singular system makes
the caller enumerate ``Q`` in full instead.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._budget import UNLIMITED, Budget
from ._lex_search import float_tableau

__all__ = ["partners_by_solving"]

_CHUNK = 4096

IntArray = NDArray[np.int64]


def _det_is_zero(c: list[list[int]], rows: list[int], cols: list[int]) -> bool:
    """Exact singularity of ``C[rows, cols]`` (fraction-free elimination)."""
    mat = [[c[r][j] for j in cols] for r in rows]
    k, prev = len(mat), 1
    for col in range(k):
        piv = next((r for r in range(col, k) if mat[r][col]), None)
        if piv is None:
            return True
        mat[col], mat[piv] = mat[piv], mat[col]
        top, a = mat[col], mat[col][col]
        for r in range(col + 1, k):
            row, b = mat[r], mat[r][col]
            mat[r] = [(u * a - b * t) // prev for u, t in zip(row, top, strict=True)]
        prev = a
    return False


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

    Returns
    -------
    tuple of arrays or None
        Indices of the vertices of ``P`` that may have a partner, and for each the partner's
        basis as ``_vertex_enum`` describes one: the rows of ``A`` it makes tight (``T``, the
        support of ``x``) and its basic coordinates (``S``, the columns tight at ``x``).
        None when some vertex of ``P`` is degenerate or some system is singular.
    """
    m, n = len(a_int), len(a_int[0])
    full_m = (1 << m) - 1
    support = full_m & ~zero_p
    if (np.bitwise_count(zero_p) + np.bitwise_count(tight_p) != m).any():
        return None  # a degenerate vertex of P
    m_full = np.hstack([np.array(a_int, float), np.eye(m), np.ones((m, 1))])
    keep: list[IntArray] = []
    for lo in range(0, len(zero_p), _CHUNK):
        budget.check("vertices of P matched with Q", lo, len(zero_p))
        z, t = zero_p[lo : lo + _CHUNK], tight_p[lo : lo + _CHUNK]
        basic_mask = t | (z << n)  # columns tight at x, slacks of the rows outside its support
        bits = ((basic_mask[:, None] >> np.arange(n + m, dtype=np.int64)) & 1).astype(bool)
        basic = np.nonzero(bits)[1].reshape(len(z), m)
        with np.errstate(all="ignore"):
            tab, erow, bad = float_tableau(m_full, basic)
        beta = tab[:, :, -1]
        negative = (beta < -erow).any(axis=1) & ~bad
        for i in np.flatnonzero(bad).tolist():
            rows = [r for r in range(m) if (support[lo + i] >> r) & 1]
            cols = [j for j in range(n) if (t[i] >> j) & 1]
            if _det_is_zero(a_int, rows, cols):
                return None
        keep.append(lo + np.flatnonzero(~negative))
    idx = np.concatenate(keep) if keep else np.zeros(0, np.int64)
    return idx, support[idx], tight_p[idx]

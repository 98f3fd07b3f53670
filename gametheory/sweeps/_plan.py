"""The exact plan of the batched float path (:mod:`._batch`): what holds at every point.

For each support pair ``(I, J)`` of equal size ``k`` and each player's system (``y`` making the
row player indifferent on ``I``: ``[[A_IJ, -1], [1, 0]] (y, v) = (0, 1)``; ``x`` likewise with
``B`` transposed), the plan says, exactly and once per game:

- whether the system is singular at every point of parameter space (its determinant, a rational
  function of the parameters, is identically zero), and
- which of its slacks vanish at every point where it is not singular: an entry of the mix, or
  ``t - M_i z`` for a row ``i`` outside the indifference set (a tie that holds for every value of
  the parameters, as a duplicated strategy makes).

Both are tested at a few random rational points in exact arithmetic (non-zero at one of them:
not identically zero) and confirmed by sympy where they vanish at all of them.  The float kernel
then treats these zeros as exact and decides everything else by error bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ..games.normal_form import NormalFormGame
from ._bimatrix import Bimatrix

__all__ = ["Plan", "exact_plan", "pairs"]

Plan = tuple[tuple[Any, Any, Any, Any], ...]
"""Per support size ``k`` (from 1): ``(singular_y, singular_x, zero_y, zero_x)``: per pair, a
bool; and per pair, a tuple of ``k + r`` bools (the mix's entries, then every row of the
system's matrix; rows inside the indifference set are ``False``)."""

_POINTS = 3  # random rational points the plan is tested at


def pairs(m: int, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(I, J)`` of ``k`` rows and ``k`` columns, as two (pairs, k) index arrays."""
    import itertools

    rows = list(itertools.combinations(range(m), k))
    cols = list(itertools.combinations(range(n), k))
    I_ = np.array([r for r in rows for _ in cols], dtype=np.intp).reshape(-1, k)
    J_ = np.array([c for _ in rows for c in cols], dtype=np.intp).reshape(-1, k)
    return I_, J_


def exact_plan(game: NormalFormGame, symbols: Sequence[sp.Symbol]) -> Plan:
    """The plan of ``game`` in the parameters ``symbols`` (see the module's docstring)."""
    m, n = game.shape
    mats = _random_matrices(game, symbols)
    sym = (
        [[game.table[i * n + j][0] for j in range(n)] for i in range(m)],
        [[game.table[i * n + j][1] for j in range(n)] for i in range(m)],
    )
    out = []
    for k in range(1, min(m, n) + 1):
        I_, J_ = pairs(m, n, k)
        per_player: list[tuple[Any, Any]] = []
        for which in (0, 1):
            flags, zeros = [], []
            for rows, cols in zip(I_.tolist(), J_.tolist(), strict=True):
                # y's system: rows I of A, mix on J; x's: rows J of B^T, mix on I
                R, S = (rows, cols) if which == 0 else (cols, rows)
                mats_w = [_oriented(mat[which], which) for mat in mats]
                sing, zero = _analyse(R, S, mats_w, _oriented(sym[which], which))
                flags.append(sing)
                zeros.append(zero)
            per_player.append((tuple(flags), tuple(zeros)))
        (sy, zy), (sx, zx) = per_player
        out.append((sy, sx, zy, zx))
    return tuple(out)


def _oriented(mat: list[list[Any]], which: int) -> list[list[Any]]:
    """``A`` for the column player's mix ``y``; ``B`` transposed for the row player's ``x``."""
    return mat if which == 0 else [list(col) for col in zip(*mat, strict=True)]


def _random_matrices(game: NormalFormGame, symbols: Sequence[sp.Symbol]) -> list[Any]:
    m, n = game.shape
    exact = Bimatrix(game, symbols, ())
    rng = np.random.default_rng(20150)  # fixed: the same plan in every process
    mats: list[tuple[list[list[Fraction]], list[list[Fraction]]]] = []
    for _ in range(200):
        if len(mats) == _POINTS:
            break
        point = [
            Fraction(int(rng.integers(1, 10**6)), int(rng.integers(1, 10**4))) for _ in symbols
        ]
        try:
            vals = exact._fn(*point)
        except ZeroDivisionError:
            continue
        A = [[Fraction(vals[2 * (i * n + j)]) for j in range(n)] for i in range(m)]
        B = [[Fraction(vals[2 * (i * n + j) + 1]) for j in range(n)] for i in range(m)]
        mats.append((A, B))
    return mats


def _system(M: Sequence[Sequence[Any]], R: list[int], S: list[int], one: Any) -> list[list[Any]]:
    return [[M[i][s] for s in S] + [-one] for i in R] + [[one] * len(S) + [0 * one]]


def _solve(a: list[list[Fraction]]) -> list[Fraction] | None:
    """The solution of ``a z = e_last`` in Fractions, or ``None`` if ``a`` is singular."""
    size = len(a)
    aug = [[*row, Fraction(int(r == size - 1))] for r, row in enumerate(a)]
    for c in range(size):
        p = next((r for r in range(c, size) if aug[r][c] != 0), None)
        if p is None:
            return None
        aug[c], aug[p] = aug[p], aug[c]
        for r in range(size):
            if r != c and aug[r][c]:
                f = aug[r][c] / aug[c][c]
                aug[r] = [u - f * w for u, w in zip(aug[r], aug[c], strict=True)]
    return [aug[r][size] / aug[r][r] for r in range(size)]


def _slacks(M: Sequence[Sequence[Any]], R: list[int], S: list[int], z: Sequence[Any]) -> list:
    """The mix's entries, then ``t - M_i z`` for every row (``0`` for rows in ``R``)."""
    k = len(S)
    mix, t = z[:k], z[k]
    rows = [
        0 * t if i in R else t - sum(M[i][s] * w for s, w in zip(S, mix, strict=True))
        for i in range(len(M))
    ]
    return [*mix, *rows]


def _analyse(
    R: list[int], S: list[int], mats: list[list[list[Fraction]]], sym: list[list[sp.Expr]]
) -> tuple[bool, tuple[bool, ...]]:
    """Whether the system is singular everywhere, and which slacks vanish everywhere else."""
    size = len(S) + len(sym)
    vanish = [True] * size
    regular = 0
    for M in mats:
        z = _solve(_system(M, R, S, Fraction(1)))
        if z is None:
            continue
        regular += 1
        for q, v in enumerate(_slacks(M, R, S, z)):
            vanish[q] = vanish[q] and v == 0
    outside = [len(S) + i not in [len(S) + r for r in R] for i in range(len(sym))]
    candidates = [q for q in range(size) if vanish[q] and (q < len(S) or outside[q - len(S)])]
    if regular == len(mats) and not candidates:
        return False, (False,) * size
    system = _system(sym, R, S, sp.Integer(1))
    if regular == 0 and _vanishes(system):
        return True, (False,) * size
    k = len(S)
    zero = []
    for q in range(size):
        if q not in candidates:
            zero.append(False)
        elif q < k:  # Cramer: the mix's entry q is det(system, column q := e_last) / det
            zero.append(_vanishes([[*row[:q], e, *row[q + 1 :]] for row, e in _rhs(system)]))
        else:  # t - M_i z = -(M_i, -1) . z is det([[system, e_last], [(M_i, -1), 0]]) / -det
            border = [sym[q - k][s] for s in S]
            zero.append(
                _vanishes([[*row, e] for row, e in _rhs(system)] + [[*border, -sp.Integer(1), 0]])
            )
    return False, tuple(zero)


def _rhs(system: list[list[Any]]) -> list[tuple[list[Any], Any]]:
    """Each row of the system with its right-hand side (``e_last``)."""
    last = len(system) - 1
    return [(row, sp.Integer(int(r == last))) for r, row in enumerate(system)]


def _vanishes(rows: list[list[Any]]) -> bool:
    """Whether the determinant of a matrix of rational functions is identically zero (sympy's
    polynomial matrices over the parameters' fraction field: exact and quick)."""
    dm = DomainMatrix.from_Matrix(sp.Matrix(rows))
    return bool(dm.to_field().det() == dm.to_field().domain.zero)

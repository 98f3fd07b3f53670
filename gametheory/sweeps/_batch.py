"""The batched float path of per-point sweeps: small two-player games at many points at once.

Vertex enumeration over every point of a chunk in one go (numpy on stacked systems), kept exact
by refusing to decide where floats could be wrong.  For a support pair ``(I, J)`` of equal size
``k`` the column player's mix ``y`` on ``J`` that makes the row player indifferent on ``I`` solves
``[[A_IJ, -1], [1, 0]] (y, v) = (0, 1)``, and the row player's ``x`` likewise with ``B_IJ``
transposed.  These systems, over all pairs, define every vertex of the two best-response
polyhedra ``{(x, v): x >= 0, sum x = 1, B^T x <= v}`` and ``{(y, u): ...}`` (a vertex has ``m``
independent tight inequalities: ``m - k`` zeros of ``x`` and ``k`` best-response columns).  A
point is *decided* here when every system is, at that point,

- singular at every point of the space (:mod:`._plan`, exactly, once per game), or
- far from singular (condition number below ``1 / _DET``), with a solution that is either
  clearly infeasible (some slack below minus its error bound) or a vertex: every slack either
  zero at every point (the plan's exact ties) or above its error bound.

Then each vertex's labels (the zeros of the mix and the tight best responses) are known exactly,
and the extreme equilibria are the completely labelled pairs of vertices (von Stengel 2002,
*Computing equilibria for two-person games*, Handbook of Game Theory 3, §3; Avis, Rosenberg,
Savani and von Stengel 2010), one per distinct pair of label sets: those of
``extreme_equilibria_exact``, degenerate games included when their ties hold everywhere.  The
error bounds are first-order: the payoffs are taken as known to ``_EPS`` of their scale plus
what a parameter moved by ``2e-12`` changes them by (the gap between a float and the simple
rational ``simple_fraction`` reads it as), measured by finite differences, and the solution's
error is that times the inverse's entries, times a safety factor.  Every other point (ties that
do not hold everywhere, near-ties, a payoff undefined or not finite, a nearly singular system)
is returned as *deferred*: the caller solves it exactly (:mod:`._bimatrix`, or ``gt.solve``).

Values are floats computed from the float solution: within about ``1e-9`` of ``gt.solve``'s
exact values (much closer where the systems are well conditioned), not bit-identical to their
rounding.  The order of a point's equilibria is ``gt.solve``'s: lexicographic in ``(x, y)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..games.normal_form import NormalFormGame
from ._bimatrix import column_places, per_process
from ._plan import Plan, pairs

__all__ = ["Batch", "BatchRows", "cells", "fits", "prepared_batch"]

_MAX_ACTIONS = 5  # per player; at 6 x 6 the exact per-point solve is as fast
_DET = 1e-9  # condition number above 1/_DET: nearly singular (unless singular everywhere)
_EPS = 1e-12  # payoffs known to this, relative to the point's largest payoff
_SNAP = 2e-12  # a parameter's float is within this of the rational it is read as
_SAFETY = 16.0  # times the first-order error bound
_FLOOR = 1e-13  # absolute error floor on a slack (normalised units)
_CELLS = 1 << 21  # system entries per kernel call, at most (about 16 MB an array)

_CACHE: dict[str, Batch | None] = {}  # per process: compiled once per sweep, by its token

BatchRows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""``(rows, ids, pure, values, deferred)``: per equilibrium its point (position in the chunk),
its number at the point, whether it is pure, its value columns; and the deferred positions."""


def cells(shape: tuple[int, ...]) -> int:
    """System entries per point of an ``m x n`` game (a measure of a point's work here): every
    pair of ``k`` rows and ``k`` columns gives two ``(k + 1) x (k + 1)`` systems."""
    m, n = shape
    return 1 + sum(
        2 * math.comb(m, k) * math.comb(n, k) * (k + 1) ** 2 for k in range(1, min(m, n) + 1)
    )


def fits(game: object) -> bool:
    """Whether the batched path takes ``game`` (a small two-player normal-form game)."""
    return isinstance(game, NormalFormGame) and max(game.shape) <= _MAX_ACTIONS


def prepared_batch(
    token: str, game: object, symbols: Sequence[sp.Symbol], spec: Any, plan: Plan
) -> Batch | None:
    """The compiled game of the sweep ``token`` in this process (``None`` if it cannot be)."""
    return per_process(_CACHE, token, lambda: Batch(game, symbols, spec, plan))  # type: ignore[arg-type]


class Batch:
    """A two-player game compiled for the batched float path.

    Parameters
    ----------
    game
        A two-player normal-form game (payoffs rational functions of ``symbols``).
    symbols
        The parameters, in the order of the value columns.
    spec
        The value columns (``(source, key, action)`` triples, as in :mod:`._pointwise`).
    plan
        :func:`._plan.exact_plan` of the game and ``symbols``.
    """

    def __init__(
        self,
        game: NormalFormGame,
        symbols: Sequence[sp.Symbol],
        spec: Any,
        plan: Plan,
    ) -> None:
        m, n = game.shape
        self._m, self._n = m, n
        exprs = [v for row in game.table for v in row]
        labels = list(dict.fromkeys(lab for lot in game.lotteries for lab in lot))
        # the outcome weights as an (m*n, labels) matrix of expressions
        weights = [[lot.get(lab, sp.Integer(0)) for lab in labels] for lot in game.lotteries]
        flat = exprs + [w for row in weights for w in row]
        self._fn: Callable[..., list[Any]] = sp.lambdify(list(symbols), flat, modules="numpy")
        self._labels = len(labels)
        self._plans = []
        self._cells = 1  # system entries per point
        lab_x, lab_y, supp_x, supp_y = [], [], [], []
        bit_r = 1 << np.arange(m)  # the row player's actions are labels 0..m-1
        bit_c = 1 << (m + np.arange(n))  # the column player's m..m+n-1
        for k in range(1, min(m, n) + 1):
            I_, J_ = pairs(m, n, k)
            self._cells += 2 * len(I_) * (k + 1) ** 2
            sing_y, sing_x, zero_y, zero_x = plan[k - 1]
            zy = np.array(zero_y, dtype=bool).reshape(len(I_), k + m)
            zx = np.array(zero_x, dtype=bool).reshape(len(I_), k + n)
            self._plans.append(
                (
                    k,
                    I_,
                    J_,
                    _Systems.of(I_, J_, np.array(sing_y, dtype=bool), zy, m),
                    _Systems.of(J_, I_, np.array(sing_x, dtype=bool), zx, n),
                )
            )
            # each vertex's labels (the same at every point the kernel decides): x's system
            # has its mix on I (zero elsewhere or where the plan says) and the columns J tight
            # (and those the plan says); y's likewise with the roles swapped
            off_i = np.ones((len(I_), m), dtype=bool)
            off_i[np.arange(len(I_))[:, None], I_] = False
            off_i[np.arange(len(I_))[:, None], I_] |= zx[:, :k]
            tight_j = zx[:, k:].copy()
            tight_j[np.arange(len(I_))[:, None], J_] = True
            lab_x.append((off_i * bit_r).sum(axis=1) | (tight_j * bit_c).sum(axis=1))
            off_j = np.ones((len(I_), n), dtype=bool)
            off_j[np.arange(len(I_))[:, None], J_] = False
            off_j[np.arange(len(I_))[:, None], J_] |= zy[:, :k]
            tight_i = zy[:, k:].copy()
            tight_i[np.arange(len(I_))[:, None], I_] = True
            lab_y.append((off_j * bit_c).sum(axis=1) | (tight_i * bit_r).sum(axis=1))
            supp_x.append(k - zx[:, :k].sum(axis=1))
            supp_y.append(k - zy[:, :k].sum(axis=1))
        self._lab_x, self._lab_y = np.concatenate(lab_x), np.concatenate(lab_y)
        self._supp_x, self._supp_y = np.concatenate(supp_x), np.concatenate(supp_y)
        # completely labelled pairs of vertices: the equilibria wherever both are vertices
        full = (1 << (m + n)) - 1
        self._ea, self._eb = np.nonzero((self._lab_x[:, None] | self._lab_y[None, :]) == full)
        self._pick = column_places(game, labels, spec)

    # -- evaluation -----------------------------------------------------------------------
    def _evaluate(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Payoff matrices (N, m, n) twice and outcome weights (N, m*n, labels) at the points."""
        N = len(values)
        cols = [values[:, p] for p in range(values.shape[1])]
        with np.errstate(all="ignore"):
            raw = self._fn(*cols)
        arr = np.empty((len(raw), N))
        for r, v in enumerate(raw):
            arr[r] = v  # a constant entry broadcasts
        m, n = self._m, self._n
        pay = arr[: 2 * m * n].T.reshape(N, m, n, 2)
        w = arr[2 * m * n :].T.reshape(N, m * n, self._labels)
        return pay[..., 0], pay[..., 1], w

    def solve(self, values: np.ndarray) -> BatchRows:
        """The equilibria at each row of ``values`` decided in floats, and the rows deferred.

        Points go through the kernel in slices of at most :data:`_CELLS` system entries."""
        values = np.asarray(values, dtype=float).reshape(len(values), -1)
        step = max(1, _CELLS // self._cells)
        if len(values) <= step:
            return self._solve(values)
        parts = [self._solve(values[a : a + step]) for a in range(0, len(values), step)]
        starts = range(0, len(values), step)
        return (
            np.concatenate([p[0] + a for p, a in zip(parts, starts, strict=True)]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
            np.concatenate([p[3] for p in parts]),
            np.concatenate([p[4] + a for p, a in zip(parts, starts, strict=True)]),
        )

    def _solve(self, values: np.ndarray) -> BatchRows:
        N, m, n = len(values), self._m, self._n
        A, B, W = self._evaluate(values)
        bad = ~(np.isfinite(A).all(axis=(1, 2)) & np.isfinite(B).all(axis=(1, 2)))
        bad |= ~np.isfinite(W).all(axis=(1, 2))
        scale = np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2)))
        bad |= ~(scale > 0)  # an all-zero game is degenerate
        safe_scale = np.where(bad, 1.0, scale)
        # how far the payoffs may be from the exact ones, relative to the scale
        drift = np.zeros(N)
        for p in range(values.shape[1]):
            h = 1e-6 * np.maximum(1.0, np.abs(values[:, p]))
            moved = values.copy()
            moved[:, p] += h
            A2, B2, _ = self._evaluate(moved)
            with np.errstate(all="ignore"):
                slope = (
                    np.maximum(np.abs(A2 - A).max(axis=(1, 2)), np.abs(B2 - B).max(axis=(1, 2))) / h
                )
            bad |= ~np.isfinite(slope)
            drift += np.where(np.isfinite(slope), slope, 0.0) * _SNAP
        eps = _EPS + drift / safe_scale
        bad |= ~(eps < 1e-6)
        An = np.where(bad[:, None, None], 0.0, A) / safe_scale[:, None, None]
        Bn = np.where(bad[:, None, None], 0.0, B) / safe_scale[:, None, None]
        xs, ys, vx, vy = [], [], [], []
        for k, I_, J_, sys_y, sys_x in self._plans:
            # y's systems: A on I x J; x's: B on I x J, transposed (rows J, columns I)
            yv, ok_y, vert_y = _systems(An, sys_y, eps)
            xu, ok_x, vert_x = _systems(np.swapaxes(Bn, 1, 2), sys_x, eps)
            bad |= ~(ok_y.all(axis=1) & ok_x.all(axis=1))
            vx.append(vert_x)
            vy.append(vert_y)
            xs.append(_spread(np.where(sys_x.exact_mix, 0.0, xu[..., :k]), I_, m, sys_x.pair))
            ys.append(_spread(np.where(sys_y.exact_mix, 0.0, yv[..., :k]), J_, n, sys_y.pair))
        both = np.concatenate(vx, axis=1)[:, self._ea] & np.concatenate(vy, axis=1)[:, self._eb]
        both &= ~bad[:, None]
        pts, c = np.nonzero(both)
        a, b = self._ea[c], self._eb[c]
        # a vertex reached from several bases (degenerate, every time) is one equilibrium
        shift = m + n
        key = (pts.astype(np.int64) << (2 * shift)) | (self._lab_x[a] << shift) | self._lab_y[b]
        _, first_seen = np.unique(key, return_index=True)
        pts, a, b = pts[first_seen], a[first_seen], b[first_seen]
        x = np.concatenate(xs, axis=1)[pts, a]
        y = np.concatenate(ys, axis=1)[pts, b]
        pure = (self._supp_x[a] == 1) & (self._supp_y[b] == 1)
        # gt.solve's order: by point, then lexicographic in (x, y) (rounded: float noise)
        keys = np.round(np.concatenate([x, y], axis=1), 10)
        order = np.lexsort((*keys.T[::-1], pts))
        pts, x, y, pure = pts[order], x[order], y[order], pure[order]
        first = np.ones(len(pts), dtype=bool)
        first[1:] = pts[1:] != pts[:-1]
        starts = np.flatnonzero(first)
        ids = np.arange(len(pts)) - np.repeat(starts, np.diff(np.append(starts, len(pts))))
        # values: payoffs, outcome probabilities, strategies
        prof = (x[:, :, None] * y[:, None, :]).reshape(len(pts), m * n)
        pay_r = (prof * A[pts].reshape(len(pts), m * n)).sum(axis=1)
        pay_c = (prof * B[pts].reshape(len(pts), m * n)).sum(axis=1)
        probs = np.matmul(prof[:, None, :], W[pts])[:, 0, :]
        full = np.concatenate([pay_r[:, None], pay_c[:, None], probs, x, y], axis=1)
        cols = [full[:, k] if k is not None else np.full(len(pts), np.nan) for k in self._pick]
        vals = np.column_stack(cols) if cols else np.empty((len(pts), 0))
        return pts, ids, pure, vals, np.flatnonzero(bad)


@dataclass(frozen=True)
class _Systems:
    """One player's systems of one support size, with what the kernel reads off them at
    every call computed once: ``R`` (pairs, k) the rows made indifferent, ``S`` (pairs, k)
    the columns of the mix; which are singular everywhere; and the slacks that are zero by
    construction or by the plan (the mix's entries, then every row's)."""

    R: np.ndarray
    S: np.ndarray
    block_rows: np.ndarray  # R[:, :, None]
    block_cols: np.ndarray  # S[:, None, :]
    pair: np.ndarray  # arange(pairs)[:, None]
    singular: np.ndarray  # (1, pairs)
    regular: np.ndarray  # (1, pairs): not singular everywhere
    exact_mix: np.ndarray  # (1, pairs, k)
    exact_rows: np.ndarray  # (1, pairs, r)

    @classmethod
    def of(
        cls, R: np.ndarray, S: np.ndarray, singular: np.ndarray, zero: np.ndarray, r: int
    ) -> _Systems:
        """``zero`` (pairs, k + r): the slacks the plan says vanish everywhere."""
        P, k = R.shape
        pair = np.arange(P)[:, None]
        exact_rows = zero[:, k:].copy()  # rows in R are tight by construction
        exact_rows[pair, R] = True
        return cls(
            R,
            S,
            R[:, :, None],
            S[:, None, :],
            pair,
            singular[None, :],
            ~singular[None, :],
            zero[None, :, :k],
            exact_rows[None],
        )


def _systems(
    M: np.ndarray, sys_: _Systems, eps: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each point and pair: the solution ``(z_S, t)`` of ``M[R, S] z = t, sum z = 1``,
    whether the pair is decided there, and whether it is a vertex.

    ``M`` is (N, r, s) with entries at most 1 in absolute value; the systems' rows, columns
    and exact zeros are ``sys_``'s.  Decided: singular everywhere; or some slack clearly
    negative (no vertex); or every other slack clearly positive (a vertex)."""
    N = M.shape[0]
    P, k = sys_.R.shape
    block = M[:, sys_.block_rows, sys_.block_cols]  # (N, P, k, k)
    if k == 1:  # [[a, -1], [1, 0]] has the inverse [[0, 1], [-1, a]], exactly
        inv = np.zeros((N, P, 2, 2))
        inv[..., 0, 1] = 1.0
        inv[..., 1, 0] = -1.0
        inv[..., 1, 1] = block[..., 0, 0]
        regular = np.ones((N, P), dtype=bool)
    else:
        inv, regular = _inverse(block, eps)
    regular &= sys_.regular  # singular everywhere: never a vertex, whatever floats say
    decided = regular | sys_.singular
    z = inv[..., :, k]  # the solution: the last column of the inverse
    mix, t = z[..., :k], z[..., k]
    mass = np.abs(mix).sum(axis=2)
    # first-order error: d z = -inv dM z, |dM| <= eps on the k x k block
    err_z = (eps[:, None] * mass)[..., None] * np.abs(inv[..., :, :k]).sum(axis=3)
    err_mix, err_t = err_z[..., :k], err_z[..., k]
    # slacks: the mix's entries, and t - M_i z for rows i not in R
    Mz = np.matmul(_spread(mix, sys_.S, M.shape[2], sys_.pair), np.swapaxes(M, 1, 2))  # (N, P, r)
    slack_rows = t[..., None] - Mz  # (N, P, r)
    err_rows = err_t + err_mix.sum(axis=2) + eps[:, None] * mass
    slack_rows = np.where(sys_.exact_rows, np.inf, slack_rows)
    slack_mix = np.where(sys_.exact_mix, np.inf, mix)
    band_mix = _SAFETY * err_mix + _FLOOR
    band_rows = (_SAFETY * err_rows + _FLOOR)[..., None]
    below = (slack_mix < -band_mix).any(axis=2) | (slack_rows < -band_rows).any(axis=2)
    above = (slack_mix > band_mix).all(axis=2) & (slack_rows > band_rows).all(axis=2)
    decided &= ~regular | below | above
    return z, decided, regular & above & ~below


def _inverse(block: np.ndarray, eps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inverses of ``[[block, -1], [1, 0]]`` and whether each is far from singular: its
    condition number (infinity norm) below ``1 / _DET``, and the payoffs' uncertainty times
    the inverse's norm small, so that the first-order error bounds hold."""
    N, P, k, _ = block.shape
    sys_ = np.empty((N, P, k + 1, k + 1))
    sys_[..., :k, :k] = block
    sys_[..., :k, k] = -1.0
    sys_[..., k, :k] = 1.0
    sys_[..., k, k] = 0.0
    zero = np.zeros((N, P), dtype=bool)
    try:
        inv = np.linalg.inv(sys_)
    except np.linalg.LinAlgError:  # some system singular in floats: set it aside
        zero = np.linalg.det(sys_) == 0.0
        sys_[zero] = np.eye(k + 1)
        inv = np.linalg.inv(sys_)
    norm = np.abs(inv).sum(axis=3).max(axis=2)
    cond = np.abs(sys_).sum(axis=3).max(axis=2) * norm
    with np.errstate(invalid="ignore"):
        regular = ~zero & (cond < 1.0 / _DET) & ((k + 1) * eps[:, None] * norm < 1e-3)
    return inv, regular


def _spread(mix: np.ndarray, S: np.ndarray, s: int, pair: np.ndarray | None = None) -> np.ndarray:
    """(N, P, k) entries on columns ``S`` of each pair as (N, P, s) with zeros elsewhere
    (``pair``: ``arange(P)[:, None]``, if the caller has it)."""
    N, P, _ = mix.shape
    out = np.zeros((N, P, s))
    out[:, np.arange(P)[:, None] if pair is None else pair, S] = mix
    return out

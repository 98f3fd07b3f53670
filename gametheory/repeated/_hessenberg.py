"""``det A`` and ``det A · A⁻¹ B`` of :mod:`._modular`'s system modulo primes, as polynomials in
``δ``, by one characteristic polynomial and one Krylov sequence per prime.

With ``A = diag(L) − δ K`` and ``B = diag(L)(1 − δ) Π``, let ``C = diag(L)⁻¹ K`` and
``P = diag(L)⁻¹ B / (1 − δ)`` (the transition and action probabilities, mod ``p``).  Then

- ``det A = (Π L_s) q(δ)`` with ``q(δ) = det(I − δ C) = Σ_k a_k δ^k``, ``a_k`` the
  coefficients of the characteristic polynomial ``λ^n + a_1 λ^{n−1} + … + a_n`` of ``C``;
- ``det A · A⁻¹ B = (Π L_s)(1 − δ) adj(I − δ C) P``, and since ``(I − δ C)⁻¹ = Σ_j δ^j C^j``,
  ``adj(I − δ C) = q(δ)(I − δ C)⁻¹ = Σ_{k<n} δ^k Σ_{j≤k} a_{k−j} C^j`` (Cayley–Hamilton ends
  the sum at ``n − 1``), whose coefficients times ``P`` follow by Horner's rule,
  ``adj_k P = a_k P + C adj_{k−1} P``.

The characteristic polynomial comes from a reduction of ``C`` to upper Hessenberg form by
elimination similarities (with a pivot search per prime; a column with no pivot is a block
boundary, not a failure) and the Hessenberg recurrence (Cohen, *A Course in Computational
Algebraic Number Theory*, 1993, Alg. 2.2.9), ``O(n³)`` per prime where evaluating and
interpolating at ``n + 1`` points costs ``O(n⁴)``.  All primes of a batch at once in numpy
``int64``: residues below ``2^28``, products reduced before they are summed, matrix products
split into 14-bit halves (not ``float64``: BLAS threads spend more CPU than they save here).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["residues"]

_HALF = 14  # bits: a residue (< 2^28) times a half (< 2^14), summed n < 2^20 times, fits int64


def residues(
    diag: Sequence[int],
    k_rows: Sequence[dict[int, int]],
    pi: Sequence[Sequence[int]],
    primes: Sequence[int],
) -> list[np.ndarray | None]:
    """Per prime ``p``, the coefficients mod ``p`` (shape ``(n + 1, 1 + n m)``, lowest degree
    first) of ``det A`` (column 0) and of ``det A · A⁻¹ B`` (column ``1 + s m + a`` for row
    ``s``, action profile ``a``); ``None`` for a prime that divides some ``L_s``."""
    n, m = len(diag), len(pi[0])
    ps = np.array(primes, dtype=np.int64)
    p1, p2 = ps[:, None], ps[:, None, None]
    lp = np.array([[d % p for d in diag] for p in primes], dtype=np.int64)  # (P, n)
    ok = (lp != 0).all(axis=1)
    lp[~ok] = 1
    linv = _inverse(lp, p1)
    c = np.zeros((len(primes), n, n), dtype=np.int64)
    for s, row in enumerate(k_rows):
        for t, v in row.items():
            c[:, s, t] = [v % p for p in primes]
    c = c * linv[:, :, None] % p2  # C = diag(L)⁻¹ K
    probs = np.array([[[w % p for w in r] for r in pi] for p in primes], dtype=np.int64)
    probs = probs * linv[:, :, None] % p2  # (P, n, m)
    q = _charpoly(_hessenberg(c.copy(), ps), ps)  # (P, n + 1): a_0 = 1, ..., a_n
    # adj_k = Σ_{j≤k} a_{k−j} C^j P = a_k P + C adj_{k−1}  (Horner), k < n
    adj = np.empty((len(primes), n, n, m), dtype=np.int64)
    adj[:, 0] = probs
    for k in range(1, n):
        adj[:, k] = (_matmul(c, adj[:, k - 1], p2) + q[:, k, None, None] * probs) % p2
    flat = adj.reshape(len(primes), n, n * m)
    det_l = np.ones(len(primes), dtype=np.int64)
    for s in range(n):
        det_l = det_l * lp[:, s] % ps
    nums = np.zeros((len(primes), n + 1, n * m), dtype=np.int64)
    nums[:, :n] += flat
    nums[:, 1:] -= flat  # times (1 − δ)
    nums = nums % p2 * det_l[:, None, None] % p2
    det = q * det_l[:, None] % p1
    out = np.concatenate([det[:, :, None], nums], axis=2)  # (P, n + 1, 1 + n m)
    return [out[i] if ok[i] else None for i in range(len(primes))]


def _hessenberg(h: np.ndarray, ps: np.ndarray) -> np.ndarray:
    """Upper Hessenberg matrices similar to ``h[i]`` mod ``ps[i]`` (in place): for each
    column, the first row below the subdiagonal with a nonzero entry is swapped up (rows and
    columns, a similarity), then the entries below it are eliminated by row operations and
    the inverse column operations."""
    nb, n = h.shape[:2]
    p1, p2 = ps[:, None], ps[:, None, None]
    idx = np.arange(nb)
    for j in range(n - 2):
        below = h[:, j + 1 :, j] != 0
        has = below.any(axis=1)
        piv = np.argmax(below, axis=1) + j + 1  # j + 1 where the column is zero: no swap
        swap = piv != j + 1
        if swap.any():
            b, r = idx[swap], piv[swap]
            rows = h[b, j + 1, :].copy()
            h[b, j + 1, :] = h[b, r, :]
            h[b, r, :] = rows
            cols = h[b, :, j + 1].copy()
            h[b, :, j + 1] = h[b, :, r]
            h[b, :, r] = cols
        if j + 2 >= n:
            continue
        pivot = np.where(has, h[:, j + 1, j], 1)
        u = h[:, j + 2 :, j] * _inverse(pivot, ps)[:, None] % p1  # (P, n − j − 2)
        h[:, j + 2 :, :] = (h[:, j + 2 :, :] - u[:, :, None] * h[:, j + 1, None, :]) % p2
        h[:, :, j + 1] = (h[:, :, j + 1] + (h[:, :, j + 2 :] * u[:, None, :] % p2).sum(-1)) % p1
    return h


def _charpoly(h: np.ndarray, ps: np.ndarray) -> np.ndarray:
    """``(a_0, …, a_n)`` with ``det(λ I − H) = Σ_k a_k λ^{n−k}`` for upper Hessenberg ``H``
    mod ``ps`` (``a_0 = 1``), by ``p_m = (λ − h_mm) p_{m−1} − Σ_{i<m} h_im t_im p_{i−1}``,
    ``t_im`` the product of the subdiagonal entries ``h_{i+1,i} … h_{m,m−1}`` (1-based)."""
    nb, n = h.shape[:2]
    p1, p2 = ps[:, None], ps[:, None, None]
    polys = np.zeros((nb, n + 1, n + 1), dtype=np.int64)  # [i] = p_i, lowest degree first
    polys[:, 0, 0] = 1
    t = np.zeros((nb, 0), dtype=np.int64)
    for k in range(1, n + 1):  # p_k from the leading k × k block
        prev = polys[:, k - 1]
        new = np.zeros((nb, n + 1), dtype=np.int64)
        new[:, 1:] = prev[:, :-1]
        new = (new - h[:, k - 1, k - 1, None] * prev) % p1
        if k > 1:
            t = np.concatenate([t, np.ones((nb, 1), dtype=np.int64)], axis=1)
            t = t * h[:, k - 1, k - 2, None] % p1  # t_i = h_{i+1,i} … h_{k,k−1}, i < k
            w = h[:, : k - 1, k - 1] * t % p1  # (P, k − 1)
            new = (new - (w[:, :, None] * polys[:, : k - 1] % p2).sum(1)) % p1
        polys[:, k] = new
    return polys[:, n, ::-1].copy()


def _matmul(a: np.ndarray, b: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """``a @ b`` mod ``p`` (batched), ``b`` split in halves of :data:`_HALF` bits so that no
    sum of products leaves ``int64``."""
    lo = b & ((1 << _HALF) - 1)
    hi = b >> _HALF
    out = (a @ hi) % p2
    return (out * (1 << _HALF) + (a @ lo) % p2) % p2


def _inverse(a: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``a^{-1} mod p`` elementwise (``p`` broadcasts against ``a``; ``a`` nonzero mod ``p``)."""
    pb = np.broadcast_to(p, a.shape)
    out = [
        pow(int(x), -1, int(q))
        for x, q in zip(a.ravel().tolist(), pb.ravel().tolist(), strict=True)
    ]
    return np.array(out, dtype=np.int64).reshape(a.shape)

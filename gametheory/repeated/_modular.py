"""A chain's discounted frequencies as a :class:`._dense.Dense`, by multi-modular arithmetic.

When ``δ`` is the only symbol (the probabilities are rational numbers), the frequencies solve
``(I − δ M) X = (1 − δ) Π``; scaled row by row to integers (``L_s`` the least common multiple of
row ``s``'s denominators) this is ``A(δ) X = B(δ)`` with ``A = diag(L) − δ K`` and
``B = diag(L)(1 − δ) Π``: integer entries of degree ≤ 1.  By Cramer's rule ``det A · X = N`` with
``det A`` and the entries of ``N`` integer polynomials of degree ≤ ``n`` (the number of states),
and ``det A(0) = Π L_s > 0``.  The fraction field of ``δ`` takes a polynomial gcd per operation
(degree ~60 for a 64-state component: minutes); here instead

- ``det A`` and ``N`` are computed modulo primes ``p < 2^28`` as polynomials in ``δ``, from
  one characteristic polynomial and one Horner recurrence per prime (:mod:`._hessenberg`;
  all primes of a batch at once in numpy ``int64``);
- lifted to signed integers by the Chinese remainder theorem (Garner's mixed radix), with
  enough primes for a proved bound: each coefficient of a ``n × n`` determinant of
  polynomials is at most the product of the rows' coefficient 1-norms (the determinant is a
  signed sum over permutations, and ``‖pq‖₁ ≤ ‖p‖₁ ‖q‖₁``); Cramer's numerators replace a
  column by one of ``B``, so the product over rows of (row 1-norm of ``A`` + largest 1-norm
  of a ``B`` entry) bounds them all;
- **verified exactly**: ``A(δ) N(δ) = det A(δ) · B(δ)`` as a polynomial identity in Python
  integers (cheap: ``A`` is sparse and linear in ``δ``); with ``det A ≠ 0`` it proves
  ``X = N / det A`` whatever happened modulo the primes.  An answer that fails it is never
  returned (the caller then takes the field path).

Finally the common factor of ``det A`` and every numerator is divided out, so the denominator
is the least common multiple of the frequencies' reduced denominators, as
:func:`._dense.dense_frequencies` gives from the field.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from . import _chain, _hessenberg
from ._dense import Dense, Poly, divide_content, fraction, trim

__all__ = ["LARGE", "MAX_STATES", "FieldRows", "chain_frequencies", "solve_dense"]

LARGE = 8  # a chain whose largest strongly connected component has more states comes here
MAX_STATES = 160  # larger chains stay in the field
_PRIME_BITS = 28


def largest_component(chain: _chain.Chain, on_path: bool) -> int:
    """The number of states of the chain's largest strongly connected component."""
    succ: list[dict[int, None]] = [
        {t: None for a in chain.profiles if chain.prob(s, a) != 0 for t in chain.moves[(s, a)]}
        for s in range(len(chain.states))
    ]
    wanted = _chain._reachable(succ, 0) if on_path else set(range(len(chain.states)))
    return max(len(c) for c in _chain._components(succ, wanted))


def chain_frequencies(
    chain: _chain.Chain, f: _chain.Field, *, on_path: bool = False
) -> Dense | None:
    """The frequencies of :func:`._chain.frequencies` as a :class:`Dense` (rows of the states
    not solved, with ``on_path``, are empty), or ``None`` (then the field is the path) when
    ``f`` is not ``QQ(δ)``, more than :data:`MAX_STATES` states are to be solved, or the exact
    verification fails."""
    gens: tuple[Any, ...] = tuple(getattr(f.k, "symbols", ()))
    if len(gens) != 1 or f.delta is None or gens[0] != f.delta:
        return None
    n = len(chain.states)
    probs: list[list[Fraction]] = []
    succ: list[dict[int, Fraction]] = []
    for s in range(n):
        q = [fraction(chain.prob(s, a)) for a in chain.profiles]
        row: dict[int, Fraction] = {}
        for a, w in zip(chain.profiles, q, strict=True):
            if w:
                for t, p in chain.moves[(s, a)].items():
                    row[t] = row.get(t, Fraction(0)) + w * fraction(p)
        probs.append(q)
        succ.append({t: v for t, v in row.items() if v})
    wanted = sorted(_chain._reachable(succ, 0) if on_path else range(n))
    if len(wanted) > MAX_STATES:
        return None  # larger chains stay in the field
    pos = {s: k for k, s in enumerate(wanted)}
    scale = [math.lcm(*(x.denominator for x in (*probs[s], *succ[s].values()))) for s in wanted]
    diag = scale
    k_rows = [
        {pos[t]: int(v * L) for t, v in succ[s].items()} for s, L in zip(wanted, scale, strict=True)
    ]
    pi = [[int(x * L) for x in probs[s]] for s, L in zip(wanted, scale, strict=True)]
    solved = solve_dense(diag, k_rows, pi)
    if solved is None:
        return None
    den, nums = solved
    rows: list[tuple[Poly, ...]] = [() for _ in range(n)]
    for s, num in zip(wanted, nums, strict=True):
        rows[s] = tuple(num)
    return Dense(den, tuple(rows), f.delta)


def solve_dense(
    diag: Sequence[int],
    k_rows: Sequence[dict[int, int]],
    pi: Sequence[Sequence[int]],
    *,
    tamper: Any = None,
) -> tuple[Poly, list[list[Poly]]] | None:
    """``(D, N)`` with ``X = N / D`` in lowest common terms (``D(0) > 0``) for
    ``(diag(L) − δ K) X = diag(L)(1 − δ) Π``: ``diag`` the ``L_s``, ``k_rows[s]`` the nonzero
    ``K[s][t]``, ``pi[s][a]`` the integers ``L_s Π[s][a]``.  ``None`` when the exact check
    fails.  ``tamper`` (tests only) may alter the residues before the lift."""
    n, m = len(diag), len(pi[0])
    norms = [
        diag[s] + sum(abs(v) for v in k_rows[s].values()) + 2 * max(abs(x) for x in pi[s])
        for s in range(n)
    ]
    bound = math.prod(norms)  # every coefficient of det A and N is at most this
    need = bound.bit_length() + 2 + 20  # signed, with margin
    primes: list[int] = []
    residues: list[np.ndarray] = []  # per prime: (n + 1, 1 + n·m) coefficients mod p
    pool = _primes()
    bits, tried = 0, 0
    while bits < need:
        if tried > 2 * need // (_PRIME_BITS - 1) + 8:
            return None  # primes keep failing: leave it to the field
        batch = [next(pool) for _ in range(max(1, -(-(need - bits) // (_PRIME_BITS - 1))))]
        tried += len(batch)
        for p, coeffs in zip(batch, _hessenberg.residues(diag, k_rows, pi, batch), strict=True):
            if coeffs is not None:
                primes.append(p)
                residues.append(coeffs)
                bits += p.bit_length() - 1
    stack = np.stack(residues)  # (primes, n + 1, 1 + n m)
    if tamper is not None:
        stack = tamper(stack, primes)
    lifted = _garner(stack.reshape(len(primes), -1), primes)
    width = 1 + n * m
    coef = [lifted[k::width] for k in range(width)]  # lowest degree first
    det = trim(list(coef[0]))
    nums = [[trim(list(coef[1 + s * m + a])) for a in range(m)] for s in range(n)]
    if not _verified(diag, k_rows, pi, det, nums):
        return None
    _, (den, *parts) = divide_content([det, *(x for row in nums for x in row if any(x))])
    reduced = iter(parts)
    out = [[next(reduced) if any(x) else [0] for x in row] for row in nums]
    if den[0] < 0:
        den = [-c for c in den]
        out = [[[-c for c in x] for x in row] for row in out]
    return trim(den), out


def _verified(
    diag: Sequence[int],
    k_rows: Sequence[dict[int, int]],
    pi: Sequence[Sequence[int]],
    det: Poly,
    nums: list[list[Poly]],
) -> bool:
    """Whether ``(diag(L) − δ K) N = det · diag(L)(1 − δ) Π`` exactly, and ``det ≠ 0``:
    each entry of the difference, a polynomial whose coefficients are at most ``M`` (from
    those of ``N`` and ``det``), is zero iff its value at ``ξ = 2^k > M + 1`` is (its roots
    are below ``1 + M`` in absolute value, Cauchy's bound), so both sides are compared as
    integers at ``ξ``."""
    if not any(det):
        return False
    top_num = max(max(map(abs, x)) for row in nums for x in row)
    top_det = max(map(abs, det))
    bound = max(
        (L + sum(map(abs, k_rows[s].values()))) * top_num + 2 * max(map(abs, pi[s])) * top_det
        for s, L in enumerate(diag)
    )
    k = (bound + 1).bit_length() + 1
    xi = 1 << k
    at_det = _value(det, k)
    at = [[_value(x, k) for x in row] for row in nums]
    for s, L in enumerate(diag):
        for a, w in enumerate(pi[s]):
            lhs = L * at[s][a] - xi * sum(v * at[t][a] for t, v in k_rows[s].items())
            if lhs != w * (1 - xi) * at_det:
                return False
    return True


def _value(p: Poly, k: int) -> int:
    """``p(2^k)``."""
    v = 0
    for c in reversed(p):
        v = (v << k) + c
    return v


def _primes() -> Iterator[int]:
    """Primes below ``2^28``, downward."""
    p = (1 << _PRIME_BITS) - 1
    while True:
        p -= 2
        if sp.isprime(p):
            yield p


def _garner(res: np.ndarray, primes: list[int]) -> list[int]:
    """The signed integers (``|x| < Π p / 2``) with the residues ``res[i]`` mod ``primes[i]``,
    by Garner's mixed radix digits (vectorised), assembled for all values at once: each
    digit vector packed into one big integer, a slot of whole 64-bit words per value (wide
    enough for ``Π p``, so no slot carries into the next), and Horner's rule run on those."""
    k = len(primes)
    digits = [res[0] % primes[0]]
    for i in range(1, k):
        p = primes[i]
        t = digits[i - 1].copy()
        for j in range(i - 2, -1, -1):
            t = (t * (primes[j] % p) + digits[j]) % p
        prod = 1
        for j in range(i):
            prod = prod * primes[j] % p
        inv = pow(prod, p - 2, p)
        digits.append((res[i] - t) % p * inv % p)
    total = math.prod(primes)
    half = total // 2
    words = total.bit_length() // 64 + 1
    slots = np.zeros((res.shape[1], words), dtype="<u8")

    def packed(d: np.ndarray) -> int:
        slots[:, 0] = d
        return int.from_bytes(slots.tobytes(), "little")

    x = packed(digits[k - 1])
    for i in range(k - 2, -1, -1):
        x = x * primes[i] + packed(digits[i])  # every slot stays below Π p
    size = 8 * words
    data = x.to_bytes(res.shape[1] * size, "little")
    out = [int.from_bytes(data[v : v + size], "little") for v in range(0, len(data), size)]
    return [v - total if v > half else v for v in out]


class FieldRows(Sequence[list[Any]]):
    """The rows of a :class:`Dense` as elements of the field ``f`` (``N / D`` in lowest
    terms), converted on first use: the consumers that need field elements mostly read only
    the start's row."""

    def __init__(self, dense: Dense, f: _chain.Field) -> None:
        self._dense = dense
        self._f = f
        self._rows: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._dense.rows)

    def __getitem__(self, s: Any) -> Any:
        if isinstance(s, slice):
            return [self[k] for k in range(len(self))[s]]
        if s < 0:
            s += len(self)
        known = self._rows.get(s)
        if known is None:
            field = self._f.k.field
            ring = field.ring
            den = field(ring.from_list([sp.QQ(c) for c in reversed(self._dense.den)]))
            known = self._rows[s] = [
                field(ring.from_list([sp.QQ(c) for c in reversed(x)])) / den
                for x in self._dense.rows[s]
            ]
        return known

"""A policy's value from the start, by fraction-free elimination in ``ZZ[δ]``.

The Nash check compares the profile's value with that of every deterministic policy of a
player against the others' automata (:func:`.check._enumerated`).  A policy's values solve
``(I − δ P) V = (1 − δ) W`` (``P`` its transition matrix on the states it reaches, ``W`` the
weights of the action profiles it plays); only ``V(start)`` is needed.  With the start ordered
last, Bareiss' fraction-free elimination (Bareiss 1968, *Math. Comp.* 22) leaves
``det(I − δ P)`` in the last pivot and Cramer's numerator of ``V(start)`` in the last row of the
right-hand sides, every division on the way exact: integer polynomials on a few states (each
carried as its value at a power of two, one big integer: :func:`_eliminate`), where the
fraction field of ``δ`` takes a gcd per operation.

``det(I − δ P) > 0`` on ``[0, 1)`` (``I − δ P`` is strictly diagonally dominant there), so the
sign of a value comparison is that of its numerator over the product of two positive
denominators (see :mod:`._dense`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ._dense import Poly, add_scaled, fraction, trim

__all__ = ["GainBase", "gains", "start_value"]


def start_value(mdp: Any, policy: tuple[str, ...]) -> tuple[Poly, list[Poly]]:
    """``(det, N)`` with ``V^π(start)[a] = N[a] / det`` for each action profile ``a``, and
    ``det(0) > 0`` (so ``det > 0`` on ``[0, 1)``).  The MDP's probabilities and weights must
    be rational numbers (the coefficient field is ``QQ(δ)``)."""
    rows, n, m = _system(mdp, policy, {})
    k = _bits(rows, 1)
    det_v, num_v = _eliminate(rows, n, m, k)
    det, num = _digits(det_v, k, n + 1), [_digits(x, k, n + 1) for x in num_v]
    if det[0] < 0:
        det, num = [-c for c in det], [[-c for c in x] for x in num]
    return det, num


Entries = tuple[dict[int, Fraction], dict[int, Fraction], int]


@dataclass(frozen=True)
class GainBase:
    """The profile's side of every policy's gain (its value ``own / den``), and what
    :func:`gains` keeps from one policy to the next: each state's entries under each action,
    and the values of ``own`` and ``den`` at each ``2^k``.  One per player's MDP."""

    own: list[Poly]
    den: Poly
    scale: int  # the largest coefficient 1-norm of own and den
    entries: dict[tuple[int, str], Entries] = field(default_factory=dict)
    values: dict[int, tuple[list[int], int]] = field(default_factory=dict)

    @staticmethod
    def of(own: list[Poly], den: Poly) -> GainBase:
        return GainBase(own, den, max(sum(map(abs, den)), *(sum(map(abs, o)) for o in own)))


def gains(mdp: Any, policy: tuple[str, ...], base: GainBase) -> list[Poly]:
    """``own[a] · det − N[a] · den`` for each action profile ``a`` (``det``, ``N`` as
    :func:`start_value`): the numerators of the profile's value ``own / den`` less the
    policy's, over ``den · det``.  The products are taken on the values at ``2^k`` (``k``
    large enough for their coefficients too), and only the gains unpacked."""
    rows, n, m = _system(mdp, policy, base.entries)
    k = _bits(rows, 2 * base.scale)
    det_v, num_v = _eliminate(rows, n, m, k)
    half = 1 << (k - 1)
    sign = 1 if ((det_v + half) & ((1 << k) - 1)) - half > 0 else -1  # the sign of det(0)
    values = base.values.get(k)
    if values is None:
        values = base.values[k] = ([_value(o, k) for o in base.own], _value(base.den, k))
    count = max(len(base.den), *(len(o) for o in base.own)) + n + 1
    return [
        _digits(sign * (o * det_v - x * values[1]), k, count)
        for o, x in zip(values[0], num_v, strict=True)
    ]


def _system(
    mdp: Any, policy: tuple[str, ...], known: dict[tuple[int, str], Entries]
) -> tuple[list[list[Poly]], int, int]:
    """``[I − δP | (1 − δ) W]`` on the states ``policy`` reaches, the start last, each row
    scaled to integers (entries read once into ``known``, by state and action); and its numbers
    of unknowns and of right-hand sides."""
    seen = [0]
    k = 0
    while k < len(seen):
        for t in mdp.move[(seen[k], policy[seen[k]])]:
            if t not in seen:
                seen.append(t)
        k += 1
    order = [*seen[1:], 0]  # the start last: its unknown is the last one eliminated
    pos = {s: j for j, s in enumerate(order)}
    n, m = len(order), len(mdp.payoffs)
    rows: list[list[Poly]] = []
    for s in order:
        b = policy[s]
        if (s, b) not in known:
            known[(s, b)] = _entries(mdp, s, b)
        moves, weights, scale = known[(s, b)]
        row: list[Poly] = [[0] for _ in range(n + m)]
        row[pos[s]] = [scale]
        for t, p in moves.items():
            add_scaled(row[pos[t]], [0, -int(p * scale)], 1)
        for a, q in weights.items():
            c = int(q * scale)
            row[n + a] = [c, -c]  # (1 − δ) · weight
        rows.append([trim(x) for x in row])
    return rows, n, m


def _entries(mdp: Any, s: int, b: str) -> Entries:
    """State ``s``'s moves and action-profile weights under ``b``, and their common
    denominator."""
    moves = {t: fraction(p) for t, p in mdp.move[(s, b)].items()}
    weights = {a: fraction(q) for a, q in mdp.weights[(s, b)].items()}
    scale = math.lcm(*(v.denominator for v in (*moves.values(), *weights.values())))
    return moves, weights, scale


def _bits(rows: list[list[Poly]], factor: int) -> int:
    """``k``, whole bytes, with ``2^k > 4 M · factor`` (``M`` the product of the rows'
    coefficient 1-norms: a bound on every minor's, see :func:`_eliminate`)."""
    bound = math.prod(max(1, sum(sum(map(abs, x)) for x in row)) for row in rows) * factor
    return -(-(bound.bit_length() + 2) // 8) * 8


def _eliminate(rows: list[list[Poly]], n: int, m: int, k: int) -> tuple[int, list[int]]:
    """Bareiss' elimination of ``n`` rows ``[A | B]`` (integer polynomials, ``A`` regular) at
    ``δ = ξ = 2^k`` in Python integers (``k`` from :func:`_bits`): the values of the last
    pivot (``± det A``) and of the last row of ``B`` (Cramer's numerators of the last
    unknown).  Every entry on the way is
    a minor of ``[A | B]``, so its coefficients are at most the product ``M`` of the rows'
    coefficient 1-norms; with ``ξ > 4M`` a polynomial of such coefficients is zero iff its
    value is (no root beyond ``1 + M``), the exact divisions of polynomials are exact
    divisions of values, and the coefficients are read off the digits of the value in base
    ``ξ``."""
    vals = [[_value(x, k) for x in row] for row in rows]
    prev = 1
    for j in range(n - 1):
        pivot = next(i for i in range(j, n) if vals[i][j])
        vals[j], vals[pivot] = vals[pivot], vals[j]
        head = vals[j]
        ajj = head[j]
        for i in range(j + 1, n):
            row = vals[i]
            aij = row[j]
            for c in range(j + 1, n + m):
                row[c] = (ajj * row[c] - aij * head[c]) // prev
            row[j] = 0
        prev = ajj
    last = vals[n - 1]
    return last[n - 1], last[n:]


def _value(p: Poly, k: int) -> int:
    """``p(2^k)``."""
    v = 0
    for c in reversed(p):
        v = (v << k) + c
    return v


def _digits(v: int, k: int, count: int) -> Poly:
    """The polynomial of at most ``count`` coefficients, each of absolute value below
    ``2^(k − 2)``, whose value at ``2^k`` is ``v`` (``k`` a multiple of 8), trimmed."""
    size = k // 8
    half = 1 << (k - 1)
    offset = int.from_bytes(half.to_bytes(size, "little") * count, "little")
    data = (v + offset).to_bytes(size * count, "little")
    return trim(
        [int.from_bytes(data[i : i + size], "little") - half for i in range(0, len(data), size)]
    )

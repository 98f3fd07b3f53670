"""A policy's value from the start, by fraction-free elimination in ``ZZ[δ]``.

The Nash check compares the profile's value with that of every deterministic policy of a
player against the others' automata (:func:`.check._enumerated`).  A policy's values solve
``(I − δ P) V = (1 − δ) W`` (``P`` its transition matrix on the states it reaches, ``W`` the
weights of the action profiles it plays); only ``V(start)`` is needed.  With the start ordered
last, Bareiss' fraction-free elimination (Bareiss 1968, *Math. Comp.* 22) leaves
``det(I − δ P)`` in the last pivot and Cramer's numerator of ``V(start)`` in the last row of the
right-hand sides, every division on the way exact: integer polynomial arithmetic on a few
states, where the fraction field of ``δ`` takes a gcd per operation.

``det(I − δ P) > 0`` on ``[0, 1)`` (``I − δ P`` is strictly diagonally dominant there), so the
sign of a value comparison is that of its numerator over the product of two positive
denominators (see :mod:`._dense`).
"""

from __future__ import annotations

import math
from typing import Any

from ._dense import Poly, add_scaled, exquo, fraction, mul, sub, trim

__all__ = ["start_value"]


def start_value(mdp: Any, policy: tuple[str, ...]) -> tuple[Poly, list[Poly]]:
    """``(det, N)`` with ``V^π(start)[a] = N[a] / det`` for each action profile ``a``, and
    ``det(0) > 0`` (so ``det > 0`` on ``[0, 1)``).  The MDP's probabilities and weights must
    be rational numbers (the coefficient field is ``QQ(δ)``)."""
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
        moves = {t: fraction(p) for t, p in mdp.move[(s, b)].items()}
        weights = {a: fraction(q) for a, q in mdp.weights[(s, b)].items()}
        scale = math.lcm(*(v.denominator for v in (*moves.values(), *weights.values())))
        row: list[Poly] = [[0] for _ in range(n + m)]
        row[pos[s]] = [scale]
        for t, p in moves.items():
            add_scaled(row[pos[t]], [0, -int(p * scale)], 1)
        for a, q in weights.items():
            c = int(q * scale)
            row[n + a] = [c, -c]  # (1 − δ) · weight
        rows.append([trim(x) for x in row])
    prev: Poly = [1]
    for k in range(n - 1):
        pivot = min((i for i in range(k, n) if any(rows[i][k])), key=lambda i: (len(rows[i][k]), i))
        rows[k], rows[pivot] = rows[pivot], rows[k]
        head = rows[k]
        akk = head[k]
        for i in range(k + 1, n):
            row = rows[i]
            aik = row[k]
            for j in range(k + 1, n + m):
                if any(aik) and any(head[j]):
                    x = sub(mul(akk, row[j]), mul(aik, head[j]))
                else:
                    x = mul(akk, row[j])
                row[j] = trim(exquo(x, prev)) if any(x) else [0]
            row[k] = [0]
        prev = akk
    last = rows[n - 1]
    det, num = last[n - 1], last[n:]
    if det[0] < 0:
        det, num = [-c for c in det], [[-c for c in x] for x in num]
    return det, num

"""Dense integer polynomials in ``δ``: lists of Python integers, lowest degree first.

Arithmetic (products by short loops or, for long factors, one product of big integers by
Kronecker substitution; exact quotients), and the sign of a polynomial on ``(0, 1)`` (Descartes'
rule with bisection, else Sturm sequences).  Used by :mod:`._dense`, :mod:`._content`,
:mod:`._bareiss` and :mod:`._modular`.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from sympy.polys.rootisolation import dup_count_real_roots

from ..conditions._upoly import no_root_in_unit

__all__ = ["Poly", "add_scaled", "exquo", "mul", "positive_on_unit", "sub", "trim"]

Poly = list[int]  # coefficients, lowest degree first


def mul(p: Poly, q: Poly) -> Poly:
    """``p · q`` (of length ``len(p) + len(q) − 1``; ``[0]`` when ``p`` is zero)."""
    if len(p) == 1:
        a = p[0]
        return [a * b for b in q] if a else [0]
    if not p or not any(p):
        return [0]
    if len(q) == 1:
        b = q[0]
        return [a * b for a in p]
    if min(len(p), len(q)) >= _KRONECKER:
        return _kronecker(p, q)
    out = [0] * (len(p) + len(q) - 1)
    outer, inner = (p, q) if len(p) <= len(q) else (q, p)
    w = len(inner)
    for i, a in enumerate(outer):
        if a:
            out[i : i + w] = [x + a * b for x, b in zip(out[i : i + w], inner, strict=True)]
    return out


_KRONECKER = 12  # both factors at least this long: one product of big integers


def _kronecker(p: Poly, q: Poly) -> Poly:
    """``p · q`` by Kronecker substitution: both packed into integers at ``2^(8k)`` with ``k``
    bytes a coefficient (room for the largest product coefficient and its sign), multiplied
    once, and unpacked (each coefficient offset by ``2^(8k−1)`` so that no digit borrows)."""
    bound = max(map(abs, p)) * max(map(abs, q)) * min(len(p), len(q))
    k = (bound.bit_length() + 2 + 7) // 8
    half = 1 << (8 * k - 1)
    n = len(p) + len(q) - 1
    offset = half.to_bytes(k, "little")
    product = _pack(p, k, half, offset) * _pack(q, k, half, offset)
    product += int.from_bytes(offset * n, "little")
    data = product.to_bytes(n * k, "little")
    return [int.from_bytes(data[i : i + k], "little") - half for i in range(0, n * k, k)]


def _pack(p: Poly, k: int, half: int, offset: bytes) -> int:
    """``Σ p_i 2^(8k i)`` (each ``|p_i| < 2^(8k−1)``)."""
    packed = b"".join((c + half).to_bytes(k, "little") for c in p)
    return int.from_bytes(packed, "little") - int.from_bytes(offset * len(p), "little")


def sub(p: Poly, q: Poly) -> Poly:
    """``p − q``."""
    out = list(p)
    return add_scaled(out, q, -1)


def exquo(p: Poly, q: Poly) -> Poly:
    """``p / q`` in ``ZZ[δ]``, the division exact (``q`` divides ``p``)."""
    p = list(p)
    while len(q) > 1 and q[-1] == 0:
        q = q[:-1]
    dq, lead = len(q) - 1, q[-1]
    out = [0] * max(len(p) - dq, 1)
    for k in range(len(p) - 1, dq - 1, -1):
        c = p[k]
        if c:
            m, r = divmod(c, lead)
            if r:
                raise ArithmeticError("inexact division")
            out[k - dq] = m
            for j in range(dq + 1):
                p[k - dq + j] -= m * q[j]
    if any(p[:dq]):
        raise ArithmeticError("inexact division")
    return out


def add_scaled(acc: Poly, p: Poly, c: int, shift: int = 0) -> Poly:
    """``acc + c · δ^shift · p``, in place (``acc`` grows as needed)."""
    need = len(p) + shift
    if len(acc) < need:
        acc.extend([0] * (need - len(acc)))
    acc[shift:need] = [a + c * x for a, x in zip(acc[shift:need], p, strict=True)]
    return acc


def trim(p: Poly) -> Poly:
    """``p`` without zero leading coefficients (in place; ``[0]`` for zero)."""
    while len(p) > 1 and p[-1] == 0:
        p.pop()
    return p


def positive_on_unit(p: Poly) -> int | None:
    """``±1``, the sign of ``p`` on all of ``(0, 1)`` when it has no root there (decided by
    Descartes' rule with bisection, else counted exactly by Sturm sequences); ``None`` when
    it changes sign or vanishes inside."""
    p = trim(list(p))
    if len(p) == 1:
        return 1 if p[0] > 0 else -1 if p[0] < 0 else None
    clear = no_root_in_unit(p)
    if clear is None:  # Descartes' bisection undecided: count exactly (Sturm, slow)
        inside = dup_count_real_roots(p[::-1], sp.ZZ, inf=0, sup=1)
        clear = not inside - int(p[0] == 0) - int(sum(p) == 0)
    if not clear:
        return None
    half = sum(Fraction(c, 2**k) for k, c in enumerate(p))
    return 1 if half > 0 else -1

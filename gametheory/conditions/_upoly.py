"""Univariate integer polynomials: arithmetic, exact signs, and one sign on an interval.

A polynomial is a list of Python integers, lowest degree first (``[]`` is zero).  Signs at a
rational point are exact (integer Horner on the numerator); "one sign on an interval" is
proved by Descartes' rule of signs on the interval mapped onto ``(0, 1)``, with bisection
(Collins & Akritas 1976), and is ``None`` when not proved: never a guess.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

from sympy import ZZ
from sympy.polys.densearith import dup_div
from sympy.polys.euclidtools import dup_gcd

__all__ = [
    "UPoly",
    "add",
    "bracket_root",
    "divide_out",
    "exquo",
    "gcd",
    "is_zero",
    "mul",
    "no_root_in_unit",
    "on_interval",
    "one_root",
    "one_sign",
    "scaled_floats",
    "shift",
    "sign_at",
    "sub",
    "trim",
]

UPoly = list[int]  # coefficients, lowest degree first

MAX_DEPTH = 24  # bisections of Descartes' test before giving up (then: not proved)


def trim(p: Sequence[int]) -> UPoly:
    """``p`` without trailing (highest-degree) zeros."""
    out = list(p)
    while out and out[-1] == 0:
        out.pop()
    return out


def is_zero(p: Sequence[int]) -> bool:
    return not any(p)


def add(p: Sequence[int], q: Sequence[int]) -> UPoly:
    n = max(len(p), len(q))
    return trim([(p[k] if k < len(p) else 0) + (q[k] if k < len(q) else 0) for k in range(n)])


def sub(p: Sequence[int], q: Sequence[int]) -> UPoly:
    return add(p, [-c for c in q])


def mul(p: Sequence[int], q: Sequence[int]) -> UPoly:
    if not p or not q:
        return []
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return trim(out)


def scaled_floats(p: Sequence[int], bits: int | None = None) -> list[float]:
    """``p``'s coefficients in floats, divided by the power of two that brings the largest
    (or one of ``bits`` bits) near ``2^60``: a positive multiple, in floats' range."""
    top = max((abs(c).bit_length() for c in p), default=0) if bits is None else bits
    shift = max(top - 60, 0)
    return [float(c >> shift) for c in p] if shift else [float(c) for c in p]


def _value(p: Sequence[int], x: Fraction) -> int:
    """``q^d p(a / q)`` for ``x = a / q`` (an integer with the sign of ``p(x)``)."""
    a, q = x.numerator, x.denominator
    acc, scale = 0, 1
    for c in reversed(p):  # Horner, each earlier coefficient one power of q further down
        acc = acc * a + c * scale
        scale *= q
    # acc = sum_k p_k a^k q^(k') with the powers of q rising towards the low coefficients:
    # that is q^d p(a / q) exactly (scale ends at q^(d + 1), unused)
    return acc


def sign_at(p: Sequence[int], x: Fraction) -> int:
    """The exact sign of ``p(x)``."""
    v = _value(p, x)
    return (v > 0) - (v < 0)


def shift(p: Sequence[int]) -> UPoly:
    """``p(s + 1)`` (Taylor shift by one, in integers)."""
    out = list(p)
    n = len(out)
    for i in range(n - 1):
        for k in range(n - 2, i - 1, -1):
            out[k] += out[k + 1]
    return out


def on_interval(p: Sequence[int], lo: Fraction, hi: Fraction) -> UPoly:
    """A positive multiple of ``p(lo + (hi − lo) s)``, as a polynomial in ``s`` (``s ∈ [0, 1]``
    maps onto ``[lo, hi]``), in integers."""
    den = math.lcm(lo.denominator, hi.denominator)
    a, e = int(lo * den), int((hi - lo) * den)  # t = (a + e s) / den
    out: UPoly = []
    scale = 1
    for c in reversed(p):  # Horner in s: out = out * (a + e s) + c * den^k
        nxt = [0] * (len(out) + 1)
        for k, v in enumerate(out):
            nxt[k] += v * a
            nxt[k + 1] += v * e
        nxt[0] += c * scale
        out = nxt
        scale *= den
    return trim(out)


def no_root_in_unit(p: Sequence[int], depth: int = 0) -> bool | None:
    """Whether ``p`` (nonzero) has no root in the open ``(0, 1)``: Descartes' rule after
    ``s = 1 / (1 + y)`` (``(1 + y)^d p(1 / (1 + y))`` is ``p`` reversed and shifted by one; no
    sign variation: no root, one: a root), bisecting at ``1/2`` (Collins & Akritas 1976);
    ``None`` past :data:`MAX_DEPTH` bisections (not decided)."""
    q = shift(p[::-1])
    signs = [c > 0 for c in q if c]
    changes = sum(1 for x, y in itertools.pairwise(signs) if x != y)
    if changes <= 1:
        return changes == 0
    if depth >= MAX_DEPTH:
        return None
    d = len(p) - 1
    left = [c << (d - k) for k, c in enumerate(p)]  # 2^d p(s / 2)
    right = shift(left)  # 2^d p((s + 1) / 2)
    if right[0] == 0:
        return False  # a root at 1/2
    for half in (left, right):
        clear = no_root_in_unit(half, depth + 1)
        if clear is not True:
            return clear
    return True


def one_sign(
    p: Sequence[int], lo: Fraction, hi: Fraction, lo_open: bool, hi_open: bool
) -> int | None:
    """``±1`` when ``p`` has that one sign (never zero) on the interval from ``lo`` to ``hi``
    (ends included unless open); ``None`` when not proved (a root, or Descartes undecided)."""
    p = trim(p)
    if not p:
        return None
    mid = sign_at(p, (lo + hi) / 2)
    if mid == 0:
        return None
    if not lo_open and sign_at(p, lo) != mid:
        return None
    if not hi_open and sign_at(p, hi) != mid:
        return None
    if len(p) == 1:
        return mid
    q = on_interval(p, lo, hi)
    return mid if no_root_in_unit(q) is True else None


def bracket_root(
    p: Sequence[int], lo: Fraction, hi: Fraction, width: Fraction
) -> tuple[Fraction, Fraction]:
    """A bracket ``[a, b]`` of width at most ``width`` inside ``[lo, hi]`` where ``p`` changes
    sign (``p(lo)`` and ``p(hi)`` nonzero of opposite signs), by exact bisection;
    ``sign(p(a)) = sign(p(lo))``."""
    s_lo = sign_at(p, lo)
    a, b = lo, hi
    while b - a > width:
        m = (a + b) / 2
        s = sign_at(p, m)
        if s == 0:
            return m, m
        if s == s_lo:
            a = m
        else:
            b = m
    return a, b


def gcd(p: Sequence[int], q: Sequence[int]) -> UPoly:
    """The greatest common divisor of two nonzero polynomials (primitive, positive lead)."""
    g = dup_gcd(list(reversed(trim(p))), list(reversed(trim(q))), ZZ)
    out = trim([int(c) for c in g][::-1])
    return [-c for c in out] if out and out[-1] < 0 else out


def exquo(p: Sequence[int], h: Sequence[int]) -> UPoly:
    """``p / h`` when ``h`` divides ``p`` exactly (else ``ValueError``)."""
    quo, rem = dup_div(list(reversed(trim(p))), list(reversed(trim(h))), ZZ)
    if rem:
        raise ValueError("not an exact division")
    return trim([int(c) for c in quo][::-1])


def divide_out(p: Sequence[int], h: Sequence[int]) -> tuple[int, UPoly]:
    """``(k, p')`` with ``p = h^k p'`` and ``h`` not dividing ``p'`` (``h`` of degree ≥ 1)."""
    k, cur = 0, list(reversed(trim(p)))
    hh = list(reversed(trim(h)))
    while True:
        quo, rem = dup_div(cur, hh, ZZ)
        if rem:
            return k, trim([int(c) for c in cur][::-1])
        k, cur = k + 1, quo


def deflate(p: Sequence[int], root: Fraction) -> tuple[int, UPoly]:
    """``(k, q)`` with ``p = (den·t − num)^k q`` and ``q(root) ≠ 0``, for ``root = num / den``
    (``p`` nonzero): synthetic division in integers, each step checked exact."""
    num, den = root.numerator, root.denominator
    q, k = trim(p), 0
    while len(q) > 1:
        if num == 0:  # a root at 0: a factor t
            if q[0] != 0:
                break
            q, k = q[1:], k + 1
            continue
        # q = (den t − num) r: from the top, r_{j−1} = (q_j + num r_j) / den; then −num r_0 = q_0
        n = len(q) - 1
        r = [0] * n
        carry = 0
        exact = True
        for j in range(n, 0, -1):
            top = q[j] + num * carry
            if top % den:
                exact = False
                break
            carry = r[j - 1] = top // den
        if not exact or -num * r[0] != q[0]:
            break
        q, k = r, k + 1
    return k, q


def one_root(p: Sequence[int], lo: Fraction, hi: Fraction) -> bool:
    """Whether ``p`` has exactly one root in ``(lo, hi)``, a simple one, and none at the ends
    (Descartes' rule: exactly one sign variation proves it)."""
    p = trim(p)
    if len(p) < 2 or sign_at(p, lo) == 0 or sign_at(p, hi) == 0:
        return False
    q = shift(on_interval(p, lo, hi)[::-1])
    signs = [c > 0 for c in q if c]
    return sum(1 for x, y in itertools.pairwise(signs) if x != y) == 1

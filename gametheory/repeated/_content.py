"""The content (gcd in ``ZZ[δ]``) of integer polynomials, and the polynomials divided by it.

Most contents met by the repeated-game checks are an integer times powers of ``δ − 1`` (and of
``δ``, ``δ + 1``): those are divided out directly, and that nothing else is shared is proved
before any polynomial gcd is taken, by one evaluation at a power of two
(:func:`_nothing_shared`) or, for many collections at once, by one batched Euclid modulo a
prime (:func:`divide_contents`).  Only collections those cannot clear take sympy's gcd.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import sympy as sp
from sympy.polys.euclidtools import dup_gcd

from ._intpoly import Poly, exquo, mul, trim

__all__ = ["content", "divide_content", "divide_contents"]


def content(polys: Sequence[Poly]) -> Poly:
    """The gcd in ``ZZ[δ]`` of nonzero polynomials, with a positive leading coefficient."""
    return divide_content(polys)[0]


def divide_content(polys: Sequence[Poly]) -> tuple[Poly, list[Poly]]:
    """:func:`content` of nonzero polynomials, and each divided by it (trimmed)."""
    polys = [trim(list(p)) for p in polys]
    parts = _linear_parts(polys)
    if parts is not None and _nothing_shared(parts[1]):
        return parts
    return _by_gcds(polys)


def divide_contents(many: Sequence[Sequence[Poly]]) -> list[tuple[Poly, list[Poly]]]:
    """:func:`divide_content` of each collection: the linear parts divided out of each, the
    rest proved coprime for all at once by :func:`_coprime_mod_p`, else by
    :func:`_nothing_shared`, else by gcds."""
    colls = [[trim(list(p)) for p in polys] for polys in many]
    parts = [_linear_parts(polys) for polys in colls]
    pairs = {j: _pair(x[1]) for j, x in enumerate(parts) if x is not None and len(x[1]) > 1}
    proved = dict(zip(pairs, _coprime_mod_p(list(pairs.values())), strict=True))
    out = []
    for j, (polys, x) in enumerate(zip(colls, parts, strict=True)):
        if x is not None and (proved.get(j) or _nothing_shared(x[1])):
            out.append(x)
        else:
            out.append(_by_gcds(polys))
    return out


def _by_gcds(polys: list[Poly]) -> tuple[Poly, list[Poly]]:
    g: list[int] = []
    for p in polys:
        if len(g) > 1 and _divides(g[::-1], p):
            continue  # gcd(g, p) = ±g
        g = dup_gcd(g, p[::-1], sp.ZZ) if g else p[::-1]
        if len(g) == 1 and abs(g[0]) == 1:
            break
    out = [int(c) for c in reversed(g)]
    if out[-1] < 0:
        out = [-c for c in out]
    return out, [trim(exquo(p, out)) if out != [1] else p for p in polys]


def _linear_parts(polys: list[Poly]) -> tuple[Poly, list[Poly]] | None:
    """``(c, [p / c])`` with ``c`` the integer content times the powers of ``δ``, ``δ − 1``
    and ``δ + 1`` that divide every polynomial: :func:`divide_content` when the quotients
    share nothing more.  ``None`` for an empty collection or one with a zero polynomial."""
    if not polys or not all(any(p) for p in polys):
        return None
    whole = math.gcd(*(math.gcd(*p) for p in polys))
    rest = [[c // whole for c in p] for p in polys]
    out = [whole]
    for root in (0, 1, -1):
        while all(len(p) > 1 and _value(p, root) == 0 for p in rest):
            rest = [_deflate(p, root) for p in rest]
            out = mul(out, [-root, 1])
    return out, rest


def _pair(polys: list[Poly]) -> tuple[Poly, Poly]:
    """The shortest polynomial and a fixed combination of the others: every common factor
    of the collection divides both."""
    f = min(polys, key=len)
    rest = [p for p in polys if p is not f]
    combo: Poly = []
    for weight, p in zip(_WEIGHTS, rest, strict=False):
        if len(combo) < len(p):
            combo.extend([0] * (len(p) - len(combo)))
        combo[: len(p)] = [x + weight * y for x, y in zip(combo, p, strict=False)]
    return f, combo


_WEIGHTS = (1, 3, 7, 13, 29, 53, 97, 191)  # beyond these, the remaining polynomials are left out
_PRIME = (1 << 31) - 1  # residues below 2^31: products of two fit in int64


def _coprime_mod_p(pairs: list[tuple[Poly, Poly]]) -> list[bool]:
    """For each pair ``(f, g)``, a sufficient test that ``f`` and ``g`` share no factor of
    positive degree over the integers: their gcd modulo the prime ``p = 2^31 − 1`` is a
    constant and ``p`` does not divide ``f``'s leading coefficient (then a common factor,
    whose leading coefficient divides ``f``'s, would keep its degree mod ``p`` and divide
    that gcd).  Euclid's algorithm for all pairs in lockstep in numpy, each step without
    inverses: ``a ← lc(b) a − lc(a) δ^(deg a − deg b) b``."""
    if not pairs:
        return []
    p = _PRIME
    width = max(len(x) for pair in pairs for x in pair)
    a = np.zeros((len(pairs), width), dtype=np.int64)
    b = np.zeros((len(pairs), width), dtype=np.int64)
    for r, (f, g) in enumerate(pairs):
        a[r, : len(f)] = [x % p for x in f]
        b[r, : len(g)] = [x % p for x in g]
    usable = np.array([f[-1] % p != 0 for f, _ in pairs])
    rows, cols = np.arange(len(pairs)), np.arange(width)
    da, db = _degrees(a), _degrees(b)
    done = ~usable
    coprime = np.zeros(len(pairs), dtype=bool)
    while True:
        swap = da < db
        if swap.any():
            a[swap], b[swap] = b[swap].copy(), a[swap].copy()
            da[swap], db[swap] = db[swap], da[swap]
        # b a nonzero constant: gcd 1; b zero: gcd a (a constant: 1)
        end = ~done & (db <= 0)
        coprime |= end & ((db == 0) | (da == 0))
        done |= end
        if done.all():
            return [bool(x) for x in coprime & usable]
        live = ~done
        shift = np.where(live, da - db, 0)
        la = a[rows, np.maximum(da, 0)]
        lb = b[rows, np.maximum(db, 0)]
        at = cols[None, :] - shift[:, None]
        shifted = np.take_along_axis(b, np.clip(at, 0, width - 1), axis=1) * (at >= 0)
        step = (lb[:, None] * a - la[:, None] * shifted % p) % p
        a = np.where(live[:, None], step, a)
        da = _degrees(a)


def _degrees(x: np.ndarray) -> np.ndarray:
    """The degree of each row (``−1`` for zero)."""
    nonzero = x != 0
    last = x.shape[1] - 1 - np.argmax(nonzero[:, ::-1], axis=1)
    return np.where(nonzero.any(axis=1), last, -1)


def _value(p: Poly, root: int) -> int:
    """``p(root)`` for ``root`` in ``{0, 1, −1}``."""
    if root == 0:
        return p[0]
    return sum(p) if root == 1 else sum(p[0::2]) - sum(p[1::2])


def _deflate(p: Poly, root: int) -> Poly:
    """``p / (δ − root)``, ``root`` a root of ``p`` (synthetic division)."""
    out = [0] * (len(p) - 1)
    carry = 0
    for k in range(len(p) - 1, 0, -1):
        carry = p[k] + root * carry
        out[k - 1] = carry
    return out


def _nothing_shared(polys: list[Poly]) -> bool:
    """A sufficient test that integer polynomials (nonzero, no integer content in common)
    have no common factor of positive degree: their values at ``ξ = 2^k`` have a gcd
    below ``ξ / 2``.  Sound: a common factor ``H`` divides ``f``, one of them, of degree
    ``d``, so its coefficients are at most ``B = 2^d ‖f‖₂`` (Mignotte's bound: von zur Gathen
    & Gerhard, *Modern Computer Algebra*, Cor. 6.33), and with ``ξ ≥ 2B + 2``,
    ``|H(ξ)| > ξ^deg H (1 − B / (ξ − 1)) ≥ ξ / 2``; but ``H(ξ)`` divides every value, so
    their gcd.  (The first step of the heuristic gcd, Char, Geddes & Gonnet 1989, with the
    trial divisions replaced by that bound.)"""
    f = min(polys, key=len)
    if len(f) == 1:
        return True
    bound = (math.isqrt(sum(c * c for c in f)) + 1) << (len(f) - 1)
    k = (2 * bound + 2).bit_length()
    g = 0
    for count, p in enumerate([f, *(q for q in polys if q is not f)]):
        v = 0
        for c in reversed(p):
            v = (v << k) + c
        g = math.gcd(g, v)
        if count and 0 < 2 * g < 1 << k:
            return True  # the gcd of more values divides this one
    return False


def _divides(g: Poly, p: Poly) -> bool:
    """Whether ``g`` divides ``p`` in ``ZZ[δ]`` (both lowest degree first)."""
    try:
        exquo(p, g)
    except ArithmeticError:
        return False
    return True

"""Linear forms over ``QQ(δ)`` on one common denominator, in dense integer polynomials.

When the discount factor ``δ`` is the only symbol of the coefficient field (no symbolic
generosity), every discounted frequency of :func:`._chain.frequencies` is ``N(δ) / D(δ)`` for
one common ``D``: the least common multiple of their denominators.  A deviation's value is a
combination of frequencies with *rational* weights (the automata's probabilities) and factors
``δ`` and ``1 − δ``, so its numerator over the same ``D`` is plain polynomial arithmetic on
integer coefficients: no greatest common divisor per operation, as the fraction field needs
(the profile ``mixed-7`` of ``benchmarks/bench_repeated.py``, with denominators of degree 56,
spent most of its time there).  A single gcd per gain brings the condition to lowest terms.

``D`` has one sign on ``[0, 1)``: each strongly connected component of the chain contributes
``det(I − δ M_c)``, positive there (``I − δ M_c`` is strictly diagonally dominant, ``M_c``
substochastic), and ``D`` divides their product, so it has no root in ``[0, 1)``.  So
``gain ≥ 0`` iff ``sign(D(0)) · N ≥ 0`` on the whole range of ``δ``.

Polynomials are lists of integers, lowest degree first.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.polys.euclidtools import dup_gcd, dup_lcm
from sympy.polys.rootisolation import dup_count_real_roots

__all__ = [
    "Dense",
    "add_scaled",
    "content",
    "dense_frequencies",
    "divide_content",
    "exquo",
    "fraction",
    "mul",
    "positive_on_unit",
    "sub",
    "trim",
]

Poly = list[int]  # coefficients, lowest degree first


@dataclass(frozen=True)
class Dense:
    """``rows[s][a] / den``: the frequencies of a chain on one denominator ``den`` (with
    ``den(0) > 0``), and the discount factor's symbol."""

    den: Poly
    rows: tuple[tuple[Poly, ...], ...]
    delta: sp.Symbol

    @property
    def one_minus_delta_den(self) -> Poly:
        """``(1 − δ) · den``."""
        return add_scaled(list(self.den), self.den, -1, shift=1)


def _ints(coeffs: Sequence[Any]) -> tuple[Poly, int]:
    """Rational coefficients (highest first) as integers (lowest first) and their scale:
    ``coeffs = out / scale``."""
    scale = math.lcm(*(int(c.denominator) for c in coeffs))
    return [int(c.numerator) * (scale // int(c.denominator)) for c in reversed(coeffs)], scale


def dense_frequencies(f: Any, freq: Sequence[Sequence[Any]]) -> Dense | None:
    """The frequencies on their least common denominator, when ``f`` is ``QQ(δ)`` with ``δ``
    the discount factor; ``None`` otherwise (then the field arithmetic is the path)."""
    gens: tuple[Any, ...] = tuple(getattr(f.k, "symbols", ()))
    if len(gens) != 1 or f.delta is None or gens[0] != f.delta:
        return None
    zz = sp.ZZ
    parts: list[list[tuple[Poly, Poly]]] = []
    dens: dict[tuple[int, ...], Poly] = {}
    for row in freq:
        out = []
        for x in row:
            num, sn = _ints(f.k.numer(x).to_dense())
            den, sd = _ints(f.k.denom(x).to_dense())
            # x = (num / sn) / (den / sd) = (num · sd) / (den · sn)
            num = [c * sd for c in num]
            den = [c * sn for c in den]
            dens.setdefault(tuple(den), den)
            out.append((num, den))
        parts.append(out)
    common: list[int] = [1]  # highest first while in sympy's dense functions
    for den in dens.values():
        common = dup_lcm(common, den[::-1], zz)
    low = [int(c) for c in reversed(common)]
    if low[0] == 0:
        return None  # not a chain's denominator (it has no root at 0): leave it to the field
    if low[0] < 0:
        low = [-c for c in low]
    scales = {key: exquo(low, den) for key, den in dens.items()}
    rows = tuple(tuple(mul(num, scales[tuple(den)]) for num, den in row) for row in parts)
    return Dense(low, rows, f.delta)


def mul(p: Poly, q: Poly) -> Poly:
    """``p · q`` (of length ``len(p) + len(q) − 1``; ``[0]`` when ``p`` is zero)."""
    if not p or not any(p):
        return [0]
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


def content(polys: Sequence[Poly]) -> Poly:
    """The gcd in ``ZZ[δ]`` of nonzero polynomials, with a positive leading coefficient."""
    return divide_content(polys)[0]


def divide_content(polys: Sequence[Poly]) -> tuple[Poly, list[Poly]]:
    """:func:`content` of nonzero polynomials, and each divided by it (trimmed).

    Most contents met here are an integer times powers of ``δ − 1`` (and of ``δ``,
    ``δ + 1``): those are divided out, and that nothing else is shared is proved by one
    evaluation (:func:`_nothing_shared`) before any polynomial gcd is taken."""
    polys = [trim(list(p)) for p in polys]
    quick = _linear_content(polys)
    if quick is not None:
        return quick
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


def _linear_content(polys: list[Poly]) -> tuple[Poly, list[Poly]] | None:
    """:func:`divide_content` when the polynomials share only an integer and powers of
    ``δ``, ``δ − 1`` and ``δ + 1`` (their product), else ``None``."""
    if not polys or not all(any(p) for p in polys):
        return None
    whole = math.gcd(*(math.gcd(*p) for p in polys))
    rest = [[c // whole for c in p] for p in polys]
    out = [whole]
    for root in (0, 1, -1):
        while all(len(p) > 1 and _value(p, root) == 0 for p in rest):
            rest = [_deflate(p, root) for p in rest]
            out = mul(out, [-root, 1])
    return (out, rest) if _nothing_shared(rest) else None


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


def positive_on_unit(p: Poly) -> int | None:
    """``±1``, the sign of ``p`` on all of ``(0, 1)`` when it has no root there (decided by
    Descartes' rule with bisection, else counted exactly by Sturm sequences); ``None`` when
    it changes sign or vanishes inside."""
    p = trim(list(p))
    if len(p) == 1:
        return 1 if p[0] > 0 else -1 if p[0] < 0 else None
    clear = _no_root_inside(p)
    if clear is None:  # Descartes' bisection undecided: count exactly (Sturm, slow)
        inside = dup_count_real_roots(p[::-1], sp.ZZ, inf=0, sup=1)
        clear = not inside - int(p[0] == 0) - int(sum(p) == 0)
    if not clear:
        return None
    half = sum(Fraction(c, 2**k) for k, c in enumerate(p))
    return 1 if half > 0 else -1


def _no_root_inside(p: Poly, depth: int = 0) -> bool | None:
    """Whether ``p`` (nonzero) has no root in ``(0, 1)``, by Descartes' rule of signs after
    ``δ = 1 / (1 + y)`` (``(1 + y)^d p(1 / (1 + y))`` is ``p`` reversed and shifted by one; no
    sign variation: no root, one: a root), bisecting at ``1/2`` otherwise (Collins & Akritas
    1976), in integers; ``None`` past a depth of 12 (then the caller counts by Sturm)."""
    q = _shift(p[::-1])
    signs = [c > 0 for c in q if c]
    changes = sum(1 for x, y in itertools.pairwise(signs) if x != y)
    if changes <= 1:
        return changes == 0
    if depth >= 12:
        return None
    d = len(p) - 1
    left = [c << (d - k) for k, c in enumerate(p)]  # 2^d p(δ / 2): (0, 1/2) onto (0, 1)
    right = _shift(left)  # 2^d p((δ + 1) / 2): (1/2, 1) onto (0, 1)
    if right[0] == 0:
        return False  # p(1/2) = 0
    for half in (left, right):
        clear = _no_root_inside(half, depth + 1)
        if clear is not True:
            return clear
    return True


def _shift(p: Poly) -> Poly:
    """``p(δ + 1)`` (Taylor shift by one, in integers; lowest degree first)."""
    out = list(p)
    n = len(out)
    for i in range(n - 1):
        for k in range(n - 2, i - 1, -1):
            out[k] += out[k + 1]
    return out


def fraction(e: sp.Expr) -> Fraction:
    """A rational sympy number as a :class:`~fractions.Fraction`."""
    r = sp.Rational(e)
    return Fraction(int(r.p), int(r.q))


def one_shot_gain(chain: Any, dense: Dense, s: int, i: int, b: str) -> list[Poly]:
    """``G`` with player ``i``'s gain from *not* deviating to ``b`` once in joint state ``s``
    equal to ``G / (L · den)`` for a positive integer ``L``: per action profile, the numerator
    of ``V(s) − [(1 − δ) u(b, σ₋ᵢ(s)) + δ E V(s')]`` (see :func:`check._deviation`)."""
    terms: list[tuple[int, Fraction]] = []  # (action profile, its weight)
    nexts: list[tuple[int, Fraction]] = []  # (next state, its weight)
    for a, profile in enumerate(chain.profiles):
        if profile[i] != b:
            continue
        q = fraction(chain.prob_others(s, profile, i))
        if not q:
            continue
        terms.append((a, q))
        for t, p in chain.moves[(s, profile)].items():
            nexts.append((t, q * fraction(p)))
    scale = math.lcm(*(w.denominator for _, w in (*terms, *nexts)))
    out = [add_scaled([], row, scale) for row in dense.rows[s]]
    lead = dense.one_minus_delta_den
    for a, w in terms:
        add_scaled(out[a], lead, -int(w * scale))
    for t, w in nexts:
        c = -int(w * scale)
        for a, row in enumerate(dense.rows[t]):
            add_scaled(out[a], row, c, shift=1)
    return [trim(p) for p in out]


def gain_atoms(
    gains: Sequence[Sequence[Poly]],
    payoffs: Sequence[sp.Expr],
    space: Any,
    delta: sp.Symbol,
) -> list[Any] | None:
    """``gain ≥ 0`` for each gain numerator (:func:`one_shot_gain`), as atoms in lowest terms:
    the payoffs' combination ``Σ_a G_a(δ) u_a`` built as a polynomial of ``QQ[δ, payoff
    symbols]`` without sympy expressions, its content in ``δ`` divided out where that has one
    sign on ``(0, 1)`` (else the product is left to :func:`~gametheory.conditions.atom`);
    ``None`` when a payoff is not a polynomial (then the field path decides)."""
    from ..conditions import Atom, atom
    from ..conditions._poly import poly_expr, ring_for, seed_poly, sort_symbols

    syms: set[sp.Symbol] = {delta}
    for u in payoffs:
        syms |= u.free_symbols
    big = ring_for(sort_symbols(syms))
    k = big.gens.index(big(delta))
    try:
        polys = [big.from_expr(u) for u in payoffs]
    except (ValueError, sp.polys.polyerrors.PolificationFailed, sp.polys.polyerrors.CoercionFailed):
        return None
    ints = _payoff_ints(polys, k)
    out: list[Any] = []
    for gain in gains:
        groups = _groups(ints, gain) if ints is not None else None
        if groups is None:
            groups = {}
            for monom, c in _cleared(big, polys, gain, k).terms():
                rest = monom[:k] + monom[k + 1 :]
                add_scaled(groups.setdefault(rest, []), [int(c)], 1, shift=monom[k])
        if not groups:
            continue
        c, quotients = divide_content(list(groups.values()))
        sign = positive_on_unit(c)
        if sign is None:
            out.extend(atom(poly_expr(_cleared(big, polys, gain, k)), ">=", space=space))
            continue
        # the content in δ and the integer content divided out in integers, the sign fixed
        parts = dict(zip(groups, quotients, strict=True))
        whole = math.gcd(*(math.gcd(*g) for g in parts.values()))
        total = _from_groups(
            big, k, {r: [sign * (x // whole) for x in g] for r, g in parts.items()}
        )
        if total.is_ground:
            out.extend(atom(poly_expr(total), ">=", space=space))
            continue
        expr = poly_expr(total)
        seed_poly(expr, total)
        out.append(Atom(expr, ">="))
    return out


def _cleared(big: Any, polys: Sequence[Any], gain: Sequence[Poly], k: int) -> Any:
    """``Σ_a u_a G_a`` in ``big`` with its denominators cleared."""
    total = big.zero
    for u, g in zip(polys, gain, strict=True):
        if u and any(g):
            total += u * big.from_dict({_monom(big.ngens, k, e): c for e, c in enumerate(g) if c})
    return total.clear_denoms()[1]


def _payoff_ints(polys: Sequence[Any], k: int) -> list[dict[tuple[int, ...], int]] | None:
    """The payoffs as ``{monomial without δ: integer}`` on one positive scale; ``None`` when
    a payoff involves ``δ``."""
    if any(monom[k] for u in polys for monom in u.monoms()):
        return None
    scale = math.lcm(*(int(c.denominator) for u in polys for c in u.coeffs()))
    return [
        {m[:k] + m[k + 1 :]: int(c.numerator) * (scale // int(c.denominator)) for m, c in u.terms()}
        for u in polys
    ]


def _groups(
    ints: Sequence[dict[tuple[int, ...], int]], gain: Sequence[Poly]
) -> dict[tuple[int, ...], Poly]:
    """``Σ_a u_a G_a`` as ``{monomial of the payoffs: polynomial in δ}``, zero parts dropped."""
    groups: dict[tuple[int, ...], Poly] = {}
    for u, g in zip(ints, gain, strict=True):
        if u and any(g):
            for rest, c in u.items():
                add_scaled(groups.setdefault(rest, []), g, c)
    return {r: trim(g) for r, g in groups.items() if any(g)}


def _from_groups(big: Any, k: int, groups: dict[tuple[int, ...], Poly]) -> Any:
    """``Σ_r δ^e c · r`` as an element of ``big`` (as ``big.from_dict``, the integers made
    coefficients directly)."""
    new = big.domain.dtype
    terms = {}
    for rest, g in groups.items():
        head, tail = rest[:k], rest[k:]
        for e, c in enumerate(g):
            if c:
                terms[(*head, e, *tail)] = new(c)
    return big.zero.new(terms)


def _monom(n: int, k: int, e: int) -> tuple[int, ...]:
    return tuple(e if j == k else 0 for j in range(n))

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

Polynomials are lists of integers, lowest degree first (:mod:`._intpoly`; contents:
:mod:`._content`; both re-exported here under their old names).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.external.pythonmpq import PythonMPQ
from sympy.polys.euclidtools import dup_lcm

from ._content import content, divide_content, divide_contents
from ._intpoly import Poly, add_scaled, exquo, mul, positive_on_unit, sub, trim

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
    grouped: list[tuple[Sequence[Poly], dict[tuple[int, ...], Poly]]] = []
    for gain in gains:
        groups = _groups(ints, gain) if ints is not None else None
        if groups is None:
            groups = {}
            for monom, c in _cleared(big, polys, gain, k).terms():
                rest = monom[:k] + monom[k + 1 :]
                add_scaled(groups.setdefault(rest, []), [int(c)], 1, shift=monom[k])
        if groups:
            grouped.append((gain, groups))
    contents = divide_contents([list(groups.values()) for _, groups in grouped])
    out: list[Any] = []
    for (gain, groups), (c, quotients) in zip(grouped, contents, strict=True):
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
    dtype = big.domain.dtype
    if dtype is PythonMPQ:  # sympy's own rationals: its constructor without the checks
        terms = {}
        make = PythonMPQ._new
        for rest, g in groups.items():
            head, tail = rest[:k], rest[k:]
            for e, c in enumerate(g):
                if c:
                    terms[(*head, e, *tail)] = make(c, 1)
        return big.zero.new(terms)
    return big.zero.new(
        {
            (*rest[:k], e, *rest[k:]): dtype(c)
            for rest, g in groups.items()
            for e, c in enumerate(g)
            if c
        }
    )


def _monom(n: int, k: int, e: int) -> tuple[int, ...]:
    return tuple(e if j == k else 0 for j in range(n))

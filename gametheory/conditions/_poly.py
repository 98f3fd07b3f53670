"""Polynomial helpers on sympy expressions, computed with sympy's sparse rings (fast) and cached.

Every polynomial lives in the ring ``QQ[symbols]`` of its own symbols in canonical order (lex).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.core.basic import ordering_of_classes
from sympy.polys.rings import PolyElement, PolyRing

__all__ = [
    "affine_split",
    "factors_of",
    "linear_form",
    "poly_expr",
    "poly_terms",
    "primitive_expr",
    "record_factors",
    "ring_for",
    "ring_of",
    "seed_poly",
    "seeded_poly",
    "sort_symbols",
    "to_fraction",
]

Terms = tuple[tuple[Fraction, tuple[int, ...]], ...]
Factors = tuple[int, tuple[tuple[sp.Expr, int], ...]]


def sort_symbols(symbols: Iterable[sp.Basic]) -> tuple[sp.Symbol, ...]:
    """Symbols in a canonical order (by name, then assumptions)."""
    return tuple(sorted(symbols, key=sp.default_sort_key))


def to_fraction(q: object) -> Fraction:
    """A ring coefficient (QQ element) or sympy Rational as a Fraction."""
    return Fraction(int(q.numerator), int(q.denominator))  # type: ignore[attr-defined]


@lru_cache(maxsize=256)
def ring_for(gens: tuple[sp.Symbol, ...]) -> PolyRing:
    """The ring ``QQ[gens]`` (lex order)."""
    return PolyRing(gens, sp.QQ)


_SEEDED: dict[sp.Expr, PolyElement] = {}


def seed_poly(expr: sp.Expr, poly: PolyElement) -> None:
    """Remember that ``expr`` is ``poly`` (built from the polynomial, e.g. by a solver that
    computed it as one), so that :func:`ring_of` need not parse the expression back.  Only
    kept when ``poly`` lives in the ring :func:`ring_of` would use."""
    if _SEEDED.get(expr) is poly:
        return  # seeded already (by poly_expr, which built expr)
    if tuple(poly.ring.symbols) != sort_symbols(expr.free_symbols):
        return
    _seed(expr, poly)


def _seed(expr: sp.Expr, poly: PolyElement) -> None:
    if len(_SEEDED) > 65536:
        _SEEDED.clear()
    _SEEDED[expr] = poly


def seeded_poly(expr: sp.Expr) -> PolyElement | None:
    """The polynomial :func:`seed_poly` remembered for ``expr``, if any."""
    return _SEEDED.get(expr)


def ring_of(expr: sp.Expr) -> PolyElement | None:
    """``expr`` in ``QQ[its symbols]``; None unless a polynomial with rational coefficients."""
    seeded = _SEEDED.get(expr)
    return _ring_of(expr) if seeded is None else seeded


@lru_cache(maxsize=16384)
def _ring_of(expr: sp.Expr) -> PolyElement | None:
    gens = sort_symbols(expr.free_symbols)
    if not gens:
        return None
    try:
        return ring_for(gens).from_expr(expr)
    except (ValueError, sp.polys.polyerrors.PolificationFailed, sp.polys.polyerrors.CoercionFailed):
        return None


def poly_expr(p: PolyElement) -> sp.Expr:
    """``p.as_expr()``, built without sympy's flattening: the terms of a ring element are
    distinct monomials already, so the canonical ``Mul`` of each (coefficient first, then the
    powers in sympy's argument order) and the canonical ``Add`` of them (constant first, then
    the terms in that order) are assembled directly, as sympy's ``flatten`` would leave them,
    the order given by a sort key equal to ``Basic.compare``'s (:func:`_poly_expr`).  Equal,
    with equal ``args`` and hash, to ``p.as_expr()`` (``tests/test_poly_expr.py``); many
    times faster on polynomials of many terms, where ``as_expr`` spends its time re-deriving
    what the ring already knows.  Remembered, and seeded (:func:`seed_poly`) when ``p`` lives
    in the ring :func:`ring_of` would use."""
    known = _EXPRS.get(p)
    if known is not None:
        out, seedable = known
    else:
        if len(_EXPRS) > 16384:
            _EXPRS.clear()
        out = _poly_expr(p)
        gens = tuple(p.ring.symbols)
        canonical = gens == sort_symbols(gens) and p.ring == ring_for(gens)
        # every generator appears: the ring is the one ring_of would use
        monoms = list(p.itermonoms())
        seedable = canonical and (all(map(any, zip(*monoms, strict=True))) if monoms else not gens)
        _EXPRS[p] = (out, seedable)
    if seedable and _SEEDED.get(out) is not p:
        _seed(out, p)
    return out


_EXPRS: dict[PolyElement, tuple[sp.Expr, bool]] = {}  # ring elements recur (split, factor)


def _poly_expr(p: PolyElement) -> sp.Expr:
    """The terms built as :meth:`PolyElement.as_expr` would leave them, and sorted by
    :func:`_compare_key` (sympy's ``Basic.compare`` is the slow part of ``as_expr``); where
    that key does not apply (generators that are not symbols, coefficients that are not
    rational: rings none of this package's solvers build), ``as_expr`` itself."""
    gens = p.ring.symbols
    domain = p.ring.domain
    if not (domain.is_QQ or domain.is_ZZ):
        return p.as_expr()
    try:
        monoms = _monomials(gens)
    except _NoKey:
        return p.as_expr()
    const: sp.Expr = sp.S.Zero
    terms: list[tuple[Any, sp.Expr]] = []
    mul_key = _class_key(sp.Mul)
    commutative = True if all(g.is_commutative for g in gens) else None
    for monom, c in p.items():
        num, den = int(c.numerator), int(c.denominator)
        if not any(monom):
            const = sp.Integer(num) if den == 1 else sp.Rational(num, den)
            continue
        known = monoms.get(monom)
        if known is None:
            known = monoms[monom] = _monomial(gens, monom)
        if num == 1 and den == 1:
            terms.append(known[0])
        else:
            coeff = sp.Integer(num) if den == 1 else sp.Rational(num, den)
            content = coeff._hashable_content()
            factors = known[1]
            key = (*mul_key, len(factors) + 1, *_class_key(type(coeff)), len(content), *content)
            key += known[2]
            terms.append((key, sp.Mul._from_args([coeff, *factors], commutative)))
    if not terms:
        return const
    if len(terms) == 1 and const == 0:
        return terms[0][1]
    terms.sort(key=_first)  # as ``_addsort``: distinct monomials, distinct keys
    args = [t for _, t in terms]
    if const != 0:
        args.insert(0, const)
    return sp.Add._from_args(args, commutative)


def _monomials(gens: tuple[sp.Symbol, ...]) -> dict[tuple[int, ...], Any]:
    """The monomials of the ring of ``gens`` built so far (:func:`_monomial`)."""
    if len(_MONOMS) > 256 or sum(map(len, _MONOMS.values())) > 65536:
        _MONOMS.clear()
    known = _MONOMS.get(gens)
    if known is None:
        for g in gens:
            _compare_key(g)  # raises _NoKey where the key does not apply
        known = _MONOMS[gens] = {}
    return known


_MONOMS: dict[tuple[sp.Symbol, ...], dict[tuple[int, ...], Any]] = {}


def _monomial(gens: tuple[sp.Symbol, ...], monom: tuple[int, ...]) -> Any:
    """``((key, term), factors, their keys)``: the monomial as a term alone (a symbol, a power
    or a product) with its key, and its factors (as ``_mulsort`` orders them) with theirs."""
    factors = [
        (_compare_key(g), g) if e == 1 else (_pow_key(_compare_key(g), e), sp.Pow(g, e))
        for g, e in zip(gens, monom, strict=True)
        if e
    ]
    factors.sort(key=_first)  # as ``_mulsort``: distinct generators, distinct keys
    keys = tuple(x for k, _ in factors for x in k)
    args = [f for _, f in factors]
    if len(factors) == 1:
        return factors[0], args, keys
    alone = ((*_class_key(sp.Mul), len(args), *keys), sp.Mul._from_args(args))
    return alone, args, keys


def _first(pair: tuple[Any, sp.Expr]) -> Any:
    return pair[0]


# ``Basic.compare`` (the order of ``Add`` and ``Mul`` arguments) as a sort key: the class (by
# its place in ``ordering_of_classes``, else by name after all of those), then the length of
# ``_hashable_content()``, then its items in turn (``Basic`` items by this key, plain items
# by their own order), all in one flat tuple.  Comparing keys as tuples follows ``compare``
# step for step: flat, since every part of varying length comes after its length, so two keys
# equal up to a part have that part of one length.  Keyed are symbols, rational numbers, and
# powers and products of them; a symbol whose content holds anything but strings, integers
# and pairs of them (the assumptions) is refused (``_NoKey``: then sympy sorts).


class _NoKey(Exception):
    pass


def _class_key(cls: type) -> tuple[int, str]:
    known = _CLASS_KEYS.get(cls)
    if known is None:
        names, name = ordering_of_classes, cls.__name__
        known = (names.index(name), "") if name in names else (len(names) + 1, name)
        _CLASS_KEYS[cls] = known
    return known


def _compare_key(g: sp.Basic) -> Any:
    """The key of a symbol."""
    known = _SYMBOL_KEYS.get(g)
    if known is None:
        if not isinstance(g, sp.Symbol):
            raise _NoKey
        content = g._hashable_content()
        items: list[object] = []
        for x in content:
            if isinstance(x, (str, int)):
                items.append(x)
            elif isinstance(x, tuple) and len(x) == 2 and all(isinstance(y, (str, int)) for y in x):
                items.extend(x)
            else:
                raise _NoKey  # e.g. a frozenset, which compare turns into a Basic
        known = _SYMBOL_KEYS[g] = (*_class_key(type(g)), len(content), *items)
    return known


_CLASS_KEYS: dict[type, tuple[int, str]] = {}
_SYMBOL_KEYS: dict[sp.Basic, Any] = {}


def _pow_key(base_key: Any, e: int) -> Any:
    """The key of ``g**e`` (``e ≥ 2``) from that of ``g``."""
    return (*_class_key(sp.Pow), 2, *base_key, *_number_key(sp.Integer(e)))


def _number_key(q: sp.Rational) -> Any:
    """The key of a rational number: its class (``Integer``, ``One``, ``Half``...), then
    its content ``(p, q)``."""
    content = q._hashable_content()
    return (*_class_key(type(q)), len(content), *content)


def primitive_expr(p: PolyElement, positive_lead: bool) -> tuple[sp.Expr, int]:
    """``p`` with integer coefficients and no content as an expression, and the sign removed.

    With ``positive_lead`` the leading coefficient is made positive (the returned sign is then
    the sign of the constant taken out); otherwise only a positive content is removed.
    """
    q = _primitive(p)
    sign = 1
    if positive_lead and q.LC < 0:
        q, sign = -q, -1
    return poly_expr(q), sign


def _primitive(p: PolyElement) -> PolyElement:
    """``p`` times the positive rational that makes its coefficients coprime integers (as
    ``clear_denoms`` then ``primitive``, with Python integers: those go through the field's
    gcd one coefficient at a time); ``p`` itself when it is primitive already."""
    den = 1
    for c in p.values():
        if c.denominator != 1:
            den = math.lcm(den, int(c.denominator))
    g = 0
    for c in p.values():
        g = math.gcd(g, int(c.numerator) * (den // int(c.denominator)))
        if g == 1:
            break
    if den == 1 and g == 1:
        return p
    return p.mul_ground(p.ring.domain(den) / p.ring.domain(g))


@lru_cache(maxsize=16384)
def poly_terms(expr: sp.Expr) -> tuple[tuple[sp.Symbol, ...], Terms] | None:
    """``(gens, ((coefficient, exponents), ...))`` of a polynomial, or None."""
    p = ring_of(expr)
    if p is None:
        return None
    terms = tuple((to_fraction(c), tuple(int(e) for e in m)) for m, c in p.terms())
    return tuple(p.ring.symbols), terms


@lru_cache(maxsize=16384)
def linear_form(expr: sp.Expr) -> tuple[dict[sp.Symbol, Fraction], Fraction] | None:
    """``({symbol: coefficient}, constant)`` when ``expr`` is affine, else None."""
    data = poly_terms(expr)
    if data is None:
        return ({}, Fraction(int(expr.p), int(expr.q))) if expr.is_Rational else None
    gens, terms = data
    coeffs: dict[sp.Symbol, Fraction] = {}
    const = Fraction(0)
    for c, exps in terms:
        degree = sum(exps)
        if degree > 1:
            return None
        if degree == 0:
            const = c
        else:
            coeffs[gens[exps.index(1)]] = c
    return coeffs, const


@lru_cache(maxsize=16384)
def affine_split(expr: sp.Expr) -> tuple[sp.Expr, Fraction, Fraction] | None:
    """``(P, k, b)`` with ``expr == k*P + b``, ``P`` canonical (no constant, primitive, LC > 0)."""
    p = ring_of(expr)
    if p is not None:
        b = p.coeff(1)
        rest = p - b
        if rest.is_zero:
            return None
        g, prim = rest.primitive()
        k = to_fraction(g)
        if prim.LC < 0:
            prim, k = -prim, -k
        return poly_expr(prim), k, to_fraction(b)
    b0, rest_e = expr.as_coeff_Add()
    if not rest_e.free_symbols or not b0.is_Rational:
        return None
    g0, prim_e = rest_e.as_content_primitive()
    if prim_e.could_extract_minus_sign():
        prim_e, g0 = -prim_e, -g0
    return prim_e, to_fraction(g0), to_fraction(b0)


_KNOWN: dict[sp.Expr, Factors] = {}
_FULL_FACTOR_TERMS = 12


def record_factors(expr: sp.Expr, factors: Factors) -> None:
    """Remember a factorisation of ``expr`` (e.g. a numerator times a denominator)."""
    if len(_KNOWN) > 65536:
        _KNOWN.clear()
    _KNOWN[expr] = factors


def _plainly_irreducible(p: PolyElement) -> bool:
    """Cheap sufficient test: ``p = A*x + B`` in some parameter ``x`` with ``gcd(A, B) = 1``."""
    for gen in p.ring.gens:
        if p.degree(gen) == 1:
            return bool(p.coeff_wrt(gen, 1).gcd(p.coeff_wrt(gen, 0)).is_ground)
    return False


def _irreducible(p: PolyElement) -> tuple[int, list[tuple[PolyElement, int]]]:
    """Sign and factors (primitive, positive leading coefficient) of a ring element."""
    if len(p) > _FULL_FACTOR_TERMS or _plainly_irreducible(p):
        _, q = p.clear_denoms()
        content, q = q.primitive()
        sign = 1 if content > 0 else -1
        return (-sign, [(-q, 1)]) if q.LC < 0 else (sign, [(q, 1)])
    coeff, facs = p.factor_list()
    sign = 1 if coeff > 0 else -1
    out = []
    for f, k in facs:
        _, f = f.clear_denoms()
        _, f = f.primitive()
        if f.LC < 0:
            f = -f
            sign *= (-1) ** int(k)
        out.append((f, int(k)))
    return sign, out


@lru_cache(maxsize=16384)
def factors_of(expr: sp.Expr) -> Factors:
    """``(sign, ((factor, multiplicity), ...))`` with ``expr == sign * c * Π factor**multiplicity``.

    ``c`` is a positive constant.  Factors are irreducible, primitive, with a positive leading
    coefficient, in a canonical order, so the result does not depend on how ``expr`` was built;
    only polynomials of more than a dozen terms that no recorded factorisation splits (e.g. a
    numerator times a denominator, remembered by :func:`record_factors`) are left whole.
    """
    p = ring_of(expr)
    if p is None:
        return 1, ((expr, 1),)
    known = _KNOWN.get(expr)
    pieces = [(p, 1)] if known is None else []
    sign = 1 if known is None else known[0]
    for f, k in () if known is None else known[1]:
        q = ring_of(f)
        if q is None:
            return 1, ((expr, 1),)
        pieces.append((q, k))
    merged: dict[PolyElement, int] = {}
    for q, k in pieces:
        s, facs = _irreducible(q)
        sign *= s**k
        for f, m in facs:
            merged[f] = merged.get(f, 0) + m * k
    # a factor that is a seeded input itself (irreducible, primitive, and already in the
    # expanded form ``as_expr`` gives) keeps the input expression
    seeded = _SEEDED.get(expr)
    items = sorted(
        ((expr if f == seeded else poly_expr(f), m) for f, m in merged.items()),
        key=lambda fm: sp.default_sort_key(fm[0]),
    )
    return sign, tuple(items)

"""Emptiness of atoms linear in all parameters but one, by Farkas certificates in that one.

Many solvers' conditions are linear in the payoffs with coefficients polynomial in one
parameter ``t`` (a repeated game's conditions are linear in the stage payoffs, of degree ~60 in
the discount factor).  For each fixed ``t`` such a system ``a_i(t)·x + b_i(t) ≥ 0`` (some
strict) is a linear one, empty exactly when a Motzkin certificate exists: ``y ≥ 0`` with
``Σ y_i a_i(t) = 0``, ``g = Σ y_i b_i(t) ≤ 0``, and ``g < 0`` or ``y_i > 0`` on a strict row.

Here a certificate is a vector of *polynomials* ``y_j(t)`` on a few rows ``J`` with
``Σ y_j a_j ≡ 0`` identically (the cofactors of the rows' coefficient matrix); it proves
emptiness on every interval of ``t`` where each ``y_j > 0`` and ``g < 0`` (or ``g ≡ 0`` with a
strict row in ``J``), which :func:`._upoly.one_sign` proves exactly.  The rows come from a
floating-point LP at a sample ``t`` (HiGHS' dual simplex, a vertex: few rows); floats only pick
the rows, every claim is proved in integers.  :mod:`._farkas_cover` sweeps ``t``'s interval
with such certificates.

Rows are the atoms that fit (polynomial, linear in the others given ``t``; the rest are left
out, which only makes the system larger), the space's linear constraints and its finite bounds.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
import sympy as sp

from ._atoms import Atom
from ._context import Ctx
from ._poly import ring_of
from ._simplex import highs, minimise
from ._upoly import UPoly, add, exquo, gcd, is_zero, mul, scaled_floats, sign_at, sub, trim

__all__ = [
    "Certificate",
    "Parsed",
    "Rows",
    "at_point",
    "certificate_at",
    "negated",
    "nonlinear",
    "parse",
    "rows_for",
    "rows_of",
]

LP_TOL = 1e-9  # an LP objective below -LP_TOL is read as "a certificate exists"
GCD_DEGREE = 24  # certificates of higher degree are divided by their polynomials' gcd
SUPPORT_TOL = 1e-10  # multipliers above this (rows scaled to max 1) form the support


@dataclass(frozen=True)
class Rows:
    """The system ``a_i(t)·x + b_i(t) (≥ | >) 0``: ``coef[i][k]`` the polynomial coefficient of
    variable ``k`` (``k = n`` the constant ``b_i``), ``strict[i]``, ``source[i]`` the atom
    (``None`` for a row of the space), and ``t``'s interval."""

    t: sp.Symbol
    variables: tuple[sp.Symbol, ...]
    coef: tuple[tuple[UPoly, ...], ...]
    strict: tuple[bool, ...]
    source: tuple[object, ...]  # an atom, a caller's label, or None for the space's rows
    lo: Fraction
    hi: Fraction
    lo_open: bool
    hi_open: bool
    floats: np.ndarray  # (rows, n + 1, degree + 1), each row scaled into floats' range

    def select(self, keep: Sequence[int]) -> Rows:
        """The rows ``keep`` (in that order), then the space's rows."""
        idx = [*keep, *(i for i, src in enumerate(self.source) if src is None)]
        return replace(
            self,
            coef=tuple(self.coef[i] for i in idx),
            strict=tuple(self.strict[i] for i in idx),
            source=tuple(self.source[i] for i in idx),
            floats=self.floats[idx],
        )

    def at(self, t0: float) -> np.ndarray:
        """The rows at ``t0`` in floats, each scaled to a largest entry of 1."""
        vals = self.floats @ (t0 ** np.arange(self.floats.shape[2]))
        scale = np.abs(vals).max(axis=1, keepdims=True)
        return vals / np.where(scale > 0, scale, 1.0)


@dataclass(frozen=True)
class Certificate:
    """Polynomial multipliers ``y`` on rows ``J``: ``Σ y_j a_j ≡ 0``; ``g = Σ y_j b_j``."""

    rows: tuple[int, ...]
    y: tuple[UPoly, ...]
    g: UPoly
    strict_rows: tuple[bool, ...]  # which rows of J are strict

    @property
    def strict(self) -> bool:
        """Whether some row of ``J`` is strict."""
        return any(self.strict_rows)

    def polys(self) -> list[UPoly]:
        """The polynomials whose signs the certificate needs: each ``y_j > 0``, and ``g < 0``
        (as ``−g > 0``) unless ``g ≡ 0`` with a strict row."""
        out = list(self.y)
        if not (is_zero(self.g) and self.strict):
            out.append([-c for c in self.g])
        return out


Terms = tuple[dict[sp.Symbol, dict[int, int]], dict[int, int]]


def _terms(a: Atom, t: sp.Symbol) -> Terms | None:
    """A positive integer multiple of an atom as ``{x: {power of t: coefficient}}`` and its
    constant part; None unless a polynomial of degree at most 1 in the symbols but ``t``."""
    p = ring_of(a.expr)
    if p is None:
        return None
    gens = p.ring.symbols
    k_t = gens.index(t) if t in gens else -1
    den = 1  # the atom times its coefficients' (positive) common denominator
    for c in p.values():
        if c.denominator != 1:
            den = math.lcm(den, int(c.denominator))
    lin: dict[sp.Symbol, dict[int, int]] = {}
    const: dict[int, int] = {}
    for monom, q in p.items():
        c = int(q.numerator) * (den // int(q.denominator))
        e_t, x = 0, -1
        for k, e in enumerate(monom):
            if not e:
                continue
            if k == k_t:
                e_t = e
            elif x >= 0 or e > 1:
                return None
            else:
                x = k
        bucket = lin.setdefault(gens[x], {}) if x >= 0 else const
        bucket[e_t] = c
    return lin, const


def nonlinear(atoms: Sequence[Atom]) -> sp.Symbol | None:
    """The parameter to sweep: of the symbols in a monomial of degree 2 or more, the one of
    highest degree, then in most such monomials (``δ`` in ``δ T``, ``δ P``); None when every
    atom is linear."""
    score: dict[sp.Symbol, list[int]] = {}
    for a in atoms:
        p = ring_of(a.expr)
        if p is None:
            continue
        gens = p.ring.symbols
        for monom in p.monoms():
            if sum(monom) < 2:
                continue
            for g, e in zip(gens, monom, strict=True):
                if e:
                    s = score.setdefault(g, [0, 0])
                    s[0] = max(s[0], e)
                    s[1] += 1
    if not score:
        return None
    return max(score, key=lambda g: (*score[g], g.name))


Parsed = tuple[dict[sp.Symbol, dict[int, int]], dict[int, int], bool, object]


def parse(a: Atom, t: sp.Symbol) -> Parsed | None:
    """An inequality atom as a row (``None`` when it is not linear at fixed ``t``)."""
    r = _terms(a, t)
    return None if r is None or a.op not in (">=", ">") else (r[0], r[1], a.op == ">", a)


def negated(row: Parsed, source: object) -> Parsed:
    """The row of the complement: ``e ≥ 0`` becomes ``−e > 0`` and ``e > 0`` becomes ``−e ≥ 0``."""
    lin, const, strict, _ = row
    minus = {x: {k: -v for k, v in d.items()} for x, d in lin.items()}
    return minus, {k: -v for k, v in const.items()}, not strict, source


def rows_for(atoms: Sequence[Atom], ctx: Ctx) -> Rows | None:
    """The rows of the atoms (and space) that fit, or None when there is no single nonlinear
    parameter with a finite interval, or no atom fits."""
    t = nonlinear(atoms)
    if t is None:
        return None
    parsed: list[Parsed] = []
    for a in atoms:
        if a.op in (">=", ">", "=="):
            r = _terms(a, t)
            if r is not None:
                parsed.append((r[0], r[1], a.op == ">", a))
            if r is not None and a.op == "==":
                lin = {x: {k: -v for k, v in d.items()} for x, d in r[0].items()}
                parsed.append((lin, {k: -v for k, v in r[1].items()}, False, a))
    return rows_of(t, parsed, ctx)


def rows_of(t: sp.Symbol, parsed: Sequence[Parsed], ctx: Ctx) -> Rows | None:
    """Rows ``Σ_x lin[x](t) x + const(t) (> | ≥) 0`` (integer coefficients by power of ``t``;
    the last item is the row's source, reported back by a sweep) with the space's linear
    constraints and finite bounds added; None when ``t``'s interval is not finite or no row
    is given."""
    iv = ctx.box.get(t)
    if iv is None or not (isinstance(iv.lo, Fraction) and isinstance(iv.hi, Fraction)):
        return None
    if iv.lo >= iv.hi or not parsed:
        return None
    rows = list(parsed)
    for c in ctx.linear_constraints:
        r = _terms(c, t)
        if r is not None:
            rows.append((r[0], r[1], c.op == ">", None))
    variables = tuple(sorted({x for lin, *_ in rows for x in lin}, key=sp.default_sort_key))
    for x in variables:
        b = ctx.box.get(x)
        if b is not None and isinstance(b.lo, Fraction):  # q x - p (>=|>) 0 for lo = p / q
            lo = b.lo
            rows.append(({x: {0: lo.denominator}}, {0: -lo.numerator}, b.lo_open, None))
        if b is not None and isinstance(b.hi, Fraction):
            hi = b.hi
            rows.append(({x: {0: -hi.denominator}}, {0: hi.numerator}, b.hi_open, None))
    coef = [
        tuple(_dense(d) for d in [*(lin.get(x, {}) for x in variables), const])
        for lin, const, _, _ in rows
    ]
    return Rows(
        t=t,
        variables=variables,
        coef=tuple(coef),
        strict=tuple(s for _, _, s, _ in rows),
        source=tuple(src for *_, src in rows),
        lo=iv.lo,
        hi=iv.hi,
        lo_open=iv.lo_open,
        hi_open=iv.hi_open,
        floats=_floats(coef),
    )


def at_point(rows: Rows, t0: Fraction) -> Rows:
    """The rows with ``t`` fixed at ``t0``: constant polynomials (each row times a positive
    integer), for a certificate that holds at that one point."""
    coef: list[tuple[UPoly, ...]] = []
    for row in rows.coef:
        vals = [sum((Fraction(c) * t0**k for k, c in enumerate(p)), Fraction(0)) for p in row]
        den = math.lcm(*(v.denominator for v in vals))
        coef.append(tuple(trim([int(v * den)]) for v in vals))
    return replace(
        rows, coef=tuple(coef), floats=_floats(coef), lo=t0, hi=t0, lo_open=False, hi_open=False
    )


def _dense(d: dict[int, int]) -> UPoly:
    if not d:
        return []
    out = [0] * (max(d) + 1)
    for k, c in d.items():
        out[k] = c
    return trim(out)


def _floats(coef: Sequence[tuple[UPoly, ...]]) -> np.ndarray:
    """The rows in floats, each divided by a power of two that brings its largest coefficient
    near ``2^60`` (positive scaling changes no row's meaning)."""
    width = max((len(p) for row in coef for p in row), default=1) or 1
    out = np.zeros((len(coef), len(coef[0]) if coef else 0, width))
    for i, row in enumerate(coef):
        bits = max((abs(c).bit_length() for p in row for c in p), default=0)
        for k, p in enumerate(row):
            out[i, k, : len(p)] = scaled_floats(p, bits)  # one scale for the whole row
    return out


def _support(rows: Rows, t0: float) -> list[int] | None:
    """The rows of a certificate at ``t0`` by a floating-point LP (a vertex), or None:
    :mod:`._simplex`, and scipy's HiGHS where that fails (its pivot budget)."""
    m = rows.at(t0)
    a, b = m[:, :-1], m[:, -1]
    strict = np.array(rows.strict, dtype=float)
    n_rows = len(b)
    a_eq = np.vstack([a.T, np.ones((1, n_rows))])
    b_eq = np.r_[np.zeros(a.shape[1]), 1.0]
    res = minimise(b - strict, b.reshape(1, -1), np.zeros(1), a_eq, b_eq)
    if res.status == "failed":
        res = highs(b - strict, b.reshape(1, -1), np.zeros(1), a_eq, b_eq)
    if res.status != "optimal" or res.fun > -LP_TOL:
        return None
    y = res.x
    return [i for i in range(n_rows) if y[i] > SUPPORT_TOL * max(y.max(), 1.0)]


def certificate_at(rows: Rows, t0: Fraction) -> Certificate | None:
    """A polynomial certificate holding at ``t0`` (exactly), from the LP's rows; or None."""
    support = _support(rows, float(t0))
    if support is None:
        return None
    for drop in range(len(support) + 1):  # the vertex, then without one row at a time
        cand = support if drop == 0 else support[: drop - 1] + support[drop:]
        cert = _exact(rows, cand, t0) if cand else None
        if cert is not None:
            return cert
    return None


def _exact(rows: Rows, support: list[int], t0: Fraction) -> Certificate | None:
    """The polynomial certificate on ``support``: the cofactor vector of its coefficient matrix
    (one-dimensional null space), signed positive at ``t0``; None when it is no certificate at
    ``t0``."""
    n = len(rows.variables)
    cols = [[rows.coef[j][k] for j in support] for k in range(n)]
    live = [c for c in cols if any(not is_zero(p) for p in c)]
    y = _null_vector(live, len(support))
    if y is None:
        return None
    signs = [sign_at(p, t0) for p in y]
    if any(s < 0 for s in signs):
        if any(s > 0 for s in signs):
            return None
        y = [[-c for c in p] for p in y]
    keep = [k for k, p in enumerate(y) if not is_zero(p)]
    if any(sign_at(y[k], t0) <= 0 for k in keep):
        return None
    js = tuple(support[k] for k in keep)
    ys = tuple(y[k] for k in keep)
    g: UPoly = []
    for j, p in zip(js, ys, strict=True):
        g = add(g, mul(p, rows.coef[j][n]))
    strict = tuple(rows.strict[j] for j in js)
    g_sign = sign_at(g, t0)
    if g_sign > 0 or (g_sign == 0 and not any(strict)):
        return None
    return Certificate(js, ys, g, strict)


def _null_vector(m: list[list[UPoly]], width: int) -> list[UPoly] | None:
    """A nonzero ``y`` with ``m y ≡ 0`` (``m``: rows of ``width`` polynomials) from the
    cofactors of ``width − 1`` of its rows, checked on all; None when none is found."""
    if width == 1:
        return [[1]] if not m else None
    for chosen in itertools.combinations(range(len(m)), width - 1):
        sub_m = [m[r] for r in chosen]
        y = [
            _det([row[:j] + row[j + 1 :] for row in sub_m])
            if j % 2 == 0
            else [-c for c in _det([row[:j] + row[j + 1 :] for row in sub_m])]
            for j in range(width)
        ]
        if all(is_zero(p) for p in y):
            continue
        if all(is_zero(_dot(row, y)) for row in m):
            return _primitive(y)
    return None


def _primitive(y: list[UPoly]) -> list[UPoly]:
    """``y`` divided by the gcd of its polynomials (a common factor ``h``: ``Σ (y_j / h) a_j``
    vanishes identically too, and is a certificate wherever ``±y`` is one, of lower degree),
    then by its integers' gcd."""
    live = [p for p in y if not is_zero(p)]
    h = live[0] if max(map(len, live)) > GCD_DEGREE else [1]
    for p in live[1:]:
        if len(h) <= 1:
            break
        h = gcd(h, p)
    if len(h) > 1:
        y = [exquo(p, h) if not is_zero(p) else p for p in y]
    g = math.gcd(*(c for p in y for c in p))
    return [[c // g for c in p] for p in y] if g > 1 else y


def _dot(row: Sequence[UPoly], y: Sequence[UPoly]) -> UPoly:
    out: UPoly = []
    for a, b in zip(row, y, strict=True):
        out = add(out, mul(a, b))
    return out


def _det(m: list[list[UPoly]]) -> UPoly:
    """Determinant of a small square matrix of polynomials (Laplace along the first row)."""
    n = len(m)
    if n == 0:
        return [1]
    if n == 1:
        return trim(m[0][0])
    out: UPoly = []
    for j, a in enumerate(m[0]):
        if is_zero(a):
            continue
        minor = _det([row[:j] + row[j + 1 :] for row in m[1:]])
        term = mul(a, minor)
        out = add(out, term) if j % 2 == 0 else sub(out, term)
    return out

"""Fast evaluation of atoms: exact at rational points, numeric on arrays, by intervals on boxes.

Each atom is compiled once (cached): a polynomial becomes its terms (exact Fractions and a numpy
exponent matrix); any other expression is lambdified on first numeric use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp

from ._atoms import Atom, _sign_holds, compare
from ._interval import Ival, expr_ival, ival_add, ival_mul, ival_pow
from ._poly import Terms, poly_terms, sort_symbols

__all__ = ["Compiled", "compiled", "numeric_matrix", "violation"]


_IVAL_MEMO = 256  # enclosures kept per atom


@dataclass(eq=False)
class Compiled:
    """An atom prepared for repeated evaluation."""

    atom: Atom
    gens: tuple[sp.Symbol, ...]
    terms: Terms | None
    degree: int | None
    exps: np.ndarray | None = None
    coefs: np.ndarray | None = None
    _func: Callable[..., Any] | None = field(default=None, repr=False)
    _ivals: dict[tuple[Ival, ...], Ival] = field(default_factory=dict, repr=False)

    @property
    def op(self) -> str:
        """The atom's operator."""
        return self.atom.op

    def exact_value(self, point: Mapping[sp.Symbol, Fraction]) -> Fraction | None:
        """The exact value at a rational point (None for a non-polynomial atom)."""
        if self.terms is None:
            return None
        xs = [point[g] for g in self.gens]
        total = Fraction(0)
        for coef, exps in self.terms:
            term = coef
            for x, e in zip(xs, exps, strict=True):
                if e:
                    term *= x**e
            total += term
        return total

    def holds(self, point: Mapping[sp.Symbol, Fraction]) -> bool:
        """Whether the atom holds exactly at a rational point."""
        v = self.exact_value(point)
        if v is None:
            subs = {g: sp.Rational(point[g].numerator, point[g].denominator) for g in self.gens}
            return _sign_holds(self.atom.expr.xreplace(subs), self.op)
        return compare(v, self.op)

    def numeric(
        self, cols: Mapping[sp.Symbol, np.ndarray], n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Values and scales (sum of the terms' magnitudes) at ``n`` float points."""
        if not self.gens:
            v = float(self.atom.expr)
            return np.full(n, v), np.full(n, abs(v))
        x = np.stack([np.asarray(cols[g], dtype=float) for g in self.gens], axis=1)
        with np.errstate(all="ignore"):
            if self.exps is not None and self.coefs is not None:
                mono = np.prod(x[:, None, :] ** self.exps[None, :, :], axis=2)
                return mono @ self.coefs, np.abs(mono) @ np.abs(self.coefs)
            if self._func is None:
                terms = sp.Add.make_args(self.atom.expr)
                scale = sp.Add(*[sp.Abs(t) for t in terms])
                self._func = sp.lambdify(self.gens, [self.atom.expr, scale], modules="numpy")
            out = self._func(*(x[:, k] for k in range(x.shape[1])))
            val = np.broadcast_to(np.asarray(out[0], dtype=complex), (n,))
            sc = np.broadcast_to(np.asarray(out[1], dtype=complex), (n,))
            bad = np.abs(val.imag) > 1e-12 * (1 + np.abs(sc.real))
            values = np.where(bad, np.nan, val.real)
            return values, np.abs(sc.real)

    def ival(self, box: Mapping[sp.Symbol, Ival]) -> Ival:
        """An exact enclosure of the atom's expression over a box (memoised per atom on the
        intervals of its own symbols: the searches ask the same box again and again)."""
        if self.terms is None:
            return expr_ival(self.atom.expr, box)
        ivs = [box.get(g, Ival.whole()) for g in self.gens]
        key = tuple(ivs)
        out = self._ivals.get(key)
        if out is None:
            if len(self._ivals) >= _IVAL_MEMO:
                self._ivals.clear()
            out = self._ivals[key] = _enclosure(self.terms, ivs)
        return out


def _enclosure(terms: Terms, ivs: Sequence[Ival]) -> Ival:
    """The polynomial's exact enclosure when its symbols range over ``ivs``."""
    powers: dict[tuple[int, int], Ival] = {}
    total = Ival.point(Fraction(0))
    for coef, exps in terms:
        term = Ival.point(coef)
        for k, e in enumerate(exps):
            if e:
                key = (k, e)
                pw = powers.get(key)
                if pw is None:
                    pw = powers[key] = ival_pow(ivs[k], e)
                term = ival_mul(term, pw)
        total = ival_add(total, term)
    return total


@lru_cache(maxsize=16384)
def compiled(a: Atom) -> Compiled:
    """The compiled form of an atom (cached)."""
    data = poly_terms(a.expr)
    if data is None:
        return Compiled(a, sort_symbols(a.expr.free_symbols), None, None)
    gens, terms = data
    exps = np.array([e for _, e in terms], dtype=float).reshape(len(terms), len(gens))
    coefs = _float_coefs([c for c, _ in terms])
    degree = max((sum(e) for _, e in terms), default=0)
    return Compiled(a, gens, terms, degree, exps, coefs)


def _float_coefs(coefs: Sequence[Fraction]) -> np.ndarray:
    """The coefficients in floats; when the largest passes floats' range, all divided by one
    power of two (a positive scale: an atom's sign and relative violations are unchanged)."""
    try:
        return np.array([float(c) for c in coefs])
    except OverflowError:
        top = max(c.numerator.bit_length() - c.denominator.bit_length() for c in coefs if c)
        scale = Fraction(2) ** (top - 900)
        return np.array([float(c / scale) for c in coefs])


def numeric_matrix(
    atoms: Sequence[Compiled], cols: Mapping[sp.Symbol, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Values and scales of several atoms at ``n`` points: two ``(len(atoms), n)`` arrays."""
    vals = np.empty((len(atoms), n))
    scales = np.empty((len(atoms), n))
    for i, c in enumerate(atoms):
        vals[i], scales[i] = c.numeric(cols, n)
    return vals, scales


def violation(
    vals: np.ndarray, scales: np.ndarray, ops: Sequence[str], tol: float = 1e-12
) -> np.ndarray:
    """Per atom and point, how far (relative to the scale) each atom is from holding.

    Zero means the atom holds numerically (weak: ``f >= -tol*s``; strict: ``f > tol*s``;
    equality: ``|f| <= tol*s``; ``!=``: ``|f| > tol*s``).  NaN values count as violated.
    """
    s = np.maximum(scales, 1e-300)
    rel = vals / s
    out = np.zeros_like(rel)
    for i, op in enumerate(ops):
        r = rel[i]
        if op == ">=":
            out[i] = np.maximum(0.0, -tol - r)
        elif op == ">":
            out[i] = np.where(r > tol, 0.0, tol - r + 1e-300)
        elif op == "==":
            out[i] = np.where(np.abs(r) <= tol, 0.0, np.abs(r))
        else:
            out[i] = np.where(np.abs(r) > tol, 0.0, 1.0)
    return np.where(np.isnan(out), np.inf, out)

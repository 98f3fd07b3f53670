"""Cut points of the conditions in a profile: where a ``Piecewise`` condition, a ``Min``/``Max``
or an ``Abs`` switches, as roots of polynomials in one variable (for the grid certificates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp

__all__ = ["Cuts", "Env", "Scans", "conditions", "cut_polynomials", "roots_in", "scanned_roots"]

Env = dict[sp.Symbol, float]
Cuts = list[tuple[tuple[sp.Symbol, ...], list[Callable[..., Any]]]]
Scans = list[tuple[tuple[sp.Symbol, ...], Callable[..., Any]]]


def roots_in(cuts: Cuts, env: Env, lo: float, hi: float) -> list[float]:
    """The real roots in ``[lo, hi]`` of the polynomials ``cuts`` at the context, with their
    ±ε neighbours (polynomials whose coefficients need a variable without a value are skipped)."""
    eps = 1e-7 * max(hi - lo, 1e-9)
    out: list[float] = []
    for syms, coeffs in cuts:
        try:
            values = [complex(f(*(env[s] for s in syms))) for f in coeffs]
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            continue
        while values and abs(values[0]) < 1e-14:
            values = values[1:]
        if len(values) < 2:
            continue
        for root in np.roots(values):
            if abs(root.imag) > 1e-9:
                continue
            x = float(root.real)
            for y in (x - eps, x, x + eps):
                if lo <= y <= hi:
                    out.append(y)
    return out


def scanned_roots(scans: Scans, env: Env, lo: float, hi: float, n: int) -> list[float]:
    """The roots in ``[lo, hi]`` of functions ``f(x, *others)`` that are not polynomials in
    ``x``: sign changes on a grid of ``n + 1`` points, bisected, with their ±ε neighbours (two
    roots in one cell of the grid, or a root where the sign does not change, are missed)."""
    eps = 1e-7 * max(hi - lo, 1e-9)
    xs = np.linspace(lo, hi, n + 1).tolist()
    out: list[float] = []
    for syms, fn in scans:
        try:
            args = [env[s] for s in syms]
            values = [float(fn(x, *args)) for x in xs]
        except (KeyError, TypeError, ValueError, ZeroDivisionError, OverflowError):
            continue
        for a, b, fa, fb in zip(xs, xs[1:], values, values[1:], strict=False):
            if fa == 0 or fa * fb >= 0:
                root = a if fa == 0 else None
            else:
                for _ in range(60):
                    m = (a + b) / 2
                    fm = float(fn(m, *args))
                    a, b, fa = (a, m, fa) if fa * fm <= 0 else (m, b, fm)
                root = (a + b) / 2
            if root is not None:
                out.extend(y for y in (root - eps, root, root + eps) if lo <= y <= hi)
    return out


def cut_polynomials(conditions: list[sp.Expr], var: sp.Symbol) -> Cuts:
    """For each condition polynomial in ``var`` (degree 1 to 6): its coefficients, compiled as
    functions of the other symbols (the roots are the condition's cut points)."""
    out = []
    for f in conditions:
        num, _ = sp.fraction(sp.together(f))
        try:
            poly = sp.Poly(num, var)
        except sp.PolynomialError:
            continue
        if poly.degree() < 1 or poly.degree() > 6:
            continue
        syms = tuple(sorted(num.free_symbols - {var}, key=str))
        coeffs = [sp.lambdify(syms, c, modules="math") for c in poly.all_coeffs()]
        out.append((syms, coeffs))
    return out


def conditions(exprs: list[sp.Expr], var: sp.Symbol) -> list[sp.Expr]:
    """``lhs − rhs`` of every relation in a ``Piecewise`` condition, and the differences of
    ``Min``/``Max`` arguments and the arguments of ``Abs``/``Heaviside``, that involve ``var``."""
    found: set[sp.Expr] = set()
    for e in exprs:
        for pw in e.atoms(sp.Piecewise):
            for _, cond in pw.args:
                for rel in sp.sympify(cond).atoms(sp.core.relational.Relational):
                    found.add(rel.lhs - rel.rhs)
        for mm in e.atoms(sp.Min, sp.Max):
            args = list(mm.args)
            found.update(a - b for i, a in enumerate(args) for b in args[i + 1 :])
        for f in e.atoms(sp.Abs, sp.Heaviside, sp.sign):
            found.add(f.args[0])
    return [f for f in found if f.has(var)]

"""Sweeping a parameter's interval with polynomial Farkas certificates (see :mod:`._farkas`).

From the interval's lower end upwards: a certificate is taken at a sample just past the
covered part, its polynomials' first sign change above the sample is located (floats on a grid,
then exact bisection), and the certificate is proved on the closed rational interval from the
covered end to just below that change (:func:`._upoly.one_sign`).  When the new certificate
does not reach back to the covered end (its own sign change lies between them), the gap is
closed where the two changes are apart; where they coincide (a degenerate switch of
certificates at one algebraic point) the sweep gives up: it never guesses.  Every step is
bounded (certificates, bisections), so a sweep ends quickly either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ._atoms import Atom
from ._context import Ctx
from ._farkas import Certificate, Rows, at_point, certificate_at, rows_for
from ._upoly import (
    UPoly,
    bracket_root,
    deflate,
    divide_out,
    exquo,
    gcd,
    is_zero,
    one_root,
    one_sign,
    scaled_floats,
    sign_at,
)

__all__ = ["farkas_core", "farkas_empty"]

MAX_CERTIFICATES = 64  # certificates per sweep before giving up
GRID = 512  # float grid per certificate, to find its polynomials' first sign change
NEAR_END = 46  # and points 2^-10 ... 2^-45 of the width before the end
PRECISION = 48  # bits: sign changes are bracketed to (interval width) / 2^PRECISION
FIRST_STEP = 10  # the first sample sits 2^-FIRST_STEP of the width above the lower end


def farkas_empty(atoms: Sequence[Atom], ctx: Ctx) -> tuple[Atom, ...] | None:
    """The atoms (a subset of ``atoms``) that a sweep of certificates proves empty together with
    the space; None when the atoms do not have the form or the sweep does not close."""
    rows = rows_for(atoms, ctx)
    core = None if rows is None else farkas_core(rows)
    return None if core is None else tuple(a for a in core if isinstance(a, Atom))


def farkas_core(rows: Rows) -> list[object] | None:
    """The sources of the rows (in order, once each; the space's rows left out) whose
    certificates cover the whole interval of ``t``: a system they make empty; None when the
    sweep does not close."""
    certs = _sweep(rows)
    if certs is None:
        return None
    out: list[object] = []
    for j in sorted({j for c in certs for j in c.rows}):
        src = rows.source[j]
        if src is not None and src not in out:
            out.append(src)
    return out


def _first_change(
    rows: Rows, polys: Sequence[UPoly], start: Fraction
) -> tuple[Fraction, Fraction] | None:
    """A bracket of the first sign change above ``start`` among ``polys`` (which are positive at
    ``start``) as far as a float grid sees it; None when the grid sees none.  The grid is
    uniform, then geometric towards the end (a switch of certificates close to it is common:
    multipliers vanishing at ``δ = 1``); the end itself is open, or covered apart (``_ends``)."""
    width = rows.hi - start

    def point(i: int) -> Fraction:  # the grid's i-th point (exact); i = -1 is start
        if i < GRID - 1:
            return start + width * (i + 1) / GRID
        return rows.hi - width / 2 ** (i - GRID + 11)

    xs = _grid_floats(float(start), float(rows.hi))
    first: int | None = None
    for p in polys:
        bad = np.nonzero(_floats_of(p, xs) <= 0)[0]
        if bad.size and (first is None or bad[0] < first):
            first = int(bad[0])
    if first is None:
        return None
    a = start if first == 0 else point(first - 1)
    b = point(first)
    tight = (rows.hi - rows.lo) / 2**PRECISION
    best: tuple[Fraction, Fraction] | None = None
    for p in polys:  # exact bisection of each polynomial that changes sign in [a, b]
        if sign_at(p, a) > 0 and sign_at(p, b) <= 0:
            lo, hi_b = bracket_root(p, a, b, tight) if sign_at(p, b) < 0 else (a, b)
            if best is None or lo < best[0]:
                best = (lo, hi_b)
    return best if best is not None else (a, b)


def _grid_floats(start: float, hi: float) -> np.ndarray:
    """The grid of :func:`_first_change` in floats: uniform, then geometric towards ``hi``."""
    width = hi - start
    uniform = start + width * np.arange(1, GRID) / GRID
    near = hi - width / 2.0 ** np.arange(10, NEAR_END)
    return np.concatenate([uniform, near])


def _floats_of(p: UPoly, xs: np.ndarray) -> np.ndarray:
    """A positive multiple of ``p`` at the points ``xs``, in floats (signs are what count)."""
    return np.polyval(scaled_floats(p)[::-1], xs) if p else np.zeros_like(xs)


def _proved(polys: list[UPoly], lo: Fraction, hi: Fraction, lo_open: bool, hi_open: bool) -> bool:
    return all(one_sign(p, lo, hi, lo_open, hi_open) == 1 for p in polys)


def _stripped(polys: list[UPoly], rows: Rows) -> list[UPoly]:
    """The polynomials with their roots at an end of the interval divided out, signed to agree
    with them inside it (a multiplier ``(1 − δ)^k`` vanishes at ``δ = 1``, where floats near
    the end see false sign changes).  The sweep proves the open interval only, so the ends'
    roots do not matter there (a closed end is covered apart, by :func:`_ends`)."""
    out = []
    for p in polys:
        for end, below in ((rows.lo, False), (rows.hi, True)):
            k, p = deflate(p, end)
            if below and k % 2:  # (den t - num) < 0 below the upper end
                p = [-c for c in p]
        out.append(p)
    return out


def _reach(
    cert: Certificate, rows: Rows, t0: Fraction, left: Fraction, left_open: bool
) -> tuple[Fraction, Fraction | None] | None:
    """How far right of ``left`` the certificate is proved: ``(end, next sample)`` (``next
    sample`` None when it reaches the interval's end); None when it does not hold on
    ``[left, t0]``."""
    polys = _stripped(cert.polys(), rows)
    change = _first_change(rows, polys, t0)
    end, after = (rows.hi, None) if change is None else change
    end_open = change is None  # (the closed end, if it is, is covered by _ends)
    if _proved(polys, left, end, left_open, end_open):
        return end, after
    # the grid missed a sign change (a root pair, or one between its last point and the end):
    # the largest end proved, by bisection between t0 (where the certificate holds) and end
    if not _proved(polys, left, t0, left_open, False):
        return None
    good, bad = t0, end
    width = (rows.hi - rows.lo) / 2**PRECISION
    while bad - good > width:
        mid = (good + bad) / 2
        if _proved(polys, t0, mid, False, False):
            good = mid
        else:
            bad = mid
    return (good, bad) if good > t0 else None


def _sweep(rows: Rows) -> list[Certificate] | None:
    """Certificates covering ``t``'s whole interval, or None.  The sweep proves the open
    interval; a closed end is then covered by the certificate proved next to it, or by one
    that holds at that point alone."""
    left, left_open = rows.lo, True
    sample = rows.lo + (rows.hi - rows.lo) / 2**FIRST_STEP
    certs: list[Certificate] = []
    while len(certs) < MAX_CERTIFICATES:
        found = None
        for at in _samples(rows, sample, first=not certs):
            cert = certificate_at(rows, at)
            if cert is None:
                continue
            reached = _reach(cert, rows, at, left, left_open)
            if reached is None and certs and _meet(certs[-1], cert, left, sample):
                reached = _reach(cert, rows, at, sample, False)
            if reached is not None:
                found = cert, reached
                break
        if found is None:
            return None  # none, certificates switch at one point, or the grid misled
        certs.append(found[0])
        end, after = found[1]
        if after is None:
            return _ends(rows, certs)
        left, left_open = end, False
        sample = after if after > end else end + (rows.hi - end) / 2**PRECISION
    return None


def _ends(rows: Rows, certs: list[Certificate]) -> list[Certificate] | None:
    """``certs`` (proved on the open interval), with the closed ends covered."""
    out = list(certs)
    for end, closed, cert in (
        (rows.lo, not rows.lo_open, certs[0]),
        (rows.hi, not rows.hi_open, certs[-1]),
    ):
        if not closed or all(sign_at(p, end) > 0 for p in cert.polys()):
            continue
        point = at_point(rows, end)
        alone = certificate_at(point, end)
        if alone is None:
            return None
        out.append(alone)
    return out


def _samples(rows: Rows, sample: Fraction, first: bool) -> list[Fraction]:
    """Where to look for the next certificate: the sample, then points further up (near the
    lower end, or just past a sign change, the floats may see a certificate that is not one)."""
    if first:
        width = rows.hi - rows.lo
        return [rows.lo + width / 2**k for k in (3, 1, 6, FIRST_STEP)]
    # just past a sign change the LP's vertex may be degenerate (a multiplier near 0): a
    # little further up it is not, and the certificate there still reaches back
    width = rows.hi - sample
    return [sample + width / 2**12, sample, *(sample + width / 2**k for k in (40, 30, 20))]


def _meet(prev: Certificate, cert: Certificate, a: Fraction, b: Fraction) -> bool:
    """Whether ``prev`` (proved up to ``a``) and ``cert`` (to be proved from ``b``) cover
    ``[a, b]`` by meeting at one algebraic point ``r``: the one root in ``(a, b)`` of a common
    factor ``h`` of a polynomial of each, where ``prev``'s polynomials stay positive on
    ``[a, r)``, ``cert``'s on ``(r, b]``, and one of the two certificates holds at ``r``
    itself (a degenerate switch of LP vertices: both contain the certificate at ``r``)."""
    h = _common_root(prev, cert, a, b)
    if h is None:
        return False
    for c, end in ((prev, a), (cert, b)):
        for p in c.polys():
            rest = divide_out(p, h)[1]
            if sign_at(p, end) <= 0 or one_sign(rest, a, b, False, False) is None:
                return False  # p = h^k rest, rest of one sign: p keeps p(end)'s sign but at r
    return _holds_at_root(prev, h, a, b) or _holds_at_root(cert, h, a, b)


def _common_root(prev: Certificate, cert: Certificate, a: Fraction, b: Fraction) -> UPoly | None:
    """A squarefree common factor, with exactly one root in ``(a, b)``, of a polynomial of
    ``prev`` that fails at ``b`` and one of ``cert`` that fails at ``a``."""
    for p in prev.polys():
        if sign_at(p, b) > 0:
            continue
        for q in cert.polys():
            if sign_at(q, a) > 0:
                continue
            h = gcd(p, q)
            if len(h) >= 2:
                h = _squarefree(h)
                if one_root(h, a, b):
                    return h
    return None


def _squarefree(h: UPoly) -> UPoly:
    """``h / gcd(h, h')``: the same roots, each simple."""
    g = gcd(h, [k * c for k, c in enumerate(h)][1:])
    return h if len(g) < 2 else exquo(h, g)


def _holds_at_root(c: Certificate, h: UPoly, a: Fraction, b: Fraction) -> bool:
    """Whether ``c`` is a certificate at ``r``, the one root of ``h`` in ``(a, b)``: its
    multipliers are ``≥ 0`` there (by continuity) and either ``g(r) < 0`` (``−g`` is one of
    its positive polynomials on a side of ``r``) or a strict row's multiplier is not 0."""

    def nonzero_at_r(f: UPoly) -> bool:  # r is a root of f iff it is one of gcd(f, h)
        g = gcd(f, h)
        return len(g) < 2 or one_sign(g, a, b, False, False) is not None

    g_negative = not is_zero(c.g) and nonzero_at_r(c.g)
    strict_kept = any(
        strict and nonzero_at_r(y) for y, strict in zip(c.y, c.strict_rows, strict=True)
    )
    return g_negative or strict_kept

"""Exact interval arithmetic with open and closed ends.

An :class:`Ival` encloses the values an expression takes over a box of parameters.  Finite ends are
:class:`fractions.Fraction` (exact); infinite ends are the floats ``±inf`` and always open.  An end
is *closed* only when the value is known to be attained; whenever attainment is unclear the end is
marked closed, which is the conservative choice for both questions asked of an interval (is an
atom implied everywhere? is it false everywhere?).

The evaluator handles ``Add``, ``Mul``, integer ``Pow`` (even powers are nonnegative), rational
powers of nonnegative bases, numbers, symbols, ``Abs``, ``Min``, ``Max``, ``exp``, ``log`` and
``Piecewise`` (hull of the branches).  Anything else evaluates to the whole real line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction

import sympy as sp

__all__ = ["INF", "Ival", "bracket", "decide", "expr_ival", "ival_add", "ival_mul", "ival_pow"]

INF = float("inf")
Bound = Fraction | float
"""A finite end is a Fraction; an infinite end is ``±inf`` (a float)."""

_EPS = Fraction(1, 10**24)


class Ival:
    """An interval ``lo .. hi`` with open or closed ends (infinite ends are open).

    Parameters
    ----------
    lo, hi
        The ends: Fractions, or ``-inf`` / ``inf``.
    lo_open, hi_open
        Whether each end is excluded.
    """

    __slots__ = ("hi", "hi_open", "lo", "lo_open")

    def __init__(self, lo: Bound, hi: Bound, lo_open: bool = False, hi_open: bool = False) -> None:
        self.lo = lo
        self.hi = hi
        # infinite ends are the only floats: a type test is much cheaper than Fraction == float
        self.lo_open = lo_open or type(lo) is float
        self.hi_open = hi_open or type(hi) is float

    @staticmethod
    def point(q: Fraction) -> Ival:
        """The single value ``q``."""
        return Ival(q, q)

    @staticmethod
    def whole() -> Ival:
        """The real line."""
        return Ival(-INF, INF)

    def is_empty(self) -> bool:
        """Whether no value lies in the interval."""
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def contains(self, x: Fraction) -> bool:
        """Whether the exact value ``x`` lies in the interval."""
        above = x > self.lo or (x == self.lo and not self.lo_open)
        below = x < self.hi or (x == self.hi and not self.hi_open)
        return above and below

    def is_finite(self) -> bool:
        """Whether both ends are finite."""
        return type(self.lo) is not float and type(self.hi) is not float

    def sign(self) -> str | None:
        """``"+"``, ``"-"`` (strict), ``"0+"``, ``"0-"`` (weak), ``"0"`` or None (unknown)."""
        if self.lo > 0 or (self.lo == 0 and self.lo_open):
            return "+"
        if self.hi < 0 or (self.hi == 0 and self.hi_open):
            return "-"
        if self.lo == 0 and self.hi == 0:
            return "0"
        if self.lo >= 0:
            return "0+"
        if self.hi <= 0:
            return "0-"
        return None

    def intersect(self, other: Ival) -> Ival:
        """The intersection (possibly empty)."""
        if other.lo > self.lo or (other.lo == self.lo and other.lo_open):
            lo, lo_open = other.lo, other.lo_open
        else:
            lo, lo_open = self.lo, self.lo_open
        if other.hi < self.hi or (other.hi == self.hi and other.hi_open):
            hi, hi_open = other.hi, other.hi_open
        else:
            hi, hi_open = self.hi, self.hi_open
        return Ival(lo, hi, lo_open, hi_open)

    def hull(self, other: Ival) -> Ival:
        """The smallest interval holding both."""
        if other.lo < self.lo or (other.lo == self.lo and not other.lo_open):
            lo, lo_open = other.lo, other.lo_open
        else:
            lo, lo_open = self.lo, self.lo_open
        if other.hi > self.hi or (other.hi == self.hi and not other.hi_open):
            hi, hi_open = other.hi, other.hi_open
        else:
            hi, hi_open = self.hi, self.hi_open
        return Ival(lo, hi, lo_open, hi_open)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ival):
            return NotImplemented
        return (self.lo, self.hi, self.lo_open, self.hi_open) == (
            other.lo,
            other.hi,
            other.lo_open,
            other.hi_open,
        )

    def __hash__(self) -> int:
        return hash((self.lo, self.hi, self.lo_open, self.hi_open))

    def __repr__(self) -> str:
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{self.lo}, {self.hi}{right}"


def decide(iv: Ival, op: str) -> bool | None:
    """Whether ``f op 0`` holds on all (True), none (False) or part (None) of ``f``'s range."""
    if iv.is_empty():
        return None
    s = iv.sign()
    if op == ">=":
        if iv.lo >= 0:
            return True
        if s == "-":
            return False
    elif op == ">":
        if s == "+":
            return True
        if iv.hi <= 0:
            return False
    elif op == "==":
        if s == "0":
            return True
        if s in ("+", "-"):
            return False
    elif op == "!=":
        if s in ("+", "-"):
            return True
        if s == "0":
            return False
    return None


# -- arithmetic ------------------------------------------------------------------------------


def ival_add(a: Ival, b: Ival) -> Ival:
    """``a + b``."""
    return Ival(a.lo + b.lo, a.hi + b.hi, a.lo_open or b.lo_open, a.hi_open or b.hi_open)


def ival_neg(a: Ival) -> Ival:
    """``-a``."""
    return Ival(-a.hi, -a.lo, a.hi_open, a.lo_open)


def _emul(x: Bound, y: Bound) -> Bound:
    if x == 0 or y == 0:
        return Fraction(0)
    return x * y


def ival_mul(a: Ival, b: Ival) -> Ival:
    """``a * b`` (a zero end times an infinite end counts as zero, as in bound arithmetic)."""
    if a.lo == a.hi and not a.lo_open:  # a point: cheap and exact scaling
        k = a.lo
        if k == 0:
            return Ival.point(Fraction(0))
        if k > 0:
            return Ival(_emul(k, b.lo), _emul(k, b.hi), b.lo_open, b.hi_open)
        return Ival(_emul(k, b.hi), _emul(k, b.lo), b.hi_open, b.lo_open)
    if b.lo == b.hi and not b.lo_open:
        return ival_mul(b, a)
    best_lo: Bound = INF
    best_hi: Bound = -INF
    lo_att = hi_att = False
    for x, xo in ((a.lo, a.lo_open), (a.hi, a.hi_open)):
        for y, yo in ((b.lo, b.lo_open), (b.hi, b.hi_open)):
            v = _emul(x, y)
            att = (not xo and not yo) or (x == 0 and not xo) or (y == 0 and not yo)
            if v < best_lo:
                best_lo, lo_att = v, att
            elif v == best_lo:
                lo_att = lo_att or att
            if v > best_hi:
                best_hi, hi_att = v, att
            elif v == best_hi:
                hi_att = hi_att or att
    return Ival(best_lo, best_hi, not lo_att, not hi_att)


def _reciprocal(a: Ival) -> Ival:
    s = a.sign()
    if s == "+":
        lo = Fraction(0) if a.hi == INF else 1 / a.hi
        lo_open = a.hi == INF or a.hi_open
        hi: Bound = INF if a.lo == 0 else 1 / a.lo
        return Ival(lo, hi, lo_open, a.lo_open)
    if s == "-":
        return ival_neg(_reciprocal(ival_neg(a)))
    return Ival.whole()


def _ipow(x: Bound, n: int) -> Bound:
    if type(x) is float:  # an infinite end
        return x if n % 2 else INF
    return x**n


def ival_pow(a: Ival, n: int) -> Ival:
    """``a ** n`` for an integer ``n`` (even powers are nonnegative)."""
    if n == 0:
        return Ival.point(Fraction(1))
    if n < 0:
        return _reciprocal(ival_pow(a, -n))
    if n == 1:
        return a
    if n % 2:
        return Ival(_ipow(a.lo, n), _ipow(a.hi, n), a.lo_open, a.hi_open)
    if a.lo >= 0:
        return Ival(_ipow(a.lo, n), _ipow(a.hi, n), a.lo_open, a.hi_open)
    if a.hi <= 0:
        return Ival(_ipow(a.hi, n), _ipow(a.lo, n), a.hi_open, a.lo_open)
    # zero is inside: the minimum 0 is attained
    if -a.lo > a.hi:
        hi, hi_open = _ipow(a.lo, n), a.lo_open
    elif -a.lo < a.hi:
        hi, hi_open = _ipow(a.hi, n), a.hi_open
    else:
        hi, hi_open = _ipow(a.hi, n), a.lo_open and a.hi_open
    return Ival(Fraction(0), hi, False, hi_open)


# -- numbers and monotone functions ------------------------------------------------------------


def bracket(num: sp.Expr) -> Ival:
    """An exact rational enclosure of a real sympy number (a point when it is rational)."""
    if num.is_Rational:
        return Ival.point(Fraction(int(num.p), int(num.q)))
    if num in (sp.oo, -sp.oo) or num.has(sp.zoo, sp.nan):
        return Ival.whole()
    value = sp.N(num, 40)
    if not value.is_real or not value.is_finite:
        return Ival.whole()
    q = Fraction(sp.Rational(value))
    eps = abs(q) * _EPS + _EPS * _EPS
    return Ival(q - eps, q + eps)


def _monotone(a: Ival, fn: Callable[[sp.Expr], sp.Expr], lo_limit: Bound, hi_limit: Bound) -> Ival:
    """Image of ``a`` under a strictly increasing function (limits for infinite ends).

    An end keeps ``a``'s openness when the function's value there is rational (exact), else it is
    rounded outward and closed.
    """
    if a.lo == -INF:
        lo, lo_open = lo_limit, True
    else:
        b = bracket(fn(sp.Rational(a.lo)))
        lo, lo_open = b.lo, a.lo_open and b.lo == b.hi
    if a.hi == INF:
        hi, hi_open = hi_limit, True
    else:
        b = bracket(fn(sp.Rational(a.hi)))
        hi, hi_open = b.hi, a.hi_open and b.lo == b.hi
    return Ival(lo, hi, lo_open, hi_open)


def _rational_pow(a: Ival, e: sp.Rational) -> Ival:
    if a.lo < 0:
        return Ival.whole()
    if e < 0:
        return _reciprocal(_rational_pow(a, -e))

    def root(x: sp.Expr) -> sp.Expr:
        return x**e

    return _monotone(a, root, Fraction(0), INF)


def expr_ival(expr: sp.Expr, box: Mapping[sp.Symbol, Ival]) -> Ival:
    """Enclose the values of ``expr`` over ``box`` (symbols missing from the box: the real line)."""
    if expr.is_Symbol:
        return box.get(expr, Ival.whole())
    if expr.is_number:
        return bracket(expr)
    if expr.is_Add:
        total = Ival.point(Fraction(0))
        for arg in expr.args:
            total = ival_add(total, expr_ival(arg, box))
        return total
    if expr.is_Mul:
        prod = Ival.point(Fraction(1))
        for arg in expr.args:
            prod = ival_mul(prod, expr_ival(arg, box))
        return prod
    if expr.is_Pow:
        base, e = expr.args
        if e.is_Integer:
            return ival_pow(expr_ival(base, box), int(e))
        if e.is_Rational:
            return _rational_pow(expr_ival(base, box), e)
        if base is sp.E:
            return _monotone(expr_ival(e, box), sp.exp, Fraction(0), INF)
        return Ival.whole()
    return _function_ival(expr, box)


def _function_ival(expr: sp.Expr, box: Mapping[sp.Symbol, Ival]) -> Ival:
    args = [expr_ival(x, box) for x in expr.args if isinstance(x, sp.Expr)]
    if isinstance(expr, sp.exp):
        return _monotone(args[0], sp.exp, Fraction(0), INF)
    if isinstance(expr, sp.log):
        a = args[0]
        if a.lo < 0 or len(args) != 1:
            return Ival.whole()
        lo = -INF if a.lo == 0 else bracket(sp.log(sp.Rational(a.lo))).lo
        hi = INF if a.hi == INF else bracket(sp.log(sp.Rational(a.hi))).hi
        return Ival(lo, hi)
    if isinstance(expr, sp.Abs):
        a = args[0]
        if a.lo >= 0:
            return a
        if a.hi <= 0:
            return ival_neg(a)
        return _abs_straddle(a)
    if isinstance(expr, sp.Max | sp.Min):
        out = args[0]
        for a in args[1:]:
            out = _maxmin(out, a, isinstance(expr, sp.Max))
        return out
    if isinstance(expr, sp.Piecewise):
        branches = [expr_ival(e, box) for e, _ in expr.args]
        out = branches[0]
        for b in branches[1:]:
            out = out.hull(b)
        return out
    return Ival.whole()


def _abs_straddle(a: Ival) -> Ival:
    if -a.lo > a.hi:
        return Ival(Fraction(0), -a.lo, False, a.lo_open)
    if -a.lo < a.hi:
        return Ival(Fraction(0), a.hi, False, a.hi_open)
    return Ival(Fraction(0), a.hi, False, a.lo_open and a.hi_open)


def _maxmin(a: Ival, b: Ival, is_max: bool) -> Ival:
    if not is_max:
        return ival_neg(_maxmin(ival_neg(a), ival_neg(b), True))
    # max: lo is the larger lo, hi the larger hi; ends stay conservative (closed on ties)
    if a.lo > b.lo or (a.lo == b.lo and not a.lo_open):
        lo, lo_open = a.lo, a.lo_open
    else:
        lo, lo_open = b.lo, b.lo_open
    if a.hi > b.hi or (a.hi == b.hi and not a.hi_open):
        hi, hi_open = a.hi, a.hi_open
    else:
        hi, hi_open = b.hi, b.hi_open
    return Ival(lo, hi, lo_open, hi_open)

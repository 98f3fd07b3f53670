"""A player who never best-responds, proved from a few deviation policies found by cutting planes.

Against others with many states a player has thousands of deterministic policies (``3^7``
on seven reachable states), and building every policy's gain costs about a millisecond each.
A proof that the profile is never a best response needs only a few of them: the conditions
``gain_π ≥ 0`` of *some* policies already empty on the space make the whole system empty.
They are found as cutting planes are (Kelley 1960; Benders 1962): a policy optimal at a point
of the space (policy iteration in rationals), added while the conditions of those found so far
leave room.  Each round, the conditions of the policies found are swept with polynomial Farkas
certificates (:mod:`._prefilter`); where the sweep does not close, a point strictly inside
them at some twenty values of ``δ`` (an LP each) proposes the next policies: the best replies there,
which the conditions found so far say are no better than the profile, so each is new.

It stops without a proof, handing over to the enumeration of every policy, when the profile
*is* a best reply at such a point (the system is then not empty), or after :data:`ROUNDS`.
Floats only choose points; the policies' gains are exact and the emptiness is proved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import reduce
from ..conditions._farkas_cover import farkas_core
from ..conditions._lp_witness import interior, samples
from ..params import ParameterSpace
from . import _bareiss, _mdp
from ._intpoly import Poly
from ._prefilter import gain_rows

__all__ = ["ROUNDS", "few_gains"]

ROUNDS = 8  # rounds of proposing policies before handing over to the enumeration


def few_gains(
    mdp: _mdp.MDP,
    base: _bareiss.GainBase,
    payoffs: Sequence[sp.Expr],
    space: ParameterSpace,
    delta: sp.Symbol,
    budget: Budget = UNLIMITED,
) -> list[list[Poly]] | None:
    """The gains of a few policies whose conditions ``gain ≥ 0`` the certificates prove empty
    together with the space, or None (no proof: the profile may be a best reply somewhere).
    ``budget`` is checked at each round."""
    root = reduce([], space).witness
    if root is None:
        return None
    found: dict[tuple[str, ...], list[Poly]] = {}
    points = [{**root, delta: sp.Rational(t.numerator, t.denominator)} for t in _first(root, delta)]
    for done in range(ROUNDS):
        budget.check("rounds of cutting planes for a best reply", done, ROUNDS)
        before = len(found)
        for point in points:
            try:
                policy = _mdp._Numeric(mdp, point).optimal()
            except _mdp.NotRational:
                return None
            if policy in found:
                continue
            gain = _bareiss.gains(mdp, policy, base)
            if _value(gain, payoffs, point, delta) >= 0:
                return None  # the profile is a best reply at this point
            found[policy] = gain
        if len(found) == before:
            return None
        gains = list(found.values())
        rows = gain_rows(gains, payoffs, space, delta)
        if rows is None:
            return None
        core = farkas_core(rows)
        if core is not None:
            return [gains[k] for k in core if isinstance(k, int)]
        points = []
        for t0 in samples(rows):
            x = interior(rows, t0)
            if x is not None:
                point = dict(root)
                for v, c in zip(rows.variables, x, strict=True):
                    q = Fraction(float(c)).limit_denominator(10**6)
                    point[v] = sp.Rational(q.numerator, q.denominator)
                point[delta] = sp.Rational(t0.numerator, t0.denominator)
                points.append(point)
        if not points:
            return None
    return None


def _first(root: Mapping[sp.Symbol, sp.Expr], delta: sp.Symbol) -> list[Fraction]:
    """The first round's values of ``δ``: the witness's, then across ``(0, 1)``."""
    w = root[delta]
    own = Fraction(int(w.p), int(w.q)) if isinstance(w, sp.Rational) else Fraction(1, 2)
    return [own, Fraction(1, 2), Fraction(9, 10), Fraction(1, 10), Fraction(99, 100)]


def _value(
    gain: Sequence[Poly],
    payoffs: Sequence[sp.Expr],
    point: Mapping[sp.Symbol, sp.Expr],
    delta: sp.Symbol,
) -> Fraction:
    """``Σ_a gain[a](δ) · u_a`` at the point (its sign is the gain's: positive denominators)."""
    d = _mdp._at(delta, point)
    total = Fraction(0)
    for g, u in zip(gain, payoffs, strict=True):
        if any(g):
            total += sum((Fraction(c) * d**k for k, c in enumerate(g)), Fraction(0)) * _mdp._at(
                u, point
            )
    return total

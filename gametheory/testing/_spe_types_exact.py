"""The claimed payoffs and outcome probabilities of a profile below a continuum of types, exactly.

The tree is walked under the profile with sympy at the parameter point: continuous choices are
substituted, and at a :class:`~gametheory.ContinuousChance` each payoff and outcome probability
(an expression in the type ``θ``, ``Piecewise`` through the informed players' rules) is
integrated over ``Uniform(lo, hi)``: cut at the exact real roots of its conditions, each piece
resolved at its midpoint and integrated as a polynomial.  Anything else (a condition that is not
polynomial in ``θ``, a piece that is not a polynomial, a choice that depends on ``θ``) gives
``None``, and the certificate falls back on its quadrature with a tolerance.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

import sympy as sp

from ..games.outcome_labels import outcome_label
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Outcome
from ._pbe_walk import Value, child
from ._spe_cuts import conditions

if TYPE_CHECKING:
    from ._spe_grid_view import GridView

__all__ = ["STEPS", "exact_root", "steps_as_piecewise"]

STEPS = (sp.Min, sp.Max, sp.Abs, sp.Heaviside, sp.sign)
Exprs = tuple[list[sp.Expr], dict[str, sp.Expr]]


class _GiveUp(Exception):
    """The exact integral is not available."""


def exact_root(check: GridView) -> tuple[dict[str, Value], dict[str, Value], bool] | None:
    """The profile's payoffs and outcome probabilities at the root, integrated exactly
    (Fractions where rational), and whether all are rational; None where sympy cannot."""
    try:
        pay, lot = _exact(check, "root", {})
    except _GiveUp:
        return None
    values = [*pay, *lot.values()]
    if any(v.free_symbols or not v.is_number for v in values):
        return None
    rational = all(v.is_Rational for v in values)

    def num(v: sp.Expr) -> Value:
        return Fraction(int(v.p), int(v.q)) if v.is_Rational else float(v)

    payoffs = {p: num(v) for p, v in zip(check.players, pay, strict=True)}
    return payoffs, {k: num(v) for k, v in lot.items()}, rational


def _exact(check: GridView, path: str, env: Mapping[sp.Symbol, sp.Expr]) -> Exprs:
    node = check.nodes[path]
    if isinstance(node, Outcome):
        pay = [sp.sympify(node.payoffs[p]).xreplace(env) for p in check.players]
        return pay, {outcome_label(node, path): sp.S.One}
    if isinstance(node, ContinuousDecision):
        raw = check.strategies[check.label[path]][str(node.variable)]
        x = sp.sympify(raw).xreplace(env)
        if x.free_symbols:
            raise _GiveUp
        return _exact(check, child(path, str(node.variable)), {**env, node.variable: x})
    if isinstance(node, ContinuousChance):
        theta = node.variable
        lo, hi = (sp.sympify(e).xreplace(env) for e in node.distribution.support)
        pay, lot = _exact(check, child(path, str(theta)), env)
        return (
            [_integral(e, theta, lo, hi) for e in pay],
            {k: _integral(e, theta, lo, hi) for k, e in lot.items()},
        )
    assert isinstance(node, Decision | Chance)
    if isinstance(node, Decision):
        raw_mix = check.strategies[check.label[path]]
        edges = [(a, sp.sympify(raw_mix.get(a, 0))) for a in node.actions]
    else:
        edges = [(b, q) for b, (q, _) in node.branches.items()]
    total: list[sp.Expr] = [sp.S.Zero] * len(check.players)
    lottery: dict[str, sp.Expr] = {}
    for lab, q in edges:
        q = q.xreplace(env)
        if q == 0:
            continue
        pay, lot = _exact(check, child(path, lab), env)
        total = [t + q * u for t, u in zip(total, pay, strict=True)]
        for k, w in lot.items():
            lottery[k] = lottery.get(k, sp.S.Zero) + q * w
    return total, lottery


def steps_as_piecewise(e: sp.Expr) -> sp.Expr:
    """``e`` with ``Min``, ``Max``, ``Abs``, ``Heaviside`` and ``sign`` written as ``Piecewise``."""
    return e.replace(lambda z: isinstance(z, STEPS), lambda z: z.rewrite(sp.Piecewise))


def _integral(e: sp.Expr, theta: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """``E[e]`` for ``theta ~ Uniform(lo, hi)``, exactly (see the module docstring)."""
    e = steps_as_piecewise(sp.sympify(e))
    if not e.has(theta):
        return e
    cuts: set[sp.Expr] = set()
    for f in conditions([e], theta):
        num, _ = sp.fraction(sp.together(f))
        try:
            roots = sp.real_roots(sp.Poly(num, theta))
        except (sp.PolynomialError, NotImplementedError) as exc:
            raise _GiveUp from exc
        for r in roots:
            inner = sp.And(r > lo, r < hi)
            if inner not in (sp.true, sp.false):
                raise _GiveUp
            if inner:
                cuts.add(r)
    ends = [lo, *sorted(cuts, key=float), hi]
    total = sp.S.Zero
    for a, b in itertools.pairwise(ends):
        piece = _resolve(e, theta, (a + b) / 2)
        if not piece.is_polynomial(theta):
            raise _GiveUp
        total += sp.integrate(sp.expand(piece), (theta, a, b))
    return sp.expand(total / (hi - lo))


def _resolve(e: sp.Expr, theta: sp.Symbol, mid: sp.Expr) -> sp.Expr:
    """``e`` with each ``Piecewise`` replaced by its branch that holds at ``theta = mid``."""

    def pick(pw: sp.Piecewise) -> sp.Expr:
        for expr, cond in pw.args:
            holds = sp.sympify(cond).xreplace({theta: mid})
            if holds == sp.true:
                return expr
            if holds != sp.false:
                raise _GiveUp
        raise _GiveUp

    return e.replace(lambda z: isinstance(z, sp.Piecewise), pick)

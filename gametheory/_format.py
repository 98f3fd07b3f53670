"""Readable text for strategies and conditions (shared by results and printing)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import sympy as sp

__all__ = [
    "belief_set_text",
    "beliefs_text",
    "conditions_lines",
    "conditions_text",
    "readable",
    "strategy_text",
]


def strategy_text(strategy: Mapping[str, sp.Expr], continuous: bool = False) -> str:
    """``"escalate"`` for a pure strategy, ``"hold 1/3, escalate 2/3"`` for a mixed one,
    ``"r = 1/2"`` for a continuous choice."""
    if continuous:
        return ", ".join(f"{a} = {v}" for a, v in strategy.items())
    rules = [(a, v) for a, v in strategy.items() if isinstance(v, sp.Piecewise)]
    if rules and len(rules) == len(strategy):  # cutoff rules: "absorb if r <= theta"
        shown = [f"{a} if {c}" for a, v in rules for e, c in v.args if e == 1 and c is not sp.true]
        fallback = [a for a, v in rules if v.args[-1][0] == 1 and v.args[-1][1] is sp.true]
        return ", ".join([*shown, *(f"{a} otherwise" for a in fallback)])
    support = [(a, v) for a, v in strategy.items() if v != 0]
    if len(support) == 1 and support[0][1] == 1:
        return support[0][0]
    return ", ".join(f"{a} {_short(v)}" for a, v in support) if support else "(none)"


def beliefs_text(
    beliefs: Mapping[str, Mapping[str, sp.Basic]], sets: Mapping[str, Any] | None = None
) -> str:
    """``"R|beer: weak 1/10; R|quiche: weak in [1/2, 1]"``: per information set, the belief on
    its first node (the rest follows), an interval off the path; an off-path set of three or
    more nodes as its relations (``"R|m: free, weak >= 1/2"``)."""
    parts = []
    for h, b in beliefs.items():
        if not b:
            continue
        bs = (sets or {}).get(h)
        if bs is not None and len(bs.nodes) > 2:
            parts.append(f"{h}: {belief_set_text(bs)}")
            continue
        node, v = next(iter(b.items()))
        if isinstance(v, sp.Interval):
            text = f"{node} in [{v.start}, {v.end}]" if v.start != v.end else f"{node} {v.start}"
        else:
            text = f"{node} {_short(v)}"
        parts.append(f"{h}: {text}")
    return "; ".join(parts)


def belief_set_text(bs: Any) -> str:
    """A belief set's relations with each belief named by its node (``"weak >= 1/2"``), or
    ``"any belief"`` for the whole simplex."""
    names = {s: sp.Symbol(str(n)) for s, n in zip(bs.symbols, bs.nodes, strict=True)}
    shown = [_solved(r.xreplace(names), list(names.values())) for r in bs.relations]
    return "free, " + ", ".join(shown) if shown else "any belief"


def _solved(rel: sp.Basic, nodes: list[sp.Symbol]) -> str:
    """A linear relation solved for its first node with a numeric coefficient
    (``2*weak - 1 >= 0`` reads ``weak >= 1/2``)."""
    ops = {sp.Eq: ("=", "="), sp.Ge: (">=", "<="), sp.Gt: (">", "<")}
    kind = next((k for k in ops if isinstance(rel, k)), None)
    if kind is None:
        return str(rel)
    e = sp.expand(rel.lhs - rel.rhs)
    for x in nodes:
        a = e.coeff(x)
        if a.is_number and a != 0 and not (e - a * x).has(x):
            rhs = sp.factor(-(e - a * x) / a)
            return f"{x} {ops[kind][0] if a > 0 else ops[kind][1]} {rhs}"
    return str(rel)


def _short(v: sp.Expr) -> str:
    return f"({v})" if isinstance(v, sp.Add) else str(v)


def _atoms(cond: sp.Boolean) -> list[sp.Boolean]:
    return list(cond.args) if isinstance(cond, sp.And) else [cond]


@lru_cache(maxsize=4096)
def readable(rel: sp.Basic) -> sp.Basic:
    """An inequality solved for a parameter that enters linearly with a numeric coefficient,
    the other side factored (``W >= (theta_H - theta_L)*(1 - theta_L)``), when that reads
    shorter; otherwise the inequality as it is.  Display only: the two forms are equivalent."""
    if not isinstance(rel, sp.core.relational._Inequality):
        return rel
    expr = sp.expand(rel.lhs - rel.rhs)
    best, best_len = rel, len(str(rel))
    for s in sorted(expr.free_symbols, key=str):
        if len(expr.free_symbols) < 2:
            break
        try:
            poly = sp.Poly(expr, s)
        except sp.PolynomialError:
            continue
        k = poly.coeff_monomial(s)
        if poly.degree() != 1 or k == 0:
            continue
        if k.is_number:
            positive = bool(k > 0)
        elif k.is_positive or k.is_negative:  # a sign fixed by the symbols' assumptions
            positive = bool(k.is_positive)
        else:
            continue
        rhs = _positive_factors(sp.factor(-(expr - k * s) / k))
        op = rel.rel_op if positive else _FLIP[rel.rel_op]
        cand = sp.Rel(s, rhs, op)
        if len(str(cand)) < best_len:
            best, best_len = cand, len(str(cand))
    return best


def _positive_factors(e: sp.Expr) -> sp.Expr:
    """``-(a - 1)*b`` as ``(1 - a)*b``: a negative coefficient absorbed into one factor."""
    if not isinstance(e, sp.Mul):
        return e
    c, rest = e.as_coeff_Mul()
    if c >= 0:
        return e
    factors = list(sp.Mul.make_args(rest))
    for i, f in enumerate(factors):
        if isinstance(f, sp.Add):
            factors[i] = sp.expand(-f)
            return sp.Mul(-c, *factors)
    return e


_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


def conditions_text(cond: sp.Boolean) -> str:
    """``"always"`` for ``True``, ``"never"`` for ``False``, else the atoms joined by commas."""
    if cond is sp.true:
        return "always"
    if cond is sp.false:
        return "never"
    return ", ".join(str(readable(a)) for a in _atoms(cond))


def conditions_lines(cond: sp.Boolean) -> list[str]:
    """One string per atom of a conjunction (``["always"]`` for ``True``)."""
    if cond is sp.true or cond is sp.false:
        return [conditions_text(cond)]
    return [str(readable(a)) for a in _atoms(cond)]

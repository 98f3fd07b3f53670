"""Readable text for strategies and conditions (shared by results and printing)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp

__all__ = [
    "TEXT",
    "StrategyStyle",
    "atom_text_of",
    "belief_set_text",
    "beliefs_text",
    "conditions_lines",
    "conditions_text",
    "readable",
    "render_strategy",
    "strategy_text",
]


@dataclass(frozen=True)
class StrategyStyle:
    """How :func:`render_strategy` writes the pieces of a strategy in one medium (plain text,
    LaTeX text mode, MathJax math): each function gets an action label (and a value)."""

    continuous: Callable[[str, sp.Expr], str]
    """A continuous choice ``x = v``."""
    rule: Callable[[str, sp.Basic], str]
    """An action of a cutoff rule and the condition where it is taken."""
    otherwise: Callable[[str], str]
    """An action of a cutoff rule taken wherever no other is."""
    pure: Callable[[str], str]
    mixed: Callable[[str, sp.Expr], str]
    """An action of a mixed strategy and its probability."""
    none: str
    """A strategy that plays nothing."""
    sep: str = ", "


def render_strategy(
    strategy: Mapping[str, sp.Expr], style: StrategyStyle, continuous: bool = False
) -> str:
    """A strategy in ``style``: the one renderer of strategies (text, LaTeX, MathJax).  A
    continuous choice shows its value, cutoff rules their conditions, a pure strategy its action,
    a mixed one each played action with its probability."""
    if continuous:
        return style.sep.join(style.continuous(a, v) for a, v in strategy.items())
    rules = [(a, v) for a, v in strategy.items() if isinstance(v, sp.Piecewise)]
    if rules and len(rules) == len(strategy):  # cutoff rules: "absorb if r <= theta"
        shown = [
            style.rule(a, c) for a, v in rules for e, c in v.args if e == 1 and c is not sp.true
        ]
        fallback = [
            style.otherwise(a) for a, v in rules if v.args[-1][0] == 1 and v.args[-1][1] is sp.true
        ]
        return style.sep.join([*shown, *fallback])
    support = [(a, v) for a, v in strategy.items() if v != 0]
    if len(support) == 1 and support[0][1] == 1:
        return style.pure(support[0][0])
    if not support:
        return style.none
    return style.sep.join(style.mixed(a, v) for a, v in support)


TEXT = StrategyStyle(
    continuous=lambda a, v: f"{a} = {v}",
    rule=lambda a, c: f"{a} if {c}",
    otherwise=lambda a: f"{a} otherwise",
    pure=lambda a: a,
    mixed=lambda a, v: f"{a} {_short(v)}",
    none="(none)",
)
"""Plain text: ``escalate``, ``hold 1/3, escalate 2/3``, ``r = 1/2``, ``absorb if r <= theta``."""


def strategy_text(strategy: Mapping[str, sp.Expr], continuous: bool = False) -> str:
    """``"escalate"`` for a pure strategy, ``"hold 1/3, escalate 2/3"`` for a mixed one,
    ``"r = 1/2"`` for a continuous choice."""
    return render_strategy(strategy, TEXT, continuous)


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
def readable(rel: sp.Basic, space: Any = None) -> sp.Basic:
    """A condition as a reader writes it.  Display only: the forms are equivalent.

    - an inequality or equation solved for a parameter that enters linearly, the other side
      factored (``W >= (theta_H - theta_L)*(1 - theta_L)``), when that reads shorter; the
      parameter's coefficient must have a known sign: a number, the symbols' assumptions, or
      (given ``space``) its range over the space's box;
    - an even power compared with zero as the equation or inequation it is
      (``(c_A - k)**2 <= 0`` reads ``c_A = k``, ``(a - b)**2 > 0`` reads ``a != b``);
    - ``And`` / ``Or`` / ``Not`` rewritten part by part.
    """
    if isinstance(rel, sp.And | sp.Or | sp.Not):
        return rel.func(*(readable(a, space) for a in rel.args), evaluate=False)
    if not isinstance(rel, sp.core.relational.Relational):
        return rel
    op = rel.rel_op
    expr = sp.expand(rel.lhs - rel.rhs)
    base = _even_power_base(expr)
    if base is not None and op != "==" and op != "!=":
        coeff, root = base
        op = op if coeff > 0 else _FLIP[op]
        if op in ("<=", ">"):  # f**2 <= 0 iff f = 0; f**2 > 0 iff f != 0
            op, expr = ("==" if op == "<=" else "!="), root
            rel = sp.Rel(root, 0, op)
    elif base is not None:
        expr = base[1]
        rel = sp.Rel(expr, 0, op)
    if any(side.is_Symbol and not other.has(side) for side, other in _sides(rel)):
        return rel  # already solved for a parameter ("c >= a", "W >= v**2/(2*c)")
    # an unsolved relation must be clearly shorter to be kept: a reader wants "x >= ..."
    best, best_len = rel, UNSOLVED_WEIGHT * len(atom_text_of(rel))
    # each linear parameter's solved form, compared unfactored; only the shortest is factored
    # (factoring is the costly step: once per atom, not once per parameter)
    found: list[tuple[int, sp.Symbol, sp.Expr, str]] = []
    terms = len(sp.Add.make_args(expr))
    for s in sorted(expr.free_symbols, key=str) if terms <= SOLVED_TERMS else ():
        if len(expr.free_symbols) < 2 and op not in ("==", "!="):
            break
        k = expr.coeff(s)
        if k == 0 or k.has(s) or (expr - k * s).has(s):
            continue  # s does not enter linearly
        if op in ("==", "!="):
            cand_op = op  # an equation needs no sign
        else:
            sign = _sign(k, space)
            if sign is None:
                continue
            cand_op = op if sign == "+" else _FLIP[op]
        raw = sp.together(-(expr - k * s) / k)
        found.append((len(str(raw)), s, raw, cand_op))
    if found:
        _, s, raw, cand_op = min(found, key=lambda t: t[0])
        factored = _positive_factors(sp.factor(raw)) if len(raw.free_symbols) > 1 else raw
        rhs = factored if len(str(factored)) <= len(str(raw)) else raw
        cand = sp.Rel(s, rhs, cand_op)
        if len(atom_text_of(cand)) < best_len:
            best = cand
    return best


def _sides(rel: sp.Basic) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    return ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs))


def _even_power_base(expr: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """``(c, f)`` when ``expr`` is ``c * f**(2k)`` with a nonzero number ``c`` (factored)."""
    if not expr.free_symbols or len(sp.Add.make_args(expr)) > EVEN_POWER_TERMS:
        return None
    try:
        degree = sp.Poly(expr, *sorted(expr.free_symbols, key=str)).total_degree()
    except sp.PolynomialError:
        return None
    if degree < 2 or degree % 2:
        return None
    fac = sp.factor(expr)
    coeff, rest = fac.as_coeff_Mul()
    if coeff == 0 or not isinstance(rest, sp.Pow):
        return None
    root, e = rest.args
    if not (e.is_Integer and int(e) % 2 == 0):
        return None
    return coeff, sp.expand(root ** (int(e) // 2))


def _sign(k: sp.Expr, space: Any) -> str | None:
    """``"+"`` or ``"-"`` where the sign of ``k`` is known (a number, the assumptions, or the
    space's box); None otherwise."""
    if k.is_number:
        return "+" if k > 0 else "-"
    if k.is_positive:
        return "+"
    if k.is_negative:
        return "-"
    if space is None:
        return None
    from .conditions._context import _to_ival  # display needs the box only
    from .conditions._interval import expr_ival

    sign = expr_ival(k, {s: _to_ival(iv) for s, iv in space.intervals}).sign()
    return sign if sign in ("+", "-") else None


@lru_cache(maxsize=4096)
def atom_text_of(rel: sp.Basic) -> str:
    """A condition in plain text: ``=`` and ``!=`` for equations, ``and`` / ``or`` / ``not``
    for connectives (never sympy's ``Eq(...)``, ``Ne(...)``, ``&``, ``|``)."""
    if isinstance(rel, sp.Eq):
        return f"{rel.lhs} = {rel.rhs}"
    if isinstance(rel, sp.Ne):
        return f"{rel.lhs} != {rel.rhs}"
    if isinstance(rel, sp.And | sp.Or):
        word = " and " if isinstance(rel, sp.And) else " or "
        return word.join(_grouped(atom_text_of(a), a) for a in rel.args)
    if isinstance(rel, sp.Not):
        return f"not {_grouped(atom_text_of(rel.args[0]), rel.args[0])}"
    if rel is sp.true:
        return "always"
    if rel is sp.false:
        return "never"
    return str(rel)


def _grouped(text: str, part: sp.Basic) -> str:
    return f"({text})" if isinstance(part, sp.And | sp.Or) else text


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
UNSOLVED_WEIGHT = 1.5
SOLVED_TERMS = 16
"""Relations with more terms are shown as they are (solving them rarely reads shorter)."""
EVEN_POWER_TERMS = 10
"""Polynomials with more terms are not tried as an even power (factoring them costs)."""
"""A relation solved for a parameter is shown unless it is this many times longer."""


def conditions_text(cond: sp.Boolean, space: Any = None) -> str:
    """``"always"`` for ``True``, ``"never"`` for ``False``, else the atoms joined by commas
    (each :func:`readable`, in plain text)."""
    return ", ".join(conditions_lines(cond, space))


def conditions_lines(cond: sp.Boolean, space: Any = None) -> list[str]:
    """One string per atom of a conjunction (``["always"]`` for ``True``)."""
    if cond is sp.true or cond is sp.false:
        return [atom_text_of(cond)]
    return [atom_text_of(readable(a, space)) for a in _atoms(cond)]

"""Readable text for strategies and conditions (shared by results and printing)."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

__all__ = ["conditions_text", "latex_conditions", "strategy_text"]


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


def _short(v: sp.Expr) -> str:
    return f"({v})" if isinstance(v, sp.Add) else str(v)


def _atoms(cond: sp.Boolean) -> list[sp.Boolean]:
    return list(cond.args) if isinstance(cond, sp.And) else [cond]


def conditions_text(cond: sp.Boolean) -> str:
    """``"always"`` for ``True``, ``"never"`` for ``False``, else the atoms joined by commas."""
    if cond is sp.true:
        return "always"
    if cond is sp.false:
        return "never"
    return ", ".join(str(a) for a in _atoms(cond))


def latex_conditions(cond: sp.Boolean) -> str:
    """LaTeX of a condition, atoms joined by commas."""
    if cond is sp.true:
        return "\\text{always}"
    if cond is sp.false:
        return "\\text{never}"
    return ",\\ ".join(sp.latex(a) for a in _atoms(cond))

"""Pieces shared by the LaTeX writers: math cells, stacked cells, the float wrapper, options."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import sympy as sp

from .._format import StrategyStyle, readable, render_strategy
from ..errors import GameError
from ._escape import text

__all__ = [
    "beliefs_cell",
    "check_choice",
    "conditions_lines",
    "math",
    "stack",
    "strategy_cell",
    "wrap",
]


def math(e: object) -> str:
    """An expression as inline math: ``$\\frac{1}{2}$``."""
    return "$" + sp.latex(sp.sympify(e)) + "$"


def stack(lines: Sequence[str]) -> str:
    """Several lines in one table cell: a nested one-column ``tabular`` aligned at the top."""
    if len(lines) == 1:
        return lines[0]
    return "\\begin{tabular}[t]{@{}l@{}}" + " \\\\ ".join(lines) + "\\end{tabular}"


def check_choice(value: object, allowed: Iterable[object], what: str) -> None:
    """A :class:`GameError` naming the option and its allowed values if ``value`` is not one."""
    options = tuple(allowed)
    if value not in options:
        raise GameError(f"{what} must be one of {', '.join(map(repr, options))}; got {value!r}")


LATEX = StrategyStyle(
    continuous=lambda a, v: f"${sp.latex(sp.Symbol(a))} = {sp.latex(v)}$",
    rule=lambda a, c: f"{text(a)} if {math(c)}",
    otherwise=lambda a: f"{text(a)} otherwise",
    pure=text,
    mixed=lambda a, v: f"{math(v)} {text(a)}",
    none="(none)",
)
"""Strategies in LaTeX's text mode (table cells)."""


def strategy_cell(strategy: Mapping[str, sp.Expr], continuous: bool = False) -> str:
    """A strategy in text mode: ``escalate`` (pure), ``$\\frac{1}{3}$ hold, $\\frac{2}{3}$
    escalate`` (mixed), ``$r = 2 \\theta_{L}$`` (continuous), ``absorb if $r \\leq \\theta$``
    (a cutoff rule)."""
    return render_strategy(strategy, LATEX, continuous)


def beliefs_cell(belief: Mapping[str, sp.Basic]) -> str:
    """A belief in text mode: ``weak $p$, strong $1 - p$``; an off-path interval as
    ``weak $\\in \\left[\\frac{1}{2}, 1\\right]$``."""
    parts = []
    for node, v in belief.items():
        if isinstance(v, sp.Set):
            parts.append(f"{text(node)} $\\in {sp.latex(v)}$")
        else:
            parts.append(f"{text(node)} {math(v)}")
    return ", ".join(parts)


def conditions_lines(cond: sp.Boolean) -> list[str]:
    """One inline-math line per atom of a conjunction, each solved for a parameter where that
    reads shorter (:func:`gametheory._format.readable`); ``always`` / ``never`` for True /
    False."""
    if cond is sp.true:
        return ["always"]
    if cond is sp.false:
        return ["never"]
    atoms = list(cond.args) if isinstance(cond, sp.And) else [cond]
    return [math(readable(a)) for a in atoms]


def wrap(
    body: str,
    environment: str,
    caption: str | None,
    label: str | None,
    placement: str,
    after: Sequence[str] = (),
) -> str:
    """``body`` in a centred float with its caption and label: above a ``table`` (the booktabs
    convention), below a ``figure``; any ``after`` paragraphs (notes) follow the body."""
    head = [f"\\begin{{{environment}}}[{placement}]", "\\centering"]
    tag = [f"\\caption{{{caption}}}"] if caption is not None else []
    if label is not None:
        tag.append(f"\\label{{{label}}}")
    above = environment == "table"
    lines = [*head, *tag, body, *after] if above else [*head, body, *after, *tag]
    lines.append(f"\\end{{{environment}}}")
    return "\n".join(lines)

"""HTML for notebooks (``_repr_html_``): solutions and sweep results as tables, trees as text.

Every piece of text is escaped with :func:`html.escape`; tables are plain ``<table>`` markup that
Jupyter styles like a pandas frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

import sympy as sp

from ._format import conditions_lines, strategy_text

if TYPE_CHECKING:
    from .equilibrium import Solution
    from .sweeps._result import SweepResult

__all__ = ["solution_html", "sweep_html", "text_html"]

MAX_ROWS = 50
"""Rows of a solution shown in a notebook; ``print(solution)`` shows them all."""

HEAD = 10
"""Rows of a sweep's frame shown in a notebook."""

CONCEPTS = {"nash": "Nash", "spe": "subgame-perfect", "pbe": "perfect Bayesian"}

_LEFT = ' style="text-align: left; vertical-align: top"'


def _lines(lines: Iterable[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _value(v: object) -> str:
    """A belief: ``p``, or an off-path interval as ``in [1/2, 1]``."""
    if isinstance(v, sp.Interval):
        lo = "(" if v.left_open else "["
        hi = ")" if v.right_open else "]"
        return f"in {lo}{v.start}, {v.end}{hi}"
    return str(v)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table; ``rows`` hold HTML already escaped, ``header`` plain text."""
    head = "".join(f"<th{_LEFT}>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td{_LEFT}>{cell}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def solution_html(solution: Solution) -> str:
    """A summary line, a table of the equilibria (kind, a column per player or information set,
    payoffs, beliefs, conditions; the first :data:`MAX_ROWS`), then the notes."""
    eqs = solution.equilibria
    concept = CONCEPTS.get(solution.concept, solution.concept)
    summary = (
        f"<p><b>{len(eqs)} {escape(concept)} equilibri{'um' if len(eqs) == 1 else 'a'}"
        f"</b> ({escape(solution.method)})</p>"
    )
    if not eqs:
        return f"<div>{summary}</div>"
    keys: list[str] = []
    for eq in eqs:
        keys.extend(k for k in eq.strategies if k not in keys)
    players: list[str] = []
    for eq in eqs:
        players.extend(p for p in eq.payoffs if p not in players)
    infosets = getattr(solution.game, "infosets", {})
    continuous = {h for h, info in infosets.items() if getattr(info, "continuous", False)}
    beliefs = any(eq.beliefs for eq in eqs)
    header = ["#", "kind", *keys, *(f"payoff {p}" for p in players)]
    header += ["beliefs"] if beliefs else []
    header.append("conditions")
    rows = []
    for k, eq in enumerate(eqs[:MAX_ROWS]):
        row = [str(k), escape(eq.kind)]
        row += [
            escape(strategy_text(eq.strategies[h], h in continuous)) if h in eq.strategies else ""
            for h in keys
        ]
        row += [escape(str(eq.payoffs[p])) if p in eq.payoffs else "" for p in players]
        if beliefs:
            row.append(
                _lines(
                    f"{h}: " + ", ".join(f"{n} {_value(v)}" for n, v in b.items())
                    for h, b in eq.beliefs.items()
                )
            )
        row.append(_lines(conditions_lines(eq.conditions, eq.space)))
        rows.append(row)
    more = len(eqs) - MAX_ROWS
    notes = [f"{more} more equilibria: print the solution to see them all"] if more > 0 else []
    if solution.degenerate:
        notes.append("degenerate: some equilibria form continua; their extreme points are listed")
    notes.extend(solution.notes)
    tail = "".join(f"<p>note: {escape(n)}</p>" for n in notes)
    return f"<div>{summary}{_table(header, rows)}{tail}</div>"


def sweep_html(result: SweepResult) -> str:
    """A summary line, where each equilibrium exists (:meth:`SweepResult.summary`), and the
    first :data:`HEAD` rows of the frame (and of the failures, if any)."""
    shape = " × ".join(map(str, result.shape)) if result.shape else "aligned points"
    parts = [
        f"<p><b>Sweep</b>: {result.n_points} points ({escape(shape)}), {len(result.frame)} rows; "
        f"parameters {escape(', '.join(result.parameters))}"
        + (f"; <b>{len(result.failures)} failed points</b>" if len(result.failures) else "")
        + "</p>",
    ]
    if len(result.frame):
        parts.append("<p>Where each equilibrium exists</p>")
        parts.append(result.summary().to_html(escape=True))
        shown = min(HEAD, len(result.frame))
        parts.append(f"<p>The frame: first {shown} of {len(result.frame)} rows</p>")
        parts.append(result.frame.head(HEAD).to_html(escape=True))
    if len(result.failures):
        parts.append("<p>Failed points</p>")
        parts.append(result.failures.head(HEAD).to_html(escape=True))
    return "<div>" + "".join(parts) + "</div>"


def text_html(text: str) -> str:
    """Preformatted text (a drawn game tree), escaped."""
    return f"<pre>{escape(text)}</pre>"

"""LaTeX for notebooks: ``_repr_latex_`` of results, as math that MathJax and LaTeX both read.

Jupyter shows ``text/latex`` with MathJax, which knows math mode only: labels go in
``\\text{...}`` with their special characters as math commands (:func:`math_label`), tables are
``array`` environments inside ``$$ ... $$``.  nbconvert's LaTeX and PDF exports use the same
strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import sympy as sp

from .._format import StrategyStyle, readable, render_strategy
from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome
from ._escape import math_label

if TYPE_CHECKING:
    from ..equilibrium import Equilibrium, Solution
    from ..games.normal_form import NormalFormGame
    from ..games.signaling import SignalingGame

__all__ = [
    "equilibrium_mathjax",
    "normal_form_mathjax",
    "payoff_table_mathjax",
    "signaling_mathjax",
    "solution_mathjax",
    "strategy_math",
    "tree_mathjax",
]


MATHJAX = StrategyStyle(
    continuous=lambda a, v: f"{sp.latex(sp.Symbol(a))} = {sp.latex(v)}",
    rule=lambda a, c: f"{math_label(a)}\\ \\text{{if }} {sp.latex(c)}",
    otherwise=lambda a: f"{math_label(a)}\\ \\text{{otherwise}}",
    pure=math_label,
    mixed=lambda a, v: f"{sp.latex(v)}\\,{math_label(a)}",
    none="\\text{(none)}",
    sep=",\\ ",
)
"""Strategies in math mode (MathJax)."""


def strategy_math(strategy: Mapping[str, sp.Expr], continuous: bool = False) -> str:
    """A strategy in math mode: ``\\text{escalate}``, ``\\frac{1}{3}\\,\\text{hold}, ...``."""
    return render_strategy(strategy, MATHJAX, continuous)


def _belief_math(belief: Mapping[str, sp.Basic]) -> str:
    return ",\\ ".join(
        f"{math_label(n)} \\in {sp.latex(v)}"
        if isinstance(v, sp.Set)
        else f"{math_label(n)}\\ {sp.latex(v)}"
        for n, v in belief.items()
    )


def _conditions_math(cond: sp.Boolean) -> list[str]:
    if cond is sp.true:
        return ["\\text{always}"]
    if cond is sp.false:
        return ["\\text{never}"]
    atoms = list(cond.args) if isinstance(cond, sp.And) else [cond]
    return [sp.latex(readable(a)) for a in atoms]


def _column(lines: list[str]) -> str:
    if len(lines) == 1:
        return lines[0]
    return "\\begin{array}{l}" + " \\\\ ".join(lines) + "\\end{array}"


def _continuous(solution_or_game: object) -> set[str]:
    infosets = getattr(solution_or_game, "infosets", {})
    return {h for h, info in infosets.items() if getattr(info, "continuous", False)}


def equilibrium_mathjax(eq: Equilibrium, continuous: set[str] | None = None) -> str:
    """One equilibrium as a two-column ``array``: kind, a line per player (or information set),
    beliefs, payoffs and conditions."""
    cont = continuous or set()
    rows = [f"{math_label(eq.kind + ' equilibrium')} & "]
    rows += [f"{math_label(p)} & {strategy_math(s, p in cont)}" for p, s in eq.strategies.items()]
    rows += [
        f"\\text{{belief at }} {math_label(h)} & {_belief_math(b)}" for h, b in eq.beliefs.items()
    ]
    pay = ",\\ ".join(f"{math_label(p)}\\ {sp.latex(v)}" for p, v in eq.payoffs.items())
    rows.append(f"\\text{{payoffs}} & {pay}")
    rows.append(f"\\text{{conditions}} & {_column(_conditions_math(eq.conditions))}")
    return "$$\\begin{array}{ll}\n" + " \\\\\n".join(rows) + "\n\\end{array}$$"


def solution_mathjax(solution: Solution) -> str:
    """The equilibria as an ``array``: number, kind, strategies (a line per player or
    information set), payoffs, beliefs when there are any, and conditions."""
    cont = _continuous(solution.game)
    beliefs = any(eq.beliefs for eq in solution)
    header = ["\\#", "\\text{kind}", "\\text{strategies}", "\\text{payoffs}"]
    header += ["\\text{beliefs}"] if beliefs else []
    header.append("\\text{conditions}")
    rows = [" & ".join(header) + " \\\\ \\hline"]
    for k, eq in enumerate(solution):
        cells = [
            str(k),
            math_label(eq.kind),
            _column(
                [
                    f"{math_label(p)}: {strategy_math(s, p in cont)}"
                    for p, s in eq.strategies.items()
                ]
            ),
            _column([f"{math_label(p)}: {sp.latex(v)}" for p, v in eq.payoffs.items()]),
        ]
        if beliefs:
            cells.append(
                _column([f"{math_label(h)}: {_belief_math(b)}" for h, b in eq.beliefs.items()])
                if eq.beliefs
                else "-"
            )
        cells.append(_column(_conditions_math(eq.conditions)))
        rows.append(" & ".join(cells) + " \\\\")
    if not len(solution):
        rows.append(f"\\text{{no {solution.concept} equilibria found}} \\\\")
    cols = "rlll" + ("l" if beliefs else "") + "l"
    return f"$$\\begin{{array}}{{{cols}}}\n" + "\n".join(rows) + "\n\\end{array}$$"


def tree_mathjax(root: Node) -> str:
    """A game tree as an indented outline in an ``array``, a line per node: the edge's action
    (a chance branch with its probability), then the node (player and information set, or the
    outcome's label and payoffs)."""
    lines = [_node_math(root)]

    def walk(node: Node, depth: int) -> None:
        for edge, child in _edges_math(node):
            lines.append("\\quad" * depth + f"{edge} \\to {_node_math(child)}")
            walk(child, depth + 1)

    walk(root, 1)
    return "$$\\begin{array}{l}\n" + " \\\\\n".join(lines) + "\n\\end{array}$$"


def _node_math(node: Node) -> str:
    if isinstance(node, Outcome):
        pay = ",\\ ".join(f"{math_label(p)}\\ {sp.latex(v)}" for p, v in node.payoffs.items())
        return (f"{math_label(node.label)}\\ " if node.label else "") + f"({pay})"
    if isinstance(node, Decision):
        info = f"\\ [{math_label(node.infoset)}]" if node.infoset else ""
        return math_label(node.player) + info
    if isinstance(node, Chance):
        return "\\text{Chance}"
    if isinstance(node, ContinuousChance):
        return (
            f"\\text{{Chance}}\\ {sp.latex(node.variable)} \\sim "
            f"{node.distribution.latex()},\\ \\text{{seen by}}\\ "
            + (", ".join(math_label(p) for p in node.seen_by) or "\\text{nobody}")
        )
    lo, hi = node.interval
    return (
        f"{math_label(node.player)}\\ \\text{{chooses}}\\ {sp.latex(node.variable)} \\in "
        f"[{sp.latex(lo)}, {sp.latex(hi)}]"
    )


def _edges_math(node: Node) -> list[tuple[str, Node]]:
    if isinstance(node, Decision):
        return [(math_label(a), child) for a, child in node.actions.items()]
    if isinstance(node, Chance):
        return [
            (f"{math_label(b)}\\ ({sp.latex(p)})", child) for b, (p, child) in node.branches.items()
        ]
    if isinstance(node, ContinuousDecision | ContinuousChance):
        return [("\\text{then}", node.then)]
    return []


def payoff_table_mathjax(cols: str, header: list[str], rows: list[list[str]]) -> str:
    """An ``array`` with a ruled header: ``header`` holds labels (escaped here), ``rows`` math
    already (labels in them through :func:`math_label`)."""
    lines = [
        f"\\begin{{array}}{{{cols}}}",
        " & ".join(math_label(h) for h in header) + " \\\\ \\hline",
        *(" & ".join(r) + " \\\\" for r in rows),
        "\\end{array}",
    ]
    return "$$" + "\n".join(lines) + "$$"


def normal_form_mathjax(game: NormalFormGame) -> str:
    """The payoff table: a bimatrix for two players, one row per profile otherwise."""
    if len(game.players) == 2:
        row, col = game.players
        header = [f"{row} \\ {col}", *game.actions[col]]
        body = [
            [
                math_label(a),
                *(
                    ", ".join(sp.latex(v) for v in game.table[game.index((a, b))])
                    for b in game.actions[col]
                ),
            ]
            for a in game.actions[row]
        ]
        return payoff_table_mathjax("l|" + "c" * len(game.actions[col]), header, body)
    header = [*game.players, "payoffs (" + ", ".join(game.players) + ")"]
    body = [
        [*(math_label(a) for a in prof), ", ".join(sp.latex(v) for v in row)]
        for prof, row in zip(game.profiles(), game.table, strict=True)
    ]
    return payoff_table_mathjax("l" * len(game.players) + "|c", header, body)


def signaling_mathjax(sg: SignalingGame) -> str:
    """A row per (type, message, action): prior, payoffs and the outcome's label."""
    header = ["type", "prior", "message", "action", sg.sender, sg.receiver]
    header += ["outcome"] if sg.outcomes else []
    body = []
    for (t, m, x), pay in sg.payoffs.items():
        row = [math_label(t), sp.latex(sg.types[t]), math_label(m), math_label(x)]
        row += [sp.latex(pay[sg.sender]), sp.latex(pay[sg.receiver])]
        if sg.outcomes:
            lab = sg.outcomes.get((t, m, x))
            row.append(math_label(lab) if lab else "")
        body.append(row)
    return payoff_table_mathjax("lcll|cc" + ("|l" if sg.outcomes else ""), header, body)

"""A game tree in TikZ, drawn with the ``forest`` package."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import sympy as sp

from .._latex_options import TREE, LatexOptions
from ..games.paths import child_key
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    children,
)
from ._common import check_choice, wrap
from ._escape import text

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveGame

__all__ = ["tree_latex"]

FOREST_STYLE = (
    "for tree={align=center, font=\\small, inner sep=2pt, l sep=12mm, s sep=6mm,\n"
    "  parent anchor=south, child anchor=north}"
)
"""The forest options every tree starts with (edit the output to change the spacing)."""


def tree_latex(game: ExtensiveGame, options: LatexOptions | None = None, /, **changes: Any) -> str:
    r"""A game tree as a TikZ picture, drawn with the ``forest`` package.

    Decision nodes show their player, chance nodes ``chance`` ("Nature"); edges carry the
    actions, and chance edges the branch's probability in parentheses; a continuous decision is
    one edge labelled with its variable's interval; leaves show the outcome's label (in italics)
    over the payoffs in the order of ``game.players``.  The nodes of an information set with
    more than one node are joined by dashed lines (straight between neighbours, curved below
    when other nodes lie between them).  The nodes are named ``n0``, ``n1``, ... in depth-first
    order, so you can add TikZ after the tree.

    The output needs ``\usepackage{forest}`` (it loads TikZ; TeX Live's ``texlive-pictures``)
    and ``\usepackage{amsmath}`` (piecewise expressions print as ``cases``); ``width`` also
    needs ``\usepackage{graphicx}``.

    Parameters
    ----------
    game
        The game tree (for a :class:`~gametheory.SignalingGame`, its ``game``).
    options, **changes
        A :class:`~gametheory.latex.LatexOptions` (default: every default) and single options
        changed by keyword: ``environment`` (``"figure"``, the default, the tree in a centred
        float with caption and label below, or ``"forest"``, only the ``forest`` environment),
        ``caption``, ``label``, ``placement``, ``chance`` (the text of chance nodes),
        ``outcome_labels``, ``abbreviate`` (long chance probabilities named on their edges and
        defined in a legend), ``width``; each is described there.

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.ExtensiveGame(gt.Decision("A", {
    ...     "out": gt.Outcome(A=0, B=2),
    ...     "in": gt.Decision("B", {"fight": gt.Outcome("war", A=-1, B=-1),
    ...                             "yield": gt.Outcome(A=1, B=1)}),
    ... }))
    >>> print(tree_latex(tree, environment="forest"))
    \begin{forest}
    for tree={align=center, font=\small, inner sep=2pt, l sep=12mm, s sep=6mm,
      parent anchor=south, child anchor=north}
    [{A}, name=n0
      [{$(0, 2)$}, name=n1, edge label={node[midway, auto, swap, font=\footnotesize]{out}}]
      [{B}, name=n2, edge label={node[midway, auto, font=\footnotesize]{in}}
        [{\textit{war}\\$(-1, -1)$}, name=n3, edge label={node[midway, auto, swap, font=\footnotesize]{fight}}]
        [{$(1, 1)$}, name=n4, edge label={node[midway, auto, font=\footnotesize]{yield}}]
      ]
    ]
    \end{forest}
    """
    opts = LatexOptions.of(options, changes, TREE)
    environment = opts.environment_or("figure")
    check_choice(environment, ("figure", "forest"), "environment")
    drawing = _Drawing(game, opts.chance, opts.outcome_labels, opts.abbreviate)
    drawing.visit(game.root, "root", 0, None)
    lines = [
        "\\begin{forest}",
        FOREST_STYLE,
        *drawing.lines,
        *drawing.infoset_lines(),
        *drawing.legend(),
        "\\end{forest}",
    ]
    body = "\n".join(lines)
    if opts.width is not None:
        body = f"\\resizebox{{{opts.width}}}{{!}}{{%\n{body}%\n}}"
    if environment == "forest":
        return body
    return wrap(body, "figure", opts.caption, opts.label, opts.placement)


@dataclass
class _Drawing:
    game: ExtensiveGame
    chance: str
    outcome_labels: bool
    abbreviate: int | None
    lines: list[str] = field(default_factory=list)
    count: int = 0
    depth_of: dict[str, int] = field(default_factory=dict)  # node name -> depth
    by_depth: dict[int, list[str]] = field(default_factory=dict)  # left-to-right node names
    infosets: dict[str, list[str]] = field(default_factory=dict)  # infoset -> node names
    names: dict[sp.Expr, str] = field(default_factory=dict)  # abbreviated expression -> name

    def visit(self, node: Node, path: str, depth: int, edge: str | None) -> None:
        """Draw the subtree at ``node`` depth first, without recursion (trees of any depth)."""
        from ..games.extensive import infoset_label

        # an int on the stack closes the bracket of the node at that depth
        stack: list[tuple[Node, str, int, str | None] | int] = [(node, path, depth, edge)]
        while stack:
            item = stack.pop()
            if isinstance(item, int):
                self.lines.append("  " * item + "]")
                continue
            node, path, depth, edge = item
            name = f"n{self.count}"
            self.count += 1
            self.depth_of[name] = depth
            self.by_depth.setdefault(depth, []).append(name)
            if isinstance(node, Decision | ContinuousDecision):
                self.infosets.setdefault(infoset_label(node, path), []).append(name)
            options = [f"name={name}"] + ([edge] if edge is not None else [])
            head = "  " * depth + f"[{{{self._content(node)}}}, " + ", ".join(options)
            kids = list(children(node))
            if not kids:
                self.lines.append(head + "]")
                continue
            self.lines.append(head)
            todo: list[tuple[Node, str, int, str | None] | int] = []
            for k, (action, child) in enumerate(kids):
                # left children carry their label on the outer (upper left) side, right ones on
                # the upper right: "auto" puts a label left of the edge's direction, "swap" right
                side = "auto, swap" if k < (len(kids) - 1) / 2 else "auto"
                tag = self._edge_text(node, action)
                option = f"edge label={{node[midway, {side}, font=\\footnotesize]{{{tag}}}}}"
                sub = child_key(path, action)
                todo.append((child, sub, depth + 1, option))
            todo.append(depth)
            stack.extend(reversed(todo))

    def _content(self, node: Node) -> str:
        if isinstance(node, Outcome):
            values = [node.payoffs[p] for p in self.game.players]
            pay = "$(" + ", ".join(sp.latex(v) for v in values) + ")$"
            if self.outcome_labels and node.label:
                return f"\\textit{{{text(node.label)}}}\\\\{pay}"
            return pay
        if isinstance(node, Chance | ContinuousChance):
            return text(self.chance)
        return text(node.player)

    def _edge_text(self, node: Node, action: str) -> str:
        if isinstance(node, Chance):
            prob = node.branches[action][0]
            return f"{text(action)} $({self._short(prob)})$"
        if isinstance(node, ContinuousDecision):
            lo, hi = node.interval
            return f"${sp.latex(node.variable)} \\in [{sp.latex(lo)}, {sp.latex(hi)}]$"
        if isinstance(node, ContinuousChance):
            seen = ", ".join(node.seen_by) or "nobody"
            return (
                f"${sp.latex(node.variable)} \\sim {node.distribution.latex()}$ "
                f"(seen by {text(seen)})"
            )
        return text(action)

    def _short(self, e: sp.Expr) -> str:
        """An expression's LaTeX, or its abbreviation when that is too long."""
        tex = sp.latex(e)
        if self.abbreviate is None or len(tex) <= self.abbreviate:
            return tex
        if e in self.names:
            return self.names[e]
        if 1 - e in self.names:
            return f"1 - {self.names[1 - e]}"
        self.names[e] = f"\\pi_{{{len(self.names) + 1}}}"
        return self.names[e]

    def infoset_lines(self) -> list[str]:
        out = []
        for names in self.infosets.values():
            for a, b in pairwise(names):
                row = self.by_depth[self.depth_of[a]]
                neighbours = self.depth_of[a] == self.depth_of[b] and (
                    abs(row.index(a) - row.index(b)) == 1
                )
                how = "--" if neighbours else "to[bend right=25]"
                out.append(f"\\draw[dashed] ({a}) {how} ({b});")
        return out

    def legend(self) -> list[str]:
        """The abbreviations' definitions, in a node under the tree."""
        if not self.names:
            return []
        rows = " \\\\ ".join(f"${n} = {sp.latex(e)}$" for e, n in self.names.items())
        return [
            "\\node[anchor=north, align=left, font=\\footnotesize, yshift=-2mm]",
            f"  at (current bounding box.south) {{{rows}}};",
        ]

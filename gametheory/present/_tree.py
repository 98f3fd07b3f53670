"""Game trees drawn as text with box characters (``str(tree)``, and the notebook HTML of a tree)."""

from __future__ import annotations

from ..games.tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome

__all__ = ["render_tree"]


def _head(node: Node) -> str:
    if isinstance(node, Outcome):
        pay = ", ".join(f"{p}: {v}" for p, v in node.payoffs.items())
        return f"{node.label} ({pay})" if node.label else f"({pay})"
    if isinstance(node, Decision):
        info = f" [{node.infoset}]" if node.infoset else ""
        return f"{node.player}{info}"
    if isinstance(node, Chance):
        return "Chance"
    if isinstance(node, ContinuousChance):
        seen = ", ".join(node.seen_by) or "nobody"
        return f"Chance draws {node.variable} ~ {node.distribution!r} (seen by {seen})"
    lo, hi = node.interval
    return f"{node.player} chooses {node.variable} in [{lo}, {hi}]"


def _edges(node: Node) -> list[tuple[str, Node]]:
    if isinstance(node, Decision):
        return list(node.actions.items())
    if isinstance(node, Chance):
        return [(f"{b} ({p})", child) for b, (p, child) in node.branches.items()]
    if isinstance(node, ContinuousDecision | ContinuousChance):
        return [("then", node.then)]
    return []


def render_tree(root: Node) -> str:
    """The tree drawn with box characters, one node per line."""
    lines = [_head(root)]
    # depth first without recursion (trees of any depth): (None, line) emits a line,
    # (node, prefix) draws the node's edges and subtrees
    stack: list[tuple[Node | None, str]] = [(root, "")]
    while stack:
        node, text = stack.pop()
        if node is None:
            lines.append(text)
            continue
        edges = _edges(node)
        todo: list[tuple[Node | None, str]] = []
        for k, (label, child) in enumerate(edges):
            last = k == len(edges) - 1
            todo.append((None, f"{text}{'└─' if last else '├─'} {label} → {_head(child)}"))
            todo.append((child, text + ("   " if last else "│  ")))
        stack.extend(reversed(todo))
    return "\n".join(lines)

"""Text: the tables ``print`` shows for games, equilibria and solutions, and a solution's frame.

Registered for ``str()`` (format ``"text"``) and ``Solution.to_frame()`` (format ``"frame"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._format import (
    belief_set_text,
    beliefs_text,
    conditions_lines,
    conditions_text,
    strategy_text,
)
from .._present_registry import register
from ..equilibrium import Equilibrium, Solution
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.signaling import SignalingGame
from ._tree import render_tree

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["WIDE", "grid", "render_table"]

WIDE = 160  # wider tables print as one block per equilibrium


def grid(header: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    fmt = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    return "\n".join([fmt[0], line, *fmt[1:]])


@register("text", Equilibrium)
def equilibrium_text(eq: Equilibrium) -> str:
    """An equilibrium, a line per strategy, belief, the payoffs and the conditions."""
    lines = [f"{eq.kind} equilibrium"]
    for p, s in eq.strategies.items():
        lines.append(f"  {p}: {strategy_text(s)}")
    for i, b in eq.beliefs.items():
        bs = eq.belief_sets.get(i)
        text = belief_set_text(bs) if bs is not None and len(bs.nodes) > 2 else None
        lines.append(f"  belief at {i}: {text or strategy_text(b)}")
    lines.append("  payoffs: " + ", ".join(f"{p} {v}" for p, v in eq.payoffs.items()))
    lines.append(f"  conditions: {conditions_text(eq.conditions, eq.space)}")
    return "\n".join(lines)


@register("text", Solution)
def solution_text(solution: Solution) -> str:
    """A table of the equilibria (kind, strategies, beliefs, payoffs, conditions), or a block
    per equilibrium when wider than :data:`WIDE`, then the solution's notes."""
    if not solution.equilibria:
        return f"no {solution.concept} equilibria found ({solution.method})"
    players = list(solution.equilibria[0].strategies)
    infosets = getattr(solution.game, "infosets", {})
    continuous = {h for h, info in infosets.items() if getattr(info, "continuous", False)}
    with_beliefs = any(eq.beliefs for eq in solution.equilibria)
    header = ["#", "kind", *players, *(["beliefs"] if with_beliefs else []), "payoffs"]
    header.append("conditions")
    rows = [
        [
            str(k),
            eq.kind,
            *(strategy_text(eq.strategies[p], p in continuous) for p in players),
            *([beliefs_text(eq.beliefs, eq.belief_sets)] if with_beliefs else []),
            ", ".join(str(v) for v in eq.payoffs.values()),
            conditions_text(eq.conditions, eq.space),
        ]
        for k, eq in enumerate(solution.equilibria)
    ]
    table = grid(header, rows)
    out = [table if max(map(len, table.splitlines())) <= WIDE else _blocks(solution, rows)]
    flags = []
    if solution.degenerate:
        flags.append(
            "degenerate: some equilibria form continua; "
            + (
                "their extreme points are listed"
                if solution.complete
                else "not all their extreme points need be listed (see incomplete)"
            )
        )
    for k, eq in enumerate(solution.equilibria):
        if eq.equivalent:
            where = "; ".join(f"{h}: {' or '.join(sorted(a))}" for h, a in eq.equivalent.items())
            flags.append(
                f"#{k} stands for {eq.variants} equilibria with these payoffs and play, "
                f"differing in tied choices ({where})"
            )
    flags.extend(solution.notes)
    flags.extend(f"incomplete: {r}" for r in solution.incomplete)
    out.extend(f"note: {f}" for f in flags)
    return "\n".join(out)


def _blocks(solution: Solution, rows: list[list[str]]) -> str:
    """One block per equilibrium, a line per strategy and per condition: for tables too wide to
    read."""
    players = list(solution.equilibria[0].strategies)
    out = []
    for eq, row in zip(solution.equilibria, rows, strict=True):
        out.append(f"[{row[0]}] {eq.kind}")
        out.extend(
            f"    {p}: {text}" for p, text in zip(players, row[2 : 2 + len(players)], strict=True)
        )
        if eq.beliefs:
            out.append(f"    beliefs: {beliefs_text(eq.beliefs, eq.belief_sets)}")
        out.extend(f"    payoff {p}: {v}" for p, v in eq.payoffs.items())
        atoms = conditions_lines(eq.conditions, eq.space)
        out.append("    conditions:" + (f" {atoms[0]}" if len(atoms) == 1 else ""))
        if len(atoms) > 1:
            out.extend(f"        {a}" for a in atoms)
    return "\n".join(out)


@register("frame", Solution)
def solution_frame(solution: Solution) -> pd.DataFrame:
    """One row per equilibrium: kind, a column per ``player:action`` probability, a payoff
    column per player, a probability column per outcome label, and the conditions."""
    import pandas as pd  # here: a fast `import gametheory`

    records = []
    for k, eq in enumerate(solution.equilibria):
        rec: dict[str, object] = {"equilibrium": k, "kind": eq.kind}
        for p, s in eq.strategies.items():
            for a, v in s.items():
                rec[f"{p}:{a}"] = v
        rec.update(eq.payoffs)
        rec.update(eq.outcomes)
        rec["conditions"] = conditions_text(eq.conditions, eq.space)
        records.append(rec)
    return pd.DataFrame.from_records(records)


@register("text", NormalFormGame)
def render_table(game: NormalFormGame) -> str:
    """A payoff table: a bimatrix for two players, one row per profile otherwise."""
    if len(game.players) == 2:
        row, col = game.players
        header = [f"{row} \\ {col}", *game.actions[col]]
        body = []
        for a in game.actions[row]:
            cells = []
            for b in game.actions[col]:
                pay = game.payoff((a, b))
                cells.append(", ".join(str(pay[p]) for p in game.players))
            body.append([a, *cells])
    else:
        header = [*game.players, "payoffs (" + ", ".join(game.players) + ")"]
        body = [
            [*prof, ", ".join(str(v) for v in row)]
            for prof, row in zip(game.profiles(), game.table, strict=True)
        ]
    return grid(header, body)


@register("text", ExtensiveGame)
def tree_text(game: ExtensiveGame) -> str:
    """The tree drawn with box characters, one node per line."""
    return render_tree(game.root)


@register("text", SignalingGame)
def signaling_text(sg: SignalingGame) -> str:
    """The payoffs a row per type and message, under a title naming sender and receiver."""
    header, rows = sg._rows(str)
    title = f"Signalling game: sender {sg.sender}, receiver {sg.receiver}"
    return f"{title}\n{grid(header, rows)}"

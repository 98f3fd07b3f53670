"""Text payoff tables of normal-form games (LaTeX ones: :mod:`gametheory.latex`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .normal_form import NormalFormGame

__all__ = ["grid", "render_table"]


def grid(header: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    fmt = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    return "\n".join([fmt[0], line, *fmt[1:]])


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

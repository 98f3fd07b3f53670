"""A normal-form game as a booktabs payoff table: a bimatrix for two players."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

from .._latex_options import FLOAT, LatexOptions
from ._common import check_choice, wrap
from ._escape import text

if TYPE_CHECKING:
    from ..games.normal_form import NormalFormGame

__all__ = ["normal_form_latex"]


def normal_form_latex(
    game: NormalFormGame, options: LatexOptions | None = None, /, **changes: Any
) -> str:
    r"""The payoff table of a normal-form game in LaTeX (booktabs style).

    Two players: a bimatrix, the row player's actions as rows and the column player's as
    columns, each cell ``$u_{row}, u_{col}$``.  More players: one row per pure profile (an
    action column per player, then a payoff column per player).  Labels are escaped, payoffs go
    through :func:`sympy.latex`.  Needs ``\usepackage{booktabs}`` (and amsmath for some
    expressions, e.g. piecewise payoffs).

    Parameters
    ----------
    game
        The game.
    options, **changes
        A :class:`~gametheory.latex.LatexOptions` (default: every default) and single options
        changed by keyword: ``environment`` (``"table"``, the default, a centred float with
        caption and label, or ``"tabular"``, only the ``tabular``), ``caption``, ``label``,
        ``placement``; each is described there.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("Row_1", "Col"), actions=[["C", "D"], ["C", "D"]])
    >>> print(normal_form_latex(g, environment="tabular"))
    \begin{tabular}{@{}lcc@{}}
    \toprule
     & \multicolumn{2}{c}{Col} \\
    \cmidrule(l){2-3}
    Row\_1 & C & D \\
    \midrule
    C & $3, 3$ & $0, 5$ \\
    D & $5, 0$ & $1, 1$ \\
    \bottomrule
    \end{tabular}
    """
    opts = LatexOptions.of(options, changes, FLOAT)
    environment = opts.environment_or("table")
    check_choice(environment, ("table", "tabular"), "environment")
    body = _bimatrix(game) if len(game.players) == 2 else _profiles(game)
    if environment == "tabular":
        return body
    return wrap(body, "table", opts.caption, opts.label, opts.placement)


def _payoffs(values: tuple[sp.Expr, ...]) -> str:
    return "$" + ", ".join(sp.latex(v) for v in values) + "$"


def _bimatrix(game: NormalFormGame) -> str:
    row, col = game.players
    cols = game.actions[col]
    n = len(cols)
    lines = [
        "\\begin{tabular}{@{}l" + "c" * n + "@{}}",
        "\\toprule",
        f" & \\multicolumn{{{n}}}{{c}}{{{text(col)}}} \\\\",
        f"\\cmidrule(l){{2-{n + 1}}}",
        f"{text(row)} & " + " & ".join(text(b) for b in cols) + " \\\\",
        "\\midrule",
    ]
    for a in game.actions[row]:
        cells = [_payoffs(game.table[game.index((a, b))]) for b in cols]
        lines.append(f"{text(a)} & " + " & ".join(cells) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines)


def _profiles(game: NormalFormGame) -> str:
    k = len(game.players)
    lines = [
        "\\begin{tabular}{@{}" + "l" * k + "c" * k + "@{}}",
        "\\toprule",
        f"\\multicolumn{{{k}}}{{c}}{{Actions}} & \\multicolumn{{{k}}}{{c}}{{Payoffs}} \\\\",
        f"\\cmidrule(r){{1-{k}}} \\cmidrule(l){{{k + 1}-{2 * k}}}",
        " & ".join(text(p) for p in [*game.players, *game.players]) + " \\\\",
        "\\midrule",
    ]
    for prof, row in zip(game.profiles(), game.table, strict=True):
        cells = [text(a) for a in prof] + [f"${sp.latex(v)}$" for v in row]
        lines.append(" & ".join(cells) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    return "\n".join(lines)

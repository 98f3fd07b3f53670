"""A solution as a booktabs table for a paper: one row per equilibrium."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._latex_options import SOLUTION, LatexOptions
from ..errors import GameError
from ..games.outcome_labels import is_leaf_default
from ._common import (
    beliefs_cell,
    check_choice,
    conditions_lines,
    math,
    stack,
    strategy_cell,
    wrap,
)
from ._escape import text

if TYPE_CHECKING:
    from ..equilibrium import Equilibrium, Solution

__all__ = ["solution_latex"]

COLUMNS_UP_TO = 3
"""``layout="auto"`` gives each player (or information set) a column up to this many, and stacks
the strategies in one column beyond."""


@dataclass(frozen=True)
class _Column:
    group: str | None  # a spanning header over adjacent columns of the same group
    header: str
    align: str
    cell: Callable[[int, Equilibrium], list[str]]  # (row number, equilibrium) -> lines


def solution_latex(
    solution: Solution, options: LatexOptions | None = None, /, **changes: Any
) -> str:
    r"""The equilibria of a solution as a LaTeX table in the booktabs style.

    One row per equilibrium, numbered as in ``print(solution)`` and ``solution[k]``: its kind,
    strategies (a pure one by its action, a mixed one as probabilities, a continuous choice as
    ``r = ...``), payoffs, optionally outcome probabilities, beliefs (perfect Bayesian
    equilibria; an off-path belief may be an interval) and the conditions under which it
    exists, one inequality per line, each solved for a parameter where that reads shorter.
    Labels are escaped (``theta_L`` prints as theta\_L); expressions go through
    :func:`sympy.latex`.

    The output needs ``\usepackage{booktabs}`` and ``\usepackage{amsmath}`` in the preamble.

    Parameters
    ----------
    solution
        The solution (symbolic, or at a point).
    options, **changes
        A :class:`~gametheory.latex.LatexOptions` (default: every default) and single options
        changed by keyword: ``environment`` (``"table"``, the default, or ``"tabular"``),
        ``caption``, ``label``, ``placement``, ``layout``, ``payoffs``, ``outcomes``,
        ``beliefs``, ``notes``; each is described there.

    Raises
    ------
    GameError
        An unknown option, option value or outcome label.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> print(solution_latex(gt.nash(g), environment="tabular"))
    \begin{tabular}{@{}rlllccl@{}}
    \toprule
     &  & \multicolumn{2}{c}{Strategies} & \multicolumn{2}{c}{Payoffs} &  \\
    \cmidrule(lr){3-4} \cmidrule(lr){5-6}
    \# & Kind & Row & Col & Row & Col & Conditions \\
    \midrule
    0 & mixed & $\frac{1}{2}$ s1, $\frac{1}{2}$ s2 & $\frac{1}{2}$ s1, $\frac{1}{2}$ s2 & $0$ & $0$ & always \\
    \bottomrule
    \end{tabular}
    """
    opts = LatexOptions.of(options, changes, SOLUTION)
    environment = opts.environment_or("table")
    check_choice(environment, ("table", "tabular"), "environment")
    check_choice(opts.layout, ("auto", "columns", "stacked"), "layout")
    eqs = solution.equilibria
    columns = _columns(solution, opts.layout, opts.payoffs, opts.outcomes, opts.beliefs)
    lines = [
        "\\begin{tabular}{@{}" + "".join(c.align for c in columns) + "@{}}",
        "\\toprule",
        *_header(columns),
        "\\midrule",
    ]
    if not eqs:
        what = f"no {solution.concept} equilibria found ({solution.method})"
        lines.append(f"\\multicolumn{{{len(columns)}}}{{@{{}}l@{{}}}}{{{text(what)}}} \\\\")
    cells = [[c.cell(k, eq) for c in columns] for k, eq in enumerate(eqs)]
    spaced = any(len(cell) > 1 for row in cells for cell in row)
    for k, row in enumerate(cells):
        if k and spaced:
            lines.append("\\addlinespace")
        lines.append(" & ".join(stack(cell) for cell in row) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    body = "\n".join(lines)
    if environment == "tabular":
        return body
    after = _notes(solution) if opts.notes else []
    return wrap(body, "table", opts.caption, opts.label, opts.placement, after)


def _columns(
    solution: Solution,
    layout: str,
    payoffs: bool,
    outcomes: bool | Sequence[str],
    beliefs: bool | None,
) -> list[_Column]:
    eqs = solution.equilibria
    keys: list[str] = []
    for eq in eqs:
        keys.extend(k for k in eq.strategies if k not in keys)
    infosets = getattr(solution.game, "infosets", {})
    continuous = {h for h, info in infosets.items() if getattr(info, "continuous", False)}

    def strategy(eq: Equilibrium, key: str) -> str:
        s = eq.strategies.get(key)
        return "--" if s is None else strategy_cell(s, key in continuous)

    cols = [
        _Column(None, "\\#", "r", lambda k, eq: [str(k)]),
        _Column(None, "Kind", "l", lambda _, eq: [text(eq.kind)]),
    ]
    if layout == "stacked" or (layout == "auto" and len(keys) > COLUMNS_UP_TO):
        cols.append(
            _Column(
                None,
                "Strategies",
                "l",
                lambda _, eq: [f"{text(k)}: {strategy(eq, k)}" for k in keys] or ["--"],
            )
        )
    else:
        cols.extend(
            _Column("Strategies", text(k), "l", _cell(lambda eq, k=k: [strategy(eq, k)]))
            for k in keys
        )
    if payoffs:
        players: list[str] = []
        for eq in eqs:
            players.extend(p for p in eq.payoffs if p not in players)
        cols.extend(
            _Column(
                "Payoffs",
                text(p),
                "c",
                _cell(lambda eq, p=p: [math(eq.payoffs[p]) if p in eq.payoffs else "--"]),
            )
            for p in players
        )
    labels = _outcome_labels(eqs, outcomes)
    for lab in labels:
        cols.append(
            _Column(
                "Outcome probabilities" if len(labels) > 1 else None,
                text(lab) if len(labels) > 1 else f"Pr({text(lab)})",
                "c",
                _cell(lambda eq, lab=lab: [math(eq.outcomes.get(lab, 0))]),
            )
        )
    if any(eq.beliefs for eq in eqs) if beliefs is None else beliefs:
        cols.append(
            _Column(
                None,
                "Beliefs",
                "l",
                lambda _, eq: (
                    [f"{text(h)}: {beliefs_cell(b)}" for h, b in eq.beliefs.items()] or ["--"]
                ),
            )
        )
    cols.append(_Column(None, "Conditions", "l", lambda _, eq: conditions_lines(eq.conditions)))
    return cols


def _cell(lines: Callable[..., list[str]]) -> Callable[[int, Equilibrium], list[str]]:
    """A cell that depends on the equilibrium only (not on its row number)."""
    return lambda _, eq: lines(eq)


def _outcome_labels(eqs: Sequence[Equilibrium], outcomes: bool | Sequence[str]) -> list[str]:
    known: list[str] = []
    for eq in eqs:
        known.extend(o for o in eq.outcomes if o not in known)
    if outcomes is True:
        return [o for o in known if not is_leaf_default(o)]
    if outcomes is False:
        return []
    if isinstance(outcomes, str):
        outcomes = [outcomes]
    for o in outcomes:
        if o not in known:
            raise GameError(
                f"no outcome labelled {o!r}; the outcomes are {', '.join(map(repr, known))}"
            )
    return list(outcomes)


def _header(columns: list[_Column]) -> list[str]:
    """The column names, under spanning group names with ``\\cmidrule`` when there are
    groups."""
    names = " & ".join(c.header for c in columns) + " \\\\"
    if all(c.group is None for c in columns):
        return [names]
    spans: list[tuple[str | None, int, int]] = []  # (group, first column, last column), 1-based
    for k, c in enumerate(columns, start=1):
        if spans and c.group is not None and spans[-1][0] == c.group:
            spans[-1] = (c.group, spans[-1][1], k)
        else:
            spans.append((c.group, k, k))
    groups = []
    for group, lo, hi in spans:
        if group is None:
            groups.extend([""] * (hi - lo + 1))
        else:
            groups.append(f"\\multicolumn{{{hi - lo + 1}}}{{c}}{{{group}}}")
    rules = " ".join(f"\\cmidrule(lr){{{lo}-{hi}}}" for g, lo, hi in spans if g is not None)
    return [" & ".join(groups) + " \\\\", rules, names]


def _notes(solution: Solution) -> list[str]:
    flags = []
    if solution.degenerate:
        flags.append("degenerate: some equilibria form continua; their extreme points are listed.")
    flags.extend(solution.notes)
    if not flags:
        return []
    body = " ".join(f"Note: {text(f)}" for f in flags)
    return [f"\\par\\smallskip{{\\footnotesize\\raggedright {body}\\par}}"]

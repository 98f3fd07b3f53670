r"""The options of every ``to_latex`` and LaTeX writer, defined once (issue 16, item 1).

A :class:`LatexOptions` holds them all; each writer reads the ones it knows (the float and its
caption for every writer, the columns for solution tables, the drawing for trees), so one
options object can serve a whole paper.  Keyword arguments change single options:
``sol.to_latex(caption="Chicken")`` is ``sol.to_latex(LatexOptions(caption="Chicken"))``.
Here, below the data and the writers alike: the data classes take an options object and pass it
on without knowing the writers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .errors import GameError

__all__ = ["FLOAT", "SOLUTION", "TREE", "Environment", "LatexOptions", "Layout"]

Environment = Literal["table", "tabular", "figure", "forest"]
Layout = Literal["auto", "columns", "stacked"]


@dataclass(frozen=True)
class LatexOptions:
    r"""Options of the LaTeX writers (``to_latex`` of solutions, normal-form games, trees and
    signalling games; :mod:`gametheory.latex`).

    Attributes
    ----------
    environment
        Tables (solutions, payoff tables): ``"table"``, a centred ``table`` float with the
        caption and label above the table (and a solution's notes below it), or
        ``"tabular"``, only the ``tabular``, to place in your own float (no caption, label or
        notes).  Trees: ``"figure"``, a centred ``figure`` float with caption and label below,
        or ``"forest"``, only the ``forest`` environment.  ``None`` (default): the float.
    caption, label
        LaTeX written as given into ``\caption{...}`` and ``\label{...}`` (floats only).
    placement
        The float's placement specifier (floats only).
    layout
        Solution tables: ``"columns"``, a column per player (information set, for trees);
        ``"stacked"``, one column with a line per player; ``"auto"``, columns up to three,
        stacked beyond.
    payoffs
        Solution tables: whether to show a payoff column per player.
    outcomes
        Solution tables: ``True`` for a probability column per labelled outcome (unlabelled
        leaves of a tree, ``end:<path>``, are left out), or the outcome labels to show, in
        order (a single one is headed ``Pr(label)``).
    beliefs
        Solution tables: whether to show beliefs; by default when some equilibrium has them.
    notes
        Solution tables: whether to print the solution's notes (degeneracy, what was not
        decided) below the table (``table`` only).
    chance
        Trees: the text of chance nodes.
    outcome_labels
        Trees: whether leaves show the outcome's label above the payoffs.
    abbreviate
        Trees: edge labels do not take part in forest's spacing, so a chance probability
        whose LaTeX is longer than this many characters (a ``Piecewise``, say) is written
        ``\pi_{1}``, ``\pi_{2}``, ... on its edge (``1 - \pi_{1}`` for the complement of one
        already named) and defined in a legend under the tree.  ``None``: never abbreviate.
    width
        Trees: scale the tree to this width, e.g. ``r"\linewidth"`` for wide trees
        (``\resizebox``; needs ``\usepackage{graphicx}``).
    """

    environment: Environment | None = None
    caption: str | None = None
    label: str | None = None
    placement: str = "htbp"
    layout: Layout = "auto"
    payoffs: bool = True
    outcomes: bool | Sequence[str] = False
    beliefs: bool | None = None
    notes: bool = True
    chance: str = "Nature"
    outcome_labels: bool = True
    abbreviate: int | None = 40
    width: str | None = None

    @classmethod
    def of(
        cls, options: LatexOptions | None, changes: dict[str, object], known: Sequence[str]
    ) -> LatexOptions:
        """``options`` (default: every default) with the keyword ``changes``, which must name
        options in ``known`` (those the writer reads): a :class:`GameError` names any other."""
        if options is not None and not isinstance(options, LatexOptions):
            raise GameError(f"LaTeX options must be a LatexOptions, got {type(options).__name__}")
        unknown = [k for k in changes if k not in known]
        if unknown:
            raise GameError(
                f"no LaTeX option {unknown[0]!r} here; the options are {', '.join(known)}"
            )
        return replace(options or cls(), **changes)  # type: ignore[arg-type]

    def environment_or(self, default: Environment) -> Environment:
        """The environment, or ``default`` (the writer's float) when none is set."""
        return default if self.environment is None else self.environment


FLOAT: tuple[str, ...] = ("environment", "caption", "label", "placement")
"""The options of every writer: the float and its caption (all a payoff table takes)."""
SOLUTION: tuple[str, ...] = (*FLOAT, "layout", "payoffs", "outcomes", "beliefs", "notes")
"""The options of solution tables."""
TREE: tuple[str, ...] = (*FLOAT, "chance", "outcome_labels", "abbreviate", "width")
"""The options of trees."""

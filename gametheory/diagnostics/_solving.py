"""Diagnostics of the solving itself: ties, merged choices, undecided candidates, numeric
fallbacks, unattained optima, constant-sum values and search counts."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ._common import TieKind, UndecidedSource, check

__all__ = ["ConstantSum", "Merged", "NoOptimum", "NumericFallback", "Searched", "Tie", "Undecided"]


@dataclass(frozen=True)
class Tie:
    """A player indifferent between choices, and how the solution lists them.

    Attributes
    ----------
    kind
        ``"first mover"``: the first mover is indifferent on a boundary of the conditions, each
        tied choice is listed; ``"boundary"``: equilibria whose conditions include an equality
        hold only on that tie boundary; ``"flat"``: a payoff flat over an interval of a
        continuous choice, whose ends are listed.
    node
        The node (``"flat"`` only).
    variable
        The continuous choice's symbol name (``"flat"`` only).
    """

    kind: TieKind
    node: str = ""
    variable: str = ""

    def __post_init__(self) -> None:
        check(self.kind, TieKind, "Tie.kind")

    def __str__(self) -> str:
        if self.kind == "first mover":
            return (
                "where the first mover is indifferent (on a boundary of the conditions) each "
                "tied choice is listed, and any mixture of them is subgame perfect there too"
            )
        if self.kind == "boundary":
            return (
                "equilibria whose conditions include an equality hold only on that tie "
                "boundary; they are listed after the generic ones (Solution.generic() leaves "
                "them out)"
            )
        return (
            f"at node {self.node} the chooser's payoff is flat over an interval of "
            f"{self.variable}: where that interval is optimal, only its ends are listed"
        )


@dataclass(frozen=True)
class Merged:
    """Tied choices at one information set grouped into one listed equilibrium (off the path,
    or with identical consequences): ``eq.equivalent[infoset] == actions``.

    Attributes
    ----------
    infoset
        The information set.
    actions
        The equivalent choices there; ``count`` is how many.
    """

    infoset: str
    actions: frozenset[str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", frozenset(self.actions))

    @property
    def count(self) -> int:
        """How many equivalent choices."""
        return len(self.actions)

    def __str__(self) -> str:
        return f"{self.infoset}: {' or '.join(sorted(self.actions))}"


@dataclass(frozen=True)
class Undecided:
    """Candidate equilibria whose conditions could be neither refuted nor witnessed; they are
    in ``Solution.undecided`` and :meth:`~gametheory.Solution.at` checks them.

    Attributes
    ----------
    count
        How many.
    source
        ``"support enumeration"`` (Nash, on lower-dimensional boundaries) or
        ``"backward induction"`` (subgame perfection).
    """

    count: int
    source: UndecidedSource

    def __post_init__(self) -> None:
        check(self.source, UndecidedSource, "Undecided.source")

    def __str__(self) -> str:
        if self.source == "support enumeration":
            return (
                f"{self.count} boundary equilibria whose lower-dimensional conditions could "
                "not be decided are in .undecided (Solution.at checks them)"
            )
        return (
            f"{self.count} candidate equilibria have conditions that could be neither "
            "refuted nor witnessed; they are not listed, but .at() and sweeps include each "
            "where its conditions hold (Solution.undecided)"
        )


@dataclass(frozen=True)
class NumericFallback:
    """An optimal continuous choice found numerically, as its first-order condition has no
    exact solution; the value is shown as a ``Float``.

    Attributes
    ----------
    node
        The node of the continuous choice.
    variable
        The choice's symbol name.
    method
        The numeric method.
    tolerance
        About how accurate the values are.
    """

    node: str
    variable: str
    method: str = "scipy's bounded Brent on each interval between cutoffs"
    tolerance: float = 1e-9

    def __str__(self) -> str:
        return (
            f"at node {self.node} the optimal {self.variable} was found numerically, as "
            f"dV/d{self.variable} = 0 has no exact solution: {self.method}, values accurate "
            f"to about {_short(self.tolerance)}; its value is shown as a Float"
        )


def _short(x: float) -> str:
    """A float as ``%g`` prints it, with the exponent unpadded (``1e-9``, not ``1e-09``)."""
    mantissa, _, exponent = f"{x:g}".partition("e")
    return f"{mantissa}e{int(exponent)}" if exponent else mantissa


@dataclass(frozen=True)
class NoOptimum:
    """No choice of a continuous variable attains the supremum of the chooser's payoff
    somewhere: no subgame-perfect equilibrium there.

    Attributes
    ----------
    node, variable, player
        Where, which choice, whose payoff.
    region
        Where in the parameters (the conditions as text, or ``"everywhere"``).
    """

    node: str
    variable: str
    player: str
    region: str

    def __str__(self) -> str:
        return (
            f"at node {self.node} no choice of {self.variable} attains the supremum of "
            f"{self.player}'s payoff ({self.region}): no subgame-perfect equilibrium there"
        )


@dataclass(frozen=True)
class ConstantSum:
    """A constant-sum tree: the equilibria are the pairs of optimal behaviour strategies.

    Attributes
    ----------
    player
        The first player.
    value
        The game's value to that player (exact).
    """

    player: str
    value: sp.Expr

    def __str__(self) -> str:
        return (
            f"constant-sum tree: the equilibria are the pairs of optimal behaviour strategies "
            f"(the sequence-form linear programme, von Stengel 1996); the value to "
            f"{self.player} is {self.value}"
        )


@dataclass(frozen=True)
class Searched:
    """How far a support enumeration went: ``solved`` of ``total`` support shapes solved,
    ``pruned`` partial shapes pruned."""

    solved: int
    total: int
    pruned: int

    def __str__(self) -> str:
        return (
            f"{self.solved} of {self.total} support shapes solved "
            f"({self.pruned} partial shapes pruned)"
        )

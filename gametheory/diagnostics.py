"""Diagnostics: what a solver noticed, as typed values rather than free text.

Each diagnostic is a frozen, hashable dataclass whose ``str`` is the sentence a solution prints
for it (``note: ...`` or ``incomplete: ...``).  A :class:`~gametheory.Solution` keeps them in
``diagnostics``; its ``notes`` and ``incomplete`` are rendered from them (plus any plain
sentences a caller passed), so code asks ``any(isinstance(d, Tie) for d in sol.diagnostics)``
instead of searching the text.

=====================  ====================================================================
type                   what it records
=====================  ====================================================================
:class:`Tie`           a player indifferent between choices (at the root, on a tie boundary
                       of the parameters, over an interval of a continuous choice)
:class:`Merged`        choices grouped into one listed equilibrium (from ``eq.equivalent``)
:class:`Undecided`     candidate equilibria whose region could not be decided
:class:`NumericFallback`  an optimum found numerically where no exact solution exists
:class:`NoOptimum`     a continuous choice whose supremum no choice attains
:class:`Caveat`        what the answer means or leaves out (no perfect recall, a narrowed
                       space, arbitrary play off the path, a subgame not fully listed)
:class:`ConstantSum`   a constant-sum tree and its value
:class:`Searched`      how many support shapes a search solved and pruned
:class:`Limit`         why a solution is incomplete (a budget, a size cap, an undecided space)
=====================  ====================================================================

Diagnostics convert to and from JSON-ready dicts (:func:`diagnostics_to_json`,
:func:`diagnostics_from_json`).

Examples
--------
>>> import sympy as sp
>>> import gametheory as gt
>>> p = sp.Symbol("p", positive=True)
>>> coin = gt.Chance({"h": (p, gt.Outcome(A=1, B=0)), "t": (p, gt.Outcome(A=0, B=1))})
>>> sol = gt.spe(gt.ExtensiveGame(coin, players=["A", "B"]))
>>> (d,) = sol.diagnostics
>>> d.kind, d.equalities
('narrowed', (Eq(2*p, 1),))
>>> sol.notes == (str(d),)
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

import sympy as sp

from .errors import GameError

__all__ = [
    "Caveat",
    "ConstantSum",
    "Diagnostic",
    "Limit",
    "Merged",
    "NoOptimum",
    "NumericFallback",
    "Searched",
    "Tie",
    "Undecided",
    "diagnostics_from_json",
    "diagnostics_to_json",
]

TieKind = Literal["first mover", "boundary", "flat"]
UndecidedSource = Literal["support enumeration", "backward induction"]
CaveatKind = Literal["recall", "narrowed", "unreached", "subgame"]
LimitKind = Literal["budget", "size", "space", "ties", "faces", "curve", "supports", "scope"]


def _show(c: sp.Basic) -> str:
    """A condition as text, an equality as ``lhs = rhs`` (sympy prints ``Eq(lhs, rhs)``)."""
    return f"{c.lhs} = {c.rhs}" if isinstance(c, sp.Equality) else str(c)


def _check(value: str, options: Any, what: str) -> None:
    allowed = get_args(options)
    if value not in allowed:
        raise GameError(f"{what} must be one of {', '.join(map(repr, allowed))}, got {value!r}")


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
        _check(self.kind, TieKind, "Tie.kind")

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
        _check(self.source, UndecidedSource, "Undecided.source")

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
            f"to about {self.tolerance:g}; its value is shown as a Float"
        )


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
class Caveat:
    """What the answer means or leaves out.

    Attributes
    ----------
    kind
        ``"recall"``: the tree lacks perfect recall (``detail`` says where), the equilibria are
        mixed strategies of its reduced normal form; ``"narrowed"``: the chance probabilities
        sum to 1 only on the ``equalities``, to which the space is narrowed; ``"unreached"``:
        behaviour at information sets a player's own moves exclude is arbitrary;
        ``"subgame"``: an imperfect-information subgame at ``detail`` (a node) with
        ``players`` players whose equilibria are not all listed, for the ``reasons``.
    detail
        The text the kind needs (see above).
    equalities
        ``"narrowed"`` only: the equalities.
    players
        ``"subgame"`` only: how many players.
    reasons
        ``"subgame"`` only: why its equilibria are not all listed.
    """

    kind: CaveatKind
    detail: str = ""
    equalities: tuple[sp.Basic, ...] = ()
    players: int = 0
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check(self.kind, CaveatKind, "Caveat.kind")
        object.__setattr__(self, "equalities", tuple(self.equalities))
        object.__setattr__(self, "reasons", tuple(self.reasons))

    def __str__(self) -> str:
        if self.kind == "recall":
            return (
                f"the tree lacks perfect recall ({self.detail}): these are mixed strategies of "
                "its reduced normal form, which behaviour strategies need not reach"
            )
        if self.kind == "narrowed":
            said = " and ".join(dict.fromkeys(_show(c) for c in self.equalities))
            return (
                f"the chance probabilities sum to 1 only where {said}: the parameter space is "
                "narrowed to it, so every equilibrium holds there only"
            )
        if self.kind == "unreached":
            return (
                "behaviour strategies at information sets a player's own earlier moves exclude "
                "are arbitrary (the first action is listed)"
            )
        return (
            f"the imperfect-information subgame at node {self.detail} has {self.players} "
            f"players and its equilibria are not all listed: {'; '.join(self.reasons)}"
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


@dataclass(frozen=True)
class Limit:
    """Why a solution is incomplete: a limit the solver hit.  Rendered in
    ``Solution.incomplete`` (a solution with a limit is never complete).

    Attributes
    ----------
    kind
        ``"budget"``: the time budget ran out (``seconds``; ``detail`` says how far it got);
        ``"size"``: an enumeration stopped at a size cap (``detail`` is the sentence);
        ``"space"``: the parameter space may be empty; ``"ties"``: where a player is
        indifferent only the pure choices are listed, not every mixed end point (a tie that is
        not polynomial or not linear, too many tied choices, a tree too large);  ``"faces"``:
        not every tie face of the parameters was solved; ``"curve"``: mixtures at two nodes
        trade off along a curve of extreme points, only its ends are listed; ``"supports"``:
        support profiles (or shapes) whose equilibria could not all be found (a continuum,
        too many solutions, singular equations); ``"scope"``: equilibria the method does not
        compute (mixed equilibria of symbolic games with three or more players, all but
        Lemke's on a large tree).  Except for budgets, ``detail`` is the sentence.
    detail
        See ``kind``.
    seconds
        ``"budget"`` only: the budget in seconds.
    """

    kind: LimitKind
    detail: str
    seconds: float | None = None

    def __post_init__(self) -> None:
        _check(self.kind, LimitKind, "Limit.kind")
        if (self.kind == "budget") != (self.seconds is not None):
            raise GameError("Limit.seconds is given exactly for kind='budget'")

    @classmethod
    def budget(cls, seconds: float, done: str) -> Limit:
        """The budget of ``seconds`` ran out, after ``done`` (e.g. ``"12 supports solved"``)."""
        return cls("budget", done, float(seconds))

    def __str__(self) -> str:
        if self.kind == "budget":
            return f"the budget of {self.seconds:g} s ran out ({self.detail})"
        return self.detail


Diagnostic = (
    Tie | Merged | Undecided | NumericFallback | NoOptimum | Caveat | ConstantSum | Searched | Limit
)
"""Any diagnostic."""

_TYPES: dict[str, type] = {
    t.__name__: t
    for t in (Tie, Merged, Undecided, NumericFallback, NoOptimum, Caveat, ConstantSum, Searched)
}
_TYPES["Limit"] = Limit


def _to_json(value: Any) -> Any:
    if isinstance(value, sp.Basic):
        return {"sympy": sp.srepr(value)}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"sympy"}:
        return sp.sympify(value["sympy"])
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    return value


def diagnostics_to_json(diagnostics: tuple[Diagnostic, ...]) -> list[dict[str, Any]]:
    """The diagnostics as JSON-ready dicts (``{"type": name, field: value, ...}``; sympy values
    as their ``srepr``)."""
    return [
        {"type": type(d).__name__, **{f.name: _to_json(getattr(d, f.name)) for f in fields(d)}}
        for d in diagnostics
    ]


def diagnostics_from_json(data: list[dict[str, Any]]) -> tuple[Diagnostic, ...]:
    """The diagnostics :func:`diagnostics_to_json` wrote, equal to the originals.

    Sympy values are rebuilt with ``sympify``, which evaluates their text: load only data you
    or your own code wrote."""
    out = []
    for item in data:
        name = item.get("type") if isinstance(item, dict) else None
        if name not in _TYPES:
            raise GameError(f"unknown diagnostic type {name!r} in the stored data")
        kw = {k: _from_json(v) for k, v in item.items() if k != "type"}
        out.append(_TYPES[name](**kw))
    return tuple(out)

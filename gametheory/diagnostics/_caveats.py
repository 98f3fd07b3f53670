"""Diagnostics of what an answer means or leaves out: caveats, refinements, and the limits
that make a solution incomplete."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..errors import GameError
from ._common import CaveatKind, LimitKind, check, show

__all__ = ["Caveat", "Eliminated", "Limit", "Refined"]


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
        ``players`` players whose equilibria are not all listed, for the ``reasons``;
        ``"continua"``: a refinement (named in ``detail``) was applied to the listed extreme
        points of continua of equilibria.
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
        check(self.kind, CaveatKind, "Caveat.kind")
        object.__setattr__(self, "equalities", tuple(self.equalities))
        object.__setattr__(self, "reasons", tuple(self.reasons))

    def __str__(self) -> str:
        if self.kind == "recall":
            return (
                f"the tree lacks perfect recall ({self.detail}): these are mixed strategies of "
                "its reduced normal form, which behaviour strategies need not reach"
            )
        if self.kind == "narrowed":
            said = " and ".join(dict.fromkeys(show(c) for c in self.equalities))
            return (
                f"the chance probabilities sum to 1 only where {said}: the parameter space is "
                "narrowed to it, so every equilibrium holds there only"
            )
        if self.kind == "continua":
            return (
                f"{self.detail} was applied to the listed extreme points of continua of equilibria"
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
class Refined:
    """A refinement applied to the solution: ``criterion`` is ``"intuitive"`` or ``"D1"``,
    ``name`` the test in words (``"the intuitive criterion"``)."""

    criterion: str
    name: str

    def __str__(self) -> str:
        return f"refined by {self.name}"


@dataclass(frozen=True)
class Eliminated:
    """An equilibrium a refinement removed, or narrowed to where it passes (the
    :class:`~gametheory.Removal` records in ``Solution.removed`` hold the details).

    Attributes
    ----------
    equilibrium
        Its index in the unrefined solution.
    kind
        Its kind (``"pooling"``, ...).
    narrowed
        True when it survives on part of its region, False when removed.
    name
        The refinement in words.
    failures
        ``(message, where, reason)`` per failing off-path message: the message, where in
        words (``"wherever it exists"``, ``"where c > 1"``), and the test's reason.
    """

    equilibrium: int
    kind: str
    narrowed: bool
    name: str
    failures: tuple[tuple[str, str, str], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "failures", tuple(tuple(f) for f in self.failures))

    @property
    def messages(self) -> tuple[str, ...]:
        """The off-path messages at which it fails."""
        return tuple(m for m, _, _ in self.failures)

    def __str__(self) -> str:
        verb = "narrowed" if self.narrowed else "removed"
        why = "; ".join(f"at message {m!r} {w}: {r}" for m, w, r in self.failures)
        return f"equilibrium {self.equilibrium} ({self.kind}) {verb}: it fails {self.name} {why}"


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
        check(self.kind, LimitKind, "Limit.kind")
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

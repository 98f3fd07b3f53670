"""Finite-state strategies of a repeated game (Moore machines).

An :class:`Automaton` is in one of finitely many *states*; in each it plays an action (or a
mixture), and after each period it moves to the next state on the action profile it observed,
deterministically or by a lottery.  Action profiles in transitions are written **from the
automaton's own point of view**: ``(own action, other's action)`` for two players (for more,
the own action first, then the others' in the stage game's player order), so one automaton
(tit-for-tat, grim trigger) serves every player.  ``"*"`` in a profile matches any action; an
exact key wins over a pattern with ``"*"``, and patterns that match the same profile must agree.
A state with no transition for a profile stays where it is.

References
----------
Rubinstein (1986), Finite automata play the repeated prisoner's dilemma, *J. Econ. Theory* 39.
Osborne (2004), *An Introduction to Game Theory*, ch. 14 (grim trigger, limited punishment,
tit-for-tat); Nowak & Sigmund (1993) for win-stay-lose-shift.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .._frozen import FrozenDict, freeze
from .._numbers import to_expr
from ..errors import InvalidGameError

__all__ = ["ANY", "Automaton", "InvalidAutomatonError"]

ANY = "*"  # matches any action in a transition's profile

Lottery = Mapping[str, sp.Expr]


class InvalidAutomatonError(InvalidGameError):
    """An automaton is malformed, or does not fit the stage game it is used in."""


@dataclass(frozen=True, init=False)
class Automaton:
    """A finite-state strategy: what to play in each state, and where to go next.

    Parameters
    ----------
    start
        The initial state.
    play
        ``{state: action}`` or ``{state: {action: probability}}``; its keys are the states.
    transitions
        ``{(state, profile): next}`` with ``profile`` a tuple of actions, own action first
        (``"*"`` for any action), and ``next`` a state or ``{state: probability}``.  Missing
        pairs stay in the state.
    name
        A label for tables (e.g. ``"grim trigger"``).

    Examples
    --------
    >>> import gametheory as gt
    >>> tft = gt.Automaton.tit_for_tat(cooperate="C", punish="D")
    >>> tft.states, tft.start
    (('c', 'p'), 'c')
    >>> tft.next_state("c", ("C", "D"))
    {'p': 1}
    """

    start: str
    play: Mapping[str, Lottery]
    transitions: Mapping[tuple[str, tuple[str, ...]], Lottery]
    name: str

    def __init__(
        self,
        start: str,
        play: Mapping[str, object],
        transitions: Mapping[Any, object] | None = None,
        name: str = "",
    ) -> None:
        if not isinstance(play, Mapping) or not play:
            raise InvalidAutomatonError("play must map each state to an action or a mixture")
        states = tuple(play)
        for s in states:
            if not isinstance(s, str) or not s:
                raise InvalidAutomatonError(f"state {s!r} is not a non-empty string")
        if start not in play:
            raise InvalidAutomatonError(
                f"the start state {start!r} has no action in play (states: {', '.join(states)})"
            )
        plays = {s: _lottery(v, f"the action of state {s!r}", None) for s, v in play.items()}
        moves: dict[tuple[str, tuple[str, ...]], Lottery] = {}
        for key, nxt in (transitions or {}).items():
            if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], Sequence)):
                raise InvalidAutomatonError(
                    f"transition key {key!r} must be (state, action profile), e.g. "
                    "('c', ('C', 'D'))"
                )
            state, profile = key[0], tuple(key[1])
            if state not in play:
                raise InvalidAutomatonError(f"a transition leaves the unknown state {state!r}")
            if len(profile) < 2 or not all(isinstance(a, str) and a for a in profile):
                raise InvalidAutomatonError(
                    f"the profile {profile!r} of a transition from {state!r} must list at "
                    "least two actions (own first), as strings"
                )
            where = f"the transition from {state!r} on {profile}"
            moves[(state, profile)] = _lottery(nxt, where, states)
        sizes = {len(p) for _, p in moves}
        if len(sizes) > 1:
            raise InvalidAutomatonError(
                f"transition profiles have different lengths {sorted(sizes)}: each lists one "
                "action per player"
            )
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "play", FrozenDict({s: FrozenDict(v) for s, v in plays.items()}))
        object.__setattr__(self, "transitions", freeze(moves, 2))
        object.__setattr__(self, "name", str(name))

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def always(cls, action: str) -> Automaton:
        """Play ``action`` in every period, whatever happens."""
        return cls("s", {"s": action}, name=f"always {action}")

    @classmethod
    def grim_trigger(cls, cooperate: str, punish: str) -> Automaton:
        """Cooperate until anyone plays anything else, then punish forever (Friedman 1971)."""
        return cls(
            "c",
            {"c": cooperate, "p": punish},
            {("c", (ANY, ANY)): "p", ("c", (cooperate, cooperate)): "c"},
            name="grim trigger",
        )

    @classmethod
    def tit_for_tat(cls, cooperate: str, punish: str) -> Automaton:
        """Cooperate first, then do what the other did last period (Axelrod 1984)."""
        return cls(
            "c",
            {"c": cooperate, "p": punish},
            {(s, (ANY, a)): t for s in "cp" for a, t in ((cooperate, "c"), (punish, "p"))},
            name="tit-for-tat",
        )

    @classmethod
    def limited_punishment(cls, cooperate: str, punish: str, k: int) -> Automaton:
        """Cooperate; after any deviation punish for exactly ``k`` periods, whatever is played
        meanwhile, then cooperate again (Osborne 2004, §14.7)."""
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise InvalidAutomatonError(f"k must be a positive integer (periods), got {k!r}")
        play = {"c": cooperate, **{f"p{j}": punish for j in range(1, k + 1)}}
        moves: dict[tuple[str, tuple[str, ...]], object] = {
            ("c", (ANY, ANY)): "p1",
            ("c", (cooperate, cooperate)): "c",
        }
        for j in range(1, k + 1):
            moves[(f"p{j}", (ANY, ANY))] = f"p{j + 1}" if j < k else "c"
        return cls("c", play, moves, name=f"{k}-period punishment")

    @classmethod
    def generous_tit_for_tat(cls, cooperate: str, punish: str, generosity: object) -> Automaton:
        """Tit-for-tat that forgives a punishable action with probability ``generosity``
        (Nowak & Sigmund 1992)."""
        g = to_expr(generosity, "generosity", InvalidAutomatonError)
        moves: dict[tuple[str, tuple[str, ...]], object] = {}
        for s in "cp":
            moves[(s, (ANY, cooperate))] = "c"
            moves[(s, (ANY, punish))] = {"p": 1 - g, "c": g}
        return cls("c", {"c": cooperate, "p": punish}, moves, name="generous tit-for-tat")

    @classmethod
    def win_stay_lose_shift(cls, cooperate: str, punish: str) -> Automaton:
        """Cooperate when both did the same last period, else punish (Pavlov; Nowak & Sigmund
        1993)."""
        moves = {
            (s, (a, b)): ("c" if a == b else "p")
            for s in "cp"
            for a, b in itertools.product((cooperate, punish), repeat=2)
        }
        return cls("c", {"c": cooperate, "p": punish}, moves, name="win-stay-lose-shift")

    # -- reading -------------------------------------------------------------------------
    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.play)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """Symbols in the mixtures and transition probabilities, sorted by name."""
        syms: set[sp.Symbol] = set()
        for lot in (*self.play.values(), *self.transitions.values()):
            for v in lot.values():
                syms |= v.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def next_state(self, state: str, profile: Sequence[str]) -> dict[str, sp.Expr]:
        """The lottery over next states after ``profile`` (own action first) in ``state``."""
        profile = tuple(profile)
        exact = self.transitions.get((state, profile))
        if exact is not None:
            return dict(exact)
        found: list[Lottery] = []
        for (s, pattern), lot in self.transitions.items():
            if s == state and len(pattern) == len(profile) and _matches(pattern, profile):
                found.append(lot)
        if not found:
            return {state: sp.Integer(1)}
        if any(dict(lot) != dict(found[0]) for lot in found[1:]):
            raise InvalidAutomatonError(
                f"transitions from {state!r} with '*' disagree on the profile {profile}: give "
                "that profile its own transition"
            )
        return dict(found[0])

    def check(self, actions: Sequence[str], others: Sequence[Sequence[str]], who: str) -> None:
        """Raise :class:`InvalidAutomatonError` unless the automaton fits a player with
        ``actions`` facing opponents with ``others`` (one action list each)."""
        for s, lot in self.play.items():
            for a in lot:
                if a not in actions:
                    raise InvalidAutomatonError(
                        f"{who}'s automaton plays {a!r} in state {s!r}, which is not one of "
                        f"{who}'s actions ({', '.join(actions)})"
                    )
        lists = [list(actions), *map(list, others)]
        for (s, profile), _ in self.transitions.items():
            if len(profile) != len(lists):
                raise InvalidAutomatonError(
                    f"{who}'s transition from {s!r} on {profile} lists {len(profile)} actions; "
                    f"the stage game has {len(lists)} players"
                )
            for k, (a, allowed) in enumerate(zip(profile, lists, strict=True)):
                if a != ANY and a not in allowed:
                    whose = "its own" if k == 0 else "an opponent's"
                    raise InvalidAutomatonError(
                        f"{who}'s transition from {s!r} on {profile} names {a!r}, not one of "
                        f"{whose} actions ({', '.join(allowed)})"
                    )

    def substitute(self, point: Mapping[Any, Any]) -> Automaton:
        """The automaton with parameters in its probabilities replaced by values."""

        def sub(lot: Lottery) -> dict[str, sp.Expr]:
            return {k: v.xreplace(point) for k, v in lot.items()}

        return Automaton(
            self.start,
            {s: sub(v) for s, v in self.play.items()},
            {k: sub(v) for k, v in self.transitions.items()},
            self.name,
        )

    def __str__(self) -> str:
        return self.name or f"automaton with {len(self.play)} states"


def _matches(pattern: Sequence[str], profile: Sequence[str]) -> bool:
    return all(p in (ANY, a) for p, a in zip(pattern, profile, strict=True))


def _lottery(value: object, what: str, states: tuple[str, ...] | None) -> dict[str, sp.Expr]:
    """A label or ``{label: probability}`` as a lottery, checked: probabilities in [0, 1] where
    decidable, summing to 1 exactly (``states``: the labels allowed, or any when ``None``)."""
    if isinstance(value, str):
        lot = {value: sp.Integer(1)}
    elif isinstance(value, Mapping) and value:
        lot = {}
        for k, p in value.items():
            if not isinstance(k, str) or not k:
                raise InvalidAutomatonError(f"{what} names {k!r}, not a label")
            lot[k] = to_expr(p, f"the probability of {k!r} in {what}", InvalidAutomatonError)
    else:
        raise InvalidAutomatonError(f"{what} must be a label or {{label: probability}}")
    if states is not None:
        for k in lot:
            if k not in states:
                raise InvalidAutomatonError(
                    f"{what} goes to the unknown state {k!r} (states: {', '.join(states)})"
                )
    for k, p in lot.items():
        if (p < 0) is sp.true or (p > 1) is sp.true:
            raise InvalidAutomatonError(f"the probability of {k!r} in {what} is {p}, not in [0, 1]")
    total = sp.simplify(sp.Add(*lot.values()) - 1)
    if total != 0:
        raise InvalidAutomatonError(f"the probabilities in {what} sum to {total + 1}, not 1")
    return lot

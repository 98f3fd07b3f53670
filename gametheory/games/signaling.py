"""``SignalingGame``: the sender–receiver builder.

Nature draws the sender's type from a prior; the sender, who knows its type, sends a message;
the receiver sees the message (not the type) and acts.  The builder validates the pieces and
produces the :class:`~gametheory.ExtensiveGame` that solvers and certificates work on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .._frozen import FrozenDict
from .._latex_options import LatexOptions
from .._numbers import exact_expr
from .._present_registry import render
from ..errors import InvalidActionError, InvalidGameError, InvalidPayoffError, InvalidPlayerError
from .extensive import ExtensiveGame, never_one
from .tree import Chance, Decision, Outcome

__all__ = ["SignalingGame"]

Key = tuple[str, str, str]
"""A terminal history of a signalling game: (type, message, action)."""

PayoffSpec = Callable[[str, str, str], object] | Mapping[Key, object]
OutcomeSpec = Callable[[str, str, str], object] | Mapping[Key, object]


@dataclass(frozen=True, init=False)
class SignalingGame:
    """A sender–receiver signalling game with a prior over the sender's types.

    Parameters
    ----------
    sender, receiver
        The two players' names (distinct); the game's players are ``(sender, receiver)``.
    types
        The sender's types and their prior probabilities, ``{type: probability}``; numbers or
        sympy expressions (a symbolic prior is accepted unless it is provably negative, above 1,
        or provably does not sum to 1; the tree records ``sum == 1`` as a condition, which the
        solvers add to the parameter space).  A float is read as the rational it denotes
        (``0.1`` is ``1/10``), so ``{"a": 0.1, "b": 0.2, "c": 0.7}`` sums to 1 exactly.
    messages
        The sender's messages, available to every type.
    actions
        The receiver's actions, available after every message.
    payoffs
        A function ``(type, message, action) -> payoffs`` or a table keyed by
        ``(type, message, action)`` tuples.  The payoffs are ``{player: payoff}`` or a pair
        ``(sender's payoff, receiver's payoff)``; floats are read as the rationals they denote.
    outcomes
        Optional outcome labels (e.g. ``"war"``): a function ``(type, message, action) -> label
        or None`` or a table keyed like ``payoffs`` (histories it omits are unlabelled).

    Attributes
    ----------
    game
        The game tree: a :class:`~gametheory.Chance` root over the types; at each type the
        sender's :class:`~gametheory.Decision` in information set ``f"{sender}|{type}"``; after
        each message the receiver's decision in information set ``f"{receiver}|{message}"``
        (one label across types: the receiver sees the message, not the type).  Node paths are
        ``"type/message"`` and ``"type/message/action"``.

    Raises
    ------
    InvalidPlayerError
        Empty or equal player names; payoffs missing a player or naming another one.
    InvalidActionError
        Empty, duplicated or non-string types, messages or actions (labels may not contain
        ``"/"``, which separates a node's path).
    InvalidPayoffError
        A history missing from the payoff table (named), or a payoff that is not a number or
        expression.
    InvalidGameError
        A prior that is provably negative, above 1, or does not sum to 1 (naming the type).

    Examples
    --------
    >>> sg = SignalingGame(
    ...     sender="S", receiver="R", types={"hi": sp.Rational(1, 2), "lo": sp.Rational(1, 2)},
    ...     messages=["m"], actions=["a", "b"],
    ...     payoffs=lambda t, m, x: {"S": 1 if x == "a" else 0, "R": 1 if (t == "hi") == (x == "a") else 0},
    ... )
    >>> list(sg.game.infosets)
    ['S|hi', 'R|m', 'S|lo']
    """

    sender: str
    receiver: str
    types: Mapping[str, sp.Expr]
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    payoffs: Mapping[Key, Mapping[str, sp.Expr]]
    outcomes: Mapping[Key, str]
    game: ExtensiveGame = field(compare=False, repr=False)

    def __init__(
        self,
        sender: str,
        receiver: str,
        types: Mapping[str, object],
        messages: Sequence[str],
        actions: Sequence[str],
        payoffs: PayoffSpec,
        outcomes: OutcomeSpec | None = None,
    ) -> None:
        for role, name in (("sender", sender), ("receiver", receiver)):
            if not isinstance(name, str) or not name:
                raise InvalidPlayerError(f"the {role} must be a non-empty string, got {name!r}")
        if sender == receiver:
            raise InvalidPlayerError(f"the sender and the receiver are both {sender!r}")
        if not isinstance(types, Mapping):
            raise InvalidGameError(f"types must map each type to its prior, got {types!r}")
        type_names = _labels(list(types), "types")
        prior = _prior(types)
        msgs = _labels(messages, "messages")
        acts = _labels(actions, "actions")
        players = (sender, receiver)
        keys = [(t, m, x) for t in type_names for m in msgs for x in acts]
        table = _payoff_table(payoffs, keys, players)
        labels = _outcome_table(outcomes, keys)
        object.__setattr__(self, "sender", sender)
        object.__setattr__(self, "receiver", receiver)
        object.__setattr__(self, "types", FrozenDict(prior))
        object.__setattr__(self, "messages", msgs)
        object.__setattr__(self, "actions", acts)
        object.__setattr__(self, "payoffs", FrozenDict(table))
        object.__setattr__(self, "outcomes", FrozenDict(labels))
        object.__setattr__(self, "game", self._build())

    # -- the tree -------------------------------------------------------------------------
    def _build(self) -> ExtensiveGame:
        branches = {}
        for t, prob in self.types.items():
            after = {}
            for m in self.messages:
                leaves = {}
                for x in self.actions:
                    pay = self.payoffs[(t, m, x)]
                    leaves[x] = Outcome(self.outcomes.get((t, m, x)), **pay)
                after[m] = Decision(self.receiver, leaves, infoset=self.receiver_infoset(m))
            branches[t] = (prob, Decision(self.sender, after, infoset=self.sender_infoset(t)))
        return ExtensiveGame(Chance(branches), players=self.players)

    def to_extensive(self) -> ExtensiveGame:
        """The game tree (the same object as :attr:`game`)."""
        return self.game

    @property
    def players(self) -> tuple[str, str]:
        """``(sender, receiver)``."""
        return (self.sender, self.receiver)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The free symbols of the prior and the payoffs, sorted by name."""
        return self.game.parameters

    def sender_infoset(self, type_: str) -> str:
        """The label of the sender's information set when its type is ``type_``."""
        return f"{self.sender}|{type_}"

    def receiver_infoset(self, message: str) -> str:
        """The label of the receiver's information set after ``message``."""
        return f"{self.receiver}|{message}"

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> SignalingGame:
        """The game with parameters substituted exactly (by name or by symbol)."""
        point = self.game.default_space().partial_point(values, **kw)
        return SignalingGame(
            self.sender,
            self.receiver,
            {t: p.xreplace(point) for t, p in self.types.items()},
            self.messages,
            self.actions,
            {k: {p: v.xreplace(point) for p, v in pay.items()} for k, pay in self.payoffs.items()},
            dict(self.outcomes),
        )

    # -- display --------------------------------------------------------------------------
    def _rows(self, show: Callable[[Any], str]) -> tuple[list[str], list[list[str]]]:
        header = ["type", "prior", "message", "action", self.sender, self.receiver]
        if self.outcomes:
            header.append("outcome")
        rows = []
        for (t, m, x), pay in self.payoffs.items():
            row = [t, show(self.types[t]), m, x, show(pay[self.sender]), show(pay[self.receiver])]
            if self.outcomes:
                row.append(self.outcomes.get((t, m, x), ""))
            rows.append(row)
        return header, rows

    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        return (
            f"<SignalingGame: {self.sender} → {self.receiver}; types {list(self.types)}, "
            f"messages {list(self.messages)}, actions {list(self.actions)}>"
        )

    def _repr_latex_(self) -> str:
        return render("mathjax", self)

    def to_latex(self, options: LatexOptions | None = None, /, **changes: Any) -> str:
        r"""The game tree (:attr:`game`) as a TikZ picture for a paper, drawn with the
        ``forest`` package; the receiver's information sets are dashed lines.  Needs
        ``\usepackage{forest, amsmath}``.  Options: a :class:`~gametheory.latex.LatexOptions`,
        or single ones by keyword; see :func:`gametheory.latex.tree_latex`."""
        return render("latex", self, options, **changes)


# -- validation -------------------------------------------------------------------------------


def _labels(labels: object, what: str) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise InvalidActionError(f"{what} must be a list of labels, got {labels!r}")
    out = tuple(labels)
    if not out:
        raise InvalidActionError(f"{what} is empty")
    for lab in out:
        if not isinstance(lab, str) or not lab:
            raise InvalidActionError(f"{what} has label {lab!r}; labels must be non-empty strings")
        if "/" in lab:
            raise InvalidActionError(f"{what} has label {lab!r}; '/' separates node paths")
    dup = sorted({lab for lab in out if out.count(lab) > 1})
    if dup:
        raise InvalidActionError(f"{what} has duplicate label(s): {', '.join(dup)}")
    return out


def _prior(types: Mapping[str, object]) -> dict[str, sp.Expr]:
    prior = {
        t: exact_expr(v, f"prior probability of type {t!r}", InvalidGameError)
        for t, v in types.items()
    }
    for t, v in prior.items():
        if v.is_negative:
            raise InvalidGameError(f"the prior probability of type {t!r} is negative: {v}")
        if (v - 1).is_positive:
            raise InvalidGameError(f"the prior probability of type {t!r} is above 1: {v}")
    total = sp.simplify(sum(prior.values(), sp.Integer(0)))
    listed = ", ".join(f"{t}: {v}" for t, v in prior.items())
    if total.is_number and total != 1:
        raise InvalidGameError(f"the prior sums to {total}, not 1 ({listed})")
    side = None if total.is_number else never_one(total)
    if side is not None:
        names = ", ".join(sorted(str(s) for s in total.free_symbols))
        raise InvalidGameError(
            f"the prior of types {', '.join(repr(t) for t in prior)} sums to {total}, which is "
            f"{side} 1 for every value of {names} ({listed})"
        )
    return prior


def _lookup(spec: PayoffSpec, key: Key, what: str) -> object:
    if isinstance(spec, Mapping):
        if key not in spec:
            raise InvalidPayoffError(f"the {what} table has no entry for {key}")
        return spec[key]
    if callable(spec):
        try:
            return spec(*key)
        except Exception as exc:
            name = getattr(spec, "__name__", type(spec).__name__)
            error = InvalidPayoffError if what == "payoff" else InvalidGameError
            raise error(
                f"the {what} function {name} raised {type(exc).__name__} at (type, message, "
                f"action) {key}: {exc}"
            ) from exc
    raise InvalidGameError(
        f"{what} must be a function (type, message, action) -> ... or a table keyed by "
        f"(type, message, action); got {type(spec).__name__}"
    )


def _check_keys(spec: object, keys: list[Key], what: str) -> None:
    if isinstance(spec, Mapping):
        known = set(keys)
        extra = [k for k in spec if k not in known]
        if extra:
            raise InvalidPayoffError(
                f"the {what} table has entry {extra[0]!r}, which is not a (type, message, action) "
                "of the game"
            )


def _payoff_table(
    spec: PayoffSpec, keys: list[Key], players: tuple[str, str]
) -> dict[Key, FrozenDict]:
    _check_keys(spec, keys, "payoff")
    out = {}
    for key in keys:
        raw = _lookup(spec, key, "payoff")
        if isinstance(raw, Mapping):
            missing = [p for p in players if p not in raw]
            extra = [p for p in raw if p not in players]
            if missing or extra:
                what = f"misses {missing[0]}" if missing else f"names unknown player {extra[0]!r}"
                raise InvalidPlayerError(
                    f"the payoffs at {key} {what} (players: {', '.join(players)})"
                )
            values = [raw[p] for p in players]
        elif isinstance(raw, Sequence) and not isinstance(raw, str) and len(raw) == 2:
            values = list(raw)
        else:
            raise InvalidPayoffError(
                f"the payoffs at {key} are {raw!r}; give {{player: payoff}} or a pair "
                f"({players[0]}'s payoff, {players[1]}'s payoff)"
            )
        out[key] = FrozenDict(
            {
                p: exact_expr(v, f"payoff of {p} at {key}")
                for p, v in zip(players, values, strict=True)
            }
        )
    return out


def _outcome_table(spec: OutcomeSpec | None, keys: list[Key]) -> dict[Key, str]:
    if spec is None:
        return {}
    _check_keys(spec, keys, "outcome")
    out = {}
    for key in keys:
        label = spec.get(key) if isinstance(spec, Mapping) else _lookup(spec, key, "outcome")
        if label is None:
            continue
        if not isinstance(label, str) or not label:
            raise InvalidGameError(
                f"the outcome label at {key} is {label!r}; give a non-empty string or None"
            )
        out[key] = label
    return out

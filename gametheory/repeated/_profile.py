"""The profile of automata a repeated-game check reads, and what its equilibrium shows of it:
each player's automaton checked against the stage game, the automata's mixtures as
strategies, and a player's value from the start."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import GameError
from . import _chain
from .automaton import Automaton, InvalidAutomatonError
from .game import RepeatedGame

__all__ = ["automata_of", "is_pure", "start_value", "strategies_of"]


def automata_of(game: RepeatedGame, profile: object) -> tuple[Automaton, ...]:
    if not isinstance(profile, Mapping):
        raise GameError(
            "profile must map each player to an Automaton, e.g. {'Row': grim, 'Col': grim}"
        )
    players = game.players
    unknown = [p for p in profile if p not in players]
    if unknown:
        raise GameError(
            f"the profile names {', '.join(map(str, unknown))}, not a player of the stage game "
            f"({', '.join(players)})"
        )
    out = []
    for i, p in enumerate(players):
        a = profile.get(p)
        if a is None:
            raise GameError(f"the profile gives no automaton for {p}")
        if not isinstance(a, Automaton):
            raise InvalidAutomatonError(
                f"{p}'s strategy must be an Automaton, got {type(a).__name__}"
            )
        acts = game.stage.actions[p]
        others = [game.stage.actions[q] for j, q in enumerate(players) if j != i]
        a.check(acts, others, p)
        out.append(a)
    return tuple(out)


def is_pure(a: Automaton) -> bool:
    return all(len([v for v in lot.values() if v != 0]) == 1 for lot in a.play.values())


def strategies_of(game: RepeatedGame, automata: Sequence[Automaton]) -> dict[str, dict[str, Any]]:
    """``{"<player>@<state>": {action: probability}}`` for every state of every automaton."""
    out: dict[str, dict[str, Any]] = {}
    for p, a in zip(game.players, automata, strict=True):
        for s, lot in a.play.items():
            out[f"{p}@{s}"] = {b: lot.get(b, sp.Integer(0)) for b in game.stage.actions[p]}
    return out


def start_value(chain: _chain.Chain, freq: Sequence[list[Any]], f: _chain.Field, i: int) -> sp.Expr:
    """Player ``i``'s value from the start as one fraction in lowest terms."""
    syms: set[sp.Symbol] = set(chain.game.parameters)
    for a in chain.automata:
        syms |= set(a.parameters)
    whole = _chain.Field(syms)
    return whole.expr(whole(_chain.form_expr(f, freq[0], _chain.payoffs_of(chain, i))))

"""The words a symbolic claim may use besides the parameters: an equilibrium's quantities.

``outcome("war")`` is the probability of the outcome labelled ``"war"``, ``payoff("I")`` player
I's expected payoff, ``prob("omega", "warn")`` the probability of an action at an information set
(or of a player's action in a normal-form game).  Each is a sympy symbol with a reserved name
(``P[war]``, ``U[I]``, ``sigma[omega:warn]``), replaced by the equilibrium's expression when a
claim is checked.  ``war`` is ``outcome("war")``.
"""

from __future__ import annotations

import re

import sympy as sp

from ..equilibrium import Equilibrium
from ..errors import GameError

__all__ = ["ClaimError", "outcome", "payoff", "prob", "substitute", "war"]

_NAME = re.compile(r"^(P|U|sigma)\[(.+)\]$")


class ClaimError(GameError):
    """A claim that cannot be checked: not a Boolean, naming an unknown outcome, player or
    action, or a predicate that raised (with the point)."""


def outcome(label: str) -> sp.Symbol:
    """The probability of the outcome ``label`` in an equilibrium."""
    return sp.Symbol(f"P[{label}]", real=True)


def payoff(player: str) -> sp.Symbol:
    """A player's expected payoff in an equilibrium."""
    return sp.Symbol(f"U[{player}]", real=True)


def prob(where: str, action: str) -> sp.Symbol:
    """The probability of ``action`` at information set (or of player) ``where``."""
    return sp.Symbol(f"sigma[{where}:{action}]", real=True)


war = outcome("war")


def is_quantity(s: sp.Symbol) -> bool:
    """Whether a symbol is one of the claim words (not a parameter)."""
    return _NAME.match(s.name) is not None


def substitute(claim: sp.Basic, eq: Equilibrium) -> sp.Basic:
    """The claim with every equilibrium quantity replaced by ``eq``'s expression."""
    subs = {}
    for s in claim.free_symbols:
        m = _NAME.match(s.name)
        if m is None:
            continue
        kind, key = m.groups()
        if kind == "P":
            if key not in eq.outcomes:
                raise ClaimError(
                    f"the claim names outcome {key!r}; the outcomes are {', '.join(eq.outcomes)}"
                )
            subs[s] = eq.outcomes[key]
        elif kind == "U":
            if key not in eq.payoffs:
                raise ClaimError(
                    f"the claim names player {key!r}; the players are {', '.join(eq.payoffs)}"
                )
            subs[s] = eq.payoffs[key]
        else:
            where, _, action = key.rpartition(":")
            if where not in eq.strategies or action not in eq.strategies[where]:
                raise ClaimError(
                    f"the claim names action {action!r} at {where!r}, which the equilibrium "
                    f"does not have (information sets: {', '.join(eq.strategies)})"
                )
            subs[s] = eq.strategies[where][action]
    return claim.xreplace(subs)

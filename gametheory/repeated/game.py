"""Infinitely repeated games with a common discount factor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .._numbers import to_expr
from ..errors import InvalidGameError
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace

__all__ = ["RepeatedGame"]


@dataclass(frozen=True, init=False)
class RepeatedGame:
    """A stage game played in every period ``t = 0, 1, 2, ...``, forever, with every action
    profile observed; payoffs are the normalised discounted sums ``(1 − δ) Σ δᵗ uₜ``.

    Parameters
    ----------
    stage
        The stage game, a :class:`~gametheory.NormalFormGame` (symbolic payoffs allowed).
    discount
        The common discount factor ``δ``: a sympy symbol (its space interval is intersected with
        ``(0, 1)``) or a number strictly between 0 and 1.

    Examples
    --------
    >>> import sympy as sp
    >>> import gametheory as gt
    >>> delta = sp.Symbol("delta", positive=True)
    >>> pd = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      actions=(["C", "D"], ["C", "D"]))
    >>> rg = gt.RepeatedGame(pd, discount=delta)
    >>> grim = gt.Automaton.grim_trigger(cooperate="C", punish="D")
    >>> sol = gt.spe(rg, profile={"Row": grim, "Col": grim})
    >>> print(sol[0].conditions)
    delta >= 1/2
    """

    stage: NormalFormGame
    discount: sp.Expr

    def __init__(self, stage: NormalFormGame, discount: object) -> None:
        if not isinstance(stage, NormalFormGame):
            raise InvalidGameError(
                f"the stage game must be a NormalFormGame, got {type(stage).__name__}"
            )
        if len(stage.players) < 2:
            raise InvalidGameError("a repeated game needs a stage game with at least two players")
        delta = to_expr(discount, "the discount factor", InvalidGameError)
        if delta.free_symbols:
            if not isinstance(delta, sp.Symbol):
                raise InvalidGameError(
                    f"the discount factor {delta} must be a number or a single symbol"
                )
            if delta in stage.parameters:
                raise InvalidGameError(f"the discount factor {delta} is also a payoff parameter")
        elif not (0 < delta < 1):
            raise InvalidGameError(f"the discount factor must lie in (0, 1), got {delta}")
        object.__setattr__(self, "stage", stage)
        object.__setattr__(self, "discount", delta)

    @property
    def players(self) -> tuple[str, ...]:
        return self.stage.players

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The stage game's parameters and the discount factor when symbolic, by name."""
        syms = set(self.stage.parameters) | self.discount.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def default_space(self) -> ParameterSpace:
        """The parameters' own assumptions, with ``δ`` in ``(0, 1)``."""
        return with_discount(ParameterSpace.from_symbols(self.parameters), self.discount)

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> RepeatedGame:
        """The repeated game with parameters substituted (the discount factor too)."""
        point = self.default_space().partial_point(values, **kw)
        stage = self.stage.at({s: v for s, v in point.items() if s in self.stage.parameters})
        return RepeatedGame(stage, self.discount.xreplace(point))

    def __str__(self) -> str:
        return f"{self.stage}\nrepeated forever, discount factor {self.discount}"


def with_discount(space: ParameterSpace, delta: sp.Expr) -> ParameterSpace:
    """``space`` with the discount factor's interval intersected with ``(0, 1)``."""
    if not isinstance(delta, sp.Symbol):
        return space
    unit = sp.Interval.open(0, 1)
    bounds: dict[sp.Symbol | str, object] = dict(space.intervals)
    current = bounds.get(delta, unit)
    narrowed = unit.intersect(current) if isinstance(current, sp.Interval) else unit
    if narrowed.is_empty:
        raise InvalidGameError(f"the space puts the discount factor {delta} outside (0, 1)")
    bounds[delta] = narrowed
    return ParameterSpace(bounds, space.constraints)


@dataclass(frozen=True)
class RepeatedProfile:
    """A repeated game with a profile of automata and the concept to check it for: the ``game``
    of the :class:`~gametheory.Solution` that ``gt.spe(rg, profile=...)`` and
    ``gt.nash(rg, profile=...)`` return, so that ``gt.solve``, ``gt.verify`` and
    ``Solution.at`` can solve it again."""

    game: RepeatedGame
    profile: tuple[tuple[str, Any], ...]  # (player, Automaton) in player order
    concept: str

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        syms = set(self.game.parameters)
        for _, a in self.profile:
            syms |= set(a.parameters)
        return tuple(sorted(syms, key=lambda s: s.name))

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> RepeatedProfile:
        space = with_discount(ParameterSpace.from_symbols(self.parameters), self.game.discount)
        point = space.partial_point(values, **kw)
        game = self.game.at({s: v for s, v in point.items() if s in self.game.parameters})
        profile = tuple((p, a.substitute(point)) for p, a in self.profile)
        return RepeatedProfile(game, profile, self.concept)

    def __str__(self) -> str:
        who = ", ".join(f"{p}: {a}" for p, a in self.profile)
        return f"{self.game}\nprofile ({self.concept}): {who}"

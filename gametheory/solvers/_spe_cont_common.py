"""Helpers shared by sequential (:mod:`._spe_continuous`) and simultaneous
(:mod:`._spe_simultaneous`) continuous decisions: neither imports the other for them."""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ..errors import InvalidGameError
from ..games.tree import ContinuousDecision
from ..params import ParameterSpace
from ._backward_pieces import Ctx, Piece

__all__ = ["check_interval", "child_ctx", "distinct"]


def distinct(pieces: Sequence[Piece], infosets: Sequence[str]) -> list[Piece]:
    """One piece per (region, continuous choices at ``infosets``, payoffs, outcomes): two
    choices of a number with the same payoffs are different equilibria, not variants."""
    seen: dict[object, Piece] = {}
    for p in pieces:
        key = (
            frozenset(p.region.atoms),
            tuple(tuple(p.strategies[h].items()) for h in infosets),
            p.payoffs,
            frozenset(p.outcomes.items()),
        )
        seen.setdefault(key, p)
    return list(seen.values())


def check_interval(ctx: Ctx, node: ContinuousDecision, where: str) -> None:
    """A :class:`InvalidGameError` when ``lo ≥ hi`` is possible on the space."""
    lo, hi = node.interval
    if (lo - hi).is_number:
        return
    if ctx.decide(ctx.atoms_of(lo - hi, ">=")) is not None:
        raise InvalidGameError(
            f"the interval [{lo}, {hi}] of {node.player}'s continuous choice {node.variable} "
            f"at node {where} is empty where {lo} >= {hi}, which the parameter space allows; "
            "restrict the space"
        )


def child_ctx(ctx: Ctx, x: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> Ctx:
    """A solver state whose space also bounds the variable ``x`` to ``[lo, hi]``."""
    space = ctx.space
    bounds: dict[sp.Symbol | str, object] = dict(space.intervals)
    constraints = list(space.constraints)
    if lo.is_number and hi.is_number:
        bounds[x] = (lo, hi)
    else:
        bounds[x] = (
            lo if lo.is_number else None,
            hi if hi.is_number else None,
        )
        constraints += [c for c in (x >= lo, x <= hi) if c is not sp.true]
    new = Ctx(ParameterSpace(bounds, constraints), effort=ctx.effort, strict=False)
    new.notes = ctx.notes
    new.nash_infosets = ctx.nash_infosets
    return new
